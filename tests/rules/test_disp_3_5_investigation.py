"""DISP 3.5.4R: both parties have the chance to make representations; a disagreement counts within the time
limit; with none, the case closes on the assessment. Each rule on its boundaries: the day before, of and after."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ombudsman.rules.disp_3_5_investigation import (
    assessment_stands,
    disagreement_is_in_time,
    hearing_may_be_held,
    still_to_be_heard,
    time_limit_has_passed,
    time_limit_may_be_moved,
    time_limit_may_end_on,
)

LAST_DAY = date(2026, 11, 16)
DAY = timedelta(days=1)
BOTH = ("complainant", "respondent")
BOUNDARIES = [LAST_DAY - DAY, LAST_DAY, LAST_DAY + DAY]
IDS = ["the day before the last day", "the last day", "the day after it"]


@pytest.mark.parametrize(("today", "passed"), list(zip(BOUNDARIES, [False, False, True], strict=True)), ids=IDS)
def test_a_time_limit_has_passed_only_from_the_day_after_its_last_day(today: date, passed: bool) -> None:
    assert time_limit_has_passed(LAST_DAY, today) is passed


@pytest.mark.parametrize(("today", "in_time"), list(zip(BOUNDARIES, [True, True, False], strict=True)), ids=IDS)
def test_a_disagreement_counts_up_to_and_including_the_last_day(today: date, in_time: bool) -> None:
    found = disagreement_is_in_time("respondent", LAST_DAY, today)
    assert found.passed is in_time and found.citation == "DISP 3.5.4R(3)"
    assert ("16 November 2026" in found.reason) is not in_time


@pytest.mark.parametrize(("today", "stands"), list(zip(BOUNDARIES, [False, False, True], strict=True)), ids=IDS)
def test_the_assessment_stands_once_the_time_to_respond_has_passed_without_disagreement(
    today: date, stands: bool
) -> None:
    found = assessment_stands(LAST_DAY, today)
    assert found.passed is stands and found.citation == "DISP 3.5.4R"


def test_an_assessment_with_no_time_limit_set_does_not_stand_by_itself() -> None:
    assert assessment_stands(None, LAST_DAY).passed is False


@pytest.mark.parametrize(
    ("today", "waiting"),
    list(zip(BOUNDARIES, [["respondent"], ["respondent"], []], strict=True)),
    ids=IDS,
)
def test_the_parties_not_yet_heard_are_waited_for_until_their_time_runs_out(today: date, waiting: list[str]) -> None:
    assert still_to_be_heard(BOTH, ["complainant"], LAST_DAY, today=today) == waiting


def test_once_both_parties_are_heard_nobody_is_waited_for() -> None:
    assert still_to_be_heard(BOTH, BOTH, LAST_DAY, today=LAST_DAY - DAY) == []


# DISP 3.5.13R: a time limit the Ombudsman fixes or extends gives time from today.

TODAY = date(2026, 11, 16)


@pytest.mark.parametrize(
    ("last_day", "allowed"),
    [(TODAY - DAY, False), (TODAY, True), (TODAY + DAY, True)],
    ids=["yesterday", "today", "tomorrow"],
)
def test_a_time_limit_may_end_today_or_later_but_never_on_a_day_already_past(last_day: date, allowed: bool) -> None:
    found = time_limit_may_end_on(last_day, TODAY)
    assert found.passed is allowed
    assert found.citation == "DISP 3.5.13R"
    assert found.dates == {"last_day": last_day, "today": TODAY}


def test_a_time_limit_ending_yesterday_is_refused_naming_both_days() -> None:
    found = time_limit_may_end_on(TODAY - DAY, TODAY)
    assert "2026-11-15" in found.reason and "2026-11-16" in found.reason
    assert "before today" in found.reason


def test_a_time_limit_that_may_end_on_a_day_says_that_day_as_a_letter_writes_it() -> None:
    assert time_limit_may_end_on(TODAY, TODAY).reason == "The time limit ends on 16 November 2026."


# DISP 3.5.5R-3.5.6R: a hearing on a written request, or on the Ombudsman's own initiative


@pytest.mark.parametrize(
    ("requests_pending", "own_initiative", "by_an_ombudsman", "held"),
    [
        (1, False, False, True),  # a request, granted by staff
        (0, False, True, False),  # nobody asked, and no initiative taken
        (0, True, True, True),  # the ombudsman's own initiative
        (0, True, False, False),  # staff cannot take the ombudsman's initiative
        (2, True, True, True),
    ],
)
def test_a_hearing_is_held_on_a_request_or_on_an_ombudsmans_own_initiative(
    requests_pending: int, own_initiative: bool, by_an_ombudsman: bool, held: bool
) -> None:
    found = hearing_may_be_held(
        requests_pending=requests_pending, own_initiative=own_initiative, by_an_ombudsman=by_an_ombudsman
    )
    assert found.passed is held
    assert "DISP 3.5" in found.citation


@pytest.mark.parametrize(
    ("kind", "citation"),
    [("acceptance", "DISP 3.6.6R(2), DISP 3.6.6R(4), DISP 3.6.6R(4A)"), ("respondent_time", "DISP 2.8.1R")],
)
def test_the_acceptance_limit_and_the_respondents_time_are_not_the_ombudsmans_to_set_or_extend(
    kind: str, citation: str
) -> None:
    found = time_limit_may_be_moved(kind)
    assert found.passed is False
    assert found.reason.startswith(f"{kind} cannot be set or extended: ")
    assert found.citation == citation


def test_a_late_acceptance_is_said_to_count_only_through_notice_and_an_ombudsmans_finding() -> None:
    assert "notify_late_acceptance and an Ombudsman's accept_late" in time_limit_may_be_moved("acceptance").reason


@pytest.mark.parametrize("kind", ["representations", "assessment_response", "information"])
def test_the_ombudsman_sets_and_extends_his_own_time_limits(kind: str) -> None:
    found = time_limit_may_be_moved(kind)
    assert found.passed is True
    assert found.citation == "DISP 3.5.13R"
