"""Values are taken strictly, everywhere they come in: 422 naming the field, and nothing written.

A date is ``YYYY-MM-DD`` only, a yes-or-no a JSON boolean only, money a decimal string with at most two places,
text free of NUL and other control characters, an FRN six or seven digits; an ``If-Match`` or a cursor of any
size gets a 4xx, never a 5xx. On SQLite and PostgreSQL (where a NUL used to be a 500, and on SQLite was stored).
"""

from __future__ import annotations

import base64
from typing import Any

import pytest

from tests.api.conftest import Api, assert_problem, error_fields
from tests.factories import facts_data

BAD_FACTS: list[tuple[str, dict[str, Any], str]] = [
    ("a NUL in a name", {"complainant": {"name": "Ann\x00Example"}}, "complainant.name"),
    ("a control character in the summary", {"summary": "Mis-sold\x1b[31m cover"}, "summary"),
    ("a C1 control character", {"respondent": {"name": "Example\x85Bank"}}, "respondent.name"),
    ('"yes" for a boolean', {"complainant": {"vulnerable": "yes"}}, "complainant.vulnerable"),
    ("1 for a boolean", {"final_response_mentioned_time_limit": 1}, "final_response_mentioned_time_limit"),
    ('"true" as a string', {"payment_services_complaint": "true"}, "payment_services_complaint"),
    ("seconds since 1970 for a date", {"event_date": 1700006400}, "event_date"),
    ("a time for a date", {"event_date": "2025-02-01T00:00:00"}, "event_date"),
    ("a date without hyphens", {"referred_on": "20250901"}, "referred_on"),
    ("a week date", {"referred_on": "2025-W36-1"}, "referred_on"),
    ("a day not in the calendar", {"event_date": "2025-02-29"}, "event_date"),
    ("money in exponent form", {"amount_claimed": "1E+5"}, "amount_claimed"),
    ("money as a number", {"amount_claimed": 12.5}, "amount_claimed"),
    ("money with an underscore", {"amount_claimed": "1_000"}, "amount_claimed"),
    ("money with three places", {"amount_claimed": "12.505"}, "amount_claimed"),
    ("negative money", {"amount_claimed": "-1.00"}, "amount_claimed"),
    ("a five-digit FRN", {"respondent": {"frn": "12345"}}, "respondent.frn"),
    ("an FRN in other digits", {"respondent": {"frn": "١٢٣٤٥٦"}}, "respondent.frn"),
    ("employees as a fraction", {"complainant": {"employees": 5.5}}, "complainant.employees"),
    ("employees as a string", {"complainant": {"employees": "5"}}, "complainant.employees"),
    ("employees as a boolean", {"complainant": {"employees": True}}, "complainant.employees"),
]


@pytest.mark.parametrize(("what", "overrides", "field"), BAD_FACTS, ids=[case[0] for case in BAD_FACTS])
def test_case_facts_are_taken_strictly(api: Api, what: str, overrides: dict[str, Any], field: str) -> None:
    response = api.client.post("/v1/cases", json=facts_data(**overrides), headers=api.caseworker)
    body = assert_problem(response, 422)
    assert field in error_fields(body), body
    assert api.case_count() == 0 and api.audit_count() == 0


def test_line_breaks_and_tabs_are_text(api: Api) -> None:
    case = api.open_case(summary="Two lines:\r\n\tthe second indented", complainant={"name": "Ann\tExample"})
    assert case["facts"]["summary"] == "Two lines:\r\n\tthe second indented"


def _in_investigation(api: Api) -> dict[str, Any]:
    case = api.open_case()
    api.fire(case["reference"], api.caseworker, "start_jurisdiction_check")
    return api.fire(case["reference"], api.caseworker, "accept_jurisdiction", reasons="Every DISP 2 test passes.")


BAD_FIELDS: list[tuple[str, str, dict[str, Any], str]] = [
    ("transitions", "propose_dismissal", {"ground": "8", "reasons": "x", "respond_by": 1700006400}, "respond_by"),
    ("transitions", "propose_dismissal", {"ground": "8", "reasons": "Court\x00case"}, "reasons"),
    ("actions", "make_representations", {"text": "Hello\x00", "on_behalf_of": "complainant"}, "text"),
    (
        "actions",
        "make_representations",
        {"text": "Hi", "confidential": "yes", "on_behalf_of": "complainant"},
        "confidential",
    ),
    ("actions", "set_time_limit", {"deadline": "information", "until": "2027-01-01T00:00", "reasons": "x"}, "until"),
    (
        "transitions",
        "issue_provisional_assessment",
        {"outcome": "uphold", "reasons": "x", "awards": {"money": [{"head": "financial_loss", "amount": "1E+5"}]}},
        "awards.money.0.amount",
    ),
]


@pytest.mark.parametrize(("path", "name", "fields", "field"), BAD_FIELDS, ids=[f"{c[1]}-{c[3]}" for c in BAD_FIELDS])
def test_trigger_and_action_fields_are_taken_strictly(
    api: Api, path: str, name: str, fields: dict[str, Any], field: str
) -> None:
    case = _in_investigation(api)
    before = api.audit_count(case["reference"])
    key = "trigger" if path == "transitions" else "action"
    response = api.client.post(
        f"/v1/cases/{case['reference']}/{path}", json={key: name, **fields}, headers=api.caseworker
    )
    body = assert_problem(response, 422)
    assert field in error_fields(body), body
    assert api.audit_count(case["reference"]) == before


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"deadline_before": "1700006400"}, "deadline_before"),
        ({"deadline_before": "2026-11-02T00:00:00"}, "deadline_before"),
        ({"respondent_frn": "١٢٣٤٥٦"}, "respondent_frn"),
        ({"cursor": base64.urlsafe_b64encode(f"after:{2**64}".encode()).decode().rstrip("=")}, "cursor"),
        ({"cursor": base64.urlsafe_b64encode(b"after:" + b"9" * 400).decode().rstrip("=")[:200]}, "cursor"),
        ({"cursor": "not a cursor!"}, "cursor"),
        ({"limit": "1.5"}, "limit"),
    ],
)
def test_query_parameters_are_taken_strictly(api: Api, params: dict[str, str], field: str) -> None:
    api.open_case()
    body = assert_problem(api.client.get("/v1/cases", params=params, headers=api.caseworker), 422)
    assert field in error_fields(body), body


@pytest.mark.parametrize("if_match", ['"' + "9" * 5000 + '"', "9" * 30, '"3', "W/x", '"1e3"', "3, 4"])
def test_an_if_match_of_any_size_or_shape_is_a_4xx(api: Api, if_match: str) -> None:
    reference = api.open_case()["reference"]
    response = api.client.post(
        f"/v1/cases/{reference}/transitions",
        json={"trigger": "start_jurisdiction_check"},
        headers={**api.caseworker, "If-Match": if_match},
    )
    assert 400 <= response.status_code < 500, response.text
    assert api.audit_count(reference) == 1


def test_an_if_match_for_a_version_that_never_was_is_412(api: Api) -> None:
    reference = api.open_case()["reference"]
    response = api.client.post(
        f"/v1/cases/{reference}/transitions",
        json={"trigger": "start_jurisdiction_check"},
        headers={**api.caseworker, "If-Match": '"999999999999999999"'},
    )
    assert_problem(response, 412)
    assert api.audit_count(reference) == 1


@pytest.mark.parametrize("reference", ["FOS-2026-0000001%00", "x" * 41, "FOS-2026-1", "fos-2026-000001"])
def test_a_reference_that_cannot_be_one_is_refused_by_name_before_any_lookup(api: Api, reference: str) -> None:
    body = assert_problem(api.client.get(f"/v1/cases/{reference}", headers=api.caseworker), 422)
    assert error_fields(body) == ["reference"], body


@pytest.mark.parametrize("key", ["k" * 201, "two words", ""])
def test_an_idempotency_key_is_a_short_printable_token(api: Api, key: str) -> None:
    response = api.client.post("/v1/cases", json=facts_data(), headers={**api.caseworker, "Idempotency-Key": key})
    body = assert_problem(response, 422)
    assert "Idempotency-Key" in error_fields(body), body
    assert api.case_count() == 0
