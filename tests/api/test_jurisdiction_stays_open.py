"""Contract edition 3 point 1 over HTTP: jurisdiction stays open until determination (DISP 3.2.1R, 3.2.3R-3.2.5R)."""

from __future__ import annotations

from ombudsman.clock import FixedClock
from tests.api.conftest import Api, assert_problem

OUT_OF_SCOPE = {"activity": "other"}  # corrected: not an activity the Ombudsman's jurisdiction covers (DISP 2.3)


def test_a_firm_objects_to_a_late_complaint_the_day_after_it_was_accepted_and_it_is_decided_out_over_http(
    api: Api, clock: FixedClock
) -> None:
    reference = api.open_case(referred_on="2026-11-01")["reference"]  # six months ran out on 21 January 2026
    complainant = api.complainant_of(reference)
    api.fire(reference, api.caseworker, "start_jurisdiction_check")
    case = api.fire(
        reference, api.caseworker, "accept_jurisdiction", exception="respondent_consent", reasons="No objection."
    )
    assert case["state"] == "investigation"
    clock.advance(1)
    case = api.act(reference, api.firm, "record_late_referral_position", consents=False, reasons="It is too late.")
    assert case["state"] == "investigation"
    case = api.fire(reference, api.caseworker, "invite_jurisdiction_representations", raised_by="respondent")
    assert case["state"] == "jurisdiction_representations"
    api.act(reference, api.firm, "make_representations", text="Our final response warned them.")
    api.act(reference, complainant, "make_representations", text="I was unwell.")
    case = api.fire(reference, api.caseworker, "decide_out_of_jurisdiction", reasons="Referred too late.")
    assert case["state"] == "out_of_jurisdiction"


def test_corrected_facts_that_fail_a_test_stop_the_provisional_assessment_with_409_until_jurisdiction_is_decided(
    api: Api,
) -> None:
    reference = api.open_case()["reference"]
    complainant = api.complainant_of(reference)
    api.fire(reference, api.caseworker, "start_jurisdiction_check")
    api.fire(reference, api.caseworker, "accept_jurisdiction", reasons="Every DISP 2 test passes.")
    api.act(reference, api.firm, "make_representations", text="The sale was explained.")
    api.act(reference, complainant, "make_representations", text="Nobody told me.")
    api.act(reference, api.caseworker, "amend_facts", facts=OUT_OF_SCOPE, reasons="It was not regulated.")
    before = api.audit_count(reference)
    body = assert_problem(
        api.client.post(
            f"/v1/cases/{reference}/transitions",
            json={"trigger": "issue_provisional_assessment", "outcome": "uphold", "reasons": "Unsuitable."},
            headers=api.caseworker,
        ),
        409,
    )
    assert body["citation"] == "DISP 3.2.1R"
    assert "outside our jurisdiction" in body["detail"]
    assert api.audit_count(reference) == before  # nothing written
    case = api.fire(reference, api.caseworker, "invite_jurisdiction_representations", raised_by="ombudsman")
    assert case["state"] == "jurisdiction_representations"
    api.act(reference, complainant, "make_representations", text="It was a regulated mortgage.")
    api.act(reference, api.caseworker, "amend_facts", facts={"activity": "regulated_activity"}, reasons="Contract.")
    case = api.fire(reference, api.caseworker, "accept_jurisdiction", reasons="Every DISP 2 test passes.")
    assert case["state"] == "investigation"  # back where it came from
    assert case["returns_to"] is None
    case = api.fire(
        reference, api.caseworker, "issue_provisional_assessment", outcome="uphold", reasons="The sale was unsuitable."
    )
    assert case["state"] == "provisional_assessment"
