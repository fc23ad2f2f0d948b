"""Business days in England and Wales: weekends and the England bank holidays are not business days."""

from __future__ import annotations

from datetime import date

import pytest

from ombudsman.rules.calendar import add_business_days, is_business_day, next_business_day, window_end


@pytest.mark.parametrize(
    "bank_holiday",
    [
        date(2025, 4, 21),  # Easter Monday: England only (not in holidays.GB without subdiv="ENG")
        date(2025, 8, 25),  # the August bank holiday: England's date, not Scotland's
        date(2025, 4, 18),  # Good Friday
        date(2025, 12, 25),  # Christmas Day
        date(2025, 12, 26),  # Boxing Day
        date(2026, 12, 28),  # Boxing Day 2026 falls on a Saturday: the substitute day
    ],
)
def test_england_bank_holidays_are_not_business_days(bank_holiday: date) -> None:
    assert bank_holiday.weekday() < 5
    assert not is_business_day(bank_holiday)


def test_weekends_are_not_business_days_and_ordinary_weekdays_are() -> None:
    assert not is_business_day(date(2025, 6, 7))  # Saturday
    assert not is_business_day(date(2025, 6, 8))  # Sunday
    assert is_business_day(date(2025, 6, 9))  # Monday


def test_the_scottish_august_bank_holiday_is_a_business_day_in_england() -> None:
    assert is_business_day(date(2025, 8, 4))


def test_adding_one_business_day_to_a_friday_gives_the_monday() -> None:
    assert add_business_days(date(2025, 6, 6), 1) == date(2025, 6, 9)


def test_adding_business_days_does_not_count_the_start_day() -> None:
    assert add_business_days(date(2025, 6, 9), 0) == date(2025, 6, 9)
    assert add_business_days(date(2025, 6, 9), 5) == date(2025, 6, 16)


def test_adding_business_days_skips_christmas_and_the_substitute_boxing_day_2026() -> None:
    # Thu 24 Dec 2026 + 1: Fri 25 (Christmas), Sat 26, Sun 27, Mon 28 (Boxing Day substitute) -> Tue 29.
    assert add_business_days(date(2026, 12, 24), 1) == date(2026, 12, 29)
    assert add_business_days(date(2026, 12, 24), 2) == date(2026, 12, 30)


def test_fifteen_business_days_over_easter_2025_skip_good_friday_and_easter_monday() -> None:
    # From Mon 7 Apr 2025, 15 weekdays end on Mon 28 Apr; Good Friday and Easter Monday push it to Wed 30 Apr.
    assert add_business_days(date(2025, 4, 7), 15) == date(2025, 4, 30)


def test_a_window_ending_on_a_saturday_ends_on_the_monday() -> None:
    # Sat 24 May 2025 + 14 days = Sat 7 Jun 2025 -> Mon 9 Jun 2025.
    assert window_end(date(2025, 5, 24), 14) == date(2025, 6, 9)


def test_a_window_ending_on_a_bank_holiday_ends_on_the_next_business_day() -> None:
    # Mon 11 Aug 2025 + 14 days = Mon 25 Aug 2025 (bank holiday) -> Tue 26 Aug 2025.
    assert window_end(date(2025, 8, 11), 14) == date(2025, 8, 26)


def test_a_window_ending_on_a_saturday_before_a_bank_holiday_ends_on_the_tuesday() -> None:
    # Sat 9 Aug 2025 + 14 days = Sat 23 Aug 2025; Sun 24; Mon 25 is the bank holiday -> Tue 26 Aug 2025.
    assert window_end(date(2025, 8, 9), 14) == date(2025, 8, 26)


def test_a_window_ending_on_a_business_day_ends_that_day() -> None:
    assert window_end(date(2025, 6, 2), 14) == date(2025, 6, 16)


def test_the_next_business_day_of_a_business_day_is_itself() -> None:
    assert next_business_day(date(2025, 6, 10)) == date(2025, 6, 10)


def test_the_next_business_day_of_a_bank_holiday_weekend_is_the_tuesday() -> None:
    assert next_business_day(date(2025, 4, 18)) == date(2025, 4, 22)
