"""The jurisdiction decision: representations, then in or out (DISP 3.2.3R-3.2.6R)."""

from __future__ import annotations

from typing import Literal, cast

from ombudsman.citations import cite
from ombudsman.rules.finding import Finding
from ombudsman.rules.jurisdiction import assess
from ombudsman.rules.time_limits import long_date
from ombudsman.rules.values import Day
from workflows.events import CaseMarked, Event, Noted, TimeLimitOpened, window
from workflows.fields import Fields, ReasonsRequired
from workflows.guards import and_list, no, waiting_for, yes
from workflows.snapshot import Attempt
from workflows.step import INVITED, Step
from workflows.vocabulary import BOTH_PARTIES, LetterKind, State, TimeLimitKind

S = State


class InviteJurisdictionRepresentations(Fields):
    raised_by: Literal["respondent", "ombudsman"]
    respond_by: Day | None = None


class AcceptJurisdiction(ReasonsRequired):
    exception: Literal["exceptional_circumstances", "respondent_consent"] | None = None


def invite_jurisdiction_representations(a: Attempt) -> Finding:
    fields = cast(InviteJurisdictionRepresentations, a.fields)
    if fields.raised_by == "respondent":
        return yes(
            "invite_jurisdiction_representations",
            "The respondent says the complaint is outside our jurisdiction, so both parties may make "
            "representations before we decide.",
            cite("DISP 3.2.3R"),
            invited=("complainant", "respondent"),
        )
    return yes(
        "invite_jurisdiction_representations",
        "We think the complaint may be outside our jurisdiction, so the complainant may make representations "
        "before we decide.",
        cite("DISP 3.2.4R"),
        invited=("complainant",),
    )


def decide_out_of_jurisdiction(a: Attempt) -> Finding:
    name, citation = "decide_out_of_jurisdiction", cite("DISP 3.2.5R")
    limit = a.case.open_limit("jurisdiction_representations")
    waiting = waiting_for(a, "jurisdiction_representations", limit.binds if limit else ())
    if waiting and limit:
        return no(
            name,
            f"We are waiting for representations from {and_list(waiting)} until {long_date(limit.due_on)}.",
            cite("DISP 3.2.3R", "DISP 3.2.4R"),
        )
    # The Ombudsman has not found exceptional circumstances: only the respondent's consent can cure here.
    assessment = assess(a.case.facts, a.today, a.rulebook, exceptional_circumstances_found=False)
    failed = assessment.failed_uncured()
    if not failed:
        return no(
            name,
            "No DISP 2 test has failed without an exception to cure it, so the complaint cannot be decided "
            "out of jurisdiction.",
            citation,
        )
    return yes(name, " ".join(test.reason for test in failed), citation, failed=[t.name for t in failed])


def accept_jurisdiction(a: Attempt) -> Finding:
    name, citation = "accept_jurisdiction", cite("DISP 3.2.6R")
    fields = cast(AcceptJurisdiction, a.fields)
    found = fields.exception == "exceptional_circumstances"
    assessment = assess(a.case.facts, a.today, a.rulebook, exceptional_circumstances_found=found)
    failed = assessment.failed_uncured()
    if failed:
        return no(name, " ".join(test.reason for test in failed), ", ".join(t.citation for t in failed))
    undecided = [test for test in assessment.tests if test.passed is None]
    if undecided:
        return no(
            name,
            "We cannot yet say the complaint is in jurisdiction. " + " ".join(test.reason for test in undecided),
            ", ".join(test.citation for test in undecided),
        )
    exceptions = assessment.test("time_limit_exceptions")
    cured = exceptions.details.get("cures") or []
    # Either cure that applies may be named: the respondent's consent when it has consented, or the
    # Ombudsman's own finding of exceptional circumstances.
    named_cure_applies = fields.exception == "exceptional_circumstances" or (
        fields.exception == "respondent_consent" and a.case.facts.respondent_consents_to_late_referral
    )
    if cured and not named_cure_applies:
        return no(
            name,
            f"A time limit was missed ({', '.join(cured)}). Name the exception that cures it "
            f"({exceptions.details.get('exception')}) and give your reasons.",
            exceptions.citation,
        )
    if fields.exception and not cured:
        return no(name, "No time limit was missed, so there is nothing for an exception to cure.", citation)
    return yes(name, "Every DISP 2 test passes, or a missed time limit is cured.", citation, cured=cured)


def invite_jurisdiction_representations_effect(a: Attempt, finding: Finding) -> list[Event]:
    fields = cast(InviteJurisdictionRepresentations, a.fields)
    invited = tuple(finding.details["invited"])
    due_on = fields.respond_by or window(a, "representations", invited)
    return [
        TimeLimitOpened(TimeLimitKind.jurisdiction_representations, due_on, invited),
        Noted({"raised_by": fields.raised_by, "invited": list(invited), "respond_by": due_on.isoformat()}),
    ]


def accept_jurisdiction_effect(a: Attempt, finding: Finding) -> list[Event]:
    fields = cast(AcceptJurisdiction, a.fields)
    due_on = window(a, "representations", BOTH_PARTIES)  # entering the investigation invites both parties
    return [
        CaseMarked({"jurisdiction_exception": fields.exception}),
        TimeLimitOpened(TimeLimitKind.representations, due_on, BOTH_PARTIES),
        Noted({"exception": fields.exception, "representations_by": due_on.isoformat()}),
    ]


STEPS: tuple[Step, ...] = (
    Step(
        "invite_jurisdiction_representations",
        (S.jurisdiction_check,),
        dest=S.jurisdiction_representations,
        cites=cite("DISP 3.2.3R", "DISP 3.2.4R"),
        guard=invite_jurisdiction_representations,
        fields=InviteJurisdictionRepresentations,
        opens=TimeLimitKind.jurisdiction_representations,
        sends=((LetterKind.jurisdiction_representations, (INVITED,)),),
        effect=invite_jurisdiction_representations_effect,
    ),
    Step(
        "decide_out_of_jurisdiction",
        (S.jurisdiction_representations,),
        dest=S.out_of_jurisdiction,
        cites=cite("DISP 3.2.5R"),
        guard=decide_out_of_jurisdiction,
        fields=ReasonsRequired,
        sends=((LetterKind.jurisdiction_decision, BOTH_PARTIES),),
    ),
    Step(
        "accept_jurisdiction",
        (S.jurisdiction_check, S.jurisdiction_representations),
        dest=S.investigation,
        cites=cite("DISP 3.2.6R"),
        guard=accept_jurisdiction,
        fields=AcceptJurisdiction,
        opens=TimeLimitKind.representations,
        sends=((LetterKind.jurisdiction_decision, BOTH_PARTIES),),
        effect=accept_jurisdiction_effect,
    ),
)
