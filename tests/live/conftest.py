"""A live server per test, on a fresh SQLite file and on PostgreSQL (``database_url`` of ``tests/conftest.py``).

The PostgreSQL database is shared by the whole run, so each test drops the schema and makes it again with the
real ``ombudsman init-db`` before the server starts. The server is stopped after the test whatever happened.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.live.server import LiveServer


@dataclass(frozen=True)
class Live:
    """A running server and a caseworker's token for it, made with the real CLI."""

    server: LiveServer
    caseworker: str


@pytest.fixture
def live(database_url: str, tmp_path: Path) -> Iterator[Live]:
    """A server on a clean schema, answering /v1/health, and a caseworker made by ``ombudsman users add`` while
    the server was starting; stopped after the test (killed if it will not stop)."""
    server = LiveServer(database_url, tmp_path / "server.log")
    server.reset_schema()
    try:
        server.launch()
        caseworker = server.add_user("Priya Shah", "caseworker")
        server.wait_until_ready()
        yield Live(server, caseworker)
    finally:
        server.stop()
