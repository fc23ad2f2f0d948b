"""The schema's migrations (``ombudsman.migrations``) and ``create_schema``, which runs them: on SQLite and PostgreSQL.

A database made before migrations, holding real rows, is recorded at the baseline and upgraded without losing a
row or breaking the audit trail; the revisions, run one by one from nothing, make exactly the tables the models
describe, the same as ``create_all``; a database at any revision is brought to the head; one at a revision this
release does not have, or with tables lacking columns, is refused saying why.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel
from typer.testing import CliRunner

from ombudsman import audit, db, migrations
from ombudsman.cli import app
from ombudsman.clock import FixedClock
from ombudsman.db import VERSION_TABLE, OutdatedSchema, UnknownRevision, create_schema, drop_schema
from ombudsman.migrations import BASELINE, head
from ombudsman.service import CaseService
from ombudsman.settings import Settings
from tests.conftest import CASEWORKER
from tests.factories import facts_data
from tests.migrations.conftest import (
    TABLES_WITH_ROWS,
    at_revision,
    columns_of,
    contents,
    copy_rows,
    counts,
    made_before_migrations,
    revision_in,
)

runner = CliRunner()


def _init_db(engine: Engine) -> Any:
    return runner.invoke(app, ["init-db", "--database", engine.url.render_as_string(hide_password=False)])


def _differences(engine: Engine) -> list[Any]:
    """What Alembic's autogenerate would write to bring the database to the models: nothing, when they match."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, SQLModel.metadata))


def _schema(engine: Engine) -> dict[str, Any]:
    """Everything the database says of its tables: columns, keys, indexes (partial ones' conditions too), unique
    constraints, and the revision it is recorded at."""
    with engine.connect() as connection:
        inspector = inspect(connection)
        described: dict[str, Any] = {}
        for name in sorted(inspector.get_table_names()):
            described[name] = {
                "columns": [{**one, "type": str(one["type"])} for one in inspector.get_columns(name)],
                "primary key": inspector.get_pk_constraint(name),
                "foreign keys": sorted(inspector.get_foreign_keys(name), key=repr),
                "indexes": sorted((_plain(index) for index in inspector.get_indexes(name)), key=repr),
                "unique": sorted(inspector.get_unique_constraints(name), key=repr),
            }
    described["revision"] = revision_in(engine)
    return described


def _plain(index: Any) -> dict[str, Any]:
    """An index as reflected, its options (a partial index's condition) written out as text to compare."""
    options = {key: str(value) for key, value in index.get("dialect_options", {}).items()}
    return {**index, "dialect_options": options}


def _assert_the_trail_is_intact(engine: Engine, cases: int) -> None:
    verification = audit.verify(engine)
    assert verification.intact, verification.breaks
    assert verification.cases == cases and verification.events > cases


# --- a database made before migrations ---------------------------------------------------------------------


def test_a_database_made_before_migrations_is_upgraded_to_the_head_keeping_every_row(
    bare: Engine, rows: Engine
) -> None:
    made_before_migrations(bare, rows)
    assert VERSION_TABLE not in inspect(bare).get_table_names()
    before = counts(bare)
    made = counts(rows)
    assert all(before[name] > 0 for name in TABLES_WITH_ROWS) and before == {name: made[name] for name in before}
    present = columns_of(bare)
    kept = contents(bare, present)
    result = _init_db(bare)
    assert result.exit_code == 0, result.output
    assert f"recorded the tables, made before migrations, at revision {BASELINE} (the baseline)" in result.output
    if head() != BASELINE:
        assert f"upgraded from {BASELINE} to {head()}" in result.output
    assert revision_in(bare) == [head()]
    after = counts(bare)
    assert {name: after[name] for name in before} == before
    assert contents(bare, present) == kept
    _assert_the_trail_is_intact(bare, cases=3)
    assert _differences(bare) == []
    url = bare.url.render_as_string(hide_password=False)
    opened = CaseService(bare, FixedClock(date(2026, 11, 2)), Settings(database_url=url)).open_case(
        CASEWORKER, facts_data()
    )
    assert opened.reference == "FOS-2026-000004"  # the engine carries on where the old database left off
    _assert_the_trail_is_intact(bare, cases=4)
    again = _init_db(bare)
    assert again.exit_code == 0 and f"already up to date (at revision {head()})" in again.output


def test_tables_made_before_migrations_that_lack_a_column_are_refused_naming_it(bare: Engine, rows: Engine) -> None:
    made_before_migrations(bare, rows)
    with bare.begin() as connection:
        connection.execute(text("ALTER TABLE audit_events DROP COLUMN hash"))
        connection.execute(text("DROP TABLE web_sessions"))
    with pytest.raises(OutdatedSchema) as refused:
        create_schema(bare)
    message = str(refused.value)
    assert "was made by an earlier release" in message
    assert "audit_events (hash)" in message and "web_sessions (the whole table)" in message
    assert VERSION_TABLE not in inspect(bare).get_table_names()  # nothing was recorded: the transaction rolled back
    result = _init_db(bare)
    assert result.exit_code == 2 and "audit_events (hash)" in result.output


# --- the revisions and the models ------------------------------------------------------------------------


def test_the_revisions_from_nothing_make_exactly_the_tables_the_models_describe(bare: Engine) -> None:
    """A change to the models without a revision that makes it fails here (README.md in ombudsman/migrations)."""
    at_revision(bare, "head")
    assert _differences(bare) == []


def test_the_revisions_one_by_one_make_what_create_all_makes(bare: Engine) -> None:
    at_revision(bare, "head")
    migrated = _schema(bare)
    drop_schema(bare)
    assert inspect(bare).get_table_names() == []
    change = create_schema(bare)
    assert change.created and change.after == head()
    assert _schema(bare) == migrated
    assert migrated["revision"] == [head()]


def test_an_empty_database_gets_its_tables_at_once_not_by_running_the_revisions(
    bare: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the revisions were run on an empty database")

    monkeypatch.setattr(command, "upgrade", refuse)
    change = create_schema(bare)
    assert change == db.SchemaChange(None, head(), created=True)
    assert revision_in(bare) == [head()] and _differences(bare) == []
    assert create_schema(bare) == db.SchemaChange(head(), head())


def test_init_db_says_it_created_the_tables_then_that_they_are_up_to_date(bare: Engine) -> None:
    first = _init_db(bare)
    assert first.exit_code == 0 and f"created the tables (at revision {head()})" in first.output
    second = _init_db(bare)
    assert second.exit_code == 0 and f"already up to date (at revision {head()})" in second.output


def test_drop_schema_drops_the_record_of_the_revision_too(bare: Engine) -> None:
    create_schema(bare)
    drop_schema(bare)
    assert inspect(bare).get_table_names() == []
    assert create_schema(bare).created


# --- a database at an older revision ---------------------------------------------------------------------


def test_a_database_at_the_baseline_is_upgraded_to_the_head_keeping_every_row(bare: Engine, rows: Engine) -> None:
    at_revision(bare, BASELINE)
    copy_rows(rows, bare)
    before = counts(bare)
    present = columns_of(bare)
    kept = contents(bare, present)
    change = create_schema(bare)
    assert (change.before, change.after, change.created, change.adopted) == (BASELINE, head(), False, False)
    assert revision_in(bare) == [head()] and _differences(bare) == []
    after = counts(bare)
    assert {name: after[name] for name in before} == before
    assert contents(bare, present) == kept
    _assert_the_trail_is_intact(bare, cases=3)


def _revisions() -> list[str]:
    """Every revision, oldest first."""
    return [script.revision for script in reversed(list(migrations.scripts().walk_revisions()))]


@pytest.mark.parametrize("revision", _revisions())
def test_a_database_at_any_revision_is_upgraded_to_the_head(bare: Engine, revision: str) -> None:
    at_revision(bare, revision)
    change = create_schema(bare)
    assert (change.before, change.after) == (revision, head())
    assert revision_in(bare) == [head()] and _differences(bare) == []


# --- refusals ---------------------------------------------------------------------------------------------


def test_a_database_at_a_revision_this_release_does_not_have_is_refused(bare: Engine) -> None:
    create_schema(bare)
    with bare.begin() as connection:
        connection.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = '9999_from_a_newer_release'"))
    with pytest.raises(UnknownRevision) as refused:
        create_schema(bare)
    message = str(refused.value)
    assert "9999_from_a_newer_release" in message and "does not have" in message and head() in message
    result = _init_db(bare)
    assert result.exit_code == 2 and "is at revision 9999_from_a_newer_release" in result.output
    assert revision_in(bare) == ["9999_from_a_newer_release"]


# --- a revision after the head ----------------------------------------------------------------------------

TRIAL = '''"""A trial revision made by the migration tests: it copies cases, which most other tables refer to."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "trial"
down_revision = {head!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    # On SQLite batch mode makes a new cases table, copies the rows, drops the old one and renames the new.
    recreate = "always" if op.get_bind().dialect.name == "sqlite" else "auto"
    with op.batch_alter_table("cases", recreate=recreate) as batch:
        batch.add_column(sa.Column("trial_note", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("trial_note")
'''


@pytest.fixture
def trial_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A copy of the migrations with one more revision on top of the head, in use for this test only."""
    copied = tmp_path / "migrations"
    shutil.copytree(migrations.HERE, copied, ignore=shutil.ignore_patterns("__pycache__"))
    (copied / "versions" / "trial.py").write_text(TRIAL.format(head=head()), encoding="utf-8")
    monkeypatch.setattr(migrations, "HERE", copied)
    migrations.scripts.cache_clear()
    assert head() == "trial"
    yield "trial"
    migrations.scripts.cache_clear()


def test_a_revision_that_copies_a_table_others_refer_to_keeps_every_row_and_key(
    bare: Engine, rows: Engine, trial_revision: str
) -> None:
    previous = str(migrations.scripts().get_revision(trial_revision).down_revision)  # the real head
    at_revision(bare, previous)
    copy_rows(rows, bare)
    before = counts(bare)
    result = _init_db(bare)
    assert result.exit_code == 0, result.output
    assert f"upgraded from {previous} to {trial_revision}" in result.output
    assert revision_in(bare) == [trial_revision]
    assert counts(bare) == before
    assert "trial_note" in columns_of(bare)["cases"]
    if bare.dialect.name == "sqlite":
        with bare.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # switched on again
    _assert_the_trail_is_intact(bare, cases=3)
