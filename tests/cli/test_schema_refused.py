"""The commands that write but neither create nor upgrade the tables refuse a database this release must not write
to: one a newer release migrated, one not yet set up, one not yet upgraded. Each says so plainly, exits 2, and
changes nothing: no trigger fired, no email sent, no user made or revoked, no letter marked printed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine, text
from sqlmodel import Session, col, select
from typer.testing import CliRunner

from ombudsman.cli import app
from ombudsman.clock import FixedClock
from ombudsman.db import VERSION_TABLE, drop_schema
from ombudsman.migrations import head
from ombudsman.models import AuditEvent, Case, Letter, User
from ombudsman.service import CaseService
from ombudsman.users import add_user
from tests.conftest import CASEWORKER
from tests.delivery.test_delivery import Mailbox, free_port
from tests.factories import facts_data
from workflows.vocabulary import Role

runner = CliRunner()
NEWER = "9999_from_a_newer_release"
COMMANDS = {
    "sweep": ["sweep"],
    "deliver": ["deliver"],
    "users add": ["users", "add", "Sam Jones", "--role", "caseworker"],
    "users revoke": ["users", "revoke", "Priya Shah"],
    "print-queue --mark-printed": ["letters", "print-queue", "--mark-printed"],
}


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    box, port = Mailbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


@pytest.fixture
def work(service: CaseService, clock: FixedClock) -> None:
    """Something for every command to do: a case whose respondent's time has passed by 27 November 2026, letters
    waiting to be emailed and to be printed, and a user to revoke."""
    clock.set(date(2026, 10, 5))
    facts = facts_data(complained_to_respondent_on="2026-10-01", final_response_sent_on=None, referred_on="2026-10-05")
    case = service.open_case(CASEWORKER, facts)
    service.act(CASEWORKER, case.reference, "refer_to_respondent")
    add_user(service.engine, clock, "Priya Shah", role=Role.caseworker)


def written(engine: Engine) -> dict[str, Any]:
    """Everything the commands could change."""
    with Session(engine) as session:
        return {
            "events": session.exec(select(AuditEvent.id).order_by(col(AuditEvent.id))).all(),
            "cases": session.exec(select(Case.state, Case.version)).all(),
            "letters": session.exec(select(Letter.id, Letter.delivery, Letter.attempts).order_by(col(Letter.id))).all(),
            "users": session.exec(select(User.name, User.revoked_at).order_by(col(User.id))).all(),
        }


def stamp(engine: Engine, revision: str) -> None:
    with engine.begin() as connection:
        connection.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = :revision"), {"revision": revision})


def run(command: list[str], database_url: str, smtp_port: int) -> Any:
    env = {"OMBUDSMAN_TODAY": "2026-11-27", "OMBUDSMAN_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}"}
    return runner.invoke(app, [*command, "--database", database_url], env=env)


@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_that_writes_refuses_a_database_a_newer_release_migrated_and_changes_nothing(
    engine: Engine, database_url: str, work: None, mailbox: tuple[Mailbox, int], name: str
) -> None:
    box, port = mailbox
    before = written(engine)
    stamp(engine, NEWER)
    refused = run(COMMANDS[name], database_url, port)
    assert refused.exit_code == 2, refused.output
    assert f"is at revision {NEWER}, which this release of the engine does not have" in refused.output
    assert f"its newest is {head()}" in refused.output and "a newer release has migrated it" in refused.output
    assert written(engine) == before and box.messages == []

    stamp(engine, head())  # the same command on this release's database does its work
    done = run(COMMANDS[name], database_url, port)
    assert done.exit_code == 0, done.output
    assert written(engine) != before or box.messages


@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_that_writes_refuses_a_database_not_yet_set_up(
    engine: Engine, database_url: str, mailbox: tuple[Mailbox, int], name: str
) -> None:
    drop_schema(engine)
    refused = run(COMMANDS[name], database_url, mailbox[1])
    assert refused.exit_code == 2, refused.output
    assert "is not set up" in refused.output and "run `ombudsman init-db` first" in refused.output
    with engine.connect() as connection:
        assert connection.dialect.has_table(connection, VERSION_TABLE) is False  # and made no table
        assert connection.dialect.has_table(connection, "users") is False


def test_a_sqlite_file_that_is_not_there_is_refused_not_made(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    for command in COMMANDS.values():
        refused = run(command, f"sqlite:///{missing}", free_port())
        assert refused.exit_code == 2, refused.output
        assert "is not set up (there is no such file)" in refused.output
        assert not missing.exists()


def test_a_command_that_writes_refuses_a_database_not_yet_upgraded_and_says_to_run_init_db(
    engine: Engine, database_url: str, work: None, mailbox: tuple[Mailbox, int]
) -> None:
    before = written(engine)
    stamp(engine, "0001")
    refused = run(COMMANDS["sweep"], database_url, mailbox[1])
    assert refused.exit_code == 2, refused.output
    assert f"is at revision 0001, older than this release's {head()}" in refused.output
    assert "run `ombudsman init-db` to upgrade it first" in refused.output
    assert written(engine) == before
