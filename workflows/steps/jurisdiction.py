"""The jurisdiction decision: representations, then in or out (DISP 3.2.3R-3.2.6R)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, cast

from ombudsman.citations import cite
from ombudsman.rules.disp_3_2_jurisdiction_decision import (
    CureNamed,
    RaisedBy,
    may_accept,
    may_decide_out,
    respondent_position_may_be_recorded,
    who_may_make_representations,
)
from ombudsman.rules.finding import Finding
from ombudsman.rules.jurisdiction import TIME_LIMIT_TESTS, assess
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
    raised_by: RaisedBy
    respond_by: TimeLimitDay | None = None


class AcceptJurisdiction(ReasonsRequired):
    exception: CureNamed | None = None


class RecordLateReferralPosition(ReasonsRequired):
    consents: Flag  # true: the respondent consents; false: it objects, on the ground that the complaint is late


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

    LEFT_OUT_WHEN_NONE = frozenset({"respondent_position_needed", "representations_by"})

    exception: CureNamed | None
    representations_by: date | None
    respondent_position_needed: LateReferralNeeds | None = None


@records("record_late_referral_position")
@dataclass(frozen=True)
class LateReferralPositionRecorded(StepRecord):
    """The respondent's position on a late referral: it consents (True) or objects (False), DISP 2.8.2R(5)."""

    consents: bool


def invite_jurisdiction_representations(a: Attempt) -> Finding:
    fields = cast(InviteJurisdictionRepresentations, a.fields)
    facts = a.case.facts
    assessment = assess(facts, a.today, a.rulebook, exceptional_circumstances_found=False)
    may_be_late = any(assessment.test(name).failed for name in TIME_LIMIT_TESTS)
    to_say = may_be_late and facts.respondent_consents_to_late_referral is None
    return as_guard(
        "invite_jurisdiction_representations",
        who_may_make_representations(fields.raised_by, respondent_to_say_on_lateness=to_say),
    )


def record_late_referral_position(a: Attempt) -> Finding:
    fields = cast(RecordLateReferralPosition, a.fields)
    return as_guard("record_late_referral_position", respondent_position_may_be_recorded(a.party, fields.consents))


def record_late_referral_position_effect(a: Attempt, finding: Finding) -> list[Event]:
    consents = cast(RecordLateReferralPosition, a.fields).consents
    return [
        FactsRecorded({"respondent_consents_to_late_referral": consents}),
        Noted(LateReferralPositionRecorded(consents)),
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
    found = fields.exception == "exceptional_circumstances"
    assessment = assess(a.case.facts, a.today, a.rulebook, exceptional_circumstances_found=found)
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
    marked = CaseMarked({"jurisdiction_exception": fields.exception, "returns_to": None})
    if a.case.returns_to is not None:  # back to the later state it came from, whose own time limits still run
        return [marked, Noted(JurisdictionAccepted(fields.exception, None, needed))]
    due_on = window(a, "representations", BOTH_PARTIES)  # entering the investigation invites both parties
    return [
        marked,
        TimeLimitOpened(TimeLimitKind.representations, due_on, BOTH_PARTIES),
        Noted(JurisdictionAccepted(fields.exception, due_on, needed)),
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
