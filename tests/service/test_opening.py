"""A case gets its final reference in the statement that creates it: no placeholder that could outgrow its column.

The clock is the real one here, and a fixed one at a time with microseconds: a placeholder built from the time
once broke every case opened on PostgreSQL while a clock at a round time kept the suite green.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import Engine, event
from sqlmodel import Session, select

from ombudsman.clock import LONDON, FixedClock, SystemClock
from ombudsman.models import Case
from ombudsman.service import CaseService
from ombudsman.settings import Settings
from tests.conftest import CASEWORKER
from tests.factories import facts_data


def test_cases_opened_on_the_real_clock_get_their_references_in_order(engine: Engine, settings: Settings) -> None:
    service = CaseService(engine, SystemClock(), settings)
    year = SystemClock().today().year
    references = [service.open_case(CASEWORKER, facts_data()).reference for _ in range(3)]
    assert references == [f"FOS-{year}-{number:06d}" for number in (1, 2, 3)]


def test_the_reference_is_written_with_the_row_never_a_placeholder(engine: Engine, settings: Settings) -> None:
    clock = FixedClock(datetime(2026, 11, 2, 23, 59, 59, 999_999, LONDON))
    service = CaseService(engine, clock, settings)
    written: list[tuple[str, str]] = []  # (statement, its parameters) for every write to the cases table

    @event.listens_for(engine, "before_cursor_execute")
    def _watch(conn: object, cursor: object, statement: str, parameters: object, *_: object) -> None:
        if statement.startswith(("INSERT INTO cases", "UPDATE cases")):
            written.append((statement, str(parameters)))

    try:
        case = service.open_case(CASEWORKER, facts_data())
    finally:
        event.remove(engine, "before_cursor_execute", _watch)
    assert case.reference == "FOS-2026-000001"
    inserts = [parameters for statement, parameters in written if statement.startswith("INSERT")]
    assert len(inserts) == 1 and "FOS-2026-000001" in inserts[0]
    updates = [statement for statement, _ in written if statement.startswith("UPDATE")]
    assert not any("reference" in statement.split(" WHERE ")[0] for statement in updates)
    with Session(engine) as session:
        stored = session.exec(select(Case.reference)).all()
    assert stored == ["FOS-2026-000001"] and all(re.fullmatch(r"FOS-\d{4}-\d{6}", ref) for ref in stored)
