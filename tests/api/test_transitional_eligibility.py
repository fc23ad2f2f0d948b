"""Edition 3, points 5 and 8, through the HTTP API on SQLite and PostgreSQL: DISP TP 1 rows 21 and 1B in
``POST /v1/jurisdiction/assessment``, the respondent's business days by its part of the UK (DISP 2.8.1R(2A)), the
new facts stored with a case and read back, and bad values refused naming the field with nothing written."""

from __future__ import annotations

from typing import Any

import pytest

from ombudsman.settings import Settings
from tests.api.conftest import Api, assert_problem, error_fields
from tests.factories import facts_data


@pytest.fixture
def settings(database_url: str) -> Settings:
    # The published rulebook: the seed edition's transitional rows, and the payment-services business days (2018).
    return Settings(database_url=database_url, rulebook="published")


def business(**complainant: Any) -> dict[str, Any]:
    """A business of 15 employees (too many for a micro-enterprise) that bought from the firm in 2008."""
    return facts_data(
        complainant={
            "name": "Okafor Plumbing Ltd",
            "kind": "micro_enterprise",
            "employees": 15,
            "annual_turnover": "900000.00",
            "group_annual_turnover": "999999.99",
            "contract_date": "2009-10-31",
            **complainant,
        }
    )


def eligibility(api: Api, facts: dict[str, Any]) -> dict[str, Any]:
    response = api.client.post(
        "/v1/jurisdiction/assessment", json={**facts, "as_of": "2026-11-02"}, headers=api.caseworker
    )
    assert response.status_code == 200, response.text
    test: dict[str, Any] = next(test for test in response.json()["tests"] if test["name"] == "eligible_complainant")
    return test


@pytest.mark.parametrize(
    ("complainant", "passed"),
    [
        ({}, True),
        ({"group_annual_turnover": "1000000.00"}, False),
        ({"contract_date": "2009-11-01"}, False),
        ({"contract_date": None}, None),
    ],
    ids=[
        "999,999.99 pounds, a contract of 31 October 2009",
        "1,000,000 pounds",
        "a contract of 1 November 2009",
        "no contract date",
    ],
)
def test_a_business_under_one_million_pounds_about_a_contract_before_1_november_2009_is_eligible(
    api: Api, complainant: dict[str, Any], passed: bool | None
) -> None:
    test = eligibility(api, business(**complainant))
    assert test["passed"] is passed
    assert "DISP TP 1 row 21" in test["citation"]
    assert api.case_count() == 0


@pytest.mark.parametrize(("event_date", "passed"), [("2007-10-31", False), ("2007-11-01", True)])
def test_an_intermediate_customer_is_excluded_for_an_act_before_1_november_2007(
    api: Api, event_date: str, passed: bool
) -> None:
    facts = facts_data(complainant={"intermediate_customer": True}, event_date=event_date, awareness_date=event_date)
    test = eligibility(api, facts)
    assert test["passed"] is passed
    assert "DISP TP 1 row 1B" in test["citation"]


def _payment_services_complaint(nation: str) -> dict[str, Any]:
    return facts_data(
        respondent={"uk_nation": nation},
        activity="payment_services",
        payment_services_complaint=True,
        event_date="2026-10-01",
        awareness_date="2026-10-01",
        complained_to_respondent_on="2026-11-16",
        final_response_sent_on=None,
        final_response_mentioned_time_limit=False,
        referred_on="2026-11-20",
    )


@pytest.mark.parametrize(
    ("nation", "last_day"),
    [("england_and_wales", "2026-12-07"), ("scotland", "2026-12-08"), ("northern_ireland", "2026-12-07")],
)
def test_a_firms_fifteen_business_days_skip_its_own_nations_bank_holidays(api: Api, nation: str, last_day: str) -> None:
    response = api.client.post(
        "/v1/jurisdiction/assessment",
        json={**_payment_services_complaint(nation), "as_of": "2026-12-08"},
        headers=api.caseworker,
    )
    assert response.status_code == 200, response.text
    test = next(test for test in response.json()["tests"] if test["name"] == "respondent_had_its_time")
    assert test["dates"]["respondent_time_ends_on"] == last_day
    assert test["passed"] is (nation != "scotland")


def test_the_new_facts_are_kept_with_the_case_and_read_back(api: Api) -> None:
    facts = business(intermediate_customer=True)
    facts["respondent"]["uk_nation"] = "northern_ireland"
    case = api.open_case(**{key: value for key, value in facts.items() if key != "referred_on"})
    for headers in (api.caseworker, api.firm):  # the firm sees the facts eligibility is judged on
        parties = api.client.get(f"/v1/cases/{case['reference']}", headers=headers).json()["parties"]
        assert parties["complainant"]["group_annual_turnover"] == "999999.99"
        assert parties["complainant"]["contract_date"] == "2009-10-31"
        assert parties["complainant"]["intermediate_customer"] is True
        assert parties["respondent"]["uk_nation"] == "northern_ireland"


def test_a_case_opened_without_the_new_facts_reads_them_as_their_defaults(api: Api) -> None:
    case = api.open_case()
    parties = api.client.get(f"/v1/cases/{case['reference']}", headers=api.caseworker).json()["parties"]
    assert parties["complainant"]["group_annual_turnover"] is None
    assert parties["complainant"]["contract_date"] is None
    assert parties["complainant"]["intermediate_customer"] is False
    assert parties["respondent"]["uk_nation"] == "england_and_wales"


@pytest.mark.parametrize(
    ("facts", "field"),
    [
        (facts_data(respondent={"uk_nation": "wales"}), "respondent.uk_nation"),
        (business(group_annual_turnover=999999.99), "complainant.group_annual_turnover"),
        (business(group_annual_turnover="-1.00"), "complainant.group_annual_turnover"),
        (business(contract_date="31/10/2009"), "complainant.contract_date"),
        (business(contract_date="2025-09-02"), "complainant.contract_date"),
        (facts_data(complainant={"intermediate_customer": "yes"}), "complainant.intermediate_customer"),
    ],
    ids=[
        "a part of the UK it does not know",
        "a turnover as a JSON number",
        "a negative turnover",
        "a date not written YYYY-MM-DD",
        "a contract made after the referral",
        "a flag that is not a JSON boolean",
    ],
)
def test_a_bad_new_fact_is_refused_naming_the_field_and_nothing_is_written(
    api: Api, facts: dict[str, Any], field: str
) -> None:
    for path in ("/v1/jurisdiction/assessment", "/v1/cases"):
        body = assert_problem(api.client.post(path, json=facts, headers=api.caseworker), 422)
        assert field in error_fields(body), body
    assert api.case_count() == 0
    assert api.audit_count() == 0
