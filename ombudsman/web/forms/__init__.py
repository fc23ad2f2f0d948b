"""The forms of the steps, from their own field declarations (``workflows.table.FIELDS``), and what is posted
from them read back into a step's fields: blanks left out, ticks as true, lines and JSON read."""

from __future__ import annotations

import json
import re
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from itertools import accumulate
from typing import Annotated, Any

from pydantic import BaseModel

from ombudsman.access import Actor
from ombudsman.errors import InvalidInput, Problem
from ombudsman.views import audience_party
from workflows.table import FIELDS


@dataclass(frozen=True)
class Input:
    """One field of a step's form, as its declaration gives it."""

    name: str
    label: str
    kind: str  # text, textarea, date, checkbox, select, number, json, lines
    required: bool
    options: tuple[str, ...] = ()
    hint: str | None = None


LONG = {"reasons", "text", "issues", "terms", "evidence", "summary", "point_of_law", "correction", "private_reasons"}
LABELS = {"on_behalf_of": "On behalf of (when a party asked you to record it for them)"}


def _kind(annotation: Any) -> tuple[str, tuple[str, ...]]:
    """The kind of input a field's type asks for, and its options for a choice."""
    args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return _kind(args[0])
    if typing.get_origin(annotation) is Annotated:
        return _kind(args[0])
    if isinstance(annotation, type) and issubclass(annotation, bool):
        return "checkbox", ()
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "select", tuple(member.value for member in annotation)
    if isinstance(annotation, type) and issubclass(annotation, date):
        return "date", ()
    if isinstance(annotation, type) and issubclass(annotation, int):
        return "number", ()
    if typing.get_origin(annotation) is list:
        inner = typing.get_args(annotation)[0]
        return ("lines", ()) if _kind(inner)[0] in ("text", "textarea", "select") else ("json", ())
    if (isinstance(annotation, type) and issubclass(annotation, BaseModel)) or typing.get_origin(annotation) is dict:
        return "json", ()
    return "text", ()


def inputs(name: str, actor: Actor) -> list[Input]:
    """The form of step ``name``, from its field declaration; ``on_behalf_of`` only for staff."""
    fields = FIELDS[name]
    made: list[Input] = []
    for field_name, info in fields.model_fields.items():
        if field_name == "on_behalf_of" and audience_party(actor) is not None:
            continue
        kind, options = _kind(info.annotation)
        if kind == "text" and field_name in LONG:
            kind = "textarea"
        label = LABELS.get(field_name, field_name.replace("_", " ").capitalize())
        hint = {"lines": "One per line.", "json": "As JSON, in the shape the API takes."}.get(kind)
        made.append(Input(field_name, label, kind, info.is_required(), options, hint))
    return made


MAX_JSON_DEPTH = 32  # arrays and objects within each other in a form's JSON: the deepest real answer has 4
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?')  # to its closing quote, or the end: never tried twice
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")


def nesting(text: str) -> int:
    """How deeply the arrays and objects of a JSON text lie within each other (brackets in its strings are not
    counted). It counts without recursing, so a text nested a hundred thousand deep is measured, not read."""
    brackets = _NOT_A_BRACKET.sub("", _JSON_STRING.sub("", text))
    return max(accumulate(1 if bracket in "[{" else -1 for bracket in brackets), default=0)


def json_field(name: str, raw: str) -> Any:
    """What was typed as JSON into field ``name`` of a form, read; refused, naming the field, when it is not JSON
    or is nested deeper than ``MAX_JSON_DEPTH`` (which Python's parser could not read, or whatever reads it next)."""
    if nesting(raw) > MAX_JSON_DEPTH:
        raise InvalidInput.field(
            name, f"this is not JSON the service can read: too deeply nested ({MAX_JSON_DEPTH} levels at most)"
        )
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise InvalidInput.field(name, f"this is not JSON ({error.msg})") from None


def parsed(name: str, actor: Actor, form: dict[str, str]) -> dict[str, Any]:
    """The step's fields from the posted form: blanks left out, ticks as true, lines and JSON read."""
    data: dict[str, Any] = {}
    for spec in inputs(name, actor):
        raw = form.get(spec.name, "")
        if spec.kind == "checkbox":
            if raw:
                data[spec.name] = True
            continue
        if not raw.strip():
            continue
        if spec.kind == "lines":
            data[spec.name] = [line.strip() for line in raw.splitlines() if line.strip()]
        elif spec.kind == "json":
            data[spec.name] = json_field(spec.name, raw)
        else:
            data[spec.name] = raw
    return data


@dataclass
class Typed:
    """A refused form: which step, what was typed, and what was wrong."""

    name: str
    values: dict[str, str] = field(default_factory=dict)
    problem: Problem | None = None
