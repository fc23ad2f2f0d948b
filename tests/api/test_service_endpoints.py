"""Health, the OpenAPI document, authentication, and the rules endpoints that make no case."""

from __future__ import annotations

import json
from typing import Any

import pytest
from openapi_spec_validator import validate

from tests.api.conftest import Api, assert_problem, bearer, error_fields
from tests.factories import facts_data


def test_health_answers_without_a_token(api: Api) -> None:
    response = api.client.get("/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_the_openapi_document_validates_and_lists_every_error_response(api: Api) -> None:
    document: dict[str, Any] = api.client.get("/openapi.json").json()
    validate(document)
    paths = document["paths"]
    assert set(paths) >= {
        "/v1/health",
        "/v1/jurisdiction/assessment",
        "/v1/awards/calculation",
        "/v1/cases",
        "/v1/cases/{reference}",
        "/v1/cases/{reference}/transitions",
        "/v1/cases/{reference}/actions",
        "/v1/cases/{reference}/events",
        "/v1/register/money-awards",
        "/v1/determinations/{reference}/report",
    }
    transitions = paths["/v1/cases/{reference}/transitions"]["post"]["responses"]
    for status in ("401", "403", "404", "409", "412", "422"):
        schema = transitions[status]["content"]["application/problem+json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ProblemDetails"}
    assert {"401", "404"} <= set(paths["/v1/cases/{reference}"]["get"]["responses"])
    assert {"401", "403", "422"} <= set(paths["/v1/cases"]["post"]["responses"])
    problem = document["components"]["schemas"]["ProblemDetails"]["properties"]
    assert {"type", "title", "status", "detail", "state", "allowed", "citation", "errors"} <= set(problem)
    assert "HTTPBearer" in document["components"]["securitySchemes"]


def test_the_docs_page_is_served(api: Api) -> None:
    response = api.client.get("/docs")
    assert response.status_code == 200
    assert "openapi.json" in response.text


def test_a_missing_token_is_401_as_problem_json(api: Api) -> None:
    for method, path in [
        ("GET", "/v1/cases"),
        ("GET", "/v1/cases/FOS-2026-000001"),
        ("GET", "/v1/cases/FOS-2026-000001/events"),
        ("POST", "/v1/cases"),
        ("POST", "/v1/jurisdiction/assessment"),
        ("POST", "/v1/awards/calculation"),
        ("GET", "/v1/register/money-awards"),
    ]:
        response = api.client.request(method, path, json={})
        assert_problem(response, 401)
        assert response.headers["www-authenticate"].startswith("Bearer")


def test_an_unknown_token_is_401_and_comes_before_the_role_check(api: Api) -> None:
    response = api.client.post("/v1/cases", json=facts_data(), headers=bearer("not-a-token"))
    assert_problem(response, 401)
    response = api.client.get("/v1/cases", headers={"Authorization": "Basic abc"})
    assert_problem(response, 401)


def test_only_staff_may_assess_jurisdiction_or_calculate_awards(api: Api) -> None:
    reference = api.open_case()["reference"]
    complainant = api.complainant_of(reference)
    for headers in (api.firm, complainant):
        assert_problem(api.client.post("/v1/jurisdiction/assessment", json=facts_data(), headers=headers), 403)
        assert_problem(api.client.post("/v1/awards/calculation", json={}, headers=headers), 403)
        assert_problem(api.client.get("/v1/register/money-awards", headers=headers), 403)


def test_the_assessment_gives_every_disp_2_test_without_making_a_case(api: Api) -> None:
    for headers in (api.caseworker, api.ombudsman):
        response = api.client.post(
            "/v1/jurisdiction/assessment", json={**facts_data(), "as_of": "2026-11-02"}, headers=headers
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["in_jurisdiction"] is True
        assert body["jurisdiction"] == "compulsory"
        names = [test["name"] for test in body["tests"]]
        assert "six_month_limit" in names and "eligible_complainant" in names
        assert all({"name", "passed", "reason", "citation"} <= test.keys() for test in body["tests"])
    assert api.case_count() == 0


def test_a_missing_fact_makes_the_assessment_undecided(api: Api) -> None:
    facts = facts_data()
    del facts["establishment"]
    response = api.client.post("/v1/jurisdiction/assessment", json=facts, headers=api.caseworker)
    assert response.status_code == 200
    body = response.json()
    assert body["in_jurisdiction"] is None
    assert next(test for test in body["tests"] if test["name"] == "territory")["passed"] is None


def test_a_premature_complaint_is_not_out_of_jurisdiction_and_the_assessment_says_refer_it_to_the_respondent(
    api: Api,
) -> None:
    """DISP 3.2.2R (edition 2; the legal review's probe P7): received by the firm 12 days ago, no final response."""
    facts = facts_data(complained_to_respondent_on="2026-10-21", final_response_sent_on=None, referred_on="2026-11-02")
    response = api.client.post(
        "/v1/jurisdiction/assessment", json={**facts, "as_of": "2026-11-02"}, headers=api.caseworker
    )
    body = response.json()
    assert response.status_code == 200, body
    assert body["in_jurisdiction"] is None
    assert body["next_step"] == "refer_to_respondent"


def test_a_complaint_in_jurisdiction_has_no_next_step_to_take_first(api: Api) -> None:
    response = api.client.post("/v1/jurisdiction/assessment", json=facts_data(), headers=api.caseworker)
    assert response.json()["next_step"] is None


@pytest.mark.parametrize(("found", "answer"), [(None, None), (True, True), (False, False)])
def test_the_complainants_account_of_exceptional_circumstances_waits_for_the_ombudsmans_finding(
    api: Api, found: bool | None, answer: bool | None
) -> None:
    """DISP 2.8.2R(3): "in the view of the Ombudsman" (edition 2; probe P6: "I was busy" no longer cures)."""
    facts = facts_data(
        referred_on="2026-03-01",  # more than six months after the 21 July 2025 final response
        respondent_consents_to_late_referral=False,
        exceptional_circumstances="I was busy",
    )
    body = {**facts, "as_of": "2026-03-02"} | ({} if found is None else {"exceptional_circumstances_found": found})
    response = api.client.post("/v1/jurisdiction/assessment", json=body, headers=api.caseworker)
    assert response.status_code == 200, response.text
    assert response.json()["in_jurisdiction"] is answer
    exceptions = next(test for test in response.json()["tests"] if test["name"] == "time_limit_exceptions")
    assert exceptions["passed"] is answer


def test_the_assessment_refuses_facts_out_of_order_naming_the_field(api: Api) -> None:
    facts = facts_data(final_response_sent_on="2025-06-01", complained_to_respondent_on="2025-06-02")
    body = assert_problem(api.client.post("/v1/jurisdiction/assessment", json=facts, headers=api.caseworker), 422)
    assert "final_response_sent_on" in error_fields(body)


AWARDS = {
    "money": [
        {"head": "financial_loss", "amount": "200000.00"},
        {"head": "distress_or_inconvenience", "amount": "500.00"},
    ],
    "interest": {"rate_percent": "8", "from": "2026-01-01"},
    "costs": {"amount": "750.00"},
    "directions": ["Remove the default from the complainant's credit file"],
}


def test_the_award_calculation_caps_the_money_award_and_recommends_the_balance(api: Api) -> None:
    body = {**AWARDS, "referred_on": "2025-09-01", "event_date": "2025-02-01", "as_of": "2026-11-02"}
    response = api.client.post("/v1/awards/calculation", json=body, headers=api.ombudsman)
    assert response.status_code == 200, response.text
    award = response.json()
    assert award["money_award"] == "150000.00"
    assert award["recommended_balance"] == "50500.00"
    assert award["limit"] == "150000.00"
    assert "DISP 3.7.4R" in award["limit_citation"]
    assert award["interest"]["rate_percent"] == "8"
    assert award["costs"]["amount"] == "750.00"
    assert award["lines"] == AWARDS["money"]


def test_the_award_calculation_refuses_negative_money_naming_the_field(api: Api) -> None:
    awards = {"money": [{"head": "financial_loss", "amount": "-1.00"}]}
    response = api.client.post(
        "/v1/awards/calculation", json={**awards, "referred_on": "2025-09-01"}, headers=api.caseworker
    )
    body = assert_problem(response, 422)
    assert "money.0.amount" in error_fields(body)


def test_the_award_calculation_refuses_an_unknown_head(api: Api) -> None:
    awards = {"money": [{"head": "hurt_feelings", "amount": "10.00"}]}
    response = api.client.post(
        "/v1/awards/calculation", json={**awards, "referred_on": "2025-09-01"}, headers=api.caseworker
    )
    assert "money.0.head" in error_fields(assert_problem(response, 422))


def test_an_oversized_body_is_refused_before_it_is_read(api: Api) -> None:
    huge = facts_data(summary="x" * 1_100_000)
    response = api.client.post("/v1/cases", json=huge, headers=api.caseworker)
    assert_problem(response, 413)
    assert api.case_count() == 0


def test_unknown_paths_are_problem_json_too(api: Api) -> None:
    assert_problem(api.client.get("/v1/nothing-here"), 404)


def test_a_body_that_is_not_json_still_gets_401_first_without_a_token(api: Api) -> None:
    response = api.client.post("/v1/cases", content=b"{not json", headers={"Content-Type": "application/json"})
    assert_problem(response, 401)
    response = api.client.post(
        "/v1/cases", content=b"{not json", headers={**api.caseworker, "Content-Type": "application/json"}
    )
    assert_problem(response, 422)


def test_the_case_routes_document_their_etag_and_location(api: Api) -> None:
    paths = api.client.get("/openapi.json").json()["paths"]
    assert "ETag" in paths["/v1/cases/{reference}"]["get"]["responses"]["200"]["headers"]
    assert {"ETag", "Location"} <= set(paths["/v1/cases"]["post"]["responses"]["201"]["headers"])


def test_the_openapi_document_names_the_edition_2_steps_and_fields_and_nothing_withdrawn(api: Api) -> None:
    document = json.dumps(api.client.get("/openapi.json").json())
    for name in (
        "record_late_referral_position",
        "amend_facts",
        "decide_confidentiality",
        "event_version",
        "exceptional_circumstances_found",
        "respondent_consents_to_late_referral",
        "eea_ucits_cross_border",
        "employees_at_contract",
        "own_initiative",
        "information_not_supplied",
        "time_limit_missed",
        "contributions",
        "closed_on_assessment",
    ):
        assert name in document, name
    assert "dismiss_as_test_case" not in document
