"""``X-Forwarded-Proto`` is believed from a trusted proxy only, and HSTS is sent over HTTPS only.

The app runs with the default ``OMBUDSMAN_FORWARDED_ALLOW_IPS`` (loopback): a request from 127.0.0.1 is a proxy
on the same machine; one from 203.0.113.9 is any other client. A client that is not a trusted proxy and says
"https" in ``X-Forwarded-Proto`` gets neither a Secure cookie nor ``Strict-Transport-Security``; the trusted proxy
saying the same gets both; nothing over plain HTTP ever gets HSTS.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from ombudsman.api import create_app
from ombudsman.service import CaseService
from ombudsman.settings import Settings

PROXY = ("127.0.0.1", 41000)
STRANGER = ("203.0.113.9", 41000)
HTTPS_SAID = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}


def _sign_in_page(service: CaseService, client: tuple[str, int], headers: dict[str, str], base_url: str = "") -> dict:
    with TestClient(create_app(service), client=client, base_url=base_url or "http://testserver") as browser:
        answer = browser.get("/login", headers=headers)
    assert answer.status_code == 200
    return dict(answer.headers)


def test_a_forged_forwarded_proto_from_an_untrusted_client_changes_nothing(service: CaseService) -> None:
    headers = _sign_in_page(service, STRANGER, HTTPS_SAID)
    assert "Secure" not in headers["set-cookie"]
    assert "strict-transport-security" not in headers


def test_the_trusted_proxy_saying_https_makes_the_cookie_secure_and_adds_hsts(service: CaseService) -> None:
    headers = _sign_in_page(service, PROXY, HTTPS_SAID)
    assert "Secure" in headers["set-cookie"]
    assert headers["strict-transport-security"] == "max-age=31536000"


def test_plain_http_never_gets_hsts_and_https_to_the_service_itself_always_does(service: CaseService) -> None:
    plain = _sign_in_page(service, PROXY, {})
    assert "strict-transport-security" not in plain and "Secure" not in plain["set-cookie"]
    said_http = _sign_in_page(service, PROXY, {"X-Forwarded-Proto": "http"})
    assert "strict-transport-security" not in said_http
    direct = _sign_in_page(service, STRANGER, {}, base_url="https://testserver")
    assert direct["strict-transport-security"] == "max-age=31536000" and "Secure" in direct["set-cookie"]
    with TestClient(create_app(service), client=PROXY) as browser:  # the API's answers and errors too
        assert browser.get("/v1/health", headers=HTTPS_SAID).headers["strict-transport-security"]
        assert browser.get("/v1/cases", headers=HTTPS_SAID).headers["strict-transport-security"]


def test_no_proxy_is_trusted_when_the_setting_names_none(service: CaseService) -> None:
    service.settings = Settings(database_url=service.settings.database_url, forwarded_allow_ips="")
    headers = _sign_in_page(service, PROXY, HTTPS_SAID)
    assert "Secure" not in headers["set-cookie"]
    assert "strict-transport-security" not in headers
