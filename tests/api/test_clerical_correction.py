"""A clerical correction over HTTP (DISP 3.6.6AR, 3.7.7R): a corrected award shows in the case's awards, the
register of money awards, the corrected_determination letter and the audit event (old and new); a correction
refused writes nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.api.conftest import Api, assert_problem, error_fields

MONEY_5000 = {"money": [{"head": "financial_loss", "amount": "5000.00"}]}
MONEY_5500 = {"money": [{"head": "financial_loss", "amount": "5500.00"}]}
CORRECTION = {"reasons": "The award should read £5,500: £500 was left off.", "correction": "The money award is £5,500."}


def determined(api: Api, awards: dict[str, Any] | None = MONEY_5000) -> str:
    api.service.clock.set(date(2025, 9, 8))  # type: ignore[attr-defined]
    reference: str = api.open_case()["reference"]
    complainant = api.complainant_of(reference)
    api.fire(reference, api.caseworker, "start_jurisdiction_check")
    api.fire(reference, api.caseworker, "accept_jurisdiction", reasons="Every DISP 2 test passes.")
    api.act(reference, api.firm, "make_representations", text="The product was explained.")
    api.act(reference, complainant, "make_representations", text="Nobody told me it was optional.")
    api.fire(reference, api.caseworker, "issue_provisional_assessment", outcome="uphold", reasons="Unsuitable.")
    api.fire(reference, api.firm, "disagree", reasons="We think the sale was suitable.")
    fields: dict[str, Any] = {"outcome": "uphold", "reasons": "It is fair and reasonable to uphold it."}
    if awards is not None:
        fields["awards"] = awards
    api.fire(reference, api.ombudsman, "determine", **fields)
    return reference


def register(api: Api) -> list[tuple[str, str, str]]:
    items = api.client.get("/v1/register/money-awards", headers=api.caseworker).json()["items"]
    return [(item["reference"], item["money_award"], item["status"]) for item in items]


def test_a_corrected_award_shows_in_the_case_the_register_the_letter_and_the_audit_event(api: Api) -> None:
    reference = determined(api)
    assert register(api) == [(reference, "5000.00", "awaiting_answer")]
    case = api.act(reference, api.ombudsman, "correct_clerical_mistake", awards=MONEY_5500, **CORRECTION)
    assert [award["money_award"] for award in case["awards"] if award["stage"] == "determination"] == ["5500.00"]
    assert register(api) == [(reference, "5500.00", "awaiting_answer")]
    letter = api.client.get(
        f"/v1/cases/{reference}/letters/corrected_determination?format=text&addressed_to=complainant",
        headers=api.caseworker,
    )
    assert letter.status_code == 200 and "Financial loss: £5,500" in letter.text and "£5,000" not in letter.text
    [event] = [
        event
        for event in api.client.get(f"/v1/cases/{reference}/events", headers=api.caseworker).json()
        if event.get("action") == "correct_clerical_mistake"
    ]
    assert (event["details"]["award_was"]["money_award"], event["details"]["award_now"]["money_award"]) == (
        "5000.00",
        "5500.00",
    )


def test_a_caseworker_cannot_correct_the_award_and_nothing_is_written(api: Api) -> None:
    reference = determined(api)
    before = api.audit_count(reference)
    response = api.client.post(
        f"/v1/cases/{reference}/actions",
        json={"action": "correct_clerical_mistake", "awards": MONEY_5500, **CORRECTION},
        headers=api.caseworker,
    )
    assert_problem(response, 403)
    assert api.audit_count(reference) == before and register(api) == [(reference, "5000.00", "awaiting_answer")]


def test_a_corrected_award_with_a_bad_figure_is_422_naming_the_field_and_nothing_is_written(api: Api) -> None:
    reference = determined(api)
    before = api.audit_count(reference)
    response = api.client.post(
        f"/v1/cases/{reference}/actions",
        json={
            "action": "correct_clerical_mistake",
            "awards": {"money": [{"head": "financial_loss", "amount": "-1"}]},
            **CORRECTION,
        },
        headers=api.ombudsman,
    )
    body = assert_problem(response, 422)
    assert any(field.startswith("awards") for field in error_fields(body)), body
    assert api.audit_count(reference) == before and register(api) == [(reference, "5000.00", "awaiting_answer")]


def test_a_correction_cannot_give_an_award_the_determination_did_not_make_409_with_the_citation(api: Api) -> None:
    reference = determined(api, awards=None)
    before = api.audit_count(reference)
    response = api.client.post(
        f"/v1/cases/{reference}/actions",
        json={"action": "correct_clerical_mistake", "awards": MONEY_5500, **CORRECTION},
        headers=api.ombudsman,
    )
    body = assert_problem(response, 409)
    assert "made no award" in body["detail"] and body["citation"] == "DISP 3.6.6AR"
    assert api.audit_count(reference) == before and register(api) == []
