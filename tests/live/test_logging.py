"""The server's own log, as a deployment writes it: a failed request appears once, with its traceback and its
request id, and nothing personal. On SQLite and PostgreSQL, through ``ombudsman serve`` (uvicorn) itself, which
would otherwise log the same traceback a second time ("Exception in ASGI application")."""

from __future__ import annotations

from sqlalchemy import text

from ombudsman.clock import SystemClock
from ombudsman.db import make_engine
from tests.live.conftest import Live
from tests.live.server import case_body

SECRETS = ("Wilhelmina Personal-Data", "wilhelmina@example.org", "07700 900456", "3 Private Lane")


def test_a_failed_request_is_logged_once_with_its_id_and_nothing_personal(live: Live) -> None:
    engine = make_engine(live.server.database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP TABLE letters"))  # a real fault, met in the middle of opening a case
    finally:
        engine.dispose()
    body = case_body(SystemClock().today(), complainant=SECRETS[0])
    body["complainant"] = {
        **body["complainant"],
        "contact_email": SECRETS[1],
        "contact_phone": SECRETS[2],
        "contact_address": f"{SECRETS[3]}, York",
    }
    with live.server.client(live.caseworker) as client:
        response = client.post("/v1/cases", json=body)
    assert response.status_code == 500, response.text
    request_id = response.headers["x-request-id"]
    assert response.json()["request_id"] == request_id
    live.server.log_tail()  # waits (bounded) for the log to stop growing: the traceback lands as the answer leaves
    log = live.server.log_text()
    assert log.count(f"request {request_id} failed: POST /v1/cases") == 1, log
    assert log.count("Traceback (most recent call last)") >= 1
    assert "Exception in ASGI application" not in log and "NoneType: None" not in log, log
    for secret in SECRETS:
        assert secret not in log, secret
