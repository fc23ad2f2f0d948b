"""A real server on a SQLite file, and the CLI working on the same file at the same time: no "database is
locked" (WAL mode and a busy timeout), over real HTTP."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.live.server import OMBUDSMAN, LiveServer


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    live = LiveServer(f"sqlite:///{tmp_path / 'ombudsman.db'}", tmp_path / "server.log")
    live.reset_schema()
    live.start()
    try:
        yield live
    finally:
        live.stop()


def test_the_cli_seeds_adds_users_and_sweeps_the_file_the_server_is_serving(server: LiveServer) -> None:
    output = server.cli("demo").stdout
    tokens = {line.split()[0]: line.split()[-1] for line in output.splitlines() if line.startswith("  ")}
    with server.client(tokens["caseworker"]) as client:
        sweeper = subprocess.Popen(
            [*OMBUDSMAN, "sweep"], env=server.environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for number in range(20):  # reads and writes over HTTP while the sweep and a users add run
            assert client.get("/v1/cases", params={"limit": 5}).status_code == 200
            if number == 5:
                assert server.cli("users", "add", f"Caseworker {number}", "--role", "caseworker").returncode == 0
        assert sweeper.wait(timeout=60) == 0, sweeper.stderr.read() if sweeper.stderr else ""
        listed = client.get("/v1/cases", params={"limit": 100}).json()["items"]
    assert len(listed) == 19
    firm = httpx.get(
        f"{server.base_url}/v1/cases", headers={"Authorization": f"Bearer {tokens['firm']}"}, timeout=10
    ).json()
    assert firm["items"] and {case["respondent_frn"] for case in firm["items"]} == {"204518"}
