"""Each step's record is stored as its audit event's details and read back typed; each kind of letter has its
context registered."""

from __future__ import annotations

from datetime import date

from ombudsman.letters import CONTEXTS
from workflows.events import RECORDS, read_record
from workflows.steps.determination import Determined
from workflows.steps.investigation_records import TimeLimitMoved
from workflows.steps.jurisdiction import JurisdictionAccepted
from workflows.table import STEP_BY_NAME
from workflows.vocabulary import LetterKind, Outcome, Party


def test_every_kind_of_letter_has_its_context_registered() -> None:
    assert set(CONTEXTS) == set(LetterKind)


def test_every_record_is_registered_for_a_step_that_exists() -> None:
    assert set(RECORDS) <= set(STEP_BY_NAME)


def test_a_determination_is_stored_as_it_always_was_and_read_back_typed() -> None:
    determined = Determined(Outcome.uphold, date(2026, 12, 1), date(2026, 11, 30))
    stored = {"outcome": "uphold", "accept_before": "2026-12-01", "last_day_to_accept": "2026-11-30"}
    assert determined.as_details() == stored
    back = read_record("determine", stored)
    assert back == determined and isinstance(back, Determined) and isinstance(back.accept_before, date)


def test_a_field_python_keeps_for_itself_is_stored_under_its_own_key() -> None:
    moved = TimeLimitMoved("representations", date(2026, 11, 16), date(2026, 11, 30), (Party.complainant,))
    stored = moved.as_details()
    assert stored["from"] == "2026-11-16" and "extended_from" not in stored
    assert read_record("extend_time_limit", stored) == moved


def test_a_field_left_out_while_none_is_not_stored() -> None:
    accepted = JurisdictionAccepted(None, date(2026, 4, 1))
    assert accepted.as_details() == {"exception": None, "representations_by": "2026-04-01"}
    assert read_record("accept_jurisdiction", accepted.as_details()) == accepted
