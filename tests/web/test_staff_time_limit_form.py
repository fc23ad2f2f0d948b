"""Edition 3, point 3, on the pages: the forms to set and extend a time limit offer only the kinds staff may name
(the form is built from the field's type), and a form naming the acceptance limit is refused naming the field."""

from __future__ import annotations

import re
from datetime import date

import pytest

from ombudsman.access import Actor
from ombudsman.clock import FixedClock
from ombudsman.service import CaseService
from ombudsman.web.forms import inputs
from tests.conftest import CASEWORKER
from tests.factories import facts_data
from tests.web.test_pages import _written, csrf_of, signed_in
from workflows.vocabulary import Role

STAFFS = ("jurisdiction_representations", "representations", "dismissal_representations", "assessment_response")


@pytest.mark.parametrize("name", ["set_time_limit", "extend_time_limit"])
def test_the_form_offers_only_the_time_limits_staff_may_set_or_extend(name: str) -> None:
    [deadline] = [field for field in inputs(name, Actor("Priya Shah", Role.caseworker)) if field.name == "deadline"]
    assert deadline.kind == "radios"
    assert [value for value, _ in deadline.options] == [*STAFFS, "information"]
    assert all("_" not in words for _, words in deadline.options)  # each offered in words


def _form_of(html: str, step: str) -> str:
    found = re.search(rf'<form[^>]*>(?:(?!</form>).)*value="{step}".*?</form>', html, re.S)
    assert found is not None, f"no form for {step}"
    return found.group(0)


def test_the_case_page_offers_no_acceptance_or_respondent_time_and_refuses_them_naming_the_field(
    service: CaseService, clock: FixedClock
) -> None:
    clock.set(date(2026, 11, 2))
    reference = str(service.open_case(CASEWORKER, facts_data()).reference)
    client = signed_in(service, clock)
    page = client.get(f"/cases/{reference}")
    for name in ("set_time_limit", "extend_time_limit"):
        offered = re.findall(r'<input[^>]*name="deadline"[^>]*value="([^"]*)"', _form_of(page.text, name))
        assert offered == [*STAFFS, "information"]
    refused = client.post(
        f"/cases/{reference}/actions",
        data={
            "csrf_token": csrf_of(page.text),
            "action": "extend_time_limit",
            "version": "1",
            "deadline": "acceptance",
            "until": "2026-12-01",
            "reasons": "More time.",
        },
    )
    assert refused.status_code == 422
    assert "The time limit: " in refused.text and "acceptance cannot be set or extended" in refused.text
    assert _written(service, reference) == 1
