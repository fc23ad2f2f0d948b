"""A complaint about several events over HTTP (contract edition 3 point 6, DISP 2.8.2R(2) "the event complained
of"): each loan judged on its own, a partial acceptance after the complainant was heard, and the determination
going on for the loans in jurisdiction. On SQLite and PostgreSQL, as the API's conftest sets up."""

from __future__ import annotations

from typing import Any

from ombudsman.clock import FixedClock
from tests.api.conftest import Api, assert_problem, error_fields

# Three loans; the lender received the complaint on 2 June 2025, so L1's six years ended on 10 January 2023.
LOANS: list[dict[str, Any]] = [
    {"id": "L1", "kind": "loan", "date": "2017-01-10", "awareness_date": "2017-01-10", "amount": "300.00"},
    {"id": "L2", "kind": "loan", "date": "2020-03-01", "awareness_date": "2020-03-01", "amount": "500.00"},
    {"id": "L3", "kind": "loan", "date": "2022-06-01", "description": "The third loan, for £800"},
]


def several(**overrides: Any) -> dict[str, Any]:
    return {"event_date": None, "awareness_date": None, "events": LOANS, **overrides}


def test_the_assessment_judges_each_loan_on_its_own_over_http(api: Api) -> None:
    from tests.factories import facts_data

    response = api.client.post("/v1/jurisdiction/assessment", json=facts_data(**several()), headers=api.caseworker)
    assert response.status_code == 200, response.text
    body = response.json()
    # L1 is late, but the lender has not objected (the seed edition's DISP 2.8.2R(5)): it is in too.
    assert (body["events_in_jurisdiction"], body["events_out_of_jurisdiction"]) == (["L1", "L2", "L3"], [])
    [l1] = [event for event in body["events"] if event["id"] == "L1"]
    assert [test["name"] for test in l1["tests"]] == [
        "six_month_limit",
        "six_or_three_year_limit",
        "time_limit_exceptions",
    ]
    assert l1["tests"][1]["passed"] is False and l1["tests"][1]["dates"]["six_years_end_on"] == "2023-01-10"
    assert l1["tests"][2]["exception"] == "respondent_consent"
    assert [test["name"] for test in body["tests"]] == [
        "respondent_had_its_time",
        "eligible_complainant",
        "activity_in_scope",
        "territory",
    ]
    assert body["in_jurisdiction"] is True

    objected = [{**LOANS[0], "respondent_consents_to_late_referral": False}, *LOANS[1:]]
    body = api.client.post(
        "/v1/jurisdiction/assessment", json=facts_data(**several(events=objected)), headers=api.caseworker
    ).json()
    assert (body["events_in_jurisdiction"], body["events_out_of_jurisdiction"]) == (["L2", "L3"], ["L1"])


def test_a_complaint_gives_event_date_or_events_not_both_with_422_naming_events(api: Api) -> None:
    from tests.factories import facts_data

    before = api.case_count()
    body = assert_problem(api.client.post("/v1/cases", json=facts_data(events=LOANS), headers=api.caseworker), 422)
    assert error_fields(body) == ["events"]
    assert api.case_count() == before


def test_the_lender_objects_to_one_loan_and_the_case_goes_on_for_the_others(api: Api, clock: FixedClock) -> None:
    reference = api.open_case(**several(respondent={"contact_email": "complaints@example-bank.example"}))["reference"]
    complainant = api.complainant_of(reference)
    api.fire(reference, api.caseworker, "start_jurisdiction_check")
    api.act(reference, api.firm, "record_late_referral_position", consents=False, events=["L1"], reasons="Too late.")
    case = api.client.get(f"/v1/cases/{reference}", headers=api.caseworker).json()
    assert case["jurisdiction"]["events_out_of_jurisdiction"] == ["L1"]
    assert case["facts"]["respondent_consents_to_late_referral"] is None  # the whole complaint: not said
    assert [event.get("respondent_consents_to_late_referral") for event in case["facts"]["events"]] == [
        False,
        None,
        None,
    ]

    # Deciding L1 out without hearing the complainant first is refused (DISP 3.2.4R), and nothing is written.
    before = api.audit_count(reference)
    body = assert_problem(
        api.client.post(
            f"/v1/cases/{reference}/transitions",
            json={"trigger": "accept_jurisdiction", "reasons": "L2 and L3 are in time."},
            headers=api.caseworker,
        ),
        409,
    )
    assert body["citation"] == "DISP 3.2.4R" and "L1" in body["detail"]
    assert api.audit_count(reference) == before

    # An event the case does not have is bad input, naming the field.
    body = assert_problem(
        api.client.post(
            f"/v1/cases/{reference}/actions",
            json={"action": "record_late_referral_position", "consents": True, "events": ["L9"], "reasons": "x"},
            headers=api.firm,
        ),
        422,
    )
    assert error_fields(body) == ["events"] and "L9" in body["detail"]

    api.fire(reference, api.caseworker, "invite_jurisdiction_representations", raised_by="ombudsman")
    api.act(reference, complainant, "make_representations", text="I did not know I could complain about L1.")
    api.act(reference, api.firm, "make_representations", text="L1 is too old.")
    case = api.fire(reference, api.caseworker, "accept_jurisdiction", reasons="L2 and L3 were brought in time.")
    assert case["state"] == "investigation"

    def decision_to(party: str) -> str:
        response = api.client.get(
            f"/v1/cases/{reference}/letters/jurisdiction_decision?format=text&addressed_to={party}",
            headers=api.caseworker,
        )
        assert response.status_code == 200, response.text
        return " ".join(response.text.split())

    to_complainant = decision_to("complainant")
    assert "We cannot look at L1" in to_complainant and "Why we cannot look at L1:" in to_complainant
    assert "Why we can look at" not in to_complainant
    to_firm = decision_to("respondent")
    assert "Why we can look at L2:" in to_firm and "Why we can look at L3:" in to_firm

    # Jurisdiction stays open: L2's date corrected on the evidence puts it out too; L3 still carries the case.
    clock.advance(1)
    corrected = [
        LOANS[0] | {"respondent_consents_to_late_referral": False},
        LOANS[1]
        | {"date": "2018-01-01", "awareness_date": "2018-01-01", "respondent_consents_to_late_referral": False},
        LOANS[2],
    ]
    case = api.act(
        reference, api.caseworker, "amend_facts", facts={"events": corrected}, reasons="Statement shows 2018."
    )
    assert case["jurisdiction"]["events_in_jurisdiction"] == ["L3"]
    assert case["jurisdiction"]["in_jurisdiction"] is True


def _documented_bodies() -> list[dict[str, Any]]:
    """The example bodies of a complaint about several events in the README and in docs/workflow.md."""
    import json
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    [curl] = re.findall(r"/v1/jurisdiction/assessment .*?-d '(\{.*?\})'", readme, flags=re.DOTALL)
    workflow = (root / "docs" / "workflow.md").read_text(encoding="utf-8")
    section = workflow.split("## Complaints about several events", 1)[1]
    [block] = re.findall(r"```json\n(.*?)```", section, flags=re.DOTALL)[:1]
    return [json.loads(curl), json.loads(block)]


def test_the_documented_example_bodies_give_the_answer_the_documents_say(api: Api) -> None:
    bodies = _documented_bodies()
    assert bodies[0] == bodies[1]
    response = api.client.post("/v1/jurisdiction/assessment", json=bodies[0], headers=api.caseworker)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["events_in_jurisdiction"], body["events_out_of_jurisdiction"]) == (["L2", "L3"], ["L1"])
    assert body["in_jurisdiction"] is True
    opened = api.client.post("/v1/cases", json=bodies[1], headers=api.caseworker)
    assert opened.status_code == 201, opened.text


def test_a_partly_accepted_complaint_goes_to_an_accepted_determination_awarding_only_for_the_loans_in(
    api: Api,
) -> None:
    """From opening to an accepted determination: L1 decided out (the lender objects), the award redresses L2 and
    L3 only, a line naming L1 is refused, and the register holds the award for the loans in."""
    reference = api.open_case(**several(respondent={"contact_email": "complaints@example-bank.example"}))["reference"]
    complainant = api.complainant_of(reference)
    api.fire(reference, api.caseworker, "start_jurisdiction_check")
    api.act(reference, api.firm, "record_late_referral_position", consents=False, events=["L1"], reasons="Too old.")
    api.fire(reference, api.caseworker, "invite_jurisdiction_representations", raised_by="ombudsman")
    api.act(reference, complainant, "make_representations", text="All three loans were unaffordable.")
    api.act(reference, api.firm, "make_representations", text="L1 is too old.")
    api.fire(reference, api.caseworker, "accept_jurisdiction", reasons="L2 and L3 were brought in time.")
    api.act(reference, api.firm, "make_representations", text="Each loan was checked.")
    api.act(reference, complainant, "make_representations", text="I borrowed to repay the last one.")
    api.fire(reference, api.caseworker, "issue_provisional_assessment", outcome="partly_uphold", reasons="L2, L3.")
    api.fire(reference, api.firm, "disagree", reasons="We checked affordability.")

    body = {
        "trigger": "determine",
        "outcome": "partly_uphold",
        "reasons": "L2 and L3 were unaffordable; L1 is out of time, and is context only.",
        "accept_before": "2026-12-15",
        "awards": {"money": [{"head": "financial_loss", "amount": "300.00", "events": ["L1"]}]},
    }
    before = api.audit_count(reference)
    refused = assert_problem(
        api.client.post(f"/v1/cases/{reference}/transitions", json=body, headers=api.ombudsman), 422
    )
    assert error_fields(refused) == ["awards.money.0.events"]
    assert api.audit_count(reference) == before
    lines = [
        {"head": "financial_loss", "amount": "1300.00", "events": ["L2", "L3"]},
        {"head": "distress_or_inconvenience", "amount": "150.00", "events": ["L3"]},
    ]
    fields = {key: value for key, value in body.items() if key != "trigger"}
    case = api.fire(reference, api.ombudsman, "determine", **{**fields, "awards": {"money": lines}})
    assert case["state"] == "determined"
    [award] = [award for award in case["awards"] if award["stage"] == "determination"]
    assert award["money_award"] == "1450.00"
    case = api.fire(reference, complainant, "accept")
    assert case["state"] == "accepted"
    register = api.client.get("/v1/register/money-awards", headers=api.ombudsman).json()["items"]
    assert [(entry["reference"], entry["money_award"], entry["status"]) for entry in register] == [
        (reference, "1450.00", "binding")
    ]
