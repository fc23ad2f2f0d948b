"""A complaint from referral to compliance over HTTP, each step by the role the rules give it, plus the
register and the published report it leaves behind."""

from __future__ import annotations

from tests.api.conftest import Api, assert_problem

AWARDS = {
    "money": [
        {"head": "financial_loss", "amount": "182500.00"},
        {"head": "distress_or_inconvenience", "amount": "750.00"},
    ],
    "interest": {"rate_percent": "8", "from": "2025-06-01"},
    "costs": {"amount": "1200.00"},
    "directions": ["Correct Ann Example's credit file"],
}


def test_from_referral_to_compliance_over_http(api: Api) -> None:
    case = api.open_case()
    reference = case["reference"]
    complainant = api.complainant_of(reference)

    assert_problem(api.client.get(f"/v1/determinations/{reference}/report"), 404)  # nothing published yet

    case = api.fire(reference, api.caseworker, "start_jurisdiction_check")
    assert case["state"] == "jurisdiction_check"
    case = api.fire(reference, api.caseworker, "accept_jurisdiction", reasons="Every DISP 2 test passes.")
    assert case["state"] == "investigation"
    assert {deadline["kind"] for deadline in case["deadlines"]} == {"representations"}

    api.act(reference, api.firm, "make_representations", text="Our records show the product was explained.")
    api.act(reference, complainant, "make_representations", text="Nobody told me it was optional.")
    case = api.fire(
        reference, api.caseworker, "issue_provisional_assessment", outcome="uphold", reasons="The sale was unsuitable."
    )
    assert case["state"] == "provisional_assessment"

    case = api.fire(reference, api.firm, "disagree", reasons="We think the sale was suitable.")
    assert case["state"] == "awaiting_determination"
    assert "determine" not in api.client.get(f"/v1/cases/{reference}", headers=api.caseworker).json()["allowed"]
    assert "determine" in api.client.get(f"/v1/cases/{reference}", headers=api.ombudsman).json()["allowed"]

    case = api.fire(
        reference,
        api.ombudsman,
        "determine",
        outcome="uphold",
        reasons="It is fair and reasonable to uphold Ann Example's complaint (ann@example.org).",
        accept_before="2026-12-01",
        awards=AWARDS,
    )
    assert case["state"] == "determined"
    [award] = [award for award in case["awards"] if award["stage"] == "determination"]
    assert award["money_award"] == "150000.00"
    assert award["recommended_balance"] == "33250.00"

    register = api.client.get("/v1/register/money-awards", headers=api.caseworker).json()["items"]
    assert [
        (entry["reference"], entry["money_award"], entry["recommended_balance"], entry["status"]) for entry in register
    ] == [(reference, "150000.00", "33250.00", "awaiting_answer")]

    assert_problem(
        api.client.post(f"/v1/cases/{reference}/transitions", json={"trigger": "accept"}, headers=api.firm), 403
    )
    case = api.fire(reference, complainant, "accept")
    assert case["state"] == "accepted"
    assert api.client.get("/v1/register/money-awards", headers=api.ombudsman).json()["items"][0]["status"] == "binding"

    case = api.fire(reference, api.firm, "record_compliance", evidence="Paid £150,000.00 on 10 November 2026.")
    assert case["state"] == "complied"
    assert case["allowed"] == [] or "withdraw" not in case["allowed"]
    register = api.client.get("/v1/register/money-awards", headers=api.ombudsman).json()["items"]
    assert register[0]["status"] == "complied"

    events = api.client.get(f"/v1/cases/{reference}/events", headers=api.caseworker).json()
    assert [event.get("trigger") or event.get("action") for event in events] == [
        "open_case",
        "start_jurisdiction_check",
        "accept_jurisdiction",
        "make_representations",
        "make_representations",
        "issue_provisional_assessment",
        "disagree",
        "determine",
        "accept",
        "record_compliance",
    ]
    assert [event["version"] for event in events] == list(range(1, 11))

    assert_problem(api.client.get(f"/v1/determinations/{reference}/report"), 404)  # until an ombudsman approves it
    api.act(reference, api.ombudsman, "approve_publication", reasons="Nothing in it identifies the complainant.")
    response = api.client.get(f"/v1/determinations/{reference}/report")  # anyone, no token
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["outcome"] == "uphold"
    assert report["respondent_name"] == "Example Bank plc"
    assert report["awards"]["money_award"] == "150000.00"
    assert report["determined_on"] == "2026-11-02"
    assert report["referred_on"] == "2025-09-01"
    assert report["accept_before"] == "2026-12-01"
    assert "DISP 3.6.7R" in report["citation"]
    published = response.text
    for particular in ("Ann", "Example's", "ann@example.org", "07700"):
        assert particular not in published, particular
    assert "[the complainant]" in report["reasons"]


def test_a_report_is_not_published_for_a_case_that_was_never_determined(api: Api) -> None:
    reference = api.open_case()["reference"]
    api.fire(reference, api.caseworker, "start_jurisdiction_check")
    assert_problem(api.client.get(f"/v1/determinations/{reference}/report"), 404)
    assert_problem(api.client.get("/v1/determinations/FOS-2026-999999/report"), 404)
