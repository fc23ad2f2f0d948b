"""The jurisdiction decision: representations, then in or out (DISP 3.2.3R-3.2.6R)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal, cast

from pydantic import Field

from ombudsman.citations import cite
from ombudsman.rules.disp_3_2_jurisdiction_decision import (
    CureNamed,
    RaisedBy,
    may_accept,
    may_decide_out,
    respondent_position_may_be_recorded,
    who_may_make_representations,
)
from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.finding import Finding
from ombudsman.rules.jurisdiction import TIME_LIMIT_TESTS, Assessment, as_decided, assess
from ombudsman.rules.several_events import EVENT_ID, MOST_EVENTS
from ombudsman.rules.values import Flag
from workflows.attempt import Attempt
from workflows.events import CaseMarked, Event, FactsRecorded, Noted, StepRecord, TimeLimitOpened, records, window
from workflows.fields import Fields, ReasonsRequired, TimeLimitDay
from workflows.guards import as_guard, heard
from workflows.step import AND_THE_FIRM, INVITED, Step
from workflows.vocabulary import (
    BEFORE_INVESTIGATION,
    BOTH_PARTIES,
    INVESTIGATING,
    UNTIL_DETERMINED,
    LetterKind,
    Party,
    State,
    TimeLimitKind,
)

S = State
LateReferralNeeds = Literal["no_objection", "consent"]  # what DISP 2.8.2R(5) asks of the respondent (rulebook)


class InviteJurisdictionRepresentations(Fields):
    raised_by: RaisedBy = Field(title="Who raised the question")
    respond_by: TimeLimitDay | None = Field(default=None, title="The last day to make representations")


EventIds = Annotated[
    list[Annotated[str, Field(pattern=EVENT_ID)]],
    Field(max_length=MOST_EVENTS, description="ids of the complaint's events"),
]


class AcceptJurisdiction(ReasonsRequired):
    exception: CureNamed | None = Field(default=None, title="The exception that cures a missed time limit")
    # Of a complaint about several events: the events the exception cures (none named: every event it can cure).
    exception_events: EventIds | None = Field(default=None, title="The events the exception cures")


class RecordLateReferralPosition(ReasonsRequired):
    # true: the respondent consents; false: it objects, on the ground that the complaint is late
    consents: Flag = Field(title="Whether the business consents to our looking at the complaint")
    # Of a complaint about several events: the events this position is on (none named: the whole complaint).
    events: EventIds | None = Field(default=None, title="The events this is about")


@records("invite_jurisdiction_representations")
@dataclass(frozen=True)
class JurisdictionRepresentationsInvited(StepRecord):
    """Who raised the question, who is invited to say whether we can look at the complaint, and by when."""

    raised_by: RaisedBy
    invited: tuple[Party, ...]
    respond_by: date


@records("accept_jurisdiction")
@dataclass(frozen=True)
class JurisdictionAccepted(StepRecord):
    """The exception that let a late complaint in (if one did), and the day the parties' evidence is due by (none
    when the case goes back to the later state it was invited from: its own time limits still run); when
    the respondent's position cured it, what the rule in force for the referral date asked of the respondent
    (DISP 2.8.2R(5): that it "has not objected", or from 9 July 2015 that it "has consented")."""

    LEFT_OUT_WHEN_NONE = frozenset(
        {"respondent_position_needed", "representations_by", "events_in", "events_out", "event_reasons"}
    )

    exception: CureNamed | None
    representations_by: date | None
    respondent_position_needed: LateReferralNeeds | None = None
    # Of a complaint about several events: those the decision let in, those it found out of jurisdiction, and
    # what it found of each (the letters give the complainant the reasons for each event out, DISP 3.2.5R, and
    # the respondent those for each event in, DISP 3.2.6R).
    events_in: tuple[str, ...] | None = None
    events_out: tuple[str, ...] | None = None
    event_reasons: Mapping[str, str] | None = None


@records("record_late_referral_position")
@dataclass(frozen=True)
class LateReferralPositionRecorded(StepRecord):
    """The respondent's position on a late referral: it consents (True) or objects (False), DISP 2.8.2R(5)."""

    LEFT_OUT_WHEN_NONE = frozenset({"events"})

    consents: bool
    events: tuple[str, ...] | None = None  # of a complaint about several events, those the position is on


def _position_unsaid(assessment: Assessment, facts: CaseFacts) -> bool:
    """Whether a time limit may have been missed (for the complaint, or one of its events) that the respondent has
    not said it objects to: its position decides the DISP 2.8.2R(5) exception, so it must be asked."""
    if not facts.events:
        late = any(assessment.test(name).failed for name in TIME_LIMIT_TESTS)
        return late and facts.respondent_consents_to_late_referral is None
    return any(
        any(event.test(name).failed for name in TIME_LIMIT_TESTS)
        and facts.for_event(facts.event(event.id)).respondent_consents_to_late_referral is None
        for event in assessment.events
    )


def invite_jurisdiction_representations(a: Attempt) -> Finding:
    fields = cast(InviteJurisdictionRepresentations, a.fields)
    facts = a.case.facts
    assessment = assess(facts, a.today, a.rulebook, exceptional_circumstances_found=False)
    to_say = _position_unsaid(assessment, facts)
    return as_guard(
        "invite_jurisdiction_representations",
        who_may_make_representations(fields.raised_by, respondent_to_say_on_lateness=to_say),
    )


def record_late_referral_position(a: Attempt) -> Finding:
    fields = cast(RecordLateReferralPosition, a.fields)
    return as_guard("record_late_referral_position", respondent_position_may_be_recorded(a.party, fields.consents))


def record_late_referral_position_effect(a: Attempt, finding: Finding) -> list[Event]:
    fields = cast(RecordLateReferralPosition, a.fields)
    consents = fields.consents
    if not fields.events:
        return [
            FactsRecorded({"respondent_consents_to_late_referral": consents}),
            Noted(LateReferralPositionRecorded(consents)),
        ]
    named = set(fields.events)
    events = [
        event.model_copy(update={"respondent_consents_to_late_referral": consents}) if event.id in named else event
        for event in a.case.facts.events
    ]
    return [
        FactsRecorded({"events": [event.model_dump(mode="json") for event in events]}),
        Noted(LateReferralPositionRecorded(consents, tuple(fields.events))),
    ]


def decide_out_of_jurisdiction(a: Attempt) -> Finding:
    limit = a.case.open_limit("jurisdiction_representations")
    invited = limit.binds if limit else ()
    spoken, last_day = heard(a, "jurisdiction_representations", invited)
    # The Ombudsman has not found exceptional circumstances: only the respondent's consent can cure here.
    assessment = assess(a.case.facts, a.today, a.rulebook, exceptional_circumstances_found=False)
    return as_guard(
        "decide_out_of_jurisdiction", may_decide_out(invited, spoken, last_day, today=a.today, assessment=assessment)
    )


def accept_jurisdiction(a: Attempt) -> Finding:
    fields = cast(AcceptJurisdiction, a.fields)
    assessment = as_decided(
        a.case.facts, a.today, a.rulebook, exception=fields.exception, exception_events=fields.exception_events
    )
    limit = a.case.open_limit("jurisdiction_representations")  # open only after an invitation
    invited = limit.binds if limit else ()
    spoken, last_day = heard(a, "jurisdiction_representations", invited)
    return as_guard(
        "accept_jurisdiction",
        may_accept(assessment, fields.exception, invited=invited, heard=spoken, last_day=last_day, today=a.today),
    )


def invite_jurisdiction_representations_effect(a: Attempt, finding: Finding) -> list[Event]:
    fields = cast(InviteJurisdictionRepresentations, a.fields)
    invited = tuple(finding.details["invited"])
    due_on = fields.respond_by or window(a, "representations", invited)
    # Jurisdiction stays open until determination (DISP 3.2.1R): invited from a later state, the case goes back
    # to it if the complaint is in; from before the investigation it goes on to the investigation.
    came_from = None if a.case.state in BEFORE_INVESTIGATION else a.case.state
    return [
        CaseMarked({"returns_to": came_from}),
        TimeLimitOpened(TimeLimitKind.jurisdiction_representations, due_on, invited),
        Noted(JurisdictionRepresentationsInvited(fields.raised_by, tuple(Party(party) for party in invited), due_on)),
    ]


def accept_jurisdiction_effect(a: Attempt, finding: Finding) -> list[Event]:
    fields = cast(AcceptJurisdiction, a.fields)
    needed = None
    if fields.exception == "respondent_consent":
        needed = cast(LateReferralNeeds, a.rulebook.late_referral_needs(a.case.facts.referred_on))
    marked = CaseMarked(
        {
            "jurisdiction_exception": fields.exception,
            "jurisdiction_exception_events": fields.exception_events if fields.exception else None,
            "returns_to": None,
        }
    )
    several: dict[str, Any] = {}
    if "events_in" in finding.details:  # a complaint about several events
        several = {
            "events_in": tuple(finding.details["events_in"]),
            "events_out": tuple(finding.details["events_out"]),
            "event_reasons": dict(finding.details["event_reasons"]),
        }
    if a.case.returns_to is not None:  # back to the later state it came from, whose own time limits still run
        return [marked, Noted(JurisdictionAccepted(fields.exception, None, needed, **several))]
    due_on = window(a, "representations", BOTH_PARTIES)  # entering the investigation invites both parties
    return [
        marked,
        TimeLimitOpened(TimeLimitKind.representations, due_on, BOTH_PARTIES),
        Noted(JurisdictionAccepted(fields.exception, due_on, needed, **several)),
    ]


STEPS: tuple[Step, ...] = (
    Step(
        "invite_jurisdiction_representations",
        (S.jurisdiction_check, *INVESTIGATING),
        title="Invite views on jurisdiction",
        purpose="Ask the parties whether the Ombudsman can consider the complaint before that is decided.",
        dest=S.jurisdiction_representations,
        keeps_origin=True,
        cites=cite("DISP 3.2.1R", "DISP 3.2.3R", "DISP 3.2.4R"),
        guard=invite_jurisdiction_representations,
        fields=InviteJurisdictionRepresentations,
        opens=TimeLimitKind.jurisdiction_representations,
        sends=((LetterKind.jurisdiction_representations, (INVITED,)),),
        effect=invite_jurisdiction_representations_effect,
    ),
    Step(
        "decide_out_of_jurisdiction",
        (S.jurisdiction_representations,),
        checked=True,
        title="Decide the complaint is out of jurisdiction",
        purpose="Close the case, with reasons, because the Ombudsman cannot consider the complaint.",
        dest=S.out_of_jurisdiction,
        cites=cite("DISP 3.2.5R"),
        guard=decide_out_of_jurisdiction,
        fields=ReasonsRequired,
        sends=((LetterKind.jurisdiction_decision, BOTH_PARTIES),),
    ),
    Step(
        "accept_jurisdiction",
        (S.jurisdiction_check, S.jurisdiction_representations),
        checked=True,
        usual_in=(S.jurisdiction_check, S.jurisdiction_representations),
        title="Accept jurisdiction",
        purpose="Decide that the Ombudsman can consider the complaint, and start the investigation (or go back to "
        "where the case was, when the question was raised later).",
        dest=S.investigation,
        returns=True,
        cites=cite("DISP 3.2.6R"),
        guard=accept_jurisdiction,
        fields=AcceptJurisdiction,
        opens=TimeLimitKind.representations,
        sends=((LetterKind.jurisdiction_decision, BOTH_PARTIES),),
        effect=accept_jurisdiction_effect,
    ),
    Step(
        "record_late_referral_position",
        UNTIL_DETERMINED,
        title="Record the respondent's consent to a late complaint",
        purpose="Record whether the respondent agrees to a complaint brought after the time limits being considered.",
        cites=cite("DISP 2.8.2R(5)"),
        guard=record_late_referral_position,
        fields=RecordLateReferralPosition,
        roles=AND_THE_FIRM,
        # Open until determination, but never a to-do: the rule asks only that the respondent "has not objected".
        routine=True,
        effect=record_late_referral_position_effect,
    ),
)
