"""DISP 3.6.6R: the complainant answers before the date specified; silence is rejection; a late acceptance counts
only when notified, never after an express rejection. Each rule on its boundaries: the day before, of and after."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ombudsman.rules.disp_3_6_determination import (
    acceptance_is_in_time,
    award_may_be_corrected,
    date_may_be_specified,
    date_specified,
    last_day_to_accept,
    late_acceptance_may_count,
    treated_as_rejected,
)

DATE_SPECIFIED = date(2026, 12, 1)
LAST_DAY = date(2026, 11, 30)
DAY = timedelta(days=1)


def test_the_last_day_to_accept_is_the_day_before_the_date_specified() -> None:
    assert last_day_to_accept(DATE_SPECIFIED) == LAST_DAY
    assert date_specified(LAST_DAY) == DATE_SPECIFIED


def test_the_last_day_to_accept_before_the_first_of_march_in_a_leap_year_is_the_twenty_ninth() -> None:
    assert last_day_to_accept(date(2028, 3, 1)) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("today", "in_time"),
    [(LAST_DAY - DAY, True), (LAST_DAY, True), (DATE_SPECIFIED, False)],
    ids=["the day before the last day", "the last day", "the date specified itself"],
)
def test_an_acceptance_is_in_time_up_to_and_including_the_last_day(today: date, in_time: bool) -> None:
    found = acceptance_is_in_time(LAST_DAY, today)
    assert found.passed is in_time
    assert found.citation == ("DISP 3.6.6R(3)" if in_time else "DISP 3.6.6R(4), DISP 3.6.6R(4A)")
    if not in_time:
        assert "30 November 2026" in found.reason


@pytest.mark.parametrize(
    ("today", "rejected"),
    [(LAST_DAY - DAY, False), (LAST_DAY, False), (DATE_SPECIFIED, True), (DATE_SPECIFIED + DAY, True)],
    ids=["the day before the last day", "the last day", "the date specified", "the day after it"],
)
def test_silence_is_treated_as_rejection_from_the_date_specified(today: date, rejected: bool) -> None:
    found = treated_as_rejected(LAST_DAY, today)
    assert found.passed is rejected
    assert found.citation == ("DISP 3.6.6R(4)" if rejected else "DISP 3.6.6R(2)")


def test_a_late_acceptance_counts_when_notified_and_never_expressly_rejected() -> None:
    assert late_acceptance_may_count(expressly_rejected=False, notified=True).passed is True


def test_a_late_acceptance_cannot_count_after_an_express_rejection() -> None:
    found = late_acceptance_may_count(expressly_rejected=True, notified=True)
    assert found.passed is False and "rejected" in found.reason and found.citation == "DISP 3.6.6R(4A)"


def test_a_late_acceptance_cannot_count_before_the_complainant_has_said_they_accept() -> None:
    found = late_acceptance_may_count(expressly_rejected=False, notified=False)
    assert found.passed is False and "notify_late_acceptance" in found.reason


# DISP 3.6.6R(2): the date specified is after today, so the complainant has at least today to answer.

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("accept_before", "allowed"),
    [(TODAY - DAY, False), (TODAY, False), (TODAY + DAY, True)],
    ids=["yesterday", "today", "tomorrow"],
)
def test_the_date_specified_must_be_after_today(accept_before: date, allowed: bool) -> None:
    found = date_may_be_specified(accept_before, TODAY)
    assert found.passed is allowed
    assert found.citation == "DISP 3.6.6R(2)"
    assert found.dates == {"accept_before": accept_before, "today": TODAY}


def test_a_date_specified_of_today_is_refused_because_the_last_day_would_be_yesterday() -> None:
    found = date_may_be_specified(TODAY, TODAY)
    assert "after today (2026-11-30)" in found.reason
    assert "the day before" in found.reason


def test_a_date_specified_of_tomorrow_leaves_today_as_the_last_day_to_accept() -> None:
    found = date_may_be_specified(TODAY + DAY, TODAY)
    assert found.reason == "The complainant may accept or reject the determination until 30 November 2026."


def test_an_allowed_date_specified_names_the_day_before_it_as_the_last_day_to_accept() -> None:
    found = date_may_be_specified(date(2027, 1, 1), TODAY)
    assert found.passed is True
    assert "until 31 December 2026" in found.reason
    assert "1 January 2027" not in found.reason


def test_a_clerical_correction_may_correct_the_award_the_determination_made_and_its_register_entry() -> None:
    found = award_may_be_corrected(award_made=True)
    assert found.passed is True
    assert found.citation == "DISP 3.6.6AR, DISP 3.7.7R"


def test_a_clerical_correction_cannot_give_an_award_the_determination_did_not_make() -> None:
    found = award_may_be_corrected(award_made=False)
    assert found.passed is False
    assert "made no award" in found.reason and found.citation == "DISP 3.6.6AR"
