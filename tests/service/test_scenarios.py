"""Whole cases walked to every terminal state, saved and reloaded (through a fresh engine) between steps."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from ombudsman.clock import FixedClock
from ombudsman.models import TimeLimit
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER, OMBUDSMAN
from tests.walk import FIRM, Walk


@pytest.fixture
def walk(service: CaseService, clock: FixedClock) -> Walk:
    return Walk(service, clock, date(2025, 9, 8))


def test_an_accepted_determination_binds_and_closes_when_the_firm_complies(walk: Walk) -> None:
    walk.to_awaiting_determination().determine(days=0)
    walk.step(walk.complainant, "accept", "accepted", days=28)  # the last day: the day before the date
    entry = walk.register()
    assert entry is not None and entry.status == "binding"
    assert entry.money_award == Decimal("150000.00")  # capped at the DISP 3.7.4R limit
    walk.step(FIRM, "record_compliance", "complied", days=10, evidence="Paid by bank transfer.")
    entry = walk.register()
    assert entry is not None and entry.status == "complied"


def test_silence_until_the_date_specified_is_a_rejection_and_an_ombudsman_may_accept_it_late(walk: Walk) -> None:
    walk.to_awaiting_determination().determine(days=0)
    walk.sweep("determined", days=28)  # the last day to accept: not yet lapsed
    walk.sweep("rejected", days=1)  # the date specified has arrived
    entry = walk.register()
    assert entry is not None and entry.status == "not_binding"
    walk.step(walk.complainant, "notify_late_acceptance", "rejected", days=3, reasons="I was in hospital.")
    walk.step(OMBUDSMAN, "accept_late", "accepted", reasons="A hospital stay caused the delay.")
    walk.step(FIRM, "record_compliance", "complied", evidence="Paid.")
    assert ("lapse", "determined", "rejected") in walk.events()


def test_an_express_rejection_ends_the_case_with_neither_party_bound(walk: Walk) -> None:
    walk.to_awaiting_determination().determine(days=0)
    walk.step(walk.complainant, "reject", "rejected", days=5)
    entry = walk.register()
    assert entry is not None and entry.status == "not_binding"


def test_a_provisional_assessment_nobody_disagrees_with_closes_the_case(walk: Walk) -> None:
    walk.to_investigation()
    walk.step(CASEWORKER, "issue_provisional_assessment", "provisional_assessment", outcome="not_uphold", reasons="x")
    with Session(walk.service.engine) as session:
        limit = session.exec(select(TimeLimit).where(TimeLimit.kind == "assessment_response")).one()
    walk.sweep("provisional_assessment", days=(limit.due_on - walk.clock.today()).days)
    walk.sweep("assessment_accepted", days=1)


def test_a_complaint_referred_too_late_is_decided_out_of_jurisdiction(service: CaseService, clock: FixedClock) -> None:
    clock.set(date(2026, 3, 2))
    walk = Walk(service, clock, referred_on="2026-03-01")  # more than six months after 21 July 2025
    walk.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
    walk.step(FIRM, "record_late_referral_position", "jurisdiction_check", consents=False, reasons="It is late.")
    walk.step(CASEWORKER, "invite_jurisdiction_representations", "jurisdiction_representations", raised_by="ombudsman")
    walk.step(walk.complainant, "make_representations", "jurisdiction_representations", text="I was unwell.")
    walk.step(CASEWORKER, "decide_out_of_jurisdiction", "out_of_jurisdiction", reasons="Referred too late.")


def test_a_complaint_referred_too_late_is_accepted_when_the_respondent_consents(
    service: CaseService, clock: FixedClock
) -> None:
    clock.set(date(2026, 3, 2))
    walk = Walk(service, clock, referred_on="2026-03-01", respondent_consents_to_late_referral=True)
    walk.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
    walk.step(
        CASEWORKER,
        "accept_jurisdiction",
        "investigation",
        reasons="The respondent does not object.",
        exception="respondent_consent",
    )


def test_a_complaint_is_dismissed_after_the_complainant_could_make_representations(walk: Walk) -> None:
    walk.to_investigation()
    walk.step(CASEWORKER, "propose_dismissal", "dismissal_representations", ground="3", reasons="No prospect.")
    walk.step(CASEWORKER, "withdraw_dismissal_proposal", "investigation", reasons="New evidence arrived.")
    walk.step(CASEWORKER, "propose_dismissal", "dismissal_representations", ground="8", reasons="Court decided it.")
    walk.step(walk.complainant, "make_representations", "dismissal_representations", text="Please reconsider.")
    walk.step(CASEWORKER, "dismiss", "dismissed", reasons="The county court decided the dispute on its merits.")


def test_a_test_case_is_dismissed_so_a_court_may_decide_it_after_the_complainant_is_heard(walk: Walk) -> None:
    """DISP 3.3.5R through DISP 3.3.1R (edition 2; the legal review's probe W2: it used to skip representations)."""
    walk.to_investigation()
    walk.step(
        CASEWORKER,
        "propose_dismissal",
        "dismissal_representations",
        ground="test_case",
        reasons="An important point of law.",
        point_of_law="Whether the exclusion clause is unfair.",
        costs_undertaking=True,
    )
    walk.step(walk.complainant, "make_representations", "dismissal_representations", text="Please decide it.")
    walk.step(CASEWORKER, "dismiss", "dismissed", reasons="A court should decide the point.")


def test_a_complaint_is_referred_elsewhere_with_consent(walk: Walk) -> None:
    walk.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
    walk.step(
        CASEWORKER,
        "refer_elsewhere",
        "referred_elsewhere",
        scheme="The Pensions Ombudsman",
        complainant_consent=True,
        reasons="Better placed.",
    )


def test_a_settled_case_closes_when_the_firm_complies(walk: Walk) -> None:
    walk.to_investigation()
    walk.step(CASEWORKER, "settle", "settled", terms="£500 within 28 days.", reasons="Agreed.")
    walk.step(FIRM, "record_compliance", "complied", evidence="Paid £500.")


def test_a_complainant_may_withdraw_from_a_hearing(walk: Walk) -> None:
    walk.to_investigation()
    walk.step(CASEWORKER, "issue_provisional_assessment", "provisional_assessment", outcome="uphold", reasons="x")
    walk.step(walk.complainant, "disagree", "awaiting_determination")
    walk.step(FIRM, "request_hearing", "awaiting_determination", issues="Whether the answers were careless.")
    walk.step(CASEWORKER, "grant_hearing", "hearing", private=True, reasons="Medical evidence.")
    walk.step(CASEWORKER, "conclude_hearing", "awaiting_determination")
    walk.step(walk.complainant, "withdraw", "withdrawn", reasons="I have moved on.")


@pytest.fixture
def with_the_respondent(service: CaseService, clock: FixedClock) -> Walk:
    """Received by the firm on 1 October 2026, no final response yet: its eight weeks end on 26 November."""
    clock.set(date(2026, 10, 5))
    walk = Walk(
        service,
        clock,
        complained_to_respondent_on="2026-10-01",
        final_response_sent_on=None,
        referred_on="2026-10-05",
    )
    walk.step(CASEWORKER, "refer_to_respondent", "with_respondent")
    return walk


def test_the_respondent_s_time_runs_out_and_the_sweep_starts_the_jurisdiction_check(
    with_the_respondent: Walk, clock: FixedClock
) -> None:
    walk = with_the_respondent
    walk.sweep("with_respondent", days=(date(2026, 11, 26) - clock.today()).days)  # the last day of 8 weeks
    walk.sweep("jurisdiction_check", days=1)


def test_recording_the_final_response_ends_the_respondent_s_time_at_once(with_the_respondent: Walk) -> None:
    walk = with_the_respondent
    walk.step(
        FIRM,
        "record_final_response",
        "jurisdiction_check",
        days=7,
        events=2,
        sent_on="2026-10-12",
        mentioned_time_limit=True,
    )
    assert [name for name, _, _ in walk.events()][-2:] == ["record_final_response", "respondent_time_elapsed"]
