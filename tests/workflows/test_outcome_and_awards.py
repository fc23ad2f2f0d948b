"""DISP 3.7.1R at the door: an assessment or a determination not in the complainant's favour carries no award."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from workflows.table import FIELDS

MONEY = {"money": [{"head": "financial_loss", "amount": "5000.00"}]}


@pytest.mark.parametrize("step", ["determine", "issue_provisional_assessment"])
def test_a_not_upheld_outcome_with_a_money_award_is_refused_naming_awards(step: str) -> None:
    with pytest.raises(ValidationError) as refusal:
        FIELDS[step].model_validate({"reasons": "Not upheld.", "outcome": "not_uphold", "awards": MONEY})
    [error] = refusal.value.errors()
    assert error["loc"] == ("awards",)
    assert "not upheld carries no award" in error["msg"]


@pytest.mark.parametrize("step", ["determine", "issue_provisional_assessment"])
@pytest.mark.parametrize("outcome", ["uphold", "partly_uphold"])
def test_an_outcome_in_the_complainants_favour_may_carry_a_money_award(step: str, outcome: str) -> None:
    fields = FIELDS[step].model_validate({"reasons": "Upheld.", "outcome": outcome, "awards": MONEY})
    assert fields.awards is not None


@pytest.mark.parametrize("step", ["determine", "issue_provisional_assessment"])
def test_a_not_upheld_outcome_without_awards_is_taken(step: str) -> None:
    fields = FIELDS[step].model_validate({"reasons": "Not upheld.", "outcome": "not_uphold"})
    assert fields.awards is None
