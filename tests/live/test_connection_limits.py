"""One client holding many half-open connections does not make the real server unreachable.

``ombudsman serve`` runs with a limit of 50 connections (``OMBUDSMAN_SERVER_CONNECTIONS``) and a 2-second time to
send a whole request head (``OMBUDSMAN_SERVER_HEADER_SECONDS``). A client opens 120 connections to it from
127.0.0.1 and on each sends the start of a request and nothing more (as a slow or hostile client does). Meanwhile
a normal request is answered at once, 200 or a quick 503, never a hang, and the server does not crash; once the
head time has passed the server has closed the half-open connections itself, and once they are closed a normal
request is answered 200 again. Every wait is bounded. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import select
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.live.server import HOST, LiveServer

LIMIT = 50
HALF_OPEN = 120
HEAD_SECONDS = 2
QUICK = 3.0  # seconds: an answer slower than this while the connections are held counts as a hang


@pytest.fixture
def limited(database_url: str, tmp_path: Path) -> Iterator[LiveServer]:
    server = LiveServer(
        database_url,
        tmp_path / "server.log",
        settings={
            "OMBUDSMAN_SERVER_CONNECTIONS": str(LIMIT),
            "OMBUDSMAN_SERVER_HEADER_SECONDS": str(HEAD_SECONDS),
        },
    )
    server.reset_schema()
    try:
        server.start()
        yield server
    finally:
        server.stop()


def _half_open(port: int) -> socket.socket:
    connection = socket.create_connection((HOST, port), timeout=QUICK)
    connection.sendall(b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # and then nothing more
    return connection


def _health(server: LiveServer) -> int:
    with httpx.Client(base_url=server.base_url, timeout=QUICK, trust_env=False) as client:
        return client.get("/v1/health").status_code


def _still_held(connections: list[socket.socket], seconds: float) -> list[socket.socket]:
    """The connections the server has not closed within ``seconds`` (one bounded wait for them all)."""
    waiting = list(connections)
    deadline = time.monotonic() + seconds
    while waiting and (left := deadline - time.monotonic()) > 0:
        readable, _, _ = select.select(waiting, [], [], left)
        for connection in readable:
            try:
                closed = connection.recv(1024) == b""
            except (ConnectionResetError, BrokenPipeError):
                closed = True
            if closed:
                waiting.remove(connection)
    return waiting


def test_half_open_connections_neither_hang_nor_crash_the_server_and_are_closed_by_it(
    limited: LiveServer,
) -> None:
    assert limited.port is not None
    held = [_half_open(limited.port) for _ in range(HALF_OPEN)]
    try:
        started = time.monotonic()
        status = _health(limited)  # a timeout here raises: the test fails on a hang
        assert status in (200, 503), status
        assert time.monotonic() - started < QUICK
        assert limited.running, limited.log_tail()
        # The server closes every half-open connection itself once the head time has passed (bounded wait).
        still_open = _still_held(held, HEAD_SECONDS + 2 * QUICK)
        assert not still_open, f"{len(still_open)} of {HALF_OPEN} half-open connections were still held"
        assert _health(limited) == 200
    finally:
        for connection in held:
            connection.close()
    assert _health(limited) == 200
    assert limited.running, limited.log_tail()


def test_a_request_beyond_the_connection_limit_is_answered_503_at_once(limited: LiveServer) -> None:
    assert limited.port is not None
    held = [_half_open(limited.port) for _ in range(LIMIT)]
    try:
        time.sleep(0.2)  # let the server accept them all (a bounded pause for the kernel, not the clock)
        started = time.monotonic()
        assert _health(limited) == 503
        assert time.monotonic() - started < QUICK
    finally:
        for connection in held:
            connection.close()
    deadline = time.monotonic() + QUICK
    status = _health(limited)
    while status != 200 and time.monotonic() < deadline:
        status = _health(limited)
    assert status == 200
