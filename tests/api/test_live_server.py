"""A real server on a SQLite file, and the CLI working on the same file at the same time: no "database is
locked" (WAL mode and a busy timeout), over real HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

OMBUDSMAN = [sys.executable, "-m", "ombudsman.cli"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _cli(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run([*OMBUDSMAN, *args], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    env = {**os.environ, "OMBUDSMAN_DATABASE_URL": f"sqlite:///{tmp_path / 'ombudsman.db'}"}
    _cli("init-db", env=env)
    port = _free_port()
    process = subprocess.Popen(
        [*OMBUDSMAN, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # bounded: about ten seconds
            try:
                if httpx.get(f"{base}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start")
        yield base, env
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_cli_seeds_adds_users_and_sweeps_the_file_the_server_is_serving(server: tuple[str, dict[str, str]]) -> None:
    base, env = server
    output = _cli("demo", env=env)
    tokens = {line.split()[0]: line.split()[-1] for line in output.splitlines() if line.startswith("  ")}
    headers = {"Authorization": f"Bearer {tokens['caseworker']}"}
    with httpx.Client(base_url=base, headers=headers, timeout=10) as client:
        sweeper = subprocess.Popen([*OMBUDSMAN, "sweep"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for number in range(20):  # reads and writes over HTTP while the sweep and a users add run
            assert client.get("/v1/cases", params={"limit": 5}).status_code == 200
            if number == 5:
                _cli("users", "add", f"Caseworker {number}", "--role", "caseworker", env=env)
        assert sweeper.wait(timeout=60) == 0, sweeper.stderr.read() if sweeper.stderr else ""
        listed = client.get("/v1/cases", params={"limit": 100}).json()["items"]
    assert len(listed) == 19
    firm = httpx.get(f"{base}/v1/cases", headers={"Authorization": f"Bearer {tokens['firm']}"}, timeout=10).json()
    assert firm["items"] and {case["respondent_frn"] for case in firm["items"]} == {"204518"}
