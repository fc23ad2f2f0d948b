"""DISP 2.8: was the complaint referred in time? Each deadline is tested on the day before, of and after."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.finding import Finding
from ombudsman.rules.rulebook import load_rulebook
from ombudsman.rules.time_limits import (
    TIME_LIMIT_TESTS,
    final_response_may_be_dated,
    long_date,
    respondent_had_its_time,
    six_month_limit,
    six_or_three_year_limit,
    time_limit_exceptions,
)
from tests.factories import bare_facts

SEED = load_rulebook("disp-2013")
PUBLISHED = load_rulebook("published")


case_facts = bare_facts


def test_long_date_writes_a_date_as_a_letter_does() -> None:
    assert long_date(date(2023, 7, 27)) == "27 July 2023"
    assert long_date(date(2024, 3, 1)) == "1 March 2024"


# DISP 2.8.1R


class TestDisp281RespondentHadItsTime:
    """DISP 2.8.1R: the Ombudsman can consider a complaint only if the respondent has sent its final response
    or eight weeks have elapsed since it received the complaint."""

    received = date(2023, 6, 1)

    def test_eight_weeks_from_1_june_2023_end_on_27_july_2023(self) -> None:
        # 1 June + 8 weeks (56 days) = 27 July: the last day of the respondent's time.
        finding = respondent_had_its_time(
            case_facts(complained_to_respondent_on=self.received), date(2023, 7, 27), SEED
        )
        assert finding.name == "respondent_had_its_time"
        assert finding.dates["complained_to_respondent_on"] == self.received
        assert finding.dates["respondent_time_ends_on"] == date(2023, 7, 27)
        assert finding.citation == "DISP 2.8.1R"

    @pytest.mark.parametrize(
        ("as_of", "passed"),
        [(date(2023, 7, 26), False), (date(2023, 7, 27), False), (date(2023, 7, 28), True)],
        ids=["day before", "last day of its time", "day after"],
    )
    def test_the_respondent_has_had_its_time_only_the_day_after_the_eight_weeks_end(
        self, as_of: date, passed: bool
    ) -> None:
        finding = respondent_had_its_time(case_facts(complained_to_respondent_on=self.received), as_of, SEED)
        assert finding.passed is passed
        assert "27 July 2023" in finding.reason
        assert "1 June 2023" in finding.reason
        assert "8 weeks" in finding.reason

    def test_a_final_response_sent_before_the_eight_weeks_end_is_enough(self) -> None:
        facts = case_facts(complained_to_respondent_on=self.received, final_response_sent_on=date(2023, 6, 20))
        finding = respondent_had_its_time(facts, date(2023, 6, 20), SEED)
        assert finding.passed is True
        assert "20 June 2023" in finding.reason
        assert finding.dates["final_response_sent_on"] == date(2023, 6, 20)
        assert finding.dates["respondent_time_ends_on"] == date(2023, 7, 27)

    def test_a_final_response_dated_after_the_day_judged_has_not_been_sent_yet(self) -> None:
        facts = case_facts(complained_to_respondent_on=self.received, final_response_sent_on=date(2023, 6, 20))
        finding = respondent_had_its_time(facts, date(2023, 6, 19), SEED)
        assert finding.passed is False
        assert "final_response_sent_on" not in finding.dates
        assert "27 July 2023" in finding.reason

    def test_a_final_response_is_enough_even_when_the_receipt_date_is_missing(self) -> None:
        finding = respondent_had_its_time(case_facts(final_response_sent_on=date(2023, 6, 20)), date(2023, 7, 1), SEED)
        assert finding.passed is True
        assert "respondent_time_ends_on" not in finding.dates

    def test_without_the_receipt_date_or_a_final_response_it_cannot_be_decided(self) -> None:
        finding = respondent_had_its_time(case_facts(), date(2023, 7, 28), SEED)
        assert finding.passed is None
        assert "complained_to_respondent_on" in finding.reason
        assert finding.citation == "DISP 2.8.1R"


class TestDisp281PaymentServicesBusinessDays:
    """DISP 2.8.1R in later editions (from 13 January 2018): a payment-services or e-money complaint gives the
    respondent 15 business days, or 35 after a holding response. Business days skip English bank holidays."""

    # Monday 25 March 2024: Good Friday (29 March) and Easter Monday (1 April) are not business days.
    received = date(2024, 3, 25)

    def facts(self, **fields: Any) -> CaseFacts:
        return case_facts(complained_to_respondent_on=self.received, payment_services_complaint=True, **fields)

    def test_fifteen_business_days_over_easter_2024_end_on_17_april(self) -> None:
        # 26, 27, 28 March (3); 2-5 April (7); 8-12 April (12); 15, 16, 17 April (15).
        finding = respondent_had_its_time(self.facts(), date(2024, 4, 17), PUBLISHED)
        assert finding.dates["respondent_time_ends_on"] == date(2024, 4, 17)
        assert "15 business days" in finding.reason

    @pytest.mark.parametrize(
        ("as_of", "passed"),
        [
            (date(2024, 4, 15), False),  # would be the 15th business day if Easter were ignored
            (date(2024, 4, 16), False),
            (date(2024, 4, 17), False),
            (date(2024, 4, 18), True),
        ],
        ids=["15th day without bank holidays", "day before", "last day", "day after"],
    )
    def test_the_payment_services_time_skips_good_friday_and_easter_monday(self, as_of: date, passed: bool) -> None:
        assert respondent_had_its_time(self.facts(), as_of, PUBLISHED).passed is passed

    def test_after_a_holding_response_the_respondent_has_35_business_days(self) -> None:
        # 35 business days from 25 March 2024 also skip the early May bank holiday (6 May).
        finding = respondent_had_its_time(self.facts(holding_response_sent=True), date(2024, 5, 16), PUBLISHED)
        assert finding.dates["respondent_time_ends_on"] == date(2024, 5, 16)
        assert finding.passed is False
        assert "35 business days" in finding.reason
        assert respondent_had_its_time(self.facts(holding_response_sent=True), date(2024, 5, 17), PUBLISHED).passed

    def test_the_seed_edition_gives_eight_weeks_to_a_payment_services_complaint(self) -> None:
        # disp-2013 has no business-day rule: 25 March 2024 + 8 weeks = 20 May 2024.
        finding = respondent_had_its_time(self.facts(), date(2024, 5, 20), SEED)
        assert finding.dates["respondent_time_ends_on"] == date(2024, 5, 20)
        assert finding.passed is False
        assert "8 weeks" in finding.reason
        assert respondent_had_its_time(self.facts(), date(2024, 5, 21), SEED).passed is True

    def test_a_complaint_that_is_not_about_payment_services_has_eight_weeks_in_the_published_edition(
        self,
    ) -> None:
        facts = case_facts(complained_to_respondent_on=self.received)
        finding = respondent_had_its_time(facts, date(2024, 4, 18), PUBLISHED)
        assert finding.dates["respondent_time_ends_on"] == date(2024, 5, 20)
        assert finding.passed is False

    @pytest.mark.parametrize(
        ("received", "time_ends_on"),
        [
            (date(2018, 1, 12), date(2018, 3, 9)),  # the day before the rule: 8 weeks
            (date(2018, 1, 13), date(2018, 2, 2)),  # the day it came in: 15 business days
        ],
        ids=["12 January 2018", "13 January 2018"],
    )
    def test_the_business_day_rule_applies_to_complaints_received_from_13_january_2018(
        self, received: date, time_ends_on: date
    ) -> None:
        facts = case_facts(complained_to_respondent_on=received, payment_services_complaint=True)
        finding = respondent_had_its_time(facts, received, PUBLISHED)
        assert finding.dates["respondent_time_ends_on"] == time_ends_on


# DISP 2.8.2R(1) and 2.8.3G


def final_response(sent_on: date, referred_on: date, *, mentioned_time_limit: bool = True) -> CaseFacts:
    return case_facts(
        final_response_sent_on=sent_on,
        final_response_mentioned_time_limit=mentioned_time_limit,
        referred_on=referred_on,
    )


class TestDisp282R1SixMonthLimit:
    """DISP 2.8.2R(1): the Ombudsman cannot consider a complaint referred more than six months after the
    respondent sent its final response."""

    @pytest.mark.parametrize(
        ("referred_on", "passed"),
        [(date(2023, 7, 9), True), (date(2023, 7, 10), True), (date(2023, 7, 11), False)],
        ids=["day before", "exactly six months", "day after"],
    )
    def test_a_referral_exactly_six_months_after_the_final_response_is_in_time(
        self, referred_on: date, passed: bool
    ) -> None:
        finding = six_month_limit(final_response(date(2023, 1, 10), referred_on), SEED)
        assert finding.name == "six_month_limit"
        assert finding.passed is passed
        assert finding.dates["referral_deadline_on"] == date(2023, 7, 10)
        assert finding.dates["final_response_sent_on"] == date(2023, 1, 10)
        assert finding.dates["referred_on"] == referred_on
        assert finding.citation == "DISP 2.8.2R(1)"
        assert "10 January 2023" in finding.reason

    def test_a_late_referral_names_the_deadline_and_the_referral_date(self) -> None:
        finding = six_month_limit(final_response(date(2023, 1, 10), date(2023, 7, 11)), SEED)
        assert "10 July 2023" in finding.reason
        assert "11 July 2023" in finding.reason
        assert "more than 6 months" in finding.reason

    @pytest.mark.parametrize(
        ("referred_on", "passed"),
        [(date(2023, 2, 27), True), (date(2023, 2, 28), True), (date(2023, 3, 1), False)],
        ids=["day before", "last day of February", "1 March"],
    )
    def test_six_months_from_31_august_end_on_the_last_day_of_february(self, referred_on: date, passed: bool) -> None:
        finding = six_month_limit(final_response(date(2022, 8, 31), referred_on), SEED)
        assert finding.dates["referral_deadline_on"] == date(2023, 2, 28)
        assert finding.passed is passed

    @pytest.mark.parametrize(
        ("referred_on", "passed"),
        [(date(2024, 2, 28), True), (date(2024, 2, 29), True), (date(2024, 3, 1), False)],
        ids=["28 February", "29 February", "1 March"],
    )
    def test_six_months_from_31_august_2023_end_on_29_february_in_a_leap_year(
        self, referred_on: date, passed: bool
    ) -> None:
        finding = six_month_limit(final_response(date(2023, 8, 31), referred_on), SEED)
        assert finding.dates["referral_deadline_on"] == date(2024, 2, 29)
        assert finding.passed is passed

    def test_without_a_final_response_the_six_months_have_not_started(self) -> None:
        finding = six_month_limit(case_facts(referred_on=date(2030, 1, 1)), SEED)
        assert finding.passed is True
        assert "not sent a final response" in finding.reason
        assert finding.citation == "DISP 2.8.2R(1)"
        assert "referral_deadline_on" not in finding.dates


class TestDisp283GOnlyAFinalResponseThatToldOfTheLimitStartsIt:
    """DISP 2.8.3G: the six-month limit is only triggered by a final response, which must tell the complainant
    about the limit."""

    def test_a_final_response_that_did_not_mention_the_limit_does_not_start_it(self) -> None:
        facts = final_response(date(2022, 1, 10), date(2024, 1, 10), mentioned_time_limit=False)
        finding = six_month_limit(facts, SEED)
        assert finding.passed is True
        assert "DISP 2.8.3G" in finding.citation
        assert "10 January 2022" in finding.reason
        assert "did not tell" in finding.reason
        assert "referral_deadline_on" not in finding.dates


# DISP 2.8.2R(2)


class TestDisp282R2SixOrThreeYearLimit:
    """DISP 2.8.2R(2): the Ombudsman cannot consider a complaint referred more than six years after the event,
    or (if later) three years after the complainant knew or ought to have known of their cause for complaint,
    unless they complained to the respondent within that period and have a record of its receipt."""

    @pytest.mark.parametrize(
        ("referred_on", "passed"),
        [(date(2021, 3, 9), True), (date(2021, 3, 10), True), (date(2021, 3, 11), False)],
        ids=["day before", "sixth anniversary", "day after"],
    )
    def test_a_referral_on_the_sixth_anniversary_of_the_event_is_in_time(self, referred_on: date, passed: bool) -> None:
        # Aware on the day of the event: three years end in 2018, so six years after the event decide.
        facts = case_facts(event_date=date(2015, 3, 10), awareness_date=date(2015, 3, 10), referred_on=referred_on)
        finding = six_or_three_year_limit(facts, SEED)
        assert finding.name == "six_or_three_year_limit"
        assert finding.passed is passed
        assert finding.dates["six_years_end_on"] == date(2021, 3, 10)
        assert finding.dates["three_years_end_on"] == date(2018, 3, 10)
        assert finding.dates["referral_deadline_on"] == date(2021, 3, 10)
        assert finding.citation == "DISP 2.8.2R(2)"
        assert "10 March 2021" in finding.reason

    def test_a_late_referral_names_the_event_and_the_awareness_dates(self) -> None:
        facts = case_facts(event_date=date(2015, 3, 10), awareness_date=date(2015, 4, 1), referred_on=date(2021, 3, 11))
        finding = six_or_three_year_limit(facts, SEED)
        assert finding.passed is False
        assert "10 March 2015" in finding.reason
        assert "1 April 2015" in finding.reason
        assert "11 March 2021" in finding.reason

    @pytest.mark.parametrize(
        ("referred_on", "passed"),
        [(date(2022, 5, 31), True), (date(2022, 6, 1), True), (date(2022, 6, 2), False)],
        ids=["day before", "third anniversary of awareness", "day after"],
    )
    def test_three_years_from_awareness_apply_when_they_end_later_than_six_years_from_the_event(
        self, referred_on: date, passed: bool
    ) -> None:
        # Event 5 January 2010: six years end 5 January 2016. Aware 1 June 2019: three years end 1 June 2022.
        facts = case_facts(event_date=date(2010, 1, 5), awareness_date=date(2019, 6, 1), referred_on=referred_on)
        finding = six_or_three_year_limit(facts, SEED)
        assert finding.dates["six_years_end_on"] == date(2016, 1, 5)
        assert finding.dates["three_years_end_on"] == date(2022, 6, 1)
        assert finding.dates["referral_deadline_on"] == date(2022, 6, 1)
        assert finding.passed is passed
        assert "1 June 2022" in finding.reason

    def test_six_years_from_the_event_apply_when_they_end_later_than_three_years_from_awareness(self) -> None:
        facts = case_facts(event_date=date(2018, 1, 1), awareness_date=date(2018, 2, 1), referred_on=date(2023, 1, 1))
        finding = six_or_three_year_limit(facts, SEED)
        assert finding.dates["referral_deadline_on"] == date(2024, 1, 1)
        assert finding.passed is True

    @pytest.mark.parametrize(
        ("complained_on", "passed"),
        [(date(2016, 1, 4), True), (date(2016, 1, 5), True), (date(2016, 1, 6), False)],
        ids=["day before", "last day of the period", "day after"],
    )
    def test_a_recorded_complaint_to_the_respondent_within_the_period_keeps_a_late_referral_in_time(
        self, complained_on: date, passed: bool
    ) -> None:
        facts = case_facts(
            event_date=date(2010, 1, 5),
            awareness_date=date(2010, 1, 5),
            complained_to_respondent_on=complained_on,
            referred_on=date(2017, 3, 1),
        )
        finding = six_or_three_year_limit(facts, SEED)
        assert finding.passed is passed
        assert finding.dates["complained_to_respondent_on"] == complained_on
        if passed:
            assert long_date(complained_on) in finding.reason
            assert "record" in finding.reason

    def test_a_recorded_complaint_within_six_years_decides_it_even_without_the_awareness_date(self) -> None:
        facts = case_facts(
            event_date=date(2010, 1, 5),
            complained_to_respondent_on=date(2015, 1, 5),
            referred_on=date(2017, 3, 1),
        )
        assert six_or_three_year_limit(facts, SEED).passed is True

    def test_a_referral_within_six_years_needs_no_awareness_date(self) -> None:
        facts = case_facts(event_date=date(2020, 1, 1), referred_on=date(2026, 1, 1))
        finding = six_or_three_year_limit(facts, SEED)
        assert finding.passed is True
        assert "three_years_end_on" not in finding.dates

    def test_a_referral_after_six_years_without_the_awareness_date_cannot_be_decided(self) -> None:
        facts = case_facts(event_date=date(2015, 3, 10), referred_on=date(2021, 3, 11))
        finding = six_or_three_year_limit(facts, SEED)
        assert finding.passed is None
        assert "awareness_date" in finding.reason
        assert "10 March 2021" in finding.reason

    def test_without_the_event_date_it_cannot_be_decided(self) -> None:
        finding = six_or_three_year_limit(case_facts(awareness_date=date(2020, 1, 1)), SEED)
        assert finding.passed is None
        assert "event_date" in finding.reason
        assert finding.citation == "DISP 2.8.2R(2)"

    @pytest.mark.parametrize(
        ("referred_on", "passed"),
        [(date(2022, 2, 27), True), (date(2022, 2, 28), True), (date(2022, 3, 1), False)],
        ids=["27 February", "28 February", "1 March"],
    )
    def test_six_years_from_29_february_end_on_28_february(self, referred_on: date, passed: bool) -> None:
        facts = case_facts(event_date=date(2016, 2, 29), awareness_date=date(2016, 2, 29), referred_on=referred_on)
        finding = six_or_three_year_limit(facts, SEED)
        assert finding.dates["six_years_end_on"] == date(2022, 2, 28)
        assert finding.passed is passed

    def test_three_years_from_awareness_on_29_february_end_on_28_february(self) -> None:
        facts = case_facts(event_date=date(2010, 1, 1), awareness_date=date(2020, 2, 29), referred_on=date(2023, 3, 1))
        finding = six_or_three_year_limit(facts, SEED)
        assert finding.dates["three_years_end_on"] == date(2023, 2, 28)
        assert finding.passed is False


# DISP 2.8.2R(3), (5) and 2.8.4G


def late_by_six_months(**fields: Any) -> tuple[CaseFacts, list[Finding]]:
    """A complaint referred a day after the six-month limit, within the six years."""
    facts = case_facts(
        final_response_sent_on=date(2023, 1, 10),
        final_response_mentioned_time_limit=True,
        event_date=date(2022, 6, 1),
        referred_on=date(2023, 7, 11),
        **fields,
    )
    return facts, [six_month_limit(facts, SEED), six_or_three_year_limit(facts, SEED)]


class TestDisp282R3And5TimeLimitExceptions:
    """DISP 2.8.2R(3) and (5): a missed time limit does not stop the Ombudsman if the failure was the result
    of exceptional circumstances (DISP 2.8.4G: for example, incapacity) or the respondent has not objected."""

    def test_only_the_referral_limits_can_be_cured(self) -> None:
        assert TIME_LIMIT_TESTS == ("six_month_limit", "six_or_three_year_limit")

    def test_when_no_limit_was_missed_there_is_nothing_to_cure(self) -> None:
        facts = case_facts()
        finding = time_limit_exceptions([six_month_limit(facts, SEED)], facts, SEED)
        assert finding.name == "time_limit_exceptions"
        assert finding.passed is True
        assert "nothing to excuse" in finding.reason
        assert finding.details == {"cures": [], "exception": None}

    def test_the_respondent_not_having_had_its_time_is_not_a_limit_the_exceptions_cure(self) -> None:
        facts = case_facts(complained_to_respondent_on=date(2023, 6, 1), respondent_consents_to_late_referral=True)
        not_yet = respondent_had_its_time(facts, date(2023, 6, 2), SEED)
        assert not_yet.passed is False
        finding = time_limit_exceptions([not_yet], facts, SEED)
        assert finding.passed is True
        assert finding.details["cures"] == []

    def test_an_undecided_limit_is_not_a_missed_one(self) -> None:
        facts = case_facts(event_date=date(2015, 3, 10), referred_on=date(2021, 3, 11))
        undecided = six_or_three_year_limit(facts, SEED)
        assert undecided.passed is None
        assert time_limit_exceptions([undecided], facts, SEED).details["cures"] == []

    def test_the_respondents_consent_cures_a_missed_limit(self) -> None:
        facts, findings = late_by_six_months(respondent_consents_to_late_referral=True)
        finding = time_limit_exceptions(findings, facts, SEED)
        assert finding.passed is True
        assert finding.citation == "DISP 2.8.2R(5)"
        assert finding.details == {"cures": ["six_month_limit"], "exception": "respondent_consent"}
        assert "six-month limit" in finding.reason
        assert "agreed" in finding.reason

    def test_the_respondents_consent_is_preferred_when_exceptional_circumstances_are_also_put_forward(
        self,
    ) -> None:
        facts, findings = late_by_six_months(
            respondent_consents_to_late_referral=True, exceptional_circumstances="in hospital"
        )
        assert time_limit_exceptions(findings, facts, SEED).details["exception"] == "respondent_consent"

    def test_stated_exceptional_circumstances_leave_the_cure_to_the_ombudsman_until_found(self) -> None:
        """DISP 2.8.2R(3) is "in the view of the Ombudsman": the complainant's account alone cures nothing."""
        facts, findings = late_by_six_months(
            respondent_consents_to_late_referral=False, exceptional_circumstances="I was in hospital for three months."
        )
        finding = time_limit_exceptions(findings, facts, SEED)
        assert finding.passed is None
        assert finding.citation == "DISP 2.8.2R(3), DISP 2.8.4G"
        assert finding.details == {"cures": [], "exception": None}
        assert "I was in hospital for three months" in finding.reason
        assert "for the Ombudsman to decide" in finding.reason
        assert ".." not in finding.reason

    def test_exceptional_circumstances_the_ombudsman_has_found_cure_a_missed_limit(self) -> None:
        facts, findings = late_by_six_months(respondent_consents_to_late_referral=False)
        finding = time_limit_exceptions(findings, facts, SEED, exceptional_circumstances_found=True)
        assert finding.passed is True
        assert finding.details["exception"] == "exceptional_circumstances"
        assert "The Ombudsman has found" in finding.reason

    def test_exceptional_circumstances_not_yet_found_by_the_ombudsman_cure_nothing(self) -> None:
        facts, findings = late_by_six_months(
            respondent_consents_to_late_referral=False, exceptional_circumstances="I was in hospital"
        )
        finding = time_limit_exceptions(findings, facts, SEED, exceptional_circumstances_found=False)
        assert finding.passed is False
        assert finding.details == {"cures": [], "exception": None}
        assert "has not found" in finding.reason
        assert "six-month limit" in finding.reason

    def test_with_an_objection_and_no_exceptional_circumstances_no_exception_applies(self) -> None:
        facts, findings = late_by_six_months(respondent_consents_to_late_referral=False)
        finding = time_limit_exceptions(findings, facts, SEED)
        assert finding.passed is False
        assert "objects" in finding.reason
        assert "No exception applies" in finding.reason
        assert "six-month limit" in finding.reason
        assert finding.citation == "DISP 2.8.2R(3), DISP 2.8.2R(5)"

    def test_blank_exceptional_circumstances_are_not_put_forward(self) -> None:
        facts, findings = late_by_six_months(
            respondent_consents_to_late_referral=False, exceptional_circumstances="   "
        )
        assert time_limit_exceptions(findings, facts, SEED).passed is False

    def test_in_the_seed_edition_a_respondent_that_has_not_said_has_not_objected_and_the_limit_is_cured(self) -> None:
        """DISP 2.8.2R(5) as the seed edition has it: "has not objected" (the legal review's probe P1)."""
        facts, findings = late_by_six_months()
        finding = time_limit_exceptions(findings, facts, SEED)
        assert finding.passed is True
        assert finding.details == {"cures": ["six_month_limit"], "exception": "respondent_consent"}
        assert "has not objected" in finding.reason

    def test_from_9_july_2015_a_respondent_that_has_not_said_has_not_consented(self) -> None:
        facts, findings = late_by_six_months()  # referred on 11 July 2023
        assert time_limit_exceptions(findings, facts, load_rulebook("published")).passed is False

    def test_one_exception_cures_both_missed_limits(self) -> None:
        facts = case_facts(
            final_response_sent_on=date(2023, 1, 10),
            final_response_mentioned_time_limit=True,
            event_date=date(2010, 1, 1),
            awareness_date=date(2010, 1, 1),
            referred_on=date(2023, 7, 11),
            respondent_consents_to_late_referral=True,
        )
        findings = [six_month_limit(facts, SEED), six_or_three_year_limit(facts, SEED)]
        finding = time_limit_exceptions(findings, facts, SEED)
        assert finding.details["cures"] == ["six_month_limit", "six_or_three_year_limit"]
        assert "six-month limit" in finding.reason
        assert "six-year" in finding.reason


# DISP 2.8.2R(1): the six months run from the day the final response was sent, a day that has come.


class TestDisp282R1AFinalResponseMayBeDated:
    """DISP 2.8.2R(1) and 2.8.3G: a final response recorded later was sent on a day that has come."""

    today = date(2024, 1, 15)

    @pytest.mark.parametrize(
        ("days_from_today", "allowed"),
        [(-1, True), (0, True), (1, False)],
        ids=["yesterday", "today", "tomorrow"],
    )
    def test_a_final_response_may_be_dated_today_or_earlier_but_never_after_today(
        self, days_from_today: int, allowed: bool
    ) -> None:
        sent_on = self.today + timedelta(days=days_from_today)
        found = final_response_may_be_dated(sent_on, self.today)
        assert found.passed is allowed
        assert found.citation == "DISP 2.8.2R(1)"
        assert found.dates == {"sent_on": sent_on, "today": self.today}

    def test_a_final_response_dated_tomorrow_is_refused_naming_both_days(self) -> None:
        found = final_response_may_be_dated(date(2024, 1, 16), self.today)
        assert found.reason == "2024-01-16 is after today (2024-01-15)"

    def test_a_final_response_dated_today_says_when_it_was_sent_as_a_letter_writes_it(self) -> None:
        assert (
            final_response_may_be_dated(self.today, self.today).reason
            == "The final response was sent on 15 January 2024."
        )
