"""Awards on a complaint about several events over HTTP (DISP 3.7.1R with DISP 2.8.2R(2), DISP 3.7.4R): on a case
whose live assessment has an event out, each money line names the events it redresses, only events in (422 naming
``awards.money.N.events``, nothing written); and ``POST /v1/awards/calculation`` takes ``events`` on the lines and
``events``, which choose the limit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from ombudsman.api import create_app
from ombudsman.clock import FixedClock
from ombudsman.service import CaseService
from ombudsman.settings import Settings
from ombudsman.users import add_user
from tests.api.conftest import Api, assert_problem, bearer, error_fields
from workflows.vocabulary import Role


def loan(event_id: str, on: str) -> dict[str, Any]:
    return {"id": event_id, "kind": "loan", "date": on, "awareness_date": on}


# Complained of to the lender on 2 June 2025, referred on 1 September 2025; the lender objects to a late referral.
LOANS = [loan("L1", "2020-01-01"), loan("L2", "2021-03-01"), loan("L3", "2024-01-01")]
L1_OUT = [loan("L1", "2019-01-01"), *LOANS[1:]]  # more than six years before the complaint: out


def awaiting_determination_with_l1_out(api: Api) -> str:
    """A case whose events were all in when jurisdiction was accepted; staff then correct L1's date, and the live
    assessment puts it out."""
    api.service.clock.set(date(2025, 9, 8))  # type: ignore[attr-defined]
    facts = {"event_date": None, "awareness_date": None, "events": LOANS, "respondent_consents_to_late_referral": False}
    reference: str = api.open_case(**facts)["reference"]
    complainant = api.complainant_of(reference)
    api.fire(reference, api.caseworker, "start_jurisdiction_check")
    api.fire(reference, api.caseworker, "accept_jurisdiction", reasons="Every loan is in time.")
    api.act(reference, api.firm, "make_representations", text="Each loan was checked for affordability.")
    api.act(reference, complainant, "make_representations", text="I was borrowing to repay the last loan.")
    api.fire(
        reference, api.caseworker, "issue_provisional_assessment", outcome="partly_uphold", reasons="Unaffordable."
    )
    api.fire(reference, api.firm, "disagree", reasons="We checked affordability.")
    case = api.act(reference, api.caseworker, "amend_facts", facts={"events": L1_OUT}, reasons="L1 is dated 2019.")
    assert case["jurisdiction"]["events_out_of_jurisdiction"] == ["L1"]
    return reference


def determine(api: Api, reference: str, *lines: dict[str, Any]) -> Any:
    body = {
        "trigger": "determine",
        "outcome": "partly_uphold",
        "reasons": "L2 and L3 were unaffordable; L1 is out of time and discussed only as context.",
        "awards": {"money": list(lines)},
    }
    return api.client.post(f"/v1/cases/{reference}/transitions", json=body, headers=api.ombudsman)


@pytest.mark.parametrize(
    "line",
    [
        {"head": "financial_loss", "amount": "900.00"},
        {"head": "financial_loss", "amount": "900.00", "events": ["L1"]},
        {"head": "financial_loss", "amount": "900.00", "events": ["L2", "L1"]},
        {"head": "financial_loss", "amount": "900.00", "events": ["L7"]},
    ],
    ids=["naming no events", "naming the event out", "naming an event in and the event out", "naming no such event"],
)
def test_a_determination_with_a_money_line_not_naming_only_events_in_is_422_naming_its_events(
    api: Api, line: dict[str, Any]
) -> None:
    reference = awaiting_determination_with_l1_out(api)
    before = api.audit_count(reference)
    problem = assert_problem(determine(api, reference, line), 422)
    assert error_fields(problem) == ["awards.money.0.events"]
    assert "(DISP 3.7.1R, DISP 2.8.2R(2))" in problem["detail"]
    assert api.audit_count(reference) == before
    case = api.client.get(f"/v1/cases/{reference}", headers=api.caseworker).json()
    assert case["state"] == "awaiting_determination"
    assert [award for award in case["awards"] if award["stage"] == "determination"] == []


def test_a_determination_whose_money_lines_name_only_events_in_is_made(api: Api) -> None:
    reference = awaiting_determination_with_l1_out(api)
    line = {"head": "financial_loss", "amount": "900.00", "events": ["L2", "L3"]}
    response = determine(api, reference, line)
    assert response.status_code == 200, response.text
    case = response.json()
    assert case["state"] == "determined"
    [award] = [award for award in case["awards"] if award["stage"] == "determination"]
    assert award["lines"] == [line]
    letter = api.client.get(
        f"/v1/cases/{reference}/letters/determination?format=text&addressed_to=complainant", headers=api.caseworker
    )
    assert letter.status_code == 200 and "Financial loss: £900 for L2 and L3" in letter.text


PATH = "/v1/awards/calculation"
MONEY = {"head": "financial_loss", "amount": "500000.00"}


@pytest.fixture
def published(engine: Engine, clock: FixedClock, database_url: str) -> Iterator[tuple[TestClient, dict[str, str]]]:
    service = CaseService(engine, clock, Settings(database_url=database_url, rulebook="published"))
    token = add_user(engine, clock, "Priya Shah", role=Role.caseworker)
    with TestClient(create_app(service)) as client:
        yield client, bearer(token)


# Referred on 1 September 2025 under the published rulebook: £200,000 for an act before 1 April 2019, £445,000 for
# an act on or after it.
ACROSS = {
    "referred_on": "2025-09-01",
    "events": [
        {"id": "L1", "date": "2019-03-31"},
        {"id": "L2", "date": "2019-04-01"},
        {"id": "L3", "date": "2020-06-01"},
    ],
}


def test_the_calculation_chooses_the_limit_from_the_events_the_lines_name(
    published: tuple[TestClient, dict[str, str]],
) -> None:
    client, headers = published
    line = {**MONEY, "events": ["L2", "L3"]}
    response = client.post(PATH, json={"money": [line], **ACROSS}, headers=headers)
    assert response.status_code == 200, response.text
    award = response.json()
    assert (award["limit"], award["money_award"], award["recommended_balance"]) == (
        "445000.00",
        "445000.00",
        "55000.00",
    )
    assert award["lines"] == [{"head": "financial_loss", "amount": "500000.00", "events": ["L2", "L3"]}]
    before = client.post(PATH, json={"money": [{**MONEY, "events": ["L1"]}], **ACROSS}, headers=headers)
    assert before.status_code == 200, before.text
    assert before.json()["limit"] == "200000.00"


@pytest.mark.parametrize(
    "lines",
    [[{**MONEY, "events": ["L1", "L2"]}], [{**MONEY, "events": ["L2"]}, MONEY]],
    ids=["one line naming events either side", "a line naming none stands for every event"],
)
def test_the_calculation_refuses_events_of_different_limits_naming_money(
    published: tuple[TestClient, dict[str, str]], lines: list[dict[str, Any]]
) -> None:
    client, headers = published
    problem = assert_problem(client.post(PATH, json={"money": lines, **ACROSS}, headers=headers), 422)
    assert error_fields(problem) == ["money"]
    assert "£200,000 for L1" in problem["detail"] and "(DISP 3.7.4R)" in problem["detail"]


def test_the_calculation_refuses_a_line_naming_an_event_without_a_date(
    published: tuple[TestClient, dict[str, str]],
) -> None:
    client, headers = published
    lines = [{**MONEY, "events": ["L2"]}, {**MONEY, "events": ["L9"]}]
    problem = assert_problem(client.post(PATH, json={"money": lines, **ACROSS}, headers=headers), 422)
    assert error_fields(problem) == ["money.1.events"]
    assert "L9 is not an event of this complaint" in problem["detail"]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"event_date": "2019-04-01"}, "events"),
        ({"events": [{"id": "L1", "date": "2025-09-02"}]}, "events.0.date"),
        ({"events": [{"id": "L 1", "date": "2019-04-01"}]}, "events.0.id"),
        ({"events": [{"id": "L1", "date": "2019-04-01"}, {"id": "L1", "date": "2019-05-01"}]}, "events.1.id"),
    ],
    ids=["with event_date too", "an event after the referral", "an id with a space", "an id given twice"],
)
def test_the_calculation_refuses_bad_events_naming_them(
    published: tuple[TestClient, dict[str, str]], extra: dict[str, Any], field: str
) -> None:
    client, headers = published
    body = {"money": [MONEY], **ACROSS, **extra}
    assert error_fields(assert_problem(client.post(PATH, json=body, headers=headers), 422)) == [field]


def test_the_calculation_takes_lines_naming_events_without_events_as_before(api: Api) -> None:
    body = {"money": [{**MONEY, "events": ["L1"]}], "referred_on": "2025-09-01", "event_date": "2025-02-01"}
    response = api.client.post(PATH, json=body, headers=api.caseworker)
    assert response.status_code == 200, response.text
    assert response.json()["limit"] == "150000.00"


def test_the_document_describes_events_and_the_lines_events(api: Api) -> None:
    document = api.client.get("/openapi.json").json()
    operation = document["paths"][PATH]["post"]
    reference = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    schema = document["components"]["schemas"][reference.rsplit("/", 1)[1]]
    assert "events" in schema["properties"]
    assert "events" in schema["description"]
    line = document["components"]["schemas"]["MoneyLine"]
    assert "events" in line["properties"]
