"""A server killed with SIGKILL in the middle of writing loses nothing it acknowledged and leaves nothing half-made.

A deployment's process can die at any instant: the OOM killer, a node lost, ``kill -9``. No shutdown code runs
and the database sees connections drop mid-transaction. What a client was told succeeded (201 or 200) must be
in the database afterwards, and whatever the database holds must be whole, because every use case is one
transaction: a case with its two parties, its ``open_case`` event and its acknowledgement letter, and one audit
event per version with no gaps.
"""

from __future__ import annotations

import signal
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

import httpx
from sqlmodel import Session, select

from ombudsman.clock import SystemClock
from ombudsman.db import make_engine
from ombudsman.models import AuditEvent, Case, Letter, Party, Representation
from tests.live.conftest import Live
from tests.live.server import LiveServer, case_body

WRITERS = 4
LOAD_SECONDS = 3.0  # each writer stops after this long, or at its first transport error once the server is dead
MAX_ROUNDS = 2_000  # and after at most this many rounds (a case and a representation each)
KILL_AFTER_ACKNOWLEDGED = 40  # kill once this many writes were acknowledged...
KILL_BY_SECONDS = 1.5  # ...or after this long, whichever comes first: in the middle of the load either way


@dataclass
class Writer:
    """What one client thread was told: each acknowledged reference and the highest version acknowledged."""

    acknowledged: dict[str, int] = field(default_factory=dict)
    represented: set[str] = field(default_factory=set)  # cases with an acknowledged representation
    unexpected: list[str] = field(default_factory=list)  # any answer but 201/200 while the server was up
    transport_errors: int = 0


def _write_until_killed(
    server: LiveServer, token: str, number: int, start: threading.Barrier, record: Writer, tally: threading.Semaphore
) -> None:
    today = SystemClock().today()
    with server.client(token) as client:
        start.wait(timeout=30)
        deadline = time.monotonic() + LOAD_SECONDS
        for round_ in range(MAX_ROUNDS):
            if time.monotonic() > deadline:
                return
            try:
                opened = client.post("/v1/cases", json=case_body(today, f"Writer {number} case {round_}"))
                if opened.status_code != 201:
                    record.unexpected.append(f"POST /v1/cases: {opened.status_code} {opened.text[:300]}")
                    return
                reference, version = opened.json()["reference"], opened.json()["version"]
                record.acknowledged[reference] = version
                tally.release()
                changed = client.post(
                    f"/v1/cases/{reference}/actions",
                    json={
                        "action": "make_representations",
                        "text": f"Representation from writer {number}, round {round_}.",
                        "on_behalf_of": "complainant",
                    },
                )
                if changed.status_code != 200:
                    record.unexpected.append(f"make_representations: {changed.status_code} {changed.text[:300]}")
                    return
                record.acknowledged[reference] = changed.json()["version"]
                record.represented.add(reference)
                tally.release()
            except httpx.TransportError:  # the server is gone: nothing more can be acknowledged
                record.transport_errors += 1
                return


def _kill_mid_load(server: LiveServer, tally: threading.Semaphore) -> float:
    """Wait for enough acknowledged writes (bounded), then SIGKILL the server; the seconds it waited."""
    began = time.monotonic()
    for _ in range(KILL_AFTER_ACKNOWLEDGED):
        left = KILL_BY_SECONDS - (time.monotonic() - began)
        if left <= 0 or not tally.acquire(timeout=left):
            break
    server.kill()
    return time.monotonic() - began


def test_sigkill_under_write_load_loses_no_acknowledged_change_and_leaves_no_half_written_case(live: Live) -> None:
    """Four clients open cases and make a representation on each; the server is SIGKILLed mid-load. Read straight
    from the database afterwards, every acknowledged case is there at no less than its acknowledged version,
    every case is whole (two parties, ``open_case``, an acknowledgement letter, events 1..version with no gap, a
    stored representation for each representation event), and a restarted server reads every case back."""
    server = live.server
    writers = [Writer() for _ in range(WRITERS)]
    start = threading.Barrier(WRITERS + 1)
    tally = threading.Semaphore(0)
    threads = [
        threading.Thread(target=_write_until_killed, args=(server, live.caseworker, n, start, writers[n], tally))
        for n in range(WRITERS)
    ]
    for thread in threads:
        thread.start()
    start.wait(timeout=30)
    waited = _kill_mid_load(server, tally)
    for thread in threads:
        thread.join(timeout=LOAD_SECONDS + 15)
    assert not any(thread.is_alive() for thread in threads), "a writer did not stop"

    unexpected = [answer for writer in writers for answer in writer.unexpected]
    assert not unexpected, f"answers other than 201/200 before the kill: {unexpected[:5]}\n{server.log_tail()}"
    acknowledged = {ref: version for writer in writers for ref, version in writer.acknowledged.items()}
    represented = {ref for writer in writers for ref in writer.represented}
    assert len(acknowledged) >= WRITERS, f"too little was acknowledged before the kill ({waited:.1f}s) to prove much"
    assert sum(writer.transport_errors for writer in writers) >= 1, "the kill did not land while clients were writing"

    # With no server running: the database as the crash left it.
    engine = make_engine(server.database_url)
    try:
        with Session(engine) as session:
            cases = {case.reference: case for case in session.exec(select(Case)).all()}
            ids = {case.id: case.reference for case in cases.values()}
            parties: dict[str, list[str]] = defaultdict(list)
            for party in session.exec(select(Party)).all():
                parties[ids[party.case_id]].append(party.role)
            events: dict[str, list[AuditEvent]] = defaultdict(list)
            for event in session.exec(select(AuditEvent)).all():
                events[ids[event.case_id]].append(event)
            letters: dict[str, list[str]] = defaultdict(list)
            for letter in session.exec(select(Letter)).all():
                letters[ids[letter.case_id]].append(letter.kind)
            stored: dict[str, int] = defaultdict(int)
            for representation in session.exec(select(Representation)).all():
                stored[ids[representation.case_id]] += 1
    finally:
        engine.dispose()

    lost = sorted(set(acknowledged) - set(cases))
    assert not lost, f"acknowledged cases missing after the crash: {lost}"
    behind = {
        ref: (cases[ref].version, version) for ref, version in acknowledged.items() if cases[ref].version < version
    }
    assert not behind, f"cases behind their acknowledged version (stored, acknowledged): {behind}"
    unrecorded = [ref for ref in represented if stored[ref] < 1]
    assert not unrecorded, f"acknowledged representations missing: {unrecorded}"

    for reference, case in cases.items():
        trail = sorted(events[reference], key=lambda event: event.version)
        assert sorted(parties[reference]) == ["complainant", "respondent"], (reference, parties[reference])
        assert trail and (trail[0].name, trail[0].version) == ("open_case", 1), (reference, trail[:1])
        assert "acknowledgement" in letters[reference], (reference, letters[reference])
        assert [event.version for event in trail] == list(range(1, case.version + 1)), (
            f"{reference} is at version {case.version} but its events are {[event.version for event in trail]}"
        )
        assert stored[reference] == sum(event.name == "make_representations" for event in trail), reference
        assert trail[-1].to_state == case.state, reference

    # The same database, served again: it answers, reads back every case as stored, and takes new writes.
    server.start()
    with server.client(live.caseworker) as client:
        assert client.get("/v1/health").json() == {"status": "ok", "database": "ok"}
        for reference, case in cases.items():
            read = client.get(f"/v1/cases/{reference}")
            assert read.status_code == 200, (reference, read.text)
            assert (read.json()["version"], read.json()["state"]) == (case.version, case.state), reference
        after = client.post("/v1/cases", json=case_body(SystemClock().today(), "After the crash"))
        assert after.status_code == 201, after.text
        assert after.json()["reference"] not in cases

    # `ombudsman audit verify` (the tamper-evident trail) is being added. Where the CLI has it, the trail the crash
    # left must verify; where it has not yet, this one check is left out (no skip: everything above still stands).
    verified = server.cli("audit", "verify")
    if not server.no_such_command(verified):
        assert verified.returncode == 0, f"audit verify failed:\n{verified.stdout}\n{verified.stderr}"

    # uvicorn re-raises the SIGTERM it shut down on, so a graceful stop (within STOP_TIMEOUT) exits -SIGTERM or 0.
    assert server.stop() in {0, -signal.SIGTERM}, f"the restarted server did not stop cleanly\n{server.log_tail()}"
    assert "Traceback" not in server.log_text(), server.log_tail()
