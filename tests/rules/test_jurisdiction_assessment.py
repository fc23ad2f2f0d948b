"""DISP 2: every jurisdiction test judged together; how cures and missing facts decide ``in_jurisdiction``."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

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
        assert list(answer) == ["as_of", "in_jurisdiction", "premature", "jurisdiction", "tests"]
        assert answer["premature"] is False
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
    """False if any test fails uncured, else None if any test is undecided (or the complaint is premature), else
    True."""

    def test_a_respondent_still_within_its_time_makes_the_complaint_premature_not_out_of_jurisdiction(self) -> None:
        """DISP 3.2.2R: it goes to the respondent first (the legal review's probe P7)."""
        facts = case_facts(final_response_sent_on=None, complained_to_respondent_on=date(2024, 1, 1))
        assessment = assess(facts, AS_OF, SEED)
        assert assessment.in_jurisdiction is None
        assert assessment.premature is True
        assert failed_names(assessment) == ["respondent_had_its_time"]
        assert assessment.out_of_jurisdiction_grounds() == []
        assert "26 February 2024" in assessment.test("respondent_had_its_time").reason

    def test_a_premature_complaint_that_also_fails_another_test_is_out_of_jurisdiction(self) -> None:
        facts = case_facts(final_response_sent_on=None, complained_to_respondent_on=date(2024, 1, 1), activity="other")
        assessment = assess(facts, AS_OF, SEED)
        assert assessment.in_jurisdiction is False
        assert assessment.premature is False
        assert [test.name for test in assessment.out_of_jurisdiction_grounds()] == ["activity_in_scope"]

    def test_the_respondents_consent_does_not_cure_a_respondent_still_within_its_time(self) -> None:
        facts = case_facts(
            final_response_sent_on=None,
            complained_to_respondent_on=date(2024, 1, 1),
            respondent_consents_to_late_referral=True,
        )
        assessment = assess(facts, AS_OF, SEED)
        assert assessment.in_jurisdiction is None and assessment.premature is True

    def test_a_missed_six_month_limit_the_respondent_objects_to_keeps_the_complaint_out(self) -> None:
        facts = case_facts(referred_on=date(2024, 1, 21), respondent_consents_to_late_referral=False)
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

    def test_stated_exceptional_circumstances_leave_the_cure_to_the_ombudsman_in_a_stateless_assessment(self) -> None:
        """DISP 2.8.2R(3): "in the view of the Ombudsman"; an account alone is not a finding (probe P6)."""
        facts = case_facts(
            referred_on=date(2024, 1, 21),
            exceptional_circumstances="I was in hospital",
            respondent_consents_to_late_referral=False,
        )
        assessment = assess(facts, date(2024, 1, 21), SEED)
        assert assessment.in_jurisdiction is None
        exceptions = assessment.test("time_limit_exceptions")
        assert exceptions.passed is None
        assert "for the Ombudsman to decide" in exceptions.reason

    def test_exceptional_circumstances_the_ombudsman_has_not_found_cure_nothing(self) -> None:
        facts = case_facts(
            referred_on=date(2024, 1, 21),
            exceptional_circumstances="I was in hospital",
            respondent_consents_to_late_referral=False,
        )
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
        assert assess(facts, date(2024, 4, 18), SEED).premature is True  # eight weeks: not yet had its time


class TestTheRespondentsPosition:
    """DISP 2.8.2R(5): in the seed edition a late complaint may be considered unless the respondent objected on
    the ground that it is late ("has not objected"); from 9 July 2015 (the ``published`` rulebook) only with its
    consent. Silence is "not said" (None), never an objection (the legal review's probe P1)."""

    LATE: ClassVar[dict[str, Any]] = {"referred_on": date(2024, 1, 21)}  # a day after the six months ran out

    @pytest.mark.parametrize(("position", "cured"), [(None, True), (True, True), (False, False)])
    def test_in_the_seed_edition_a_late_complaint_is_considered_unless_the_respondent_objects(
        self, position: bool | None, cured: bool
    ) -> None:
        facts = case_facts(**self.LATE, respondent_consents_to_late_referral=position)
        assessment = assess(facts, date(2024, 1, 21), SEED)
        assert assessment.in_jurisdiction is cured
        exceptions = assessment.test("time_limit_exceptions")
        assert exceptions.details["cures"] == (["six_month_limit"] if cured else [])
        assert exceptions.citation == ("DISP 2.8.2R(5)" if cured else "DISP 2.8.2R(3), DISP 2.8.2R(5)")

    def test_the_silent_respondents_cure_says_it_has_not_objected(self) -> None:
        facts = case_facts(**self.LATE)
        reason = assess(facts, date(2024, 1, 21), SEED).test("time_limit_exceptions").reason
        assert "has not objected" in reason

    @pytest.mark.parametrize(("position", "cured"), [(None, False), (True, True), (False, False)])
    def test_from_9_july_2015_a_late_complaint_needs_the_respondents_consent(
        self, position: bool | None, cured: bool
    ) -> None:
        facts = case_facts(**self.LATE, respondent_consents_to_late_referral=position)
        assert assess(facts, date(2024, 1, 21), PUBLISHED).in_jurisdiction is cured

    @pytest.mark.parametrize(
        ("referred_on", "needs"),
        [(date(2015, 7, 8), "no_objection"), (date(2015, 7, 9), "consent"), (date(2015, 7, 10), "consent")],
        ids=["the day before", "the day of", "the day after"],
    )
    def test_the_published_rulebook_changes_what_it_asks_of_the_respondent_on_9_july_2015(
        self, referred_on: date, needs: str
    ) -> None:
        assert PUBLISHED.late_referral_needs(referred_on) == needs
        assert SEED.late_referral_needs(referred_on) == "no_objection"
