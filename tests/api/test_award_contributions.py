"""Edition 3 point 2 over HTTP: each respondent's award is its own (DISP 3.5.3R, 3.6.3G, 3.7.4R, 3.7.8R)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ombudsman.rules.awards import simple_interest
from tests.api.conftest import Api, assert_problem


def awaiting_determination_with_a_connected_complaint(api: Api) -> tuple[str, str]:
    broker = api.open_case(respondent={"name": "Example Brokers Ltd", "frn": "654321"})["reference"]
    reference = api.open_case()["reference"]
    complainant = api.complainant_of(reference)
    api.fire(reference, api.caseworker, "start_jurisdiction_check")
    api.fire(reference, api.caseworker, "accept_jurisdiction", reasons="Every DISP 2 test passes.")
    api.act(reference, api.firm, "make_representations", text="Our records show the product was explained.")
    api.act(reference, complainant, "make_representations", text="Nobody told me it was optional.")
    api.fire(reference, api.caseworker, "issue_provisional_assessment", outcome="uphold", reasons="Unsuitable.")
    api.fire(reference, api.firm, "disagree", reasons="We think the sale was suitable.")
    api.act(reference, api.caseworker, "link_connected_complaint", connected_reference=broker, reasons="One sale.")
    return reference, broker


def determine(api: Api, reference: str, awards: dict[str, Any]) -> dict[str, Any]:
    return api.fire(
        reference,
        api.ombudsman,
        "determine",
        outcome="uphold",
        reasons="It is fair and reasonable to uphold the complaint.",
        accept_before="2026-12-01",
        awards=awards,
    )


def test_each_respondents_half_of_three_hundred_thousand_is_capped_on_its_own_in_the_awards_and_register(
    api: Api,
) -> None:
    reference, broker = awaiting_determination_with_a_connected_complaint(api)
    shares = [{"reference": reference, "share": "1/2"}, {"reference": broker, "share": "1/2"}]
    case = determine(
        api, reference, {"money": [{"head": "financial_loss", "amount": "300000.02"}], "contributions": shares}
    )
    [award] = [award for award in case["awards"] if award["stage"] == "determination"]
    assert [(part["reference"], part["amount"], part["recommended_balance"]) for part in award["contributions"]] == [
        (reference, "150000.00", "0.01"),
        (broker, "150000.00", "0.01"),
    ]
    register = api.client.get("/v1/register/money-awards", headers=api.caseworker).json()["items"]
    assert [(entry["reference"], entry["money_award"], entry["recommended_balance"]) for entry in register] == [
        (reference, "150000.00", "0.01")
    ]


def test_interest_on_a_shared_award_is_each_respondents_own_over_http(api: Api) -> None:
    reference, broker = awaiting_determination_with_a_connected_complaint(api)
    shares = [{"reference": reference, "share": "1/2"}, {"reference": broker, "share": "1/2"}]
    awards = {
        "money": [{"head": "financial_loss", "amount": "100000.00"}],
        "interest": {"rate_percent": "8", "from": "2024-01-01"},
        "contributions": shares,
    }
    case = determine(api, reference, awards)
    [award] = [award for award in case["awards"] if award["stage"] == "determination"]
    accrued_to = date.fromisoformat(award["interest"]["accrued_to"])
    own = simple_interest(Decimal("50000.00"), Decimal(8), date(2024, 1, 1), end=accrued_to)
    assert own > 0
    assert [part["interest"] for part in award["contributions"]] == [f"{own:f}", f"{own:f}"]


def test_shares_that_do_not_make_the_whole_are_422_naming_contributions_and_nothing_is_written(api: Api) -> None:
    reference, broker = awaiting_determination_with_a_connected_complaint(api)
    before = api.audit_count(reference)
    shares = [{"reference": reference, "share": "1/2"}, {"reference": broker, "share": "1/3"}]
    response = api.client.post(
        f"/v1/cases/{reference}/transitions",
        json={
            "trigger": "determine",
            "outcome": "uphold",
            "reasons": "Upheld.",
            "accept_before": "2026-12-01",
            "awards": {"money": [{"head": "financial_loss", "amount": "100.00"}], "contributions": shares},
        },
        headers=api.ombudsman,
    )
    assert_problem(response, 422)
    assert "contributions" in response.text
    assert api.audit_count(reference) == before
