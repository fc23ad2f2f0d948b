"""DISP 2: every jurisdiction test judged together; how cures and missing facts decide ``in_jurisdiction``."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.jurisdiction import TEST_NAMES, TIME_LIMIT_TESTS, Assessment, assess
from ombudsman.rules.rulebook import load_rulebook

SEED = load_rulebook("disp-2013")
PUBLISHED = load_rulebook("published")
AS_OF = date(2024, 1, 20)


def case_facts(complainant: dict[str, Any] | None = None, **fields: Any) -> CaseFacts:
    """A complaint that passes every test on ``AS_OF``, with ``fields`` and ``complainant`` fields on top."""
    return CaseFacts.model_validate(
        {
            "complainant": {
                "name": "Ada Example",
                "kind": "consumer",
                "relationship": "customer",
                **(complainant or {}),
            },
            "respondent": {"name": "Example Bank plc", "frn": "123456", "kind": "firm"},
            "activity": "lending",
            "establishment": "uk",
            "event_date": date(2023, 3, 1),
            "awareness_date": date(2023, 3, 1),
            "complained_to_respondent_on": date(2023, 6, 1),
            "final_response_sent_on": date(2023, 7, 20),
            "final_response_mentioned_time_limit": True,
            "referred_on": date(2024, 1, 15),
            **fields,
        }
    )


def failed_names(assessment: Assessment) -> list[str]:
    return [finding.name for finding in assessment.failed_uncured()]


class TestAssessmentShape:
    def test_a_complaint_that_passes_every_test_is_in_jurisdiction(self) -> None:
        assessment = assess(case_facts(), AS_OF, SEED)
        assert assessment.in_jurisdiction is True
        assert assessment.jurisdiction == "compulsory"
        assert assessment.as_of == AS_OF
        assert all(finding.passed is True for finding in assessment.tests)
        assert assessment.failed_uncured() == []

    def test_the_tests_come_in_the_contract_order(self) -> None:
        assessment = assess(case_facts(), AS_OF, SEED)
        assert tuple(finding.name for finding in assessment.tests) == TEST_NAMES
        assert TEST_NAMES == (
            "respondent_had_its_time",
            "six_month_limit",
            "six_or_three_year_limit",
            "time_limit_exceptions",
            "eligible_complainant",
            "activity_in_scope",
            "territory",
        )

    def test_as_dict_gives_the_api_shape(self) -> None:
        answer = assess(case_facts(), AS_OF, SEED).as_dict()
        assert list(answer) == ["as_of", "in_jurisdiction", "jurisdiction", "tests"]
        assert answer["as_of"] == "2024-01-20"
        assert answer["in_jurisdiction"] is True
        assert answer["jurisdiction"] == "compulsory"
        assert [test["name"] for test in answer["tests"]] == list(TEST_NAMES)
        six_months = answer["tests"][1]
        assert six_months["dates"]["referral_deadline_on"] == "2024-01-20"
        assert six_months["citation"] == "DISP 2.8.2R(1)"
        assert answer["tests"][5]["jurisdiction"] == "compulsory"

    def test_a_test_is_found_by_name(self) -> None:
        assessment = assess(case_facts(), AS_OF, SEED)
        assert assessment.test("territory").citation == "DISP 2.6"
        with pytest.raises(KeyError):
            assessment.test("no_such_test")

    def test_only_the_referral_limits_are_curable(self) -> None:
        assert TIME_LIMIT_TESTS == ("six_month_limit", "six_or_three_year_limit")


class TestInJurisdiction:
    """False if any test fails uncured, else None if any test is undecided, else True."""

    def test_a_respondent_still_within_its_time_keeps_the_complaint_out(self) -> None:
        facts = case_facts(final_response_sent_on=None, complained_to_respondent_on=date(2024, 1, 1))
        assessment = assess(facts, AS_OF, SEED)
        assert assessment.in_jurisdiction is False
        assert failed_names(assessment) == ["respondent_had_its_time"]
        assert "26 February 2024" in assessment.test("respondent_had_its_time").reason

    def test_the_respondents_consent_does_not_cure_a_respondent_still_within_its_time(self) -> None:
        facts = case_facts(
            final_response_sent_on=None,
            complained_to_respondent_on=date(2024, 1, 1),
            respondent_consents_to_late_referral=True,
        )
        assert assess(facts, AS_OF, SEED).in_jurisdiction is False

    def test_a_missed_six_month_limit_with_no_exception_keeps_the_complaint_out(self) -> None:
        facts = case_facts(referred_on=date(2024, 1, 21))
        assessment = assess(facts, date(2024, 1, 21), SEED)
        assert assessment.in_jurisdiction is False
        assert failed_names(assessment) == ["six_month_limit"]
        exceptions = assessment.test("time_limit_exceptions")
        assert exceptions.passed is False
        assert exceptions not in assessment.failed_uncured()

    def test_a_missed_limit_cured_by_consent_still_reports_failed_but_is_in_jurisdiction(self) -> None:
        facts = case_facts(referred_on=date(2024, 1, 21), respondent_consents_to_late_referral=True)
        assessment = assess(facts, date(2024, 1, 21), SEED)
        assert assessment.test("six_month_limit").passed is False
        assert assessment.test("time_limit_exceptions").details["cures"] == ["six_month_limit"]
        assert assessment.in_jurisdiction is True
        assert assessment.failed_uncured() == []

    def test_stated_exceptional_circumstances_cure_a_missed_limit_in_a_stateless_assessment(self) -> None:
        facts = case_facts(referred_on=date(2024, 1, 21), exceptional_circumstances="I was in hospital")
        assert assess(facts, date(2024, 1, 21), SEED).in_jurisdiction is True

    def test_exceptional_circumstances_the_ombudsman_has_not_found_cure_nothing(self) -> None:
        facts = case_facts(referred_on=date(2024, 1, 21), exceptional_circumstances="I was in hospital")
        assessment = assess(facts, date(2024, 1, 21), SEED, exceptional_circumstances_found=False)
        assert assessment.in_jurisdiction is False
        assert failed_names(assessment) == ["six_month_limit"]

    def test_exceptional_circumstances_the_ombudsman_has_found_cure_a_missed_limit(self) -> None:
        facts = case_facts(referred_on=date(2024, 1, 21))
        assessment = assess(facts, date(2024, 1, 21), SEED, exceptional_circumstances_found=True)
        assert assessment.in_jurisdiction is True

    def test_a_missing_fact_leaves_jurisdiction_undecided(self) -> None:
        assessment = assess(case_facts(establishment=None), AS_OF, SEED)
        assert assessment.in_jurisdiction is None
        assert assessment.test("territory").passed is None
        assert assessment.failed_uncured() == []

    def test_a_failure_beats_a_missing_fact(self) -> None:
        facts = case_facts(establishment=None, complainant={"relationship": "none"})
        assessment = assess(facts, AS_OF, SEED)
        assert assessment.in_jurisdiction is False
        assert failed_names(assessment) == ["eligible_complainant"]

    def test_an_activity_out_of_scope_leaves_no_jurisdiction_and_keeps_the_complaint_out(self) -> None:
        assessment = assess(case_facts(activity="other"), AS_OF, SEED)
        assert assessment.jurisdiction is None
        assert assessment.in_jurisdiction is False
        assert failed_names(assessment) == ["activity_in_scope"]
        assert assessment.test("territory").passed is True

    def test_the_jurisdiction_found_decides_the_exclusions_and_the_territory(self) -> None:
        facts = case_facts(
            complainant={"body_corporate_or_large_partnership": True},
            respondent={"name": "Example Credit Ltd", "frn": "654321", "kind": "licensee"},
            activity="consumer_credit",
            establishment="eea",
        )
        assessment = assess(facts, AS_OF, SEED)
        assert assessment.jurisdiction == "consumer_credit"
        assert failed_names(assessment) == ["eligible_complainant", "territory"]

    def test_an_unknown_activity_leaves_exclusions_that_depend_on_jurisdiction_undecided(self) -> None:
        facts = case_facts(activity=None, complainant={"professional_client": True})
        assessment = assess(facts, AS_OF, SEED)
        assert assessment.jurisdiction is None
        assert assessment.test("eligible_complainant").passed is None
        assert assessment.in_jurisdiction is None

    def test_the_rulebook_decides_the_respondents_time_for_payment_services(self) -> None:
        # Received 25 March 2024: 15 business days over Easter end on 17 April; eight weeks end on 20 May.
        facts = case_facts(
            activity="payment_services",
            payment_services_complaint=True,
            complained_to_respondent_on=date(2024, 3, 25),
            final_response_sent_on=None,
            referred_on=date(2024, 4, 18),
        )
        assert assess(facts, date(2024, 4, 18), PUBLISHED).in_jurisdiction is True
        assert assess(facts, date(2024, 4, 18), SEED).in_jurisdiction is False
