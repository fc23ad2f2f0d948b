"""The app as ``ombudsman serve`` runs it leaves what start-up made out of later garbage collections."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import gc
from ombudsman.api.app import create_app, served_app
from ombudsman.service import service_for
from ombudsman.settings import Settings

service = service_for(Settings())
create_app(service)
print(gc.get_freeze_count())
served_app(service)
print(gc.get_freeze_count())
"""


def test_a_served_app_freezes_what_start_up_made_and_a_built_one_does_not(tmp_path: Path) -> None:
    environment = {**os.environ, "OMBUDSMAN_DATABASE_URL": f"sqlite:///{tmp_path / 'served.db'}"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=environment, capture_output=True, text=True, timeout=120, check=True
    )
    built, served = (int(line) for line in done.stdout.split())
    assert built == 0  # create_app alone (as the tests build it) leaves collection as it was
    assert served > 10_000  # the modules, rules, templates and schemas of start-up
