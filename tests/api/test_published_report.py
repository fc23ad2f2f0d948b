"""The published report of a determination (DISP 3.6.7R) over HTTP: nothing is published until an ombudsman
approves it, and what is published names neither the complainant nor anything that would identify them."""

from __future__ import annotations

import re
from typing import Any

from tests.api.conftest import Api, assert_problem, error_fields

NOWHERE = "FOS-2026-999999"
NOT_DETERMINED = "The complaint was not determined by an ombudsman, so there is no determination to publish."
MEI = {
    "name": "Mei Wu",
    "contact_email": "mei.wu@example.org",
    "contact_phone": "07700 900123",
    "contact_address": "12 Acacia Avenue, Leeds LS1 4AB",
}
EMPLOYER = "Northern Widgets Ltd"
DETERMINATION_REASONS = (
    "Ms Wu (Mei Wu) moved from Wuhan and opened the account in MEI WU's name. Mrs. Wu gave her number as "
    "07700900123, later +44 7700 900 123 and 07700-900-123, and her email as mei.wu@example.org. She lives at "
    "12 Acacia Avenue, Leeds LS1 4AB (written LS14AB and ls1 4ab on the forms) and works for Northern Widgets "
    "Ltd. For 12 months Example Bank plc did not explain the policy, so it is fair and reasonable to uphold it."
)
AWARDS = {
    "money": [{"head": "financial_loss", "amount": "4350.00"}],
    "directions": ["Write to Ms Wu at Acacia Avenue, Leeds to apologise"],
}
# Every way the particulars above were written: none of them may be published.
PARTICULARS = [
    "Wu",
    "Ms Wu",
    "Mei Wu",
    "Mei",
    "07700900123",
    "+44 7700 900 123",
    "07700-900-123",
    "07700 900123",
    "7700",
    "mei.wu@example.org",
    "mei.wu",
    "Acacia Avenue",
    "Acacia",
    "Leeds",
    "LS1 4AB",
    "LS14AB",
    "ls1 4ab",
    EMPLOYER,
    "Widgets",
]


def report_url(reference: str) -> str:
    return f"/v1/determinations/{reference}/report"


def determined(api: Api) -> tuple[str, dict[str, str]]:
    """A complaint by Mei Wu walked to a determination over HTTP, each step by the role the rules give it."""
    reference = api.open_case(complainant=MEI)["reference"]
    complainant = api.complainant_of(reference, "Mei Wu")
    api.fire(reference, api.caseworker, "start_jurisdiction_check")
    api.fire(reference, api.caseworker, "accept_jurisdiction", reasons="Every DISP 2 test passes.")
    api.act(reference, api.firm, "make_representations", text="The policy was explained in branch.")
    api.act(reference, complainant, "make_representations", text="Nobody explained it to me.")
    api.fire(reference, api.caseworker, "issue_provisional_assessment", outcome="uphold", reasons="Unsuitable.")
    api.fire(reference, api.firm, "disagree", reasons="We think the sale was suitable.")
    case = api.fire(
        reference,
        api.ombudsman,
        "determine",
        outcome="uphold",
        reasons=DETERMINATION_REASONS,
        accept_before="2026-12-01",
        awards=AWARDS,
    )
    assert case["state"] == "determined"
    return reference, complainant


def approve(api: Api, reference: str, headers: dict[str, str], **fields: Any) -> Any:
    return api.client.post(
        f"/v1/cases/{reference}/actions", json={"action": "approve_publication", **fields}, headers=headers
    )


def published(text: str, particular: str) -> bool:
    """Whether the particular appears in the text as whole words, whatever the case of its letters."""
    return re.search(rf"(?<!\w){re.escape(particular)}(?!\w)", text, re.IGNORECASE) is not None


def test_before_approval_the_report_is_a_404_no_different_from_a_reference_that_does_not_exist(api: Api) -> None:
    reference, _ = determined(api)
    unapproved = assert_problem(api.client.get(report_url(reference)), 404)
    missing = assert_problem(api.client.get(report_url(NOWHERE)), 404)
    assert unapproved == {**missing, "detail": missing["detail"].replace(NOWHERE, reference)}
    assert unapproved["detail"] == f"There is no published determination {reference}."
    for headers in (api.caseworker, api.ombudsman):  # staff see the same: it is not published
        assert assert_problem(api.client.get(report_url(reference), headers=headers), 404) == unapproved


def test_only_an_ombudsman_may_approve_publication(api: Api) -> None:
    reference, complainant = determined(api)
    before = api.audit_count(reference)
    for headers in (api.caseworker, api.firm, complainant):
        body = assert_problem(approve(api, reference, headers, reasons="Ready to publish."), 403)
        assert "cannot approve_publication" in body["detail"]
    assert api.audit_count(reference) == before
    assert_problem(api.client.get(report_url(reference)), 404)
    allowed = {
        role: api.client.get(f"/v1/cases/{reference}", headers=headers).json()["allowed"]
        for role, headers in (("ombudsman", api.ombudsman), ("caseworker", api.caseworker))
    }
    assert "approve_publication" in allowed["ombudsman"]
    assert "approve_publication" not in allowed["caseworker"]


def test_an_approval_gives_reasons_and_each_phrase_to_redact_is_named_when_it_is_wrong(api: Api) -> None:
    reference, _ = determined(api)
    before = api.audit_count(reference)
    assert "reasons" in error_fields(assert_problem(approve(api, reference, api.ombudsman), 422))
    body = assert_problem(approve(api, reference, api.ombudsman, reasons="Ready.", redact=["fine", "  "]), 422)
    assert error_fields(body) == ["redact.1"]
    assert api.audit_count(reference) == before


def test_without_a_determination_there_is_nothing_to_approve(api: Api) -> None:
    reference = api.open_case(complainant=MEI)["reference"]
    api.fire(reference, api.caseworker, "start_jurisdiction_check")
    api.fire(reference, api.caseworker, "accept_jurisdiction", reasons="Every DISP 2 test passes.")
    body = assert_problem(approve(api, reference, api.ombudsman, reasons="Publish it."), 409)
    assert body["detail"] == "approve_publication cannot be done while the case is in investigation."
    assert body["citation"] == "DISP 3.6.7R"

    # A settlement complied with reaches `complied` too, but no ombudsman determined it: the guard says so.
    api.fire(reference, api.caseworker, "settle", reasons="The parties agreed.", terms="The bank pays £500.")
    case = api.fire(reference, api.firm, "record_compliance", evidence="Paid £500 on 2 November 2026.")
    assert case["state"] == "complied"
    before = api.audit_count(reference)
    body = assert_problem(approve(api, reference, api.ombudsman, reasons="Publish it."), 409)
    assert body["detail"] == NOT_DETERMINED
    assert body["citation"] == "DISP 3.6.7R"
    assert body["state"] == "complied"
    assert api.audit_count(reference) == before
    assert_problem(api.client.get(report_url(reference)), 404)


def test_once_approved_the_report_is_published_without_anything_that_identifies_the_complainant(api: Api) -> None:
    reference, complainant = determined(api)
    case = api.act(reference, api.ombudsman, "approve_publication", reasons="Anonymised.", redact=[EMPLOYER])
    assert case["state"] == "determined"

    response = api.client.get(report_url(reference))  # anyone, no token
    assert response.status_code == 200, response.text
    report = response.json()
    text = response.text
    for particular in PARTICULARS:
        assert not published(text, particular), particular
    assert report["reasons"].startswith("[the complainant] ([the complainant]) moved from Wuhan")
    assert "For 12 months Example Bank plc did not explain the policy" in report["reasons"]
    assert "lives at [redacted] (written [redacted] and [redacted] on the forms)" in report["reasons"]
    [direction] = report["awards"]["directions"]
    assert direction["text"] == "Write to [the complainant] at [redacted], [redacted] to apologise"
    assert report["respondent_name"] == "Example Bank plc"
    assert report["awards"]["money_award"] == "4350.00"
    assert report["outcome"] == "uphold"
    assert "DISP 3.6.7R" in report["citation"]

    events = api.client.get(f"/v1/cases/{reference}/events", headers=api.caseworker).json()
    approval = events[-1]
    assert approval["action"] == "approve_publication"
    assert (approval["user"], approval["role"]) == ("Daniel Okafor", "ombudsman")
    assert approval["reasons"] == "Anonymised."
    assert approval["details"] == {"redact": [EMPLOYER]}
    assert approval["citation"] == "DISP 3.6.7R"
    assert approval["from_state"] == approval["to_state"] == "determined"
    # The phrases may quote the complainant's particulars: the complainant sees the approval, the firm does not.
    mine = api.client.get(f"/v1/cases/{reference}/events", headers=complainant).json()
    assert [event.get("action") for event in mine][-1] == "approve_publication"
    theirs = api.client.get(f"/v1/cases/{reference}/events", headers=api.firm).json()
    assert "approve_publication" not in [event.get("action") for event in theirs]


def test_the_latest_approval_decides_which_further_phrases_are_removed_and_the_report_stays_published(
    api: Api,
) -> None:
    reference, complainant = determined(api)
    api.act(reference, api.ombudsman, "approve_publication", reasons="First look.", redact=["policy"])
    assert "policy" not in api.client.get(report_url(reference)).json()["reasons"]

    api.fire(reference, complainant, "accept")  # still published once the determination is accepted
    api.act(reference, api.ombudsman, "approve_publication", reasons="On reflection.", redact=[EMPLOYER])
    report = api.client.get(report_url(reference)).json()
    assert report["state"] == "accepted"
    assert "did not explain the policy" in report["reasons"]
    assert not published(report["reasons"], EMPLOYER)
