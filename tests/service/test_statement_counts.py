"""The work each operation does, counted in statements sent to the database (never in seconds).

These pin today's counts as ceilings, so a change that makes an operation send more fails here. The targets the
engine is heading for are lower (a trigger in 8 statements, a case read in 4, a page of cases in a number that
does not grow with the page); each ceiling comes down as the case is loaded once per use case.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import Engine, event

from ombudsman.db import transaction
from ombudsman.queries import list_cases
from ombudsman.service import CaseService, load_visible_case
from ombudsman.views import case_view
from tests.conftest import CASEWORKER
from tests.factories import facts_data

TODAY = date(2026, 11, 2)


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn: object, cursor: object, statement: str, *_: object) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _opened(service: CaseService, number: int = 1) -> list[str]:
    return [service.open_case(CASEWORKER, facts_data()).reference for _ in range(number)]


def test_opening_a_case(service: CaseService, engine: Engine) -> None:
    with counted(engine) as statements:
        _opened(service)
    assert len(statements) <= 9, len(statements)


def test_a_trigger(service: CaseService, engine: Engine) -> None:
    [reference] = _opened(service)
    service.act(CASEWORKER, reference, "start_jurisdiction_check")
    with counted(engine) as statements:
        service.act(CASEWORKER, reference, "accept_jurisdiction", {"reasons": "Every DISP 2 test passes."})
    assert len(statements) <= 16, len(statements)


def test_a_case_read(service: CaseService, engine: Engine) -> None:
    [reference] = _opened(service)
    with counted(engine) as statements, transaction(engine) as session:
        case_view(session, load_visible_case(session, CASEWORKER, reference), CASEWORKER, service.rulebook, TODAY)
    assert len(statements) <= 9, len(statements)


def test_a_page_of_cases_costs_at_most_a_fixed_number_a_case(service: CaseService, engine: Engine) -> None:
    _opened(service, 12)
    sent = {}
    for size in (4, 12):
        with counted(engine) as statements, transaction(engine) as session:
            page = list_cases(session, CASEWORKER, limit=size)
            for case in page.cases:
                case_view(session, case, CASEWORKER, service.rulebook, TODAY)
        sent[size] = len(statements)
    assert sent[12] - sent[4] <= 8 * 8, sent  # today about eight statements a case: the list shape comes next
