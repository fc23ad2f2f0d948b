"""``CaseService.act_many``: many steps, a batch in each transaction, each judged and written as ``act`` would.

Each step is taken on its case as the steps before it left it; a refused step writes nothing and stops its case's
later steps in the call, while the other cases go on; what is not one of the workflow's steps, not the actor's to
take, or not a case is refused by name. The demo (``ombudsman demo --cases N``) takes its cases' steps this way.
"""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select

from ombudsman.access import Actor
from ombudsman.audit import verify
from ombudsman.errors import Forbidden, InvalidInput, NotFound, Refused
from ombudsman.models import AuditEvent, Case
from ombudsman.service import CaseService, PlannedStep
from tests.conftest import CASEWORKER
from tests.factories import facts_data
from workflows.table import Role

ACCEPT = {"reasons": "Every DISP 2 test passes."}


def _opened(service: CaseService, count: int) -> list[str]:
    return [service.open_case(CASEWORKER, facts_data()).reference for _ in range(count)]


def _states(service: CaseService, references: list[str]) -> list[tuple[str, int]]:
    with Session(service.engine) as session:
        found = {
            reference: (str(state), version)
            for reference, state, version in session.exec(
                select(Case.reference, Case.state, Case.version).where(col(Case.reference).in_(references))
            )
        }
    return [found[reference] for reference in references]


def _events(service: CaseService, reference: str) -> list[str]:
    with Session(service.engine) as session:
        query = select(AuditEvent.name).join(Case).where(Case.reference == reference).order_by(AuditEvent.version)
        return list(session.exec(query))


@pytest.mark.parametrize("batch", [200, 1])
def test_each_step_is_taken_on_its_case_as_the_steps_before_it_left_it(service: CaseService, batch: int) -> None:
    first, second = _opened(service, 2)
    outcomes = service.act_many(
        [
            PlannedStep(CASEWORKER, first, "start_jurisdiction_check"),
            PlannedStep(CASEWORKER, second, "start_jurisdiction_check"),
            PlannedStep(CASEWORKER, first, "accept_jurisdiction", ACCEPT),
        ],
        batch=batch,
    )
    assert outcomes == [None, None, None]
    assert _states(service, [first, second]) == [("investigation", 3), ("jurisdiction_check", 2)]
    assert _events(service, first) == ["open_case", "start_jurisdiction_check", "accept_jurisdiction"]
    assert verify(service.engine).intact


@pytest.mark.parametrize("batch", [200, 1])
def test_a_refused_step_writes_nothing_and_stops_its_case_while_the_others_go_on(
    service: CaseService, batch: int
) -> None:
    stopped, going = _opened(service, 2)
    outcomes = service.act_many(
        [
            PlannedStep(CASEWORKER, stopped, "accept_jurisdiction", ACCEPT),  # not yet: it is still referred
            PlannedStep(CASEWORKER, stopped, "start_jurisdiction_check"),
            PlannedStep(CASEWORKER, going, "start_jurisdiction_check"),
        ],
        batch=batch,  # one step a transaction: the case stays stopped across them
    )
    refused, following, taken = outcomes
    assert isinstance(refused, Refused) and refused.citation
    assert isinstance(following, Refused) and "earlier step on" in str(following)
    assert taken is None
    assert _states(service, [stopped, going]) == [("referred", 1), ("jurisdiction_check", 2)]


def test_a_step_that_is_no_step_no_case_or_not_the_actors_is_refused_by_name(service: CaseService) -> None:
    first, second = _opened(service, 2)
    firm = Actor("Acme Bank", Role.firm, frn="123456")
    unknown, missing, party = service.act_many(
        [
            PlannedStep(CASEWORKER, first, "close_the_file"),
            PlannedStep(CASEWORKER, "FOS-2026-999999", "start_jurisdiction_check"),
            PlannedStep(firm, second, "start_jurisdiction_check"),
        ]
    )
    assert isinstance(unknown, InvalidInput) and "'close_the_file' is not a trigger" in str(unknown.errors)
    assert isinstance(missing, NotFound) and "FOS-2026-999999" in str(missing)
    assert isinstance(party, Forbidden) and "staff" in str(party)
    assert _states(service, [first, second]) == [("referred", 1), ("referred", 1)]
