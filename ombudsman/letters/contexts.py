"""What each letter says: one context function per kind of letter, registered by kind, each reading the step's
typed record (``workflows.events.StepRecord``) and the case, with every date and sum already written as a reader
sees it and the date of the letter passed in. No template does arithmetic or reads the database.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from ombudsman.citations import dismissal_ground, ground_text
from ombudsman.models import Award, Case, HearingRequest, Representation
from ombudsman.money import pounds_text
from ombudsman.repository import CaseRecord
from ombudsman.rules.awards import asks_respondent_to_act
from ombudsman.rules.facts import Adjustment
from ombudsman.rules.time_limits import long_date
from workflows.events import StepRecord, read_record
from workflows.steps.closure import Settled
from workflows.steps.determination import Corrected, Determined
from workflows.steps.dismissal import DismissalGround, DismissalProposed, ReferredElsewhere
from workflows.steps.investigation_records import AssessmentIssued, HearingGranted, TimeLimitMoved, TimeLimitSet
from workflows.steps.jurisdiction import JurisdictionAccepted, JurisdictionRepresentationsInvited
from workflows.steps.referral import ReferredToRespondent
from workflows.vocabulary import AwardStage, Confidentiality, HearingDecision, LetterKind, Party, State

SERVICE_NAME = "Financial Ombudsman Service"
COMPLAINANT, RESPONDENT = Party.complainant, Party.respondent

HEADS = {
    "financial_loss": "Financial loss",
    "pain_and_suffering": "Pain and suffering",
    "damage_to_reputation": "Damage to reputation",
    "distress_or_inconvenience": "Distress or inconvenience",
}
OUTCOMES = {  # after "I": "I uphold the complaint"
    "uphold": "uphold the complaint",
    "partly_uphold": "uphold the complaint in part",
    "not_uphold": "do not uphold the complaint",
}
OUTCOMES_PAST = {  # after "The ombudsman"
    "uphold": "upheld the complaint",
    "partly_uphold": "upheld the complaint in part",
    "not_uphold": "did not uphold the complaint",
}
VIEWS = {
    "uphold": "the complaint should be upheld",
    "partly_uphold": "the complaint should be upheld in part",
    "not_uphold": "the complaint should not be upheld",
}
TITLES = {"ombudsman": "Ombudsman", "caseworker": "Investigator"}
# What each time limit is for, after "the time": "the time to send us evidence ... ends on ...".
TIME_LIMITS = {
    "representations": "to send us evidence and tell us your side",
    "jurisdiction_representations": "to tell us whether we can look at the complaint",
    "dismissal_representations": "to tell us why we should not dismiss the complaint",
    "assessment_response": "to tell us whether you disagree with our view",
    "acceptance": "to accept the ombudsman's final decision",
    "information": "to send us the information we asked for",
}


R = TypeVar("R", bound=StepRecord)


@dataclass(frozen=True, kw_only=True)
class Occasion:
    """The step that sends the letters, as the service knows it when it writes the audit event."""

    step: str
    from_state: State  # where the case was before the step; ``case.state`` is where the step left it
    user: str
    role: str  # the actor's role, or "system" for the deadline sweep
    reasons: str | None
    finding: str
    record: StepRecord | None  # what the step tells its letters, typed (None for a step that keeps no record)
    today: date
    now: datetime
    rows: tuple[Any, ...] = ()  # the rows the step wrote (an award made, hearing requests decided, ...)
    contact: dict[str, str] = field(default_factory=dict)  # the service's address, phone, email and web address

    def said(self, kind: type[R]) -> R:
        """The step's record, of the type its letter needs (a letter sent by a step that keeps another is a bug)."""
        assert isinstance(self.record, kind), f"{self.step} keeps no {kind.__name__}"
        return self.record

    def said_if(self, kind: type[R]) -> R | None:
        """The step's record if it is of this type (one letter, sent by steps that keep different records)."""
        return self.record if isinstance(self.record, kind) else None


def _day(value: date | None) -> str | None:
    return long_date(value) if value is not None else None


def _iso_day(value: str | None) -> str | None:
    """A date from an award's stored calculation (``AwardCalculation.as_dict()``, kept as it was computed)."""
    return long_date(date.fromisoformat(value)) if value is not None else None


def _money(value: str | Decimal) -> str:
    return pounds_text(Decimal(value))


def _events(ids: list[str] | None) -> str | None:
    """The events a money line redresses, as a letter names them ("L3 and L4"); None where it names none."""
    if not ids:
        return None
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]


def award_context(calculation: dict[str, Any]) -> dict[str, Any]:
    """An award (``AwardCalculation.as_dict()``) as a letter writes it."""
    interest = calculation.get("interest")
    costs = calculation.get("costs")
    balance = Decimal(calculation["recommended_balance"])
    return {
        "lines": [
            {"head": HEADS[line["head"]], "amount": _money(line["amount"]), "events": _events(line.get("events"))}
            for line in calculation["lines"]
        ],
        "total": _money(sum((Decimal(line["amount"]) for line in calculation["lines"]), Decimal(0))),
        "money_award": _money(calculation["money_award"]),
        "has_money": Decimal(calculation["money_award"]) > 0,
        "limit": _money(calculation["limit"]),
        "limit_citation": calculation["limit_citation"],
        "capped": balance > 0,
        "recommended_balance": _money(balance),
        "interest": None
        if interest is None
        else {
            "rate": f"{Decimal(interest['rate_percent']).normalize():f}%",
            "from": _iso_day(interest["from"]),
            "accrued_to": _iso_day(interest["accrued_to"]),
            "accrued": _money(interest["accrued"]),
            "citation": interest["citation"],
        },
        "costs": None
        if costs is None
        else {
            "amount": _money(costs["amount"]),
            "rate": f"{Decimal(costs['rate_percent']).normalize():f}%" if costs["rate_percent"] else None,
            "from": _iso_day(costs["from"]),
            "citation": costs["citation"],
        },
        "directions": [direction["text"] for direction in calculation["directions"]],
        "respondent_missed_time_limit": bool(calculation["respondent_missed_time_limit"]),
        "contributions": [
            {
                "reference": part["reference"],
                "share": part["share"],
                "amount": _money(part["amount"]),
                "recommended_balance": _money(part["recommended_balance"])
                if Decimal(part.get("recommended_balance") or 0) > 0
                else None,
                "interest": None if part.get("interest") is None else _money(part["interest"]),
            }
            for part in calculation.get("contributions") or ()
        ],
    }


def _recipient(party: str, details: dict[str, Any]) -> dict[str, Any]:
    if party == RESPONDENT:
        return {"name": details["name"], "lines": [f"Firm reference number {details['frn']}"], "email": None}
    address = details.get("contact_address") or ""
    lines = [line.strip() for line in re.split(r"[\n,]", address) if line.strip()]
    named = details.get("named_contact")
    return {
        "name": details["name"],
        "lines": ([f"For the attention of {named}"] if named else []) + lines,
        "email": details.get("contact_email"),
    }


def needs_large_print(complainant: dict[str, Any]) -> bool:
    return bool(complainant.get("vulnerable")) or Adjustment.large_print.value in complainant.get("adjustments", [])


def _signer(occasion: Occasion) -> dict[str, str]:
    if occasion.role in TITLES:
        return {"name": occasion.user, "title": TITLES[occasion.role]}
    return {"name": "The case handling team", "title": SERVICE_NAME}


Context = dict[str, Any]
Reader = Callable[[CaseRecord, Occasion, str], Context]
CONTEXTS: dict[LetterKind, Reader] = {}  # what each kind of letter says beyond what every letter does


def says(*kinds: LetterKind) -> Callable[[Reader], Reader]:
    """Register the function that makes these kinds' own part of the context."""

    def register(function: Reader) -> Reader:
        for kind in kinds:
            assert kind not in CONTEXTS, f"{kind} already has a context"
            CONTEXTS[kind] = function
        return function

    return register


def context_for(record: CaseRecord, occasion: Occasion, kind: LetterKind, *, addressed_to: str) -> Context:
    """Everything the letter says, read and written out before any template sees it."""
    case, parties = record.case, record.parties
    complainant, respondent = parties[COMPLAINANT].details, parties[RESPONDENT].details
    context: Context = {
        "kind": kind.value,
        "step": occasion.step,
        "addressed_to": addressed_to,
        "to_complainant": addressed_to == COMPLAINANT,
        "reference": case.reference,
        "date": long_date(occasion.today),
        "recipient": _recipient(addressed_to, parties[addressed_to].details),
        # A firm is written to as its complaints team; a person by name, never in the third person.
        "greeting": "Dear Sir or Madam" if addressed_to == RESPONDENT else f"Dear {parties[addressed_to].name}",
        "complainant_name": complainant["name"],
        "respondent_name": respondent["name"],
        "summary": case.facts.get("summary"),
        "referred_on": _iso_day(case.facts.get("referred_on")),
        "reasons": occasion.reasons,
        "signer": _signer(occasion),
        "service_name": SERVICE_NAME,
        "contact": occasion.contact,
    }
    context.update(CONTEXTS[kind](record, occasion, addressed_to))
    return context


@says(LetterKind.acknowledgement, LetterKind.disagreement)
def _nothing_more(record: CaseRecord, occasion: Occasion, addressed_to: str) -> Context:
    return {}


@says(LetterKind.referral_to_respondent)
def _referral_to_respondent(record: CaseRecord, occasion: Occasion, addressed_to: str) -> Context:
    return {
        "complained_on": _iso_day(record.case.facts.get("complained_to_respondent_on")),
        "respondent_time_ends_on": _day(occasion.said(ReferredToRespondent).respondent_time_ends_on),
    }


@says(LetterKind.jurisdiction_representations)
def _jurisdiction_representations(record: CaseRecord, occasion: Occasion, addressed_to: str) -> Context:
    invited = occasion.said(JurisdictionRepresentationsInvited)
    return {
        "raised_by_respondent": invited.raised_by == RESPONDENT,
        "both_invited": len(invited.invited) > 1,
        "respond_by": _day(invited.respond_by),
    }


@says(LetterKind.jurisdiction_decision)
def _jurisdiction_decision(record: CaseRecord, occasion: Occasion, addressed_to: str) -> Context:
    accepted = occasion.said_if(JurisdictionAccepted)  # a decision that the complaint is out keeps no record
    return {
        "in_jurisdiction": accepted is not None,
        "finding": occasion.finding,
        "exception": accepted.exception if accepted else None,
        "representations_by": _day(accepted.representations_by) if accepted else None,
        # The rule in force for the referral date: the respondent "has consented", or only "has not objected".
        "respondent_consented": bool(accepted and accepted.respondent_position_needed == "consent"),
        # Of a complaint about several events: the events each party is given the reasons for (DISP 3.2.5R to the
        # complainant for each event out, DISP 3.2.6R to the respondent for each event in).
        "events_in": list(accepted.events_in or ()) if accepted else [],
        "events_out": list(accepted.events_out or ()) if accepted else [],
        "event_reasons": dict(accepted.event_reasons or {}) if accepted else {},
    }


@says(LetterKind.dismissal_proposal, LetterKind.dismissal_decision)
def _dismissal(record: CaseRecord, occasion: Occasion, addressed_to: str) -> Context:
    proposed = occasion.said_if(DismissalProposed)
    ground = proposed.ground if proposed else occasion.said(DismissalGround).ground
    return {
        "test_case": ground == "test_case",
        "ground": ground,
        "ground_text": ground_text(ground) if ground else None,
        "ground_citation": dismissal_ground(ground) if ground else None,
        "point_of_law": proposed.point_of_law if proposed else None,
        "respond_by": _day(proposed.respond_by) if proposed else None,
    }


@says(LetterKind.referral_elsewhere)
def _referral_elsewhere(record: CaseRecord, occasion: Occasion, addressed_to: str) -> Context:
    return {"scheme": occasion.said(ReferredElsewhere).scheme}


@says(LetterKind.provisional_assessment)
def _provisional_assessment(record: CaseRecord, occasion: Occasion, addressed_to: str) -> Context:
    issued = occasion.said(AssessmentIssued)
    made_now = [
        row for row in occasion.rows if isinstance(row, Award) and row.stage == AwardStage.provisional_assessment
    ]
    return {
        "outcome_view": VIEWS[issued.outcome],
        "respond_by": _day(issued.respond_by),
        "award": award_context(made_now[-1].calculation) if made_now else None,
    }


@says(LetterKind.closed_on_assessment)
def _closed_on_assessment(record: CaseRecord, occasion: Occasion, addressed_to: str) -> Context:
    award, case = record.assessment_award, record.case
    return {
        "finding": occasion.finding,
        "outcome_view": VIEWS[case.outcome] if case.outcome else None,
        "award": award_context(award.calculation) if award is not None else None,
        "asks_respondent_to_act": award is not None and asks_respondent_to_act(award.calculation),
    }


@says(LetterKind.confidentiality_decision)
def _confidentiality_decision(record: CaseRecord, occasion: Occasion, addressed_to: str) -> Context:
    decided = next(row for row in occasion.rows if isinstance(row, Representation))
    return {
        "accepted": decided.confidentiality == Confidentiality.accepted,
        "summary_shown": decided.summary,
        "made_on": long_date(decided.made_at.date()),
    }


@says(LetterKind.hearing_decision)
def _hearing_decision(record: CaseRecord, occasion: Occasion, addressed_to: str) -> Context:
    granted = occasion.said_if(HearingGranted)  # a refusal keeps no record
    requests = [
        row for row in occasion.rows if isinstance(row, HearingRequest) and row.decision != HearingDecision.pending
    ]
    return {
        "granted": record.case.state == State.hearing,
        "private": granted.private if granted else None,
        "own_initiative": bool(granted and granted.own_initiative),
        "requests": [
            {"by": "You" if row.party == addressed_to else record.parties[row.party].name, "issues": row.issues}
            for row in requests
        ],
    }


@says(LetterKind.time_limit)
def _time_limit(record: CaseRecord, occasion: Occasion, addressed_to: str) -> Context:
    moved = occasion.said_if(TimeLimitMoved)
    limit = moved or occasion.said(TimeLimitSet)
    return {
        "what": TIME_LIMITS.get(limit.deadline, limit.deadline.replace("_", " ")),
        "until": _day(limit.until),
        "extended_from": _day(moved.extended_from) if moved else None,
    }


@says(LetterKind.case_closed)
def _case_closed(record: CaseRecord, occasion: Occasion, addressed_to: str) -> Context:
    settled = occasion.said_if(Settled)  # a settlement records its terms; a withdrawal nothing
    return {"settled": settled is not None, "terms": settled.terms if settled else None}


def _determination_context(record: CaseRecord) -> Context:
    event, award = record.determination, record.determination_award
    assert event is not None, "a letter about a determination needs the determination"
    determined = read_record(event.name, event.details)
    assert isinstance(determined, Determined)
    return {
        "outcome": OUTCOMES[determined.outcome],
        "outcome_past": OUTCOMES_PAST[determined.outcome],
        "upheld": determined.outcome != "not_uphold",
        "determined_on": long_date(event.at.date()),
        "determined_by": event.user,
        "determination_reasons": event.reasons,
        "accept_before": _day(determined.accept_before),
        "last_day_to_accept": _day(determined.last_day_to_accept),
        "award": award_context(award.calculation) if award is not None else None,
    }


@says(LetterKind.answer_recorded)
def _answer_recorded(record: CaseRecord, occasion: Occasion, addressed_to: str) -> Context:
    return {**_determination_context(record), "answer": _answer(record.case, late=False)}


@says(LetterKind.corrected_determination)
def _corrected_determination(record: CaseRecord, occasion: Occasion, addressed_to: str) -> Context:
    corrected = occasion.said(Corrected)
    # The determination's award as it now stands: the corrected award, where the correction corrected it.
    return {
        **_determination_context(record),
        "correction": corrected.correction,
        "award_corrected": corrected.award_now is not None,
    }


@says(LetterKind.determination, LetterKind.outcome_to_respondent, LetterKind.award_certificate)
def _determination(record: CaseRecord, occasion: Occasion, addressed_to: str) -> Context:
    late = occasion.from_state is State.rejected  # accepted after the date, for exceptional circumstances
    return {
        **_determination_context(record),
        "answer": _answer(record.case, late),
        "answered_on": long_date(occasion.today),
        "late_acceptance_reasons": occasion.reasons if late else None,
    }


def _answer(case: Case, late: bool) -> str:
    """The complainant's answer to the determination, as the case now stands (DISP 3.6.6R)."""
    if case.state == State.accepted:
        return "accepted_late" if late else "accepted"
    if case.state == State.rejected:
        return "rejected" if case.expressly_rejected else "lapsed"
    return "lapsed"
