"""The database: a SQLite file by default, PostgreSQL when the URL names one.

SQLite runs in WAL mode with a busy timeout, and every transaction begins IMMEDIATE (taking the write lock at
once), so the CLI and the server can share one file and racing writers wait their turn instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel, create_engine

from ombudsman import models  # noqa: F401  (registers the tables)

SQLITE_BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        _serialise_sqlite_writers(engine)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return create_engine(url, pool_pre_ping=True)


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


def create_schema(engine: Engine) -> None:
    SQLModel.metadata.create_all(engine)


def drop_schema(engine: Engine) -> None:
    SQLModel.metadata.drop_all(engine)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One use case, one transaction: everything commits together or nothing does."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session
