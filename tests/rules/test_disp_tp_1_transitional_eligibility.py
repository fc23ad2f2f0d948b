"""DISP TP 1, the seed edition's transitional eligibility: row 21 (a business with a group annual turnover under
£1 million, about a contract made before 1 November 2009, is eligible) and row 1B (for an act before 1 November
2007, DISP 2.7.9R(2) excludes an intermediate customer or market counterparty). Each date and amount on its
boundary."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from ombudsman.rules.eligibility import eligible_complainant
from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.rulebook import available_rulebooks, load_rulebook
from tests.factories import bare_facts

SEED = load_rulebook("disp-2013")


def business(**complainant: Any) -> CaseFacts:
    """The legal review's complainant: a business of 15 employees, too big to be a micro-enterprise, a customer."""
    return bare_facts(
        complainant={"kind": "micro_enterprise", "employees": 15, "annual_turnover": "800000.00", **complainant}
    )


def older_contract(**complainant: Any) -> CaseFacts:
    """That business, with a group annual turnover of £800,000 and a contract of 14 March 2008."""
    return business(**{"group_annual_turnover": "800000.00", "contract_date": "2008-03-14", **complainant})


# DISP TP 1 row 21


class TestRow21ABusinessWithAnOlderContract:
    def test_a_business_of_fifteen_employees_under_one_million_pounds_about_a_2008_contract_is_eligible(self) -> None:
        finding = eligible_complainant(older_contract(), "compulsory", SEED)
        assert finding.passed is True
        assert "transitional rule" in finding.reason
        assert "£800,000" in finding.reason
        assert "14 March 2008" in finding.reason
        assert "1 November 2009" in finding.reason
        assert finding.citation == "DISP 2.7.3R, DISP TP 1 row 21, DISP 2.7.6R, DISP 2.7.9R"

    def test_today_the_same_business_is_refused_with_a_later_contract(self) -> None:
        finding = eligible_complainant(older_contract(contract_date="2012-05-01"), "compulsory", SEED)
        assert finding.passed is False
        assert "not a micro-enterprise" in finding.reason
        assert "15 employees" in finding.reason
        assert "1 May 2012" in finding.reason
        assert finding.citation == "DISP 2.7.3R, DISP TP 1 row 21"

    @pytest.mark.parametrize(
        ("turnover", "eligible"),
        [("999999.99", True), ("1000000", False), ("1000000.01", False)],
        ids=["999,999.99 pounds is under 1 million", "1,000,000 pounds is not under it", "1,000,000.01 is over it"],
    )
    def test_the_group_annual_turnover_must_be_less_than_one_million_pounds(
        self, turnover: str, eligible: bool
    ) -> None:
        finding = eligible_complainant(older_contract(group_annual_turnover=turnover), "compulsory", SEED)
        assert finding.passed is eligible
        if not eligible:
            assert "group annual turnover was £1,000,000" in finding.reason
            assert "it must be under £1,000,000" in finding.reason

    @pytest.mark.parametrize(
        ("contract_date", "eligible"),
        [("2009-10-31", True), ("2009-11-01", False), ("2009-11-02", False)],
        ids=["a contract of 31 October 2009", "a contract of 1 November 2009", "a contract of 2 November 2009"],
    )
    def test_the_contract_must_have_been_made_before_1_november_2009(self, contract_date: str, eligible: bool) -> None:
        finding = eligible_complainant(older_contract(contract_date=contract_date), "compulsory", SEED)
        assert finding.passed is eligible
        if not eligible:
            assert "covers contracts made before 1 November 2009" in finding.reason

    @pytest.mark.parametrize(
        ("facts", "missing"),
        [
            ({"group_annual_turnover": "800000.00"}, "contract_date is missing"),
            ({"contract_date": "2008-03-14"}, "group_annual_turnover is missing"),
            ({}, "group_annual_turnover and contract_date are missing"),
        ],
        ids=["no contract date", "no group turnover", "neither"],
    )
    def test_a_business_too_big_for_a_micro_enterprise_is_undecided_while_a_fact_row_21_needs_is_missing(
        self, facts: dict[str, str], missing: str
    ) -> None:
        finding = eligible_complainant(business(**facts), "compulsory", SEED)
        assert finding.passed is None
        assert "not a micro-enterprise" in finding.reason
        assert missing in finding.reason
        assert finding.citation == "DISP 2.7.3R, DISP TP 1 row 21"

    @pytest.mark.parametrize(
        "facts",
        [{"group_annual_turnover": "1000000"}, {"contract_date": "2009-11-01"}],
        ids=["a turnover of £1 million", "a contract of 1 November 2009"],
    )
    def test_one_fact_that_fails_row_21_decides_it_without_the_other(self, facts: dict[str, str]) -> None:
        assert eligible_complainant(business(**facts), "compulsory", SEED).passed is False

    def test_a_missing_fact_of_the_micro_enterprise_test_still_decides_when_row_21_fails(self) -> None:
        facts = business(employees=None, contract_date="2012-05-01")
        finding = eligible_complainant(facts, "compulsory", SEED)
        assert finding.passed is None
        assert "employees is missing" in finding.reason
        assert finding.citation == "DISP 2.7.3R"

    def test_a_complainant_of_another_kind_that_is_a_business_may_be_eligible_by_row_21(self) -> None:
        facts = older_contract(kind="other", employees=None, annual_turnover=None)
        assert eligible_complainant(facts, "compulsory", SEED).passed is True
        undecided = eligible_complainant(bare_facts(complainant={"kind": "other"}), "compulsory", SEED)
        assert undecided.passed is None
        assert "not a consumer" in undecided.reason
        assert "group_annual_turnover and contract_date are missing" in undecided.reason

    def test_a_micro_enterprise_needs_nothing_from_row_21(self) -> None:
        finding = eligible_complainant(business(employees=9), "compulsory", SEED)
        assert finding.passed is True
        assert "transitional" not in finding.reason
        assert finding.citation == "DISP 2.7.3R, DISP 2.7.6R, DISP 2.7.9R"

    def test_row_21_is_for_a_business_not_a_charity_or_a_trust(self) -> None:
        for kind, size in (("charity", "annual_income"), ("trust", "net_asset_value")):
            facts = bare_facts(
                complainant={
                    "kind": kind,
                    size: "1500000",
                    "group_annual_turnover": "800000.00",
                    "contract_date": "2008-03-14",
                }
            )
            finding = eligible_complainant(facts, "compulsory", SEED)
            assert finding.passed is False
            assert "transitional" not in finding.reason

    def test_the_business_still_needs_a_qualifying_relationship(self) -> None:
        finding = eligible_complainant(older_contract(relationship="none"), "compulsory", SEED)
        assert finding.passed is False
        assert finding.citation == "DISP 2.7.6R"

    def test_the_business_is_still_excluded_when_it_complains_of_an_activity_it_carries_on_itself(self) -> None:
        finding = eligible_complainant(older_contract(carries_on_the_activity_itself=True), "voluntary", SEED)
        assert finding.passed is False
        assert finding.citation == "DISP 2.7.9R"

    def test_the_turnover_and_the_date_come_from_the_rulebook(self) -> None:
        for name in available_rulebooks():
            rulebook = load_rulebook(name)
            assert rulebook.transitional_group_turnover_under == Decimal("1000000")
            assert rulebook.transitional_contracts_before == date(2009, 11, 1)
        lower = dataclasses.replace(SEED, transitional_group_turnover_under=Decimal("500000"))
        finding = eligible_complainant(older_contract(), "compulsory", lower)
        assert finding.passed is False
        assert "it must be under £500,000" in finding.reason

    def test_a_contract_made_after_the_referral_is_refused_naming_the_field(self) -> None:
        with pytest.raises(ValidationError, match="contract_date is after referred_on"):
            older_contract(contract_date="2024-01-16")
        assert older_contract(contract_date="2024-01-15").complainant.contract_date == date(2024, 1, 15)


# DISP TP 1 row 1B


def client(event_date: str | None, **complainant: Any) -> CaseFacts:
    return bare_facts(complainant=complainant, event_date=event_date)


class TestRow1BTheClientCategoriesBefore1November2007:
    @pytest.mark.parametrize(
        ("event_date", "excluded"),
        [("2007-10-31", True), ("2007-11-01", False), ("2007-11-02", False)],
        ids=["an act on 31 October 2007", "an act on 1 November 2007", "an act on 2 November 2007"],
    )
    def test_an_intermediate_customer_is_excluded_for_an_act_before_1_november_2007(
        self, event_date: str, excluded: bool
    ) -> None:
        finding = eligible_complainant(client(event_date, intermediate_customer=True), "compulsory", SEED)
        assert finding.passed is not excluded
        assert "DISP TP 1 row 1B" in finding.citation
        if excluded:
            assert "intermediate customer or market counterparty" in finding.reason
            assert "Compulsory Jurisdiction" in finding.reason
            assert finding.citation == "DISP 2.7.9R, DISP TP 1 row 1B"
        else:
            assert "categories ended before the act" in finding.reason

    @pytest.mark.parametrize("status", ["professional_client", "eligible_counterparty"])
    @pytest.mark.parametrize(
        ("event_date", "excluded"),
        [("2007-10-31", False), ("2007-11-01", True), ("2007-11-02", True)],
        ids=["an act on 31 October 2007", "an act on 1 November 2007", "an act on 2 November 2007"],
    )
    def test_a_professional_client_or_eligible_counterparty_is_excluded_for_an_act_from_1_november_2007(
        self, event_date: str, excluded: bool, status: str
    ) -> None:
        finding = eligible_complainant(client(event_date, **{status: True}), "compulsory", SEED)
        assert finding.passed is not excluded
        if excluded:
            assert finding.citation == "DISP 2.7.9R"
        else:
            assert "whether the complainant was an intermediate customer or market counterparty" in finding.reason
            assert "DISP TP 1 row 1B" in finding.citation

    def test_an_intermediate_customer_with_no_date_for_the_act_was_one_before_1_november_2007(self) -> None:
        finding = eligible_complainant(client(None, intermediate_customer=True), "compulsory", SEED)
        assert finding.passed is False
        assert finding.citation == "DISP 2.7.9R, DISP TP 1 row 1B"

    @pytest.mark.parametrize("jurisdiction", ["consumer_credit", "voluntary"])
    def test_an_intermediate_customer_is_not_excluded_outside_the_compulsory_jurisdiction(
        self, jurisdiction: str
    ) -> None:
        facts = client("2006-05-01", intermediate_customer=True)
        assert eligible_complainant(facts, jurisdiction, SEED).passed is True

    def test_an_intermediate_customer_who_is_a_pension_scheme_trustee_is_not_excluded(self) -> None:
        facts = client("2006-05-01", intermediate_customer=True, pension_scheme_trustee=True)
        assert eligible_complainant(facts, "compulsory", SEED).passed is True

    def test_an_intermediate_customer_cannot_be_decided_before_the_jurisdiction_is_known(self) -> None:
        finding = eligible_complainant(client("2006-05-01", intermediate_customer=True), None, SEED)
        assert finding.passed is None
        assert "intermediate customer or market counterparty" in finding.reason
        assert "jurisdiction" in finding.reason

    def test_a_complainant_in_no_category_is_not_excluded_and_row_1b_is_not_cited(self) -> None:
        finding = eligible_complainant(client("2006-05-01"), "compulsory", SEED)
        assert finding.passed is True
        assert finding.citation == "DISP 2.7.3R, DISP 2.7.6R, DISP 2.7.9R"

    def test_the_date_the_categories_changed_comes_from_the_rulebook(self) -> None:
        for name in available_rulebooks():
            assert load_rulebook(name).client_categories_from == date(2007, 11, 1)
        earlier = dataclasses.replace(SEED, client_categories_from=date(2006, 1, 1))
        assert eligible_complainant(client("2006-05-01", intermediate_customer=True), "compulsory", earlier).passed

    def test_intermediate_customer_defaults_to_false(self) -> None:
        assert bare_facts().complainant.intermediate_customer is False
