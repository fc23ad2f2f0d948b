"""The case page of a complaint about several events shows each event with what was found of it, in words."""

from __future__ import annotations

from ombudsman import assessments
from ombudsman.clock import FixedClock
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER
from tests.factories import facts_data
from tests.web.test_acts import visible
from tests.web.test_pages import signed_in, tight

LOANS = [
    {
        "id": "L1",
        "kind": "loan",
        "date": "2017-01-10",
        "awareness_date": "2017-01-10",
        "respondent_consents_to_late_referral": False,
    },
    {"id": "L2", "kind": "loan", "date": "2020-03-01", "description": "The second loan"},
]


def test_the_case_page_lists_each_event_with_its_answer_and_why(service: CaseService, clock: FixedClock) -> None:
    assessments.ASSESSMENTS.clear()  # another database's case of the same id and opening is not this one
    facts = facts_data(event_date=None, awareness_date=None, events=LOANS)
    reference = service.open_case(CASEWORKER, facts).reference
    page = tight(signed_in(service, clock).get(f"/cases/{reference}").text)
    assert "L1: loan of 10 January 2017" in page and "L2: loan of 1 March 2020, The second loan" in page
    assert "We cannot look at it" in page and "We can look at it" in page
    seen = visible(page)
    assert "respondent_consents" not in seen and "[{" not in seen  # no raw facts
