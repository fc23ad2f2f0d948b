"""Racing clients: exactly one wins per version, and no audit event is lost or duplicated."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient

from ombudsman.api import create_app
from tests.api.conftest import Api

RACERS = 12


def test_a_dozen_clients_racing_one_trigger_on_one_case_exactly_one_wins(api: Api) -> None:
    reference = api.open_case()["reference"]
    app = create_app(api.service)
    barrier = threading.Barrier(RACERS)

    def race(_: int) -> int:
        with TestClient(app) as client:
            barrier.wait()
            response = client.post(
                f"/v1/cases/{reference}/transitions",
                json={"trigger": "start_jurisdiction_check"},
                headers={**api.caseworker, "If-Match": '"1"'},
            )
            status: int = response.status_code
            return status

    with ThreadPoolExecutor(RACERS) as pool:
        statuses = list(pool.map(race, range(RACERS)))

    assert statuses.count(200) == 1, statuses
    assert set(statuses) <= {200, 409, 412}, statuses
    events = api.client.get(f"/v1/cases/{reference}/events", headers=api.caseworker).json()
    assert [event.get("trigger") for event in events].count("start_jurisdiction_check") == 1
    case = api.client.get(f"/v1/cases/{reference}", headers=api.caseworker).json()
    assert case["version"] == 2 and case["state"] == "jurisdiction_check"


def test_racing_without_if_match_one_wins_and_the_rest_are_refused_by_the_rules(api: Api) -> None:
    reference = api.open_case()["reference"]
    app = create_app(api.service)
    barrier = threading.Barrier(RACERS)

    def race(_: int) -> int:
        with TestClient(app) as client:
            barrier.wait()
            status: int = client.post(
                f"/v1/cases/{reference}/transitions",
                json={"trigger": "start_jurisdiction_check"},
                headers=api.caseworker,
            ).status_code
            return status

    with ThreadPoolExecutor(RACERS) as pool:
        statuses = list(pool.map(race, range(RACERS)))
    assert sorted(statuses) == [200] + [409] * (RACERS - 1)
    assert api.audit_count(reference) == 2


def test_racing_opens_with_one_idempotency_key_make_one_case(api: Api) -> None:
    from tests.factories import facts_data

    app = create_app(api.service)
    barrier = threading.Barrier(6)

    def race(_: int) -> str:
        with TestClient(app) as client:
            barrier.wait()
            response = client.post(
                "/v1/cases", json=facts_data(), headers={**api.caseworker, "Idempotency-Key": "same-key"}
            )
            assert response.status_code == 201, response.text
            reference: str = response.json()["reference"]
            return reference

    with ThreadPoolExecutor(6) as pool:
        references = set(pool.map(race, range(6)))
    assert len(references) == 1
    assert api.case_count() == 1
