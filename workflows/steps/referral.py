"""Referral to the respondent, and the start of the jurisdiction check (DISP 2.8.1R, DISP 3.2.1R-3.2.2R)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, cast

from pydantic import Field, field_validator

from ombudsman.citations import cite
from ombudsman.rules.disp_3_2_jurisdiction_decision import may_refer_to_respondent
from ombudsman.rules.facts import PARTIES, CaseFacts, amended, differences
from ombudsman.rules.finding import Finding
from ombudsman.rules.values import Flag
from workflows.attempt import Attempt
from workflows.events import Event, FactsRecorded, Noted, StepRecord, TimeLimitOpened, records
from workflows.fields import Fields, ReasonsRequired, SentOn, Shaped
from workflows.guards import as_guard, no, recorded, respondent_time, yes
from workflows.step import AND_THE_FIRM, Step
from workflows.vocabulary import BEFORE_INVESTIGATION, UNTIL_DETERMINED, LetterKind, Party, State, TimeLimitKind

S = State


class RecordFinalResponse(Fields):
    sent_on: SentOn = Field(title="The date the final response was sent")
    # Whether the final response told the complainant of the six-month limit (DISP 2.8.3G): said each time, since
    # only a response that did starts the six months (a default would start or stop them unasked).
    mentioned_time_limit: Flag = Field(title="Whether the final response mentioned the six-month time limit")


class AmendFacts(ReasonsRequired):
    """The case facts to correct or complete, in the shape of the case facts: only the facts given change (a
    party's field by field). Validated as a whole against the case's other facts before anything is decided."""

    facts: Annotated[dict[str, Any], Shaped(CaseFacts)] = Field(min_length=1, title="The facts to correct")

    @field_validator("facts")
    @classmethod
    def _case_facts_only(cls, facts: dict[str, Any]) -> dict[str, Any]:
        for key, value in facts.items():
            if key not in CaseFacts.model_fields:
                raise ValueError(f"{key!r} is not a case fact")
            if key in PARTIES and not isinstance(value, dict):
                raise ValueError(f'{key} is given as its facts to change, such as {{"name": ...}}')
        return facts


def refer_to_respondent(a: Attempt) -> Finding:
    return as_guard("refer_to_respondent", may_refer_to_respondent(a.case.facts, a.today, a.rulebook))


def respondent_has_had_its_time(a: Attempt) -> Finding:
    test = respondent_time(a)
    return Finding("respondent_had_its_time", test.passed is True, test.reason, test.citation, test.dates)


@records("record_final_response")
@dataclass(frozen=True)
class FinalResponseRecorded(StepRecord):
    """The day the respondent's final response was sent, and whether it told of the six-month limit (DISP 2.8.3G)."""

    sent_on: date
    mentioned_time_limit: bool


@records("amend_facts")
@dataclass(frozen=True)
class FactsAmended(StepRecord):
    """Each fact changed, by its dotted name ("complainant.contact_phone"), with its old and new values as JSON."""

    changes: dict[str, dict[str, Any]]


@records("refer_to_respondent")
@dataclass(frozen=True)
class ReferredToRespondent(StepRecord):
    """The last day of the respondent's time to answer the complaint (DISP 2.8.1R), which its letter gives."""

    respondent_time_ends_on: date


def _time_limit_ends_on(finding: Finding) -> date:
    ends_on = finding.details["respondent_time_ends_on"]
    assert isinstance(ends_on, date)
    return ends_on


def refer_to_respondent_effect(a: Attempt, finding: Finding) -> list[Event]:
    ends_on = _time_limit_ends_on(finding)
    complained_on = finding.details.get("complained_on")  # the referral is the complaint (DISP 3.2.2R)
    recorded = [FactsRecorded({"complained_to_respondent_on": complained_on.isoformat()})] if complained_on else []
    return [
        *recorded,
        TimeLimitOpened(TimeLimitKind.respondent_time, ends_on, (Party.respondent,)),
        Noted(ReferredToRespondent(ends_on)),
    ]


def record_final_response_effect(a: Attempt, finding: Finding) -> list[Event]:
    fields = cast(RecordFinalResponse, a.fields)
    return [
        FactsRecorded(
            {
                "final_response_sent_on": fields.sent_on.isoformat(),
                "final_response_mentioned_time_limit": fields.mentioned_time_limit,
            }
        ),
        Noted(FinalResponseRecorded(fields.sent_on, fields.mentioned_time_limit)),
    ]


def amend_facts(a: Attempt) -> Finding:
    name = "amend_facts"
    citation = cite("DISP 2.7.5G", "DISP 3.2.1R")
    if not differences(a.case.facts, amended(a.case.facts, cast(AmendFacts, a.fields).facts)):
        return no(name, "The facts given are the facts already recorded: nothing would change.", citation)
    return yes(name, "The case facts are corrected on the evidence.", citation)


def amend_facts_effect(a: Attempt, finding: Finding) -> list[Event]:
    after = amended(a.case.facts, cast(AmendFacts, a.fields).facts)
    changed = differences(a.case.facts, after)
    recorded = after.model_dump(mode="json")
    changes: dict[str, Any] = {}
    for key in changed:
        top, _, field = key.partition(".")
        if field:
            changes.setdefault(top, {})[field] = recorded[top][field]
        else:
            changes[top] = recorded[top]
    # The details keep each changed fact's old and new values by its dotted name ("complainant.contact_phone"):
    # whoever reads the event sees only the party facts the case view shows them (views.event_details_for).
    return [FactsRecorded(changes), Noted(FactsAmended(changed))]


def open_case(a: Attempt) -> Finding:
    return yes("open_case", "The complaint has reached the Ombudsman.", cite("DISP 3.2.1R"))


# Opening a case: not a step anyone takes on a case (the case does not exist yet), but written down as one, so
# that its audit event and its acknowledgement go through the same path as every step's.
OPENING = Step(
    "open_case",
    (S.referred,),
    title="Open a case",
    purpose="Record a complaint that has reached the Ombudsman and acknowledge it to the complainant.",
    cites=cite("DISP 3.2.1R"),
    guard=open_case,
    sends=((LetterKind.acknowledgement, (Party.complainant,)),),
)

# Correcting the facts: its audit events keep each changed fact's old value, which the published report strikes
# out as well as the new (``ombudsman.queries.published_determination`` finds them through this declaration).
AMENDING = Step(
    "amend_facts",
    UNTIL_DETERMINED,
    title="Correct the case facts",
    purpose="Correct or complete the facts recorded on the case, keeping the old values on the record.",
    cites=cite("DISP 2.7.5G", "DISP 3.2.1R"),
    guard=amend_facts,
    fields=AmendFacts,
    effect=amend_facts_effect,
)

STEPS: tuple[Step, ...] = (
    Step(
        "refer_to_respondent",
        (S.referred,),
        title="Refer the complaint to the respondent",
        purpose="Give the respondent the chance to answer the complaint first, as it has not sent its final response.",
        dest=S.with_respondent,
        cites=cite("DISP 2.8.1R", "DISP 3.2.2R"),
        guard=refer_to_respondent,
        opens=TimeLimitKind.respondent_time,
        sends=((LetterKind.referral_to_respondent, (Party.respondent, Party.complainant)),),
        effect=refer_to_respondent_effect,
    ),
    Step(
        "respondent_time_elapsed",
        (S.with_respondent,),
        title="Move on when the respondent's time is up",
        purpose="Start the jurisdiction check once the respondent's time to send its final response has passed.",
        dest=S.jurisdiction_check,
        cites=cite("DISP 2.8.1R"),
        guard=respondent_has_had_its_time,
        fired_by=TimeLimitKind.respondent_time,
    ),
    Step(
        "start_jurisdiction_check",
        (S.referred,),
        usual_in=(S.referred,),
        title="Start the jurisdiction check",
        purpose="Begin checking whether the Ombudsman can consider the complaint.",
        dest=S.jurisdiction_check,
        cites=cite("DISP 2.8.1R"),
        guard=respondent_has_had_its_time,
    ),
    Step(
        "record_final_response",
        BEFORE_INVESTIGATION,
        usual_in=(S.with_respondent,),
        title="Record the final response",
        purpose="Note when the respondent sent its final response and whether it mentioned the time limit.",
        cites=cite("DISP 2.8.1R"),
        guard=recorded("record_final_response", "The respondent's final response is recorded.", cite("DISP 2.8.1R")),
        fields=RecordFinalResponse,
        roles=AND_THE_FIRM,
        then="respondent_time_elapsed",
        effect=record_final_response_effect,
    ),
    AMENDING,
)
