"""Edition 3, point 3, over HTTP: ``set_time_limit`` and ``extend_time_limit`` take only the time limits staff may
set or extend. Naming ``acceptance`` (DISP 3.6.6R) or ``respondent_time`` (DISP 2.8.1R) is 422 naming ``deadline``,
with why, and writes nothing; the OpenAPI document lists exactly the kinds staff may name."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from ombudsman.clock import FixedClock
from tests.api.conftest import Api, assert_problem, error_fields

STAFFS = {"jurisdiction_representations", "representations", "dismissal_representations", "assessment_response"}


def determined(api: Api) -> tuple[str, dict[str, str]]:
    reference = api.open_case()["reference"]
    complainant = api.complainant_of(reference)
    api.fire(reference, api.caseworker, "start_jurisdiction_check")
    api.fire(reference, api.caseworker, "accept_jurisdiction", reasons="Every DISP 2 test passes.")
    api.act(reference, api.firm, "make_representations", text="The product was explained.")
    api.act(reference, complainant, "make_representations", text="Nobody told me it was optional.")
    api.fire(reference, api.caseworker, "issue_provisional_assessment", outcome="uphold", reasons="Unsuitable.")
    api.fire(reference, api.firm, "disagree", reasons="We think the sale was suitable.")
    accept_before = (api.service.clock.today() + timedelta(days=29)).isoformat()
    awards = {"money": [{"head": "financial_loss", "amount": "4350.00"}]}
    case = api.fire(
        reference,
        api.ombudsman,
        "determine",
        outcome="uphold",
        reasons="Fair.",
        accept_before=accept_before,
        awards=awards,
    )
    assert case["state"] == "determined"
    return reference, complainant


def refused(api: Api, reference: str, action: str, **fields: Any) -> dict[str, Any]:
    """The action, refused as bad input naming ``deadline``, with nothing written."""
    before = api.audit_count(reference)
    response = api.client.post(
        f"/v1/cases/{reference}/actions",
        json={"action": action, "reasons": "More time.", **fields},
        headers=api.ombudsman,
    )
    body = assert_problem(response, 422)
    assert error_fields(body) == ["deadline"]
    assert api.audit_count(reference) == before
    return body


@pytest.mark.parametrize("action", ["extend_time_limit", "set_time_limit"])
def test_the_date_specified_for_acceptance_is_refused_naming_the_deadline_and_why(api: Api, action: str) -> None:
    reference, _ = determined(api)
    until = (api.service.clock.today() + timedelta(days=60)).isoformat()
    body = refused(api, reference, action, deadline="acceptance", until=until)
    assert "acceptance cannot be set or extended" in body["detail"]
    assert "notify_late_acceptance" in body["detail"]
    assert "(DISP 3.6.6R(2), DISP 3.6.6R(4), DISP 3.6.6R(4A))" in body["detail"]
    [deadline] = api.client.get(f"/v1/cases/{reference}", headers=api.ombudsman).json()["deadlines"]
    assert deadline["kind"] == "acceptance"
    assert deadline["due_on"] == (api.service.clock.today() + timedelta(days=28)).isoformat()


@pytest.mark.parametrize("action", ["extend_time_limit", "set_time_limit"])
def test_the_respondents_own_time_is_refused_naming_the_deadline_and_why(api: Api, action: str) -> None:
    reference = api.open_case(complained_to_respondent_on="2026-10-01", final_response_sent_on=None)["reference"]
    api.fire(reference, api.caseworker, "refer_to_respondent")
    body = refused(api, reference, action, deadline="respondent_time", until="2027-01-29")
    assert "respondent_time cannot be set or extended" in body["detail"]
    assert "(DISP 2.8.1R)" in body["detail"]


def test_the_probe_the_acceptance_limit_is_not_extended_and_a_month_late_acceptance_needs_an_ombudsman(
    api: Api, clock: FixedClock
) -> None:
    """The issue's probe: ``extend_time_limit`` on ``acceptance`` was 200, and an acceptance a month after the
    date specified then bound the firm. Now the extension is refused; the late acceptance binds only through
    ``notify_late_acceptance`` and an ombudsman's ``accept_late`` (DISP 3.6.6R(4A))."""
    reference, complainant = determined(api)
    refused(api, reference, "extend_time_limit", deadline="acceptance", until="2027-01-04")
    clock.advance(29)  # the date specified has arrived
    api.service.sweep()
    clock.advance(30)  # a month late
    response = api.client.post(f"/v1/cases/{reference}/transitions", json={"trigger": "accept"}, headers=complainant)
    assert_problem(response, 409)
    register = api.client.get("/v1/register/money-awards", headers=api.ombudsman).json()["items"]
    assert [entry["status"] for entry in register] == ["not_binding"]
    api.act(reference, complainant, "notify_late_acceptance", reasons="I was in hospital.")
    case = api.fire(reference, api.ombudsman, "accept_late", reasons="A hospital stay caused the delay.")
    assert case["state"] == "accepted"
    register = api.client.get("/v1/register/money-awards", headers=api.ombudsman).json()["items"]
    assert [entry["status"] for entry in register] == ["binding"]


def test_the_openapi_document_lists_exactly_the_time_limits_staff_may_name(api: Api) -> None:
    schemas = api.client.get("/openapi.json").json()["components"]["schemas"]
    for body in ("SetTimeLimitAction", "ExtendTimeLimitAction"):
        reference = schemas[body]["properties"]["deadline"]["$ref"]
        assert set(schemas[reference.rsplit("/", 1)[1]]["enum"]) == {*STAFFS, "information"}


def test_staff_set_and_extend_a_time_limit_of_their_own_over_http(api: Api) -> None:
    reference = api.open_case()["reference"]
    api.fire(reference, api.caseworker, "start_jurisdiction_check")
    api.fire(reference, api.caseworker, "accept_jurisdiction", reasons="Every DISP 2 test passes.")
    api.act(reference, api.caseworker, "set_time_limit", deadline="information", until="2026-11-30", reasons="Files.")
    case = api.act(
        reference, api.caseworker, "extend_time_limit", deadline="information", until="2026-12-14", reasons="Ill."
    )
    assert {(deadline["kind"], deadline["due_on"]) for deadline in case["deadlines"]} >= {("information", "2026-12-14")}
