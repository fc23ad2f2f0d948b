"""Cases taken to every state that sends a letter, through the real service, with the clock set at each step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ombudsman.clock import FixedClock
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER, OMBUDSMAN
from tests.walk import FIRM, Walk


def demo_like(service: CaseService, clock: FixedClock) -> Walk:
    """The demo's long path: a hearing refused then granted, a determination, silence, a late acceptance."""
    walk = Walk(service, clock, date(2025, 9, 8)).to_awaiting_determination()
    walk.step(FIRM, "request_hearing", days=1, issues="Whether the sale was explained.")
    walk.step(CASEWORKER, "refuse_hearing", days=1, reasons="The papers show what was said at the sale.")
    walk.step(walk.complainant, "request_hearing", days=1, issues="My health when I signed.")
    walk.step(CASEWORKER, "grant_hearing", days=1, private=True, reasons="Medical evidence will be discussed.")
    walk.step(CASEWORKER, "conclude_hearing", days=14, reasons="The hearing took place.")
    walk.determine()
    walk.sweep(days=29)  # the date specified arrives in silence: lapse
    walk.step(walk.complainant, "notify_late_acceptance", days=3, reasons="I was in hospital.")
    return walk.step(OMBUDSMAN, "accept_late", days=2, reasons="A stay in hospital caused the delay.")


def accepted(service: CaseService, clock: FixedClock) -> Walk:
    walk = Walk(service, clock, date(2025, 9, 8)).to_awaiting_determination().determine()
    return walk.step(walk.complainant, "accept", days=10)


def corrected(service: CaseService, clock: FixedClock) -> Walk:
    """DISP 3.6.6AR: an ombudsman corrects a clerical mistake in the written statement; both parties are sent it."""
    walk = Walk(service, clock, date(2025, 9, 8)).to_awaiting_determination().determine()
    return walk.step(
        OMBUDSMAN,
        "correct_clerical_mistake",
        days=2,
        reasons="The decision gave the date of the sale as 3 March 2021.",
        correction="The policy was sold on 3 March 2020.",
    )


def rejected(service: CaseService, clock: FixedClock) -> Walk:
    walk = Walk(service, clock, date(2025, 9, 8)).to_awaiting_determination().determine()
    return walk.step(walk.complainant, "reject", days=10)


def referred_to_respondent(service: CaseService, clock: FixedClock) -> Walk:
    walk = Walk(
        service,
        clock,
        date(2026, 10, 5),
        complained_to_respondent_on="2026-10-01",
        final_response_sent_on=None,
        referred_on="2026-10-05",
    )
    return walk.step(CASEWORKER, "refer_to_respondent")


def out_of_jurisdiction(service: CaseService, clock: FixedClock) -> Walk:
    walk = Walk(service, clock, date(2026, 3, 2), referred_on="2026-03-01")  # over six months after 21 July 2025
    walk.step(CASEWORKER, "start_jurisdiction_check")
    walk.step(FIRM, "record_late_referral_position", consents=False, reasons="The complaint came too late.")
    walk.step(
        CASEWORKER,
        "invite_jurisdiction_representations",
        raised_by="respondent",
        reasons="The bank says the complaint came to us too late.",
    )
    walk.step(FIRM, "make_representations", days=2, text="The final response gave the six-month warning.")
    walk.step(walk.complainant, "make_representations", days=2, text="I did not read it.")
    return walk.step(CASEWORKER, "decide_out_of_jurisdiction", days=1, reasons="It was referred too late.")


def out_of_jurisdiction_raised_by_us(service: CaseService, clock: FixedClock) -> Walk:
    walk = Walk(service, clock, date(2026, 3, 2), referred_on="2026-03-01")
    walk.step(CASEWORKER, "start_jurisdiction_check")
    return walk.step(CASEWORKER, "invite_jurisdiction_representations", raised_by="ombudsman")


def dismissed(service: CaseService, clock: FixedClock) -> Walk:
    walk = Walk(service, clock, date(2025, 9, 8)).to_investigation()
    walk.step(CASEWORKER, "propose_dismissal", days=1, ground="8", reasons="The county court has decided this dispute.")
    walk.step(walk.complainant, "make_representations", days=3, text="I did not understand the court.")
    return walk.step(CASEWORKER, "dismiss", days=1, reasons="The court decided the dispute on its merits.")


def dismissed_as_test_case(service: CaseService, clock: FixedClock) -> Walk:
    """DISP 3.3.5R through DISP 3.3.1R: proposed, the complainant heard, then dismissed."""
    walk = Walk(service, clock, date(2025, 9, 8)).to_investigation()
    walk.step(
        CASEWORKER,
        "propose_dismissal",
        days=1,
        ground="test_case",
        reasons="A court should settle this point for many complaints.",
        point_of_law="Whether the exclusion clause is unfair.",
        costs_undertaking=True,
    )
    walk.step(walk.complainant, "make_representations", days=3, text="I would rather you decided it.")
    return walk.step(CASEWORKER, "dismiss", days=1, reasons="A court should settle this point for many complaints.")


def referred_elsewhere(service: CaseService, clock: FixedClock) -> Walk:
    walk = Walk(
        service,
        clock,
        date(2025, 9, 8),
        complainant={"vulnerable": True, "adjustments": ["large_print"], "contact_address": "1 High Street, Leeds"},
    )
    walk.step(CASEWORKER, "start_jurisdiction_check")
    return walk.step(
        CASEWORKER,
        "refer_elsewhere",
        scheme="The Pensions Ombudsman",
        complainant_consent=True,
        reasons="It is about how a pension scheme is run.",
    )


def closed_on_assessment(service: CaseService, clock: FixedClock) -> Walk:
    """DISP 3.5.4R: nobody disagreed in time with an assessment that asks the firm to pay; both are told."""
    walk = Walk(service, clock, date(2025, 9, 8)).to_investigation()
    walk.step(
        CASEWORKER,
        "issue_provisional_assessment",
        days=2,
        outcome="uphold",
        reasons="The policy was sold to someone who could never have claimed on it.",
        awards={
            "money": [{"head": "financial_loss", "amount": "2000.00"}],
            "directions": ["Remove the policy from the complainant's credit file"],
        },
    )
    return walk.sweep("assessment_accepted", days=20)


def confidentiality_decided(service: CaseService, clock: FixedClock) -> Walk:
    """DISP 3.5.9R(2): one request for confidence accepted with a summary, one declined and returned."""
    walk = Walk(service, clock, date(2025, 9, 8)).to_investigation()
    walk.step(FIRM, "make_representations", days=1, text="Our fraud team's notes on the payee.", confidential=True)
    accepted = walk.reload().version
    walk.step(walk.complainant, "make_representations", days=1, text="My GP's letter.", confidential=True)
    returned = walk.reload().version
    walk.step(
        CASEWORKER,
        "decide_confidentiality",
        days=1,
        event_version=accepted,
        accept=True,
        summary="The bank's fraud team looked at the account the money went to before the payment was made.",
        reasons="The notes describe how the bank detects fraud.",
    )
    return walk.step(
        CASEWORKER,
        "decide_confidentiality",
        days=1,
        event_version=returned,
        accept=False,
        reasons="Your GP's letter is about your health when you made the payment: the bank must be able to answer it.",
    )


def time_limits_set_and_extended(service: CaseService, clock: FixedClock) -> Walk:
    """DISP 3.5.13R: a time limit set for the complainant, then extended; each party it binds is written to."""
    walk = Walk(service, clock, date(2025, 9, 8)).to_investigation()
    walk.step(
        CASEWORKER,
        "set_time_limit",
        days=1,
        deadline="information",
        until="2025-10-01",
        binds=["complainant"],
        reasons="We need your bank statements for March 2021.",
    )
    return walk.step(
        CASEWORKER,
        "extend_time_limit",
        days=2,
        deadline="information",
        until="2025-10-15",
        reasons="Your bank needs two more weeks to send the statements.",
    )


def settled(service: CaseService, clock: FixedClock) -> Walk:
    walk = Walk(service, clock, date(2025, 9, 8)).to_investigation()
    return walk.step(CASEWORKER, "settle", days=2, terms="£500 and an apology.", reasons="Both parties agreed terms.")


def withdrawn(service: CaseService, clock: FixedClock) -> Walk:
    walk = Walk(service, clock, date(2025, 9, 8)).to_investigation()
    return walk.step(walk.complainant, "withdraw", days=2, reasons="I have sorted it out with the bank.")


SCENARIOS: dict[str, Callable[[CaseService, FixedClock], Walk]] = {
    "demo_like": demo_like,
    "accepted": accepted,
    "rejected": rejected,
    "corrected": corrected,
    "time_limits_set_and_extended": time_limits_set_and_extended,
    "settled": settled,
    "withdrawn": withdrawn,
    "referred_to_respondent": referred_to_respondent,
    "out_of_jurisdiction": out_of_jurisdiction,
    "out_of_jurisdiction_raised_by_us": out_of_jurisdiction_raised_by_us,
    "dismissed": dismissed,
    "dismissed_as_test_case": dismissed_as_test_case,
    "referred_elsewhere": referred_elsewhere,
    "closed_on_assessment": closed_on_assessment,
    "confidentiality_decided": confidentiality_decided,
}
