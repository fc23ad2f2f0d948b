"""Request and response bodies of the API that are not a case's own shapes (those are in ``ombudsman.views``)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, create_model

from ombudsman.rules.awards import AwardsIn
from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.values import Day, Flag
from ombudsman.views import CaseView, RegisterEntryView
from workflows.table import ACTION_BY_NAME, FIELDS, STEP_BY_TRIGGER


class FieldError(BaseModel):
    field: str = Field(description="the field, dotted: complainant.kind, awards.money.0.amount, trigger, cursor")
    message: str


class ProblemDetails(BaseModel):
    """An error, as RFC 9457 problem details (``application/problem+json``)."""

    type: str
    title: str
    status: int
    detail: str
    state: str | None = Field(default=None, description="the case's state, where the refusal concerns a case")
    allowed: list[str] | None = Field(default=None, description="the triggers and actions the caller may try now")
    citation: str | None = Field(default=None, description="the DISP paragraphs the refusal rests on")
    errors: list[FieldError] | None = Field(default=None, description="for 422: each field at fault")
    request_id: str | None = Field(default=None, description="for 500: quote it when you tell us (X-Request-ID)")


class Health(BaseModel):
    status: str
    database: str


class AssessmentIn(CaseFacts):
    """The case facts, the date to judge them at (default: today in Europe/London), and whether the Ombudsman
    has found that exceptional circumstances caused a missed time limit (DISP 2.8.2R(3); not yet, by default:
    the complainant's account alone never cures)."""

    as_of: Day | None = None
    exceptional_circumstances_found: Flag | None = None


class AssessmentOut(BaseModel):
    as_of: date
    in_jurisdiction: bool | None = Field(
        description="false if a test fails uncured; null if a fact is missing, the Ombudsman's finding is still "
        "to make, or the complaint is premature; else true"
    )
    next_step: str | None = Field(
        description="the trigger to take next where the answer is not yet in or out: refer_to_respondent for a "
        "premature complaint (DISP 3.2.2R)"
    )
    jurisdiction: str | None
    tests: list[dict[str, Any]]


class AwardCalculationIn(BaseModel):
    """The awards to calculate, and the dates that choose the limit and accrue interest.

    ``referred_on`` (and ``event_date``, the act complained of) choose the money-award limit in force
    (DISP 3.7.4R); ``as_of`` is the day interest is accrued to (default: today).
    """

    model_config = ConfigDict(extra="forbid")

    awards: AwardsIn
    referred_on: Day
    event_date: Day | None = None
    as_of: Day | None = None


class CaseList(BaseModel):
    items: list[CaseView]
    next_cursor: str | None = Field(description="pass as cursor for the next page; null on the last page")


class Register(BaseModel):
    items: list[RegisterEntryView]


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _request(key: str, name: str, suffix: str) -> type[BaseModel]:
    """One trigger's or action's request body: its own field model, with ``trigger`` or ``action`` naming it."""
    fields = FIELDS[name]
    model: type[BaseModel] = create_model(
        f"{_camel(name)}{suffix}",
        __base__=fields,
        __doc__=f"`{name}`: {(fields.__doc__ or '').strip() or 'its fields'}",
        **{key: (Literal[name], Field(description=f"the {key}"))},  # type: ignore[call-overload]
    )
    return model


TRANSITION_BODIES = tuple(_request("trigger", name, "Transition") for name in STEP_BY_TRIGGER)
ACTION_BODIES = tuple(_request("action", name, "Action") for name in ACTION_BY_NAME)

# Each trigger's and action's own fields, as a union keyed on ``trigger`` / ``action``: what the OpenAPI document
# says the two endpoints take. The service validates a body against the same field model (``workflows.fields``),
# after it has checked who may do what to which case, so the document and the server cannot disagree.
TRANSITION_BODY: Any = Annotated[Union[TRANSITION_BODIES], Field(discriminator="trigger")]  # noqa: UP007
ACTION_BODY: Any = Annotated[Union[ACTION_BODIES], Field(discriminator="action")]  # noqa: UP007
