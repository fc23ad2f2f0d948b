"""No page that may show personal data is kept by a browser or a proxy: every page route of ``ombudsman.web``, its
redirects and its problem pages say ``Cache-Control: no-store``; the stylesheet and the GOV.UK assets may be kept."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from httpx2 import Response

from ombudsman import web
from ombudsman.api import create_app
from ombudsman.clock import FixedClock
from ombudsman.service import CaseService
from ombudsman.users import add_user
from tests.conftest import CASEWORKER
from tests.factories import facts_data
from tests.web.test_pages import csrf_of, signed_in
from workflows.vocabulary import Role

EXTENSION = {"deadline": "information", "until": "2026-12-01", "reasons": "More time."}  # none is open: refused
KEPT = {"/stylesheets/govuk-frontend.min.css"}  # the pages' routes that hold no personal data


@pytest.fixture
def reference(service: CaseService, clock: FixedClock) -> str:
    clock.set(date(2026, 11, 2))
    return str(service.open_case(CASEWORKER, facts_data()).reference)


def assert_not_kept(response: Response) -> None:
    assert response.headers.get("cache-control") == "no-store", (response.request.url, response.status_code)


def page_routes() -> set[tuple[str, str]]:
    return {
        (method, route.path)
        for route in web.router.routes
        if isinstance(route, APIRoute) and route.path not in KEPT
        for method in route.methods
    }


def test_every_page_route_is_never_kept_signed_in_or_not(
    service: CaseService, clock: FixedClock, reference: str
) -> None:
    staff = signed_in(service, clock)
    anyone = TestClient(create_app(service))
    csrf = csrf_of(staff.get("/cases").text)
    asked: dict[tuple[str, str], list[Response]] = {
        ("GET", "/"): [staff.get("/"), anyone.get("/")],
        ("GET", "/login"): [anyone.get("/login")],
        ("GET", "/cases"): [staff.get("/cases"), anyone.get("/cases", follow_redirects=False)],
        ("GET", "/cases/{reference}"): [
            staff.get(f"/cases/{reference}"),
            staff.get("/cases/FOS-2026-999999"),  # a problem page
            anyone.get(f"/cases/{reference}", follow_redirects=False),
        ],
        ("GET", "/cases/{reference}/letters/{kind}"): [
            staff.get(f"/cases/{reference}/letters/acknowledgement"),
            anyone.get(f"/cases/{reference}/letters/acknowledgement", follow_redirects=False),
        ],
        ("GET", "/tools/jurisdiction"): [staff.get("/tools/jurisdiction", params={"complainant.name": "A"})],
        ("GET", "/tools/awards"): [staff.get("/tools/awards", params={"money.0.amount": "1"})],
        ("GET", "/register"): [staff.get("/register"), anyone.get("/register", follow_redirects=False)],
        ("GET", "/dashboard"): [staff.get("/dashboard"), anyone.get("/dashboard", follow_redirects=False)],
        ("POST", "/cases/{reference}/transitions"): [
            staff.post(
                f"/cases/{reference}/transitions",
                data={"csrf_token": csrf, "trigger": "start_jurisdiction_check", "version": "1"},
                follow_redirects=False,
            ),
            staff.post(f"/cases/{reference}/transitions", data={"csrf_token": "wrong"}),  # a 403 page
        ],
        ("POST", "/cases/{reference}/actions"): [
            staff.post(
                f"/cases/{reference}/actions",
                data={"csrf_token": csrf, "action": "extend_time_limit", "version": "2", **EXTENSION},
            ),  # refused: the case page again, with the problem
        ],
        ("POST", "/logout"): [
            staff.post("/logout", data={"csrf_token": csrf}, follow_redirects=False),
            anyone.post("/logout", follow_redirects=False),
        ],
    }
    asked[("POST", "/login")] = _signing_in(service, clock)
    assert set(asked) == page_routes(), "a page route this test does not ask for"
    for answers in asked.values():
        for answer in answers:
            assert_not_kept(answer)
    statuses = {answer.status_code for answers in asked.values() for answer in answers}
    assert {200, 303, 401, 403, 404, 409} <= statuses  # pages, redirects, and refusals of each kind


def _signing_in(service: CaseService, clock: FixedClock) -> list[Response]:
    """The login page's answers: a wrong token (401), a right one (the redirect that sets the session cookie)."""
    token = add_user(service.engine, clock, "Priya Shah", role=Role.caseworker)
    client = TestClient(create_app(service))
    wrong = client.post("/login", data={"token": "not-a-token", "csrf_token": csrf_of(client.get("/login").text)})
    right = client.post(
        "/login", data={"token": token, "csrf_token": csrf_of(client.get("/login").text)}, follow_redirects=False
    )
    assert (wrong.status_code, right.status_code) == (401, 303)
    return [wrong, right]


def test_the_stylesheet_and_the_assets_hold_no_personal_data_and_may_be_kept(service: CaseService) -> None:
    client = TestClient(create_app(service))
    paths = ["/stylesheets/govuk-frontend.min.css"]
    if (web.GOVUK / "assets").is_dir():
        paths.append("/assets/images/favicon.ico")
    for path in paths:
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert "no-store" not in answer.headers.get("cache-control", ""), path
