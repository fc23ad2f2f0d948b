"""Dismissal without considering the merits, and referral to another scheme (DISP 3.3, DISP 3.4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, cast

from pydantic import Field, ValidationInfo, field_validator

from ombudsman.citations import DISMISSAL_GROUNDS, OTHER_DISMISSAL_GROUNDS, cite, dismissal_ground, ground_text
from ombudsman.rules.disp_3_3_dismissal import (
    dismissal_may_be_proposed,
    may_dismiss,
    may_dismiss_as_a_test_case,
    point_of_law_is_stated,
)
from ombudsman.rules.disp_3_4_referral_elsewhere import may_refer_elsewhere
from ombudsman.rules.finding import Finding
from ombudsman.rules.values import Flag, Printable
from workflows.attempt import Attempt
from workflows.events import CaseMarked, Event, Noted, StepRecord, TimeLimitOpened, records, window
from workflows.fields import Choices, ReasonsRequired, TimeLimitDay
from workflows.guards import as_guard, heard, yes
from workflows.step import Step
from workflows.vocabulary import BOTH_PARTIES, LetterKind, Party, State, TimeLimitKind

S = State


GROUNDS = (*DISMISSAL_GROUNDS, *OTHER_DISMISSAL_GROUNDS)
# Each ground as a form offers it: its words and its paragraph ("The complaint is frivolous or vexatious (DISP
# 3.3.4R(2))").
GROUND_WORDS = {
    ground: f"{ground_text(ground)[0].upper()}{ground_text(ground)[1:]} ({dismissal_ground(ground)})"
    for ground in GROUNDS
}


class ProposeDismissal(ReasonsRequired):
    ground: Annotated[str, Choices(GROUND_WORDS)] = Field(
        title="The ground for dismissing the complaint",
        description="a DISP 3.3.4R sub-paragraph (1 to 17, 5A, 16A), test_case (DISP 3.3.5R), "
        "information_not_supplied (DISP 3.5.9R(4)) or time_limit_missed (DISP 3.5.15R)",
    )
    respond_by: TimeLimitDay | None = Field(default=None, title="The last day to make representations")
    # A test case only (DISP 3.3.5R(1)): the respondent's written statement of the point of law, and its
    # undertaking to pay the complainant's costs of court proceedings begun within six months of the dismissal.
    point_of_law: Printable | None = Field(
        default=None, min_length=1, max_length=20_000, validate_default=True, title="The point of law (a test case)"
    )
    costs_undertaking: Flag = Field(
        default=False, title="Whether the business undertakes to pay the complainant's costs of court proceedings"
    )

    @field_validator("ground")
    @classmethod
    def _known_ground(cls, ground: str) -> str:
        if ground not in GROUNDS:
            raise ValueError(f"{ground!r} is not a ground of dismissal: use one of {', '.join(GROUNDS)}")
        return ground

    @field_validator("point_of_law")
    @classmethod
    def _stated_for_a_test_case(cls, point_of_law: str | None, info: ValidationInfo) -> str | None:
        """DISP 3.3.5R(1)(a): a test case needs the respondent's statement of the point of law, so proposing one
        without it is bad input (422 naming ``point_of_law``), on the pages as in the API."""
        if info.data.get("ground") == "test_case":
            stated = point_of_law_is_stated(point_of_law)
            if stated.failed:
                raise ValueError(f"{stated.reason} ({stated.citation})")
        return point_of_law


class ReferElsewhere(ReasonsRequired):
    scheme: Printable = Field(min_length=1, max_length=200, title="The complaints scheme")
    complainant_consent: Flag = Field(title="Whether the complainant consents to the referral")


def propose_dismissal(a: Attempt) -> Finding:
    fields = cast(ProposeDismissal, a.fields)
    if fields.ground == "test_case":
        test_case = may_dismiss_as_a_test_case(
            point_of_law=fields.point_of_law, costs_undertaking=fields.costs_undertaking
        )
        if not test_case.passed:
            return as_guard("propose_dismissal", test_case)
    return as_guard("propose_dismissal", dismissal_may_be_proposed(fields.ground))


def dismiss(a: Attempt) -> Finding:
    spoken, last_day = heard(a, "dismissal_representations", ("complainant",))
    return as_guard("dismiss", may_dismiss(bool(spoken), last_day, a.today))


def withdraw_dismissal_proposal(a: Attempt) -> Finding:
    return yes("withdraw_dismissal_proposal", "The proposal to dismiss is withdrawn.", cite("DISP 3.3.1R"))


def refer_elsewhere(a: Attempt) -> Finding:
    fields = cast(ReferElsewhere, a.fields)
    return as_guard("refer_elsewhere", may_refer_elsewhere(fields.scheme, fields.complainant_consent))


@records("propose_dismissal")
@dataclass(frozen=True)
class DismissalProposed(StepRecord):
    """The ground proposed, the day the complainant may answer by, and for a test case the point of law and
    whether the firm undertakes to pay the complainant's costs (DISP 3.3.5R)."""

    LEFT_OUT_WHEN_NONE = frozenset({"point_of_law", "costs_undertaking"})

    ground: str
    respond_by: date
    point_of_law: str | None = None
    costs_undertaking: bool | None = None


@records("dismiss", "withdraw_dismissal_proposal")
@dataclass(frozen=True)
class DismissalGround(StepRecord):
    """The ground the complaint is dismissed on, or the proposal to dismiss on it withdrawn."""

    ground: str | None


@records("refer_elsewhere")
@dataclass(frozen=True)
class ReferredElsewhere(StepRecord):
    """The scheme the complaint goes to (DISP 3.4)."""

    scheme: str


def propose_dismissal_effect(a: Attempt, finding: Finding) -> list[Event]:
    fields = cast(ProposeDismissal, a.fields)
    due_on = fields.respond_by or window(a, "representations", (Party.complainant,))
    return [
        CaseMarked({"returns_to": a.case.state, "dismissal_ground": fields.ground}),
        TimeLimitOpened(TimeLimitKind.dismissal_representations, due_on, (Party.complainant,)),
        Noted(
            DismissalProposed(fields.ground, due_on, fields.point_of_law, fields.costs_undertaking)
            if fields.ground == "test_case"
            else DismissalProposed(fields.ground, due_on)
        ),
    ]


def withdraw_dismissal_proposal_effect(a: Attempt, finding: Finding) -> list[Event]:
    return [CaseMarked({"returns_to": None, "dismissal_ground": None}), Noted(DismissalGround(a.case.dismissal_ground))]


def dismiss_effect(a: Attempt, finding: Finding) -> list[Event]:
    return [Noted(DismissalGround(a.case.dismissal_ground))]


def refer_elsewhere_effect(a: Attempt, finding: Finding) -> list[Event]:
    return [Noted(ReferredElsewhere(cast(ReferElsewhere, a.fields).scheme))]


STEPS: tuple[Step, ...] = (
    Step(
        "propose_dismissal",
        (S.jurisdiction_check, S.investigation, S.provisional_assessment, S.awaiting_determination, S.hearing),
        title="Propose dismissing the complaint",
        purpose="Tell the complainant why the complaint may be dismissed without its merits being considered.",
        dest=S.dismissal_representations,
        keeps_origin=True,
        cites=cite("DISP 3.3.1R", "DISP 3.3.4R", "DISP 3.3.5R", "DISP 3.5.9R(4)", "DISP 3.5.15R"),
        guard=propose_dismissal,
        fields=ProposeDismissal,
        opens=TimeLimitKind.dismissal_representations,
        sends=((LetterKind.dismissal_proposal, (Party.complainant,)),),
        effect=propose_dismissal_effect,
    ),
    Step(
        "dismiss",
        (S.dismissal_representations,),
        checked=True,
        usual_in=(S.dismissal_representations,),
        title="Dismiss the complaint",
        purpose="Dismiss the complaint on the ground proposed, having considered what the complainant said.",
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
        title="Withdraw the dismissal proposal",
        purpose="Drop the proposal to dismiss the complaint and take the case back to where it was.",
        returns=True,
        cites=cite("DISP 3.3.1R"),
        guard=withdraw_dismissal_proposal,
        fields=ReasonsRequired,
        effect=withdraw_dismissal_proposal_effect,
    ),
    Step(
        "refer_elsewhere",
        (S.jurisdiction_check, S.investigation),
        checked=True,
        title="Refer the complaint to another scheme",
        purpose="Pass the complaint, with the complainant's consent, to another scheme better placed to deal with it.",
        dest=S.referred_elsewhere,
        cites=cite("DISP 3.4.1R"),
        guard=refer_elsewhere,
        fields=ReferElsewhere,
        sends=((LetterKind.referral_elsewhere, BOTH_PARTIES),),
        effect=refer_elsewhere_effect,
    ),
)
