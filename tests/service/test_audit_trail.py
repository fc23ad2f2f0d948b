"""The audit trail is tamper-evident: every edit, deletion or state change made behind the engine's back is named.

Each test makes a few real cases through the service, then changes the database directly with SQL (as someone
with access to it could), and checks that ``verify`` (and ``ombudsman audit verify``) names the first case and
version that no longer match. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from ombudsman.audit import GENESIS, digest, verify
from ombudsman.clock import FixedClock
from ombudsman.models import AuditEvent, Case
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER
from tests.factories import facts_data


@pytest.fixture
def cases(service: CaseService, clock: FixedClock) -> list[str]:
    """Three cases: the second walked to the investigation, so it has four events."""
    references = [service.open_case(CASEWORKER, facts_data()).reference for _ in range(3)]
    service.act(CASEWORKER, references[1], "start_jurisdiction_check")
    service.act(CASEWORKER, references[1], "accept_jurisdiction", fields={"reasons": "Every DISP 2 test passes."})
    clock.advance(1)
    service.act(
        CASEWORKER,
        references[1],
        "make_representations",
        fields={"text": "We have the bank's file.", "on_behalf_of": "respondent"},
    )
    return references


def _sql(engine: Engine, statement: str, **values: object) -> None:
    with engine.begin() as connection:
        connection.execute(text(statement), values)


def _case_id(engine: Engine, reference: str) -> int:
    with Session(engine) as session:
        case_id = session.exec(select(Case.id).where(Case.reference == reference)).one()
        assert case_id is not None
        return case_id


def _cli_verify(database_url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ombudsman.cli", "audit", "verify", "--database", database_url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_an_untouched_trail_is_intact_and_every_event_chains_to_the_one_before(
    engine: Engine, cases: list[str], database_url: str
) -> None:
    result = verify(engine)
    assert result.intact, result.breaks
    assert (result.cases, result.events) == (3, 6)
    with Session(engine) as session:
        case = session.exec(select(Case).where(Case.reference == cases[1])).one()
        events = session.exec(
            select(AuditEvent).where(AuditEvent.case_id == case.id).order_by(col(AuditEvent.version))
        ).all()
    assert [event.version for event in events] == [1, 2, 3, 4] and case.version == 4
    previous = GENESIS
    for event in events:
        assert event.hash == digest(previous, event) and len(event.hash) == 64
        previous = event.hash
    assert case.audit_head == previous
    done = _cli_verify(database_url)
    assert done.returncode == 0, done.stderr
    assert "audit trail intact: 3 cases, 6 events" in done.stdout


@pytest.mark.parametrize(
    ("column", "value"),
    [("user", "Someone Else"), ("reasons", "A different reason"), ("to_state", "dismissed"), ("at", None)],
)
def test_an_edited_event_is_named_by_case_and_version(
    engine: Engine, cases: list[str], database_url: str, column: str, value: object
) -> None:
    case_id = _case_id(engine, cases[1])
    if column == "at":  # the time of the event, set back a year
        _sql(
            engine,
            "UPDATE audit_events SET at = '2025-11-02 09:00:00.000000' WHERE case_id = :c AND version = 3",
            c=case_id,
        )
    else:
        _sql(engine, f'UPDATE audit_events SET "{column}" = :v WHERE case_id = :c AND version = 3', v=value, c=case_id)
    result = verify(engine)
    assert [(broken.reference, broken.version) for broken in result.breaks] == [(cases[1], 3)]
    assert "has been changed" in result.breaks[0].problem
    done = _cli_verify(database_url)
    assert done.returncode == 1
    assert f"BROKEN {cases[1]} at version 3" in done.stdout


def test_a_deleted_event_is_named(engine: Engine, cases: list[str]) -> None:
    _sql(engine, "DELETE FROM audit_events WHERE case_id = :c AND version = 2", c=_case_id(engine, cases[1]))
    [broken] = verify(engine).breaks
    assert (broken.reference, broken.version) == (cases[1], 2)
    assert "missing" in broken.problem


def test_deleting_the_last_event_is_named_even_with_the_case_put_back_to_match(
    engine: Engine, cases: list[str]
) -> None:
    case_id = _case_id(engine, cases[1])
    _sql(engine, "DELETE FROM audit_events WHERE case_id = :c AND version = 4", c=case_id)
    [broken] = verify(engine).breaks
    assert (broken.reference, broken.version) == (cases[1], 3)
    # Someone who also sets the case's version back is still caught: the case records its last event's hash.
    _sql(engine, "UPDATE cases SET version = 3 WHERE id = :c", c=case_id)
    [broken] = verify(engine).breaks
    assert (broken.reference, broken.version) == (cases[1], 3)
    assert "last event" in broken.problem


def test_a_state_changed_in_the_database_is_named(engine: Engine, cases: list[str], database_url: str) -> None:
    _sql(engine, "UPDATE cases SET state = 'accepted' WHERE id = :c", c=_case_id(engine, cases[2]))
    [broken] = verify(engine).breaks
    assert (broken.reference, broken.version) == (cases[2], 1)
    assert "the case is in accepted" in broken.problem
    assert _cli_verify(database_url).returncode == 1


def test_an_event_moved_to_another_case_breaks_both(engine: Engine, cases: list[str]) -> None:
    _sql(
        engine,
        "UPDATE audit_events SET case_id = :other WHERE case_id = :c AND version = 4",
        other=_case_id(engine, cases[0]),
        c=_case_id(engine, cases[1]),
    )
    assert [broken.reference for broken in verify(engine).breaks] == [cases[0], cases[1]]


def test_each_version_names_exactly_one_event(engine: Engine, cases: list[str]) -> None:
    """The database itself refuses a second event for a version already taken."""
    case_id = _case_id(engine, cases[0])
    with pytest.raises(IntegrityError):
        _sql(
            engine,
            'INSERT INTO audit_events (case_id, version, at, "user", role, kind, name, from_state, to_state, '
            'finding, citation, details, hash) SELECT case_id, version, at, "user", role, kind, name, from_state, '
            "to_state, finding, citation, details, hash FROM audit_events WHERE case_id = :c",
            c=case_id,
        )
