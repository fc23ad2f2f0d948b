"""The database: a SQLite file by default, PostgreSQL when the URL names one.

An error from the database never carries the statement's parameters (``hide_parameters``): they are the
complainant's details and what the parties wrote, and an error's message ends up in logs.

SQLite runs in WAL mode with a busy timeout, and every transaction begins IMMEDIATE (taking the write lock at
once), so the CLI and the server can share one file and racing writers wait their turn instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event, inspect
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel, create_engine

from ombudsman import models  # noqa: F401  (registers the tables)

SQLITE_BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            hide_parameters=True,
        )
        _serialise_sqlite_writers(engine)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def _serialise_sqlite_writers(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we say BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class OutdatedSchema(RuntimeError):
    """The database was made by an earlier release: some tables lack columns this release writes."""


def create_schema(engine: Engine) -> None:
    """Create the tables that are missing, then check the ones already there have every column this release
    uses; an older database is refused with a message naming what it lacks, rather than failing later, midway
    through a request, on a column it does not have."""
    SQLModel.metadata.create_all(engine)
    inspector = inspect(engine)
    lacking = []
    for table in SQLModel.metadata.sorted_tables:
        present = {column["name"] for column in inspector.get_columns(table.name)}
        missing = [column.name for column in table.columns if column.name not in present]
        if missing:
            lacking.append(f"{table.name} ({', '.join(missing)})")
    if lacking:
        where = engine.url.render_as_string(hide_password=True)
        raise OutdatedSchema(
            f"the database {where} was made by an earlier release of the engine and lacks columns this release "
            f"needs: {'; '.join(lacking)}. Make a new database (for the SQLite demo, delete the file and run "
            "`make run` again); this release has no migration for it."
        )


def drop_schema(engine: Engine) -> None:
    SQLModel.metadata.drop_all(engine)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One use case, one transaction: everything commits together or nothing does."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session
