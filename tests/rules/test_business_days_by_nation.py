"""Business days by the part of the United Kingdom (DISP 2.8.1R(2A)): Scotland's and Northern Ireland's own bank
holidays, each on the day before, the day of and the day after; and the respondent's payment-services time counted
by the bank holidays of its own part of the UK."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from ombudsman.rules.calendar import SUBDIVISION, add_business_days, is_business_day, next_business_day
from ombudsman.rules.facts import UkNation
from ombudsman.rules.rulebook import load_rulebook
from ombudsman.rules.time_limits import respondent_had_its_time
from tests.factories import case_facts

ENGLAND = UkNation.england_and_wales
SCOTLAND = UkNation.scotland
NORTHERN_IRELAND = UkNation.northern_ireland
PUBLISHED = load_rulebook("published")


def test_each_part_of_the_uk_has_its_own_subdivision_of_the_holidays_library() -> None:
    assert SUBDIVISION == {ENGLAND: "ENG", SCOTLAND: "SCT", NORTHERN_IRELAND: "NIR"}


def test_england_and_wales_is_the_default() -> None:
    assert is_business_day(date(2026, 11, 30)) is is_business_day(date(2026, 11, 30), nation=ENGLAND) is True
    assert add_business_days(date(2026, 11, 27), 1) == date(2026, 11, 30)


@pytest.mark.parametrize(
    ("day", "business_day"),
    [(date(2026, 11, 27), True), (date(2026, 11, 30), False), (date(2026, 12, 1), True)],
    ids=["Friday 27 November", "Monday 30 November", "Tuesday 1 December"],
)
def test_st_andrews_day_is_not_a_business_day_in_scotland(day: date, business_day: bool) -> None:
    assert is_business_day(day, nation=SCOTLAND) is business_day
    assert is_business_day(day, nation=ENGLAND) is True
    assert is_business_day(day, nation=NORTHERN_IRELAND) is True


def test_st_andrews_day_on_a_sunday_moves_scotlands_holiday_to_the_monday() -> None:
    # 30 November 2025 was a Sunday: Monday 1 December was the substitute day in Scotland only.
    assert is_business_day(date(2025, 12, 1), nation=SCOTLAND) is False
    assert is_business_day(date(2025, 12, 1), nation=ENGLAND) is True
    assert is_business_day(date(2025, 12, 2), nation=SCOTLAND) is True


@pytest.mark.parametrize(
    ("day", "business_day"),
    [(date(2025, 1, 1), False), (date(2025, 1, 2), False), (date(2025, 1, 3), True)],
    ids=["New Year's Day", "Thursday 2 January", "Friday 3 January"],
)
def test_the_second_of_january_is_not_a_business_day_in_scotland(day: date, business_day: bool) -> None:
    assert is_business_day(day, nation=SCOTLAND) is business_day


def test_the_second_of_january_is_a_business_day_in_england_and_northern_ireland() -> None:
    assert is_business_day(date(2025, 1, 2), nation=ENGLAND) is True
    assert is_business_day(date(2025, 1, 2), nation=NORTHERN_IRELAND) is True


def test_easter_monday_is_a_business_day_in_scotland_but_not_elsewhere() -> None:
    assert is_business_day(date(2026, 4, 6), nation=SCOTLAND) is True
    assert is_business_day(date(2026, 4, 6), nation=ENGLAND) is False
    assert is_business_day(date(2026, 4, 6), nation=NORTHERN_IRELAND) is False


def test_scotlands_august_bank_holiday_is_the_first_monday_and_englands_the_last() -> None:
    assert is_business_day(date(2026, 8, 3), nation=SCOTLAND) is False
    assert is_business_day(date(2026, 8, 3), nation=ENGLAND) is True
    assert is_business_day(date(2026, 8, 31), nation=SCOTLAND) is True
    assert is_business_day(date(2026, 8, 31), nation=ENGLAND) is False


@pytest.mark.parametrize(
    ("day", "business_day"),
    [(date(2026, 3, 16), True), (date(2026, 3, 17), False), (date(2026, 3, 18), True)],
    ids=["Monday 16 March", "Tuesday 17 March", "Wednesday 18 March"],
)
def test_st_patricks_day_is_not_a_business_day_in_northern_ireland(day: date, business_day: bool) -> None:
    assert is_business_day(day, nation=NORTHERN_IRELAND) is business_day
    assert is_business_day(day, nation=ENGLAND) is True
    assert is_business_day(day, nation=SCOTLAND) is True


@pytest.mark.parametrize(
    ("day", "business_day"),
    [(date(2027, 7, 9), True), (date(2027, 7, 12), False), (date(2027, 7, 13), True)],
    ids=["Friday 9 July", "Monday 12 July", "Tuesday 13 July"],
)
def test_the_twelfth_of_july_is_not_a_business_day_in_northern_ireland(day: date, business_day: bool) -> None:
    assert is_business_day(day, nation=NORTHERN_IRELAND) is business_day
    assert is_business_day(day, nation=ENGLAND) is True


def test_the_twelfth_of_july_on_a_sunday_moves_northern_irelands_holiday_to_the_monday() -> None:
    # 12 July 2026 is a Sunday: Monday 13 July is the substitute day in Northern Ireland only.
    assert next_business_day(date(2026, 7, 12), nation=NORTHERN_IRELAND) == date(2026, 7, 14)
    assert next_business_day(date(2026, 7, 12), nation=ENGLAND) == date(2026, 7, 13)


def test_fifteen_business_days_over_st_andrews_day_end_a_day_later_in_scotland() -> None:
    # From Monday 16 November 2026: the 15th business day is Monday 7 December; Scotland skips 30 November.
    assert add_business_days(date(2026, 11, 16), 15, nation=ENGLAND) == date(2026, 12, 7)
    assert add_business_days(date(2026, 11, 16), 15, nation=SCOTLAND) == date(2026, 12, 8)
    assert add_business_days(date(2026, 11, 16), 15, nation=NORTHERN_IRELAND) == date(2026, 12, 7)


def test_fifteen_business_days_over_st_patricks_day_end_a_day_later_in_northern_ireland() -> None:
    assert add_business_days(date(2026, 3, 9), 15, nation=ENGLAND) == date(2026, 3, 30)
    assert add_business_days(date(2026, 3, 9), 15, nation=NORTHERN_IRELAND) == date(2026, 3, 31)


# DISP 2.8.1R(2A): the respondent's time for a payment-services complaint, by its part of the UK.


def _payment_services_complaint(nation: UkNation) -> dict[str, object]:
    return {
        "respondent": {"uk_nation": nation.value},
        "payment_services_complaint": True,
        "complained_to_respondent_on": "2026-11-16",
        "final_response_sent_on": None,
        "final_response_mentioned_time_limit": False,
        "event_date": "2026-10-01",
        "awareness_date": "2026-10-01",
        "referred_on": "2026-11-20",
    }


@pytest.mark.parametrize(
    ("nation", "as_of", "had_its_time"),
    [
        (ENGLAND, date(2026, 12, 7), False),
        (ENGLAND, date(2026, 12, 8), True),
        (SCOTLAND, date(2026, 12, 7), False),
        (SCOTLAND, date(2026, 12, 8), False),
        (SCOTLAND, date(2026, 12, 9), True),
        (NORTHERN_IRELAND, date(2026, 12, 8), True),
    ],
    ids=[
        "England: its last day, 7 December",
        "England: the day after",
        "Scotland: England's last day",
        "Scotland: its last day, 8 December",
        "Scotland: the day after",
        "Northern Ireland: as England, the day after",
    ],
)
def test_a_scottish_firms_fifteen_business_days_end_a_day_later_over_st_andrews_day(
    nation: UkNation, as_of: date, had_its_time: bool
) -> None:
    facts = case_facts(**_payment_services_complaint(nation))
    finding = respondent_had_its_time(facts, as_of, PUBLISHED)
    assert finding.passed is had_its_time
    assert finding.dates["respondent_time_ends_on"] == (date(2026, 12, 8) if nation is SCOTLAND else date(2026, 12, 7))


def test_the_reason_names_the_part_of_the_uk_whose_bank_holidays_were_skipped() -> None:
    finding = respondent_had_its_time(case_facts(**_payment_services_complaint(SCOTLAND)), date(2026, 12, 1), PUBLISHED)
    assert "15 business days (by the bank holidays of Scotland)" in finding.reason
    england = respondent_had_its_time(case_facts(**_payment_services_complaint(ENGLAND)), date(2026, 12, 1), PUBLISHED)
    assert "It has 15 business days to send" in england.reason
    assert "bank holidays of" not in england.reason


def test_a_respondent_with_no_part_of_the_uk_given_is_in_england_and_wales() -> None:
    assert case_facts().respondent.uk_nation is ENGLAND


def test_a_part_of_the_uk_the_engine_does_not_know_is_refused() -> None:
    with pytest.raises(ValidationError, match="uk_nation"):
        case_facts(respondent={"uk_nation": "wales"})


def test_eight_weeks_are_the_same_in_every_part_of_the_uk() -> None:
    for nation in UkNation:
        facts = case_facts(**{**_payment_services_complaint(nation), "payment_services_complaint": False})
        finding = respondent_had_its_time(facts, date(2027, 1, 11), PUBLISHED)
        assert finding.dates["respondent_time_ends_on"] == date(2027, 1, 11)
