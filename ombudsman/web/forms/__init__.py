"""The forms of the steps, drawn from their own field declarations (``workflows.table.FIELDS``; ``inputs``), and
what is posted from them read back into a step's fields (``reading``), its errors said in plain English
(``sentences``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, ValidationError

from ombudsman.access import Actor
from ombudsman.errors import InvalidInput, Problem
from ombudsman.views import audience_party
from ombudsman.web.forms.answers import answers
from ombudsman.web.forms.inputs import Input, Posted, field_input, find, initial
from ombudsman.web.forms.reading import read_back
from ombudsman.web.forms.sentences import refusal, sentences
from workflows.table import FIELDS, STEP_BY_NAME
from workflows.vocabulary import STAFF

__all__ = [
    "FormErrors",
    "Input",
    "Posted",
    "Typed",
    "answers",
    "find",
    "initial",
    "inputs",
    "model_inputs",
    "parsed",
    "said",
]


def model_inputs(model: type[BaseModel], posted: Posted, *, leave_out: Iterable[str] = ()) -> list[Input]:
    """The inputs of each field of ``model`` (those of ``leave_out`` aside)."""
    return [
        field_input(info.alias or name, info.alias or name, info, posted=posted)
        for name, info in model.model_fields.items()
        if name not in leave_out
    ]


def inputs(name: str, actor: Actor, posted: Posted | None = None) -> list[Input]:
    """The form of step ``name``, from its field declaration. ``on_behalf_of`` only for staff, and only on a
    step a party may take (which staff may record for them): the step's roles say which."""
    party_step = bool(STEP_BY_NAME[name].roles - STAFF)
    recorded_for = audience_party(actor) is None and party_step
    return model_inputs(FIELDS[name], posted or {}, leave_out=() if recorded_for else ("on_behalf_of",))


class FormErrors(InvalidInput):
    """A form refused before it reached the service: each error as (the input's name, a sentence)."""

    def __init__(self, said: list[tuple[str, str]]) -> None:
        super().__init__(
            "; ".join(sentence for _, sentence in said),
            errors=[{"field": name, "message": sentence} for name, sentence in said],
        )
        self.said = said


def _first_each(said: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for name, sentence in said:
        seen.setdefault(name, sentence)
    return list(seen.items())


def validated(model: type[BaseModel], specs: list[Input], posted: Posted) -> dict[str, Any]:
    """The fields of ``model`` read from the form, valid by its declaration; FormErrors otherwise."""
    read = read_back(specs, posted)
    said = list(read.errors)
    try:
        model.model_validate(read.data)
    except ValidationError as error:
        said.extend(sentences(specs, read, error))
    if said:
        raise FormErrors(_first_each(said))
    return read.data


def parsed(name: str, actor: Actor, posted: Posted) -> dict[str, Any]:
    """The step's fields from the posted form, valid by the step's declaration (FormErrors naming each input
    otherwise; the service judges them again, with the rules and the case)."""
    return validated(FIELDS[name], inputs(name, actor, posted), posted)


def said(specs: list[Input], problem: Problem) -> list[tuple[str, str]]:
    """A refusal's errors as (input name, sentence): a form's own as they are, the service's after the field's
    label."""
    if isinstance(problem, FormErrors):
        return problem.said
    return [refusal(specs, error["field"], error["message"]) for error in problem.errors or []]


@dataclass
class Typed:
    """A form sent back: which step, what was typed, what was wrong (each input's sentence, or the refusal of the
    step itself), the steps taken since the version it was read at (a stale form), and the award worked out."""

    name: str
    values: Posted = field(default_factory=dict)
    problem: Problem | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)
    since: list[Any] = field(default_factory=list)
    worked_out: Any = None


def step_form(name: str, actor: Actor, typed: Typed | None) -> dict[str, Any]:
    """What the page needs to show step ``name``'s form: its inputs, the values to show in them (what was typed,
    or the declared defaults) and the sentence of each input refused."""
    step = STEP_BY_NAME[name]
    mine = typed is not None and typed.name == name
    posted = typed.values if typed is not None and mine else {}
    specs = inputs(name, actor, posted)
    return {
        "name": name,
        "kind": step.kind,
        "title": step.title,
        "purpose": step.purpose,
        "inputs": specs,
        "shown": posted if mine else initial(specs),
        "errors": dict(typed.errors) if typed is not None and mine else {},
        "worked_out": typed.worked_out if typed is not None and mine else None,
    }


def shown(data: dict[str, Any], specs: Iterable[Input]) -> dict[str, list[str]]:
    """``data`` (fields as the API takes them) as a form posts them into ``specs``: what a form shows filled in
    with it (a tool's example), and what a test posts."""
    posted: dict[str, list[str]] = {}
    for spec in specs:
        if spec.key not in data or data[spec.key] is None:
            continue
        given = data[spec.key]
        if spec.kind == "fieldset":
            posted.update(shown(given, spec.children))
        elif spec.kind == "group":
            for index, entry in enumerate(given):
                template = spec.children[0]
                renamed = [_renamed(child, template.name, f"{spec.name}.{index}") for child in template.children]
                posted.update(shown(entry, renamed))
        elif spec.kind == "date":
            year, month, day = str(given).split("-")
            posted.update({f"{spec.name}-day": [day], f"{spec.name}-month": [month], f"{spec.name}-year": [year]})
        elif spec.kind == "yesno":
            posted[spec.name] = ["true" if given else "false"]
        elif spec.kind == "checkboxes":
            posted[spec.name] = [str(item) for item in given]
        elif spec.kind == "lines":
            posted[spec.name] = ["\n".join(str(item) for item in given)]
        else:
            posted[spec.name] = [str(given)]
    return posted


def _renamed(spec: Input, old: str, new: str) -> Input:
    return replace(
        spec, name=new + spec.name[len(old) :], children=tuple(_renamed(child, old, new) for child in spec.children)
    )
