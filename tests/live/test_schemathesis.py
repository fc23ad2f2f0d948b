"""schemathesis against a live server, on SQLite and on PostgreSQL, with the real clock: no failure of any kind.

Every check schemathesis has (``--checks all``: no server error; status, content type, headers and body as
documented; data the schema forbids refused; data it allows accepted; authentication not ignored; a 405 listing
the methods a path takes; ...), both generation modes, and every phase, the stateful one following the OpenAPI
links from a new case to reading it, firing its triggers and reading its trail. The settings that are the API's
own (which answers are right for a request the schema allows) are in ``schemathesis.toml`` beside this file,
with the reason for each.

Bounded so it belongs in the ordinary test command: ``SCHEMATHESIS_EXAMPLES`` examples an operation (default
15) and a fixed seed (``SCHEMATHESIS_SEED``, default 1), so a failure can be replayed exactly.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ombudsman.clock import SystemClock
from tests.live.conftest import Live
from tests.live.server import case_body

CONFIG = Path(__file__).with_name("schemathesis.toml")
EXAMPLES = os.environ.get("SCHEMATHESIS_EXAMPLES", "15")
SEED = os.environ.get("SCHEMATHESIS_SEED", "1")


def test_schemathesis_finds_nothing_wrong_with_the_live_api(live: Live, tmp_path: Path) -> None:
    token = live.server.add_user("Schemathesis", "ombudsman")
    with live.server.client(live.caseworker) as client:  # a case to start from, as a user would have
        assert client.post("/v1/cases", json=_a_case()).status_code == 201
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file",
        str(CONFIG),
        "--no-color",
        "run",
        f"{live.server.base_url}/openapi.json",
        "--checks",
        "all",
        "--mode",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--header",
        f"Authorization: Bearer {token}",
        "--max-examples",
        EXAMPLES,
        "--seed",
        SEED,
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--generation-database",
        "none",
        "--report-dir",
        str(tmp_path / "report"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=tmp_path, check=False)
    summary = done.stdout[done.stdout.find("=== SUMMARY") :] or done.stdout[-3000:]
    assert done.returncode == 0, f"{done.stdout[-20000:]}\n{done.stderr[-3000:]}"
    assert "passed" in summary and "failures" not in summary.lower(), summary
    assert "Traceback" not in live.server.log_text(), live.server.log_tail()


def _a_case() -> dict[str, object]:
    return case_body(SystemClock().today())
