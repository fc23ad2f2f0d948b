"""What one account can make the service store and send: each limit at its setting is accepted, one over refused.

The settings are set low here so each test is quick: three representations a party a case of at most 100
characters, two hearing requests of at most 50, five cases a page, bodies of 10,000 bytes. Over the real app and
service, on SQLite and PostgreSQL; a refusal writes nothing (the audit count stays as it was).
"""

from __future__ import annotations

from typing import Any

import pytest

from ombudsman.settings import Settings
from tests.api.conftest import Api, assert_problem, error_fields

PER_PARTY, CHARACTERS = 3, 100
HEARINGS, HEARING_CHARACTERS = 2, 50
PAGE_MOST, BODY_BYTES = 5, 10_000


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        representations_per_party=PER_PARTY,
        representations_characters=CHARACTERS,
        hearing_requests_per_party=HEARINGS,
        hearing_requests_characters=HEARING_CHARACTERS,
        list_page_most=PAGE_MOST,
        request_body_bytes=BODY_BYTES,
    )


def _in_investigation(api: Api) -> str:
    reference: str = api.open_case()["reference"]
    api.fire(reference, api.caseworker, "start_jurisdiction_check")
    api.fire(reference, api.caseworker, "accept_jurisdiction", reasons="Every DISP 2 test passes.")
    return reference


def _represent(api: Api, reference: str, headers: dict[str, str], text: str) -> Any:
    return api.client.post(
        f"/v1/cases/{reference}/actions", json={"action": "make_representations", "text": text}, headers=headers
    )


def test_a_party_may_make_as_many_representations_as_the_setting_allows_and_no_more(api: Api) -> None:
    reference = _in_investigation(api)
    complainant = api.complainant_of(reference)
    for number in range(PER_PARTY):
        assert _represent(api, reference, complainant, f"Point {number}.").status_code == 200
    before = api.audit_count(reference)
    refused = assert_problem(_represent(api, reference, complainant, "One more."), 409)
    assert refused["detail"] == (
        f"The complainant has made {PER_PARTY} representations on this case, as many as one party may make: "
        "write to the caseworker about anything more."
    )
    assert api.audit_count(reference) == before
    # Staff acting for the complainant are held to the complainant's count; the other party has its own.
    acting = {"action": "make_representations", "text": "For them.", "on_behalf_of": "complainant"}
    response = api.client.post(f"/v1/cases/{reference}/actions", json=acting, headers=api.caseworker)
    assert_problem(response, 409)
    assert _represent(api, reference, api.firm, "The bank's view.").status_code == 200
    # Another case is counted afresh.
    other = _in_investigation(api)
    assert _represent(api, other, api.complainant_of(other, "Bea Example"), "Point.").status_code == 200


def test_a_representation_as_long_as_the_setting_allows_is_taken_and_one_character_more_is_refused(
    api: Api,
) -> None:
    reference = _in_investigation(api)
    complainant = api.complainant_of(reference)
    assert _represent(api, reference, complainant, "é" * CHARACTERS).status_code == 200
    before = api.audit_count(reference)
    body = assert_problem(_represent(api, reference, complainant, "é" * (CHARACTERS + 1)), 422)
    assert error_fields(body) == ["text"]
    assert (
        body["errors"][0]["message"]
        == f"is {CHARACTERS + 1} characters long, and at most {CHARACTERS} are taken: shorten it"
    )
    assert api.audit_count(reference) == before


def _request_hearing(api: Api, reference: str, headers: dict[str, str], **fields: str) -> Any:
    return api.client.post(
        f"/v1/cases/{reference}/actions", json={"action": "request_hearing", **fields}, headers=headers
    )


def test_hearing_requests_are_limited_by_count_and_by_each_text_s_length(api: Api) -> None:
    reference = _in_investigation(api)
    complainant = api.complainant_of(reference)
    long_reasons = {"issues": "Hear me.", "private_reasons": "x" * (HEARING_CHARACTERS + 1)}
    assert error_fields(assert_problem(_request_hearing(api, reference, complainant, **long_reasons), 422)) == [
        "private_reasons"
    ]
    for _ in range(HEARINGS):
        answer = _request_hearing(api, reference, complainant, issues="i" * HEARING_CHARACTERS)
        assert answer.status_code == 200, answer.text
        api.act(reference, api.caseworker, "refuse_hearing", reasons="The file is enough.")
    before = api.audit_count(reference)
    refused = assert_problem(_request_hearing(api, reference, complainant, issues="Once more."), 409)
    assert f"has made {HEARINGS} hearing requests on this case" in refused["detail"]
    assert api.audit_count(reference) == before


def test_the_list_gives_as_many_cases_a_page_as_the_setting_allows_and_refuses_more(api: Api) -> None:
    for _ in range(PAGE_MOST + 1):
        api.open_case()
    page = api.client.get(f"/v1/cases?limit={PAGE_MOST}", headers=api.caseworker)
    assert page.status_code == 200 and len(page.json()["items"]) == PAGE_MOST
    body = assert_problem(api.client.get(f"/v1/cases?limit={PAGE_MOST + 1}", headers=api.caseworker), 422)
    assert error_fields(body) == ["limit"]
    assert f"at most {PAGE_MOST} cases" in body["detail"]


def _body_of(size: int) -> bytes:
    """A JSON object of exactly ``size`` bytes (not a valid step: what matters is whether it is read)."""
    shell = b'{"action": "make_representations", "text": ""}'
    return shell[:-2] + b"x" * (size - len(shell)) + shell[-2:]


def test_a_body_at_the_setting_is_read_and_one_byte_more_is_refused_before_it_is(api: Api) -> None:
    reference = _in_investigation(api)
    headers = {**api.caseworker, "Content-Type": "application/json"}
    at_limit = api.client.post(f"/v1/cases/{reference}/actions", content=_body_of(BODY_BYTES), headers=headers)
    assert at_limit.status_code == 422  # read, and judged: the text is too long for the setting
    assert error_fields(at_limit.json()) == ["text"]
    over = api.client.post(f"/v1/cases/{reference}/actions", content=_body_of(BODY_BYTES + 1), headers=headers)
    assert_problem(over, 413)
    assert f"larger than {BODY_BYTES:,} bytes" in over.json()["detail"]


def test_the_sign_in_form_is_held_to_a_few_kilobytes(api: Api) -> None:
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    small = b"token=" + b"x" * (16_384 - len(b"token=&csrf_token=")) + b"&csrf_token="
    assert len(small) == 16_384
    assert api.client.post("/login", content=small, headers=form).status_code == 403  # read: no anti-forgery cookie
    assert api.client.post("/login", content=small + b"x", headers=form).status_code == 413
