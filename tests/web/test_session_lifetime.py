"""A session ends ``OMBUDSMAN_SESSION_MAX_HOURS`` after signing in, however recently it was used (the service's
clock is set, never slept on)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ombudsman.clock import FixedClock
from ombudsman.service import CaseService
from ombudsman.settings import Settings
from tests.web.test_pages import signed_in


def test_a_session_in_use_ends_at_its_lifetime_and_the_next_page_asks_to_sign_in_again(
    service: CaseService, clock: FixedClock
) -> None:
    client = signed_in(service, clock)
    began = clock.now()
    lifetime = timedelta(hours=service.settings.session_max_hours)
    step = timedelta(minutes=service.settings.session_idle_minutes - 1)  # never idle for long enough to end it
    while clock.now() + step < began + lifetime - timedelta(minutes=1):
        clock.set(clock.now() + step)
        assert client.get("/cases", follow_redirects=False).status_code == 200, clock.now() - began
    clock.set(began + lifetime - timedelta(minutes=1))
    assert client.get("/cases", follow_redirects=False).status_code == 200  # the minute before: still signed in
    clock.set(began + lifetime + timedelta(minutes=1))
    answer = client.get("/cases", follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/login")  # the minute after: sign in again


def test_the_lifetime_is_set_by_its_variable(
    service: CaseService, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OMBUDSMAN_SESSION_MAX_HOURS", "1")
    client = signed_in(CaseService(service.engine, clock, Settings(database_url=service.settings.database_url)), clock)
    clock.set(clock.now() + timedelta(minutes=29))
    assert client.get("/cases", follow_redirects=False).status_code == 200
    clock.set(clock.now() + timedelta(minutes=29))
    assert client.get("/cases", follow_redirects=False).status_code == 200
    clock.set(clock.now() + timedelta(minutes=3))  # 61 minutes after signing in, 3 after last use
    assert client.get("/cases", follow_redirects=False).status_code == 303
