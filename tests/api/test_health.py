"""``GET /v1/health``: ok where the database answers, 503 naming the database where it does not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from ombudsman.api import create_app
from ombudsman.clock import FixedClock
from ombudsman.db import make_engine, unreachable
from ombudsman.service import CaseService


def test_health_is_ok_where_the_database_answers(service: CaseService) -> None:
    assert unreachable(service.engine) is None
    answer = TestClient(create_app(service)).get("/v1/health")
    assert (answer.status_code, answer.json()) == (200, {"status": "ok", "database": "ok"})


def test_health_is_503_and_says_why_where_the_database_cannot_be_reached(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'no such folder' / 'ombudsman.db'}")
    problem = unreachable(engine)
    assert problem is not None and problem.startswith("OperationalError: ") and "unable to open" in problem
    answer = TestClient(create_app(CaseService(engine, FixedClock(date(2026, 11, 2))))).get("/v1/health")
    assert (answer.status_code, answer.json()) == (503, {"status": "unavailable", "database": "unreachable"})
