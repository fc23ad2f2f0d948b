"""The pages over HTTP (FastAPI's test client, both databases): signing in and out, the anti-forgery field, the
work queue, the case page and its forms, refusals shown with what was typed kept, and the API's scoping."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel
from sqlalchemy import text
from sqlmodel import Session

from ombudsman import web
from ombudsman.api import create_app
from ombudsman.clock import FixedClock
from ombudsman.db import transaction
from ombudsman.queries import audit_count, dashboard
from ombudsman.service import CaseService
from ombudsman.tools import AssessmentIn, AwardCalculationIn
from ombudsman.users import add_user
from ombudsman.web import COOKIE, PAGE_POLICY, pages
from ombudsman.web.forms import model_inputs, shown
from tests.conftest import CASEWORKER
from tests.factories import facts_data
from workflows.vocabulary import Role


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no anti-forgery field"
    return found.group(1)


def tight(html: str) -> str:
    """The markup with the layout whitespace of the GOV.UK macros taken out, for matching."""
    return re.sub(r">\s+", ">", re.sub(r"\s+<", "<", html))


def tool_form(model: type[BaseModel], data: dict[str, Any]) -> dict[str, list[str]]:
    """``data`` as the form of ``model``'s fields posts it."""
    return shown(data, model_inputs(model, {}))


def signed_in(service: CaseService, clock: FixedClock, role: str = "caseworker", **bound: object) -> TestClient:
    token = add_user(service.engine, clock, f"A {role}", role=Role(role), **bound)  # type: ignore[arg-type]
    client = TestClient(create_app(service))
    form = client.get("/login")
    answer = client.post("/login", data={"token": token, "csrf_token": csrf_of(form.text)}, follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/cases")
    return client


@pytest.fixture
def reference(service: CaseService, clock: FixedClock) -> str:
    clock.set(date(2026, 11, 2))
    return str(service.open_case(CASEWORKER, facts_data()).reference)


def _written(service: CaseService, reference: str) -> int:
    with Session(service.engine) as session:
        return audit_count(session, reference)


def test_the_start_page_says_what_the_service_is_and_offers_sign_in(service: CaseService) -> None:
    page = TestClient(create_app(service)).get("/")
    assert page.status_code == 200
    assert "Sign in" in page.text and "Complaints to the Financial Ombudsman Service" in page.text
    assert page.headers["content-security-policy"] == PAGE_POLICY


def test_a_page_asked_for_without_signing_in_goes_to_sign_in(service: CaseService, reference: str) -> None:
    client = TestClient(create_app(service))
    for path in ("/cases", f"/cases/{reference}"):
        answer = client.get(path, follow_redirects=False)
        assert (answer.status_code, answer.headers["location"]) == (303, "/login")


def test_signing_in_sets_an_http_only_same_site_cookie_and_a_wrong_token_is_refused(
    service: CaseService, clock: FixedClock
) -> None:
    token = add_user(service.engine, clock, "Priya Shah", role=Role.caseworker)
    client = TestClient(create_app(service))
    wrong = client.post("/login", data={"token": "not-a-token", "csrf_token": csrf_of(client.get("/login").text)})
    assert wrong.status_code == 401 and "That token is not known" in wrong.text
    right = client.post(
        "/login", data={"token": token, "csrf_token": csrf_of(client.get("/login").text)}, follow_redirects=False
    )
    cookie = right.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain HTTP here; over HTTPS it is marked Secure


def test_signing_in_without_the_anti_forgery_field_is_refused(service: CaseService, clock: FixedClock) -> None:
    token = add_user(service.engine, clock, "Priya Shah", role=Role.caseworker)
    client = TestClient(create_app(service))
    client.get("/login")
    assert client.post("/login", data={"token": token}).status_code == 403


def test_signing_out_ends_the_session_on_the_server_too(service: CaseService, clock: FixedClock) -> None:
    client = signed_in(service, clock)
    cookie = client.cookies[COOKIE]
    page = client.get("/cases")
    assert client.post("/logout", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False).status_code == 303
    replay = TestClient(create_app(service), cookies={COOKIE: cookie})
    assert replay.get("/cases", follow_redirects=False).status_code == 303  # the old cookie no longer works


def test_a_case_step_is_taken_from_its_form_and_the_case_moves(
    service: CaseService, clock: FixedClock, reference: str
) -> None:
    client = signed_in(service, clock)
    assert reference in client.get("/cases").text
    page = client.get(f"/cases/{reference}")
    assert 'data-step="start_jurisdiction_check"' in page.text
    assert 'data-step="determine"' not in page.text  # only the steps the caller may take now
    answer = client.post(
        f"/cases/{reference}/transitions",
        data={"csrf_token": csrf_of(page.text), "trigger": "start_jurisdiction_check", "version": "1"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert "jurisdiction check" in client.get(f"/cases/{reference}").text


def test_a_refused_step_shows_the_guards_reason_and_citation_and_keeps_what_was_typed(
    service: CaseService, clock: FixedClock, reference: str
) -> None:
    client = signed_in(service, clock)
    page = client.get(f"/cases/{reference}")
    refused = client.post(
        f"/cases/{reference}/actions",
        data={
            "csrf_token": csrf_of(page.text),
            "action": "extend_time_limit",
            "version": "1",
            "deadline": "information",
            "until": "2026-12-01",
            "reasons": "Typed with care.",
        },
    )
    assert refused.status_code == 409
    assert "There is a problem" in refused.text
    assert "There is no open information time limit" in refused.text and "DISP 3.5.13R" in refused.text
    assert "Typed with care." in refused.text
    assert _written(service, reference) == 1


def test_a_form_posted_after_someone_else_changed_the_case_is_refused_and_what_was_typed_is_kept(
    service: CaseService, clock: FixedClock, reference: str
) -> None:
    client = signed_in(service, clock)
    page = client.get(f"/cases/{reference}")
    service.act(CASEWORKER, reference, "start_jurisdiction_check")  # someone else, meanwhile
    stale = client.post(
        f"/cases/{reference}/actions",
        data={
            "csrf_token": csrf_of(page.text),
            "action": "make_representations",
            "version": "1",
            "on_behalf_of": "complainant",
            "text": "What Ann told me on the phone.",
        },
    )
    assert stale.status_code == 412
    assert "What Ann told me on the phone." in stale.text
    assert _written(service, reference) == 2


def test_a_post_without_the_anti_forgery_field_is_403_and_changes_nothing(
    service: CaseService, clock: FixedClock, reference: str
) -> None:
    client = signed_in(service, clock)
    answer = client.post(
        f"/cases/{reference}/transitions", data={"trigger": "start_jurisdiction_check", "version": "1"}
    )
    assert answer.status_code == 403
    assert _written(service, reference) == 1


def test_a_firm_sees_its_own_cases_and_another_firms_case_is_not_found(
    service: CaseService, clock: FixedClock, reference: str
) -> None:
    other = service.open_case(
        CASEWORKER, facts_data(respondent={"name": "Other Bank plc", "frn": "654321", "kind": "firm"})
    ).reference
    firm = signed_in(service, clock, "firm", frn="123456")
    queue = firm.get("/cases").text
    assert reference in queue and other not in queue
    assert firm.get(f"/cases/{other}").status_code == 404


def test_staff_see_a_vulnerable_complainants_adjustments_and_a_firm_does_not(
    service: CaseService, clock: FixedClock
) -> None:
    complainant = {**facts_data()["complainant"], "vulnerable": True, "adjustments": ["large_print"]}
    reference = service.open_case(CASEWORKER, facts_data(complainant=complainant)).reference
    staff = signed_in(service, clock).get(f"/cases/{reference}").text
    assert "may be vulnerable" in staff and "large print" in staff
    firm = signed_in(service, clock, "firm", frn="123456").get(f"/cases/{reference}").text
    assert "vulnerable" not in firm


def test_a_letter_opens_from_the_case_page_for_whom_it_was_sent_to(
    service: CaseService, clock: FixedClock, reference: str
) -> None:
    staff = signed_in(service, clock)
    letter = staff.get(f"/cases/{reference}/letters/acknowledgement")
    assert letter.status_code == 200 and reference in letter.text
    firm = signed_in(service, clock, "firm", frn="123456")
    assert firm.get(f"/cases/{reference}/letters/acknowledgement").status_code == 404  # it went to the complainant


def test_the_jurisdiction_tool_assesses_the_facts_given_without_opening_a_case(
    service: CaseService, clock: FixedClock
) -> None:
    staff = signed_in(service, clock)
    blank = staff.get("/tools/jurisdiction")
    assert blank.status_code == 200 and "Ann Example" in blank.text  # an example to start from
    facts = tool_form(AssessmentIn, facts_data(referred_on="2026-11-01"))
    answered = staff.get("/tools/jurisdiction", params=facts)
    assert answered.status_code == 200 and "We can look at it" in answered.text and "DISP 2.8.1R" in answered.text
    wrong = staff.get("/tools/jurisdiction", params={"complainant.name": "Ann Example"})
    assert wrong.status_code == 422 and "There is a problem" in wrong.text
    assert "Enter the business complained about" in wrong.text and "Choose who is complaining" in wrong.text
    assert staff.get("/cases").text.count("FOS-") == 0  # no case was made


def test_the_award_calculator_caps_the_award_and_recommends_the_balance(
    service: CaseService, clock: FixedClock
) -> None:
    staff = signed_in(service, clock)
    body = {"money": [{"head": "financial_loss", "amount": "200000.00"}], "referred_on": "2025-09-01"}
    answered = staff.get("/tools/awards", params=tool_form(AwardCalculationIn, body))
    assert answered.status_code == 200
    assert "£150,000" in answered.text and "£50,000" in answered.text


def test_the_award_calculator_takes_lines_naming_events_with_their_dates(
    service: CaseService, clock: FixedClock
) -> None:
    staff = signed_in(service, clock)
    line = {"head": "financial_loss", "amount": "200000.00", "events": ["L2"]}
    body = {
        "money": [line],
        "referred_on": "2025-09-01",
        "events": [{"id": "L1", "date": "2019-01-01"}, {"id": "L2", "date": "2020-01-01"}],
    }
    answered = staff.get("/tools/awards", params=tool_form(AwardCalculationIn, body))
    assert answered.status_code == 200 and "£150,000" in answered.text
    line["events"] = ["L3"]
    refused = staff.get("/tools/awards", params=tool_form(AwardCalculationIn, body))
    assert refused.status_code == 422 and "L3 is not an event of this complaint" in refused.text


def test_the_award_calculators_example_is_the_body_the_api_documents_and_is_answered(
    service: CaseService, clock: FixedClock
) -> None:
    staff = signed_in(service, clock)
    answered = staff.get("/tools/awards", params=tool_form(AwardCalculationIn, web.tools.EXAMPLE_AWARDS))
    assert answered.status_code == 200
    assert "£150,000" in answered.text


@pytest.mark.parametrize("path", ["/tools/jurisdiction", "/tools/awards", "/register", "/dashboard"])
def test_the_staff_pages_are_for_staff_only(service: CaseService, clock: FixedClock, path: str) -> None:
    assert signed_in(service, clock, "firm", frn="123456").get(path).status_code == 403
    assert signed_in(service, clock).get(path).status_code == 200


def test_the_dashboard_counts_cases_by_stage_and_the_overdue_time_limits(
    service: CaseService, clock: FixedClock, reference: str
) -> None:
    page = signed_in(service, clock).get("/dashboard")
    assert page.status_code == 200
    assert re.search(r"Referred</a></th><td[^>]*>1<", tight(page.text))
    assert "No case resolved yet" in page.text
    # Made, but waiting in the outbox: the complainant has not been told anything yet.
    assert re.search(r"Acknowledged within 1 business day</dt><dd[^>]*>0% \(0 of 1\)<", tight(page.text))
    with service.engine.begin() as connection:
        connection.execute(text("UPDATE letters SET delivery = 'sent' WHERE kind = 'acknowledgement'"))
    page = signed_in(service, clock).get("/dashboard")
    assert re.search(r"Acknowledged within 1 business day</dt><dd[^>]*>100% \(1 of 1\)<", tight(page.text))


def test_the_dashboard_measures_each_acknowledgement_against_one_business_day(
    service: CaseService, clock: FixedClock
) -> None:
    """Opened on Friday 6 November 2026: an acknowledgement sent on Monday the 9th is in time, one printed on Tuesday
    the 10th is late; one made on the Friday but still waiting in the outbox (or failed) has told nobody anything,
    and a case with no acknowledgement is not acknowledged in time."""
    clock.set(date(2026, 11, 6))
    references = [service.open_case(CASEWORKER, facts_data()).reference for _ in range(6)]
    delivered = {
        references[0]: ("sent", "2026-11-06"),
        references[1]: ("sent", "2026-11-09"),
        references[2]: ("printed", "2026-11-10"),
        references[3]: ("queued", "2026-11-06"),
        references[4]: ("failed", "2026-11-06"),
    }
    with service.engine.begin() as connection:
        for reference, (status, day) in delivered.items():
            connection.execute(
                text(
                    "UPDATE letters SET delivery = :status, delivery_at = :at WHERE kind = 'acknowledgement'"
                    " AND case_id = (SELECT id FROM cases WHERE reference = :reference)"
                ),
                {"status": status, "at": datetime.fromisoformat(f"{day}T16:00:00+00:00"), "reference": reference},
            )
        connection.execute(
            text("DELETE FROM letters WHERE case_id = (SELECT id FROM cases WHERE reference = :reference)"),
            {"reference": references[5]},
        )
    with transaction(service.engine) as session:
        figures = dashboard(session, clock.today(), resolve_within_days=183, acknowledge_within_days=1)
        same_day = dashboard(session, clock.today(), resolve_within_days=183, acknowledge_within_days=0)
    assert (figures.opened, figures.acknowledged_in_time) == (6, 2)
    assert (same_day.opened, same_day.acknowledged_in_time) == (6, 1)


def test_a_firm_sees_first_what_it_must_do_and_by_when(service: CaseService, clock: FixedClock, reference: str) -> None:
    service.act(CASEWORKER, reference, "start_jurisdiction_check")
    service.act(CASEWORKER, reference, "accept_jurisdiction", fields={"reasons": "In jurisdiction."})
    fields = {"outcome": "uphold", "reasons": "View.", "respond_by": "2026-11-20"}
    clock.set(date(2026, 11, 20))  # the representations window has passed
    service.act(CASEWORKER, reference, "issue_provisional_assessment", fields=fields)
    queue = signed_in(service, clock, "firm", frn="123456").get("/cases").text
    todo = queue.split("What you need to do")[1].split("</ul>")[0]
    assert f"{reference}: Disagree with the assessment, Ask for a hearing" in todo and "By 20 November 2026" in todo


def test_a_session_ends_after_its_idle_time_and_the_next_page_asks_to_sign_in_again(
    service: CaseService, clock: FixedClock
) -> None:
    client = signed_in(service, clock)
    clock.set(clock.now() + timedelta(minutes=service.settings.session_idle_minutes))
    assert client.get("/cases", follow_redirects=False).status_code == 200  # used just in time: it runs on
    clock.set(clock.now() + timedelta(minutes=service.settings.session_idle_minutes, seconds=1))
    answer = client.get("/cases", follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/login")


def test_over_https_the_session_cookie_is_marked_secure(service: CaseService, clock: FixedClock) -> None:
    token = add_user(service.engine, clock, "Priya Shah", role=Role.caseworker)
    client = TestClient(create_app(service), base_url="https://testserver")
    form = client.get("/login")
    answer = client.post("/login", data={"token": token, "csrf_token": csrf_of(form.text)}, follow_redirects=False)
    assert "Secure" in answer.headers["set-cookie"]


def test_the_queue_is_searched_and_filtered_across_every_case_with_the_apis_query_names(
    service: CaseService, clock: FixedClock, reference: str
) -> None:
    bob = service.open_case(
        CASEWORKER,
        facts_data(
            complainant={**facts_data()["complainant"], "name": "Bob Other"},
            respondent={"name": "Other Bank plc", "frn": "654321", "kind": "firm"},
        ),
    ).reference
    service.act(CASEWORKER, bob, "start_jurisdiction_check")
    staff = signed_in(service, clock)

    def listed(**params: object) -> set[str]:
        page = staff.get("/cases", params=params).text
        return set(re.findall(r'href="/cases/(FOS-\d{4}-\d{6})"', page))

    assert listed() == {reference, bob}
    assert listed(q="bob other") == {bob}
    assert listed(q=reference.lower()) == {reference}
    assert listed(q="_") == set() and listed(q="%") == set()  # typed as written, not as wildcards
    assert listed(state=["referred", "jurisdiction_check"]) == {reference, bob}
    assert listed(state="jurisdiction_check") == {bob}
    assert listed(respondent_frn="654321") == {bob}
    assert listed(deadline_before="2027-01-01") == set()  # neither has a time limit running
    assert staff.get("/cases", params={"deadline_before": "2026-02-30"}).status_code == 422


def test_the_queue_pages_through_every_case_in_the_order_of_its_next_time_limit(
    service: CaseService, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first page holds the most urgent cases of all, not of the oldest few; cases with no limit come last."""
    monkeypatch.setattr(pages, "QUEUE_PAGE", 2)
    due = {}
    for until in (None, "2026-12-20", None, "2026-11-10", "2026-11-30", "2026-11-10"):
        reference = service.open_case(CASEWORKER, facts_data()).reference
        if until is not None:
            fields = {"deadline": "information", "until": until, "reasons": "Statements."}
            service.act(CASEWORKER, reference, "set_time_limit", fields=fields)
        due[reference] = until
    staff = signed_in(service, clock)
    seen: list[str] = []
    path = "/cases?state=referred"
    while path:
        page = staff.get(path).text
        cells = r'data-case="(FOS-\d{4}-\d{6})"'
        seen += re.findall(cells, tight(page))
        found = re.search(r'href="(/cases\?cursor=[^"]+)">Next page', page)
        path = found.group(1).replace("&amp;", "&") if found else ""
    expected = sorted(due, key=lambda reference: (due[reference] is None, due[reference] or "", reference))
    assert seen == expected
    assert staff.get("/cases", params={"cursor": "not-a-cursor"}).status_code == 422


def test_the_case_page_says_each_fact_as_a_reader_would() -> None:
    assert [web.plain(value) for value in (True, False, "2026-04-03", "regulated_activity", 3)] == [
        "Yes",
        "No",
        "3 April 2026",
        "regulated activity",
        "3",
    ]


def test_the_queue_says_plainly_when_a_case_has_no_time_limit_running(service: CaseService, clock: FixedClock) -> None:
    reference = str(service.open_case(CASEWORKER, facts_data()).reference)  # just referred: no limit runs yet
    queue = tight(signed_in(service, clock).get("/cases").text)
    assert reference in queue
    assert "No time limit running" in queue and ">None<" not in queue.replace(" ", "")
