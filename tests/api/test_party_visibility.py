"""A party reads only what the case view lets it read, wherever it reads it (DISP 3.5.9R(2), DISP 3.6.7R).

One case carries distinctive private values of each party: the complainant's contact details and personal
circumstances (given when the case was opened, then corrected with ``amend_facts``, so the audit trail holds both
the old and the new values), each party's representations given in confidence (the firm's returned, and each
party's still undecided) and each party's private reasons for a hearing. Then every route of the app, and every
page, is walked as the firm and as the complainant: the routes are read from the app itself, so a route added
later is walked too, and a route with a path parameter the walk cannot fill fails the test until it is taught.
No response may carry any of the other party's private values. Staff walking the same routes see every one of
them: so the values are where the walk looks, and the test can fail.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from starlette.routing import Mount, Route

from ombudsman.access import Actor
from ombudsman.api import create_app
from ombudsman.service import CaseService
from ombudsman.users import add_user
from ombudsman.views import event_details_for
from tests.api.conftest import FRN, bearer
from tests.conftest import CASEWORKER
from tests.factories import facts_data
from tests.web.test_pages import csrf_of
from workflows.table import Role

# --- the private values, each written nowhere else -----------------------------------------------------------

OLD_CONTACT = {
    "contact_email": "wilhelmina.oldaddress@quillfeather.example",
    "contact_phone": "07700 900417",
    "contact_address": "3 Marrowbone Yard, Thistlecombe, EX9 4QT",
    "needs": "Struggling after the bereavement of Osgood in March",
    "named_contact": "Cordelia Vantongeren (sister)",
}
NEW_CONTACT = {
    "contact_email": "wilhelmina.newaddress@zanzibarquay.example",
    "contact_phone": "07700 900862",
    "contact_address": "Flat 7, Larkspur Wharf, Penhallow, TR21 8ZX",
    "needs": "Calls only after noon because of dialysis at Penhallow clinic",
    "named_contact": "Barnaby Quillington (son)",
}
COMPLAINANT_IN_CONFIDENCE = "My lodger Ptolemy Haverstock-Nye overheard the adviser admit the quota scheme."
COMPLAINANT_HEARING_PRIVATE = "I cannot attend in public because of the Grimthorpe family court order."
FIRM_RETURNED = "Our internal audit ref AUD-QX-7731 found the Kestrel Lane branch sold outside policy."
FIRM_IN_CONFIDENCE = "Whistleblower report WB-ZETA-0094 names adviser Horatio Pennyworth-Blyth."
FIRM_HEARING_PRIVATE = "The Mallowfield remediation programme is not yet announced to the market."


def _pieces(values: dict[str, str]) -> list[str]:
    """Each value, and each part of an address as a letter or a page may set it out on its own line."""
    found: list[str] = []
    for value in values.values():
        found.append(value)
        found.extend(part.strip() for part in value.split(",") if len(part.strip()) > 3)
    return found


# What the firm must never read, wherever it looks.
KEPT_FROM_THE_FIRM = [
    *_pieces(OLD_CONTACT),
    *_pieces(NEW_CONTACT),
    COMPLAINANT_IN_CONFIDENCE,
    COMPLAINANT_HEARING_PRIVATE,
]
# The complainant's vulnerability and adjustments are a flag and a list: found by how a response would show them.
CIRCUMSTANCES_SHOWN = [
    re.compile(r'"vulnerable":true'),
    re.compile(r'"adjustments":\["'),
    re.compile(r'"complainant\.(vulnerable|adjustments)"'),
    re.compile(r"may be vulnerable|has asked for: large print"),
]
# What the complainant must never read.
KEPT_FROM_THE_COMPLAINANT = [FIRM_RETURNED, FIRM_IN_CONFIDENCE, FIRM_HEARING_PRIVATE]


# --- the case ------------------------------------------------------------------------------------------------


@dataclass
class Reader:
    """One audience: its bearer token for the API and a signed-in session for the pages, on one client."""

    name: str
    client: TestClient
    headers: dict[str, str]
    read: list[tuple[str, int, str]] = field(default_factory=list)  # (what was asked, status, body)

    def keep(self, what: str, response: Any) -> Any:
        self.read.append((what, response.status_code, response.text))
        return response

    def step(self, reference: str, kind: str, name: str, **fields: Any) -> dict[str, Any]:
        path = "transitions" if kind == "trigger" else "actions"
        response = self.keep(
            f"POST {path} {name}",
            self.client.post(f"/v1/cases/{reference}/{path}", json={kind: name, **fields}, headers=self.headers),
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body


def _reader(service: CaseService, app: FastAPI, name: str, role: Role, **bound: Any) -> Reader:
    token = add_user(service.engine, service.clock, name, role=role, **bound)
    client = TestClient(app)
    login = client.post("/login", data={"token": token, "csrf_token": csrf_of(client.get("/login").text)})
    assert login.status_code == 200, login.text  # signed in, and shown the work queue
    return Reader(name, client, bearer(token))


@dataclass
class World:
    app: FastAPI
    reference: str
    staff: Reader
    ombudsman: Reader
    firm: Reader
    complainant: Reader


@pytest.fixture
def world(service: CaseService) -> Iterator[World]:
    app = create_app(service)
    staff = _reader(service, app, "Priya Shah", Role.caseworker)
    ombudsman = _reader(service, app, "Daniel Okafor", Role.ombudsman)
    firm = _reader(service, app, "Example Bank complaints team", Role.firm, frn=FRN)
    opened = staff.client.post(
        "/v1/cases",
        json=facts_data(complainant={"name": "Wilhelmina Example", **OLD_CONTACT}),
        headers=staff.headers,
    )
    assert opened.status_code == 201, opened.text
    reference = opened.json()["reference"]
    complainant = _reader(service, app, "Wilhelmina Example", Role.complainant, cases=[reference])

    # The complainant's details corrected: the audit trail keeps the old values and the new.
    staff.step(
        reference,
        "action",
        "amend_facts",
        reasons="Corrected on the complainant's telephone call.",
        facts={"complainant": {**NEW_CONTACT, "vulnerable": True, "adjustments": ["large_print", "named_contact"]}},
    )
    staff.step(reference, "trigger", "start_jurisdiction_check")
    staff.step(reference, "trigger", "accept_jurisdiction", reasons="Every DISP 2 test passes.")

    # The firm's representations in confidence, returned; then more in confidence, and the complainant's, undecided.
    returned = firm.step(reference, "action", "make_representations", text=FIRM_RETURNED, confidential=True)
    staff.step(
        reference,
        "action",
        "decide_confidentiality",
        event_version=returned["version"],
        accept=False,
        reasons="This is evidence the complainant must be able to answer.",
    )
    firm.step(reference, "action", "make_representations", text=FIRM_IN_CONFIDENCE, confidential=True)
    complainant.step(reference, "action", "make_representations", text=COMPLAINANT_IN_CONFIDENCE, confidential=True)
    firm.step(reference, "action", "make_representations", text="The sale was explained in branch.")
    complainant.step(reference, "action", "make_representations", text="Nobody told me it was optional.")

    # Each party asks for a hearing, with reasons for holding it in private.
    firm.step(
        reference,
        "action",
        "request_hearing",
        issues="Whether the sale was suitable.",
        private_reasons=FIRM_HEARING_PRIVATE,
    )
    complainant.step(
        reference,
        "action",
        "request_hearing",
        issues="What the adviser told me.",
        private_reasons=COMPLAINANT_HEARING_PRIVATE,
    )
    staff.step(
        reference,
        "trigger",
        "issue_provisional_assessment",
        outcome="uphold",
        reasons="The policy was sold to someone who could never have claimed on it.",
        awards={"money": [{"head": "financial_loss", "amount": "4350.00"}]},
    )
    firm.step(reference, "trigger", "disagree", reasons="We think the sale was suitable.")
    ombudsman.step(reference, "trigger", "grant_hearing", private=True, reasons="Both parties gave good reasons.")
    ombudsman.step(reference, "trigger", "conclude_hearing")
    ombudsman.step(
        reference,
        "trigger",
        "determine",
        outcome="uphold",
        reasons="The policy was unsuitable. It is fair and reasonable to refund the premiums.",
        awards={"money": [{"head": "financial_loss", "amount": "4350.00"}]},
    )
    ombudsman.step(reference, "action", "approve_publication", reasons="Nothing in it identifies her.")
    yield World(app, reference, staff, ombudsman, firm, complainant)
    for reader in (staff, ombudsman, firm, complainant):
        reader.client.close()


# --- the walk ------------------------------------------------------------------------------------------------

# Routes the walk does not take: signing out would end the session the rest of the walk reads the pages with.
NOT_WALKED = {("POST", "/logout")}


def _choices(annotation: Any) -> list[str] | None:
    """Each value of an enumerated parameter (``kind``, ``format``, ``state``...), or None for any other type."""
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return [str(member.value) for member in candidate]
    return None


def _requests(app: FastAPI, reference: str) -> Iterator[tuple[str, str, dict[str, str]]]:
    """Every (method, path, query) the walk asks: each route with its path parameters filled from the case (each
    value of an enumerated one), then again with each value of each enumerated query parameter."""
    for context in iter_route_contexts(app.routes):
        route, path_template = context.original_route, str(context.path)
        if isinstance(route, Mount):  # the static assets: the same files for everyone
            continue
        assert isinstance(route, Route), f"the walk does not know how to take {route!r}: teach it"
        for method in sorted(context.methods or ()):
            if method == "HEAD" or (method, path_template) in NOT_WALKED:
                continue
            paths = [path_template]
            queries: list[dict[str, str]] = [{}]
            if isinstance(route, APIRoute):
                for parameter in route.dependant.path_params:
                    choices = _choices(parameter.field_info.annotation)
                    if parameter.name == "reference":
                        choices = [reference]
                    assert choices, f"the walk cannot fill {{{parameter.name}}} in {path_template}: teach it"
                    paths = [path.replace(f"{{{parameter.name}}}", value) for path in paths for value in choices]
                for parameter in route.dependant.query_params:
                    choices = _choices(parameter.field_info.annotation) or []
                    queries.extend({parameter.name: value} for value in choices)
            else:
                assert "{" not in path_template, f"the walk cannot fill the parameters of {path_template}: teach it"
            for path in paths:
                for query in queries:
                    yield method, path, query


def walk(world: World, reader: Reader) -> list[tuple[str, int, str]]:
    """Every route and page as ``reader``, with the answers to the steps it took: (what, status, body)."""
    csrf = csrf_of(reader.client.get("/cases").text)
    for method, path, query in _requests(world.app, world.reference):
        if method == "GET":
            response = reader.client.get(path, params=query, headers=reader.headers)
        elif path.startswith("/v1/"):
            response = reader.client.request(method, path, params=query, json={}, headers=reader.headers)
        else:  # a page's form, sent with the anti-forgery field and nothing else
            response = reader.client.request(method, path, params=query, data={"csrf_token": csrf})
        reader.keep(f"{method} {path} {query}", response)
    return reader.read


def _normalised(body: str) -> str:
    """The body as a reader would read it (entities undone) and with no space between JSON's parts."""
    return re.sub(r'"\s*:\s*', '":', html.unescape(body))


def leaks(read: list[tuple[str, int, str]], kept: list[str], shapes: list[re.Pattern[str]]) -> list[str]:
    found = []
    for what, _status, body in read:
        text = _normalised(body)
        found += [f"{what}: {value!r}" for value in kept if value in text]
        found += [f"{what}: {shape.pattern!r}" for shape in shapes if shape.search(text)]
    return found


def _ok(read: list[tuple[str, int, str]], what: str) -> str:
    bodies = [body for asked, status, body in read if asked.startswith(what) and status == 200]
    assert bodies, f"{what} was not read: the walk would prove nothing"
    return bodies[0]


# --- the tests -----------------------------------------------------------------------------------------------


def _everything(read: list[tuple[str, int, str]]) -> str:
    return "\n".join(_normalised(body) for _, _, body in read)


def test_staff_and_the_party_who_gave_them_read_every_private_value_so_the_walk_looks_where_they_are(
    world: World,
) -> None:
    by_staff = _everything(walk(world, world.staff))
    # What was returned is shown to nobody but the party who sent it (DISP 3.5.9R(2)).
    seen_by_staff = [*KEPT_FROM_THE_FIRM, *(value for value in KEPT_FROM_THE_COMPLAINANT if value != FIRM_RETURNED)]
    assert [value for value in seen_by_staff if value not in by_staff] == []
    assert [shape.pattern for shape in CIRCUMSTANCES_SHOWN if not shape.search(by_staff)] == []
    assert FIRM_RETURNED in _everything(walk(world, world.firm))


def test_the_firm_reads_nothing_of_the_complainants_private_details_on_any_route_or_page(world: World) -> None:
    read = walk(world, world.firm)
    reference = world.reference
    assert reference in _ok(read, f"GET /cases/{reference} ")  # the case page, with its history
    assert '"action":"amend_facts"' in _normalised(_ok(read, f"GET /v1/cases/{reference}/events "))
    _ok(read, f"GET /v1/cases/{reference}/letters/provisional_assessment ")
    _ok(read, f"GET /v1/determinations/{reference}/report ")
    assert leaks(read, KEPT_FROM_THE_FIRM, CIRCUMSTANCES_SHOWN) == []


def test_the_complainant_reads_nothing_the_firm_gave_in_confidence_on_any_route_or_page(world: World) -> None:
    read = walk(world, world.complainant)
    reference = world.reference
    assert reference in _ok(read, f"GET /cases/{reference} ")
    _ok(read, f"GET /v1/cases/{reference}/events ")
    _ok(read, f"GET /v1/cases/{reference}/letters/provisional_assessment {{'format': 'large_print'}}")
    assert leaks(read, KEPT_FROM_THE_COMPLAINANT, []) == []


def test_a_party_opens_only_the_letters_addressed_to_it(world: World) -> None:
    staff_view = world.staff.client.get(f"/v1/cases/{world.reference}", headers=world.staff.headers).json()
    sent = {(letter["kind"], letter["addressed_to"]) for letter in staff_view["letters"]}
    for reader, party in ((world.firm, "respondent"), (world.complainant, "complainant")):
        view = reader.client.get(f"/v1/cases/{world.reference}", headers=reader.headers).json()
        assert {letter["addressed_to"] for letter in view["letters"]} == {party}
        for kind in {kind for kind, _ in sent}:
            api = reader.client.get(f"/v1/cases/{world.reference}/letters/{kind}", headers=reader.headers)
            page = reader.client.get(f"/cases/{world.reference}/letters/{kind}")
            expected = 200 if (kind, party) in sent else 404
            assert (kind, api.status_code, page.status_code) == (kind, expected, expected)


def test_the_published_report_strikes_out_the_complainants_particulars_as_they_were_before_a_correction(
    service: CaseService,
) -> None:
    """DISP 3.6.7R: a determination's reasons may quote what the complainant's details were before staff
    corrected them (the audit trail keeps the old values); the published report strikes those out too."""
    app = create_app(service)
    staff = _reader(service, app, "Priya Shah", Role.caseworker)
    ombudsman = _reader(service, app, "Daniel Okafor", Role.ombudsman)
    opened = staff.client.post(
        "/v1/cases", json=facts_data(complainant={"name": "Ann Example", **OLD_CONTACT}), headers=staff.headers
    )
    reference = opened.json()["reference"]
    staff.step(reference, "action", "amend_facts", reasons="She moved house.", facts={"complainant": NEW_CONTACT})
    staff.step(reference, "trigger", "start_jurisdiction_check")
    staff.step(reference, "trigger", "accept_jurisdiction", reasons="Every DISP 2 test passes.")
    for party in ("complainant", "respondent"):
        staff.step(reference, "action", "make_representations", on_behalf_of=party, text="Our side of it.")
    staff.step(
        reference,
        "trigger",
        "issue_provisional_assessment",
        outcome="uphold",
        reasons="The policy was unsuitable.",
        awards={"money": [{"head": "financial_loss", "amount": "4350.00"}]},
    )
    staff.step(reference, "trigger", "disagree", on_behalf_of="respondent", reasons="The firm disagrees.")
    old = OLD_CONTACT
    ombudsman.step(
        reference,
        "trigger",
        "determine",
        outcome="uphold",
        reasons=(
            f"The adviser called {old['contact_phone']} and wrote to {old['contact_email']} at "
            f"{old['contact_address']}; Cordelia Vantongeren was told nothing. The new address is "
            f"{NEW_CONTACT['contact_address']}."
        ),
        awards={"money": [{"head": "financial_loss", "amount": "4350.00"}]},
    )
    ombudsman.step(reference, "action", "approve_publication", reasons="Anonymised.")
    report = TestClient(app).get(f"/v1/determinations/{reference}/report")
    assert report.status_code == 200, report.text
    reasons = report.json()["reasons"]
    assert "[redacted]" in reasons and "Penhallow" not in reasons  # the current particulars, as before
    assert [value for value in _pieces(OLD_CONTACT) if value in reasons] == []
    assert "Vantongeren" not in reasons
    for reader in (staff, ombudsman):
        reader.client.close()


def test_an_events_details_show_a_firm_only_the_complainants_facts_the_case_view_shows_it_in_either_shape() -> None:
    details = {
        "changes": {
            "complainant.name": {"old": "Ann Exampel", "new": "Ann Example"},
            "complainant.contact_phone": {"old": OLD_CONTACT["contact_phone"], "new": NEW_CONTACT["contact_phone"]},
            "complainant.shoe_size": {"old": 5, "new": 6},  # a fact nobody has allowed a firm to see yet
            "respondent.contact_email": {"old": None, "new": "complaints@bank.example"},
            "summary": {"old": None, "new": "Mis-sold"},
        },
        "complainant": {"name": "Ann Example", "kind": "consumer", "needs": OLD_CONTACT["needs"]},
        "party": "complainant",
    }
    firm = Actor("Example Bank complaints team", Role.firm, frn=FRN)
    assert event_details_for(firm, details) == {
        "changes": {
            "complainant.name": {"old": "Ann Exampel", "new": "Ann Example"},
            "respondent.contact_email": {"old": None, "new": "complaints@bank.example"},
            "summary": {"old": None, "new": "Mis-sold"},
        },
        "complainant": {"name": "Ann Example", "kind": "consumer"},
        "party": "complainant",
    }
    for reader in (CASEWORKER, Actor("Ann Example", Role.complainant, case_ids=frozenset({1}))):
        assert event_details_for(reader, details) == details
