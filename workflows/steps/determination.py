"""The determination and the complainant's answer, and its publication (DISP 3.6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, cast

from pydantic import AfterValidator, Field

from ombudsman.citations import cite
from ombudsman.rules.awards import AwardsIn, awards_may_go_with
from ombudsman.rules.disp_3_6_determination import (
    acceptance_is_in_time,
    award_may_be_corrected,
    date_specified,
    last_day_to_accept,
    late_acceptance_may_count,
    treated_as_rejected,
)
from ombudsman.rules.finding import Finding
from ombudsman.rules.values import Printable
from workflows.attempt import Attempt
from workflows.events import (
    AwardCorrected,
    CaseMarked,
    Event,
    LateAcceptanceNotified,
    Noted,
    RegisterStatusSet,
    StepRecord,
    TimeLimitOpened,
    award_calculation,
    award_made,
    records,
    window,
)
from workflows.fields import DateSpecified, OutcomeAndAwards, ReasonsRequired
from workflows.guards import as_guard, award_is_computable, jurisdiction_lost, no, only_the_complainant, yes
from workflows.step import AND_THE_COMPLAINANT, OMBUDSMAN_ONLY, Step
from workflows.vocabulary import (
    AFTER_DETERMINATION,
    BOTH_PARTIES,
    AwardStage,
    LetterKind,
    Outcome,
    Party,
    RegisterStatus,
    State,
    TimeLimitKind,
)

S = State


class Determine(OutcomeAndAwards):
    accept_before: DateSpecified | None = Field(
        default=None, title="The date by which the complainant must say whether they accept"
    )


def _names_something(phrase: str) -> str:
    """A phrase to redact, trimmed; one with no letter or digit would strike out punctuation or spaces."""
    if not any(character.isalnum() for character in phrase):
        raise ValueError("must contain a letter or a digit: it is a word or phrase to remove from the report")
    return phrase.strip()


RedactPhrase = Annotated[Printable, Field(min_length=1, max_length=200), AfterValidator(_names_something)]


class ApprovePublication(ReasonsRequired):
    """An ombudsman approves the published report of a determination (DISP 3.6.7R), naming any further words or
    phrases that would identify the complainant; the complainant's name and contact details go in any case."""

    redact: list[RedactPhrase] = Field(default_factory=list, max_length=50)


class CorrectClericalMistake(ReasonsRequired):
    """DISP 3.6.6AR: the reasons say what the mistake was; ``correction`` is how the statement should read, and
    ``awards`` (as for ``determine``) the determination's award as it should read, where the mistake was in it."""

    correction: Printable = Field(min_length=1, max_length=20_000)
    awards: AwardsIn | None = None


def determine(a: Attempt) -> Finding:
    if a.case.pending_hearing_requests:
        return no(
            "determine",
            "A hearing request has not been decided: grant or refuse it before determining the complaint.",
            cite("DISP 3.5.5R"),
        )
    return jurisdiction_lost(a, "determine") or award_is_computable(
        a,
        "determine",
        "An ombudsman determined the complaint by what is fair and reasonable, with reasons, and set the date "
        "before which the complainant must say whether they accept.",
        citation=cite("DISP 3.6.1R", "DISP 3.6.6R(1)", "DISP 3.6.6R(2)"),
    )


def correct_clerical_mistake(a: Attempt) -> Finding:
    name, citation = "correct_clerical_mistake", cite("DISP 3.6.6AR")
    awards = cast(CorrectClericalMistake, a.fields).awards
    if awards is None:
        return yes(
            name, "An ombudsman corrects a clerical mistake in the written statement of the determination.", citation
        )
    for rule in (
        award_may_be_corrected(award_made=a.case.determination_award is not None),
        awards_may_go_with(a.case.outcome or "", awards),
    ):
        if not rule.passed:
            return as_guard(name, rule)
    return award_is_computable(
        a,
        name,
        "An ombudsman corrects a clerical mistake in the written statement of the determination, and the award "
        "with it, in the register of money awards too.",
        citation=cite("DISP 3.6.6AR", "DISP 3.7.7R"),
    )


def accept(a: Attempt) -> Finding:
    name = "accept"
    refusal = only_the_complainant(a, name, cite("DISP 3.6.6R(2)"))
    if refusal:
        return refusal
    limit = a.case.open_limit(TimeLimitKind.acceptance)
    if limit is None:  # no limit open: nothing to be late for
        return yes(
            name, "The complainant accepted in time: the determination is final and binding.", cite("DISP 3.6.6R(3)")
        )
    return as_guard(name, acceptance_is_in_time(limit.due_on, a.today))


def reject(a: Attempt) -> Finding:
    refusal = only_the_complainant(a, "reject", cite("DISP 3.6.6R(4)"))
    return refusal or yes(
        "reject",
        "The complainant rejected the determination: neither party is bound.",
        cite("DISP 3.6.6R(4)"),
    )


def lapse(a: Attempt) -> Finding:
    limit = a.case.open_limit(TimeLimitKind.acceptance)
    if limit is None:
        return no("lapse", "The complainant has to accept.", cite("DISP 3.6.6R(2)"))
    return as_guard("lapse", treated_as_rejected(limit.due_on, a.today))


def accept_late(a: Attempt) -> Finding:
    rule = late_acceptance_may_count(
        expressly_rejected=a.case.expressly_rejected, notified=a.case.late_acceptance_notified
    )
    return as_guard("accept_late", rule)


def notify_late_acceptance(a: Attempt) -> Finding:
    name, citation = "notify_late_acceptance", cite("DISP 3.6.6R(4A)")
    refusal = only_the_complainant(a, name, citation)
    if refusal:
        return refusal
    if a.case.expressly_rejected:
        return no(name, "The complainant rejected the determination, so a late acceptance cannot count.", citation)
    return yes(name, "The complainant has told us they accept, after the date specified.", citation)


def approve_publication(a: Attempt) -> Finding:
    name, citation = "approve_publication", cite("DISP 3.6.7R")
    if not a.case.has_determination:
        return no(
            name,
            "The complaint was not determined by an ombudsman, so there is no determination to publish.",
            citation,
        )
    return yes(
        name,
        "An ombudsman approved the report of the determination for publication, without the complainant's name "
        "or anything that would identify them.",
        citation,
    )


@records("determine")
@dataclass(frozen=True)
class Determined(StepRecord):
    """What the ombudsman decided, the date specified for the complainant's answer (DISP 3.6.6R) and the last day
    an answer counts: the determination's letters and the published report read it."""

    outcome: Outcome
    accept_before: date
    last_day_to_accept: date


@records("correct_clerical_mistake")
@dataclass(frozen=True)
class Corrected(StepRecord):
    """The correction of a clerical mistake, sent to both parties beside the determination as it was sent; where
    it corrects the award, the award as it was (``award_was``) and as corrected (``award_now``), each as stored
    (``AwardCalculation.as_dict()``)."""

    LEFT_OUT_WHEN_NONE = frozenset({"award_was", "award_now"})

    correction: str
    award_was: dict[str, Any] | None = None
    award_now: dict[str, Any] | None = None


@records("lapse")
@dataclass(frozen=True)
class Lapsed(StepRecord):
    """The complainant did not answer by the date specified: treated as rejecting the determination (DISP 3.6.6R)."""

    treated_as_rejected: bool = True


@records("approve_publication")
@dataclass(frozen=True)
class PublicationApproved(StepRecord):
    """The phrases the approving ombudsman named to strike out of the published report, beyond the complainant's
    particulars (the published report reads the latest approval's)."""

    redact: tuple[str, ...]


def determine_effect(a: Attempt, finding: Finding) -> list[Event]:
    fields = cast(Determine, a.fields)
    if fields.accept_before is not None:
        last_day = last_day_to_accept(fields.accept_before)
    else:
        last_day = window(a, "acceptance", (Party.complainant,))
    accept_before = date_specified(last_day)
    return [
        CaseMarked({"outcome": fields.outcome}),
        TimeLimitOpened(TimeLimitKind.acceptance, last_day, (Party.complainant,)),
        *award_made(a, AwardStage.determination, fields.outcome, awards=fields.awards),
        Noted(Determined(fields.outcome, accept_before, last_day)),
    ]


def accept_effect(a: Attempt, finding: Finding) -> list[Event]:
    return [RegisterStatusSet(RegisterStatus.binding)]


def reject_effect(a: Attempt, finding: Finding) -> list[Event]:
    return [CaseMarked({"expressly_rejected": True}), RegisterStatusSet(RegisterStatus.not_binding)]


def lapse_effect(a: Attempt, finding: Finding) -> list[Event]:
    return [RegisterStatusSet(RegisterStatus.not_binding), Noted(Lapsed())]


def notify_late_acceptance_effect(a: Attempt, finding: Finding) -> list[Event]:
    return [LateAcceptanceNotified()]


# The register entry's standing in each state after a determination, for an entry a correction makes.
STANDING = {
    S.determined: RegisterStatus.awaiting_answer,
    S.accepted: RegisterStatus.binding,
    S.rejected: RegisterStatus.not_binding,
    S.complied: RegisterStatus.complied,
}


def correct_clerical_mistake_effect(a: Attempt, finding: Finding) -> list[Event]:
    # The statement as sent stays as it was sent; the correction is recorded and sent to both parties beside it.
    # A corrected award replaces the determination's award as at the day it was made, and its register entry.
    fields = cast(CorrectClericalMistake, a.fields)
    was = a.case.determination_award
    if fields.awards is None or was is None:
        return [Noted(Corrected(fields.correction))]
    corrected = award_calculation(a, fields.awards, as_of=was.made_on)
    return [
        AwardCorrected(corrected, STANDING[a.case.state]),
        Noted(Corrected(fields.correction, dict(was.calculation), corrected.as_dict())),
    ]


def approve_publication_effect(a: Attempt, finding: Finding) -> list[Event]:
    # The reasons go in the event as every step's do; the phrases to strike out go in its details, where the
    # published report reads the latest approval's. They may quote the complainant's particulars, so the event
    # is kept from the firm as something given for the complainant (a firm never sees their contact details).
    redact = tuple(cast(ApprovePublication, a.fields).redact)
    return [Noted(PublicationApproved(redact), confidential_from=Party.complainant)]


# The action that approves a determination's report for publication (DISP 3.6.7R): the published report is read
# from its latest audit event.
PUBLISHING = Step(
    "approve_publication",
    AFTER_DETERMINATION,
    title="Approve publication",
    purpose="Approve the decision for publication, with any words to be left out.",
    cites=cite("DISP 3.6.7R"),
    guard=approve_publication,
    fields=ApprovePublication,
    roles=OMBUDSMAN_ONLY,
    effect=approve_publication_effect,
)

STEPS: tuple[Step, ...] = (
    Step(
        "determine",
        (S.awaiting_determination,),
        checked=True,
        usual_in=(S.awaiting_determination,),
        title="Determine the complaint",
        purpose="Give an Ombudsman's final decision on the complaint, with any award or direction.",
        dest=S.determined,
        cites=cite("DISP 3.5.5R", "DISP 3.6.1R", "DISP 3.6.6R(1)", "DISP 3.6.6R(2)", "DISP 3.7.1R", "DISP 3.9.1R"),
        guard=determine,
        fields=Determine,
        roles=OMBUDSMAN_ONLY,
        opens=TimeLimitKind.acceptance,
        sends=((LetterKind.determination, BOTH_PARTIES),),
        effect=determine_effect,
    ),
    Step(
        "accept",
        (S.determined,),
        checked=True,
        usual_in=(S.determined,),
        title="Accept the determination",
        purpose="Record that the complainant accepts the decision, which then binds both parties.",
        dest=S.accepted,
        cites=cite("DISP 3.6.6R(2)", "DISP 3.6.6R(3)"),
        guard=accept,
        roles=AND_THE_COMPLAINANT,
        sends=((LetterKind.outcome_to_respondent, (Party.respondent,)), (LetterKind.award_certificate, BOTH_PARTIES)),
        effect=accept_effect,
    ),
    Step(
        "reject",
        (S.determined,),
        checked=True,
        title="Reject the determination",
        purpose="Record that the complainant rejects the decision, so neither party is bound.",
        dest=S.rejected,
        cites=cite("DISP 3.6.6R(4)"),
        guard=reject,
        roles=AND_THE_COMPLAINANT,
        sends=(
            (LetterKind.outcome_to_respondent, (Party.respondent,)),
            (LetterKind.answer_recorded, (Party.complainant,)),
        ),
        effect=reject_effect,
    ),
    Step(
        "lapse",
        (S.determined,),
        title="Treat the determination as rejected",
        purpose="Record that the complainant did not accept the decision by the date given, so neither party is bound.",
        dest=S.rejected,
        cites=cite("DISP 3.6.6R(4)"),
        guard=lapse,
        fired_by=TimeLimitKind.acceptance,
        sends=(
            (LetterKind.outcome_to_respondent, (Party.respondent,)),
            (LetterKind.answer_recorded, (Party.complainant,)),
        ),
        effect=lapse_effect,
    ),
    Step(
        "accept_late",
        (S.rejected,),
        title="Accept a late acceptance",
        purpose="Let the complainant accept after the date, where exceptional circumstances kept them from answering.",
        dest=S.accepted,
        cites=cite("DISP 3.6.6R(4A)"),
        guard=accept_late,
        fields=ReasonsRequired,
        roles=OMBUDSMAN_ONLY,
        sends=((LetterKind.outcome_to_respondent, (Party.respondent,)), (LetterKind.award_certificate, BOTH_PARTIES)),
        effect=accept_effect,
    ),
    Step(
        "notify_late_acceptance",
        (S.rejected,),
        title="Say you accept after the date",
        purpose="Tell the Ombudsman that the complainant wishes to accept the decision although the date has passed.",
        cites=cite("DISP 3.6.6R(4A)"),
        guard=notify_late_acceptance,
        roles=AND_THE_COMPLAINANT,
        effect=notify_late_acceptance_effect,
    ),
    Step(
        "correct_clerical_mistake",
        AFTER_DETERMINATION,
        title="Correct a clerical mistake",
        purpose="Correct a slip in the written decision and send the correction to both parties.",
        cites=cite("DISP 3.6.6AR", "DISP 3.7.7R"),
        guard=correct_clerical_mistake,
        fields=CorrectClericalMistake,
        # DISP 3.6.6AR: "An Ombudsman may correct": the signed statement is the Ombudsman's own, and DISP 3.9.1R
        # keeps determining a complaint from staff.
        roles=OMBUDSMAN_ONLY,
        sends=((LetterKind.corrected_determination, BOTH_PARTIES),),
        effect=correct_clerical_mistake_effect,
    ),
    PUBLISHING,
)
