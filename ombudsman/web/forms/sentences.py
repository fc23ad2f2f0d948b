"""Errors in plain English, GOV.UK style: each error of the field declarations (pydantic's) said as a sentence made
from the field's title and the kind of its input ("Enter the date the final response was sent", "Choose whether
the business consents", "Enter an amount in pounds, like 1500.00"), never in the validator's words. The reasons the
declarations give themselves ("must be a firm reference number: six or seven digits") and a rule's refusal keep
their words, after the field's name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from ombudsman.web.forms.inputs import Input, find
from ombudsman.web.forms.reading import Read

CHOSEN = ("yesno", "radios", "select", "checkboxes")
MISSING_TYPES = {"missing", "string_too_short", "too_short"}


def missing(spec: Input) -> str:
    """The sentence for a field left blank."""
    if spec.kind == "yesno":
        return f"Choose whether {spec.title.removeprefix('whether ')}"
    if spec.kind in CHOSEN:
        return f"Choose {spec.title}"
    if spec.kind == "money":
        return f"Enter {spec.title}, in pounds, like 1500.00"
    return f"Enter {spec.title}"


def sentence(spec: Input | None, name: str, error: Mapping[str, Any]) -> str:
    """One pydantic error on input ``spec`` (named ``name``) as a sentence."""
    kind = error["type"]
    context = error.get("ctx") or {}
    if spec is None:
        return f"{name.replace('_', ' ').replace('.', ': ').capitalize()}: {error['msg'].removeprefix('Value error, ')}"
    if spec.kind == "yesno" and kind in MISSING_TYPES | {"value_error", "bool_type", "bool_parsing"}:
        return missing(spec)
    if kind in MISSING_TYPES:
        return missing(spec)
    if spec.kind == "lines" and name != spec.name and kind in ("string_too_long", "too_long"):
        return f"Enter no more than {context.get('max_length', spec.max_length)} characters a line"
    if spec.kind == "lines" and name != spec.name:
        return f"{spec.label}, line {int(name.rsplit('.', 1)[-1]) + 1}: {error['msg'].removeprefix('Value error, ')}"
    if kind == "string_too_long":
        return f"Enter no more than {context.get('max_length', spec.max_length)} characters"
    if kind == "too_long":
        return f"Enter no more than {context.get('max_length')} entries"
    if kind in ("enum", "literal_error"):
        return f"Choose {spec.title} from the list"
    if spec.kind == "money":
        return "Enter an amount in pounds, like 1500.00"
    if spec.kind == "percent":
        return "Enter a percentage from 0 to 100, like 8"
    if spec.kind == "number":
        return f"Enter {spec.title} as a whole number, like 12"
    if spec.kind == "date" and kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "value_error"):
        return f"{spec.label} must be a real date, like 27 3 2026"
    if spec.kind in CHOSEN and kind != "value_error":
        return f"Choose {spec.title}"
    # The declaration's own reason (a rule's refusal, "must be one email address, not a list"), after the label.
    return f"{spec.label}: {error['msg'].removeprefix('Value error, ')}"


def sentences(
    inputs: Iterable[Input], read: Read, error: ValidationError, *, prefix: str = ""
) -> list[tuple[str, str]]:
    """Each error of ``error`` as (the input's name on the form, its sentence); ``prefix`` where the model
    validated is a fieldset of the form (an award worked out alone)."""
    said: list[tuple[str, str]] = []
    specs = list(inputs)
    for item in error.errors():
        name = read.form_name(".".join(str(part) for part in (prefix, *item["loc"]) if part != ""))
        spec = find(specs, name)
        said.append((spec.name if spec else name, sentence(spec, name, item)))
    return said


def refusal(inputs: Iterable[Input], field: str, message: str) -> tuple[str, str]:
    """A refusal of the service naming a field (a rule's reason, a text too long): its words after the field's."""
    spec = find(list(inputs), field)
    if spec is None:
        return field, f"{field.replace('_', ' ').capitalize()}: {message}"
    return spec.name, f"{spec.label}: {message}"
