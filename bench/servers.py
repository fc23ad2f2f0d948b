"""Server processes: the engine (``ombudsman serve``) and the bare app, each its own process, served by uvicorn
the same way (``uvicorn.run(app, host, port, log_level="warning")``), on a free port of 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from seeding import BENCH_TODAY

BENCH = Path(__file__).resolve().parent
OMBUDSMAN = Path(sys.executable).with_name("ombudsman")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_environment() -> dict[str, str]:
    """The environment both servers run in: the bench's "today", no SMTP (letters wait in the outbox)."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("OMBUDSMAN_")}
    environment["OMBUDSMAN_TODAY"] = BENCH_TODAY.isoformat()
    return environment


class Server:
    """One server process, started by this run and stopped by it (by its own process handle, nothing broader)."""

    def __init__(self, kind: str, database_url: str, log_dir: Path) -> None:
        self.kind = kind
        self.port = free_port()
        self.log = log_dir / f"{kind}-{self.port}.log"
        if kind == "engine":
            command = [str(OMBUDSMAN), "serve", "--port", str(self.port), "--database", database_url]
        else:
            command = [sys.executable, str(BENCH / "bare_app.py"), "--port", str(self.port), "--database", database_url]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=server_environment())
        self._up = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_until_up(self, timeout: float = 120.0) -> Server:
        """Returns once the server answers /v1/health (servers started together start side by side)."""
        if self._up:
            return self
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the {self.kind} server exited at start: {self.tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/v1/health", timeout=2) as answer:
                    if answer.status == 200:
                        self._up = True
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the {self.kind} server did not answer /v1/health within {timeout:.0f} s: {self.tail()}")

    def rss_mb(self) -> float:
        """The resident set size of the server process (VmRSS of /proc/PID/status), in MB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS in /proc/PID/status")

    def tail(self, lines: int = 15) -> str:
        try:
            return " | ".join(self.log.read_text().strip().splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def __enter__(self) -> Server:
        try:
            return self.wait_until_up()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *_: object) -> None:
        self.stop()
