"""Bad input and refused triggers: a clear error naming the problem, and nothing written."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, func, select

from ombudsman.access import Actor
from ombudsman.errors import Forbidden, InvalidInput, NotFound, Refused, StaleVersion
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER, OMBUDSMAN
from tests.factories import facts_data
from workflows.table import Role


def _row_counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        return {
            name: session.exec(select(func.count()).select_from(table)).one()
            for name, table in SQLModel.metadata.tables.items()
        }


@contextmanager
def writes_nothing(engine: Engine) -> Iterator[None]:
    before = _row_counts(engine)
    yield
    assert _row_counts(engine) == before


@pytest.fixture
def reference(service: CaseService) -> str:
    return service.open_case(CASEWORKER, facts_data()).reference


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"referred_on": "2026-02-30"}, "referred_on"),
        ({"final_response_sent_on": "2025-05-01"}, "final_response_sent_on"),  # before the complaint reached it
        ({"awareness_date": "2025-01-01"}, "awareness_date"),  # before the event
        ({"amount_claimed": "-5.00"}, "amount_claimed"),
        ({"complainant": {"kind": "alien"}}, "complainant.kind"),
        ({"respondent": {"frn": "12AB"}}, "respondent.frn"),
        ({"establishment": "moon"}, "establishment"),
        ({"favourite_colour": "blue"}, "favourite_colour"),
        ({"referred_on": "2030-01-01"}, "referred_on"),  # in the future
    ],
)
def test_bad_case_facts_are_refused_naming_the_field_and_nothing_is_written(
    service: CaseService, overrides: dict[str, Any], field: str
) -> None:
    with writes_nothing(service.engine), pytest.raises(InvalidInput) as refusal:
        service.open_case(CASEWORKER, facts_data(**overrides))
    assert field in refusal.value.detail or any(field in e["field"] for e in refusal.value.errors or [])


@pytest.mark.parametrize(
    ("name", "fields", "field"),
    [
        ("accept_jurisdiction", {}, "reasons"),
        ("accept_jurisdiction", {"reasons": "x", "exception": "luck"}, "exception"),
        ("propose_dismissal", {"ground": "18", "reasons": "x"}, "ground"),
        ("invite_jurisdiction_representations", {"raised_by": "ombudsman", "respond_by": "2026-13-01"}, "respond_by"),
        ("invite_jurisdiction_representations", {"raised_by": "ombudsman", "respond_by": "2026-11-01"}, "respond_by"),
        (
            "record_final_response",
            {"sent_on": "2025-05-01", "mentioned_time_limit": True},
            "sent_on",
        ),  # before the complaint reached the firm
        ("record_final_response", {"sent_on": "2027-01-01", "mentioned_time_limit": True}, "sent_on"),  # in the future
        ("start_jurisdiction_check", {"unexpected": 1}, "unexpected"),
        ("teleport", {}, "trigger"),
    ],
)
def test_bad_trigger_fields_are_refused_naming_the_field_and_nothing_is_written(
    service: CaseService, reference: str, name: str, fields: dict[str, Any], field: str
) -> None:
    if name == "accept_jurisdiction" or name == "propose_dismissal" or name == "invite_jurisdiction_representations":
        service.act(CASEWORKER, reference, "start_jurisdiction_check")
    with writes_nothing(service.engine), pytest.raises(InvalidInput) as refusal:
        service.act(CASEWORKER, reference, name, fields=fields)
    assert field in refusal.value.detail


def test_a_trigger_from_the_wrong_state_is_refused_with_what_the_caller_may_do_instead(
    service: CaseService, reference: str
) -> None:
    with writes_nothing(service.engine), pytest.raises(Refused) as refusal:
        service.act(OMBUDSMAN, reference, "determine", fields={"outcome": "uphold", "reasons": "x"})
    assert "referred" in refusal.value.detail
    assert refusal.value.state == "referred"
    assert refusal.value.allowed is not None and "start_jurisdiction_check" in refusal.value.allowed
    assert refusal.value.citation and "DISP 3.6.1R" in refusal.value.citation


def test_a_caseworker_cannot_determine_a_complaint(service: CaseService, reference: str) -> None:
    with writes_nothing(service.engine), pytest.raises(Forbidden) as refusal:
        service.act(CASEWORKER, reference, "determine", fields={"outcome": "uphold", "reasons": "x"})
    assert refusal.value.citation == "DISP 3.9.1R"


def test_a_firm_cannot_act_on_another_firm_s_case_and_is_not_told_it_exists(
    service: CaseService, reference: str
) -> None:
    other_firm = Actor("Another firm", Role.firm, frn="999999")
    with writes_nothing(service.engine), pytest.raises(NotFound):
        service.act(other_firm, reference, "make_representations", fields={"text": "hello"})


def test_a_party_cannot_speak_for_the_other_party(service: CaseService, reference: str) -> None:
    firm = Actor("Example Bank", Role.firm, frn="123456")
    with writes_nothing(service.engine), pytest.raises(InvalidInput) as refusal:
        service.act(firm, reference, "make_representations", fields={"text": "hi", "on_behalf_of": "complainant"})
    assert "on_behalf_of" in refusal.value.detail


def test_a_change_made_against_a_stale_version_is_refused_and_writes_nothing(
    service: CaseService, reference: str
) -> None:
    service.act(CASEWORKER, reference, "start_jurisdiction_check", expected_version=1)
    with writes_nothing(service.engine), pytest.raises(StaleVersion):
        service.act(CASEWORKER, reference, "accept_jurisdiction", fields={"reasons": "x"}, expected_version=1)
    assert service.get(CASEWORKER, reference).state == "jurisdiction_check"


def test_a_guard_that_refuses_writes_nothing(service: CaseService, reference: str) -> None:
    service.act(CASEWORKER, reference, "start_jurisdiction_check")
    with writes_nothing(service.engine), pytest.raises(Refused) as refusal:
        service.act(
            CASEWORKER,
            reference,
            "refer_elsewhere",
            fields={"scheme": "The Pensions Ombudsman", "complainant_consent": False, "reasons": "x"},
        )
    assert "consent" in refusal.value.detail and refusal.value.citation == "DISP 3.4.1R"
