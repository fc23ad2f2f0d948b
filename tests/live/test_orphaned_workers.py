"""Killing the parent of ``ombudsman serve --workers 2`` outright (SIGKILL, as a crash or an out-of-memory kill
does) ends its workers too, within seconds, and frees the port: no worker is left holding it with no one to
watch it. (Stopping the parent gracefully stops them already: ``tests/live/test_workers.py``.)"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live.server import HOST, LiveServer
from tests.live.test_workers import _workers_of

WORKERS = 2
GONE_WITHIN = 10.0  # seconds for every worker to end and the port to be free
POLL = 0.1


def running(pid: int) -> bool:
    """Whether process ``pid`` is still running (an ended one waiting to be reaped, a zombie, is not)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return status.rpartition(")")[2].split()[0] != "Z"


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself binds
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[LiveServer]:
    server = LiveServer(database_url, tmp_path / "server.log", serve_args=("--workers", str(WORKERS)))
    server.reset_schema()
    try:
        yield server
    finally:
        server.stop()


def test_killing_the_parent_ends_its_workers_and_frees_the_port(server: LiveServer) -> None:
    server.start()
    workers = _workers_of(server)
    assert len(workers) >= WORKERS and all(map(running, workers)), f"workers {workers}\n{server.log_tail()}"
    assert server.port is not None
    port = server.port
    try:
        server.kill()  # SIGKILL: the parent runs no code of its own to stop them
        deadline = time.monotonic() + GONE_WITHIN
        while time.monotonic() < deadline and (any(map(running, workers)) or not port_is_free(port)):
            time.sleep(POLL)
        left = [pid for pid in workers if running(pid)]
        assert left == [], f"workers {left} outlived their parent by {GONE_WITHIN:.0f}s\n{server.log_tail()}"
        assert port_is_free(port), f"port {port} is still held\n{server.log_tail()}"
    finally:
        for pid in workers:  # the workers this test started: never leave one behind, whatever happened
            if running(pid):
                os.kill(pid, signal.SIGKILL)


# Where the kernel cannot be asked (not Linux), a thread in the worker watches the parent: through the sentinel
# ``multiprocessing`` gives a spawned process, or else through os.getppid(). Each is run here with the kernel's
# way switched off, in a child of a parent that is then killed.
ROOT = Path(__file__).resolve().parents[2]
CHILD = "from tests.live.test_orphaned_workers import orphan; orphan()"
PARENTS = {
    "spawned by multiprocessing": (
        "import multiprocessing, time\n"
        "from tests.live.test_orphaned_workers import orphan\n"
        "if __name__ == '__main__':\n"
        "    child = multiprocessing.get_context('spawn').Process(target=orphan)\n"
        "    child.start()\n"
        "    print(child.pid, flush=True)\n"
        "    time.sleep(60)\n"
    ),
    "started as a plain process": (
        "import subprocess, sys, time\n"
        f"child = subprocess.Popen([sys.executable, '-c', {CHILD!r}])\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(60)\n"
    ),
}


def orphan() -> None:
    """A worker whose kernel cannot be asked: it watches its parent with the thread, says so, and waits."""
    from ombudsman.api import worker

    worker._kernel_signals_on_parent_death = lambda: False  # type: ignore[assignment]
    worker.end_with_parent()
    print("watching", flush=True)  # on the parent's standard output, which it shares
    time.sleep(60)


@pytest.mark.parametrize("how", PARENTS)
def test_where_the_kernel_cannot_be_asked_a_thread_ends_the_worker_when_its_parent_dies(how: str) -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENTS[how]], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    child = 0
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert parent.stdout.readline() == "watching\n"
        parent.kill()
        parent.wait(timeout=GONE_WITHIN)
        deadline = time.monotonic() + GONE_WITHIN
        while time.monotonic() < deadline and running(child):
            time.sleep(POLL)
        assert not running(child), f"the child outlived its parent by {GONE_WITHIN:.0f}s"
    finally:
        if parent.poll() is None:
            parent.kill()
        if child and running(child):
            os.kill(child, signal.SIGKILL)
