"""Tokens that expire and can be revoked: in the users module on SQLite and PostgreSQL, and over HTTP.

An expired or revoked token must be refused exactly as an unknown one is, and the token itself is never stored
nor listed: only its SHA-256 hash is kept.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import SQLModel

from ombudsman.clock import FixedClock
from ombudsman.errors import InvalidInput, NotFound
from ombudsman.service import CaseService
from ombudsman.users import UserRow, add_user, authenticate, list_users, revoke_user, token_hash
from tests.api.conftest import Api, assert_problem, bearer, error_fields
from tests.conftest import CASEWORKER
from tests.factories import facts_data
from workflows.table import Role


def _only(engine: Engine) -> UserRow:
    [row] = list_users(engine)
    return row


def _dump(engine: Engine) -> list[tuple[str, str, Any]]:
    """Every value in every column of every table, as (table, column, value)."""
    found = []
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for row in connection.execute(table.select()).mappings():
                found.extend((table.name, column, value) for column, value in row.items())
    return found


# --- expiry ------------------------------------------------------------------------------------------------


def test_a_token_works_to_its_last_moment_and_is_refused_from_the_instant_it_expires(
    engine: Engine, clock: FixedClock
) -> None:
    made = clock.now()
    token = add_user(engine, clock, "Priya Shah", role=Role.caseworker, expires_in_days=30)
    expires_at = _only(engine).expires_at
    assert expires_at == made + timedelta(days=30)
    assert authenticate(engine, token, made) is not None
    clock.set(expires_at - timedelta(microseconds=1))
    actor = authenticate(engine, token, clock.now())
    assert actor is not None and actor.name == "Priya Shah"
    clock.set(expires_at)
    assert authenticate(engine, token, clock.now()) is None
    clock.advance(days=1)
    assert authenticate(engine, token, clock.now()) is None


def test_a_token_lasts_ninety_days_unless_told_otherwise(engine: Engine, clock: FixedClock) -> None:
    token = add_user(engine, clock, "Daniel Okafor", role=Role.ombudsman)
    assert _only(engine).expires_at == clock.now() + timedelta(days=90)
    clock.advance(days=89)
    assert authenticate(engine, token, clock.now()) is not None
    clock.advance(days=1)
    assert authenticate(engine, token, clock.now()) is None


@pytest.mark.parametrize("days", [0, -1, 3651, 100_000])
def test_an_expiry_outside_one_day_to_ten_years_is_refused_and_nothing_is_written(
    engine: Engine, clock: FixedClock, days: int
) -> None:
    with pytest.raises(InvalidInput) as refused:
        add_user(engine, clock, "Priya Shah", role=Role.caseworker, expires_in_days=days)
    assert refused.value.errors == [{"field": "expires_in", "message": f"must be from 1 to 3650 days, not {days}"}]
    assert list_users(engine) == []


@pytest.mark.parametrize("days", [1, 3650])
def test_the_shortest_and_longest_expiries_are_taken(engine: Engine, clock: FixedClock, days: int) -> None:
    token = add_user(engine, clock, "Priya Shah", role=Role.caseworker, expires_in_days=days)
    assert _only(engine).expires_at == clock.now() + timedelta(days=days)
    assert authenticate(engine, token, clock.now()) is not None


# --- revocation ---------------------------------------------------------------------------------------------


def test_a_revoked_token_is_refused_at_once_and_no_one_else_s_is(engine: Engine, clock: FixedClock) -> None:
    token = add_user(engine, clock, "Priya Shah", role=Role.caseworker)
    other = add_user(engine, clock, "Daniel Okafor", role=Role.ombudsman)
    assert authenticate(engine, token, clock.now()) is not None
    revoked = revoke_user(engine, clock, "Priya Shah")
    assert revoked.name == "Priya Shah" and revoked.revoked_at == clock.now()
    assert authenticate(engine, token, clock.now()) is None
    clock.set(clock.now() - timedelta(days=1))  # revoked is revoked, whatever the clock says
    assert authenticate(engine, token, clock.now()) is None
    assert authenticate(engine, other, clock.now()) is not None
    assert [row.revoked_at is None for row in list_users(engine)] == [False, True]


def test_a_user_is_revoked_by_id_and_revoking_again_keeps_the_first_time(engine: Engine, clock: FixedClock) -> None:
    add_user(engine, clock, "Priya Shah", role=Role.caseworker)
    token = add_user(engine, clock, "Daniel Okafor", role=Role.ombudsman)
    user_id = list_users(engine)[1].id
    first = revoke_user(engine, clock, str(user_id))
    assert first.name == "Daniel Okafor" and first.revoked_at == clock.now()
    assert authenticate(engine, token, clock.now()) is None
    clock.advance(days=3)
    again = revoke_user(engine, clock, str(user_id))
    assert again.revoked_at == first.revoked_at


def test_a_shared_name_is_refused_with_the_ids_and_nobody_is_revoked(engine: Engine, clock: FixedClock) -> None:
    add_user(engine, clock, "Sam Jones", role=Role.caseworker)
    add_user(engine, clock, "Sam Jones", role=Role.firm, frn="123456")
    first, second = (row.id for row in list_users(engine))
    with pytest.raises(InvalidInput) as refused:
        revoke_user(engine, clock, "Sam Jones")
    assert error_fields(refused.value.as_dict()) == ["user"]
    assert f"by id: {first} (caseworker), {second} (firm)" in refused.value.detail
    assert all(row.revoked_at is None for row in list_users(engine))
    assert revoke_user(engine, clock, str(second)).role is Role.firm


def test_a_user_revoked_and_added_again_is_revoked_by_name_without_ambiguity(engine: Engine, clock: FixedClock) -> None:
    leaked = add_user(engine, clock, "Priya Shah", role=Role.caseworker)
    revoke_user(engine, clock, "Priya Shah")
    clock.advance(days=1)
    fresh = add_user(engine, clock, "Priya Shah", role=Role.caseworker)
    assert authenticate(engine, fresh, clock.now()) is not None
    revoked = revoke_user(engine, clock, "Priya Shah")
    assert revoked.id == list_users(engine)[1].id and revoked.revoked_at == clock.now()
    assert authenticate(engine, fresh, clock.now()) is None and authenticate(engine, leaked, clock.now()) is None
    with pytest.raises(InvalidInput):  # both revoked now: the name is shared again
        revoke_user(engine, clock, "Priya Shah")


@pytest.mark.parametrize("who", ["Nobody", "sam jones", "99", "99999999999999999999"])
def test_an_unknown_name_or_id_is_refused(engine: Engine, clock: FixedClock, who: str) -> None:
    add_user(engine, clock, "Sam Jones", role=Role.caseworker)
    with pytest.raises(NotFound) as refused:
        revoke_user(engine, clock, who)
    assert who in refused.value.detail
    assert _only(engine).revoked_at is None


def test_a_number_is_always_an_id_so_every_user_can_be_revoked(engine: Engine, clock: FixedClock) -> None:
    add_user(engine, clock, "Priya Shah", role=Role.caseworker)
    numbered = add_user(engine, clock, "1", role=Role.ombudsman)  # a name that reads as the first user's id
    assert revoke_user(engine, clock, "1").name == "Priya Shah"
    assert authenticate(engine, numbered, clock.now()) is not None
    assert revoke_user(engine, clock, str(list_users(engine)[1].id)).name == "1"


# --- what is stored and what is listed ----------------------------------------------------------------------


def test_only_the_sha256_hash_is_stored_and_the_token_appears_nowhere_in_the_database(
    service: CaseService, engine: Engine, clock: FixedClock
) -> None:
    reference = service.open_case(CASEWORKER, facts_data()).reference
    tokens = [
        add_user(engine, clock, "Priya Shah", role=Role.caseworker),
        add_user(engine, clock, "Example Bank", role=Role.firm, frn="123456"),
        add_user(engine, clock, "Ann Example", role=Role.complainant, cases=[reference]),
    ]
    revoke_user(engine, clock, "Priya Shah")
    values = _dump(engine)
    hashes = [value for table, column, value in values if (table, column) == ("users", "token_hash")]
    assert sorted(hashes) == sorted(token_hash(token) for token in tokens)
    assert all(re.fullmatch(r"[0-9a-f]{64}", stored) for stored in hashes)
    for token in tokens:
        assert not [(table, column) for table, column, value in values if token in str(value)]


def test_the_list_shows_who_and_until_when_but_never_a_token_or_its_hash(
    service: CaseService, engine: Engine, clock: FixedClock
) -> None:
    reference = service.open_case(CASEWORKER, facts_data()).reference
    tokens = [
        add_user(engine, clock, "Example Bank", role=Role.firm, frn="123456", expires_in_days=7),
        add_user(engine, clock, "Ann Example", role=Role.complainant, cases=[reference, reference]),
    ]
    rows = list_users(engine)
    assert {field.name for field in dataclasses.fields(UserRow)} == {
        "id",
        "name",
        "role",
        "frn",
        "cases",
        "expires_at",
        "revoked_at",
    }
    firm, complainant = rows
    assert (firm.name, firm.role, firm.frn, firm.cases) == ("Example Bank", Role.firm, "123456", ())
    assert firm.expires_at == clock.now() + timedelta(days=7) and firm.revoked_at is None
    assert (complainant.role, complainant.frn, complainant.cases) == (Role.complainant, None, (reference,))
    shown = repr(rows)
    for token in tokens:
        assert token not in shown and token_hash(token) not in shown


# --- names and firm reference numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("", "must not be blank"),
        ("   ", "must not be blank"),
        ("x" * 201, "at most 200 characters"),
        ("Priya\x00Shah", "control characters"),
        ("Priya\x1b[31mShah", "control characters"),
        ("Priya\nShah", "one line"),
        ("Priya\tShah", "one line"),
    ],
)
def test_a_name_that_is_blank_too_long_or_holds_control_characters_is_refused(
    engine: Engine, clock: FixedClock, name: str, why: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        add_user(engine, clock, name, role=Role.caseworker)
    assert error_fields(refused.value.as_dict()) == ["name"] and why in refused.value.detail
    assert list_users(engine) == []


def test_a_name_of_two_hundred_characters_is_taken(engine: Engine, clock: FixedClock) -> None:
    add_user(engine, clock, "x" * 200, role=Role.caseworker)
    assert _only(engine).name == "x" * 200


@pytest.mark.parametrize("frn", ["12345", "12345678", "12345a", "１２３４５６", " 123456"])
def test_a_firm_reference_number_must_be_six_or_seven_ascii_digits(engine: Engine, clock: FixedClock, frn: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        add_user(engine, clock, "Example Bank", role=Role.firm, frn=frn)
    assert error_fields(refused.value.as_dict()) == ["frn"]
    assert list_users(engine) == []
    add_user(engine, clock, "Example Bank", role=Role.firm, frn="1234567")
    assert _only(engine).frn == "1234567"


# --- over HTTP ----------------------------------------------------------------------------------------------


def _broken_body(api: Api, headers: dict[str, str]) -> Any:
    return api.client.post("/v1/cases", content=b"{not json", headers={**headers, "Content-Type": "application/json"})


def _refused_like_an_unknown_token(api: Api, headers: dict[str, str]) -> None:
    unknown = api.client.get("/v1/cases", headers=bearer("not-a-token"))
    response = api.client.get("/v1/cases", headers=headers)
    body = assert_problem(response, 401)
    assert body == assert_problem(unknown, 401)
    assert response.headers["www-authenticate"] == unknown.headers["www-authenticate"]
    assert response.headers["www-authenticate"].startswith("Bearer")
    # A body that is not JSON is answered 401 too, not 422, as for an unknown token: the caller is checked first.
    for_unknown = _broken_body(api, bearer("not-a-token"))
    assert assert_problem(_broken_body(api, headers), 401) == assert_problem(for_unknown, 401)


def test_an_expired_token_gets_401_exactly_like_an_unknown_one(api: Api, clock: FixedClock) -> None:
    headers = bearer(add_user(api.service.engine, clock, "Short Lived", role=Role.caseworker, expires_in_days=1))
    assert api.client.get("/v1/cases", headers=headers).status_code == 200
    clock.advance(days=1)
    _refused_like_an_unknown_token(api, headers)
    assert api.client.get("/v1/cases", headers=api.caseworker).status_code == 200  # made with 90 days


def test_a_revoked_token_gets_401_on_the_very_next_request_exactly_like_an_unknown_one(
    api: Api, clock: FixedClock
) -> None:
    headers = bearer(add_user(api.service.engine, clock, "Leaving Soon", role=Role.caseworker))
    assert api.client.get("/v1/cases", headers=headers).status_code == 200
    assert_problem(_broken_body(api, headers), 422)  # while the token works, the body is what is wrong
    revoke_user(api.service.engine, clock, "Leaving Soon")
    _refused_like_an_unknown_token(api, headers)
    assert api.client.get("/v1/cases", headers=api.caseworker).status_code == 200
