"""Confidential evidence (DISP 3.5.9R(2)) on the deployed server, the real clock and real HTTP, on both databases.

A firm asks for its representations to be kept from the complainant; a caseworker accepts them in confidence with
a summary. The complainant, with a token of their own, sees the summary and never the text; the firm is written to.
"""

from __future__ import annotations

from ombudsman.clock import SystemClock
from tests.live.conftest import Live
from tests.live.server import case_body

SECRET = "Fraud team notes on the receiving account."
SUMMARY = "The bank checked the receiving account before the payment."


def test_a_summary_accepted_in_confidence_is_all_the_other_party_sees(live: Live) -> None:
    server = live.server
    firm = server.add_user("Bank complaints team", "firm", frn="123456")
    with server.client(live.caseworker) as staff:
        reference = staff.post("/v1/cases", json=case_body(SystemClock().today())).json()["reference"]
        for trigger, fields in (("start_jurisdiction_check", {}), ("accept_jurisdiction", {"reasons": "In."})):
            moved = staff.post(f"/v1/cases/{reference}/transitions", json={"trigger": trigger, **fields})
            assert moved.status_code == 200, f"{moved.text}\n{server.log_tail()}"
    complainant = server.add_user_for_case("Ann Example", reference)

    with server.client(firm) as bank:
        made = bank.post(
            f"/v1/cases/{reference}/actions",
            json={"action": "make_representations", "text": SECRET, "confidential": True},
        )
        assert made.status_code == 200, f"{made.text}\n{server.log_tail()}"
    with server.client(complainant) as ann:
        assert ann.get(f"/v1/cases/{reference}").json()["representations"] == []

    with server.client(live.caseworker) as staff:
        decided = staff.post(
            f"/v1/cases/{reference}/actions",
            json={
                "action": "decide_confidentiality",
                "event_version": made.json()["version"],
                "accept": True,
                "summary": SUMMARY,
                "reasons": "The notes show how the bank detects fraud.",
            },
        )
        assert decided.status_code == 200, f"{decided.text}\n{server.log_tail()}"

    with server.client(complainant) as ann:
        seen = ann.get(f"/v1/cases/{reference}").text + ann.get(f"/v1/cases/{reference}/events").text
        assert SUMMARY in seen and SECRET not in seen
    with server.client(firm) as bank:
        letter = bank.get(f"/v1/cases/{reference}/letters/confidentiality_decision", params={"format": "text"})
        assert letter.status_code == 200 and SUMMARY in " ".join(letter.text.split())
