"""What every step's fields share: ``reasons``, ``on_behalf_of``, and the outcome of an assessment or determination.

Each step's own fields are declared with the step (``workflows.steps``), and the field table is derived from the
declarations (``workflows.table.FIELDS``). They are validated before anything else is decided, so bad input is
refused with the field's name and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

from ombudsman.rules.awards import AwardsIn, awards_may_go_with
from ombudsman.rules.disp_3_5_investigation import time_limit_may_be_moved, time_limit_may_end_on
from ombudsman.rules.disp_3_6_determination import date_may_be_specified
from ombudsman.rules.finding import Finding
from ombudsman.rules.time_limits import final_response_may_be_dated
from ombudsman.rules.values import Day, Printable
from workflows.vocabulary import Outcome, Party, StaffTimeLimit

Reasons = Field(min_length=1, max_length=20_000, title="Your reasons")
OptionalReasons = Field(default=None, max_length=20_000, title="Your reasons")


@dataclass(frozen=True)
class JudgedBy:
    """Marks a date field with the DISP rule that judges it against today: ``rule(value, today)``."""

    rule: Callable[[date, date], Finding]


@dataclass(frozen=True)
class Choices:
    """Marks a text field whose values are known, with the words of each: a form offers them to choose from."""

    words: Mapping[str, str]


@dataclass(frozen=True)
class Shaped:
    """Marks a field of named values (a ``dict``) with the model whose fields they are: a form shows that model's
    fields, each optional (only those given are sent)."""

    model: type[BaseModel]


# The dates a caller gives, each with the rule that judges it on the day it is given.
TimeLimitDay = Annotated[Day, JudgedBy(time_limit_may_end_on)]  # DISP 3.5.13R: today or later
DateSpecified = Annotated[Day, JudgedBy(date_may_be_specified)]  # DISP 3.6.6R(2): after today
SentOn = Annotated[Day, JudgedBy(final_response_may_be_dated)]  # DISP 2.8.2R(1): today or earlier


def _movable(kind: object) -> object:
    """DISP 3.5.13R: a time limit staff may set or extend; the acceptance limit (DISP 3.6.6R) and the
    respondent's time (DISP 2.8.1R) are refused with why (422 naming the field), any other unknown kind by the
    enum's own message."""
    if isinstance(kind, str):
        finding = time_limit_may_be_moved(kind)
        if finding.failed:
            raise ValueError(f"{finding.reason} ({finding.citation})")
    return kind


# The time limit a step of staff sets or extends: the enum of those kinds (the OpenAPI document lists them).
StaffDeadline = Annotated[
    StaffTimeLimit,
    BeforeValidator(_movable),
    Field(description="the time limit: never acceptance (DISP 3.6.6R) or respondent_time (DISP 2.8.1R)"),
]


class Fields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reasons: Printable | None = OptionalReasons
    # Staff may record a step for a party who asked them to (a reasonable adjustment); parties act for themselves.
    on_behalf_of: Party | None = Field(default=None, title="whom you record this for (when a party asked you to)")

    def refused_on(self, today: date) -> Iterator[tuple[str, Finding]]:
        """Each date given whose rule refuses it as of ``today``, with the field's name: the service answers
        422 naming the field, before anything is decided."""
        for name, info in type(self).model_fields.items():
            value = getattr(self, name)
            if not isinstance(value, date):
                continue
            for judge in _judges(info.annotation, info.metadata):
                finding = judge.rule(value, today)
                if finding.passed is False:
                    yield name, finding


class ReasonsRequired(Fields):
    reasons: Printable = Reasons


class OutcomeAndAwards(ReasonsRequired):
    """What a provisional assessment and a determination give: an outcome, and the awards that go with it."""

    outcome: Outcome = Field(title="The outcome")
    awards: AwardsIn | None = Field(default=None, title="The award")

    @field_validator("awards")
    @classmethod
    def _only_in_the_complainants_favour(cls, awards: AwardsIn | None, info: ValidationInfo) -> AwardsIn | None:
        """DISP 3.7.1R: a complaint not upheld carries no award (422 naming ``awards``)."""
        outcome = info.data.get("outcome")
        if awards is not None and outcome is not None:
            finding = awards_may_go_with(outcome, awards)
            if finding.failed:
                raise ValueError(finding.reason)
        return awards


def _judges(annotation: object, metadata: list[object]) -> Iterator[JudgedBy]:
    """The JudgedBy marks of a field, whether its type is ``TimeLimitDay`` or ``TimeLimitDay | None``."""
    yield from (mark for mark in metadata if isinstance(mark, JudgedBy))
    for member in getattr(annotation, "__args__", ()):
        yield from (mark for mark in getattr(member, "__metadata__", ()) if isinstance(mark, JudgedBy))


__all__ = [
    "Choices",
    "DateSpecified",
    "Fields",
    "JudgedBy",
    "Outcome",
    "OutcomeAndAwards",
    "Party",
    "Reasons",
    "ReasonsRequired",
    "SentOn",
    "Shaped",
    "StaffDeadline",
    "TimeLimitDay",
]
