"""On the pages as in the API: a test case proposed without the respondent's statement of the point of law is
refused naming ``point_of_law`` (422), and nothing is written."""

from __future__ import annotations

from datetime import date

from ombudsman.clock import FixedClock
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER
from tests.factories import facts_data
from tests.web.test_pages import _written, csrf_of, signed_in


def test_the_form_proposing_a_test_case_without_the_point_of_law_is_refused_naming_it(
    service: CaseService, clock: FixedClock
) -> None:
    clock.set(date(2026, 11, 2))
    reference = str(service.open_case(CASEWORKER, facts_data()).reference)
    client = signed_in(service, clock)
    page = client.get(f"/cases/{reference}")
    refused = client.post(
        f"/cases/{reference}/transitions",
        data={
            "csrf_token": csrf_of(page.text),
            "trigger": "propose_dismissal",
            "version": "1",
            "ground": "test_case",
            "costs_undertaking": "true",
            "reasons": "Typed with care.",
        },
    )
    assert refused.status_code == 422
    assert "important or novel point of law (DISP 3.3.5R)" in refused.text
    assert "point_of_law" in refused.text
    assert _written(service, reference) == 1
