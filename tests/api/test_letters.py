"""Letters over HTTP: each party reads only what was addressed to it, as stored, and names are escaped."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from ombudsman import letters
from ombudsman.access import Actor
from ombudsman.db import transaction
from ombudsman.models import Letter
from tests.api.conftest import Api, assert_problem
from tests.conftest import CASEWORKER, OMBUDSMAN
from tests.walk import BIG_MONEY, FIRM
from workflows.table import Role

HOSTILE = "<script>alert(1)</script> O'Brien & Co"
ADDRESS = "1 <b>High</b> Street, Leeds & District"
EMAIL = "o'brien&co@example.org"  # one address alone, with two of the characters HTML escapes


def determined_case(api: Api, **complainant: object) -> tuple[str, Actor]:
    api.service.clock.set(date(2025, 9, 8))  # type: ignore[attr-defined]
    reference = api.open_case(complainant={"name": "Ann Example", **complainant})["reference"]
    service = api.service
    with transaction(service.engine) as session:
        case_id = session.exec(select(Letter.case_id)).first()
    assert case_id is not None
    me = Actor("complainant", Role.complainant, case_ids=frozenset({case_id}))
    service.act(CASEWORKER, reference, "start_jurisdiction_check")
    service.act(CASEWORKER, reference, "accept_jurisdiction", fields={"reasons": "Every test passes."})
    service.act(FIRM, reference, "make_representations", fields={"text": "It was explained."})
    service.act(me, reference, "make_representations", fields={"text": "It was not."})
    service.act(
        CASEWORKER, reference, "issue_provisional_assessment", fields={"outcome": "uphold", "reasons": "Unsuitable."}
    )
    service.act(FIRM, reference, "disagree", fields={"reasons": "We disagree."})
    name = str(complainant.get("name", "Ann Example"))
    service.act(
        OMBUDSMAN,
        reference,
        "determine",
        fields={
            "outcome": "uphold",
            "reasons": f"It is fair to put {name} back where they would have been. Write to {EMAIL}.",
            "accept_before": (service.clock.today() + timedelta(days=29)).isoformat(),
            "awards": BIG_MONEY,
        },
    )
    return reference, me


def test_each_party_reads_only_the_letters_addressed_to_it(api: Api) -> None:
    reference, _ = determined_case(api)
    complainant = api.complainant_of(reference)
    staff = api.client.get(f"/v1/cases/{reference}", headers=api.caseworker).json()["letters"]
    assert {(item["kind"], item["addressed_to"]) for item in staff} >= {
        ("acknowledgement", "complainant"),
        ("determination", "complainant"),
        ("determination", "respondent"),
    }
    firm = api.client.get(f"/v1/cases/{reference}", headers=api.firm).json()["letters"]
    assert firm and {item["addressed_to"] for item in firm} == {"respondent"}
    mine = api.client.get(f"/v1/cases/{reference}", headers=complainant).json()["letters"]
    assert mine and {item["addressed_to"] for item in mine} == {"complainant"}

    ack = api.client.get(f"/v1/cases/{reference}/letters/acknowledgement", headers=complainant)
    assert ack.status_code == 200 and ack.headers["content-type"].startswith("text/html")
    assert_problem(api.client.get(f"/v1/cases/{reference}/letters/acknowledgement", headers=api.firm), 404)
    assert_problem(api.client.get(f"/v1/cases/{reference}/letters/determination", headers=api.other_firm), 404)
    to_firm = api.client.get(f"/v1/cases/{reference}/letters/determination?format=text", headers=api.firm)
    assert to_firm.headers["content-type"].startswith("text/plain")
    assert "Dear Sir or Madam," in to_firm.text  # a firm is written to as its complaints team
    assert "Example Bank plc\nFirm reference number 123456" in to_firm.text
    for_staff = api.client.get(
        f"/v1/cases/{reference}/letters/determination?format=text&addressed_to=respondent", headers=api.caseworker
    )
    assert for_staff.text == to_firm.text
    assert_problem(api.client.get(f"/v1/cases/{reference}/letters/award_certificate", headers=api.caseworker), 404)
    assert_problem(api.client.get(f"/v1/cases/{reference}/letters/no_such_kind", headers=api.caseworker), 422)
    assert_problem(
        api.client.get(f"/v1/cases/{reference}/letters/acknowledgement?format=large_print", headers=api.caseworker), 404
    )
    assert_problem(api.client.get(f"/v1/cases/{reference}/letters/acknowledgement"), 401)


def test_a_letter_is_served_as_stored_and_never_rendered_again(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    reference, _ = determined_case(api, vulnerable=True)

    def refuse(*_: object) -> str:
        raise AssertionError("a stored letter was rendered again")

    monkeypatch.setattr(letters, "render", refuse)
    with transaction(api.service.engine) as session:
        stored = session.exec(
            select(Letter).where(Letter.kind == "determination", Letter.addressed_to == "complainant")
        ).one()
    for form, body in (("html", stored.html), ("text", stored.text), ("large_print", stored.large_print)):
        response = api.client.get(f"/v1/cases/{reference}/letters/determination?format={form}", headers=api.caseworker)
        assert response.status_code == 200 and response.text == body
    assert stored.large_print is not None and "18pt" in stored.large_print


def test_the_complainant_s_name_and_contact_details_are_escaped_and_left_out_of_the_published_report(
    api: Api,
) -> None:
    reference, _ = determined_case(
        api, name=HOSTILE, contact_address=ADDRESS, contact_email=EMAIL, contact_phone="07700 900123"
    )
    html = api.client.get(f"/v1/cases/{reference}/letters/acknowledgement", headers=api.caseworker).text
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; O&#39;Brien &amp; Co" in html
    assert "1 &lt;b&gt;High&lt;/b&gt; Street" in html and "Leeds &amp; District" in html
    assert "o&#39;brien&amp;co@example.org" in html
    text = api.client.get(f"/v1/cases/{reference}/letters/acknowledgement?format=text", headers=api.caseworker).text
    assert f"Dear {HOSTILE}," in text  # plain text is not HTML: the name as given

    api.service.act(OMBUDSMAN, reference, "approve_publication", fields={"reasons": "Anonymised."})
    report = api.client.get(f"/v1/determinations/{reference}/report")
    assert report.status_code == 200
    for particular in ("script", "O'Brien", "Brien", "High", "Leeds", EMAIL, "o'brien&co", "07700 900123"):
        assert particular not in report.text, particular
