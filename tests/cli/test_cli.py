"""The ``ombudsman`` command, run against a real database."""

from __future__ import annotations

import re
import socket
from pathlib import Path

from sqlalchemy import Engine, text
from sqlmodel import Session, select
from typer.testing import CliRunner

from ombudsman.cli import app
from ombudsman.clock import SystemClock
from ombudsman.models import Case, User
from ombudsman.users import authenticate, token_hash
from workflows.machine import mermaid
from workflows.table import State

runner = CliRunner()
README = Path(__file__).resolve().parents[2] / "README.md"


def test_users_add_prints_the_token_once_and_stores_only_its_hash(engine: Engine, database_url: str) -> None:
    result = runner.invoke(app, ["users", "add", "Priya Shah", "--role", "caseworker", "--database", database_url])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    assert re.fullmatch(r"[A-Za-z0-9_-]{40,}", token)
    with Session(engine) as session:
        user = session.exec(select(User)).one()
    assert user.token_hash == token_hash(token) and token not in user.token_hash
    actor = authenticate(engine, token, SystemClock().now())
    assert actor is not None and actor.role == "caseworker"
    assert authenticate(engine, token + "x", SystemClock().now()) is None


def test_a_firm_user_needs_its_firm_reference_number(engine: Engine, database_url: str) -> None:
    result = runner.invoke(app, ["users", "add", "Example Bank", "--role", "firm", "--database", database_url])
    assert result.exit_code == 2 and "frn" in result.output


def test_the_demo_seeds_a_case_in_every_state_once_and_a_token_for_each_role(engine: Engine, database_url: str) -> None:
    result = runner.invoke(app, ["demo", "--database", database_url])
    assert result.exit_code == 0, result.output
    with Session(engine) as session:
        states = list(session.exec(select(Case.state)).all())
    assert set(states) == {state.value for state in State}
    tokens = {line.split()[0]: line.split()[-1] for line in result.output.splitlines() if line.startswith("  ")}
    assert set(tokens) == {"caseworker", "ombudsman", "firm", "complainant"}
    firm = authenticate(engine, tokens["firm"], SystemClock().now())
    assert firm is not None and firm.frn == "204518"
    # The firm and the complainant each have something to do today, and are told which case it is on.
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.startswith("  ")}
    assert "record_compliance" in lines["firm"] and "record_final_response" in lines["firm"]
    assert re.search(r"\[FOS-\d{4}-\d{6}: accept, reject\]", lines["complainant"])
    again = runner.invoke(app, ["demo", "--database", database_url])
    assert again.exit_code == 0 and "not seeding them again" in again.output
    with Session(engine) as session:
        assert len(session.exec(select(Case.id)).all()) == len(states)


def test_a_sweep_with_an_impossible_date_says_so(engine: Engine, database_url: str) -> None:
    result = runner.invoke(app, ["sweep", "--as-of", "2026-02-30", "--database", database_url])
    assert result.exit_code == 2 and "2026-02-30 is not a day of the calendar" in result.output


def test_the_diagram_is_printed_from_the_machine() -> None:
    result = runner.invoke(app, ["diagram"])
    assert result.exit_code == 0
    assert result.output == mermaid()
    assert "awaiting_determination --> determined: determine" in result.output


def test_the_diagram_in_the_readme_is_the_machine_s_own() -> None:
    blocks = re.findall(r"```mermaid\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "the README has no mermaid diagram"
    assert blocks[0] == mermaid(), "the README's diagram is stale: paste the output of `ombudsman diagram`"


def test_init_db_refuses_a_database_made_by_an_earlier_release_naming_what_it_lacks(
    engine: Engine, database_url: str
) -> None:
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE audit_events DROP COLUMN hash"))
    for command in (["init-db"], ["demo"]):
        result = runner.invoke(app, [*command, "--database", database_url])
        assert result.exit_code == 2, result.output
        assert "was made by an earlier release" in result.output and "audit_events (hash)" in result.output


def test_serve_says_plainly_when_its_port_is_taken(database_url: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port), "--database", database_url])
    assert result.exit_code == 2
    assert f"port {port} on 127.0.0.1 is taken" in result.output and "PORT=" in result.output
