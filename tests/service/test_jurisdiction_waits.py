"""DISP 3.2.3R: when the respondent says a complaint is out of jurisdiction, both parties are heard before the
Ombudsman decides, whichever way he decides (the legal review's probe W1: accepted the same day it was raised)."""

from __future__ import annotations

from datetime import date

import pytest

from ombudsman.clock import FixedClock
from ombudsman.errors import Refused
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER
from tests.walk import FIRM, Walk


@pytest.fixture
def raised(service: CaseService, clock: FixedClock) -> Walk:
    walk = Walk(service, clock, date(2026, 3, 2))
    walk.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
    return walk.step(
        CASEWORKER,
        "invite_jurisdiction_representations",
        "jurisdiction_representations",
        raised_by="respondent",
        respond_by="2026-03-16",
        reasons="The bank says the complaint is about a product it did not sell.",
    )


def test_jurisdiction_cannot_be_accepted_the_day_the_respondent_objects(raised: Walk) -> None:
    with pytest.raises(Refused) as refusal:
        raised.service.act(CASEWORKER, raised.reference, "accept_jurisdiction", fields={"reasons": "It is ours."})
    assert "waiting for representations from the complainant and the respondent until 16 March 2026" in str(
        refusal.value.detail
    )
    assert refusal.value.citation == "DISP 3.2.3R, DISP 3.2.4R"


def test_jurisdiction_may_be_accepted_once_both_parties_have_made_representations(raised: Walk) -> None:
    raised.step(FIRM, "make_representations", "jurisdiction_representations", days=1, text="We never sold it.")
    raised.step(raised.complainant, "make_representations", "jurisdiction_representations", text="They did.")
    raised.step(CASEWORKER, "accept_jurisdiction", "investigation", reasons="The papers show the sale.")


@pytest.mark.parametrize(("days", "state"), [(13, None), (14, None), (15, "investigation")])
def test_jurisdiction_may_be_accepted_without_them_once_the_last_day_has_passed(
    raised: Walk, days: int, state: str | None
) -> None:
    raised.clock.advance(days)  # 15, 16 and 17 March: the day before the last day, the last day, the day after
    if state is None:
        with pytest.raises(Refused):
            raised.service.act(CASEWORKER, raised.reference, "accept_jurisdiction", fields={"reasons": "Ours."})
    else:
        raised.step(CASEWORKER, "accept_jurisdiction", state, reasons="Nobody answered; the papers show the sale.")
