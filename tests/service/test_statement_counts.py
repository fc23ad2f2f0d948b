"""The work each operation does, counted in statements sent to the database (never in seconds).

A use case loads its case once (``ombudsman.repository``): the case with its parties in one statement, every
other row it reads in a second. So a trigger sends those two and its writes, a case read sends two, and a page of
cases sends the same number however many cases it holds. These ceilings fail a change that reads a row again.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from ombudsman.access import load_visible_case
from ombudsman.db import transaction
from ombudsman.queries import list_cases
from ombudsman.service import CaseService
from ombudsman.views import case_view
from tests.conftest import CASEWORKER
from tests.factories import facts_data
from tests.statements import counted

TODAY = date(2026, 11, 2)


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
        service.act(CASEWORKER, reference, "accept_jurisdiction", fields={"reasons": "Every DISP 2 test passes."})
    assert len(statements) <= 8, len(statements)


def test_a_case_read(service: CaseService, engine: Engine) -> None:
    [reference] = _opened(service)
    with counted(engine) as statements, transaction(engine) as session:
        case_view(load_visible_case(session, CASEWORKER, reference), CASEWORKER, service.rulebook, today=TODAY)
    assert len(statements) <= 4, len(statements)


def test_a_page_of_cases_costs_the_same_however_many_cases_it_holds(service: CaseService, engine: Engine) -> None:
    _opened(service, 12)
    sent = {}
    for size in (4, 12):
        with counted(engine) as statements, transaction(engine) as session:
            page = list_cases(session, CASEWORKER, limit=size)
            for record in page.cases:
                case_view(record, CASEWORKER, service.rulebook, today=TODAY)
        sent[size] = len(statements)
    assert sent[12] == sent[4] <= 2, sent
