"""``OMBUDSMAN_TODAY`` sets the service's "today" (for demonstrations, training, replaying past cases).

Every date is then judged against that day, while the time of day still runs so events stay in order; a
production service never sets it and runs on the system clock.
"""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine

from ombudsman.clock import LONDON, SetDayClock, SystemClock, clock_for
from ombudsman.errors import InvalidInput
from ombudsman.service import CaseService
from ombudsman.settings import Settings
from tests.conftest import CASEWORKER
from tests.factories import facts_data

DAY = date(2026, 11, 2)


def test_without_a_set_day_the_service_runs_on_the_system_clock() -> None:
    assert isinstance(clock_for(None), SystemClock)


def test_a_set_day_is_today_all_day_and_time_still_runs() -> None:
    clock = clock_for(DAY)
    assert isinstance(clock, SetDayClock) and clock.today() == DAY
    first, second = clock.now(), clock.now()
    assert first.date() == DAY and first.tzinfo is LONDON and second >= first


def test_the_setting_is_read_from_the_environment_strictly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMBUDSMAN_TODAY", "2026-11-02")
    assert Settings().today == DAY
    for malformed in ("1700006400", "2026-11-02T09:00:00", "02/11/2026"):
        monkeypatch.setenv("OMBUDSMAN_TODAY", malformed)
        with pytest.raises(ValidationError):
            Settings()


def test_a_case_is_judged_against_the_set_day(engine: Engine, settings: Settings) -> None:
    service = CaseService(engine, clock_for(DAY), settings)
    with pytest.raises(InvalidInput) as refused:
        service.open_case(CASEWORKER, facts_data(referred_on="2026-11-03"))  # the day after the set day
    assert refused.value.errors == [{"field": "referred_on", "message": "is in the future"}]
    case = service.open_case(CASEWORKER, facts_data(referred_on="2026-11-02"))  # the set day itself
    assert case.reference.startswith("FOS-2026-") and case.opened_at.date() == DAY
