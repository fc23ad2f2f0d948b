"""``verify`` beside ordinary writes: it reads in one snapshot, so a case that moves on while it reads is never
reported as tampered with.

A writer thread keeps opening cases and taking them through real steps (each step a new version and a new event,
committed together) while ``verify`` runs twenty times, and once more through the real CLI. Read in two
snapshots (the cases, then the events, each as of its own statement), a case whose step commits between the
two reads has an event beyond its version, and ``verify`` calls it broken. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from ombudsman.audit import verify
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER
from tests.factories import facts_data

RUNS = 20


def _keep_writing(service: CaseService, stop: threading.Event, done: list[int], failed: list[BaseException]) -> None:
    try:
        while not stop.is_set():
            reference = service.open_case(CASEWORKER, facts_data()).reference
            done.append(1)
            service.act(CASEWORKER, reference, "start_jurisdiction_check")
            done.append(1)
            service.act(CASEWORKER, reference, "accept_jurisdiction", fields={"reasons": "Every DISP 2 test passes."})
            done.append(1)
            for party in ("respondent", "complainant"):
                service.act(
                    CASEWORKER,
                    reference,
                    "make_representations",
                    fields={"text": "Our file.", "on_behalf_of": party},
                )
                done.append(1)
    except BaseException as error:  # reported by the test, which would otherwise pass on a dead writer
        failed.append(error)


@pytest.fixture
def writer(service: CaseService) -> Iterator[list[int]]:
    for _ in range(20):  # cases already there when verify starts, so its reads overlap the writes
        service.open_case(CASEWORKER, facts_data())
    stop, done, failed = threading.Event(), [], []
    thread = threading.Thread(target=_keep_writing, args=(service, stop, done, failed), daemon=True)
    thread.start()
    yield done
    stop.set()
    thread.join(timeout=60)
    assert not failed, failed
    assert not thread.is_alive()


def test_verify_says_intact_every_time_while_cases_are_being_changed(
    engine: Engine, writer: list[int], database_url: str
) -> None:
    seen = []
    for _ in range(RUNS):
        before = len(writer)
        result = verify(engine)
        assert result.intact, result.breaks
        seen.append(result.events)
        for _ in range(1000):  # the next run starts only once another change was committed since this one began
            if len(writer) > before:
                break
            threading.Event().wait(0.01)
    assert len(set(seen)) > RUNS // 2  # the runs saw the book change under them
    done = subprocess.run(
        [sys.executable, "-m", "ombudsman.cli", "audit", "verify", "--database", database_url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "audit trail intact" in done.stdout
