"""A complaint about several events walked through the service on both databases: the Ombudsman finds exceptional
circumstances for one late loan and not the other (DISP 2.8.2R(3), judged per event), and the case's live
assessment keeps that finding for the loan it named."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlmodel import Session, col, select

from ombudsman import reads
from ombudsman.clock import FixedClock
from ombudsman.errors import InvalidInput, Refused
from ombudsman.models import AuditEvent
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER, OMBUDSMAN
from tests.walk import FIRM, Walk

# Two loans more than six years old when the lender received the complaint (2 June 2025), and one within; the
# lender objects to the late ones (DISP 2.8.2R(5)); the complainant was in hospital.
LOANS: list[dict[str, Any]] = [
    {"id": "L1", "kind": "loan", "date": "2012-01-10", "awareness_date": "2012-01-10"},
    {"id": "L2", "kind": "loan", "date": "2013-05-01", "awareness_date": "2013-05-01"},
    {"id": "L3", "kind": "loan", "date": "2022-06-01"},
]
FACTS: dict[str, Any] = {
    "event_date": None,
    "awareness_date": None,
    "events": LOANS,
    "respondent_consents_to_late_referral": False,
    "exceptional_circumstances": "In hospital from 2018 to 2025",
}


def invited(service: CaseService, clock: FixedClock) -> Walk:
    walk = Walk(service, clock, date(2025, 9, 8), **FACTS)
    walk.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
    walk.step(CASEWORKER, "invite_jurisdiction_representations", "jurisdiction_representations", raised_by="ombudsman")
    walk.step(walk.complainant, "make_representations", "jurisdiction_representations", text="I was in hospital.")
    walk.step(FIRM, "make_representations", "jurisdiction_representations", text="Both are too old.")
    return walk


def test_exceptional_circumstances_found_for_one_loan_let_in_that_loan_and_not_the_other(
    service: CaseService, clock: FixedClock
) -> None:
    walk = invited(service, clock)
    walk.step(
        OMBUDSMAN,
        "accept_jurisdiction",
        "investigation",
        exception="exceptional_circumstances",
        exception_events=["L1"],
        reasons="The hospital stay explains the delay for L1; L2 was repaid before it began.",
    )
    case = walk.reload()
    assert case.jurisdiction_exception == "exceptional_circumstances"
    assert case.jurisdiction_exception_events == ["L1"]
    view = reads.case(service, CASEWORKER, walk.reference)
    assert view.jurisdiction["events_in_jurisdiction"] == ["L1", "L3"]
    assert view.jurisdiction["events_out_of_jurisdiction"] == ["L2"]
    with Session(service.engine) as session:
        accepted = session.exec(
            select(AuditEvent).where(AuditEvent.name == "accept_jurisdiction").order_by(col(AuditEvent.id).desc())
        ).first()
    assert accepted is not None
    assert accepted.details["events_in"] == ["L1", "L3"] and accepted.details["events_out"] == ["L2"]
    assert set(accepted.details["event_reasons"]) == {"L1", "L2", "L3"}

    # Jurisdiction stays open: the finding stays with L1 while the facts are corrected around it.
    walk.step(
        CASEWORKER,
        "amend_facts",
        "investigation",
        facts={"events": [*LOANS, {"id": "L4", "kind": "loan", "date": "2023-01-01"}]},
        reasons="A fourth loan found in the statements.",
    )
    assert reads.case(service, CASEWORKER, walk.reference).jurisdiction["events_in_jurisdiction"] == ["L1", "L3", "L4"]


def test_an_exception_naming_an_event_the_case_does_not_have_is_bad_input_and_nothing_is_written(
    service: CaseService, clock: FixedClock
) -> None:
    walk = invited(service, clock)
    before = walk.reload().version
    with pytest.raises(InvalidInput) as refused:
        service.act(
            OMBUDSMAN,
            walk.reference,
            "accept_jurisdiction",
            fields={"exception": "exceptional_circumstances", "exception_events": ["L9"], "reasons": "x"},
        )
    assert refused.value.errors[0]["field"] == "exception_events"
    assert walk.reload().version == before


def test_without_an_exception_the_late_loans_are_out_and_the_case_goes_on_for_the_third(
    service: CaseService, clock: FixedClock
) -> None:
    walk = invited(service, clock)
    walk.step(CASEWORKER, "accept_jurisdiction", "investigation", reasons="Only L3 was brought in time.")
    view = reads.case(service, CASEWORKER, walk.reference)
    assert view.jurisdiction["events_out_of_jurisdiction"] == ["L1", "L2"]
    assert view.jurisdiction["in_jurisdiction"] is True


def test_every_loan_out_and_the_complaint_is_decided_out(service: CaseService, clock: FixedClock) -> None:
    walk = invited(service, clock)
    walk.step(
        CASEWORKER,
        "amend_facts",
        "jurisdiction_representations",
        facts={"events": LOANS[:2]},
        reasons="L3 was the complainant's partner's loan.",
    )
    with pytest.raises(Refused):
        service.act(CASEWORKER, walk.reference, "accept_jurisdiction", fields={"reasons": "In."})
    walk.step(CASEWORKER, "decide_out_of_jurisdiction", "out_of_jurisdiction", reasons="Both loans were too old.")
