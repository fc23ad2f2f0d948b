"""DISP 2.8.2R(2) runs from "the event complained of": a complaint about several events is judged event by event.

Worked cases written from the rule text (the facts of MAS5 [2022] EWHC 1979 and the payday-lending series): each
event's own time limits and exceptions, the complaint's own tests judged once, and what the complaint's
``in_jurisdiction`` is made of them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from ombudsman.rules.disp_3_2_jurisdiction_decision import may_accept, may_decide_out
from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.jurisdiction import EVENT_TEST_NAMES, Assessment, assess
from ombudsman.rules.rulebook import load_rulebook

SEED = load_rulebook("disp-2013")
PUBLISHED = load_rulebook("published")


def loans(*events: dict[str, Any], **fields: Any) -> CaseFacts:
    """A consumer's complaint about a series of loans to a lender, referred on 1 September 2020 within six months
    of a final response of 1 May 2020 that told of the limit; ``events`` as given, ``fields`` on top."""
    return CaseFacts.model_validate(
        {
            "complainant": {"name": "Ada Example", "kind": "consumer", "relationship": "customer"},
            "respondent": {"name": "Example Loans Ltd", "frn": "123456", "kind": "firm"},
            "activity": "consumer_credit",
            "establishment": "uk",
            "complained_to_respondent_on": date(2020, 3, 10),
            "final_response_sent_on": date(2020, 5, 1),
            "final_response_mentioned_time_limit": True,
            "referred_on": date(2020, 9, 1),
            "respondent_consents_to_late_referral": False,
            "events": list(events),
            **fields,
        }
    )


def loan(event_id: str, on: date, **own: Any) -> dict[str, Any]:
    """A loan the complainant knew of the day it was made, unless ``own`` says otherwise."""
    return {"id": event_id, "kind": "loan", "date": on, "awareness_date": on, **own}


AS_OF = date(2020, 10, 1)


def ins_and_outs(assessment: Assessment) -> tuple[list[str], list[str]]:
    return assessment.events_in_jurisdiction, assessment.events_out_of_jurisdiction


class TestEachEventHasItsOwnSixYears:
    def test_a_record_of_receipt_on_the_sixth_anniversary_of_a_loan_keeps_that_loan_in(self) -> None:
        # L1's six years end on 10 March 2020, the very day the lender's record shows it received the complaint.
        facts = loans(loan("L1", date(2014, 3, 10)), loan("L2", date(2015, 6, 1)), loan("L3", date(2018, 1, 15)))
        assessment = assess(facts, AS_OF, SEED, exceptional_circumstances_found=False)
        assert ins_and_outs(assessment) == (["L1", "L2", "L3"], [])
        assert assessment.in_jurisdiction is True

    def test_a_loan_whose_sixth_anniversary_was_the_day_before_the_record_of_receipt_is_out(self) -> None:
        facts = loans(loan("L1", date(2014, 3, 9)), loan("L2", date(2015, 6, 1)))
        assessment = assess(facts, AS_OF, SEED, exceptional_circumstances_found=False)
        assert ins_and_outs(assessment) == (["L2"], ["L1"])
        assert assessment.in_jurisdiction is True  # the complaint goes on for L2
        assert assessment.event("L1").test("six_or_three_year_limit").dates["six_years_end_on"] == date(2020, 3, 9)

    def test_a_loan_of_29_february_has_its_six_years_end_on_28_february(self) -> None:
        leap = loans(loan("L1", date(2014, 2, 28)), complained_to_respondent_on=date(2020, 2, 28))
        assert assess(leap, AS_OF, SEED).events_in_jurisdiction == ["L1"]
        facts = loans(
            loan("L1", date(2016, 2, 29)),
            complained_to_respondent_on=date(2022, 2, 28),
            final_response_sent_on=date(2022, 3, 20),
            referred_on=date(2022, 9, 1),
        )
        in_time = assess(facts, date(2022, 9, 2), SEED)
        assert in_time.event("L1").test("six_or_three_year_limit").dates["six_years_end_on"] == date(2022, 2, 28)
        assert in_time.events_in_jurisdiction == ["L1"]
        a_day_late = facts.model_copy(update={"complained_to_respondent_on": date(2022, 3, 1)})
        assert assess(a_day_late, date(2022, 9, 2), SEED).events_out_of_jurisdiction == ["L1"]

    def test_awareness_later_than_the_loan_gives_the_loan_three_years_from_awareness(self) -> None:
        aware = loan("L1", date(2012, 1, 1), awareness_date=date(2017, 3, 10))
        facts = loans(aware, loan("L2", date(2013, 1, 1), awareness_date=date(2017, 3, 9)))
        assessment = assess(facts, AS_OF, SEED, exceptional_circumstances_found=False)
        # L1: three years from 10 March 2017 end on 10 March 2020, the day of the record; L2's a day before.
        assert ins_and_outs(assessment) == (["L1"], ["L2"])

    def test_a_loan_over_six_years_old_with_no_awareness_date_is_undecided_not_out(self) -> None:
        facts = loans(loan("L1", date(2010, 1, 1), awareness_date=None), loan("L2", date(2018, 1, 1)))
        assessment = assess(facts, AS_OF, SEED, exceptional_circumstances_found=False)
        assert assessment.event("L1").in_jurisdiction is None
        assert assessment.in_jurisdiction is True  # L2 is in
        assert "awareness_date is missing" in assessment.undecided()[0].reason
        refused = may_accept(assessment, None, invited=("complainant",), heard=("complainant",), today=AS_OF)
        assert refused.passed is False and "cannot yet say" in refused.reason


class TestTheRespondentsPositionAndTheExceptionsArePerEvent:
    def test_a_firm_silent_on_some_loans_and_objecting_to_others_under_the_seed_rule(self) -> None:
        # Seed edition (DISP 2.8.2R(5) "has not objected"): silence on L1 lets it in; the objection to L2 does not.
        facts = loans(
            loan("L1", date(2013, 1, 1)),
            loan("L2", date(2013, 2, 1), respondent_consents_to_late_referral=False),
            loan("L3", date(2019, 1, 1)),
            respondent_consents_to_late_referral=None,
        )
        assessment = assess(facts, AS_OF, SEED, exceptional_circumstances_found=False)
        assert ins_and_outs(assessment) == (["L1", "L3"], ["L2"])
        assert assessment.event("L1").test("time_limit_exceptions").details["exception"] == "respondent_consent"

    def test_silence_does_not_cure_under_the_consent_rule_of_9_july_2015(self) -> None:
        facts = loans(
            loan("L1", date(2013, 1, 1)),
            loan("L2", date(2019, 1, 1)),
            respondent_consents_to_late_referral=None,
            complained_to_respondent_on=None,
            final_response_sent_on=None,
        )
        assessment = assess(facts, AS_OF, PUBLISHED, exceptional_circumstances_found=False)
        assert ins_and_outs(assessment) == (["L2"], ["L1"])

    def test_exceptional_circumstances_found_for_some_loans_cure_only_those(self) -> None:
        facts = loans(
            loan("L1", date(2012, 1, 1)),
            loan("L2", date(2012, 6, 1)),
            loan("L3", date(2018, 1, 1)),
            exceptional_circumstances="In hospital from 2017 to 2020",
        )
        found = assess(
            facts, AS_OF, SEED, exceptional_circumstances_found=True, exceptional_circumstances_events=frozenset({"L1"})
        )
        assert ins_and_outs(found) == (["L1", "L3"], ["L2"])
        everywhere = assess(facts, AS_OF, SEED, exceptional_circumstances_found=True)
        assert ins_and_outs(everywhere) == (["L1", "L2", "L3"], [])

    def test_two_final_responses_covering_different_loans_start_two_six_months(self) -> None:
        # L1 was answered on its own on 1 January 2020, telling of the limit: its six months ended 1 July 2020.
        facts = loans(
            loan(
                "L1",
                date(2018, 1, 1),
                final_response_sent_on=date(2020, 1, 1),
                final_response_mentioned_time_limit=True,
            ),
            loan("L2", date(2018, 6, 1)),
        )
        assessment = assess(facts, AS_OF, SEED, exceptional_circumstances_found=False)
        assert ins_and_outs(assessment) == (["L2"], ["L1"])
        assert assessment.event("L1").test("six_month_limit").dates["referral_deadline_on"] == date(2020, 7, 1)
        silent = facts.events[0].model_copy(update={"final_response_mentioned_time_limit": None})
        assert (
            assess(
                facts.model_copy(update={"events": [silent, facts.events[1]]}), AS_OF, SEED
            ).events_out_of_jurisdiction
            == []
        )


class TestTheComplaintAsAWhole:
    def test_an_event_first_raised_with_us_goes_to_the_respondent_while_the_others_go_on(self) -> None:
        facts = loans(loan("L1", date(2018, 1, 1)), loan("L4", date(2019, 5, 1), first_raised_at_ombudsman=True))
        assessment = assess(facts, AS_OF, SEED, exceptional_circumstances_found=False)
        l4 = assessment.event("L4")
        assert l4.in_jurisdiction is None and l4.premature
        assert (
            "goes to the business first" in l4.reason and "DISP 3.2.2R" in l4.test("respondent_had_its_time").citation
        )
        assert ins_and_outs(assessment) == (["L1"], [])
        assert assessment.in_jurisdiction is True
        assert assessment.undecided() == []

    def test_every_event_first_raised_with_us_makes_the_complaint_premature_not_out(self) -> None:
        facts = loans(loan("L4", date(2019, 5, 1), first_raised_at_ombudsman=True))
        assessment = assess(facts, AS_OF, SEED)
        assert assessment.in_jurisdiction is None and assessment.premature

    def test_every_event_out_puts_the_complaint_out_and_it_may_be_decided_out(self) -> None:
        facts = loans(loan("L1", date(2012, 1, 1)), loan("L2", date(2013, 1, 1)))
        assessment = assess(facts, AS_OF, SEED, exceptional_circumstances_found=False)
        assert assessment.in_jurisdiction is False
        assert [finding.name for finding in assessment.failed_uncured()] == ["six_or_three_year_limit"] * 2
        out = may_decide_out(("complainant",), ("complainant",), None, today=AS_OF, assessment=assessment)
        assert out.passed is True

    def test_eligibility_is_judged_once_for_the_complaint_not_per_event(self) -> None:
        big = {"name": "Big plc", "kind": "other", "contract_date": date(2015, 1, 1)}  # not DISP TP 1 row 21's
        facts = loans(loan("L1", date(2018, 1, 1)), complainant=big)
        assessment = assess(facts, AS_OF, SEED)
        assert [finding.name for finding in assessment.tests] == [
            "respondent_had_its_time",
            "eligible_complainant",
            "activity_in_scope",
            "territory",
        ]
        assert [finding.name for finding in assessment.event("L1").tests] == list(EVENT_TEST_NAMES)
        assert assessment.in_jurisdiction is False and assessment.events_in_jurisdiction == ["L1"]

    def test_some_events_out_may_be_accepted_for_the_rest_only_after_the_complainant_was_invited(self) -> None:
        facts = loans(loan("L1", date(2012, 1, 1)), loan("L2", date(2018, 1, 1)))
        assessment = assess(facts, AS_OF, SEED, exceptional_circumstances_found=False)
        uninvited = may_accept(assessment, None)
        assert uninvited.passed is False and "DISP 3.2.4R" in uninvited.citation
        accepted = may_accept(assessment, None, invited=("complainant",), heard=("complainant",), today=AS_OF)
        assert accepted.passed is True
        assert accepted.details["events_in"] == ["L2"] and accepted.details["events_out"] == ["L1"]
        assert "event L2" in accepted.reason and "event L1" in accepted.reason

    def test_the_assessment_names_its_events_in_the_contract_shape(self) -> None:
        facts = loans(loan("L1", date(2012, 1, 1)), loan("L2", date(2018, 1, 1)))
        shown = assess(facts, AS_OF, SEED, exceptional_circumstances_found=False).as_dict()
        assert shown["events_in_jurisdiction"] == ["L2"] and shown["events_out_of_jurisdiction"] == ["L1"]
        assert [event["id"] for event in shown["events"]] == ["L1", "L2"]
        assert {test["name"] for test in shown["events"][0]["tests"]} == set(EVENT_TEST_NAMES)
        assert shown["events"][0]["in_jurisdiction"] is False


class TestTheFactsOfSeveralEvents:
    @pytest.mark.parametrize(
        ("change", "words"),
        [
            ({"event_date": date(2018, 1, 1)}, "not both"),
            ({"events": [loan("L1", date(2018, 1, 1)), loan("L1", date(2018, 2, 1))]}, "used twice"),
            ({"events": [loan("L 1", date(2018, 1, 1))]}, "pattern"),
            ({"events": [loan("L1", date(2021, 1, 1))]}, "after referred_on"),
            ({"events": [loan("L1", date(2018, 1, 1), awareness_date=date(2017, 1, 1))]}, "awareness_date"),
        ],
    )
    def test_facts_that_cannot_be_true_together_are_refused_naming_them(
        self, change: dict[str, Any], words: str
    ) -> None:
        with pytest.raises(ValidationError, match=words):
            loans(loan("L9", date(2018, 1, 1)), **change) if "events" not in change else loans(**change)

    def test_an_event_that_gives_no_fact_of_its_own_takes_the_complaints(self) -> None:
        facts = loans(loan("L1", date(2018, 1, 1), awareness_date=date(2018, 2, 1)), awareness_date=date(2017, 1, 1))
        own = facts.for_event(facts.events[0])
        assert own.event_date == date(2018, 1, 1) and own.awareness_date == date(2018, 2, 1)
        assert own.final_response_sent_on == facts.final_response_sent_on and own.events == []
        later = loans(loan("L2", date(2018, 1, 1), awareness_date=None), awareness_date=date(2017, 1, 1))
        assert later.for_event(later.events[0]).awareness_date == date(2018, 1, 1)


class TestTheClientCategoriesOfSeveralEvents:
    """DISP TP 1 row 1B asks about the complainant's category "at the time of the act": judged once for a complaint
    about several events, by their dates when they all fall on one side of 1 November 2007."""

    def _eligible(self, *dates: date, **complainant: Any) -> bool | None:
        facts = loans(
            *(loan(f"L{n}", day) for n, day in enumerate(dates, 1)),
            complainant={"name": "Ada Example", "kind": "consumer", "relationship": "customer", **complainant},
        )
        return assess(facts, AS_OF, SEED).test("eligible_complainant").passed

    def test_an_intermediate_customer_is_excluded_when_every_loan_was_before_1_november_2007(self) -> None:
        assert self._eligible(date(2007, 1, 1), date(2007, 10, 31), intermediate_customer=True) is False

    def test_an_intermediate_customer_is_not_excluded_when_every_loan_was_from_1_november_2007(self) -> None:
        assert self._eligible(date(2007, 11, 1), date(2008, 1, 1), intermediate_customer=True) is True

    def test_a_professional_client_is_not_excluded_for_loans_all_before_1_november_2007(self) -> None:
        assert self._eligible(date(2007, 10, 31), professional_client=True) is True

    def test_loans_either_side_count_each_category_in_its_own_years(self) -> None:
        assert self._eligible(date(2007, 10, 31), date(2007, 11, 1), professional_client=True) is False
