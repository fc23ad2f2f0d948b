"""What a person answered on a form, in words: each input given, by its label, as a "Check your answers" page
shows it (a choice by its words, a date as a letter writes it, money in pounds), read from what was posted."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ombudsman.rules.time_limits import long_date
from ombudsman.web.forms.inputs import Input, Posted
from ombudsman.web.forms.reading import MISSING, Read, read_date


def _given(posted: Posted, name: str) -> list[str]:
    return [value.strip() for value in posted.get(name) or [] if value.strip()]


def _words(spec: Input, posted: Posted) -> str:
    """The answer to one input in words; empty when nothing was given."""
    if spec.kind == "date":
        read = Read()
        day = read_date(spec, posted, read)
        return long_date(date.fromisoformat(day)) if day is not MISSING and not read.errors else ""
    values = _given(posted, spec.name)
    if spec.options:
        named = dict(spec.options)
        values = [named.get(value, value) for value in values]
    if spec.kind == "money":
        values = [f"£{value}" for value in values]
    elif spec.kind == "percent":
        values = [f"{value}%" for value in values]
    return ", ".join(values) if spec.kind == "checkboxes" else "\n".join(values)


def answers(specs: Iterable[Input], posted: Posted, *, within: str = "") -> list[tuple[str, str]]:
    """Each input given, as (label, answer in words); an entry of a repeated group's inputs named with the entry
    ("Money line 1: the amount")."""
    found: list[tuple[str, str]] = []
    for spec in specs:
        if spec.kind == "group":
            for entry in spec.children:
                found += answers(entry.children, posted, within=f"{entry.label}: ")
        elif spec.children:
            found += answers(spec.children, posted, within=within)
        else:
            words = _words(spec, posted)
            if words:
                label = f"{within}{spec.title}" if within else spec.label
                found.append((label, words))
    return found
