"""Settlement, compliance, withdrawal, and disclosure to a regulator (DISP 3.5.1R, 3.7.12R, 3.8)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from pydantic import Field

from ombudsman.citations import cite
from ombudsman.rules.finding import Finding
from ombudsman.rules.values import Printable
from workflows.attempt import Attempt
from workflows.events import Event, Noted, RegisterStatusSet, StepRecord, records
from workflows.fields import Fields, ReasonsRequired
from workflows.guards import no, only_the_complainant, recorded, yes
from workflows.step import AND_THE_COMPLAINANT, AND_THE_FIRM, OMBUDSMAN_ONLY, Step
from workflows.vocabulary import BOTH_PARTIES, INVESTIGATING, UNTIL_DETERMINED, LetterKind, RegisterStatus, State

S = State


class Settle(ReasonsRequired):
    terms: Printable = Field(min_length=1, max_length=20_000)


class RecordCompliance(Fields):
    evidence: Printable = Field(min_length=1, max_length=20_000)


class AuthoriseDisclosure(ReasonsRequired):
    regulator: Printable = Field(min_length=1, max_length=200)


@records("settle")
@dataclass(frozen=True)
class Settled(StepRecord):
    """The terms the parties agreed: the closing letter tells them."""

    terms: str


@records("record_compliance")
@dataclass(frozen=True)
class ComplianceRecorded(StepRecord):
    """The evidence that the respondent complied (DISP 3.7.12R)."""

    evidence: str


@records("authorise_disclosure")
@dataclass(frozen=True)
class DisclosureAuthorised(StepRecord):
    """The regulator the case is disclosed to (DISP 3.8)."""

    regulator: str


def settle(a: Attempt) -> Finding:
    return yes(
        "settle",
        "The parties have agreed terms before a determination; the respondent must comply with them.",
        cite("DISP 3.5.1R", "DISP 3.7.12R"),
    )


def record_compliance(a: Attempt) -> Finding:
    if a.case.state is S.assessment_accepted and not a.case.assessment_asks_respondent_to_act:
        return no(
            "record_compliance",
            "The provisional assessment the case closed on asks the respondent to do nothing: there is nothing to "
            "comply with.",
            cite("DISP 3.5.4R"),
        )
    return yes("record_compliance", "The respondent has complied.", cite("DISP 3.7.12R"))


def withdraw(a: Attempt) -> Finding:
    return only_the_complainant(a, "withdraw", cite()) or yes("withdraw", "The complainant withdrew.", cite())


def settle_effect(a: Attempt, finding: Finding) -> list[Event]:
    return [Noted(Settled(cast(Settle, a.fields).terms))]


def record_compliance_effect(a: Attempt, finding: Finding) -> list[Event]:
    return [
        RegisterStatusSet(RegisterStatus.complied),
        Noted(ComplianceRecorded(cast(RecordCompliance, a.fields).evidence)),
    ]


def authorise_disclosure_effect(a: Attempt, finding: Finding) -> list[Event]:
    return [Noted(DisclosureAuthorised(cast(AuthoriseDisclosure, a.fields).regulator))]


STEPS: tuple[Step, ...] = (
    Step(
        "settle",
        INVESTIGATING,
        checked=True,
        title="Record a settlement",
        purpose="Close the case because the parties have resolved the complaint between themselves.",
        dest=S.settled,
        cites=cite("DISP 3.5.1R", "DISP 3.7.12R"),
        guard=settle,
        fields=Settle,
        sends=((LetterKind.case_closed, BOTH_PARTIES),),
        effect=settle_effect,
    ),
    Step(
        "record_compliance",
        (S.accepted, S.settled, S.assessment_accepted),
        usual_in=(S.assessment_accepted, S.accepted, S.settled),
        title="Record compliance",
        purpose="Record that the respondent has done what the decision, the assessment or the settlement asked.",
        dest=S.complied,
        cites=cite("DISP 3.7.12R"),
        guard=record_compliance,
        fields=RecordCompliance,
        roles=AND_THE_FIRM,
        effect=record_compliance_effect,
    ),
    Step(
        "withdraw",
        UNTIL_DETERMINED,  # after a determination the complainant accepts or rejects it (DISP 3.6.6R)
        checked=True,
        title="Withdraw the complaint",
        purpose="Close the case because the complainant no longer wants the complaint considered.",
        dest=S.withdrawn,
        cites=cite(),
        guard=withdraw,
        roles=AND_THE_COMPLAINANT,
        sends=((LetterKind.case_closed, BOTH_PARTIES),),
    ),
    Step(
        "authorise_disclosure",
        tuple(State),
        title="Authorise disclosure to a regulator",
        purpose="Allow information from the case to be given to a regulator.",
        cites=cite("DISP 3.8.2R", "DISP 3.9.1R"),
        guard=recorded(
            "authorise_disclosure", "An ombudsman authorised disclosure to a regulator.", cite("DISP 3.8.2R")
        ),
        fields=AuthoriseDisclosure,
        roles=OMBUDSMAN_ONLY,
        effect=authorise_disclosure_effect,
    ),
)
