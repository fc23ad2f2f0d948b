"""``models.new_row`` makes the same row as the model's constructor, without its per-field bookkeeping."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ombudsman.models import Case, Letter, TimeLimit, new_row
from workflows.vocabulary import Channel, DeliveryStatus, LetterKind, Party

AT = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
LETTER = {
    "case_id": 7,
    "kind": LetterKind.acknowledgement,
    "addressed_to": Party.complainant,
    "step": "open_case",
    "version": 1,
    "made_at": AT,
    "html": "<p>Dear Ms Example</p>",
    "text": "Dear Ms Example",
}


def test_a_new_row_holds_what_the_constructor_would_defaults_and_all() -> None:
    made, constructed = new_row(Letter, **LETTER), Letter(**LETTER)
    assert made.model_dump() == constructed.model_dump()
    assert (made.channel, made.delivery, made.address, made.id) == (Channel.email, DeliveryStatus.queued, None, None)


def test_a_default_factory_gives_each_row_its_own_value() -> None:
    first = new_row(TimeLimit, case_id=1, kind="respondent_time", due_on=date(2026, 12, 8), set_at=AT)
    second = new_row(TimeLimit, case_id=2, kind="respondent_time", due_on=date(2026, 12, 8), set_at=AT)
    first.binds.append("respondent")
    assert second.binds == []


def test_a_name_that_is_no_field_of_the_model_is_refused() -> None:
    with pytest.raises(TypeError, match="Case has no field refrence"):
        new_row(Case, refrence="FOS-2026-000001")
