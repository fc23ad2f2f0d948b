"""The deployed server on the real system clock: opening cases and firing the first trigger over real HTTP.

Every other API test fixes the clock at 09:00 on a chosen day. A deployment does not: its times carry the
hour, minute, second and microsecond of now, and this test is the one that lets them reach the database.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import httpx

from ombudsman.clock import LONDON, SystemClock
from tests.live.conftest import Live
from tests.live.server import LiveServer, case_body

CASES = 3
REFERENCE = re.compile(r"^FOS-(\d{4})-(\d{6})$")
REFERENCE_COLUMN = 40  # Case.reference is VARCHAR(40); PostgreSQL enforces it, SQLite does not


def _london_day(stamp: str) -> date:
    return datetime.fromisoformat(stamp).astimezone(LONDON).date()


def _answer(server: LiveServer, response: httpx.Response, expected: int, what: str) -> dict[str, Any]:
    """The JSON of a response that must have ``expected`` status; otherwise fail with the body and the log."""
    assert response.status_code == expected, (
        f"{what} answered {response.status_code}, not {expected}: {response.text}\n{server.log_tail()}"
    )
    body: dict[str, Any] = response.json()
    return body


def test_cases_open_and_move_on_the_real_clock(live: Live) -> None:
    """With no fixed clock, a caseworker opens several cases and each gets 201, state ``referred``, version 1 and
    a reference ``FOS-<this year>-NNNNNN`` that fits its 40-character column; ``start_jurisdiction_check`` then
    moves each to version 2, and the case and its audit trail read back with today's date on every event.

    This is where a value built from the real clock's microseconds (as the placeholder reference is, before the
    real one is written) would overflow a column on PostgreSQL and answer 500: the message shows the server log.
    """
    server = live.server
    before = SystemClock().today()
    with server.client(live.caseworker) as client:
        opened = []
        for number in range(CASES):
            response = client.post("/v1/cases", json=case_body(before, f"Complainant {number}"))
            case = _answer(server, response, 201, f"POST /v1/cases (case {number + 1} of {CASES})")
            opened.append(case)
            assert response.headers["ETag"] == '"1"'
            assert response.headers["Location"] == f"/v1/cases/{case['reference']}"
        after = SystemClock().today()
        years = {before.year, after.year}  # a run across midnight on 31 December may see either

        references = [case["reference"] for case in opened]
        for case in opened:
            match = REFERENCE.match(case["reference"])
            assert match, f"{case['reference']!r} is not FOS-YYYY-NNNNNN"
            assert int(match.group(1)) in years, f"{case['reference']} is not numbered in this year ({years})"
            assert len(case["reference"]) <= REFERENCE_COLUMN
            assert (case["state"], case["version"]) == ("referred", 1)
            assert _london_day(case["opened_at"]) in {before, after}
            assert [letter["kind"] for letter in case["letters"]] == ["acknowledgement"]
        numbers = [int(reference[-6:]) for reference in references]
        assert numbers == sorted(numbers) and len(set(numbers)) == CASES, references

        for reference in references:
            response = client.post(
                f"/v1/cases/{reference}/transitions",
                json={"trigger": "start_jurisdiction_check"},
                headers={"If-Match": '"1"'},
            )
            moved = _answer(server, response, 200, f"start_jurisdiction_check on {reference}")
            assert (moved["state"], moved["version"]) == ("jurisdiction_check", 2)
            assert response.headers["ETag"] == '"2"'

            read = client.get(f"/v1/cases/{reference}")
            case = _answer(server, read, 200, f"GET /v1/cases/{reference}")
            assert (case["reference"], case["state"], case["version"]) == (reference, "jurisdiction_check", 2)
            assert read.headers["ETag"] == '"2"'

            trail: list[dict[str, Any]] = client.get(f"/v1/cases/{reference}/events").json()
            assert [(event.get("action"), event.get("trigger"), event["version"]) for event in trail] == [
                ("open_case", None, 1),
                (None, "start_jurisdiction_check", 2),
            ]
            check = trail[1]
            assert (check["from_state"], check["to_state"]) == ("referred", "jurisdiction_check")
            assert (check["user"], check["role"]) == ("Priya Shah", "caseworker")
            assert check["citation"] == "DISP 2.8.1R" and "final response" in check["finding"]
            assert {_london_day(event["at"]) for event in trail} <= {before, after}

    assert "Traceback" not in server.log_text(), server.log_tail()
