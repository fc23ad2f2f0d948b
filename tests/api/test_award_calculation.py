"""``POST /v1/awards/calculation`` takes the body api.md documents: the ``awards`` object's fields (``money``,
``interest``, ``costs``, ``directions``) at the top level, with optional ``referred_on`` (default today) and
``event_date``, which choose the limit, and ``as_of`` (default today), the day interest runs to. The old shape,
the awards nested under ``awards``, is no longer taken: 422 naming ``awards``."""

from __future__ import annotations

from collections.abc import Iterator

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

MONEY = {"money": [{"head": "financial_loss", "amount": "200000.00"}]}
PATH = "/v1/awards/calculation"


def test_the_documented_body_is_calculated_with_the_awards_at_the_top_level(api: Api) -> None:
    body = {
        **MONEY,
        "interest": {"rate_percent": "8", "from": "2026-10-01"},
        "directions": ["Correct the credit file"],
        "referred_on": "2025-09-01",
        "event_date": "2025-02-01",
        "as_of": "2026-11-02",
    }
    response = api.client.post(PATH, json=body, headers=api.caseworker)
    assert response.status_code == 200, response.text
    award = response.json()
    assert (award["money_award"], award["recommended_balance"], award["limit"]) == (
        "150000.00",
        "50000.00",
        "150000.00",
    )
    assert award["lines"] == MONEY["money"]
    assert award["interest"]["rate_percent"] == "8"


def test_the_referral_date_and_the_interest_date_are_today_when_left_out(api: Api, clock: FixedClock) -> None:
    response = api.client.post(
        PATH, json={**MONEY, "interest": {"rate_percent": "8", "from": "2026-10-02"}}, headers=api.caseworker
    )
    assert response.status_code == 200, response.text
    award = response.json()
    assert award["money_award"] == "150000.00"  # the limit for a complaint referred today, 2 November 2026
    given_today = api.client.post(
        PATH,
        json={**MONEY, "interest": {"rate_percent": "8", "from": "2026-10-02"}, "as_of": clock.today().isoformat()},
        headers=api.caseworker,
    ).json()
    assert award["interest"] == given_today["interest"]


def test_the_old_shape_with_the_awards_nested_is_refused_naming_awards(api: Api) -> None:
    response = api.client.post(PATH, json={"awards": MONEY, "referred_on": "2025-09-01"}, headers=api.caseworker)
    assert "awards" in error_fields(assert_problem(response, 422))


def test_an_event_after_the_referral_today_is_refused_naming_the_event_date(api: Api) -> None:
    response = api.client.post(PATH, json={**MONEY, "event_date": "2026-11-03"}, headers=api.caseworker)
    body = assert_problem(response, 422)
    assert error_fields(body) == ["event_date"]
    assert "today, 2026-11-02" in body["detail"]


def test_the_document_says_the_awards_are_at_the_top_level_and_the_dates_optional(api: Api) -> None:
    document = api.client.get("/openapi.json").json()
    operation = document["paths"][PATH]["post"]
    reference = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    schema = document["components"]["schemas"][reference.rsplit("/", 1)[1]]
    assert {"money", "interest", "costs", "directions", "referred_on", "event_date", "as_of"} <= set(
        schema["properties"]
    )
    assert "awards" not in schema["properties"]
    assert not {"referred_on", "event_date", "as_of"} & set(schema.get("required", []))


@pytest.fixture
def published(engine: Engine, clock: FixedClock, database_url: str) -> Iterator[tuple[TestClient, dict[str, str]]]:
    service = CaseService(engine, clock, Settings(database_url=database_url, rulebook="published"))
    token = add_user(engine, clock, "Priya Shah", role=Role.caseworker)
    with TestClient(create_app(service)) as client:
        yield client, bearer(token)


def test_where_the_limit_depends_on_the_event_date_a_body_without_it_is_refused_naming_it(
    published: tuple[TestClient, dict[str, str]],
) -> None:
    client, headers = published
    body = assert_problem(client.post(PATH, json={**MONEY, "referred_on": "2025-09-01"}, headers=headers), 422)
    assert error_fields(body) == ["event_date"]
    answered = client.post(
        PATH, json={**MONEY, "referred_on": "2025-09-01", "event_date": "2025-02-01"}, headers=headers
    )
    assert answered.status_code == 200, answered.text
