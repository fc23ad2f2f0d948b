"""Cases taken to every state that sends a letter, through the real service, with the clock set at each step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from ombudsman.clock import FixedClock
from ombudsman.models import Case, Letter
from ombudsman.service import Actor, CaseService
from tests.conftest import CASEWORKER, OMBUDSMAN
from tests.factories import facts_data
from workflows.table import Role

FIRM = Actor("Example Bank complaints team", Role.firm, frn="123456")
BIG_MONEY = {
    "money": [
        {"head": "financial_loss", "amount": "182500.00"},
        {"head": "distress_or_inconvenience", "amount": "750.00"},
    ],
    "interest": {"rate_percent": "8", "from": "2025-02-01"},
    "costs": {"amount": "1200.00"},
    "directions": ["Correct the complainant's credit file"],
}


class Story:
    """One case, step by step: ``step`` fires a trigger or action, ``days`` moves the clock first."""

    def __init__(self, service: CaseService, clock: FixedClock, start: date, **facts: Any) -> None:
        self.service, self.clock = service, clock
        clock.set(start)
        self.reference = service.open_case(CASEWORKER, facts_data(**facts)).reference
        with Session(service.engine) as session:
            case_id = session.exec(select(Case.id).where(Case.reference == self.reference)).one()
        self.complainant = Actor(
            facts_data(**facts)["complainant"]["name"], Role.complainant, case_ids=frozenset({case_id})
        )

    def step(self, actor: Actor, name: str, days: int = 0, **fields: Any) -> Story:
        self.clock.advance(days)
        self.service.act(actor, self.reference, name, fields)
        return self

    def sweep(self, days: int) -> Story:
        self.clock.advance(days)
        self.service.sweep()
        return self

    def letters(self) -> list[Letter]:
        with Session(self.service.engine) as session:
            case = session.exec(select(Case).where(Case.reference == self.reference)).one()
            return list(session.exec(select(Letter).where(Letter.case_id == case.id).order_by(col(Letter.id))).all())

    def to_investigation(self) -> Story:
        self.step(CASEWORKER, "start_jurisdiction_check")
        self.step(CASEWORKER, "accept_jurisdiction", days=1, reasons="Every DISP 2 test passes.")
        self.step(FIRM, "make_representations", days=3, text="The sale was explained in branch.")
        return self.step(self.complainant, "make_representations", days=1, text="Nobody told me it was optional.")

    def to_awaiting_determination(self) -> Story:
        self.to_investigation()
        self.step(
            CASEWORKER,
            "issue_provisional_assessment",
            days=2,
            outcome="uphold",
            reasons="The policy was sold to someone who could never have claimed on it.",
            awards={"money": [{"head": "financial_loss", "amount": "4350.00"}]},
        )
        return self.step(FIRM, "disagree", days=3, reasons="We think the sale was suitable.")

    def determine(self) -> Story:
        return self.step(
            OMBUDSMAN,
            "determine",
            days=5,
            outcome="uphold",
            reasons="The policy was unsuitable. It is fair and reasonable to put Ann back where she would be.",
            accept_before=(self.clock.today() + timedelta(days=29)).isoformat(),
            awards=BIG_MONEY,
        )


def demo_like(service: CaseService, clock: FixedClock) -> Story:
    """The demo's long path: a hearing refused then granted, a determination, silence, a late acceptance."""
    story = Story(service, clock, date(2025, 9, 8)).to_awaiting_determination()
    story.step(FIRM, "request_hearing", days=1, issues="Whether the sale was explained.")
    story.step(CASEWORKER, "refuse_hearing", days=1, reasons="The papers show what was said at the sale.")
    story.step(story.complainant, "request_hearing", days=1, issues="My health when I signed.")
    story.step(CASEWORKER, "grant_hearing", days=1, private=True, reasons="Medical evidence will be discussed.")
    story.step(CASEWORKER, "conclude_hearing", days=14, reasons="The hearing took place.")
    story.determine()
    story.sweep(days=29)  # the date specified arrives in silence: lapse
    story.step(story.complainant, "notify_late_acceptance", days=3, reasons="I was in hospital.")
    return story.step(OMBUDSMAN, "accept_late", days=2, reasons="A stay in hospital caused the delay.")


def accepted(service: CaseService, clock: FixedClock) -> Story:
    story = Story(service, clock, date(2025, 9, 8)).to_awaiting_determination().determine()
    return story.step(story.complainant, "accept", days=10)


def rejected(service: CaseService, clock: FixedClock) -> Story:
    story = Story(service, clock, date(2025, 9, 8)).to_awaiting_determination().determine()
    return story.step(story.complainant, "reject", days=10)


def referred_to_respondent(service: CaseService, clock: FixedClock) -> Story:
    story = Story(
        service,
        clock,
        date(2026, 10, 5),
        complained_to_respondent_on="2026-10-01",
        final_response_sent_on=None,
        referred_on="2026-10-05",
    )
    return story.step(CASEWORKER, "refer_to_respondent")


def out_of_jurisdiction(service: CaseService, clock: FixedClock) -> Story:
    story = Story(service, clock, date(2026, 3, 2), referred_on="2026-03-01")  # over six months after 21 July 2025
    story.step(CASEWORKER, "start_jurisdiction_check")
    story.step(
        CASEWORKER,
        "invite_jurisdiction_representations",
        raised_by="respondent",
        reasons="The bank says the complaint came to us too late.",
    )
    story.step(FIRM, "make_representations", days=2, text="The final response gave the six-month warning.")
    story.step(story.complainant, "make_representations", days=2, text="I did not read it.")
    return story.step(CASEWORKER, "decide_out_of_jurisdiction", days=1, reasons="It was referred too late.")


def out_of_jurisdiction_raised_by_us(service: CaseService, clock: FixedClock) -> Story:
    story = Story(service, clock, date(2026, 3, 2), referred_on="2026-03-01")
    story.step(CASEWORKER, "start_jurisdiction_check")
    return story.step(CASEWORKER, "invite_jurisdiction_representations", raised_by="ombudsman")


def dismissed(service: CaseService, clock: FixedClock) -> Story:
    story = Story(service, clock, date(2025, 9, 8)).to_investigation()
    story.step(
        CASEWORKER, "propose_dismissal", days=1, ground="8", reasons="The county court has decided this dispute."
    )
    story.step(story.complainant, "make_representations", days=3, text="I did not understand the court.")
    return story.step(CASEWORKER, "dismiss", days=1, reasons="The court decided the dispute on its merits.")


def dismissed_as_test_case(service: CaseService, clock: FixedClock) -> Story:
    story = Story(service, clock, date(2025, 9, 8)).to_investigation()
    return story.step(
        CASEWORKER,
        "dismiss_as_test_case",
        days=1,
        reasons="A court should settle this point for many complaints.",
        point_of_law="Whether the exclusion clause is unfair.",
        costs_undertaking=True,
    )


def referred_elsewhere(service: CaseService, clock: FixedClock) -> Story:
    story = Story(
        service,
        clock,
        date(2025, 9, 8),
        complainant={"vulnerable": True, "adjustments": ["large_print"], "contact_address": "1 High Street, Leeds"},
    )
    story.step(CASEWORKER, "start_jurisdiction_check")
    return story.step(
        CASEWORKER,
        "refer_elsewhere",
        scheme="The Pensions Ombudsman",
        complainant_consent=True,
        reasons="It is about how a pension scheme is run.",
    )


SCENARIOS: dict[str, Callable[[CaseService, FixedClock], Story]] = {
    "demo_like": demo_like,
    "accepted": accepted,
    "rejected": rejected,
    "referred_to_respondent": referred_to_respondent,
    "out_of_jurisdiction": out_of_jurisdiction,
    "out_of_jurisdiction_raised_by_us": out_of_jurisdiction_raised_by_us,
    "dismissed": dismissed,
    "dismissed_as_test_case": dismissed_as_test_case,
    "referred_elsewhere": referred_elsewhere,
}
