"""JSON typed into a page's form nested deeper than Python's parser can follow (a hundred thousand levels) is a
plain refusal on the page, naming the field, never a 500; and nothing is written."""

from __future__ import annotations

import time
from datetime import date

import pytest
from fastapi.testclient import TestClient

from ombudsman.api import create_app
from ombudsman.clock import FixedClock
from ombudsman.errors import InvalidInput
from ombudsman.service import CaseService
from ombudsman.web.forms import MAX_JSON_DEPTH, json_field, nesting
from tests.conftest import CASEWORKER
from tests.factories import facts_data
from tests.web.test_pages import _written, csrf_of, signed_in


def deep(shape: str, depth: int) -> str:
    return {
        "arrays": "[" * depth + "]" * depth,
        "objects": '{"a":' * depth + "1" + "}" * depth,
        "unclosed": "[" * depth,
    }[shape]


SHAPES = ("arrays", "objects", "unclosed")
POSTED = 50_000  # in a posted form (1 MB at most, encoded): far past Python's recursion limit (1,000)
IN_THE_ADDRESS = 3_000  # in a GET form's address, which may be 64 kB at most: past the limit too
REFUSED = "this is not JSON the service can read: too deeply nested"


@pytest.fixture
def reference(service: CaseService, clock: FixedClock) -> str:
    clock.set(date(2026, 11, 2))
    return str(service.open_case(CASEWORKER, facts_data()).reference)


def client_of(service: CaseService, clock: FixedClock) -> TestClient:
    client = signed_in(service, clock)
    return TestClient(create_app(service), cookies=client.cookies, raise_server_exceptions=False)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(("path", "name"), [("/tools/jurisdiction", "facts"), ("/tools/awards", "awards")])
def test_a_tool_given_deeply_nested_json_says_so_plainly(
    service: CaseService, clock: FixedClock, path: str, name: str, shape: str
) -> None:
    answer = client_of(service, clock).get(path, params={name: deep(shape, IN_THE_ADDRESS)})
    assert answer.status_code == 422, answer.text[:300]
    assert "There is a problem" in answer.text and REFUSED in answer.text


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(
    ("path", "kind", "step", "name"),
    [("transitions", "trigger", "determine", "awards"), ("actions", "action", "amend_facts", "facts")],
)
def test_a_case_form_given_deeply_nested_json_says_so_plainly_and_changes_nothing(
    service: CaseService, clock: FixedClock, reference: str, path: str, kind: str, step: str, name: str, shape: str
) -> None:
    client = client_of(service, clock)
    page = client.get(f"/cases/{reference}")
    before = _written(service, reference)
    answer = client.post(
        f"/cases/{reference}/{path}",
        data={"csrf_token": csrf_of(page.text), kind: step, "version": "1", name: deep(shape, POSTED)},
    )
    assert answer.status_code == 422, answer.text[:300]
    assert "There is a problem" in answer.text and REFUSED in answer.text
    assert _written(service, reference) == before


def test_json_as_deep_as_allowed_is_read_and_one_level_deeper_is_refused() -> None:
    assert json_field("awards", "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH) is not None
    assert json_field("awards", '{"text": "[[[[' + "[" * 100 + '"}') == {"text": "[[[[" + "[" * 100}  # in a string
    with pytest.raises(InvalidInput) as refused:
        json_field("awards", "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1))
    assert refused.value.errors == [{"field": "awards", "message": f"{REFUSED} ({MAX_JSON_DEPTH} levels at most)"}]


@pytest.mark.parametrize(
    "text",
    [
        '"' + '\\"' * 300_000,  # one string never closed, all escaped quotes: each quote is not tried again
        '"' * 600_000,
        '["' + "x" * 600_000,
    ],
)
def test_the_nesting_of_a_megabyte_of_quotes_is_measured_at_once(text: str) -> None:
    started = time.perf_counter()
    assert nesting(text) <= 1
    assert time.perf_counter() - started < 2.0  # it takes hundredths of a second; trying each quote, minutes
