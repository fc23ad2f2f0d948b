"""DISP 3.2.3R-3.2.6R: who may make representations on jurisdiction, and when the Ombudsman may decide the
complaint out of jurisdiction or accept it. The time to make representations on its boundaries: the day before,
of and after its last day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from ombudsman.rules.disp_3_2_jurisdiction_decision import (
    CureNamed,
    jurisdiction_still_holds,
    may_accept,
    may_decide_out,
    who_may_make_representations,
)
from ombudsman.rules.jurisdiction import Assessment, assess
from ombudsman.rules.rulebook import load_rulebook
from tests.factories import case_facts

RULEBOOK = load_rulebook("published")
TODAY = date(2026, 3, 2)
DAY = timedelta(days=1)
BOTH = ("complainant", "respondent")
LAST_DAY = date(2026, 3, 16)
BOUNDARIES = [LAST_DAY - DAY, LAST_DAY, LAST_DAY + DAY]
IDS = ["the day before the last day", "the last day", "the day after it"]
# The factory's final response is of 21 July 2025 and tells of the six-month limit: it ran until 21 January 2026.
LATE: dict[str, Any] = {"referred_on": "2026-02-01"}


def assessment(
    today: date = TODAY, *, exceptional_circumstances_found: bool | None = False, **overrides: Any
) -> Assessment:
    """The DISP 2 tests of the factory's complaint, with ``overrides`` on top, as judged on ``today``."""
    return assess(
        case_facts(**overrides), today, RULEBOOK, exceptional_circumstances_found=exceptional_circumstances_found
    )


def test_the_factory_complaint_passes_every_test_and_a_late_referral_fails_only_the_six_month_limit() -> None:
    assert assessment().in_jurisdiction is True
    assert [test.name for test in assessment(**LATE).failed_uncured()] == ["six_month_limit"]
    assert assessment(**LATE, respondent_consents_to_late_referral=True).failed_uncured() == []


# DISP 3.2.3R and 3.2.4R


def test_when_the_respondent_says_the_complaint_is_out_of_jurisdiction_both_parties_may_make_representations() -> None:
    found = who_may_make_representations("respondent")
    assert found.passed is True
    assert found.citation == "DISP 3.2.3R"
    assert found.details["invited"] == ("complainant", "respondent")
    assert "both parties" in found.reason


def test_when_the_ombudsman_thinks_the_complaint_may_be_out_of_jurisdiction_only_the_complainant_is_invited() -> None:
    found = who_may_make_representations("ombudsman")
    assert found.passed is True
    assert found.citation == "DISP 3.2.4R"
    assert found.details["invited"] == ("complainant",)
    assert "complainant" in found.reason and "both parties" not in found.reason


# DISP 3.2.5R


@pytest.mark.parametrize(("today", "allowed"), list(zip(BOUNDARIES, [False, False, True], strict=True)), ids=IDS)
def test_a_complaint_cannot_be_decided_out_while_an_invited_party_still_has_time_to_make_representations(
    today: date, allowed: bool
) -> None:
    found = may_decide_out(BOTH, ["complainant"], LAST_DAY, today=today, assessment=assessment(today, **LATE))
    assert found.passed is allowed
    if allowed:
        assert found.citation == "DISP 3.2.5R"
        assert found.details["failed"] == ["six_month_limit"]
    else:
        assert found.citation == "DISP 3.2.3R, DISP 3.2.4R"
        assert "waiting" in found.reason
        assert "the respondent" in found.reason and "the complainant" not in found.reason
        assert "16 March 2026" in found.reason


def test_on_the_last_day_an_unheard_complainant_alone_is_still_waited_for() -> None:
    found = may_decide_out(("complainant",), [], LAST_DAY, today=LAST_DAY, assessment=assessment(LAST_DAY, **LATE))
    assert found.passed is False
    assert "the complainant" in found.reason and "16 March 2026" in found.reason


def test_on_the_last_day_both_unheard_parties_are_named_as_waited_for() -> None:
    found = may_decide_out(BOTH, [], LAST_DAY, today=LAST_DAY, assessment=assessment(LAST_DAY, **LATE))
    assert found.passed is False
    assert "the complainant and the respondent" in found.reason


def test_once_every_invited_party_has_been_heard_a_complaint_may_be_decided_out_before_the_last_day() -> None:
    today = LAST_DAY - DAY
    found = may_decide_out(BOTH, BOTH, LAST_DAY, today=today, assessment=assessment(today, **LATE))
    assert found.passed is True
    assert found.citation == "DISP 3.2.5R"
    assert found.details["failed"] == ["six_month_limit"]


def test_a_complaint_that_fails_no_test_cannot_be_decided_out_even_when_everyone_has_been_heard() -> None:
    found = may_decide_out(BOTH, BOTH, LAST_DAY, today=TODAY, assessment=assessment())
    assert found.passed is False
    assert found.citation == "DISP 3.2.5R"
    assert "No DISP 2 test has failed" in found.reason
    assert "failed" not in found.details


def test_a_missed_limit_the_respondent_has_consented_to_is_no_reason_to_decide_out() -> None:
    cured = assessment(**LATE, respondent_consents_to_late_referral=True)
    found = may_decide_out(BOTH, BOTH, LAST_DAY, today=TODAY, assessment=cured)
    assert found.passed is False
    assert found.citation == "DISP 3.2.5R"
    assert "No DISP 2 test has failed" in found.reason


def test_a_complaint_that_fails_a_test_with_nothing_to_cure_it_may_be_decided_out_giving_that_tests_reasons() -> None:
    late = assessment(**LATE)
    found = may_decide_out(("complainant",), ["complainant"], LAST_DAY, today=TODAY, assessment=late)
    assert found.passed is True
    assert found.citation == "DISP 3.2.5R"
    assert found.details["failed"] == ["six_month_limit"]
    assert found.reason == late.test("six_month_limit").reason
    assert "21 January 2026" in found.reason and "1 February 2026" in found.reason


def test_every_test_that_fails_uncured_is_given_as_a_reason_to_decide_out() -> None:
    # Referred late, by a complainant who is none of the eligible kinds (about a contract too late for DISP TP 1 row
    # 21): two tests fail.
    late_and_ineligible = assessment(**LATE, complainant={"kind": "other", "contract_date": "2012-05-01"})
    found = may_decide_out(BOTH, BOTH, LAST_DAY, today=TODAY, assessment=late_and_ineligible)
    assert found.passed is True
    assert found.details["failed"] == ["six_month_limit", "eligible_complainant"]
    assert "more than 6 months" in found.reason and "not a consumer" in found.reason


# DISP 3.2.6R


def test_a_complaint_that_fails_a_test_with_nothing_to_cure_it_cannot_be_accepted() -> None:
    found = may_accept(assessment(**LATE), None)
    assert found.passed is False
    assert found.citation == "DISP 2.8.2R(1)"
    assert "more than 6 months" in found.reason


def test_a_missed_limit_the_respondent_consents_to_cannot_be_accepted_until_the_decision_names_the_cure() -> None:
    curable = assessment(**LATE, respondent_consents_to_late_referral=True)
    found = may_accept(curable, None)
    assert found.passed is False
    assert found.citation == "DISP 2.8.2R(5)"
    assert "Say in the decision which exception cures it" in found.reason
    assert "the six-month limit" in found.reason and "exception: respondent_consent" in found.reason
    assert "six_month_limit" not in found.reason


def test_naming_the_respondents_consent_cures_nothing_when_the_respondent_has_not_consented() -> None:
    # As the step asks: no finding of exceptional circumstances when the decision names consent.
    found = may_accept(assessment(**LATE), "respondent_consent")
    assert found.passed is False
    assert found.citation == "DISP 2.8.2R(1)"
    assert "more than 6 months" in found.reason


def test_naming_the_respondents_consent_is_refused_when_the_limit_was_cured_by_something_else() -> None:
    cured_by_circumstances = assessment(
        **LATE, exceptional_circumstances="I was in hospital", exceptional_circumstances_found=True
    )
    assert cured_by_circumstances.failed_uncured() == []
    found = may_accept(cured_by_circumstances, "respondent_consent")
    assert found.passed is False
    assert "which exception cures it" in found.reason and "exception: exceptional_circumstances" in found.reason
    assert found.citation == "DISP 2.8.2R(3), DISP 2.8.4G"


def test_a_missed_limit_may_be_accepted_when_the_decision_names_the_consent_the_respondent_gave() -> None:
    curable = assessment(**LATE, respondent_consents_to_late_referral=True)
    found = may_accept(curable, "respondent_consent")
    assert found.passed is True
    assert found.citation == "DISP 3.2.6R"
    assert found.details["cured"] == ["six_month_limit"]
    assert "cured" in found.reason


def test_a_missed_limit_may_be_accepted_when_the_decision_names_exceptional_circumstances_the_ombudsman_found() -> None:
    found_exceptional = assessment(
        **LATE, exceptional_circumstances="I was in hospital", exceptional_circumstances_found=True
    )
    found = may_accept(found_exceptional, "exceptional_circumstances")
    assert found.passed is True
    assert found.citation == "DISP 3.2.6R"
    assert found.details["cured"] == ["six_month_limit"]


@pytest.mark.parametrize(
    ("exception", "consents", "found_exceptional"),
    [("respondent_consent", True, False), ("exceptional_circumstances", False, True)],
    ids=["the respondent's consent", "exceptional circumstances"],
)
def test_an_exception_cannot_be_named_when_no_time_limit_was_missed(
    exception: CureNamed, consents: bool, found_exceptional: bool
) -> None:
    in_time = assessment(
        respondent_consents_to_late_referral=consents, exceptional_circumstances_found=found_exceptional
    )
    found = may_accept(in_time, exception)
    assert found.passed is False
    assert found.citation == "DISP 3.2.6R"
    assert "nothing for an exception to cure" in found.reason


def test_a_complaint_that_passes_every_test_may_be_accepted_with_nothing_cured() -> None:
    found = may_accept(assessment(), None)
    assert found.passed is True
    assert found.citation == "DISP 3.2.6R"
    assert found.details["cured"] == []
    assert "Every DISP 2 test passes" in found.reason


def test_a_complaint_missing_a_fact_a_test_needs_cannot_yet_be_accepted() -> None:
    undecided = assessment(event_date=None)
    assert undecided.in_jurisdiction is None
    found = may_accept(undecided, None)
    assert found.passed is False
    assert found.citation == "DISP 2.8.2R(2)"
    assert "cannot yet say" in found.reason and "event_date" in found.reason


# DISP 3.2.3R and 3.2.4R before DISP 3.2.6R: accepting waits for the invited parties too ("before he decides")


@pytest.mark.parametrize(("today", "waits"), list(zip(BOUNDARIES, [True, True, False], strict=True)), ids=IDS)
def test_a_complaint_cannot_be_accepted_while_an_invited_party_still_has_time_to_make_representations(
    today: date, waits: bool
) -> None:
    found = may_accept(assessment(today), None, invited=BOTH, heard=["complainant"], last_day=LAST_DAY, today=today)
    assert found.passed is (not waits)
    if waits:
        assert "waiting for representations from the respondent" in found.reason
        assert found.citation == "DISP 3.2.3R, DISP 3.2.4R"
    else:
        assert found.citation == "DISP 3.2.6R"


def test_once_every_invited_party_has_been_heard_a_complaint_may_be_accepted_before_the_last_day() -> None:
    found = may_accept(assessment(), None, invited=BOTH, heard=BOTH, last_day=LAST_DAY, today=TODAY)
    assert found.passed is True


def test_a_complaint_no_party_was_invited_on_may_be_accepted_at_once() -> None:
    assert may_accept(assessment(), None).passed is True


@pytest.mark.parametrize(
    ("referred_on", "holds"),
    [("2026-01-21", True), ("2026-01-22", False)],
    ids=["referred on the last day of the six months", "referred the day after"],
)
def test_the_merits_may_go_on_only_while_no_test_fails_uncured_on_the_six_month_boundary(
    referred_on: str, holds: bool
) -> None:
    """DISP 3.2.1R on the live facts: the respondent objects to a late complaint (DISP 2.8.2R(5))."""
    found = jurisdiction_still_holds(assessment(referred_on=referred_on, respondent_consents_to_late_referral=False))
    assert found.passed is holds
    assert found.citation == "DISP 3.2.1R"
    if not holds:
        assert "outside our jurisdiction" in found.reason and "Decide jurisdiction again" in found.reason
        assert found.details["failed"]


def test_a_missed_limit_the_respondent_consented_to_does_not_stop_the_merits() -> None:
    assert jurisdiction_still_holds(assessment(**LATE, respondent_consents_to_late_referral=True)).passed is True


def test_a_missed_limit_cured_by_exceptional_circumstances_the_ombudsman_found_does_not_stop_the_merits() -> None:
    late = {**LATE, "respondent_consents_to_late_referral": False}
    assert jurisdiction_still_holds(assessment(exceptional_circumstances_found=False, **late)).passed is False
    assert jurisdiction_still_holds(assessment(exceptional_circumstances_found=True, **late)).passed is True


def test_a_corrected_fact_that_takes_the_complaint_out_of_scope_stops_the_merits() -> None:
    found = jurisdiction_still_holds(assessment(activity="other"))
    assert found.passed is False
    assert found.citation == "DISP 3.2.1R"


def test_a_fact_left_unknown_does_not_stop_the_merits_as_jurisdiction_was_already_decided() -> None:
    assert jurisdiction_still_holds(assessment(complainant={"relationship": None})).passed is True
