"""What every step's fields share: ``reasons``, ``on_behalf_of``, and the outcome of an assessment or determination.

Each step's own fields are declared with the step (``workflows.steps``), and the field table is derived from the
declarations (``workflows.table.FIELDS``). They are validated before anything else is decided, so bad input is
refused with the field's name and nothing is written.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from ombudsman.rules.values import Printable
from workflows.vocabulary import Party

Reasons = Field(min_length=1, max_length=20_000)
OptionalReasons = Field(default=None, max_length=20_000)


class Outcome(StrEnum):
    uphold = "uphold"
    partly_uphold = "partly_uphold"
    not_uphold = "not_uphold"


class Fields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reasons: Printable | None = OptionalReasons
    # Staff may record a step for a party who asked them to (a reasonable adjustment); parties act for themselves.
    on_behalf_of: Party | None = None


class ReasonsRequired(Fields):
    reasons: Printable = Reasons


__all__ = ["Fields", "Outcome", "Party", "Reasons", "ReasonsRequired"]
