"""The one reader of the system date. Everything else is told the date; tests set it rather than sleep.

A deployment runs on ``SystemClock``; ``OMBUDSMAN_TODAY`` sets the day instead (``SetDayClock``), for a
demonstration, training or the replay of past cases. A production service never sets it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


class Clock(Protocol):
    def now(self) -> datetime: ...

    def today(self) -> date: ...


class SystemClock:
    """Today in Europe/London, from the system clock."""

    def now(self) -> datetime:
        return datetime.now(LONDON)

    def today(self) -> date:
        return self.now().date()


class SetDayClock:
    """A service whose "today" is set (``OMBUDSMAN_TODAY``), for demonstrations, training and replaying past
    cases: every date is judged against that day, while the time of day still runs, so events stay in order."""

    def __init__(self, day: date) -> None:
        self.day = day

    def now(self) -> datetime:
        return datetime.combine(self.day, datetime.now(LONDON).timetz())

    def today(self) -> date:
        return self.day


def clock_for(today: date | None) -> Clock:
    """The clock a service runs on: the system's, or one set to ``today`` when the settings fix the day."""
    return SystemClock() if today is None else SetDayClock(today)


class FixedClock:
    """A clock that says what it is told: for tests, the demo data and a sweep run ``--as-of`` a date."""

    def __init__(self, moment: datetime | date) -> None:
        self.set(moment)

    def set(self, moment: datetime | date) -> None:
        if isinstance(moment, datetime):
            if moment.tzinfo is None:
                raise ValueError("a FixedClock needs a timezone-aware time")
            self._now = moment.astimezone(LONDON)
        else:
            self._now = datetime.combine(moment, time(9, 0), LONDON)

    def advance(self, days: int = 0) -> None:
        self._now += timedelta(days=days)

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return self._now.date()
