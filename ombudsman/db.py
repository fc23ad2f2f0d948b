"""The database: a SQLite file by default, PostgreSQL when the URL names one.

An error from the database never carries the statement's parameters (``hide_parameters``): they are the
complainant's details and what the parties wrote, and an error's message ends up in logs.

SQLite runs in WAL mode with a busy timeout, and every transaction begins IMMEDIATE (taking the write lock at
once), so the CLI and the server can share one file and racing writers wait their turn instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, MetaData, Table, event, inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel, create_engine

from ombudsman import models  # noqa: F401  (registers the tables)

SQLITE_BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str, *, pool_size: int = 5, max_overflow: int = 10) -> Engine:
    """The engine for ``url``. On PostgreSQL each process keeps up to ``pool_size`` connections open and opens up
    to ``max_overflow`` more at a busy moment: size them so that every worker and sweeper of every host together
    stay under the server's ``max_connections``."""
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
    return create_engine(url, pool_pre_ping=True, hide_parameters=True, pool_size=pool_size, max_overflow=max_overflow)


def unreachable(engine: Engine) -> str | None:
    """None when the database answers; otherwise what went wrong, in one line (for the health check, and for
    the tests and benchmarks deciding whether their PostgreSQL half can run)."""
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
    except Exception as error:  # any failure to reach the database is the answer, not an error
        first = str(error).strip().splitlines()
        return f"{type(error).__name__}: {first[0] if first else ''}"
    return None


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
        # A read (``reading``) begins deferred: in WAL mode it reads a snapshot and neither waits for a writer
        # nor holds one up. Everything else takes the write lock at once.
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


class SchemaRefused(RuntimeError):
    """``create_schema`` leaves this database as it is: its message says what is wrong with it and what to do."""


class OutdatedSchema(SchemaRefused):
    """The database was made by an earlier release: some tables lack columns this release writes."""


class UnknownRevision(SchemaRefused):
    """The database is at a revision this release does not have: a newer release migrated it."""


@dataclass(frozen=True)
class SchemaChange:
    """What ``create_schema`` did: ``created`` the tables; ``adopted`` tables made before migrations (recorded at
    the baseline, ``before``); or brought them from ``before`` to ``after``, the head (nothing when they are equal)."""

    before: str | None
    after: str
    created: bool = False
    adopted: bool = False


# Taken for the transaction by every create_schema on PostgreSQL, so two at once (a server and the CLI) run in turn.
SCHEMA_LOCK = 0x6F6D62_0001
VERSION_TABLE = "alembic_version"


def create_schema(engine: Engine) -> SchemaChange:
    """Create the tables, or bring them up to date, in one transaction.

    An empty database gets every table at once (``create_all``) and is recorded at the head revision; a database at
    an older revision is upgraded (``ombudsman.migrations``); one at the head is left as it is. Tables made before
    migrations (no ``alembic_version``) are recorded at the baseline, once they are found to have its tables and
    columns, then upgraded; tables that lack some are refused (``OutdatedSchema``) with a message naming what they
    lack, rather than failing later, midway through a request, on a column they do not have. So is a database at a
    revision this release does not know (``UnknownRevision``). Whatever was done, every table must end with every
    column the models use, or the transaction is rolled back and the database refused.
    """
    # Alembic is imported by what migrates only (it takes a while): the commands that do not, and the server's
    # requests, never load it.
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    from ombudsman import migrations

    with _one_transaction(engine) as connection:
        context = MigrationContext.configure(connection)
        heads = context.get_current_heads()
        head = migrations.head()
        _refuse_unknown(engine, heads, head)
        adopted = False
        if not heads:
            if not set(inspect(connection).get_table_names()) & set(SQLModel.metadata.tables):
                SQLModel.metadata.create_all(connection, checkfirst=False)
                context.stamp(migrations.scripts(), "head")
                return SchemaChange(None, head, created=True)
            _refuse_unless_baseline(connection, engine)
            context.stamp(migrations.scripts(), migrations.BASELINE)
            heads, adopted = (migrations.BASELINE,), True
        before = ", ".join(heads)
        if heads != (head,):
            command.upgrade(migrations.alembic_config(connection), "head")
            _check_foreign_keys(connection)
        _refuse_lacking(connection, engine, at=before)
        return SchemaChange(before, head, adopted=adopted)


def _refuse_unknown(engine: Engine, heads: tuple[str, ...], head: str) -> None:
    from ombudsman import migrations

    unknown = [revision for revision in heads if not migrations.known(revision)]
    if unknown:
        raise UnknownRevision(
            f"the database {_where(engine)} is at revision {', '.join(unknown)}, which this release of the engine "
            f"does not have (its newest is {head}): a newer release has migrated it. Run that release, or a "
            "database of this release's own."
        )


def check_schema(engine: Engine) -> None:
    """Refuse, saying why and what to do, a database this release must not write to as it is: one at a revision
    this release does not have (a newer release migrated it: ``UnknownRevision``, as ``create_schema`` says it),
    one not yet set up, or one at an older revision, not yet upgraded (``create_schema`` would upgrade it).

    It is what the commands that write but neither create nor upgrade the tables (the sweep, delivery, adding
    and revoking users, marking letters printed) check first. It only reads: a SQLite file that is not there is
    not made, and the check takes no write lock."""
    from alembic.runtime.migration import MigrationContext

    from ombudsman import migrations

    file = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if file not in (None, "", ":memory:") and not Path(str(file)).is_file():
        raise SchemaRefused(_not_set_up(engine, "there is no such file"))
    with engine.execution_options(**{READ_ONLY: True}).connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    head = migrations.head()
    _refuse_unknown(engine, heads, head)
    if not heads:
        raise SchemaRefused(_not_set_up(engine, "no revision of the engine's tables is recorded in it"))
    if heads != (head,):
        raise OutdatedSchema(
            f"the database {_where(engine)} is at revision {', '.join(heads)}, older than this release's {head}: "
            "run `ombudsman init-db` to upgrade it first"
        )


def _not_set_up(engine: Engine, why: str) -> str:
    return f"the database {_where(engine)} is not set up ({why}): run `ombudsman init-db` first"


@contextmanager
def _one_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection of ``engine`` in one transaction (BEGIN IMMEDIATE on SQLite, so no writer comes between).

    On SQLite the foreign keys are not enforced while it runs: SQLite cannot switch them within a transaction, and
    an ALTER that batch mode makes by copying a table others refer to would fail with them on. They are checked
    before it commits (``_check_foreign_keys``) and switched on again after."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _sqlite_pragma(connection, "foreign_keys=OFF")
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
                yield connection
        finally:
            if sqlite:
                _sqlite_pragma(connection, "foreign_keys=ON")


def _sqlite_pragma(connection: Connection, setting: str) -> None:
    """Outside any transaction: on the driver's connection, which commits each statement by itself."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"PRAGMA {setting}")
    finally:
        cursor.close()


def _check_foreign_keys(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        return  # PostgreSQL enforced them throughout
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
    if broken is not None:
        raise SchemaRefused(
            f"the migration left a row of {broken[0]} referring to a row of {broken[2]} that is not there: it was "
            "rolled back, and the revision needs mending"
        )


@cache
def _baseline_tables() -> dict[str, frozenset[str]]:
    """The baseline's tables and their columns, as its revision makes them (on a scratch database in memory)."""
    from alembic import command

    from ombudsman import migrations

    scratch = create_engine("sqlite://")
    try:
        with scratch.begin() as connection:
            command.upgrade(migrations.alembic_config(connection), migrations.BASELINE)
            return _tables(connection, exclude=VERSION_TABLE)
    finally:
        scratch.dispose()


def _tables(connection: Connection, *, exclude: str = "") -> dict[str, frozenset[str]]:
    inspector = inspect(connection)
    return {
        table: frozenset(column["name"] for column in inspector.get_columns(table))
        for table in inspector.get_table_names()
        if table != exclude
    }


def _lacking(present: dict[str, frozenset[str]], wanted: dict[str, frozenset[str]]) -> list[str]:
    lacking = []
    for table, columns in wanted.items():
        if table not in present:
            lacking.append(f"{table} (the whole table)")
        elif missing := [column for column in columns if column not in present[table]]:
            lacking.append(f"{table} ({', '.join(missing)})")
    return lacking


def _refuse_unless_baseline(connection: Connection, engine: Engine) -> None:
    lacking = _lacking(_tables(connection), _baseline_tables())
    if lacking:
        raise OutdatedSchema(
            f"the database {_where(engine)} was made by an earlier release of the engine and lacks what this release "
            f"needs: {'; '.join(lacking)}. Its tables are older than the first migration, so none can bring them up "
            "to date: make a new database (for the SQLite demo, delete the file and run `make run` again)."
        )


def _refuse_lacking(connection: Connection, engine: Engine, *, at: str) -> None:
    """The models' tables and columns, every one: what this release reads and writes."""
    wanted = {
        table.name: frozenset(column.name for column in table.columns) for table in SQLModel.metadata.sorted_tables
    }
    lacking = _lacking(_tables(connection), wanted)
    if lacking:
        raise OutdatedSchema(
            f"the database {_where(engine)} was made by an earlier release of the engine or changed since: it is "
            f"recorded at revision {at} yet lacks what this release needs: {'; '.join(lacking)}. Make a new database, "
            "or give the models' change a revision (ombudsman/migrations/README.md)."
        )


def _where(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def drop_schema(engine: Engine) -> None:
    """Every table of the models and the record of the revision, so ``create_schema`` starts afresh."""
    with engine.begin() as connection:
        SQLModel.metadata.drop_all(connection)
        Table(VERSION_TABLE, MetaData()).drop(connection, checkfirst=True)


READ_ONLY = "ombudsman_read_only"


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A transaction that only reads (a page, a case, a token's user): one snapshot of the database throughout.
    On SQLite it does not take the write lock, so reads run beside a write instead of queueing behind it."""
    with Session(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False) as session, session.begin():
        session.info[READ_ONLY] = True
        yield session


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One use case, one transaction: everything commits together or nothing does."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def rehearsal(engine: Engine) -> Iterator[Session]:
    """A transaction that is always rolled back: a step taken to see what it would write (its letters, its
    audit event), then undone, so nothing of it is kept."""
    with Session(engine, expire_on_commit=False) as session:
        trying = session.begin()
        try:
            yield session
        finally:
            trying.rollback()
