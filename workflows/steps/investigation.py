"""The investigation: representations, the provisional assessment, hearings and time limits (DISP 3.5)."""

from __future__ import annotations

from typing import cast

from pydantic import Field, ValidationInfo, field_validator

from ombudsman.citations import cite
from ombudsman.rules.disp_3_5_investigation import (
    assessment_stands,
    confidentiality_may_be_decided,
    disagreement_is_in_time,
    hearing_may_be_held,
)
from ombudsman.rules.finding import Finding
from ombudsman.rules.time_limits import long_date
from ombudsman.rules.values import Flag, Printable
from workflows.attempt import Attempt
from workflows.events import (
    AssessmentStood,
    CaseMarked,
    ComplaintsConnected,
    ConfidentialityDecided,
    Event,
    HearingRequested,
    HearingRequestsDecided,
    Noted,
    RepresentationMade,
    TimeLimitExtended,
    TimeLimitOpened,
    award_made,
    window,
)
from workflows.fields import Fields, OutcomeAndAwards, ReasonsRequired, StaffDeadline, TimeLimitDay
from workflows.guards import (
    and_list,
    as_guard,
    award_is_computable,
    has,
    jurisdiction_lost,
    no,
    recorded,
    waiting_for,
    yes,
)
from workflows.step import AND_BOTH_PARTIES, BINDS, OTHER_PARTY, PARTY, Allowance, Step
from workflows.steps.investigation_records import (
    AssessmentIssued,
    ComplaintConnected,
    ConfidentialityRuled,
    Disagreed,
    HearingAsked,
    HearingGranted,
    RepresentationsMade,
    TimeLimitMoved,
    TimeLimitSet,
)
from workflows.vocabulary import (
    BEFORE_DETERMINATION,
    BOTH_PARTIES,
    INVESTIGATING,
    OPEN_STATES,
    AwardStage,
    HearingDecision,
    LetterKind,
    Party,
    Role,
    State,
    TimeLimitKind,
)

S = State


class IssueProvisionalAssessment(OutcomeAndAwards):
    respond_by: TimeLimitDay | None = Field(default=None, title="The last day to respond")


class GrantHearing(ReasonsRequired):
    private: Flag = Field(title="Whether the hearing is held in private")
    own_initiative: Flag = Field(default=False, title="Whether you hold it though no party asked for it")  # DISP 3.5.5R


class MakeRepresentations(Fields):
    text: Printable = Field(min_length=1, max_length=50_000, title="What you want to say")
    confidential: Flag = Field(default=False, title="Whether you ask us to keep it confidential")


class DecideConfidentiality(ReasonsRequired):
    event_version: int = Field(ge=1, le=2**31 - 1, title="The version of the event that recorded the representations")
    accept: bool = Field(title="Whether they are accepted in confidence")
    summary: Printable | None = Field(None, min_length=1, max_length=20_000, validate_default=True, title="Summary")

    @field_validator("summary")
    @classmethod
    def _given_when_accepted(cls, summary: str | None, info: ValidationInfo) -> str | None:
        """DISP 3.5.9R(2): what is accepted in confidence is disclosed as an edited version, summary or
        description, so acceptance needs the summary the other party will see (422 naming ``summary``)."""
        if info.data.get("accept") is True and summary is None:
            raise ValueError("Say what the other party is shown instead: accepting in confidence needs a summary.")
        return summary


class RequestHearing(Fields):
    issues: Printable = Field(min_length=1, max_length=20_000, title="The issues a hearing would decide")
    private_reasons: Printable | None = Field(default=None, max_length=20_000, title="Why it should be private")


class SetTimeLimit(ReasonsRequired):
    deadline: StaffDeadline = Field(title="The time limit")
    until: TimeLimitDay = Field(title="The last day of the time limit")
    binds: list[Party] = Field(default_factory=lambda: [Party.complainant, Party.respondent], title="Whom it binds")


class ExtendTimeLimit(ReasonsRequired):
    deadline: StaffDeadline = Field(title="The time limit")
    until: TimeLimitDay = Field(title="The new last day of the time limit")


class LinkConnectedComplaint(ReasonsRequired):
    connected_reference: Printable = Field(min_length=1, max_length=40)


def representations_made(a: Attempt) -> int:
    """How many representations the attempt's party has made on the case (staff's on its behalf included)."""
    return sum(1 for representation in a.case.representations if representation.party == a.party)


def hearing_requests_made(a: Attempt) -> int:
    """How many hearing requests the attempt's party has made on the case, decided or not."""
    return sum(1 for request in a.case.hearing_requests if request.party == a.party)


REPRESENTATIONS = Allowance("representations", ("text",), representations_made)
HEARING_REQUESTS = Allowance("hearing requests", ("issues", "private_reasons"), hearing_requests_made)


def issue_provisional_assessment(a: Attempt) -> Finding:
    name = "issue_provisional_assessment"
    waiting = waiting_for(a, "representations", ("complainant", "respondent"))
    if waiting:
        limit = a.case.open_limit("representations")
        until = f" until {long_date(limit.due_on)}" if limit else ""
        return no(
            name,
            f"Both parties may make representations first: {and_list(waiting)} still {has(waiting)}{until}.",
            cite("DISP 3.5.4R(1)"),
        )
    return jurisdiction_lost(a, name) or award_is_computable(
        a,
        name,
        "The provisional assessment is sent to both parties with reasons and a date to respond by.",
        citation=cite("DISP 3.5.4R(2)"),
    )


def disagree(a: Attempt) -> Finding:
    name = "disagree"
    if a.party is None:
        return no(name, "A disagreement is made by a party: say which party (on_behalf_of).", cite("DISP 3.5.4R(3)"))
    limit = a.case.open_limit(TimeLimitKind.assessment_response)
    return as_guard(name, disagreement_is_in_time(a.party, limit.due_on if limit else None, a.today))


def close_on_assessment(a: Attempt) -> Finding:
    limit = a.case.open_limit(TimeLimitKind.assessment_response)
    return as_guard("close_on_assessment", assessment_stands(limit.due_on if limit else None, a.today))


def grant_hearing(a: Attempt) -> Finding:
    fields = cast(GrantHearing, a.fields)
    return as_guard(
        "grant_hearing",
        hearing_may_be_held(
            requests_pending=len(a.case.pending_hearing_requests),
            own_initiative=fields.own_initiative,
            by_an_ombudsman=a.role is Role.ombudsman,
        ),
    )


def conclude_hearing(a: Attempt) -> Finding:
    return yes("conclude_hearing", "The hearing has ended.", cite("DISP 3.5.5R"))


def make_representations(a: Attempt) -> Finding:
    if a.party is None:
        return no(
            "make_representations",
            "Representations are made by a party: say which party (on_behalf_of).",
            cite("DISP 3.5.4R(1)"),
        )
    fields = cast(MakeRepresentations, a.fields)
    citation = cite("DISP 3.5.4R(1)", "DISP 3.5.9R(2)") if fields.confidential else cite("DISP 3.5.4R(1)")
    return yes("make_representations", f"The {a.party} made representations.", citation)


def decide_confidentiality(a: Attempt) -> Finding:
    version = cast(DecideConfidentiality, a.fields).event_version
    representation = a.case.representation(version)
    return as_guard(
        "decide_confidentiality",
        confidentiality_may_be_decided(
            version=version,
            asked_by=representation.party if representation else None,
            standing=representation.confidentiality if representation else None,
        ),
    )


def request_hearing(a: Attempt) -> Finding:
    name, citation = "request_hearing", cite("DISP 3.5.6R")
    if a.party is None:
        return no(name, "A hearing is requested by a party: say which party (on_behalf_of).", citation)
    if any(request.party == a.party for request in a.case.pending_hearing_requests):
        return no(name, f"The {a.party} already has a hearing request waiting for a decision.", citation)
    return yes(name, f"The {a.party} asked for a hearing in writing.", citation)


def refuse_hearing(a: Attempt) -> Finding:
    if not a.case.pending_hearing_requests:
        return no("refuse_hearing", "There is no hearing request waiting for a decision.", cite("DISP 3.5.5R"))
    return yes("refuse_hearing", "The hearing request is refused.", cite("DISP 3.5.5R", "DISP 3.5.7G"))


def set_time_limit(a: Attempt) -> Finding:
    fields = cast(SetTimeLimit, a.fields)
    if a.case.open_limit(fields.deadline):
        return no(
            "set_time_limit",
            f"A {fields.deadline} time limit is already open: extend it instead.",
            cite("DISP 3.5.13R"),
        )
    return yes("set_time_limit", f"A {fields.deadline} time limit is set.", cite("DISP 3.5.13R"))


def extend_time_limit(a: Attempt) -> Finding:
    name, citation = "extend_time_limit", cite("DISP 3.5.13R")
    fields = cast(ExtendTimeLimit, a.fields)
    limit = a.case.open_limit(fields.deadline)
    if limit is None:
        open_kinds = ", ".join(limit.kind for limit in a.case.open_time_limits) or "none"
        return no(name, f"There is no open {fields.deadline} time limit (open: {open_kinds}).", citation)
    if fields.until <= limit.due_on:
        return no(
            name,
            f"The new date must be later than the current one, {long_date(limit.due_on)}.",
            citation,
        )
    return yes(name, f"The {fields.deadline} time limit is extended to {long_date(fields.until)}.", citation)


def issue_provisional_assessment_effect(a: Attempt, finding: Finding) -> list[Event]:
    fields = cast(IssueProvisionalAssessment, a.fields)
    due_on = fields.respond_by or window(a, "assessment_response", BOTH_PARTIES)
    return [
        CaseMarked({"outcome": fields.outcome}),
        *award_made(a, AwardStage.provisional_assessment, fields.outcome, awards=fields.awards),
        TimeLimitOpened(TimeLimitKind.assessment_response, due_on, BOTH_PARTIES),
        Noted(AssessmentIssued(fields.outcome, due_on)),
    ]


def close_on_assessment_effect(a: Attempt, finding: Finding) -> list[Event]:
    return [AssessmentStood()]


def disagree_effect(a: Attempt, finding: Finding) -> list[Event]:
    return [Noted(Disagreed(Party(a.party) if a.party is not None else None))]


def grant_hearing_effect(a: Attempt, finding: Finding) -> list[Event]:
    fields = cast(GrantHearing, a.fields)
    noted = HearingGranted(fields.private, True if fields.own_initiative else None)
    return [HearingRequestsDecided(HearingDecision.granted, fields.private), Noted(noted)]


def refuse_hearing_effect(a: Attempt, finding: Finding) -> list[Event]:
    return [HearingRequestsDecided(HearingDecision.refused, None)]


def make_representations_effect(a: Attempt, finding: Finding) -> list[Event]:
    fields = cast(MakeRepresentations, a.fields)
    assert a.party is not None
    return [
        RepresentationMade(a.party, fields.text, fields.confidential),
        Noted(
            RepresentationsMade(Party(a.party), fields.confidential),
            confidential_from=a.party if fields.confidential else None,
        ),
    ]


def decide_confidentiality_effect(a: Attempt, finding: Finding) -> list[Event]:
    fields = cast(DecideConfidentiality, a.fields)
    representation = a.case.representation(fields.event_version)
    assert representation is not None  # the guard refuses otherwise
    # Kept from the other party: what the reasons say of it is for the party who asked (DISP 3.5.9R(2)).
    return [
        ConfidentialityDecided(fields.event_version, fields.accept, fields.summary),
        Noted(
            ConfidentialityRuled(Party(representation.party), fields.event_version, fields.accept),
            confidential_from=representation.party,
        ),
    ]


def request_hearing_effect(a: Attempt, finding: Finding) -> list[Event]:
    fields = cast(RequestHearing, a.fields)
    assert a.party is not None
    return [
        HearingRequested(a.party, fields.issues, fields.private_reasons),
        Noted(HearingAsked(Party(a.party), fields.private_reasons is not None)),
    ]


def set_time_limit_effect(a: Attempt, finding: Finding) -> list[Event]:
    fields = cast(SetTimeLimit, a.fields)
    return [
        TimeLimitOpened(fields.deadline, fields.until, tuple(party.value for party in fields.binds)),
        Noted(TimeLimitSet(fields.deadline, fields.until, tuple(fields.binds))),
    ]


def extend_time_limit_effect(a: Attempt, finding: Finding) -> list[Event]:
    fields = cast(ExtendTimeLimit, a.fields)
    limit = a.case.open_limit(fields.deadline)
    assert limit is not None  # the guard refuses otherwise
    return [
        TimeLimitExtended(fields.deadline, fields.until),
        Noted(TimeLimitMoved(fields.deadline, limit.due_on, fields.until, tuple(Party(p) for p in limit.binds))),
    ]


def note_respondent_missed_time_limit_effect(a: Attempt, finding: Finding) -> list[Event]:
    return [CaseMarked({"respondent_missed_time_limit": True})]


def link_connected_complaint_effect(a: Attempt, finding: Finding) -> list[Event]:
    reference = cast(LinkConnectedComplaint, a.fields).connected_reference
    return [ComplaintsConnected(reference), Noted(ComplaintConnected(reference))]


STEPS: tuple[Step, ...] = (
    Step(
        "issue_provisional_assessment",
        (S.investigation,),
        checked=True,
        usual_in=(S.investigation,),
        title="Issue a provisional assessment",
        purpose="Tell both parties how the complaint should be resolved, and give them time to say if they disagree.",
        dest=S.provisional_assessment,
        cites=cite("DISP 3.5.4R(1)", "DISP 3.5.4R(2)"),
        guard=issue_provisional_assessment,
        fields=IssueProvisionalAssessment,
        opens=TimeLimitKind.assessment_response,
        sends=((LetterKind.provisional_assessment, BOTH_PARTIES),),
        effect=issue_provisional_assessment_effect,
    ),
    Step(
        "disagree",
        (S.provisional_assessment,),
        title="Disagree with the assessment",
        purpose="Ask for an Ombudsman to decide the complaint instead of closing it on the assessment.",
        dest=S.awaiting_determination,
        cites=cite("DISP 3.5.4R(3)"),
        guard=disagree,
        roles=AND_BOTH_PARTIES,
        sends=((LetterKind.disagreement, (OTHER_PARTY,)),),
        effect=disagree_effect,
    ),
    Step(
        "close_on_assessment",
        (S.provisional_assessment,),
        title="Close the case on the assessment",
        purpose="Close the case on the assessment's terms because nobody disagreed in time.",
        dest=S.assessment_accepted,
        cites=cite("DISP 3.5.4R"),
        guard=close_on_assessment,
        fired_by=TimeLimitKind.assessment_response,
        sends=((LetterKind.closed_on_assessment, BOTH_PARTIES),),
        effect=close_on_assessment_effect,
    ),
    Step(
        "grant_hearing",
        (S.awaiting_determination,),
        title="Grant a hearing",
        purpose="Agree to hold a hearing before an Ombudsman decides the complaint.",
        dest=S.hearing,
        cites=cite("DISP 3.5.5R", "DISP 3.5.6R", "DISP 3.5.7G"),
        guard=grant_hearing,
        fields=GrantHearing,
        sends=((LetterKind.hearing_decision, BOTH_PARTIES),),
        effect=grant_hearing_effect,
    ),
    Step(
        "conclude_hearing",
        (S.hearing,),
        usual_in=(S.hearing,),
        title="Conclude the hearing",
        purpose="Record that the hearing has taken place, so an Ombudsman can decide the complaint.",
        dest=S.awaiting_determination,
        cites=cite("DISP 3.5.5R"),
        guard=conclude_hearing,
    ),
    Step(
        "make_representations",
        OPEN_STATES,
        title="Make representations",
        purpose="Tell the Ombudsman your views on the complaint, or send evidence.",
        cites=cite("DISP 3.5.4R(1)"),
        guard=make_representations,
        fields=MakeRepresentations,
        roles=AND_BOTH_PARTIES,
        routine=True,
        effect=make_representations_effect,
        allowance=REPRESENTATIONS,
    ),
    Step(
        "decide_confidentiality",
        OPEN_STATES,
        title="Decide a request for confidentiality",
        purpose="Decide whether what a party asked to keep confidential is kept in confidence or returned to them.",
        cites=cite("DISP 3.5.9R(2)"),
        guard=decide_confidentiality,
        fields=DecideConfidentiality,
        sends=((LetterKind.confidentiality_decision, (PARTY,)),),
        effect=decide_confidentiality_effect,
    ),
    Step(
        "request_hearing",
        BEFORE_DETERMINATION,
        title="Ask for a hearing",
        purpose="Ask for a hearing before an Ombudsman decides the complaint.",
        cites=cite("DISP 3.5.5R", "DISP 3.5.6R"),
        guard=request_hearing,
        fields=RequestHearing,
        roles=AND_BOTH_PARTIES,
        effect=request_hearing_effect,
        allowance=HEARING_REQUESTS,
    ),
    Step(
        "refuse_hearing",
        INVESTIGATING,
        title="Refuse a hearing",
        purpose="Turn down a request for a hearing, giving reasons.",
        cites=cite("DISP 3.5.5R", "DISP 3.5.7G"),
        guard=refuse_hearing,
        fields=ReasonsRequired,
        sends=((LetterKind.hearing_decision, BOTH_PARTIES),),
        effect=refuse_hearing_effect,
    ),
    Step(
        "set_time_limit",
        OPEN_STATES,
        title="Set a time limit",
        purpose="Give one or both parties a date by which to do something.",
        cites=cite("DISP 3.5.13R"),
        guard=set_time_limit,
        fields=SetTimeLimit,
        sends=((LetterKind.time_limit, (BINDS,)),),
        effect=set_time_limit_effect,
    ),
    Step(
        "extend_time_limit",
        OPEN_STATES,
        title="Extend a time limit",
        purpose="Give more time to meet a time limit that is running.",
        cites=cite("DISP 3.5.13R"),
        guard=extend_time_limit,
        fields=ExtendTimeLimit,
        sends=((LetterKind.time_limit, (BINDS,)),),
        effect=extend_time_limit_effect,
    ),
    Step(
        "note_respondent_missed_time_limit",
        OPEN_STATES,
        title="Note a missed time limit",
        purpose="Record that the respondent missed a time limit, so an award can make up for the inconvenience.",
        cites=cite("DISP 3.5.14R"),
        guard=recorded(
            "note_respondent_missed_time_limit",
            "The respondent missed a time limit: the award may provide for the distress or inconvenience caused.",
            cite("DISP 3.5.14R"),
        ),
        fields=ReasonsRequired,
        effect=note_respondent_missed_time_limit_effect,
    ),
    Step(
        "link_connected_complaint",
        OPEN_STATES,
        title="Link a connected complaint",
        purpose="Record that another complaint is connected to this one, so the two are looked at together.",
        cites=cite("DISP 3.5.3R"),
        guard=recorded("link_connected_complaint", "The complaints are investigated together.", cite("DISP 3.5.3R")),
        fields=LinkConnectedComplaint,
        effect=link_connected_complaint_effect,
    ),
)
