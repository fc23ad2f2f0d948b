"""Four server processes on one port and one database, under load from many clients at once, lose nothing.

``ombudsman serve --workers 4`` runs the way a deployment does (the real clock, a real port, PostgreSQL or a
SQLite file). Sixteen clients at once open cases and make representations on a few shared cases. Every answer
the clients were given is in the database afterwards: each case a 201 named exists with its facts, each change
answered 200 is in the trail at the version it was told, each version names exactly one event, and the audit
trail verifies intact.
"""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from ombudsman.clock import SystemClock
from tests.live.server import LiveServer, case_body

WORKERS = 4
CLIENTS = 16
OPENED_PER_CLIENT = 4
CHANGES_PER_CLIENT = 6
SHARED_CASES = 3
BARRIER_TIMEOUT = 60.0


def _workers_of(server: LiveServer) -> list[int]:
    """The process ids of the server's children (its workers), as the kernel lists them."""
    assert server.process is not None
    pid = server.process.pid
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in children.read_text().split()] if children.exists() else []


@pytest.fixture
def workers(database_url: str, tmp_path: Path) -> Any:
    server = LiveServer(database_url, tmp_path / "server.log", serve_args=("--workers", str(WORKERS)))
    server.reset_schema()
    try:
        server.launch()
        token = server.add_user("Priya Shah", "caseworker")
        server.wait_until_ready()
        yield server, token
    finally:
        server.stop()


def test_four_workers_under_load_lose_nothing_and_apply_one_change_per_version(workers: Any) -> None:
    server, token = workers
    assert len(_workers_of(server)) >= WORKERS, f"the server runs {_workers_of(server)}\n{server.log_tail()}"
    today = SystemClock().today()
    with server.client(token) as client:
        opened = [client.post("/v1/cases", json=case_body(today, f"Shared {n}")) for n in range(SHARED_CASES)]
    shared = [answer.json()["reference"] for answer in opened]
    start = threading.Barrier(CLIENTS)

    def load(number: int) -> tuple[list[tuple[int, str]], list[tuple[int, str, int | None]]]:
        opened: list[tuple[int, str]] = []
        changed: list[tuple[int, str, int | None]] = []
        with server.client(token) as client:
            start.wait(timeout=BARRIER_TIMEOUT)
            for turn in range(max(OPENED_PER_CLIENT, CHANGES_PER_CLIENT)):
                if turn < OPENED_PER_CLIENT:
                    name = f"Client {number} case {turn}"
                    answer = client.post("/v1/cases", json=case_body(today, name))
                    opened.append((answer.status_code, answer.json().get("reference", answer.text) + "|" + name))
                if turn < CHANGES_PER_CLIENT:
                    reference = shared[(number + turn) % SHARED_CASES]
                    answer = client.post(
                        f"/v1/cases/{reference}/actions",
                        json={
                            "action": "make_representations",
                            "text": f"Client {number}, turn {turn}.",
                            "on_behalf_of": "complainant",
                        },
                    )
                    version = answer.json().get("version") if answer.status_code == 200 else None
                    changed.append((answer.status_code, reference, version))
        return opened, changed

    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(load, range(CLIENTS)))
    opened = [item for result in results for item in result[0]]
    changed = [item for result in results for item in result[1]]
    assert Counter(status for status, _ in opened) == {201: CLIENTS * OPENED_PER_CLIENT}, server.log_tail()
    assert Counter(status for status, _, _ in changed) == {200: CLIENTS * CHANGES_PER_CLIENT}, server.log_tail()

    with server.client(token) as client:
        for status_and_name in opened:
            reference, name = status_and_name[1].split("|")
            case = client.get(f"/v1/cases/{reference}")
            assert case.status_code == 200 and case.json()["parties"]["complainant"]["name"] == name
        for reference in shared:
            trail = client.get(f"/v1/cases/{reference}/events").json()
            versions = [event["version"] for event in trail]
            told = sorted(version for _, at, version in changed if at == reference)
            assert versions == list(range(1, len(told) + 2)), versions  # one event per version, none missing
            assert told == versions[1:], "each client was told the version its own change made"
    verified = server.cli("audit", "verify")
    assert verified.returncode == 0 and "intact" in verified.stdout, verified.stdout + verified.stderr
    assert f"{CLIENTS * OPENED_PER_CLIENT + SHARED_CASES} cases" in verified.stdout, verified.stdout
