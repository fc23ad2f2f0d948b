"""The new paths of contract edition 2, walked end to end through the service on both databases."""

from __future__ import annotations

from datetime import date

from sqlmodel import col

from ombudsman.clock import FixedClock
from ombudsman.db import transaction
from ombudsman.models import Case
from ombudsman.repository import cases_where, load
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER
from tests.walk import FIRM, Walk


def _facts(service: CaseService, reference: str) -> dict[str, object]:
    with transaction(service.engine) as session:
        record = load(session, cases_where(col(Case.reference) == reference))
        assert record is not None
        return dict(record.case.facts)


def test_a_complaint_never_made_to_the_firm_is_referred_to_it_and_its_eight_weeks_run_from_the_referral(
    service: CaseService, clock: FixedClock
) -> None:
    """DISP 3.2.2R: the referral is the complaint (the legal review's probe W18: it used to be stuck in referred)."""
    walk = Walk(
        service,
        clock,
        date(2026, 10, 5),
        complained_to_respondent_on=None,
        final_response_sent_on=None,
        final_response_mentioned_time_limit=False,
        referred_on="2026-10-05",
    )
    walk.step(CASEWORKER, "refer_to_respondent", "with_respondent")
    assert _facts(service, walk.reference)["complained_to_respondent_on"] == "2026-10-05"
    walk.sweep("with_respondent", days=(date(2026, 11, 30) - clock.today()).days)  # the last day of 8 weeks
    walk.sweep("jurisdiction_check", days=1)


def test_a_late_complaint_the_firm_never_objected_to_is_accepted_on_the_firms_silence(
    service: CaseService, clock: FixedClock
) -> None:
    """DISP 2.8.2R(5), seed edition: "has not objected" (probe W8: it used to be decided out)."""
    walk = Walk(service, clock, date(2026, 3, 2), referred_on="2026-03-01")  # six months ran out on 21 January
    walk.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
    walk.step(
        CASEWORKER,
        "accept_jurisdiction",
        "investigation",
        exception="respondent_consent",
        reasons="The business has not objected to us looking at it.",
    )


def test_a_late_complaint_the_firm_objects_to_is_decided_out_after_both_parties_are_heard(
    service: CaseService, clock: FixedClock
) -> None:
    walk = Walk(service, clock, date(2026, 3, 2), referred_on="2026-03-01")
    walk.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
    walk.step(CASEWORKER, "invite_jurisdiction_representations", "jurisdiction_representations", raised_by="ombudsman")
    assert {letter.addressed_to for letter in walk.letters() if letter.kind == "jurisdiction_representations"} == {
        "complainant",
        "respondent",
    }  # the firm had not said whether it objects: it is asked too
    walk.step(FIRM, "record_late_referral_position", "jurisdiction_representations", consents=False, reasons="Late.")
    walk.step(FIRM, "make_representations", "jurisdiction_representations", text="Our final response warned them.")
    walk.step(walk.complainant, "make_representations", "jurisdiction_representations", text="I was unwell.")
    walk.step(CASEWORKER, "decide_out_of_jurisdiction", "out_of_jurisdiction", reasons="Referred too late.")
