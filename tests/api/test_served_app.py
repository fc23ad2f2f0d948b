"""The app as ``ombudsman serve`` runs it: what start-up made left out of later garbage collections, the youngest
collected less often, and its requests worked on ``OMBUDSMAN_SERVER_THREADS`` at a time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ombudsman.api.app import YOUNGEST_COLLECTED_EVERY

SCRIPT = """
import asyncio
import gc

import anyio.to_thread
from ombudsman.api.app import create_app, served_app
from ombudsman.service import service_for
from ombudsman.settings import Settings

service = service_for(Settings())
create_app(service)
print(gc.get_freeze_count(), gc.get_threshold()[0])
app = served_app(service)
print(gc.get_freeze_count(), gc.get_threshold()[0])


async def started() -> int:
    async with app.router.lifespan_context(app):
        return anyio.to_thread.current_default_thread_limiter().total_tokens


print(asyncio.run(started()))
"""


def _served(tmp_path: Path, **settings: str) -> tuple[int, int, int, int, int]:
    environment = {**os.environ, "OMBUDSMAN_DATABASE_URL": f"sqlite:///{tmp_path / 'served.db'}", **settings}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=environment, capture_output=True, text=True, timeout=120, check=True
    )
    built, built_threshold, served, served_threshold, threads = (int(word) for word in done.stdout.split())
    return built, built_threshold, served, served_threshold, threads


def test_a_served_app_freezes_what_start_up_made_and_a_built_one_does_not(tmp_path: Path) -> None:
    built, built_threshold, served, served_threshold, threads = _served(tmp_path)
    assert (built, built_threshold) == (0, 700)  # create_app alone (as the tests build it) leaves collection be
    assert served > 10_000  # the modules, rules, templates and schemas of start-up
    assert served_threshold == YOUNGEST_COLLECTED_EVERY
    assert threads == 4  # the default


def test_a_served_app_works_on_as_many_requests_at_once_as_the_setting_says(tmp_path: Path) -> None:
    assert _served(tmp_path, OMBUDSMAN_SERVER_THREADS="2")[-1] == 2
