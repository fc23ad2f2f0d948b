"""Every database test runs twice: on a real SQLite file and on a real PostgreSQL.

Where PostgreSQL cannot be reached that half is skipped and the run says so plainly at the end; with
OMBUDSMAN_REQUIRE_POSTGRES=1 (as CI sets it) the same situation fails the run instead.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import date
from functools import cache

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from ombudsman.access import Actor
from ombudsman.clock import FixedClock
from ombudsman.db import create_schema, drop_schema, make_engine, unreachable
from ombudsman.service import CaseService
from ombudsman.settings import Settings
from workflows.table import Role

POSTGRES_URL = os.environ.get("OMBUDSMAN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("OMBUDSMAN_REQUIRE_POSTGRES") == "1"


@cache
def postgres_problem() -> str | None:
    engine = make_engine(POSTGRES_URL)
    try:
        return unreachable(engine)
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A database of this test run's own, so runs side by side (a developer's and CI's) never collide."""
    problem = postgres_problem()
    if problem:
        message = f"PostgreSQL half skipped: cannot reach {POSTGRES_URL} ({problem})"
        if REQUIRE_POSTGRES:
            pytest.fail(message.replace("skipped", "required but unavailable"))
        pytest.skip(message)
    name = f"ombudsman_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin = make_engine(POSTGRES_URL).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db')}/ombudsman.db"
    url: str = request.getfixturevalue("postgres_database")
    return url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    drop_schema(engine)
    create_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(date(2026, 11, 2))  # a Monday


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url)


@pytest.fixture
def service(engine: Engine, clock: FixedClock, settings: Settings) -> CaseService:
    return CaseService(engine, clock, settings)


CASEWORKER = Actor("Priya Shah", Role.caseworker, user_id=1)
OMBUDSMAN = Actor("Daniel Okafor", Role.ombudsman, user_id=2)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    skipped = terminalreporter.stats.get("skipped", [])
    if any("browser tests skipped" in str(report.longrepr) for report in skipped):
        terminalreporter.write_line(
            "NOTE: the browser tests were SKIPPED: there is no Chromium at /usr/bin/chromium (make test installs it).",
            yellow=True,
        )
    if any("PostgreSQL half skipped" in str(report.longrepr) for report in skipped):
        terminalreporter.write_line(
            f"NOTE: the PostgreSQL half of the suite was SKIPPED: no PostgreSQL at {POSTGRES_URL}.",
            yellow=True,
        )
