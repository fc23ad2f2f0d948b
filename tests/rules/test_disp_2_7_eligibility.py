"""DISP 2.7: is the complainant eligible? Each limb, each threshold on its boundary, each exclusion."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest

from ombudsman.rules.eligibility import eligible_complainant
from ombudsman.rules.facts import CaseFacts, Relationship
from ombudsman.rules.rulebook import load_rulebook
from tests.factories import bare_facts

SEED = load_rulebook("disp-2013")
JURISDICTIONS = ["compulsory", "consumer_credit", "voluntary", None]


def case_facts(**complainant: Any) -> CaseFacts:
    """A complaint whose complainant has these facts on top of a consumer customer's."""
    return bare_facts(complainant=complainant)


# A contract made after the transitional rule's date (DISP TP 1 row 21: contracts before 1 November 2009), so that
# DISP 2.7.3R alone decides whether a business is eligible.
LATER_CONTRACT = "2012-05-01"


def micro(employees: int | None = 9, turnover: str | None = None, balance: str | None = None) -> CaseFacts:
    return case_facts(
        kind="micro_enterprise",
        employees=employees,
        annual_turnover=turnover,
        balance_sheet_total=balance,
        contract_date=LATER_CONTRACT,
    )


# DISP 2.7.3R


class TestDisp273EligibleKinds:
    """DISP 2.7.3R: an eligible complainant is a consumer, a micro-enterprise, a charity with annual income
    under £1 million, or a trustee of a trust with net asset value under £1 million."""

    def test_a_consumer_who_is_a_customer_and_not_excluded_is_eligible(self) -> None:
        finding = eligible_complainant(case_facts(), "compulsory", SEED)
        assert finding.name == "eligible_complainant"
        assert finding.passed is True
        assert "consumer" in finding.reason
        assert "customer" in finding.reason
        assert finding.citation == "DISP 2.7.3R, DISP 2.7.6R, DISP 2.7.9R"

    @pytest.mark.parametrize(("employees", "passed"), [(9, True), (10, False)], ids=["9 employees", "10 employees"])
    def test_a_micro_enterprise_employs_fewer_than_ten(self, employees: int, passed: bool) -> None:
        finding = eligible_complainant(micro(employees, turnover="1000000"), "compulsory", SEED)
        assert finding.passed is passed
        if not passed:
            assert "10 employees" in finding.reason
            assert finding.citation == "DISP 2.7.3R, DISP TP 1 row 21"

    @pytest.mark.parametrize(
        ("turnover", "passed"),
        [("1999999.99", True), ("2000000", True), ("2000000.01", False)],
        ids=["just under", "exactly EUR 2m", "just over"],
    )
    def test_a_micro_enterprise_has_a_turnover_not_over_two_million_euros(self, turnover: str, passed: bool) -> None:
        finding = eligible_complainant(micro(turnover=turnover, balance="5000000"), "compulsory", SEED)
        assert finding.passed is passed
        if not passed:
            assert "EUR 2,000,000" in finding.reason

    @pytest.mark.parametrize(
        ("balance", "passed"), [("2000000", True), ("2000000.01", False)], ids=["exactly EUR 2m", "just over"]
    )
    def test_a_balance_sheet_total_not_over_two_million_euros_is_enough_when_turnover_is_over(
        self, balance: str, passed: bool
    ) -> None:
        finding = eligible_complainant(micro(turnover="9000000", balance=balance), "compulsory", SEED)
        assert finding.passed is passed

    def test_a_turnover_under_the_limit_is_enough_without_the_balance_sheet_total(self) -> None:
        assert eligible_complainant(micro(turnover="100000"), "compulsory", SEED).passed is True

    def test_a_micro_enterprise_without_its_employee_count_cannot_be_decided(self) -> None:
        finding = eligible_complainant(micro(employees=None, turnover="100000"), "compulsory", SEED)
        assert finding.passed is None
        assert "employees is missing" in finding.reason
        assert finding.citation == "DISP 2.7.3R"

    def test_a_micro_enterprise_without_turnover_or_balance_sheet_cannot_be_decided(self) -> None:
        finding = eligible_complainant(micro(), "compulsory", SEED)
        assert finding.passed is None
        assert "annual_turnover and balance_sheet_total are missing" in finding.reason

    def test_a_turnover_over_the_limit_without_the_balance_sheet_total_cannot_be_decided(self) -> None:
        finding = eligible_complainant(micro(turnover="2000000.01"), "compulsory", SEED)
        assert finding.passed is None
        assert "balance_sheet_total is missing" in finding.reason

    def test_ten_employees_fail_even_when_the_size_is_unknown(self) -> None:
        assert eligible_complainant(micro(employees=10), "compulsory", SEED).passed is False

    @pytest.mark.parametrize(
        ("income", "passed"),
        [("999999.99", True), ("1000000", False), ("1000000.01", False)],
        ids=["just under", "exactly £1m", "just over"],
    )
    def test_a_charity_has_an_annual_income_of_less_than_one_million_pounds(self, income: str, passed: bool) -> None:
        finding = eligible_complainant(case_facts(kind="charity", annual_income=income), "compulsory", SEED)
        assert finding.passed is passed
        if not passed:
            assert "£1,000,000" in finding.reason
            assert "annual income" in finding.reason

    def test_a_charity_without_its_income_cannot_be_decided(self) -> None:
        finding = eligible_complainant(case_facts(kind="charity"), "compulsory", SEED)
        assert finding.passed is None
        assert "annual_income" in finding.reason

    @pytest.mark.parametrize(
        ("net_assets", "passed"),
        [("999999.99", True), ("1000000", False)],
        ids=["just under", "exactly £1m"],
    )
    def test_a_trust_has_a_net_asset_value_of_less_than_one_million_pounds(self, net_assets: str, passed: bool) -> None:
        finding = eligible_complainant(case_facts(kind="trust", net_asset_value=net_assets), "compulsory", SEED)
        assert finding.passed is passed
        if not passed:
            assert "net asset value" in finding.reason

    def test_a_trust_without_its_net_asset_value_cannot_be_decided(self) -> None:
        finding = eligible_complainant(case_facts(kind="trust"), "compulsory", SEED)
        assert finding.passed is None
        assert "net_asset_value" in finding.reason

    def test_any_other_kind_of_complainant_is_not_eligible(self) -> None:
        finding = eligible_complainant(case_facts(kind="other", contract_date=LATER_CONTRACT), "compulsory", SEED)
        assert finding.passed is False
        assert "not a consumer" in finding.reason
        assert finding.citation == "DISP 2.7.3R, DISP TP 1 row 21"

    def test_the_thresholds_come_from_the_rulebook(self) -> None:
        lower = dataclasses.replace(SEED, charity_income_under=Decimal("500000"))
        facts = case_facts(kind="charity", annual_income="600000")
        assert eligible_complainant(facts, "compulsory", SEED).passed is True
        finding = eligible_complainant(facts, "compulsory", lower)
        assert finding.passed is False
        assert "£500,000" in finding.reason


# DISP 2.7.6R


class TestDisp276QualifyingRelationship:
    """DISP 2.7.6R: the complaint must arise from one of the listed relationships with the respondent."""

    @pytest.mark.parametrize("relationship", [r for r in Relationship if r is not Relationship.none])
    def test_every_listed_relationship_qualifies(self, relationship: Relationship) -> None:
        assert eligible_complainant(case_facts(relationship=relationship), "compulsory", SEED).passed is True

    def test_no_qualifying_relationship_makes_the_complainant_ineligible(self) -> None:
        finding = eligible_complainant(case_facts(relationship="none"), "compulsory", SEED)
        assert finding.passed is False
        assert "relationship" in finding.reason
        assert finding.citation == "DISP 2.7.6R"

    def test_an_unknown_relationship_cannot_be_decided(self) -> None:
        finding = eligible_complainant(case_facts(relationship=None), "compulsory", SEED)
        assert finding.passed is None
        assert "relationship is missing" in finding.reason
        assert finding.citation == "DISP 2.7.6R"


# DISP 2.7.9R


class TestDisp279Exclusions:
    """DISP 2.7.9R: not eligible are (1) a business complaining about an activity it carries on itself,
    (2) in the Compulsory Jurisdiction a professional client or eligible counterparty (not a pension scheme
    trustee), and (3) in the Consumer Credit Jurisdiction a body corporate or a partnership of more than three
    persons."""

    @pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
    def test_a_business_complaining_about_an_activity_it_carries_on_itself_is_excluded_everywhere(
        self, jurisdiction: str | None
    ) -> None:
        finding = eligible_complainant(case_facts(carries_on_the_activity_itself=True), jurisdiction, SEED)
        assert finding.passed is False
        assert "carries on itself" in finding.reason
        assert finding.citation == "DISP 2.7.9R"

    @pytest.mark.parametrize("status", ["professional_client", "eligible_counterparty"])
    def test_a_professional_client_or_eligible_counterparty_is_excluded_in_the_compulsory_jurisdiction(
        self, status: str
    ) -> None:
        finding = eligible_complainant(case_facts(**{status: True}), "compulsory", SEED)
        assert finding.passed is False
        assert status.replace("_", " ") in finding.reason
        assert "Compulsory Jurisdiction" in finding.reason
        assert finding.citation == "DISP 2.7.9R"

    def test_a_pension_scheme_trustee_who_is_a_professional_client_is_not_excluded(self) -> None:
        facts = case_facts(professional_client=True, pension_scheme_trustee=True)
        assert eligible_complainant(facts, "compulsory", SEED).passed is True

    @pytest.mark.parametrize("jurisdiction", ["consumer_credit", "voluntary"])
    def test_a_professional_client_is_not_excluded_outside_the_compulsory_jurisdiction(self, jurisdiction: str) -> None:
        assert eligible_complainant(case_facts(professional_client=True), jurisdiction, SEED).passed is True

    def test_a_professional_client_cannot_be_decided_before_the_jurisdiction_is_known(self) -> None:
        finding = eligible_complainant(case_facts(eligible_counterparty=True), None, SEED)
        assert finding.passed is None
        assert "eligible counterparty" in finding.reason
        assert "jurisdiction" in finding.reason

    def test_a_body_corporate_is_excluded_in_the_consumer_credit_jurisdiction(self) -> None:
        finding = eligible_complainant(case_facts(body_corporate_or_large_partnership=True), "consumer_credit", SEED)
        assert finding.passed is False
        assert "Consumer Credit Jurisdiction" in finding.reason
        assert finding.citation == "DISP 2.7.9R"

    @pytest.mark.parametrize("jurisdiction", ["compulsory", "voluntary"])
    def test_a_body_corporate_is_not_excluded_outside_the_consumer_credit_jurisdiction(self, jurisdiction: str) -> None:
        facts = case_facts(body_corporate_or_large_partnership=True)
        assert eligible_complainant(facts, jurisdiction, SEED).passed is True

    def test_a_body_corporate_cannot_be_decided_before_the_jurisdiction_is_known(self) -> None:
        finding = eligible_complainant(case_facts(body_corporate_or_large_partnership=True), None, SEED)
        assert finding.passed is None
        assert "Consumer Credit Jurisdiction" in finding.reason


class TestEligibilityLimbsTogether:
    def test_a_failing_limb_beats_a_missing_fact(self) -> None:
        facts = case_facts(relationship=None, carries_on_the_activity_itself=True)
        finding = eligible_complainant(facts, "compulsory", SEED)
        assert finding.passed is False
        assert "relationship is missing" not in finding.reason

    def test_the_reason_lists_every_failing_limb_with_its_paragraph(self) -> None:
        facts = case_facts(
            kind="other",
            contract_date=LATER_CONTRACT,
            relationship="none",
            carries_on_the_activity_itself=True,
            professional_client=True,
        )
        finding = eligible_complainant(facts, "compulsory", SEED)
        assert finding.passed is False
        assert "not a consumer" in finding.reason
        assert "relationship" in finding.reason
        assert "carries on itself" in finding.reason
        assert "professional client" in finding.reason
        assert finding.citation == "DISP 2.7.3R, DISP TP 1 row 21, DISP 2.7.6R, DISP 2.7.9R"

    def test_the_reason_lists_every_missing_fact(self) -> None:
        facts = case_facts(kind="charity", relationship=None)
        finding = eligible_complainant(facts, "compulsory", SEED)
        assert finding.passed is None
        assert "annual_income" in finding.reason
        assert "relationship" in finding.reason
        assert finding.citation == "DISP 2.7.3R, DISP 2.7.6R"

    def test_a_jurisdiction_the_rules_do_not_model_is_refused(self) -> None:
        with pytest.raises(ValueError, match="unknown jurisdiction"):
            eligible_complainant(case_facts(), "statutory", SEED)


# DISP 2.7.3R(2)(a): for payment services, a micro-enterprise when the contract was made is enough


def _payment_services(**complainant: object) -> CaseFacts:
    return bare_facts(
        complainant={"kind": "micro_enterprise", "contract_date": LATER_CONTRACT, **complainant},
        activity="payment_services",
        payment_services_complaint=True,
    )


@pytest.mark.parametrize(
    ("employees_at_contract", "eligible"),
    [(9, True), (10, False), (None, None)],
    ids=["9 staff at the contract", "10 staff at the contract", "not known"],
)
def test_a_grown_business_was_a_micro_enterprise_when_its_payment_service_contract_was_made(
    employees_at_contract: int | None, eligible: bool | None
) -> None:
    """The legal review's probe P5: 12 staff now, but how many when the contract was made?"""
    facts = _payment_services(
        employees=12,
        annual_turnover="1500000.00",
        employees_at_contract=employees_at_contract,
        annual_turnover_at_contract="900000.00",
    )
    found = eligible_complainant(facts, "compulsory", SEED)
    assert found.passed is eligible
    if eligible is not None:
        assert "DISP 2.7.3R(2)(a)" in found.citation


def test_the_contract_date_counts_for_payment_services_only() -> None:
    facts = bare_facts(
        complainant={
            "kind": "micro_enterprise",
            "contract_date": LATER_CONTRACT,
            "employees": 12,
            "annual_turnover": "1500000.00",
            "employees_at_contract": 5,
            "annual_turnover_at_contract": "900000.00",
        },
        activity="lending",
    )
    assert eligible_complainant(facts, "compulsory", SEED).passed is False


def test_a_payment_services_micro_enterprise_now_needs_nothing_about_the_contract() -> None:
    facts = _payment_services(employees=5, annual_turnover="900000.00")
    assert eligible_complainant(facts, "compulsory", SEED).passed is True
