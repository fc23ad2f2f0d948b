"""Dismissal without considering the merits, and referral to another scheme (DISP 3.3, DISP 3.4)."""

from __future__ import annotations

from typing import cast

from pydantic import Field, field_validator

from ombudsman.citations import DISMISSAL_GROUNDS, cite, dismissal_ground
from ombudsman.rules.finding import Finding
from ombudsman.rules.time_limits import long_date
from ombudsman.rules.values import Day, Flag, Printable
from workflows.events import CaseMarked, Event, Noted, TimeLimitOpened, window
from workflows.fields import ReasonsRequired
from workflows.guards import no, waiting_for, yes
from workflows.snapshot import Attempt
from workflows.step import Step
from workflows.vocabulary import BEFORE_DETERMINATION, BOTH_PARTIES, LetterKind, Party, State, TimeLimitKind

S = State


class ProposeDismissal(ReasonsRequired):
    ground: str
    respond_by: Day | None = None

    @field_validator("ground")
    @classmethod
    def _known_ground(cls, ground: str) -> str:
        if ground not in DISMISSAL_GROUNDS:
            raise ValueError(f"{ground!r} is not a ground of DISP 3.3.4R: use one of {', '.join(DISMISSAL_GROUNDS)}")
        return ground


class DismissAsTestCase(ReasonsRequired):
    point_of_law: Printable = Field(min_length=1, max_length=20_000)
    costs_undertaking: Flag


class ReferElsewhere(ReasonsRequired):
    scheme: Printable = Field(min_length=1, max_length=200)
    complainant_consent: Flag


def propose_dismissal(a: Attempt) -> Finding:
    fields = cast(ProposeDismissal, a.fields)
    return yes(
        "propose_dismissal",
        "The complainant may make representations before we decide whether to dismiss the complaint.",
        cite("DISP 3.3.1R") + ", " + dismissal_ground(fields.ground),
    )


def dismiss(a: Attempt) -> Finding:
    name = "dismiss"
    limit = a.case.open_limit("dismissal_representations")
    if waiting_for(a, "dismissal_representations", ("complainant",)):
        until = f" until {long_date(limit.due_on)}" if limit else ""
        return no(name, f"The complainant has{until} to make representations first.", cite("DISP 3.3.1R"))
    return yes(name, "The complainant has had the chance to make representations.", cite("DISP 3.3.2R"))


def withdraw_dismissal_proposal(a: Attempt) -> Finding:
    return yes("withdraw_dismissal_proposal", "The proposal to dismiss is withdrawn.", cite("DISP 3.3.1R"))


def dismiss_as_test_case(a: Attempt) -> Finding:
    fields = cast(DismissAsTestCase, a.fields)
    if not fields.costs_undertaking:
        return no(
            "dismiss_as_test_case",
            "A test case needs the respondent's undertaking to pay the complainant's costs.",
            cite("DISP 3.3.5R"),
        )
    return yes(
        "dismiss_as_test_case",
        "The respondent has set out an important or novel point of law and undertaken to pay costs, so a court "
        "may consider it as a test case.",
        cite("DISP 3.3.5R", "DISP 3.3.6G"),
    )


def refer_elsewhere(a: Attempt) -> Finding:
    fields = cast(ReferElsewhere, a.fields)
    if not fields.complainant_consent:
        return no(
            "refer_elsewhere",
            "A complaint can be referred to another scheme only with the complainant's consent.",
            cite("DISP 3.4.1R"),
        )
    return yes("refer_elsewhere", f"The complainant agrees to refer it to {fields.scheme}.", cite("DISP 3.4.1R"))


def propose_dismissal_effect(a: Attempt, finding: Finding) -> list[Event]:
    fields = cast(ProposeDismissal, a.fields)
    due_on = fields.respond_by or window(a, "representations", (Party.complainant,))
    return [
        CaseMarked({"returns_to": a.case.state.value, "dismissal_ground": fields.ground}),
        TimeLimitOpened(TimeLimitKind.dismissal_representations, due_on, (Party.complainant,)),
        Noted({"ground": fields.ground, "respond_by": due_on.isoformat()}),
    ]


def withdraw_dismissal_proposal_effect(a: Attempt, finding: Finding) -> list[Event]:
    return [CaseMarked({"returns_to": None, "dismissal_ground": None}), Noted({"ground": a.case.dismissal_ground})]


def dismiss_effect(a: Attempt, finding: Finding) -> list[Event]:
    return [Noted({"ground": a.case.dismissal_ground})]


def dismiss_as_test_case_effect(a: Attempt, finding: Finding) -> list[Event]:
    fields = cast(DismissAsTestCase, a.fields)
    return [Noted({"point_of_law": fields.point_of_law, "costs_undertaking": fields.costs_undertaking})]


def refer_elsewhere_effect(a: Attempt, finding: Finding) -> list[Event]:
    return [Noted({"scheme": cast(ReferElsewhere, a.fields).scheme})]


STEPS: tuple[Step, ...] = (
    Step(
        "propose_dismissal",
        (S.jurisdiction_check, S.investigation, S.provisional_assessment, S.awaiting_determination),
        dest=S.dismissal_representations,
        cites=cite("DISP 3.3.1R", "DISP 3.3.4R"),
        guard=propose_dismissal,
        fields=ProposeDismissal,
        opens=TimeLimitKind.dismissal_representations,
        sends=((LetterKind.dismissal_proposal, (Party.complainant,)),),
        effect=propose_dismissal_effect,
    ),
    Step(
        "dismiss",
        (S.dismissal_representations,),
        dest=S.dismissed,
        cites=cite("DISP 3.3.1R", "DISP 3.3.2R"),
        guard=dismiss,
        fields=ReasonsRequired,
        sends=((LetterKind.dismissal_decision, BOTH_PARTIES),),
        effect=dismiss_effect,
    ),
    Step(
        "withdraw_dismissal_proposal",
        (S.dismissal_representations,),
        returns=True,
        cites=cite("DISP 3.3.1R"),
        guard=withdraw_dismissal_proposal,
        fields=ReasonsRequired,
        effect=withdraw_dismissal_proposal_effect,
    ),
    Step(
        "dismiss_as_test_case",
        (*BEFORE_DETERMINATION, S.hearing),
        dest=S.dismissed,
        cites=cite("DISP 3.3.5R", "DISP 3.3.6G"),
        guard=dismiss_as_test_case,
        fields=DismissAsTestCase,
        sends=((LetterKind.dismissal_decision, BOTH_PARTIES),),
        effect=dismiss_as_test_case_effect,
    ),
    Step(
        "refer_elsewhere",
        (S.jurisdiction_check, S.investigation),
        dest=S.referred_elsewhere,
        cites=cite("DISP 3.4.1R"),
        guard=refer_elsewhere,
        fields=ReferElsewhere,
        sends=((LetterKind.referral_elsewhere, BOTH_PARTIES),),
        effect=refer_elsewhere_effect,
    ),
)
