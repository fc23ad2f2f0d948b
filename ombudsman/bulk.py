"""Opening cases in bulk: thousands a second, through exactly the rules that open one case.

``CaseService.open_cases`` opens each case with the same code as ``open_case`` (``CaseService._opening``: the
case's row and its parties, the opening step's guard and effects, its audit event with its hash chain, its
acknowledgement rendered and queued for delivery), but hands that code a ``Collector`` instead of the
transaction's session: the collector keeps the rows it is given instead of flushing them one case at a time, and
``write`` then puts a whole batch of cases into the transaction with one multi-row ``INSERT`` per table. The single
and the bulk path therefore differ only in how the rows reach the database.

``read_lines`` checks a file of cases (JSON lines, each one case's facts in the shape ``POST /v1/cases`` takes)
as the API checks a body, and names every bad line by its number and field before anything is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Table, insert
from sqlmodel import Session, SQLModel

from ombudsman.errors import InvalidInput
from ombudsman.rules.facts import CaseFacts

BATCH = 500  # cases a transaction
MAX_REPORTED = 100  # bad lines named, at most; the rest are counted


class Collector(Session):
    """A session that only gathers the rows a use case adds, in the order it first adds them, for ``write``: it
    is bound to no database, attaches nothing and flushes nothing."""

    def __init__(self) -> None:
        super().__init__()
        self._gathered: dict[int, Any] = {}  # by id(), in the order added: a row added again stays where it was

    @property
    def rows(self) -> list[Any]:
        return list(self._gathered.values())

    def add(self, instance: object, _warn: bool = True) -> None:
        self._gathered.setdefault(id(instance), instance)

    def add_all(self, instances: Iterable[object]) -> None:
        for instance in instances:
            self.add(instance)

    def flush(self, objects: Sequence[Any] | None = None) -> None:
        """Nothing to flush: ``write`` writes what was gathered, a batch at a time."""


@cache
def _table_order() -> dict[str, int]:
    """Each table's place in an order where a table comes after every table it refers to."""
    return {table.name: place for place, table in enumerate(SQLModel.metadata.sorted_tables)}


def _values(row: Any, table: Table) -> dict[str, Any]:
    """The row's columns as the ORM's flush would insert them: a primary key or a column with a default that is
    None is left to the database or to the default."""
    state = row.__dict__  # a new row's values, where the ORM's flush reads them too
    values = {}
    for column in table.columns:
        value = state.get(column.key)
        if value is None and (column.primary_key or column.default is not None):
            continue
        values[column.key] = value
    return values


def write(session: Session, rows: Iterable[Any]) -> int:
    """Insert new ORM rows (never flushed) with one multi-row INSERT per table and set of columns, each table
    after the tables it refers to; returns how many rows were written."""
    grouped: dict[tuple[str, tuple[str, ...]], tuple[Table, list[dict[str, Any]]]] = {}
    for row in rows:
        table = row.__table__
        values = _values(row, table)
        grouped.setdefault((table.name, tuple(values)), (table, []))[1].append(values)
    order = _table_order()
    written = 0
    for _, (table, batch) in sorted(grouped.items(), key=lambda item: order[item[0][0]]):
        session.execute(insert(table), batch)
        written += len(batch)
    return written


# --- a file of cases -------------------------------------------------------------------------------------------


class BadLines(InvalidInput):
    """Lines of a file that are not a case's facts. ``errors`` names each (the first ``MAX_REPORTED`` lines) by
    its line number, field and message; ``bad`` counts them all, of ``lines``."""

    def __init__(self, errors: list[dict[str, Any]], *, bad: int, lines: int) -> None:
        super().__init__(
            f"{bad} of {lines} lines {'is' if bad == 1 else 'are'} not a case's facts: nothing was imported",
            errors=errors,
        )
        self.bad = bad
        self.lines = lines

    @property
    def unreported(self) -> int:
        """The bad lines counted but not named."""
        return self.bad - len({error["line"] for error in self.errors or []})


# A rule over the whole body ("final_response_sent_on is before ...") is named by the field it refuses, as the
# API names it (``ombudsman.api.errors``).
_NAMED_IN_MESSAGE = re.compile(r"^((?:complainant\.|respondent\.)?[a-z]+(?:_[a-z]+)+)\b")


def _parsed(line: bytes) -> Any:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInput.field("body", f"is not UTF-8 (byte {error.start + 1})") from None
    if not text.strip():
        raise InvalidInput.field("body", "is empty: each line is one case's facts, as a JSON object")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput.field("body", f"is not valid JSON ({error.msg} at column {error.colno})") from None


def _named(error: dict[str, Any], line: int) -> dict[str, Any]:
    field, message = str(error.get("field", "body")), str(error.get("message", "invalid"))
    named = _NAMED_IN_MESSAGE.match(message)
    if field == "body" and named and named.group(1).split(".")[0] in CaseFacts.model_fields:
        field = named.group(1)
    return {"line": line, "field": field, "message": message}


def split_lines(data: bytes) -> list[bytes]:
    """A file's lines (a last line break ends the last line, it does not start an empty one)."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


def read_lines(
    lines: Sequence[bytes],
    check: Callable[[Any], CaseFacts],
    *,
    progress: Callable[[int], None] | None = None,
) -> list[CaseFacts]:
    """Each line's case facts, checked by ``check`` (the service's own check of a new case's facts, after the
    line is read as JSON, as the API reads a body). Every line is checked; if any is bad, ``BadLines`` names them
    by number (counting from 1) and field, and nothing is returned."""
    good: list[CaseFacts] = []
    errors: list[dict[str, Any]] = []
    bad = 0
    for number, line in enumerate(lines, start=1):
        try:
            good.append(check(_parsed(line)))
        except InvalidInput as problem:
            bad += 1
            if bad <= MAX_REPORTED:
                errors.extend(_named(error, number) for error in problem.errors or [{"message": problem.detail}])
        if progress is not None and number % 1000 == 0:
            progress(1000)
    if progress is not None and len(lines) % 1000:
        progress(len(lines) % 1000)
    if bad:
        raise BadLines(errors, bad=bad, lines=len(lines))
    return good
