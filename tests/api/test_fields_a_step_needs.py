"""A field a step needs for the values given is bad input when it is missing: 422 naming it, nothing written, on
the API as on the pages (the requirement is in the step's fields model), never a 409 from the rules."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import Api, assert_problem, error_fields

TEST_CASE = {"ground": "test_case", "reasons": "A court should decide the point.", "costs_undertaking": True}


def in_investigation(api: Api) -> str:
    reference = str(api.open_case()["reference"])
    api.fire(reference, api.caseworker, "start_jurisdiction_check")
    api.fire(reference, api.caseworker, "accept_jurisdiction", reasons="Every DISP 2 test passes.")
    return reference


@pytest.mark.parametrize("point_of_law", [None, "   "], ids=["left out", "blank"])
def test_a_test_case_proposed_without_the_point_of_law_is_422_naming_it(api: Api, point_of_law: str | None) -> None:
    reference = in_investigation(api)
    before = api.audit_count(reference)
    body: dict[str, Any] = {"trigger": "propose_dismissal", **TEST_CASE}
    if point_of_law is not None:
        body["point_of_law"] = point_of_law
    response = api.client.post(f"/v1/cases/{reference}/transitions", json=body, headers=api.caseworker)
    problem = assert_problem(response, 422)
    assert error_fields(problem) == ["point_of_law"]
    assert "important or novel point of law (DISP 3.3.5R)" in problem["detail"]
    assert api.audit_count(reference) == before
    assert api.client.get(f"/v1/cases/{reference}", headers=api.caseworker).json()["state"] == "investigation"


def test_a_test_case_with_the_point_of_law_but_no_costs_undertaking_is_still_the_rules_refusal(api: Api) -> None:
    reference = in_investigation(api)
    body = {"trigger": "propose_dismissal", **TEST_CASE, "costs_undertaking": False, "point_of_law": "Clause 7."}
    problem = assert_problem(
        api.client.post(f"/v1/cases/{reference}/transitions", json=body, headers=api.caseworker), 409
    )
    assert problem["citation"] == "DISP 3.3.5R"


def test_a_test_case_with_the_point_of_law_is_proposed(api: Api) -> None:
    reference = in_investigation(api)
    case = api.fire(
        reference, api.caseworker, "propose_dismissal", **TEST_CASE, point_of_law="Whether clause 7 is unfair."
    )
    assert case["state"] == "dismissal_representations"
