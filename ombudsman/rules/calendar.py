"""Business days: not a weekend, nor a bank holiday in the part of the United Kingdom concerned.

DISP 2.8.1R(2A) counts the respondent's time for a payment-services complaint in business days, and a business day
is one that is not a bank holiday where the respondent's establishment is: England and Wales, Scotland (2 January,
St Andrew's Day, the first Monday of August; no Easter Monday) or Northern Ireland (St Patrick's Day, 12 July).
The windows the engine sets for its own staff and the parties count England and Wales, the default.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays

from ombudsman.rules.facts import UkNation

# The subdivision of holidays.GB for each part of the UK. Wales's bank holidays are England's, so "ENG" serves both.
# Without a subdivision the library silently drops Easter Monday and the August bank holiday.
SUBDIVISION = {
    UkNation.england_and_wales: "ENG",
    UkNation.scotland: "SCT",
    UkNation.northern_ireland: "NIR",
}

NATION_IN_WORDS = {
    UkNation.england_and_wales: "England and Wales",
    UkNation.scotland: "Scotland",
    UkNation.northern_ireland: "Northern Ireland",
}


@cache
def _bank_holidays(year: int, nation: UkNation) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv=SUBDIVISION[nation], years=year).keys())


def is_business_day(day: date, *, nation: UkNation = UkNation.england_and_wales) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year, nation)


def next_business_day(day: date, *, nation: UkNation = UkNation.england_and_wales) -> date:
    """The day itself if it is a business day, else the next one."""
    while not is_business_day(day, nation=nation):
        day += timedelta(days=1)
    return day


def add_business_days(start: date, count: int, *, nation: UkNation = UkNation.england_and_wales) -> date:
    """The ``count``-th business day after ``start`` (``start`` itself is not counted)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_business_day(day, nation=nation):
            count -= 1
    return day


def window_end(start: date, days: int) -> date:
    """The last day of a window of ``days`` days set on ``start``, moved off a weekend or an England and Wales
    bank holiday."""
    return next_business_day(start + timedelta(days=days))
