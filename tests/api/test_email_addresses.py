"""An email address comes in as one address alone, and text without the characters that change its direction: the
API refuses anything else with 422 naming the field, when a case is opened and when its facts are corrected, and
writes nothing. A case stored before these checks is still read and corrected. On SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, select

from ombudsman.models import Letter, Party
from tests.api.conftest import Api, assert_problem, error_fields
from tests.factories import facts_data

RLO = "\u202e"  # right-to-left override: "Ann <RLO>elpmaxE" is shown as "Ann Example"

HOSTILE_ADDRESSES = [
    ("two addresses with a comma", "victim@example.org, eve@evil.example", "not a list (found a comma"),
    ("two addresses with a semicolon", "victim@example.org;eve@evil.example", "not a list (found a semicolon"),
    ("a display name", "Ann Example <ann@example.org>", "no name and no angle brackets"),
    ("a header after a line break", "ann@example.org\r\nBcc: eve@evil.example", "found a line break at position 16"),
    ("words", "not an address", "found a space at position 4"),
    ("no domain", "ann@", "There must be something after the @-sign."),
]


@pytest.mark.parametrize("party", ["complainant", "respondent"])
@pytest.mark.parametrize(("what", "address", "message"), HOSTILE_ADDRESSES, ids=[case[0] for case in HOSTILE_ADDRESSES])
def test_a_case_with_anything_but_one_address_alone_is_refused_naming_the_field_and_nothing_is_written(
    api: Api, party: str, what: str, address: str, message: str
) -> None:
    response = api.client.post(
        "/v1/cases", json=facts_data(**{party: {"contact_email": address}}), headers=api.caseworker
    )
    body = assert_problem(response, 422)
    assert body["errors"] == [{"field": f"{party}.contact_email", "message": body["errors"][0]["message"]}]
    assert message in body["errors"][0]["message"]
    assert api.case_count() == 0 and api.audit_count() == 0
    with Session(api.service.engine) as session:
        assert session.exec(select(Letter.id)).all() == []


def test_one_address_alone_is_taken_and_kept_as_given(api: Api) -> None:
    case = api.open_case(
        complainant={"contact_email": "Ann.Example@Example.ORG"},
        respondent={"contact_email": "complaints@bücher.example"},
    )
    assert case["parties"]["complainant"]["contact_email"] == "Ann.Example@Example.ORG"
    assert case["parties"]["respondent"]["contact_email"] == "complaints@bücher.example"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"complainant": {"name": f"Ann {RLO}elpmaxE"}}, "complainant.name"),
        ({"respondent": {"name": "Example Bank plc\u2067"}}, "respondent.name"),
        ({"complainant": {"contact_address": "1 High Street\u202a"}}, "complainant.contact_address"),
        ({"summary": f"Mis-sold {RLO}revoc"}, "summary"),
    ],
)
def test_text_with_a_character_that_changes_its_direction_is_refused_naming_the_field(
    api: Api, overrides: dict[str, Any], field: str
) -> None:
    body = assert_problem(api.client.post("/v1/cases", json=facts_data(**overrides), headers=api.caseworker), 422)
    assert error_fields(body) == [field]
    assert "must not contain characters that change the direction of the text" in body["detail"]
    assert api.case_count() == 0 and api.audit_count() == 0


def _amend(api: Api, reference: str, facts: dict[str, Any]) -> Any:
    return api.client.post(
        f"/v1/cases/{reference}/actions",
        json={"action": "amend_facts", "facts": facts, "reasons": "The complainant wrote with her address."},
        headers=api.caseworker,
    )


@pytest.mark.parametrize(("what", "address", "message"), HOSTILE_ADDRESSES, ids=[case[0] for case in HOSTILE_ADDRESSES])
def test_correcting_the_facts_to_anything_but_one_address_alone_is_refused_naming_the_field(
    api: Api, what: str, address: str, message: str
) -> None:
    reference = api.open_case()["reference"]
    body = assert_problem(_amend(api, reference, {"complainant": {"contact_email": address}}), 422)
    assert error_fields(body) == ["facts.complainant.contact_email"]
    assert message in body["detail"]
    assert api.audit_count(reference) == 1
    read = api.client.get(f"/v1/cases/{reference}", headers=api.caseworker).json()
    assert (read["version"], read["parties"]["complainant"]["contact_email"]) == (1, "ann@example.org")


def test_correcting_a_name_to_one_that_reads_as_another_is_refused_naming_the_field(api: Api) -> None:
    reference = api.open_case()["reference"]
    body = assert_problem(_amend(api, reference, {"respondent": {"name": f"Example {RLO}knaB"}}), 422)
    assert error_fields(body) == ["facts.respondent.name"]
    assert api.audit_count(reference) == 1


def _stored_before_these_checks(api: Api, reference: str, **details: str) -> None:
    """What a case opened before the checks may hold: written into its row as it was then stored."""
    with Session(api.service.engine) as session:
        complainant = session.exec(select(Party).where(Party.role == "complainant")).one()
        complainant.details = {**complainant.details, **details}
        complainant.name = details.get("name", complainant.name)
        session.add(complainant)
        session.commit()


def test_a_case_stored_with_a_list_of_addresses_is_still_read_and_is_corrected_by_giving_one(api: Api) -> None:
    reference = api.open_case()["reference"]
    _stored_before_these_checks(api, reference, contact_email="victim@example.org, eve@evil.example")

    read = api.client.get(f"/v1/cases/{reference}", headers=api.caseworker)
    assert read.status_code == 200, read.text
    assert read.json()["parties"]["complainant"]["contact_email"] == "victim@example.org, eve@evil.example"
    other = assert_problem(_amend(api, reference, {"summary": "Mis-sold cover, on two policies"}), 422)
    assert error_fields(other) == ["facts.complainant.contact_email"]  # a correction is checked as a new case is
    corrected = _amend(api, reference, {"complainant": {"contact_email": "victim@example.org"}})
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["parties"]["complainant"]["contact_email"] == "victim@example.org"


def test_a_case_stored_with_a_name_that_turns_around_is_still_read_and_steps_are_still_taken(api: Api) -> None:
    reference = api.open_case()["reference"]
    _stored_before_these_checks(api, reference, name=f"Ann {RLO}elpmaxE")

    assert api.client.get(f"/v1/cases/{reference}", headers=api.caseworker).status_code == 200
    moved = api.fire(reference, api.caseworker, "start_jurisdiction_check")
    assert moved["state"] == "jurisdiction_check"


def test_a_final_response_is_recorded_on_a_case_stored_with_a_list_of_addresses(api: Api) -> None:
    # Its date is checked against the other facts as they are stored, not refused for the address beside them.
    reference = api.open_case(final_response_sent_on=None)["reference"]
    _stored_before_these_checks(api, reference, contact_email="victim@example.org, eve@evil.example")
    recorded = api.client.post(
        f"/v1/cases/{reference}/actions",
        json={"action": "record_final_response", "sent_on": "2025-07-21", "mentioned_time_limit": True},
        headers=api.caseworker,
    )
    assert recorded.status_code == 200, recorded.text
    assert recorded.json()["facts"]["final_response_sent_on"] == "2025-07-21"
