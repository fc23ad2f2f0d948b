"""The pages take an email address and text as the API does, and show text stored before the checks safely: a
character that changes the direction of text is shown as U+FFFD, so a name cannot read as another (both databases)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from ombudsman.clock import FixedClock
from ombudsman.models import Case, Letter, Party
from ombudsman.queries import audit_count
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER
from tests.factories import facts_data
from tests.web.test_pages import csrf_of, signed_in

RLO = "\u202e"  # right-to-left override: "Ann <RLO>elpmaxE" is shown as "Ann Example"


def _opened(service: CaseService, clock: FixedClock) -> str:
    clock.set(date(2026, 11, 2))
    return str(service.open_case(CASEWORKER, facts_data()).reference)


def test_the_form_correcting_the_facts_refuses_a_list_of_addresses_saying_why_and_keeps_what_was_typed(
    service: CaseService, clock: FixedClock
) -> None:
    reference = _opened(service, clock)
    client = signed_in(service, clock)
    page = client.get(f"/cases/{reference}")
    typed = "victim@example.org, eve@evil.example"
    refused = client.post(
        f"/cases/{reference}/actions",
        data={
            "csrf_token": csrf_of(page.text),
            "action": "amend_facts",
            "version": "1",
            "facts.complainant.contact_email": typed,
            "reasons": "She wrote with her address.",
        },
    )
    assert refused.status_code == 422
    assert "There is a problem" in refused.text
    assert "Their email address: must be one email address, not a list (found a comma" in refused.text
    assert "victim@example.org, eve@evil.example" in refused.text and "She wrote with her address." in refused.text
    with Session(service.engine) as session:
        assert audit_count(session, reference) == 1


def test_a_name_stored_before_the_check_is_shown_with_its_direction_character_made_visible(
    service: CaseService, clock: FixedClock
) -> None:
    reference = _opened(service, clock)
    with Session(service.engine) as session:  # as a case opened before the check may hold it
        complainant = session.exec(select(Party).where(Party.role == "complainant")).one()
        complainant.name = f"Ann {RLO}elpmaxE"
        complainant.details = {**complainant.details, "name": complainant.name}
        case = session.exec(select(Case)).one()
        case.facts = {**case.facts, "summary": f"Mis-sold {RLO}revoc"}
        session.add_all([complainant, case])
        session.commit()
    client = signed_in(service, clock)

    for path in (f"/cases/{reference}", "/cases"):
        page = client.get(path)
        assert page.status_code == 200, page.text
        assert RLO not in page.text, path
        assert "Ann \ufffdelpmaxE" in page.text, path
    assert "Mis-sold \ufffdrevoc" in client.get(f"/cases/{reference}").text  # through the summary list's macro


def test_a_letter_made_from_a_name_stored_before_the_check_or_sent_before_it_shows_the_character_made_visible(
    service: CaseService, clock: FixedClock
) -> None:
    reference = _opened(service, clock)
    with Session(service.engine) as session:  # as a case opened, and a letter sent, before the check
        complainant = session.exec(select(Party).where(Party.role == "complainant")).one()
        complainant.name = f"Ann {RLO}elpmaxE"
        complainant.details = {**complainant.details, "name": complainant.name}
        acknowledgement = session.exec(select(Letter)).one()
        acknowledgement.html = acknowledgement.html.replace("Ann Example", f"Ann {RLO}elpmaxE")
        session.add_all([complainant, acknowledgement])
        session.commit()
    service.act(CASEWORKER, reference, "start_jurisdiction_check")
    service.act(CASEWORKER, reference, "accept_jurisdiction", fields={"reasons": "Every DISP 2 test passes."})

    with Session(service.engine) as session:
        decision = session.exec(
            select(Letter).where(Letter.kind == "jurisdiction_decision", Letter.addressed_to == "complainant")
        ).one()
        assert RLO not in decision.text and RLO not in decision.html
        assert "Ann \ufffdelpmaxE" in decision.text
    client = signed_in(service, clock)
    for kind in ("acknowledgement", "jurisdiction_decision"):
        page = client.get(f"/cases/{reference}/letters/{kind}")
        assert page.status_code == 200, page.text
        assert RLO not in page.text and "Ann \ufffdelpmaxE" in page.text, kind
