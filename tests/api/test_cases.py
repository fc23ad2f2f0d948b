"""Opening, listing and reading cases; firing triggers and actions; who may see and do what."""

from __future__ import annotations

from typing import Any

import pytest

from ombudsman.views import RETURNED
from tests.api.conftest import FRN, OTHER_FRN, Api, assert_problem, error_fields
from tests.factories import facts_data


def test_staff_open_a_case_with_its_location_version_and_etag(api: Api) -> None:
    for headers in (api.caseworker, api.ombudsman):
        response = api.client.post("/v1/cases", json=facts_data(), headers=headers)
        assert response.status_code == 201, response.text
        case = response.json()
        assert case["state"] == "referred"
        assert case["version"] == 1
        assert response.headers["location"] == f"/v1/cases/{case['reference']}"
        assert response.headers["etag"] == '"1"'
        assert case["parties"]["complainant"]["contact_email"] == "ann@example.org"
        assert case["jurisdiction"]["in_jurisdiction"] is True
        assert "start_jurisdiction_check" in case["allowed"]


def test_parties_may_not_open_cases(api: Api) -> None:
    reference = api.open_case()["reference"]
    for headers in (api.firm, api.complainant_of(reference)):
        assert_problem(api.client.post("/v1/cases", json=facts_data(), headers=headers), 403)
    assert api.case_count() == 1


def test_an_idempotency_key_replayed_returns_the_first_case_and_creates_nothing(api: Api) -> None:
    headers = {**api.caseworker, "Idempotency-Key": "intake-42"}
    first = api.client.post("/v1/cases", json=facts_data(), headers=headers)
    again = api.client.post("/v1/cases", json=facts_data(), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json()["reference"] == first.json()["reference"]
    assert api.case_count() == 1
    assert api.audit_count() == 1


def test_the_same_idempotency_key_with_a_different_body_is_refused(api: Api) -> None:
    headers = {**api.caseworker, "Idempotency-Key": "intake-43"}
    assert api.client.post("/v1/cases", json=facts_data(), headers=headers).status_code == 201
    response = api.client.post("/v1/cases", json=facts_data(summary="Another complaint"), headers=headers)
    assert "Idempotency-Key" in error_fields(assert_problem(response, 422))
    assert api.case_count() == 1


BAD_FACTS: list[tuple[dict[str, Any], str]] = [
    (facts_data(event_date="2026-02-30"), "event_date"),
    (facts_data(final_response_sent_on="2025-05-01"), "final_response_sent_on"),
    (facts_data(awareness_date="2025-01-01"), "awareness_date"),
    (facts_data(amount_claimed="-5.00"), "amount_claimed"),
    (facts_data(complainant={"kind": "alien"}), "complainant.kind"),
    (facts_data(respondent={"kind": "bank"}), "respondent.kind"),
    (facts_data(establishment="mars"), "establishment"),
    (facts_data(complainant={"annual_income": "-1"}), "complainant.annual_income"),
    ({**facts_data(), "complainant": "Ann Example"}, "complainant"),
    (facts_data(referred_on=12.5), "referred_on"),
    (facts_data(payment_services_complaint="perhaps"), "payment_services_complaint"),
    (facts_data(respondent={"frn": "12"}), "respondent.frn"),
    (facts_data(referred_on="2027-01-01"), "referred_on"),
    (facts_data(colour="blue"), "colour"),
]


def test_bad_facts_are_422_naming_the_field_and_write_nothing(api: Api) -> None:
    for facts, field in BAD_FACTS:
        body = assert_problem(api.client.post("/v1/cases", json=facts, headers=api.caseworker), 422)
        assert field in error_fields(body), (field, body)
        assert field in body["detail"]
    assert api.case_count() == 0
    assert api.audit_count() == 0


def test_required_facts_missing_are_named(api: Api) -> None:
    facts = facts_data()
    del facts["referred_on"]
    del facts["respondent"]
    body = assert_problem(api.client.post("/v1/cases", json=facts, headers=api.caseworker), 422)
    assert {"referred_on", "respondent"} <= set(error_fields(body))


def test_malformed_json_is_422(api: Api) -> None:
    response = api.client.post(
        "/v1/cases", content=b"{not json", headers={**api.caseworker, "Content-Type": "application/json"}
    )
    assert_problem(response, 422)


def test_a_firm_sees_only_its_own_firms_cases(api: Api) -> None:
    own = api.open_case()["reference"]
    other = api.open_case(respondent={"frn": OTHER_FRN, "name": "Other Bank plc"})["reference"]
    listed = api.client.get("/v1/cases", headers=api.firm).json()
    assert [case["reference"] for case in listed["items"]] == [own]
    assert api.client.get(f"/v1/cases/{own}", headers=api.firm).status_code == 200
    for path in (f"/v1/cases/{other}", f"/v1/cases/{other}/events"):
        assert_problem(api.client.get(path, headers=api.firm), 404)
    response = api.client.post(
        f"/v1/cases/{other}/actions", json={"action": "make_representations", "text": "Hello"}, headers=api.firm
    )
    assert_problem(response, 404)
    # the same answer as for a case that does not exist at all
    missing = assert_problem(api.client.get("/v1/cases/FOS-2026-999999", headers=api.firm), 404)
    hidden = assert_problem(api.client.get(f"/v1/cases/{other}", headers=api.firm), 404)
    assert missing["title"] == hidden["title"]
    # filtering by another FRN shows nothing rather than widening the scope
    listed = api.client.get("/v1/cases", params={"respondent_frn": OTHER_FRN}, headers=api.firm).json()
    assert listed["items"] == []


def test_a_complainant_sees_only_their_own_cases(api: Api) -> None:
    own = api.open_case()["reference"]
    other = api.open_case(complainant={"name": "Bob Other"})["reference"]
    complainant = api.complainant_of(own)
    listed = api.client.get("/v1/cases", headers=complainant).json()
    assert [case["reference"] for case in listed["items"]] == [own]
    assert api.client.get(f"/v1/cases/{own}", headers=complainant).json()["parties"]["complainant"]["contact_email"]
    assert_problem(api.client.get(f"/v1/cases/{other}", headers=complainant), 404)
    response = api.client.post(
        f"/v1/cases/{other}/actions", json={"action": "make_representations", "text": "Hello"}, headers=complainant
    )
    assert_problem(response, 404)


def test_a_firm_never_sees_the_complainants_contact_details(api: Api) -> None:
    reference = api.open_case(complainant={"contact_address": "1 High Street, Leeds", "needs": "Calls after 5pm"})[
        "reference"
    ]
    case = api.client.get(f"/v1/cases/{reference}", headers=api.firm).json()
    complainant = case["parties"]["complainant"]
    assert complainant["name"] == "Ann Example"
    for hidden in ("contact_email", "contact_phone", "contact_address", "needs"):
        assert hidden not in complainant
    text = api.client.get(f"/v1/cases/{reference}", headers=api.firm).text
    text += api.client.get(f"/v1/cases/{reference}/events", headers=api.firm).text
    text += api.client.get("/v1/cases", headers=api.firm).text
    for secret in ("ann@example.org", "07700 900123", "1 High Street"):
        assert secret not in text


def test_a_firm_never_sees_the_complainants_personal_circumstances(api: Api) -> None:
    circumstances = {
        "vulnerable": True,
        "needs": "Recently bereaved; calls after 5pm",
        "adjustments": ["large_print", "named_contact", "more_time"],
        "named_contact": "Bea Example (daughter)",
    }
    reference = api.open_case(complainant=circumstances)["reference"]
    staff = api.client.get(f"/v1/cases/{reference}", headers=api.caseworker).json()["parties"]["complainant"]
    assert {key: staff[key] for key in circumstances} == circumstances  # staff see them, to make the adjustments
    seen = api.client.get(f"/v1/cases/{reference}", headers=api.firm).json()["parties"]["complainant"]
    assert not set(circumstances) & set(seen)
    assert seen["name"] == "Ann Example" and seen["relationship"] == "customer"
    text = "".join(
        api.client.get(path, headers=api.firm).text
        for path in (f"/v1/cases/{reference}", f"/v1/cases/{reference}/events", "/v1/cases")
    )
    for secret in ("vulnerable", "bereaved", "adjustments", "Bea Example"):
        assert secret not in text


def _to_investigation(api: Api, **overrides: Any) -> str:
    reference: str = api.open_case(**overrides)["reference"]
    api.fire(reference, api.caseworker, "start_jurisdiction_check")
    api.fire(reference, api.caseworker, "accept_jurisdiction", reasons="Every DISP 2 test passes.")
    return reference


def test_a_firm_never_sees_what_the_complainant_gave_in_confidence(api: Api) -> None:
    reference = _to_investigation(api)
    complainant = api.complainant_of(reference)
    api.act(
        reference, complainant, "make_representations", text="My medical records show the illness.", confidential=True
    )
    api.act(reference, complainant, "make_representations", text="I was never told it was optional.")
    api.act(reference, api.firm, "make_representations", text="Our branch notes attached.", confidential=True)

    firm_case = api.client.get(f"/v1/cases/{reference}", headers=api.firm).json()
    firm_events = api.client.get(f"/v1/cases/{reference}/events", headers=api.firm).json()
    assert "medical records" not in str(firm_case) + str(firm_events)
    assert [row["text"] for row in firm_case["representations"]] == [
        "I was never told it was optional.",
        "Our branch notes attached.",
    ]
    assert all("confidential_from" not in event for event in firm_events)

    complainant_case = api.client.get(f"/v1/cases/{reference}", headers=complainant).json()
    complainant_events = api.client.get(f"/v1/cases/{reference}/events", headers=complainant).json()
    assert "branch notes" not in str(complainant_case)
    assert len([event for event in complainant_events if event.get("action") == "make_representations"]) == 2

    staff_case = api.client.get(f"/v1/cases/{reference}", headers=api.caseworker).json()
    staff_events = api.client.get(f"/v1/cases/{reference}/events", headers=api.caseworker).json()
    assert len(staff_case["representations"]) == 3
    assert {event.get("confidential_from") for event in staff_events} >= {"complainant", "respondent"}


def test_representations_accepted_in_confidence_show_the_other_party_only_the_summary_staff_gave(api: Api) -> None:
    """DISP 3.5.9R(2): the party asks, staff decide; accepted, the other side sees the summary (probe W13)."""
    reference = _to_investigation(api)
    complainant = api.complainant_of(reference)
    made = api.act(
        reference, api.firm, "make_representations", text="Fraud team notes on the payee.", confidential=True
    )
    mine = api.client.get(f"/v1/cases/{reference}", headers=api.firm).json()["representations"]
    assert [(row["text"], row["confidentiality"]) for row in mine] == [("Fraud team notes on the payee.", "asked")]
    assert api.client.get(f"/v1/cases/{reference}", headers=complainant).json()["representations"] == []

    api.act(
        reference,
        api.caseworker,
        "decide_confidentiality",
        event_version=made["version"],
        accept=True,
        summary="The bank checked the receiving account before the payment.",
        reasons="The notes show how the bank detects fraud.",
    )
    seen = api.client.get(f"/v1/cases/{reference}", headers=complainant).json()
    assert [(row["text"], row["confidentiality"]) for row in seen["representations"]] == [
        ("The bank checked the receiving account before the payment.", "accepted")
    ]
    events = api.client.get(f"/v1/cases/{reference}/events", headers=complainant).json()
    assert "Fraud team" not in str(seen) + str(events)
    staff = api.client.get(f"/v1/cases/{reference}", headers=api.caseworker).json()["representations"]
    assert [row["text"] for row in staff] == ["Fraud team notes on the payee."]
    letter = api.client.get(f"/v1/cases/{reference}/letters/confidentiality_decision?format=text", headers=api.firm)
    assert "We agree to treat it in confidence" in " ".join(letter.text.split())


def test_representations_declined_in_confidence_are_returned_and_the_party_is_told_why(api: Api) -> None:
    reference = _to_investigation(api)
    complainant = api.complainant_of(reference)
    made = api.act(reference, complainant, "make_representations", text="My GP's letter.", confidential=True)
    api.act(
        reference,
        api.caseworker,
        "decide_confidentiality",
        event_version=made["version"],
        accept=False,
        reasons="The bank must be able to answer what your GP says.",
    )
    assert api.client.get(f"/v1/cases/{reference}", headers=api.firm).json()["representations"] == []
    staff = api.client.get(f"/v1/cases/{reference}", headers=api.caseworker).json()["representations"]
    assert [(row["text"], row["confidentiality"]) for row in staff] == [(RETURNED, "returned")]
    own = api.client.get(f"/v1/cases/{reference}", headers=complainant).json()["representations"]
    assert [(row["text"], row["confidentiality"]) for row in own] == [("My GP's letter.", "returned")]
    letter = api.client.get(f"/v1/cases/{reference}/letters/confidentiality_decision?format=text", headers=complainant)
    said = " ".join(letter.text.split())
    assert "So we are returning it to you" in said
    assert "The bank must be able to answer what your GP says." in said
    firm_letter = api.client.get(f"/v1/cases/{reference}/letters/confidentiality_decision", headers=api.firm)
    assert firm_letter.status_code == 404  # only the party who asked is written to

    before = api.audit_count(reference)
    again = api.client.post(
        f"/v1/cases/{reference}/actions",
        json={
            "action": "decide_confidentiality",
            "event_version": made["version"],
            "accept": True,
            "summary": "x",
            "reasons": "Second thoughts.",
        },
        headers=api.caseworker,
    )
    assert again.status_code == 409
    assert "already decided: returned" in again.text
    assert api.audit_count(reference) == before


def test_accepting_in_confidence_without_a_summary_is_refused_naming_it_and_nothing_is_written(api: Api) -> None:
    reference = _to_investigation(api)
    made = api.act(reference, api.firm, "make_representations", text="Security notes.", confidential=True)
    before = api.audit_count(reference)
    response = api.client.post(
        f"/v1/cases/{reference}/actions",
        json={"action": "decide_confidentiality", "event_version": made["version"], "accept": True, "reasons": "Fine."},
        headers=api.caseworker,
    )
    assert response.status_code == 422
    assert "summary" in response.text
    assert api.audit_count(reference) == before


def test_only_staff_decide_what_is_treated_in_confidence(api: Api) -> None:
    reference = _to_investigation(api)
    made = api.act(reference, api.firm, "make_representations", text="Security notes.", confidential=True)
    response = api.client.post(
        f"/v1/cases/{reference}/actions",
        json={"action": "decide_confidentiality", "event_version": made["version"], "accept": False, "reasons": "x"},
        headers=api.firm,
    )
    assert response.status_code == 403


def test_events_are_oldest_first_with_trigger_or_action(api: Api) -> None:
    reference = _to_investigation(api)
    events = api.client.get(f"/v1/cases/{reference}/events", headers=api.caseworker).json()
    assert [event.get("trigger") or event.get("action") for event in events] == [
        "open_case",
        "start_jurisdiction_check",
        "accept_jurisdiction",
    ]
    first, second = events[0], events[1]
    assert "action" in first and "trigger" not in first
    assert "trigger" in second and "action" not in second
    assert second["from_state"] == "referred" and second["to_state"] == "jurisdiction_check"
    assert {"user", "role", "at", "reasons", "citation"} <= second.keys()
    assert second["user"] == "Priya Shah" and second["role"] == "caseworker"
    assert "DISP 2.8.1R" in second["citation"]


def test_a_caseworker_cannot_determine_403_citing_disp_3_9_1r(api: Api) -> None:
    reference = api.open_case()["reference"]
    before = api.audit_count()
    response = api.client.post(
        f"/v1/cases/{reference}/transitions",
        json={"trigger": "determine", "outcome": "uphold", "reasons": "Fair."},
        headers=api.caseworker,
    )
    body = assert_problem(response, 403)
    assert body["citation"] == "DISP 3.9.1R"
    assert api.audit_count() == before


def test_403_comes_before_404(api: Api) -> None:
    response = api.client.post(
        "/v1/cases/FOS-2026-999999/transitions", json={"trigger": "determine"}, headers=api.caseworker
    )
    assert_problem(response, 403)
    response = api.client.post(
        "/v1/cases/FOS-2026-999999/transitions", json={"trigger": "start_jurisdiction_check"}, headers=api.firm
    )
    assert_problem(response, 403)
    response = api.client.post(
        "/v1/cases/FOS-2026-999999/transitions", json={"trigger": "start_jurisdiction_check"}, headers=api.caseworker
    )
    assert_problem(response, 404)


def test_a_refused_trigger_is_409_with_state_allowed_and_citation(api: Api) -> None:
    reference = api.open_case()["reference"]
    before = api.audit_count()
    response = api.client.post(f"/v1/cases/{reference}/transitions", json={"trigger": "disagree"}, headers=api.firm)
    body = assert_problem(response, 409)
    assert body["state"] == "referred"
    assert isinstance(body["allowed"], list)
    assert "record_final_response" in body["allowed"]
    assert body["citation"]
    assert api.audit_count() == before


def test_a_guard_refusal_gives_its_reason(api: Api) -> None:
    reference = api.open_case(final_response_sent_on=None, complained_to_respondent_on="2026-10-20")["reference"]
    response = api.client.post(
        f"/v1/cases/{reference}/transitions", json={"trigger": "start_jurisdiction_check"}, headers=api.caseworker
    )
    body = assert_problem(response, 409)
    assert body["state"] == "referred"
    assert "DISP 2.8.1R" in body["citation"]
    assert "refer_to_respondent" in body["allowed"]


def test_a_stale_if_match_is_412_and_writes_nothing(api: Api) -> None:
    reference = api.open_case()["reference"]
    etag = api.client.get(f"/v1/cases/{reference}", headers=api.caseworker).headers["etag"]
    assert etag == '"1"'
    api.fire(reference, api.caseworker, "start_jurisdiction_check")
    before = api.audit_count()
    response = api.client.post(
        f"/v1/cases/{reference}/transitions",
        json={"trigger": "accept_jurisdiction", "reasons": "In time."},
        headers={**api.caseworker, "If-Match": etag},
    )
    body = assert_problem(response, 412)
    assert body["state"] == "jurisdiction_check"
    assert api.audit_count() == before
    case = api.client.get(f"/v1/cases/{reference}", headers=api.caseworker).json()
    assert case["version"] == 2 and case["state"] == "jurisdiction_check"


def test_a_matching_if_match_is_applied_and_the_new_etag_returned(api: Api) -> None:
    reference = api.open_case()["reference"]
    response = api.client.post(
        f"/v1/cases/{reference}/transitions",
        json={"trigger": "start_jurisdiction_check"},
        headers={**api.caseworker, "If-Match": '"1"'},
    )
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"2"'
    assert response.json()["state"] == "jurisdiction_check"


def test_a_malformed_if_match_is_422(api: Api) -> None:
    reference = api.open_case()["reference"]
    response = api.client.post(
        f"/v1/cases/{reference}/transitions",
        json={"trigger": "start_jurisdiction_check"},
        headers={**api.caseworker, "If-Match": "yesterday"},
    )
    assert "If-Match" in error_fields(assert_problem(response, 422))


BAD_TRIGGERS: list[tuple[dict[str, Any], str]] = [
    ({"trigger": "teleport"}, "trigger"),
    ({"trigger": "make_representations", "text": "Hi"}, "trigger"),
    ({"trigger": 7}, "trigger"),
    ({}, "trigger"),
    ({"trigger": "accept_jurisdiction", "reasons": "ok", "exception": "mercy"}, "exception"),
    ({"trigger": "accept_jurisdiction", "reasons": 12}, "reasons"),
    ({"trigger": "accept_jurisdiction"}, "reasons"),
    (
        {"trigger": "invite_jurisdiction_representations", "raised_by": "respondent", "respond_by": "2026-02-30"},
        "respond_by",
    ),
    (
        {"trigger": "invite_jurisdiction_representations", "raised_by": "respondent", "respond_by": "2026-01-01"},
        "respond_by",
    ),
    ({"trigger": "invite_jurisdiction_representations", "raised_by": "the moon"}, "raised_by"),
    ({"trigger": "accept_jurisdiction", "reasons": "ok", "colour": "blue"}, "colour"),
]


def test_bad_trigger_input_is_422_naming_the_field_and_writes_nothing(api: Api) -> None:
    reference = api.open_case()["reference"]
    api.fire(reference, api.caseworker, "start_jurisdiction_check")
    before = api.audit_count()
    for body, field in BAD_TRIGGERS:
        response = api.client.post(f"/v1/cases/{reference}/transitions", json=body, headers=api.caseworker)
        problem = assert_problem(response, 422)
        assert field in error_fields(problem), (body, problem)
    assert api.audit_count() == before
    assert api.client.get(f"/v1/cases/{reference}", headers=api.caseworker).json()["version"] == 2


def test_bad_action_input_is_422_naming_the_field(api: Api) -> None:
    reference = api.open_case(final_response_sent_on=None, final_response_mentioned_time_limit=False)["reference"]
    before = api.audit_count()
    cases: list[tuple[dict[str, Any], str]] = [
        ({"action": "start_jurisdiction_check"}, "action"),
        ({"action": "record_final_response", "sent_on": "2026-02-30", "mentioned_time_limit": True}, "sent_on"),
        (
            {"action": "record_final_response", "sent_on": "2025-05-01", "mentioned_time_limit": True},
            "sent_on",
        ),  # before the complaint
        (
            {"action": "record_final_response", "sent_on": "2027-01-01", "mentioned_time_limit": True},
            "sent_on",
        ),  # in the future
        (
            {"action": "record_final_response", "sent_on": "2026-01-01", "mentioned_time_limit": "often"},
            "mentioned_time_limit",
        ),
    ]
    for body, field in cases:
        response = api.client.post(f"/v1/cases/{reference}/actions", json=body, headers=api.firm)
        problem = assert_problem(response, 422)
        assert field in error_fields(problem), (body, problem)
    assert api.audit_count() == before


def test_negative_money_and_unknown_outcome_in_a_trigger_are_422(api: Api) -> None:
    reference = _to_investigation(api)
    before = api.audit_count()
    bad: list[tuple[dict[str, Any], str]] = [
        (
            {"outcome": "uphold", "awards": {"money": [{"head": "financial_loss", "amount": "-5.00"}]}},
            "awards.money.0.amount",
        ),
        ({"outcome": "sort_of"}, "outcome"),
        ({"outcome": "uphold", "awards": {"money": "lots"}}, "awards.money"),
    ]
    for extra, field in bad:
        response = api.client.post(
            f"/v1/cases/{reference}/transitions",
            json={"trigger": "issue_provisional_assessment", "reasons": "Upheld.", **extra},
            headers=api.caseworker,
        )
        assert field in error_fields(assert_problem(response, 422)), extra
    assert api.audit_count() == before


@pytest.mark.parametrize(
    "awards",
    [
        {"money": [{"head": "financial_loss", "amount": "5000.00"}]},
        {"interest": {"rate_percent": "8", "from": "2025-02-01"}},
        {"costs": {"amount": "300.00"}},
        {"directions": ["Correct the credit file"]},
    ],
    ids=["a money award", "interest", "costs", "a direction"],
)
def test_a_complaint_not_upheld_carries_no_award_and_asking_for_one_is_422_naming_awards(
    api: Api, awards: dict[str, Any]
) -> None:
    """DISP 3.7.1R: awards go with a determination in the complainant's favour only; so too an assessment's."""
    reference = _to_investigation(api)
    before = api.audit_count()
    response = api.client.post(
        f"/v1/cases/{reference}/transitions",
        json={
            "trigger": "issue_provisional_assessment",
            "reasons": "Not upheld.",
            "outcome": "not_uphold",
            "awards": awards,
        },
        headers=api.caseworker,
    )
    problem = assert_problem(response, 422)
    assert error_fields(problem) == ["awards"]
    assert "not upheld carries no award" in problem["detail"]
    assert api.audit_count() == before
    api.act(reference, api.firm, "make_representations", text="The sale was explained.")
    api.act(reference, api.complainant_of(reference), "make_representations", text="It was not.")
    allowed = api.client.post(
        f"/v1/cases/{reference}/transitions",
        json={
            "trigger": "issue_provisional_assessment",
            "reasons": "Upheld in part.",
            "outcome": "partly_uphold",
            "awards": awards,
        },
        headers=api.caseworker,
    )
    assert allowed.status_code == 200, allowed.text


def test_list_filters_and_cursor_paging(api: Api) -> None:
    references = [api.open_case()["reference"] for _ in range(5)]
    other = api.open_case(respondent={"frn": OTHER_FRN})["reference"]
    api.fire(references[0], api.caseworker, "start_jurisdiction_check")
    late = api.open_case(final_response_sent_on=None, complained_to_respondent_on="2026-10-20")["reference"]
    api.fire(late, api.caseworker, "refer_to_respondent")

    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = api.client.get("/v1/cases", params=params, headers=api.caseworker).json()
        seen += [case["reference"] for case in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [*references, other, late]
    assert pages == 3

    def refs(**params: Any) -> list[str]:
        response = api.client.get("/v1/cases", params=params, headers=api.caseworker)
        assert response.status_code == 200, response.text
        return [case["reference"] for case in response.json()["items"]]

    assert refs(state="jurisdiction_check") == [references[0]]
    assert refs(respondent_frn=OTHER_FRN) == [other]
    assert refs(respondent_frn=FRN, state="referred") == references[1:]
    assert refs(deadline_before="2027-01-01") == [late]
    assert refs(deadline_before="2026-11-03") == []


def test_bad_list_parameters_are_422_naming_them(api: Api) -> None:
    for params, field in [
        ({"state": "limbo"}, "state"),
        ({"limit": 0}, "limit"),
        ({"limit": 1000}, "limit"),
        ({"deadline_before": "2026-02-30"}, "deadline_before"),
        ({"cursor": "bogus!"}, "cursor"),
        ({"respondent_frn": "abc"}, "respondent_frn"),
    ]:
        response = api.client.get("/v1/cases", params=params, headers=api.caseworker)
        assert field in error_fields(assert_problem(response, 422)), params


def test_the_case_shows_open_deadlines(api: Api) -> None:
    reference = api.open_case(final_response_sent_on=None, complained_to_respondent_on="2026-10-20")["reference"]
    case = api.fire(reference, api.caseworker, "refer_to_respondent")
    assert case["state"] == "with_respondent"
    [deadline] = case["deadlines"]
    assert deadline["kind"] == "respondent_time"
    assert deadline["fires"] == "respondent_time_elapsed"
    assert deadline["due_on"] == "2026-12-15"
