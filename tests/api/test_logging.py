"""Nothing personal goes into a log: a failed request is logged once, with its traceback and its request id.

The database is broken for real (a table dropped, a constraint that refuses the complainant's row), so the
failure is the one a production server would meet, with the complainant's details in the statement's
parameters and, on PostgreSQL, in the error's own "Failing row contains (...)" detail. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from tests.api.conftest import Api, assert_problem
from tests.factories import facts_data

PERSONAL = {
    "name": "Zofia Kowalczyk-Personal",
    "contact_email": "zofia.personal@example.org",
    "contact_phone": "07700 900999",
    "contact_address": "7 Secret Gardens, Harrogate HG1 2AB",
    "needs": "Hard of hearing",
}
SECRETS = ("Kowalczyk", "zofia.personal", "900999", "Secret Gardens", "HG1 2AB", "Hard of hearing")


def _failed_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.levelno >= logging.ERROR]


def _open_with_personal_details(api: Api) -> tuple[dict[str, object], dict[str, str]]:
    response = api.client.post("/v1/cases", json=facts_data(complainant=PERSONAL), headers=api.caseworker)
    body = assert_problem(response, 500)
    return body, dict(response.headers)


def _assert_logged_once_without_personal_data(caplog: pytest.LogCaptureFixture, request_id: str) -> str:
    [record] = _failed_records(caplog)
    logged = caplog.text
    assert request_id in record.getMessage()
    assert "Traceback (most recent call last)" in logged
    assert "NoneType: None" not in logged
    for secret in SECRETS:
        assert secret not in logged, secret
    return logged


def test_a_database_failure_is_logged_once_with_its_request_id_and_no_parameters(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    with api.service.engine.begin() as connection:
        connection.execute(text("DROP TABLE letters"))
    caplog.set_level(logging.INFO)
    body, headers = _open_with_personal_details(api)
    request_id = headers["x-request-id"]
    assert body["request_id"] == request_id and request_id in str(body["detail"])
    logged = _assert_logged_once_without_personal_data(caplog, request_id)
    assert "INSERT INTO letters" in logged  # the statement is there to debug with; its values are not
    assert api.case_count() == 0  # and nothing was written


def test_a_refused_row_is_logged_without_the_row_the_database_quotes(
    api: Api, caplog: pytest.LogCaptureFixture, database_url: str
) -> None:
    with api.service.engine.begin() as connection:
        if database_url.startswith("postgresql"):
            # PostgreSQL quotes the whole refused row in the error: "Failing row contains (..., Zofia ...)".
            connection.execute(text("ALTER TABLE parties ADD CONSTRAINT no_new_parties CHECK (id < 0)"))
        else:
            connection.execute(
                text("CREATE TRIGGER no_new_parties BEFORE INSERT ON parties BEGIN SELECT RAISE(ABORT, 'no'); END")
            )
    caplog.set_level(logging.INFO)
    _, headers = _open_with_personal_details(api)
    _assert_logged_once_without_personal_data(caplog, headers["x-request-id"])
    assert api.case_count() == 0


def test_every_answer_carries_a_request_id_and_a_sound_one_given_is_kept(api: Api) -> None:
    fresh = api.client.get("/v1/health")
    kept = api.client.get("/v1/cases", headers={**api.caseworker, "X-Request-ID": "support-ticket-4711"})
    forged = api.client.get("/v1/cases", headers={**api.caseworker, "X-Request-ID": "bad id with spaces"})
    assert len(fresh.headers["x-request-id"]) == 32
    assert kept.headers["x-request-id"] == "support-ticket-4711"
    assert forged.headers["x-request-id"] != "bad id with spaces"
