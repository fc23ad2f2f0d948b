"""A step's form drawn from its field declaration (``workflows.table.FIELDS``): each field's input follows from its
type, never from a list of fields kept here. A yes-or-no is a pair of radios, an enumeration radios or a select
with each value's words (``ombudsman.rules.words``), a date the GOV.UK date input, a list of text one entry a line,
a list of choices checkboxes, a model a fieldset of its own fields, and a list of models a group of such fieldsets
repeated: the entries given and two blank ones. Names are dotted: ``awards.money.0.amount``,
``awards.interest.from`` (a date adds ``-day``, ``-month`` and ``-year``)."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal

import annotated_types
from pydantic import BaseModel, WithJsonSchema
from pydantic.fields import FieldInfo

from ombudsman.rules.awards import AwardsIn
from ombudsman.rules.values import MONEY_PATTERN, PERCENT_PATTERN
from ombudsman.rules.words import words_of
from workflows.fields import Choices, Shaped

RADIOS_AT_MOST = 5  # more choices than this are a select
LONG_TEXT = 500  # text that may be longer than this is a textarea
BLANK_ENTRIES = 2  # blank entries of a repeated group shown after those given
ANOTHER = "+"  # the name of a group's "Add another" button: the group's name and this
MOST_EXTRA = 20  # more blank entries than this are never added at once
Posted = Mapping[str, list[str]]


@dataclass(frozen=True)
class Input:
    """One input of a form, or a fieldset of inputs (``children``)."""

    name: str  # dotted: awards.money.0.amount
    key: str  # the name the field has in the step's fields (its alias)
    title: str  # a noun phrase: "the date the final response was sent"; the label is it capitalised
    kind: str  # text textarea number money percent date yesno radios select checkboxes lines fieldset group
    required: bool
    options: tuple[tuple[str, str], ...] = ()  # (value, words)
    hint: str | None = None
    children: tuple[Input, ...] = ()
    max_length: int | None = None
    calculable: bool = False  # an award: the form offers to work it out
    default: tuple[str, ...] = ()  # what it shows before anything is typed: its declared default
    more: int = 0  # a group: the blank entries asked for beyond the usual two ("Add another")

    @property
    def id(self) -> str:
        return self.name.replace(".", "-")

    @property
    def label(self) -> str:
        return self.title[:1].upper() + self.title[1:]

    @property
    def field_id(self) -> str:
        """The id the error summary links to: a date's day, a fieldset's first input, else the input itself."""
        if self.kind == "date":
            return f"{self.id}-day"
        if self.kind in ("fieldset", "group") and self.children:
            return self.children[0].field_id
        return self.id

    @property
    def entry_words(self) -> str:
        """What one entry of a group is called: "money line"."""
        return self.children[0].title.rsplit(" ", 1)[0] if self.children else self.title

    def walk(self) -> typing.Iterator[Input]:
        yield self
        for child in self.children:
            yield from child.walk()


def spoken(model: type[BaseModel]) -> str:
    """A model's name as words: ``MoneyLine`` is "money line"."""
    return re.sub(r"(?<!^)([A-Z])", r" \1", model.__name__).lower()


def _title(name: str, info: FieldInfo) -> str:
    if info.title:
        return info.title[:1].lower() + info.title[1:]
    return name.rstrip("_").replace("_", " ")


def _unwrapped(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any], bool]:
    """The type under Optional and Annotated, every mark on the way, and whether None was allowed."""
    optional = False
    marks = list(metadata)
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            marks.extend(annotation.__metadata__)
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                return annotation, marks, optional
            annotation = args[0]
        else:
            return annotation, marks, optional


def choices(kind: Any) -> tuple[tuple[str, str], ...] | None:
    """The values of an enumeration or a Literal with their words (the value itself where none are declared:
    ``tests/web/test_forms.py`` keeps that from happening)."""
    if isinstance(kind, type) and issubclass(kind, Enum):
        words = words_of(kind)
        return tuple((str(member.value), words.get(member.value, str(member.value))) for member in kind)
    if typing.get_origin(kind) is Literal:
        words = words_of(kind)
        return tuple((str(value), words.get(value, str(value))) for value in typing.get_args(kind))
    return None


def _pattern(marks: list[Any]) -> str | None:
    for mark in marks:
        if isinstance(mark, WithJsonSchema) and isinstance(mark.json_schema, dict):
            return mark.json_schema.get("pattern")
    return None


def _max_length(marks: list[Any]) -> int | None:
    return next((mark.max_length for mark in marks if isinstance(mark, annotated_types.MaxLen)), None)


def _default(info: FieldInfo) -> tuple[str, ...]:
    """A field's declared default as a form shows it: a flag as true or false, a list of choices ticked."""
    if info.is_required():
        return ()
    default = info.get_default(call_default_factory=True)
    if isinstance(default, bool):
        return ("true" if default else "false",)
    if isinstance(default, list) and all(isinstance(item, Enum) for item in default):
        return tuple(str(item.value) for item in default)
    return ()


def adding(posted: Posted) -> bool:
    """Whether the form was sent by an "Add another" button (named ``<group>+``): shown again with one more
    entry, nothing taken."""
    return any(key.endswith(ANOTHER) for key in posted)


def entries(name: str, posted: Posted) -> int:
    """How many entries of group ``name`` were filled in (the highest index with something typed, plus one)."""
    prefix = f"{name}."
    indexes = [
        key[len(prefix) :].split(".")[0].split("-")[0]
        for key, values in posted.items()
        if key.startswith(prefix) and any(value.strip() for value in values)
    ]
    return max((int(index) + 1 for index in indexes if index.isdigit()), default=0)


def extra(name: str, posted: Posted) -> int:
    """How many more blank entries of group ``name`` were asked for ("Add another", pressed again and again)."""
    asked = (posted.get(f"{name}{ANOTHER}") or ["0"])[0]
    return min(int(asked), MOST_EXTRA) if asked.isdigit() else 0


def field_input(name: str, key: str, info: FieldInfo, *, posted: Posted, partial: bool = False) -> Input:
    """The input of one field, ``info`` its declaration; ``partial`` where only what is given is sent (each
    input optional)."""
    kind, marks, optional = _unwrapped(info.annotation, list(info.metadata))
    required = info.is_required() and not optional and not partial
    title = _title(key, info)

    def made(kind: str, **more: Any) -> Input:
        return Input(
            name=name,
            key=key,
            title=title,
            kind=kind,
            required=required,
            default=() if partial else _default(info),
            **more,
        )

    worded = next((mark for mark in marks if isinstance(mark, Choices)), None)
    if worded is not None:
        options = tuple(worded.words.items())
        return made("radios" if len(options) <= RADIOS_AT_MOST else "select", options=options)
    shaped = next((mark for mark in marks if isinstance(mark, Shaped)), None)
    if shaped is not None:
        return model_input(name, key, shaped.model, title=title, posted=posted, required=required, partial=True)
    listed = choices(kind)
    if listed is not None:
        return made("radios" if len(listed) <= RADIOS_AT_MOST else "select", options=listed)
    if isinstance(kind, type) and issubclass(kind, bool):
        return made("yesno", options=(("true", "Yes"), ("false", "No")))
    if isinstance(kind, type) and issubclass(kind, date):
        return made("date", hint="For example, 27 3 2026")
    if isinstance(kind, type) and issubclass(kind, Decimal):
        pattern = _pattern(marks)
        if pattern == MONEY_PATTERN:
            return made("money", hint="In pounds, like 1500.00")
        if pattern == PERCENT_PATTERN:
            return made("percent", hint="A percentage, like 8")
        return made("text")
    if isinstance(kind, type) and issubclass(kind, int):
        return made("number")
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return model_input(name, key, kind, title=title, posted=posted, required=required, partial=partial)
    if typing.get_origin(kind) is list:
        inner, inner_marks, _ = _unwrapped(typing.get_args(kind)[0], [])
        among = choices(inner)
        if among is not None:
            return made("checkboxes", options=among, hint="Choose all that apply.")
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            count = entries(name, posted) + BLANK_ENTRIES + extra(name, posted)
            children = tuple(
                model_input(
                    f"{name}.{index}",
                    str(index),
                    inner,
                    title=f"{spoken(inner)} {index + 1}",
                    posted=posted,
                    required=False,
                )
                for index in range(count)
            )
            return made(
                "group", children=children, hint="Leave blank the entries you do not need.", more=extra(name, posted)
            )
        return made("lines", hint="One a line.", max_length=_max_length(inner_marks))
    most = _max_length(marks)
    long = kind is str and (most is None or most > LONG_TEXT)
    return made("textarea" if long else "text", max_length=most)


def model_input(
    name: str, key: str, model: type[BaseModel], *, title: str, posted: Posted, required: bool, partial: bool = False
) -> Input:
    """A fieldset of a model's own fields, named ``name.<field>``."""
    children = tuple(
        field_input(
            f"{name}.{info.alias or field}" if name else (info.alias or field),
            info.alias or field,
            info,
            posted=posted,
            partial=partial,
        )
        for field, info in model.model_fields.items()
    )
    hint = "Leave blank what stays as it is." if partial else None
    return Input(
        name, key, title, "fieldset", required, children=children, hint=hint, calculable=issubclass(model, AwardsIn)
    )


def find(inputs: typing.Iterable[Input], name: str) -> Input | None:
    """The input named ``name`` (or the one holding it, for a name deeper than any input)."""
    best: Input | None = None
    for top in inputs:
        for found in top.walk():
            if name == found.name:
                return found
            if name.startswith(f"{found.name}.") and (best is None or len(found.name) > len(best.name)):
                best = found
    return best


def initial(inputs: typing.Iterable[Input]) -> dict[str, list[str]]:
    """What a form shows before anything is typed: each input's declared default (a flag that defaults to false
    shows No; whom a limit binds, both parties), those of a fieldset's own inputs too. An entry of a repeated group
    shows none: it would no longer be blank."""
    shown: dict[str, list[str]] = {}
    for spec in inputs:
        if spec.default:
            shown[spec.name] = list(spec.default)
        if spec.kind == "fieldset":
            shown.update(initial(spec.children))
    return shown
