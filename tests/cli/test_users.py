"""``ombudsman users add``, ``list`` and ``revoke``, run as the real command on a SQLite file.

Each test starts the command as its own process, as an administrator would, with ``OMBUDSMAN_DATABASE_URL`` naming
a fresh file; what the API then makes of a token is checked on the same file, in this process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, inspect

from ombudsman.api import create_app
from ombudsman.clock import SystemClock
from ombudsman.db import make_engine
from ombudsman.rules.time_limits import long_date
from ombudsman.service import CaseService
from ombudsman.settings import Settings
from ombudsman.users import authenticate, list_users, token_hash
from tests.api.conftest import assert_problem, bearer

OMBUDSMAN = [sys.executable, "-m", "ombudsman.cli"]


@dataclass
class Cli:
    url: str
    env: dict[str, str]
    engine: Engine

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [*OMBUDSMAN, *args]
        return subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=120, check=False)

    def ok(self, *args: str) -> str:
        done = self.run(*args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def add(self, *args: str) -> str:
        """Add a user and return their token: the last line printed."""
        return self.ok("users", "add", *args).strip().splitlines()[-1]


@pytest.fixture
def cli(tmp_path: Path) -> Iterator[Cli]:
    url = f"sqlite:///{tmp_path / 'ombudsman.db'}"
    env = {key: value for key, value in os.environ.items() if not key.startswith("OMBUDSMAN_")}
    env["OMBUDSMAN_DATABASE_URL"] = url  # and no other setting from the developer's shell
    engine = make_engine(url)
    made = Cli(url, env, engine)
    made.ok("init-db")
    yield made
    engine.dispose()


def _days_from_now(days: int) -> set[str]:
    """The date ``days`` from now, as the list writes it (either side of midnight, should the test straddle it)."""
    now = SystemClock().now()
    return {long_date((now + timedelta(days=days)).date()), long_date((now + timedelta(days=days, minutes=5)).date())}


def _line_of(listing: str, name: str) -> str:
    [line] = [line for line in listing.splitlines() if f"  {name}  " in line]
    return line


def test_a_fresh_init_db_makes_the_expiry_and_revocation_columns(cli: Cli) -> None:
    columns = {column["name"]: column for column in inspect(cli.engine).get_columns("users")}
    assert columns["expires_at"]["nullable"] is False
    assert columns["revoked_at"]["nullable"] is True
    assert "token" not in columns  # only token_hash


def test_add_with_an_expiry_then_list_shows_the_date_and_never_the_token(cli: Cli) -> None:
    added = cli.ok("users", "add", "Priya Shah", "--role", "caseworker", "--expires-in", "30")
    token = added.strip().splitlines()[-1]
    assert "30 days" in added and added.count(token) == 1
    other = cli.add("Example Bank", "--role", "firm", "--frn", "123456")
    listing = cli.ok("users", "list")
    assert listing.splitlines()[0].split() == ["ID", "NAME", "ROLE", "FIRM", "OR", "CASES", "EXPIRY", "REVOKED"]
    priya = _line_of(listing, "Priya Shah")
    assert priya.split()[0] == "1" and "caseworker" in priya
    assert any(f"expires {day}" in priya for day in _days_from_now(30)), priya
    bank = _line_of(listing, "Example Bank")
    assert "FRN 123456" in bank and any(f"expires {day}" in bank for day in _days_from_now(90)), bank
    for shown in (token, other):
        assert shown not in listing and token_hash(shown) not in listing
    assert "revoked on" not in listing


def test_revoke_by_name_and_by_id_stops_each_token_at_once(cli: Cli) -> None:
    priya = cli.add("Priya Shah", "--role", "caseworker")
    daniel = cli.add("Daniel Okafor", "--role", "ombudsman")
    kept = cli.add("Example Bank", "--role", "firm", "--frn", "123456")
    today = long_date(SystemClock().today())
    assert cli.ok("users", "revoke", "Priya Shah").strip() == (
        f"revoked caseworker user Priya Shah (id 1) on {today}: their token no longer works"
    )
    assert cli.ok("users", "revoke", "2").strip() == (
        f"revoked ombudsman user Daniel Okafor (id 2) on {today}: their token no longer works"
    )
    now = SystemClock().now()
    assert authenticate(cli.engine, priya, now) is None
    assert authenticate(cli.engine, daniel, now) is None
    assert authenticate(cli.engine, kept, now) is not None
    listing = cli.ok("users", "list")
    assert f"revoked on {today}" in _line_of(listing, "Priya Shah")
    assert f"revoked on {today}" in _line_of(listing, "Daniel Okafor")
    assert "revoked on" not in _line_of(listing, "Example Bank")
    assert cli.run("users", "revoke", "1").returncode == 0  # again: nothing changes, and it is no error
    assert cli.ok("users", "list") == listing


def test_an_ambiguous_name_is_refused_with_the_ids_and_nobody_is_revoked(cli: Cli) -> None:
    cli.add("Sam Jones", "--role", "caseworker")
    cli.add("Sam Jones", "--role", "firm", "--frn", "123456")
    done = cli.run("users", "revoke", "Sam Jones")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("error: ") and "by id: 1 (caseworker), 2 (firm)" in done.stderr
    assert all(row.revoked_at is None for row in list_users(cli.engine))


@pytest.mark.parametrize("who", ["Nobody", "42"])
def test_an_unknown_name_or_id_is_refused(cli: Cli, who: str) -> None:
    cli.add("Sam Jones", "--role", "caseworker")
    done = cli.run("users", "revoke", who)
    assert done.returncode == 2 and done.stderr.startswith("error: ") and who in done.stderr
    assert all(row.revoked_at is None for row in list_users(cli.engine))


@pytest.mark.parametrize("days", ["0", "3651", "abc"])
def test_an_expiry_that_is_not_a_whole_number_of_days_from_1_to_3650_is_refused_and_nothing_is_written(
    cli: Cli, days: str
) -> None:
    done = cli.run("users", "add", "Priya Shah", "--role", "caseworker", "--expires-in", days)
    assert done.returncode == 2 and done.stdout == ""
    assert "expires" in done.stderr.replace("-", "").replace("_", "")
    assert list_users(cli.engine) == []
    assert "no users yet" in cli.ok("users", "list")


def test_a_name_with_a_control_character_is_refused(cli: Cli) -> None:
    done = cli.run("users", "add", "Priya\x1bShah", "--role", "caseworker")
    assert done.returncode == 2 and done.stderr.startswith("error: name: must not contain control characters")
    assert list_users(cli.engine) == []


def test_a_revoked_user_s_token_gets_401_from_the_api(cli: Cli) -> None:
    token = cli.add("Priya Shah", "--role", "caseworker", "--expires-in", "30")
    service = CaseService(cli.engine, SystemClock(), Settings(database_url=cli.url))
    with TestClient(create_app(service)) as client:
        assert client.get("/v1/cases", headers=bearer(token)).status_code == 200
        cli.ok("users", "revoke", "Priya Shah")
        response = client.get("/v1/cases", headers=bearer(token))
        assert_problem(response, 401)
        assert response.headers["www-authenticate"].startswith("Bearer")
