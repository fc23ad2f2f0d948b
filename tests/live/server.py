"""The real server, run the way a deployment runs it: ``python -m ombudsman.cli serve`` in a process of its own.

It keeps the real system clock (``OMBUDSMAN_TODAY`` is removed from its environment), listens on a free port of
127.0.0.1 only, and writes its stderr to a log file a test can read. Users are made with the real CLI. It can be
stopped gracefully (SIGTERM, as a process manager does) or killed outright (SIGKILL, as a crash or an OOM kill
does). Every wait here is bounded both in attempts and in seconds.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import httpx

from ombudsman.db import drop_schema, make_engine

OMBUDSMAN = [sys.executable, "-m", "ombudsman.cli"]
HOST = "127.0.0.1"
REQUEST_TIMEOUT = 10.0  # seconds, for every request a live test makes
START_TIMEOUT = 30.0  # seconds for the server to answer /v1/health
HEALTH_POLLS = 300  # and at most this many polls in that time
STOP_TIMEOUT = 10.0  # seconds for a graceful stop before it is killed instead
CLI_TIMEOUT = 60.0  # seconds for one CLI command
EXCEPTION_LINE = re.compile(r"^[\w.]+(Error|Exception)\b.*:")  # "sqlalchemy.exc.DataError: (...) ..."
PORT_ATTEMPTS = 3  # a free port can be taken between finding it and binding it: try a new one, this many times


def free_port() -> int:
    """A port nothing on 127.0.0.1 is listening on now (the kernel picks it when we bind to port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def case_body(today: date, complainant: str = "Ann Example") -> dict[str, Any]:
    """The body of README's ``curl`` example, with its dates moved to just before ``today``.

    The final response came 43 days before the referral and mentioned the time limit, so the case is in time
    (DISP 2.8.2R) and the respondent has had its time (DISP 2.8.1R): ``start_jurisdiction_check`` may fire.
    """
    referred_on = today - timedelta(days=30)
    final_response_sent_on = referred_on - timedelta(days=43)
    complained_on = final_response_sent_on - timedelta(days=49)
    event_date = complained_on - timedelta(days=120)
    return {
        "complainant": {"name": complainant, "kind": "consumer", "relationship": "customer"},
        "respondent": {"name": "Example Bank plc", "frn": "123456", "kind": "firm"},
        "activity": "regulated_activity",
        "establishment": "uk",
        "event_date": event_date.isoformat(),
        "complained_to_respondent_on": complained_on.isoformat(),
        "final_response_sent_on": final_response_sent_on.isoformat(),
        "final_response_mentioned_time_limit": True,
        "referred_on": referred_on.isoformat(),
    }


class ServerFailed(AssertionError):
    """The server did not start, or did not stop; the message carries the tail of its log."""


class LiveServer:
    """One server process on one database, restartable on the same database after a stop or a kill."""

    def __init__(
        self,
        database_url: str,
        log_path: Path,
        *,
        settings: dict[str, str] | None = None,
        serve_args: tuple[str, ...] = (),
    ) -> None:
        self.database_url = database_url
        self.log_path = log_path
        self.settings = dict(settings or {})  # more OMBUDSMAN_* settings, as a deployment's environment sets them
        self.serve_args = serve_args  # more options of `ombudsman serve`, such as --workers 4
        self.port: int | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    # --- the environment and the CLI ------------------------------------------------------------------------

    def environment(self) -> dict[str, str]:
        """This process's environment, on this database, with the real clock: no ``OMBUDSMAN_TODAY``."""
        env = {key: value for key, value in os.environ.items() if key != "OMBUDSMAN_TODAY"}
        env["OMBUDSMAN_DATABASE_URL"] = self.database_url
        env.update(self.settings)
        return env

    def cli(self, *args: str, timeout: float = CLI_TIMEOUT) -> subprocess.CompletedProcess[str]:
        """Run ``python -m ombudsman.cli ARGS`` on this database; the caller judges the return code."""
        return subprocess.run(
            [*OMBUDSMAN, *args],
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def _cli_ok(self, *args: str) -> str:
        done = self.cli(*args)
        if done.returncode != 0:
            raise AssertionError(
                f"`ombudsman {' '.join(args)}` failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
            )
        return done.stdout

    def reset_schema(self) -> None:
        """A clean schema: drop every table (the PostgreSQL database is shared by the run), then ``init-db``."""
        engine = make_engine(self.database_url)
        try:
            drop_schema(engine)
        finally:
            engine.dispose()
        self._cli_ok("init-db")

    def add_user(self, name: str, role: str, frn: str | None = None) -> str:
        """Make a user with ``ombudsman users add``; their token is the last line it prints."""
        args = ["users", "add", name, "--role", role, *(["--frn", frn] if frn else [])]
        lines = self._cli_ok(*args).strip().splitlines()
        assert lines, f"`ombudsman {' '.join(args)}` printed no token"
        return lines[-1].strip()

    def add_user_for_case(self, name: str, reference: str) -> str:
        """Make a complainant who may see the one case ``reference``; their token is the last line printed."""
        lines = self._cli_ok("users", "add", name, "--role", "complainant", "--case", reference).strip().splitlines()
        assert lines, "`ombudsman users add` printed no token"
        return lines[-1].strip()

    @staticmethod
    def no_such_command(done: subprocess.CompletedProcess[str]) -> bool:
        """Whether a CLI run failed only because the CLI has no such command (click's usage error, exit 2)."""
        return done.returncode == 2 and "No such command" in done.stderr

    # --- running ---------------------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def base_url(self) -> str:
        assert self.port is not None, "the server has not been started"
        return f"http://{HOST}:{self.port}"

    def client(self, token: str | None = None) -> httpx.Client:
        """An HTTP client for this server only: a timeout on every request, no proxies from the environment."""
        return httpx.Client(
            base_url=self.base_url,
            headers=bearer(token) if token else {},
            timeout=REQUEST_TIMEOUT,
            trust_env=False,
        )

    def start(self) -> None:
        """Start ``serve`` on a free port and wait (bounded) until ``GET /v1/health`` answers 200."""
        self.launch()
        self.wait_until_ready()

    def launch(self) -> None:
        """Start ``serve`` on a free port without waiting: the caller may do other work (make users) meanwhile."""
        assert not self.running, "the server is already running"
        self.port = free_port()
        self._log = self.log_path.open("ab")
        self._log.write(f"--- starting the server on port {self.port} ---\n".encode())
        self._log.flush()
        self.process = subprocess.Popen(
            [*OMBUDSMAN, "serve", "--host", HOST, "--port", str(self.port), *self.serve_args],
            env=self.environment(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )

    def wait_until_ready(self) -> None:
        """Wait (bounded) until the launched server answers ``GET /v1/health`` with 200; if its port was taken
        in the moment between finding it and binding it, launch again on another, at most ``PORT_ATTEMPTS``."""
        for attempt in range(1, PORT_ATTEMPTS + 1):
            if self._wait_until_healthy():
                return
            if self.running:  # it is up but never answered: that is a failure, not a port clash
                self.kill()
                raise ServerFailed(f"the server did not answer /v1/health in {START_TIMEOUT:.0f}s\n{self.log_tail()}")
            code = self._finish()
            if "address already in use" not in self.log_text().lower() or attempt == PORT_ATTEMPTS:
                raise ServerFailed(f"the server exited with {code} on starting\n{self.log_tail()}")
            self.launch()

    def _wait_until_healthy(self) -> bool:
        deadline = time.monotonic() + START_TIMEOUT
        with httpx.Client(base_url=self.base_url, timeout=1.0, trust_env=False) as probe:
            for _poll in range(HEALTH_POLLS):
                if not self.running or time.monotonic() > deadline:
                    return False
                try:
                    if probe.get("/v1/health").status_code == 200:
                        return True
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
        return False

    def stop(self) -> int | None:
        """Stop gracefully (SIGTERM), killing it if it takes longer than ``STOP_TIMEOUT``; its return code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.kill()
                raise ServerFailed(f"the server did not stop in {STOP_TIMEOUT:.0f}s\n{self.log_tail()}") from None
        return self._finish()

    def kill(self) -> int | None:
        """Kill it with SIGKILL, as a crash would: no shutdown code runs, connections just drop."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=STOP_TIMEOUT)
        return self._finish()

    def _finish(self) -> int | None:
        code = self._returncode()
        self.process = None
        self._close_log()
        return code

    def _returncode(self) -> int | None:
        return self.process.returncode if self.process is not None else None

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    # --- the log ---------------------------------------------------------------------------------------------

    def log_text(self) -> str:
        """Everything the server has written to stderr, over every start, so far."""
        if self._log is not None:
            self._log.flush()
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def log_tail(self, lines: int = 40) -> str:
        """The end of the log, for a failure message, with the exception lines it holds put first.

        A 500's traceback is written as the response goes out, so it may land just after the client has the
        answer: wait (at most a second) for the log to stop growing before reading it."""
        size = -1
        for _ in range(10):
            now = self.log_path.stat().st_size if self.log_path.exists() else 0
            if now == size:
                break
            size = now
            time.sleep(0.1)
        text = self.log_text().splitlines()
        errors = [line for line in text if EXCEPTION_LINE.match(line)]
        tail = "\n".join(text[-lines:])
        summary = "".join(f"server error: {line}\n" for line in errors[-3:])
        return f"{summary}--- server log ({self.log_path}), last {lines} lines ---\n{tail}"

    def __enter__(self) -> LiveServer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()
