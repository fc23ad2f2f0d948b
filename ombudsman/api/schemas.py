"""Request and response bodies of the API that are not a case's own shapes (those are in ``ombudsman.views``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ombudsman.rules.awards import AwardsIn
from ombudsman.rules.facts import CaseFacts
from ombudsman.views import CaseView, RegisterEntryView


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


class Health(BaseModel):
    status: str
    database: str


class AssessmentIn(CaseFacts):
    """The case facts, and the date to judge them at (default: today in Europe/London)."""

    as_of: date | None = None


class AssessmentOut(BaseModel):
    as_of: date
    in_jurisdiction: bool | None
    jurisdiction: str | None
    tests: list[dict[str, Any]]


class AwardCalculationIn(BaseModel):
    """The awards to calculate, and the dates that choose the limit and accrue interest.

    ``referred_on`` (and ``event_date``, the act complained of) choose the money-award limit in force
    (DISP 3.7.4R); ``as_of`` is the day interest is accrued to (default: today).
    """

    model_config = ConfigDict(extra="forbid")

    awards: AwardsIn
    referred_on: date
    event_date: date | None = None
    as_of: date | None = None


class CaseList(BaseModel):
    items: list[CaseView]
    next_cursor: str | None = Field(description="pass as cursor for the next page; null on the last page")


class Register(BaseModel):
    items: list[RegisterEntryView]


class TransitionIn(BaseModel):
    """``{"trigger": ..., "reasons": ..., ...the trigger's fields}`` (``design/api.md``)."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"additionalProperties": True})

    trigger: str = Field(min_length=1, max_length=60)
    reasons: str | None = None


class ActionIn(BaseModel):
    """``{"action": ..., ...the action's fields}``."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"additionalProperties": True})

    action: str = Field(min_length=1, max_length=60)
    reasons: str | None = None
