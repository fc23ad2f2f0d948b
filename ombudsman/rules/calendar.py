"""Business days in England and Wales, for the windows the engine sets and the payment-services limit."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    # Without subdiv="ENG" the library silently drops Easter Monday and the August bank holiday.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def next_business_day(day: date) -> date:
    """The day itself if it is a business day, else the next one."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def add_business_days(start: date, count: int) -> date:
    """The ``count``-th business day after ``start`` (``start`` itself is not counted)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


def window_end(start: date, days: int) -> date:
    """The last day of a window of ``days`` days set on ``start``, moved off a weekend or bank holiday."""
    return next_business_day(start + timedelta(days=days))
