"""The databases the rows run on: a fresh work database per run, and seeded databases kept between runs.

A work database (``bench_<pid>`` on PostgreSQL, a file under ``bench/.cache/run-<pid>/`` on SQLite) is made at the
start of a run and dropped at its end. A seeded database of N cases is kept, named by N and by a key of the schema
(the DDL of every table and index the models declare, and the migrations' head), so a run finds it again while
the schema stays the same and seeds a new one (dropping the old) once it changes.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from harness import say
from sqlalchemy import Engine, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.schema import CreateIndex, CreateTable
from sqlmodel import SQLModel

from ombudsman.db import create_schema, make_engine, unreachable

POSTGRES_URL = os.environ.get("OMBUDSMAN_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
CACHE = Path(__file__).resolve().parent / ".cache"
SEED_RECIPE = "3"  # bump when seeding.py makes different rows, so kept databases are seeded again


def postgres_problem(url: str = POSTGRES_URL) -> str | None:
    """None when PostgreSQL answers at ``url``; otherwise what went wrong, in one line."""
    engine = make_engine(url)
    try:
        return unreachable(engine)
    finally:
        engine.dispose()


def schema_key(dialect_name: str) -> str:
    """A short hash of the schema the models declare on this dialect (and the migrations' head, if any)."""
    dialect: Dialect = postgresql.dialect() if dialect_name == "postgresql" else sqlite.dialect()
    parts = [SEED_RECIPE]
    for table in sorted(SQLModel.metadata.sorted_tables, key=lambda table: table.name):
        parts.append(str(CreateTable(table).compile(dialect=dialect)))
        parts.extend(sorted(str(CreateIndex(index).compile(dialect=dialect)) for index in table.indexes))
    try:
        from ombudsman import migrations

        parts.append(str(migrations.head()))  # type: ignore[attr-defined]
    except Exception:  # an engine without migrations: the DDL alone keys it
        pass
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


@dataclass
class Database:
    url: str
    label: str
    drop: Callable[[], None] = lambda: None
    _engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.url)
        return self._engine

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


@dataclass
class Backend:
    """SQLite or PostgreSQL: how to make, keep and drop this run's databases."""

    name: str  # "sqlite" or "postgresql"
    made: list[Database] = field(default_factory=list)

    @staticmethod
    def clear_leftovers() -> None:
        """The run directories of runs that died without cleaning up (their process is gone)."""
        for path in CACHE.glob("run-*"):
            pid = path.name.removeprefix("run-")
            if pid.isdigit() and int(pid) != os.getpid() and not Path(f"/proc/{pid}").exists():
                shutil.rmtree(path, ignore_errors=True)

    @property
    def run_dir(self) -> Path:
        path = CACHE / f"run-{os.getpid()}"
        path.mkdir(parents=True, exist_ok=True)
        return path

    # --- the work databases of this run --------------------------------------------------------------------

    def fresh(self, label: str) -> Database:
        """An empty database with the engine's schema, dropped when the run ends."""
        if self.name == "sqlite":
            path = self.run_dir / f"{label}.db"
            _remove_sqlite(path)
            database = Database(f"sqlite:///{path}", label)
            database.drop = lambda: (database.dispose(), _remove_sqlite(path))  # type: ignore[func-returns-value]
        else:
            name = f"bench_{os.getpid()}_{label}"
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            _admin(f'CREATE DATABASE "{name}"')
            database = Database(_pg_url(name), label)

            def drop() -> None:
                database.dispose()
                _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

            database.drop = drop
        create_schema(database.engine)
        self.made.append(database)
        return database

    def close(self) -> None:
        for database in reversed(self.made):
            try:
                database.drop()
            except Exception as error:  # keep dropping the others
                say(f"could not drop {database.label}: {error}")
        self.made.clear()
        shutil.rmtree(CACHE / f"run-{os.getpid()}", ignore_errors=True)

    # --- seeded databases kept between runs ----------------------------------------------------------------

    def kept(self, cases: int, seed: Callable[[Database], None], *, reseed: bool = False) -> Database:
        """The database of ``cases`` seeded cases for the current schema, seeding it (by ``seed``) if missing."""
        key = schema_key(self.name)
        if self.name == "sqlite":
            return self._kept_sqlite(cases, key, seed, reseed=reseed)
        return self._kept_postgresql(cases, key, seed, reseed=reseed)

    def _kept_sqlite(self, cases: int, key: str, seed: Callable[[Database], None], *, reseed: bool) -> Database:
        CACHE.mkdir(parents=True, exist_ok=True)
        path = CACHE / f"seeded-sqlite-{cases}-{key}.db"
        for stale in CACHE.glob(f"seeded-sqlite-{cases}-*.db"):
            if stale != path or reseed:
                say(f"removing {stale.name}: made for another schema" if stale != path else f"reseeding {stale.name}")
                _remove_sqlite(stale)
        if not path.exists():
            building = self.run_dir / f"building-{cases}.db"
            _remove_sqlite(building)
            database = Database(f"sqlite:///{building}", f"building {cases}")
            create_schema(database.engine)
            seed(database)
            with database.engine.connect() as connection:  # outside any transaction: on the driver's connection
                driver = connection.connection.driver_connection
                assert driver is not None
                driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            database.dispose()
            for suffix in ("-wal", "-shm"):
                Path(f"{building}{suffix}").unlink(missing_ok=True)
            building.rename(path)
        return Database(f"sqlite:///{path}", f"{cases} cases")

    def _kept_postgresql(self, cases: int, key: str, seed: Callable[[Database], None], *, reseed: bool) -> Database:
        name = f"bench_seeded_{cases}_{key}"
        existing = _pg_databases(rf"bench_seeded_{cases}_[0-9a-f]+")
        for stale in existing:
            if stale != name or reseed:
                say(f"dropping database {stale}: made for another schema" if stale != name else f"reseeding {stale}")
                _admin(f'DROP DATABASE IF EXISTS "{stale}" WITH (FORCE)')
        for leftover in _pg_databases(r"bench_building_[0-9]+_[0-9]+"):
            pid = leftover.rsplit("_", 1)[-1]
            if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                _admin(f'DROP DATABASE IF EXISTS "{leftover}" WITH (FORCE)')
        if name not in existing or reseed:
            building = f"bench_building_{cases}_{os.getpid()}"
            _admin(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
            _admin(f'CREATE DATABASE "{building}"')
            database = Database(_pg_url(building), f"building {cases}")
            try:
                create_schema(database.engine)
                seed(database)
            finally:
                database.dispose()
            _admin(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
        return Database(_pg_url(name), f"{cases} cases")


def drop_kept() -> None:
    """Forget every seeded database kept between runs (``run.py --drop-kept``)."""
    for path in CACHE.glob("seeded-sqlite-*.db"):
        _remove_sqlite(path)
    if postgres_problem() is None:
        for name in _pg_databases(r"bench_seeded_[0-9]+_[0-9a-f]+"):
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            say(f"dropped database {name}")


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _pg_url(database: str) -> str:
    return make_url(POSTGRES_URL).set(database=database).render_as_string(hide_password=False)


def _admin(statement: str) -> None:
    assert re.fullmatch(r'[A-Z ]+"[a-z0-9_]+"( [A-Z ()]+| RENAME TO "[a-z0-9_]+")?', statement), statement
    engine = make_engine(POSTGRES_URL).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def _pg_databases(pattern: str) -> list[str]:
    """The databases whose whole name matches the regular expression ``pattern``."""
    engine = make_engine(POSTGRES_URL)
    try:
        with engine.connect() as connection:
            names = [row[0] for row in connection.execute(text("SELECT datname FROM pg_database ORDER BY datname"))]
    finally:
        engine.dispose()
    return [name for name in names if re.fullmatch(pattern, name)]
