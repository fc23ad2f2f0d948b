"""Counting the statements a piece of work sends to the database (BEGIN, COMMIT and savepoints aside)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event

_AROUND = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")  # a transaction's edges, not its work


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    """The statements sent through ``engine`` inside the block, in order."""
    statements: list[str] = []

    def count(conn: object, cursor: object, statement: str, *_: object) -> None:
        if not statement.lstrip().upper().startswith(_AROUND):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)
