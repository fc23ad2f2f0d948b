"""What the migration tests share: a database as the release before migrations left it, holding real rows.

The rows are made through the service on a scratch SQLite database at the head, then copied into the database
under test column by column, through the models' own column types: so a database at the baseline (or at any
revision) can hold them even after later revisions add columns the service now writes. A later revision that drops
or renames a column the baseline requires would need ``copy_rows`` to fill that column itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, Integer, MetaData, Table, column, func, inspect, select, table, text
from sqlmodel import SQLModel

from ombudsman.clock import FixedClock
from ombudsman.db import VERSION_TABLE, create_schema, drop_schema, make_engine
from ombudsman.migrations import BASELINE, alembic_config
from ombudsman.service import CaseService
from ombudsman.settings import Settings
from tests.conftest import CASEWORKER
from tests.factories import facts_data

# The tables the cases made in ``rows`` write to: each must hold at least one row.
TABLES_WITH_ROWS = ("cases", "parties", "audit_events", "letters", "time_limits")


@pytest.fixture
def bare(database_url: str) -> Iterator[Engine]:
    """The test's database with nothing of the engine's in it (the PostgreSQL one is shared by the run's tests)."""
    engine = make_engine(database_url)
    drop_schema(engine)
    yield engine
    drop_schema(engine)
    engine.dispose()


@pytest.fixture
def rows(tmp_path: Path) -> Iterator[Engine]:
    """A scratch SQLite database at the head, with real rows made through the service: three cases opened, the
    second taken through the jurisdiction check, so cases, parties, audit events, letters and time limits have rows."""
    url = f"sqlite:///{tmp_path / 'rows.db'}"
    engine = make_engine(url)
    create_schema(engine)
    service = CaseService(engine, FixedClock(date(2026, 11, 2)), Settings(database_url=url))
    references = [service.open_case(CASEWORKER, facts_data()).reference for _ in range(3)]
    service.act(CASEWORKER, references[1], "start_jurisdiction_check")
    service.act(CASEWORKER, references[1], "accept_jurisdiction", fields={"reasons": "Every DISP 2 test passes."})
    made = counts(engine)
    assert all(made[name] > 0 for name in TABLES_WITH_ROWS), made
    yield engine
    engine.dispose()


def at_revision(engine: Engine, revision: str) -> None:
    """Run the migrations one by one, from where the database is up to ``revision``."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def made_before_migrations(engine: Engine, rows_from: Engine) -> None:
    """The tables as the release before migrations made them (exactly the baseline's), with no record of a
    revision, holding the rows of ``rows_from``."""
    at_revision(engine, BASELINE)
    with engine.begin() as connection:
        Table(VERSION_TABLE, MetaData()).drop(connection)
    copy_rows(rows_from, engine)


def copy_rows(source: Engine, target: Engine) -> None:
    """Every row of ``source`` into the tables ``target`` has, in the columns it has, written through the models'
    column types (times and amounts stored exactly as the engine stores them). On PostgreSQL each id sequence is
    then moved past the ids copied, as if the rows had been inserted there one by one."""
    present = columns_of(target)
    with source.connect() as reading, target.begin() as writing:
        for model in SQLModel.metadata.sorted_tables:
            if model.name not in present:
                continue
            shared = [one for one in model.c if one.name in present[model.name]]
            found = [dict(row._mapping) for row in reading.execute(select(*shared))]
            if not found:
                continue
            writing.execute(table(model.name, *(column(one.name, one.type) for one in shared)).insert(), found)
            if writing.dialect.name == "postgresql" and "id" in model.c and isinstance(model.c.id.type, Integer):
                sequence = f"pg_get_serial_sequence('{model.name}', 'id')"
                writing.execute(text(f"SELECT setval({sequence}, (SELECT max(id) FROM {model.name}))"))


def columns_of(engine: Engine) -> dict[str, set[str]]:
    """Each table of the database (the record of the revision aside) and its columns."""
    with engine.connect() as connection:
        inspector = inspect(connection)
        return {
            name: {one["name"] for one in inspector.get_columns(name)}
            for name in inspector.get_table_names()
            if name != VERSION_TABLE
        }


def counts(engine: Engine) -> dict[str, int]:
    """How many rows each table of the database holds (the record of the revision aside)."""
    names = columns_of(engine)
    with engine.connect() as connection:
        return {name: connection.execute(select(func.count()).select_from(table(name))).scalar_one() for name in names}


def contents(engine: Engine, columns: dict[str, set[str]]) -> dict[str, list[str]]:
    """Every row of the given tables, in the given columns, as the database returns them: to compare a database
    before and after a migration."""
    reflected = MetaData()
    reflected.reflect(engine, only=list(columns))
    found: dict[str, list[str]] = {}
    with engine.connect() as connection:
        for name, wanted in columns.items():
            of_table = reflected.tables[name]
            chosen = [of_table.c[one] for one in sorted(wanted)]
            found[name] = sorted(repr(tuple(row)) for row in connection.execute(select(*chosen)))
    return found


def revision_in(engine: Engine) -> Any:
    with engine.connect() as connection:
        return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
