"""The security headers on every kind of response, errors included, and a /docs page that needs nothing from
elsewhere: every asset it names is served by the service itself."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from httpx2 import Response

from ombudsman.api import create_app
from ombudsman.service import CaseService
from tests.api.conftest import Api, assert_problem

NO_REFERENCE = "FOS-2026-999999"


def assert_every_response_headers(response: Response) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def assert_not_kept(response: Response) -> None:
    assert response.headers["cache-control"] == "no-store"


def directives(response: Response) -> dict[str, str]:
    policy = response.headers["content-security-policy"]
    parts = [part.strip().split(maxsplit=1) for part in policy.split(";") if part.strip()]
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def assert_nothing_from_elsewhere(response: Response) -> dict[str, str]:
    """The policy of an HTML response: framing refused, and no source but the service itself (or data: images)."""
    assert response.headers["x-frame-options"] == "DENY"
    policy = directives(response)
    assert policy["default-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["base-uri"] == "'none'"
    for name, sources in policy.items():
        for source in sources.split():
            assert source in {"'self'", "'none'", "'unsafe-inline'", "data:"}, (name, source)
        if name == "script-src":
            assert sources == "'self'"
    return policy


def test_a_case_read_is_json_with_the_headers_and_never_kept(api: Api) -> None:
    reference = api.open_case()["reference"]
    response = api.client.get(f"/v1/cases/{reference}", headers=api.caseworker)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert_every_response_headers(response)
    assert_not_kept(response)
    listed = api.client.get("/v1/cases", headers=api.caseworker)
    assert listed.status_code == 200
    assert_not_kept(listed)
    events = api.client.get(f"/v1/cases/{reference}/events", headers=api.caseworker)
    assert events.status_code == 200
    assert_not_kept(events)


def test_a_401_has_the_headers(api: Api) -> None:
    response = api.client.get("/v1/cases")
    assert_problem(response, 401)
    assert_every_response_headers(response)
    assert_not_kept(response)


def test_a_404_has_the_headers(api: Api) -> None:
    response = api.client.get(f"/v1/cases/{NO_REFERENCE}", headers=api.caseworker)
    assert_problem(response, 404)
    assert_every_response_headers(response)
    assert_not_kept(response)
    unknown = api.client.get("/no-such-page")
    assert_problem(unknown, 404)
    assert_every_response_headers(unknown)


def test_a_422_has_the_headers(api: Api) -> None:
    response = api.client.post("/v1/cases", json={"complainant": "nobody"}, headers=api.caseworker)
    assert_problem(response, 422)
    assert_every_response_headers(response)
    assert_not_kept(response)


def test_a_413_from_the_body_limit_has_the_headers(api: Api) -> None:
    body = b'{"padding": "' + b"x" * 1_100_000 + b'"}'
    response = api.client.post(
        "/v1/cases", content=body, headers={**api.caseworker, "Content-Type": "application/json"}
    )
    assert_problem(response, 413)
    assert_every_response_headers(response)
    assert_not_kept(response)


def test_a_500_from_the_last_resort_handler_has_the_headers(service: CaseService) -> None:
    app = create_app(service)

    @app.get("/v1/test-only-failure")
    def fail() -> None:
        raise RuntimeError("a failure the test provokes")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/v1/test-only-failure")
    assert_problem(response, 500)
    assert_every_response_headers(response)
    assert_not_kept(response)


def test_health_and_the_documentation_hold_no_personal_data_and_may_be_kept(api: Api) -> None:
    for path in ("/v1/health", "/openapi.json", "/docs", "/docs/assets/swagger-ui.css"):
        response = api.client.get(path)
        assert response.status_code == 200, path
        assert_every_response_headers(response)
        assert "no-store" not in response.headers.get("cache-control", ""), path


def test_a_letter_is_html_that_may_run_no_script_and_load_nothing(api: Api) -> None:
    reference = api.open_case()["reference"]
    response = api.client.get(f"/v1/cases/{reference}/letters/acknowledgement", headers=api.caseworker)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "<style>" in response.text  # the letter's own styles, as stored, which its policy lets apply
    assert_every_response_headers(response)
    assert_not_kept(response)
    policy = assert_nothing_from_elsewhere(response)
    assert "script-src" not in policy  # so default-src 'none' forbids every script
    assert policy["style-src"] == "'unsafe-inline'"
    assert "connect-src" not in policy and "font-src" not in policy


def test_json_responses_carry_no_html_policy(api: Api) -> None:
    response = api.client.get("/v1/health")
    assert "x-frame-options" not in response.headers
    assert "content-security-policy" not in response.headers


def test_the_docs_page_allows_scripts_and_styles_from_the_service_only(api: Api) -> None:
    response = api.client.get("/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert_every_response_headers(response)
    policy = assert_nothing_from_elsewhere(response)
    assert policy["style-src"] == "'self'"
    assert policy["connect-src"] == "'self'"
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert "'unsafe-eval'" not in response.headers["content-security-policy"]


def test_the_docs_page_names_only_assets_the_service_serves_itself(api: Api) -> None:
    page = api.client.get("/docs").text
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "an inline script"
    assert not re.search(r"\sstyle=", page) and "<style" not in page, "an inline style"
    urls = re.findall(r"""\s(?:src|href)="([^"]+)\"""", page)
    expected = {
        ".js": "text/javascript",
        ".css": "text/css",
        ".png": "image/png",
    }
    assert len(urls) == 4, urls  # the icon, the style sheet, Swagger UI's bundle and ours that starts it
    for url in urls:
        assert url.startswith("/docs/assets/"), url
        asset = api.client.get(url)
        assert asset.status_code == 200, url
        wanted = next(kind for suffix, kind in expected.items() if url.endswith(suffix))
        assert asset.headers["content-type"].split(";")[0] == wanted, url
        assert_every_response_headers(asset)
        assert "content-security-policy" not in asset.headers
        assert len(asset.content) > 0
    assert 'data-openapi-url="/openapi.json"' in page


def test_the_docs_route_and_its_assets_are_not_in_the_openapi_document(api: Api) -> None:
    paths = api.client.get("/openapi.json").json()["paths"]
    assert not [path for path in paths if path.startswith("/docs")]
