"""Whole cases walked to every terminal state, saved and reloaded (through a fresh engine) between steps."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import Session, col, select

from ombudsman.clock import FixedClock
from ombudsman.db import make_engine
from ombudsman.models import AuditEvent, Case, RegisterEntry, TimeLimit
from ombudsman.service import Actor, CaseService
from ombudsman.settings import Settings
from tests.conftest import CASEWORKER, OMBUDSMAN
from tests.factories import facts_data
from workflows.table import Role

FIRM = Actor("Example Bank complaints team", Role.firm, frn="123456")


class Walk:
    """Takes one case step by step, reloading it from the database through a new engine after each step."""

    def __init__(self, service: CaseService, clock: FixedClock, settings: Settings, **facts: Any) -> None:
        self.service, self.clock, self.settings = service, clock, settings
        self.reference = service.open_case(CASEWORKER, facts_data(**facts)).reference
        self.complainant = Actor("Ann Example", Role.complainant, case_ids=frozenset({self.reload().id or 0}))
        self.steps = 1

    def reload(self) -> Case:
        engine = make_engine(self.settings.database_url)
        try:
            with Session(engine) as session:
                case = session.exec(select(Case).where(Case.reference == self.reference)).one()
                events = session.exec(select(AuditEvent).where(AuditEvent.case_id == case.id)).all()
                # One event per version, 1 to n, with no gaps and no version shared by two events.
                assert sorted(event.version for event in events) == list(range(1, case.version + 1))
                return case
        finally:
            engine.dispose()

    def step(self, actor: Actor, name: str, expect: str, after_days: int = 0, events: int = 1, **fields: Any) -> Case:
        """One step; ``events`` is how many audit events (so versions) it writes: two when it fires another."""
        self.clock.advance(after_days)
        before = self.reload()
        answered = self.service.act(actor, self.reference, name, fields)
        after = self.reload()
        assert after.state == expect, f"{name} led to {after.state}, not {expect}"
        assert after.version == before.version + events
        assert answered.version == after.version  # the answer shows the case as this change left it
        return after

    def sweep(self, expect: str, after_days: int) -> Case:
        self.clock.advance(after_days)
        self.service.sweep()
        after = self.reload()
        assert after.state == expect
        return after

    def events(self) -> list[tuple[str, str, str]]:
        with Session(self.service.engine) as session:
            case = session.exec(select(Case).where(Case.reference == self.reference)).one()
            rows = session.exec(
                select(AuditEvent).where(AuditEvent.case_id == case.id).order_by(col(AuditEvent.id))
            ).all()
            return [(event.name, event.from_state, event.to_state) for event in rows]

    def register(self) -> RegisterEntry | None:
        with Session(self.service.engine) as session:
            case = session.exec(select(Case).where(Case.reference == self.reference)).one()
            return session.exec(select(RegisterEntry).where(RegisterEntry.case_id == case.id)).first()

    def to_investigation(self) -> None:
        self.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
        self.step(CASEWORKER, "accept_jurisdiction", "investigation", reasons="Every DISP 2 test passes.")
        self.step(FIRM, "make_representations", "investigation", text="The sale was explained.")
        self.step(self.complainant, "make_representations", "investigation", text="It was not explained.")

    def to_determined(self, awards: dict[str, Any] | None = None) -> None:
        self.to_investigation()
        self.step(
            CASEWORKER,
            "issue_provisional_assessment",
            "provisional_assessment",
            outcome="uphold",
            reasons="Unsuitable.",
        )
        self.step(FIRM, "disagree", "awaiting_determination", after_days=3, reasons="We disagree.")
        self.step(
            OMBUDSMAN,
            "determine",
            "determined",
            outcome="uphold",
            reasons="Fair and reasonable to uphold.",
            accept_before=(self.clock.today() + timedelta(days=29)).isoformat(),
            awards=awards or {"money": [{"head": "financial_loss", "amount": "200000.00"}]},
        )


@pytest.fixture
def walk(service: CaseService, clock: FixedClock, settings: Settings) -> Walk:
    clock.set(date(2025, 9, 8))
    return Walk(service, clock, settings)


def test_an_accepted_determination_binds_and_closes_when_the_firm_complies(walk: Walk) -> None:
    walk.to_determined()
    walk.step(walk.complainant, "accept", "accepted", after_days=28)  # the last day: the day before the date
    entry = walk.register()
    assert entry is not None and entry.status == "binding"
    assert entry.money_award == Decimal("150000.00")  # capped at the DISP 3.7.4R limit
    walk.step(FIRM, "record_compliance", "complied", after_days=10, evidence="Paid by bank transfer.")
    entry = walk.register()
    assert entry is not None and entry.status == "complied"


def test_silence_until_the_date_specified_is_a_rejection_and_an_ombudsman_may_accept_it_late(walk: Walk) -> None:
    walk.to_determined()
    walk.sweep("determined", after_days=28)  # the last day to accept: not yet lapsed
    walk.sweep("rejected", after_days=1)  # the date specified has arrived
    entry = walk.register()
    assert entry is not None and entry.status == "not_binding"
    walk.step(walk.complainant, "notify_late_acceptance", "rejected", after_days=3, reasons="I was in hospital.")
    walk.step(OMBUDSMAN, "accept_late", "accepted", reasons="A hospital stay caused the delay.")
    walk.step(FIRM, "record_compliance", "complied", evidence="Paid.")
    assert ("lapse", "determined", "rejected") in walk.events()


def test_an_express_rejection_ends_the_case_with_neither_party_bound(walk: Walk) -> None:
    walk.to_determined()
    walk.step(walk.complainant, "reject", "rejected", after_days=5)
    entry = walk.register()
    assert entry is not None and entry.status == "not_binding"


def test_a_provisional_assessment_nobody_disagrees_with_closes_the_case(walk: Walk) -> None:
    walk.to_investigation()
    walk.step(CASEWORKER, "issue_provisional_assessment", "provisional_assessment", outcome="not_uphold", reasons="x")
    with Session(walk.service.engine) as session:
        limit = session.exec(select(TimeLimit).where(TimeLimit.kind == "assessment_response")).one()
    walk.sweep("provisional_assessment", after_days=(limit.due_on - walk.clock.today()).days)
    walk.sweep("assessment_accepted", after_days=1)


def test_a_complaint_referred_too_late_is_decided_out_of_jurisdiction(
    service: CaseService, clock: FixedClock, settings: Settings
) -> None:
    clock.set(date(2026, 3, 2))
    walk = Walk(service, clock, settings, referred_on="2026-03-01")  # more than six months after 21 July 2025
    walk.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
    walk.step(CASEWORKER, "invite_jurisdiction_representations", "jurisdiction_representations", raised_by="ombudsman")
    walk.step(walk.complainant, "make_representations", "jurisdiction_representations", text="I was unwell.")
    walk.step(CASEWORKER, "decide_out_of_jurisdiction", "out_of_jurisdiction", reasons="Referred too late.")


def test_a_complaint_referred_too_late_is_accepted_when_the_respondent_consents(
    service: CaseService, clock: FixedClock, settings: Settings
) -> None:
    clock.set(date(2026, 3, 2))
    walk = Walk(service, clock, settings, referred_on="2026-03-01", respondent_consents_to_late_referral=True)
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


def test_a_test_case_is_dismissed_so_a_court_may_decide_it(walk: Walk) -> None:
    walk.to_investigation()
    walk.step(
        CASEWORKER,
        "dismiss_as_test_case",
        "dismissed",
        reasons="An important point of law.",
        point_of_law="Whether the exclusion clause is unfair.",
        costs_undertaking=True,
    )


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
def with_the_respondent(service: CaseService, clock: FixedClock, settings: Settings) -> Walk:
    """Received by the firm on 1 October 2026, no final response yet: its eight weeks end on 26 November."""
    clock.set(date(2026, 10, 5))
    walk = Walk(
        service,
        clock,
        settings,
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
    walk.sweep("with_respondent", after_days=(date(2026, 11, 26) - clock.today()).days)  # the last day of 8 weeks
    walk.sweep("jurisdiction_check", after_days=1)


def test_recording_the_final_response_ends_the_respondent_s_time_at_once(with_the_respondent: Walk) -> None:
    walk = with_the_respondent
    walk.step(FIRM, "record_final_response", "jurisdiction_check", after_days=7, events=2, sent_on="2026-10-12")
    assert [name for name, _, _ in walk.events()][-2:] == ["record_final_response", "respondent_time_elapsed"]
