"""What a form posts, read back into the fields of a step (or of a tool) by the inputs it was drawn with: blanks
left out, Yes and No as true and false, a date's three boxes as one date, lines as a list, a fieldset as the
fields it holds and a repeated group as the entries filled in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ombudsman.web.forms.inputs import Input, Posted


@dataclass
class Read:
    """The fields read, the errors found reading them (an impossible date), and where each entry of a group that
    was read came from on the form (a blank entry before it is left out, so ``money.0`` may be ``money.1``)."""

    data: dict[str, Any] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (input name, sentence)
    renamed: dict[str, str] = field(default_factory=dict)  # read name -> form name

    def form_name(self, name: str) -> str:
        """The name on the form of ``name`` as read (``awards.money.0.amount`` -> ``awards.money.1.amount``)."""
        for read, posted in sorted(self.renamed.items(), key=lambda item: -len(item[0])):
            if name == read or name.startswith(f"{read}."):
                return posted + name[len(read) :]
        return name


MISSING = object()


def _one(posted: Posted, name: str) -> str:
    values = posted.get(name) or [""]
    return values[0].strip()


def read_date(spec: Input, posted: Posted, read: Read) -> Any:
    whole = _one(posted, spec.name)  # a client may post the date as one ISO value, as the API takes it
    parts = [_one(posted, f"{spec.name}-{part}") for part in ("day", "month", "year")]
    if not any(parts):
        return whole or MISSING
    day, month, year = parts
    if not all(parts):
        missing = " and ".join(
            part for part, given in zip(("a day", "a month", "a year"), parts, strict=True) if not given
        )
        read.errors.append((spec.name, f"{spec.label} must include {missing}"))
        return MISSING
    if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
        read.errors.append((spec.name, f"{spec.label} must be a real date, like 27 3 2026"))
        return MISSING
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        read.errors.append((spec.name, f"{spec.label} must be a real date, like 27 3 2026"))
        return MISSING


def _money(text: str) -> str:
    return text.removeprefix("£").replace(",", "").strip()


def value(spec: Input, posted: Posted, read: Read, *, at: str) -> Any:
    """The value of one input, or ``MISSING`` where nothing was given; ``at`` is its name as read."""
    if spec.kind == "fieldset":
        return _fields(spec.children, posted, read, at=at) or MISSING
    if spec.kind == "group":
        kept: list[dict[str, Any]] = []
        for entry in spec.children:
            got = _fields(entry.children, posted, read, at=f"{at}.{len(kept)}")
            if got:
                read.renamed[f"{at}.{len(kept)}"] = entry.name
                kept.append(got)
        return kept or MISSING
    if spec.kind == "checkboxes":
        return [item for item in posted.get(spec.name, []) if item] or MISSING
    if spec.kind == "date":
        return read_date(spec, posted, read)
    raw = _one(posted, spec.name) if spec.kind not in ("text", "textarea") else (posted.get(spec.name) or [""])[0]
    if not raw.strip():
        return MISSING
    if spec.kind == "yesno":
        return {"true": True, "false": False}.get(raw, raw)
    if spec.kind == "lines":
        return [line.strip() for line in raw.splitlines() if line.strip()]
    if spec.kind == "number":
        return int(raw) if raw.isdigit() else raw
    if spec.kind == "money":
        return _money(raw)
    return raw


def _fields(specs: Iterable[Input], posted: Posted, read: Read, *, at: str) -> dict[str, Any]:
    got: dict[str, Any] = {}
    for spec in specs:
        found = value(spec, posted, read, at=f"{at}.{spec.key}" if at else spec.key)
        if found is not MISSING:
            got[spec.key] = found
    return got


def read_back(specs: Iterable[Input], posted: Posted) -> Read:
    """The fields of a form's inputs from what was posted."""
    read = Read()
    read.data = _fields(specs, posted, read, at="")
    return read
