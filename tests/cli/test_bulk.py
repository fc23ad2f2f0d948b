"""Loading cases in bulk: ``ombudsman import FILE``, ``ombudsman demo --cases N`` and ``CaseService.open_cases``,
against a real database. A case opened in bulk is the case ``open_case`` opens: the same checks, the same rows."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlmodel import Session, SQLModel, col
from typer.testing import CliRunner

from ombudsman.audit import verify
from ombudsman.cli import app
from ombudsman.db import create_schema, drop_schema
from ombudsman.demo import plan_cases
from ombudsman.errors import InvalidInput
from ombudsman.models import AuditEvent, Case, Letter, Party
from ombudsman.rules.facts import CaseFacts
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER
from tests.factories import facts_data
from tests.statements import counted
from workflows.table import OPENING, State

runner = CliRunner()
TODAY = date(2026, 11, 2)  # the conftest clock's day, which every command here is run on too
ON_TODAY = {"OMBUDSMAN_TODAY": TODAY.isoformat()}


def _write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def _row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in SQLModel.metadata.sorted_tables
        }


def _run(arguments: list[str]) -> Any:
    return runner.invoke(app, arguments, env=ON_TODAY)


def test_import_opens_every_line_as_the_api_opens_a_case_numbering_on_from_the_cases_there(
    service: CaseService, engine: Engine, database_url: str, tmp_path: Path
) -> None:
    before = [service.open_case(CASEWORKER, facts_data()).reference for _ in range(2)]
    lines = [plan.facts for plan in plan_cases(40, seed=3, today=TODAY)]
    path = _write_lines(tmp_path / "cases.jsonl", [json.dumps(line) for line in lines])

    result = _run(["import", str(path), "--database", database_url])

    assert result.exit_code == 0, result.output
    assert before == ["FOS-2026-000001", "FOS-2026-000002"]
    assert "imported 40 cases (FOS-2026-000003 to FOS-2026-000042)" in result.stdout
    assert " a second" in result.stdout
    with Session(engine) as session:
        cases = session.execute(select(Case).where(col(Case.id) > 2).order_by(col(Case.id))).scalars().all()
        assert [case.reference for case in cases] == [f"FOS-2026-{number:06d}" for number in range(3, 43)]
        for case, line in zip(cases, lines, strict=True):
            wanted = CaseFacts.model_validate(line).model_dump(mode="json")
            parties = {
                party.role: party.details
                for party in session.execute(select(Party).where(col(Party.case_id) == case.id)).scalars()
            }
            assert {**case.facts, **parties} == wanted
            assert (case.state, case.version, case.respondent_frn) == (State.referred, 1, wanted["respondent"]["frn"])
            [opened] = session.execute(select(AuditEvent).where(col(AuditEvent.case_id) == case.id)).scalars().all()
            assert (opened.name, opened.version, opened.user, opened.role) == (OPENING.name, 1, "bulk import", "system")
            assert case.audit_head == opened.hash
            [letter] = session.execute(select(Letter).where(col(Letter.case_id) == case.id)).scalars().all()
            assert (letter.kind, letter.addressed_to, letter.version) == ("acknowledgement", "complainant", 1)
            email = wanted["complainant"].get("contact_email")
            assert (letter.channel, letter.address, letter.delivery) == (
                ("email", email, "queued") if email else ("post", None, "print_queue")
            )
            assert case.reference in letter.text and wanted["complainant"]["name"] in letter.text
            assert (letter.large_print is not None) == bool(wanted["complainant"].get("vulnerable"))
    trail = verify(engine)
    assert trail.intact and (trail.cases, trail.events) == (42, 42)


def test_a_file_with_bad_lines_names_each_by_line_and_field_and_writes_nothing(
    service: CaseService, engine: Engine, database_url: str, tmp_path: Path
) -> None:
    service.open_case(CASEWORKER, facts_data())
    good = json.dumps(facts_data())
    lines = [
        good,
        json.dumps(facts_data(respondent={"frn": "12"})),
        '{"complainant": {"name": "Ann"',
        json.dumps(facts_data(referred_on="2026-11-03")),
        "",
        json.dumps(facts_data(final_response_sent_on="2025-05-01")),
        json.dumps(facts_data(complainant={"nickname": "Annie"})),
        good,
        "[1, 2]",
        json.dumps(facts_data(amount_claimed=12.5)),
    ]
    path = _write_lines(tmp_path / "cases.jsonl", lines)
    counts = _row_counts(engine)

    result = _run(["import", str(path), "--database", database_url])

    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    said = result.stderr.splitlines()
    assert said[0].startswith("line 2: respondent.frn: ")
    assert said[1].startswith("line 3: body: is not valid JSON (")
    assert said[2] == "line 4: referred_on: is in the future"
    assert said[3].startswith("line 5: body: is empty")
    assert said[4].startswith("line 6: final_response_sent_on: final_response_sent_on is before")
    assert said[5].startswith("line 7: complainant.nickname: ")
    assert said[6].startswith("line 9: body: ")
    assert said[7].startswith("line 10: amount_claimed: must be an amount in pounds written as a string")
    assert said[8] == "error: 8 of 10 lines are not a case's facts: nothing was imported"
    assert len(said) == 9
    assert _row_counts(engine) == counts


def test_a_rule_over_a_partys_fact_names_that_partys_field(engine: Engine, database_url: str, tmp_path: Path) -> None:
    """A contract made after the referral (DISP TP 1 row 21's contract_date) is the complainant's field."""
    facts = facts_data(complainant={"contract_date": "2025-09-02"})
    path = _write_lines(tmp_path / "cases.jsonl", [json.dumps(facts)])
    counts = _row_counts(engine)

    result = _run(["import", str(path), "--database", database_url])

    assert result.exit_code == 2, result.output
    said = result.stderr.splitlines()
    assert said[0].startswith("line 1: complainant.contract_date: complainant.contract_date is after referred_on")
    assert _row_counts(engine) == counts


def test_a_file_with_many_bad_lines_names_the_first_hundred_and_counts_the_rest(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    path = _write_lines(tmp_path / "cases.jsonl", ["{}"] * 150)
    result = _run(["import", str(path), "--database", database_url])
    assert result.exit_code == 2
    named = [line for line in result.stderr.splitlines() if line.startswith("line ")]
    assert len({line.split(":")[0] for line in named}) == 100
    assert named[0].startswith("line 1: complainant: ") and any(line.startswith("line 100: ") for line in named)
    assert "and 50 more bad lines" in result.stderr
    assert "150 of 150 lines are not a case's facts" in result.stderr
    assert _row_counts(engine)["cases"] == 0


def test_a_missing_or_empty_file_is_said_plainly(engine: Engine, database_url: str, tmp_path: Path) -> None:
    missing = _run(["import", str(tmp_path / "nowhere.jsonl"), "--database", database_url])
    assert missing.exit_code == 2 and "nowhere.jsonl cannot be read" in missing.stderr
    empty = _run(["import", str(_write_lines(tmp_path / "empty.jsonl", [])), "--database", database_url])
    assert empty.exit_code == 2 and "there are no cases to import" in empty.stderr


def _demo_cases(engine: Engine) -> list[tuple[Any, ...]]:
    with Session(engine) as session:
        rows = session.execute(
            select(Case.reference, Case.state, Case.version, Case.facts, Party.name)
            .join(Party, col(Party.case_id) == col(Case.id))
            .where(col(Party.role) == "complainant")
            .order_by(col(Case.id))
        ).all()
    return [tuple(row) for row in rows]


def test_demo_makes_the_cases_asked_for_in_several_states_the_same_for_the_same_seed(
    engine: Engine, database_url: str
) -> None:
    result = _run(["demo", "--cases", "200", "--seed", "1", "--quiet", "--database", database_url])

    assert result.exit_code == 0, result.output
    assert "made 200 cases (FOS-2026-000001 to FOS-2026-000200)" in result.stdout
    assert "cases a second" in result.stdout and "steps were refused" not in result.stdout
    made = _demo_cases(engine)
    states = {state for _, state, *_ in made}
    assert len(made) == 200 and len(states) >= 8
    assert {State.referred, State.jurisdiction_check, State.investigation} <= states
    referred_or_checked = sum(
        1 for _, state, *_ in made if state in ("referred", "jurisdiction_check", "investigation")
    )
    assert referred_or_checked > 100  # most cases are at the start; some further on
    assert len({name for *_, name in made}) > 100
    trail = verify(engine)
    assert trail.intact and trail.cases == 200 and trail.events > 200

    drop_schema(engine)
    create_schema(engine)
    again = _run(["demo", "--cases", "200", "--seed", "1", "--quiet", "--database", database_url])
    assert again.exit_code == 0, again.output
    assert _demo_cases(engine) == made
    assert [plan.facts for plan in plan_cases(200, seed=2, today=TODAY)] != [
        plan.facts for plan in plan_cases(200, seed=1, today=TODAY)
    ]


def test_demo_without_cases_takes_no_seed(database_url: str) -> None:
    result = _run(["demo", "--seed", "3", "--database", database_url])
    assert result.exit_code == 2 and "--seed: goes with --cases" in result.stderr


# --- the bulk path and the single path make the same rows ------------------------------------------------------

VARIED = [
    facts_data(),
    facts_data(complainant={"contact_email": None, "contact_address": "1 High Street, Leeds LS1 4AB"}),
    facts_data(complainant={"vulnerable": True, "adjustments": ["large_print"], "needs": "Poor sight"}),
    facts_data(
        complainant={"name": "Okafor Plumbing Ltd", "kind": "micro_enterprise", "employees": 4},
        respondent={"contact_email": "complaints@bank.example"},
        summary=None,
    ),
]


def _every_row(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    with engine.connect() as connection:
        return {
            table.name: [dict(row._mapping) for row in connection.execute(select(table).order_by(*table.primary_key))]
            for table in SQLModel.metadata.sorted_tables
        }


def test_open_cases_writes_exactly_the_rows_open_case_writes(service: CaseService, engine: Engine) -> None:
    for facts in VARIED:
        service.open_case(CASEWORKER, facts)
    one_by_one = _every_row(engine)
    drop_schema(engine)
    create_schema(engine)

    references = service.open_cases(CASEWORKER, VARIED, batch=3)  # two transactions

    assert references == [f"FOS-2026-{number:06d}" for number in range(1, 5)]
    in_bulk = _every_row(engine)
    assert in_bulk == one_by_one
    assert len(in_bulk["cases"]) == len(in_bulk["audit_events"]) == len(in_bulk["letters"]) == 4
    assert [letter["large_print"] is not None for letter in in_bulk["letters"]] == [False, False, True, False]
    assert verify(engine).intact


def test_open_cases_checks_every_case_before_it_writes_any(service: CaseService, engine: Engine) -> None:
    with pytest.raises(InvalidInput) as refused:
        service.open_cases(CASEWORKER, [facts_data(), facts_data(referred_on="2026-11-03")])
    assert refused.value.detail == "case 2: referred_on: is in the future"
    assert _row_counts(engine)["cases"] == 0


def test_a_batch_of_cases_is_written_in_the_same_statements_however_many_it_holds(
    service: CaseService, engine: Engine
) -> None:
    sent = {}
    for size in (5, 60):
        with counted(engine) as statements:
            service.open_cases(CASEWORKER, [facts_data()] * size)
        sent[size] = len(statements)
        inserts = [statement for statement in statements if statement.startswith("INSERT")]
        assert {statement.split()[2] for statement in inserts} == {"cases", "parties", "audit_events", "letters"}
    assert sent[5] == sent[60] <= 6, sent
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM cases")).scalar_one() == 65
