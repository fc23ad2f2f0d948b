"""Acts people can check and trust, on the pages: what the caller can do now (the guards asked, never restated),
"Check your answers" before a binding step (which writes nothing), the confirmation after every step, and each
role's own page (the complainant's decision, the firm's date to comply, staff's copy of each party's letter)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, col, select

from ombudsman import assessments
from ombudsman.clock import FixedClock
from ombudsman.models import AuditEvent, Case, Letter
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER
from tests.factories import facts_data
from tests.walk import Walk
from tests.web.test_pages import csrf_of, signed_in, tight

DETERMINE = {
    "outcome": "uphold",
    "reasons": "The policy was unsuitable.",
    "awards.money.0.head": "financial_loss",
    "awards.money.0.amount": "2700.00",
}


def written(service: CaseService, reference: str) -> tuple[int, int]:
    """How many audit events and letters the case has: what a step that writes nothing leaves as it was."""
    with Session(service.engine) as session:
        case_id = session.exec(select(Case.id).where(Case.reference == reference)).one()
        events = session.exec(select(func.count()).where(col(AuditEvent.case_id) == case_id)).one()
        letters = session.exec(select(func.count()).where(col(Letter.case_id) == case_id)).one()
        return int(events), int(letters)


def visible(html: str) -> str:
    """The page's text as a reader sees it, roughly: tags and hidden inputs left out."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def hidden_fields(html: str) -> dict[str, str]:
    """What the check page's form sends again: its hidden fields (the sign-out form's too: the same token)."""
    return {
        name: unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
    }


def awaiting_determination(service: CaseService, clock: FixedClock) -> Walk:
    return Walk(service, clock, date(2026, 11, 2)).to_awaiting_determination()


def post_step(client: TestClient, reference: str, name: str, **fields: str) -> object:
    page = client.get(f"/cases/{reference}")
    version = re.search(r'name="version" value="(\d+)"', page.text)
    assert version, "the case page has no form"
    data = {"csrf_token": csrf_of(page.text), "trigger": name, "version": version.group(1), **fields}
    return client.post(f"/cases/{reference}/transitions", data=data, follow_redirects=False)


# --- what you can do now -------------------------------------------------------------------------------------


def test_a_step_the_rules_refuse_today_is_listed_with_the_guards_reason_and_the_day_it_becomes_possible(
    service: CaseService, clock: FixedClock
) -> None:
    # Another test's case, opened by the same user at the same moment in another database, has the same audit
    # head as this one: its DISP 2 tests, kept by their head, are not this case's.
    assessments.ASSESSMENTS.clear()
    clock.set(date(2026, 11, 2))
    facts = facts_data(complained_to_respondent_on="2026-10-01", final_response_sent_on=None, referred_on="2026-11-02")
    facts.pop("final_response_mentioned_time_limit")
    reference = service.open_case(CASEWORKER, facts).reference
    page = signed_in(service, clock).get(f"/cases/{reference}").text
    not_yet = tight(page).split('id="not-yet">')[1].split("</ul>")[0]
    assert "Start the jurisdiction check" in not_yet and "the usual next step" in not_yet
    assert "until 26 November 2026" in not_yet and "Possible from 27 November 2026." in not_yet
    assert 'data-step="start_jurisdiction_check"' not in page  # no form for it
    assert 'data-step="refer_to_respondent"' in page  # what the rules allow today has its form


def test_the_usual_next_step_is_offered_first_and_marked(service: CaseService, clock: FixedClock) -> None:
    walk = awaiting_determination(service, clock)
    page = signed_in(service, clock, "ombudsman").get(f"/cases/{walk.reference}").text
    steps = re.findall(r'data-step="([a-z_]+)"', page)
    assert steps[0] == "determine"
    assert "Determine the complaint (the usual next step)" in page


# --- check your answers --------------------------------------------------------------------------------------


def test_a_binding_step_first_shows_what_it_will_do_and_its_letters_and_writes_nothing(
    service: CaseService, clock: FixedClock
) -> None:
    walk = awaiting_determination(service, clock)
    before = written(service, walk.reference)
    ombudsman = signed_in(service, clock, "ombudsman")
    accept_before = (clock.today() + timedelta(days=29)).isoformat()
    answer = post_step(ombudsman, walk.reference, "determine", accept_before=accept_before, **DETERMINE)
    assert answer.status_code == 200  # type: ignore[attr-defined]
    page = answer.text  # type: ignore[attr-defined]
    assert '<h1 class="govuk-heading-l">Check your answers</h1>' in page
    assert "The case will be <strong>determined</strong>" in page
    assert "Determination to Ann Example (the complainant), by email" in page
    assert "Determination to Example Bank plc (the business), by post" in page
    assert "£2,700" in visible(page)  # the letter's text as it would be sent
    assert written(service, walk.reference) == before  # no audit event, no letter in the outbox
    assert walk.reload().state == "awaiting_determination"
    for name, value in (("outcome", "uphold"), ("accept_before", accept_before), ("trigger", "determine")):
        assert f'<input type="hidden" name="{name}" value="{value}">' in page
    button = re.search(r"<button[^>]*data-confirm[^>]*>", page)
    assert button and 'name="confirm"' in button.group(0) and 'value="yes"' in button.group(0)


def test_confirming_the_check_takes_the_step_and_the_case_page_says_what_happened_and_what_next(
    service: CaseService, clock: FixedClock
) -> None:
    walk = awaiting_determination(service, clock)
    ombudsman = signed_in(service, clock, "ombudsman")
    accept_before = clock.today() + timedelta(days=29)
    check = post_step(ombudsman, walk.reference, "determine", accept_before=accept_before.isoformat(), **DETERMINE)
    echoed = hidden_fields(check.text)  # type: ignore[attr-defined]
    done = ombudsman.post(
        f"/cases/{walk.reference}/transitions", data={**echoed, "confirm": "yes"}, follow_redirects=False
    )
    assert done.status_code == 303
    assert re.fullmatch(rf"/cases/{walk.reference}\?done=\d+#done", done.headers["location"])
    assert walk.reload().state == "determined"
    page = ombudsman.get(done.headers["location"]).text
    banner = visible(tight(page).split('id="done">')[1].split("</section>")[0])
    assert "Determine the complaint: done" in banner
    assert "Determination to Ann Example (the complainant), by email" in banner
    assert "Determination to Example Bank plc (the business), by post" in banner
    last_day = accept_before - timedelta(days=1)
    assert f"ends on {last_day.day} {last_day:%B %Y}" in banner and "for the complainant" in banner


def test_a_step_that_binds_no_one_is_taken_at_once_and_confirmed(service: CaseService, clock: FixedClock) -> None:
    clock.set(date(2026, 11, 2))
    reference = service.open_case(CASEWORKER, facts_data()).reference
    answer = post_step(signed_in(service, clock), reference, "start_jurisdiction_check")
    assert answer.status_code == 303  # type: ignore[attr-defined]
    page = signed_in(service, clock).get(answer.headers["location"]).text  # type: ignore[attr-defined]
    assert "Start the jurisdiction check: done" in page and "No letter was sent." in page


def test_a_stale_form_bad_input_or_a_refused_step_is_answered_as_before_never_with_a_check_page(
    service: CaseService, clock: FixedClock
) -> None:
    walk = awaiting_determination(service, clock)
    ombudsman = signed_in(service, clock, "ombudsman")
    before = written(service, walk.reference)
    stale = post_step(ombudsman, walk.reference, "determine", version="1", **DETERMINE)
    assert stale.status_code == 412 and "Check your answers" not in stale.text  # type: ignore[attr-defined]
    bad = post_step(ombudsman, walk.reference, "determine", outcome="uphold")
    assert bad.status_code == 422 and "Check your answers" not in bad.text  # type: ignore[attr-defined]
    assert written(service, walk.reference) == before
    clock.set(date(2026, 11, 2))
    late = facts_data(referred_on="2026-11-02")  # more than six months after the final response (DISP 2.8.2R)
    reference = service.open_case(CASEWORKER, late).reference
    service.act(CASEWORKER, reference, "start_jurisdiction_check")
    refused = post_step(signed_in(service, clock), reference, "accept_jurisdiction", reasons="Looks fine.")
    assert refused.status_code == 409 and "Check your answers" not in refused.text  # type: ignore[attr-defined]
    assert "Looks fine." in refused.text  # type: ignore[attr-defined]


# --- each role's page ----------------------------------------------------------------------------------------


def test_the_complainant_reads_the_decision_first_and_what_accepting_and_rejecting_mean(
    service: CaseService, clock: FixedClock
) -> None:
    walk = awaiting_determination(service, clock).determine(
        {"money": [{"head": "financial_loss", "amount": "2700.00"}]}
    )
    last_day = clock.today() - timedelta(days=5) + timedelta(days=28)  # accept_before was set 5 days earlier
    ann = signed_in(service, clock, "complainant", cases=[walk.reference])
    page = visible(ann.get(f"/cases/{walk.reference}").text)
    assert (
        f"The ombudsman upheld your complaint. Example Bank plc must pay you £2,700. "
        f"Tell us by {last_day.day} {last_day:%B %Y} whether you accept." in page
    )
    assert "If you accept" in page and "If you reject it" in page
    # No DISP test table, no citation (the caseworker's own words and the footer may name DISP), no version.
    assert "Can we look at this complaint?" not in page and not re.search(r"DISP \d\.\d", page)
    assert "version" not in page.lower()


def test_the_complainant_accepts_through_the_check_page_and_the_firm_sees_the_day_to_comply_by(
    service: CaseService, clock: FixedClock
) -> None:
    walk = awaiting_determination(service, clock).determine(
        {"money": [{"head": "financial_loss", "amount": "2700.00"}]}
    )
    ann = signed_in(service, clock, "complainant", cases=[walk.reference])
    check = post_step(ann, walk.reference, "accept")
    assert "Check your answers" in check.text  # type: ignore[attr-defined]
    assert "This letter goes to the other party" in check.text  # type: ignore[attr-defined]
    echoed = hidden_fields(check.text)  # type: ignore[attr-defined]
    done = ann.post(f"/cases/{walk.reference}/transitions", data={**echoed, "confirm": "yes"}, follow_redirects=False)
    assert done.status_code == 303 and walk.reload().state == "accepted"
    comply_by = clock.today() + timedelta(days=28)
    words = f"{comply_by.day} {comply_by:%B %Y}"
    firm = signed_in(service, clock, "firm", frn="123456")
    queue = visible(firm.get("/cases").text)
    assert f"Comply with the decision by {words}" in queue
    assert f"do what it says by {words}" in visible(firm.get(f"/cases/{walk.reference}").text)


def test_a_firm_inside_its_time_is_told_so_not_that_a_test_failed(service: CaseService, clock: FixedClock) -> None:
    # Another test's case, opened by the same user at the same moment in another database, has the same audit
    # head as this one: its DISP 2 tests, kept by their head, are not this case's.
    assessments.ASSESSMENTS.clear()
    clock.set(date(2026, 11, 2))
    facts = facts_data(complained_to_respondent_on="2026-10-01", final_response_sent_on=None, referred_on="2026-11-02")
    facts.pop("final_response_mentioned_time_limit")
    reference = service.open_case(CASEWORKER, facts).reference
    page = visible(signed_in(service, clock, "firm", frn="123456").get(f"/cases/{reference}").text)
    assert "Not yet: the business is still within its time, until 26 November 2026" in page
    assert "Respondent had its time Failed" not in page


def test_staff_read_each_partys_copy_of_a_letter(service: CaseService, clock: FixedClock) -> None:
    walk = awaiting_determination(service, clock).determine()
    staff = signed_in(service, clock)
    page = staff.get(f"/cases/{walk.reference}").text
    assert f"/cases/{walk.reference}/letters/determination?to=respondent" in page
    to_firm = staff.get(f"/cases/{walk.reference}/letters/determination?to=respondent").text
    to_ann = staff.get(f"/cases/{walk.reference}/letters/determination?to=complainant").text
    assert to_firm != to_ann and "Example Bank plc" in to_firm and "Dear Ann Example" in to_ann
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in to_ann


def test_staff_see_what_needs_them_next_and_closed_cases_leave_the_queue_unless_asked_for(
    service: CaseService, clock: FixedClock
) -> None:
    walk = awaiting_determination(service, clock)
    closed = service.open_case(CASEWORKER, facts_data()).reference
    service.act(CASEWORKER, closed, "withdraw", fields={"reasons": "Ann withdrew it.", "on_behalf_of": "complainant"})
    fresh = service.open_case(CASEWORKER, facts_data()).reference
    ombudsman = signed_in(service, clock, "ombudsman").get("/cases").text
    to_do = tight(ombudsman).split("What needs you next")[1].split("</ul>")[0]
    assert f"{walk.reference}: Determine the complaint" in to_do
    assert fresh not in to_do  # a caseworker starts the jurisdiction check: not the ombudsman's to do
    caseworker = tight(signed_in(service, clock).get("/cases").text).split("What needs you next")[1].split("</ul>")[0]
    assert f"{fresh}: Start the jurisdiction check" in caseworker and walk.reference not in caseworker
    assert f'data-case="{closed}"' not in ombudsman
    assert f'<a class="govuk-link" href="/cases/{walk.reference}">{walk.reference}</a>' in ombudsman  # drawn, not shown
    with_closed = signed_in(service, clock).get("/cases?include_closed=1").text
    cases = re.findall(r'data-case="([^"]+)"', with_closed)
    # The open cases first (by their next time limit, those with none after), the closed one last.
    assert cases == [walk.reference, fresh, closed]
    assert "None" not in visible(with_closed)


def test_a_party_reads_only_its_own_copy_of_a_letter_whatever_it_asks_for(
    service: CaseService, clock: FixedClock
) -> None:
    walk = awaiting_determination(service, clock).determine()
    firm = signed_in(service, clock, "firm", frn="123456")
    own = firm.get(f"/cases/{walk.reference}/letters/determination?to=respondent")
    assert own.status_code == 200 and "Dear Ann Example" not in own.text
    assert firm.get(f"/cases/{walk.reference}/letters/determination?to=complainant").status_code == 404
    assert "letters/determination?to=" not in firm.get(f"/cases/{walk.reference}").text  # staff choose the copy
