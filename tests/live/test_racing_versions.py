"""Twelve clients writing to one case at the same instant, over real HTTP to a real server process.

Each change a client is told about must be its own: the version in its answer (and ETag) is the version its
change made, so twelve changes report twelve distinct consecutive versions, and the audit trail has exactly
one event per version. Racing the same guarded trigger against one version lets exactly one through.

(Two ``ombudsman sweep`` processes at once are already proved to fire each limit once, on both databases, by
``tests/service/test_sweep.py::test_two_sweep_processes_at_once_fire_each_trigger_exactly_once``.)
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ombudsman.clock import SystemClock
from tests.live.conftest import Live
from tests.live.server import case_body

RACERS = 12
BARRIER_TIMEOUT = 30.0  # seconds for all the racers to be ready


def _open(live: Live) -> str:
    with live.server.client(live.caseworker) as client:
        response = client.post("/v1/cases", json=case_body(SystemClock().today()))
    assert response.status_code == 201, f"{response.status_code} {response.text}\n{live.server.log_tail()}"
    assert response.json()["version"] == 1
    reference: str = response.json()["reference"]
    return reference


def _events(live: Live, reference: str) -> list[dict[str, Any]]:
    with live.server.client(live.caseworker) as client:
        response = client.get(f"/v1/cases/{reference}/events")
    assert response.status_code == 200, response.text
    events: list[dict[str, Any]] = response.json()
    return events


def test_twelve_racing_changes_each_report_their_own_version(live: Live) -> None:
    """Twelve clients each make a different representation on one case at once, without If-Match. All twelve
    succeed (no version was named, so none is stale), the trail gains exactly one event per version 2..13, and
    the versions the twelve answers report are exactly 2..13: each client is told the version its own change
    made, not one a later writer had already moved the case on to."""
    reference = _open(live)
    barrier = threading.Barrier(RACERS)

    def race(number: int) -> tuple[int, int | None, str | None, str]:
        with live.server.client(live.caseworker) as client:
            barrier.wait(timeout=BARRIER_TIMEOUT)
            response = client.post(
                f"/v1/cases/{reference}/actions",
                json={
                    "action": "make_representations",
                    "text": f"Racing representation {number}.",
                    "on_behalf_of": "complainant",
                },
            )
        version = response.json().get("version") if response.status_code == 200 else None
        return response.status_code, version, response.headers.get("ETag"), response.text[:300]

    with ThreadPoolExecutor(RACERS) as pool:
        answers = list(pool.map(race, range(RACERS)))

    statuses = [status for status, _, _, _ in answers]
    assert statuses == [200] * RACERS, f"{statuses}: {[text for status, _, _, text in answers if status != 200]}"
    for _, version, tag, _ in answers:
        assert tag == f'"{version}"', f"the ETag {tag} does not name the version in the body, {version}"

    trail = _events(live, reference)
    assert [event["version"] for event in trail] == list(range(1, RACERS + 2)), [e["version"] for e in trail]
    assert [event.get("action") for event in trail[1:]] == ["make_representations"] * RACERS
    with live.server.client(live.caseworker) as client:
        case = client.get(f"/v1/cases/{reference}").json()
    assert case["version"] == RACERS + 1
    assert sorted(item["text"] for item in case["representations"]) == sorted(
        f"Racing representation {number}." for number in range(RACERS)
    )

    reported = sorted(version for _, version, _, _ in answers if version is not None)
    assert reported == list(range(2, RACERS + 2)), (
        f"the twelve answers reported versions {reported}, not {list(range(2, RACERS + 2))}: the stored trail is "
        "right (one event per version 2..13) but some clients were told another writer's version"
    )


def test_twelve_clients_racing_one_trigger_on_one_version_exactly_one_wins(live: Live) -> None:
    """Twelve clients fire ``start_jurisdiction_check`` on version 1 of one case at once, each with If-Match "1".
    Exactly one is answered 200 (at version 2); every other is refused, 412 (the case is no longer at version 1)
    or 409 (it is no longer in ``referred``), and the trail holds exactly one such event."""
    reference = _open(live)
    barrier = threading.Barrier(RACERS)

    def race(_: int) -> tuple[int, int | None]:
        with live.server.client(live.caseworker) as client:
            barrier.wait(timeout=BARRIER_TIMEOUT)
            response = client.post(
                f"/v1/cases/{reference}/transitions",
                json={"trigger": "start_jurisdiction_check"},
                headers={"If-Match": '"1"'},
            )
        return response.status_code, response.json().get("version") if response.status_code == 200 else None

    with ThreadPoolExecutor(RACERS) as pool:
        answers = list(pool.map(race, range(RACERS)))

    statuses = sorted(status for status, _ in answers)
    assert statuses.count(200) == 1, statuses
    assert set(statuses) - {200} <= {409, 412}, statuses
    assert [version for status, version in answers if status == 200] == [2]

    trail = _events(live, reference)
    assert [(event.get("action") or event.get("trigger"), event["version"]) for event in trail] == [
        ("open_case", 1),
        ("start_jurisdiction_check", 2),
    ]
    with live.server.client(live.caseworker) as client:
        case = client.get(f"/v1/cases/{reference}").json()
    assert (case["state"], case["version"]) == ("jurisdiction_check", 2)
