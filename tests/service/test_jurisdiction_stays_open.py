"""Contract edition 3 point 1: jurisdiction stays open until determination (DISP 3.2.1R, 3.2.3R-3.2.5R), walked
through the service on both databases."""

from __future__ import annotations

from datetime import date

import pytest

from ombudsman.clock import FixedClock
from ombudsman.errors import Refused
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER, OMBUDSMAN
from tests.walk import FIRM, Walk

OUT_OF_SCOPE = {"activity": "other"}  # corrected: not an activity the Ombudsman's jurisdiction covers (DISP 2.3)
IN_SCOPE = {"activity": "regulated_activity"}


def test_a_firm_may_object_to_a_late_complaint_the_day_after_it_was_accepted_and_the_case_is_decided_out(
    service: CaseService, clock: FixedClock
) -> None:
    """The issue's probe: accepted on the firm's silence (DISP 2.8.2R(5), seed edition), the firm objects next day."""
    walk = Walk(service, clock, date(2026, 3, 2), referred_on="2026-03-01")  # six months ran out on 21 January
    walk.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
    walk.step(
        CASEWORKER, "accept_jurisdiction", "investigation", exception="respondent_consent", reasons="No objection."
    )
    walk.step(FIRM, "record_late_referral_position", "investigation", days=1, consents=False, reasons="Too late.")
    walk.step(CASEWORKER, "invite_jurisdiction_representations", "jurisdiction_representations", raised_by="respondent")
    walk.step(FIRM, "make_representations", "jurisdiction_representations", text="Our final response warned them.")
    walk.step(walk.complainant, "make_representations", "jurisdiction_representations", text="I was unwell.")
    walk.step(CASEWORKER, "decide_out_of_jurisdiction", "out_of_jurisdiction", reasons="Referred too late.")


def test_accepting_jurisdiction_from_a_question_raised_in_the_investigation_returns_the_case_to_the_investigation(
    service: CaseService, clock: FixedClock
) -> None:
    walk = Walk(service, clock, date(2025, 9, 8))
    walk.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
    walk.step(CASEWORKER, "accept_jurisdiction", "investigation", days=1, reasons="Every DISP 2 test passes.")
    walk.step(CASEWORKER, "invite_jurisdiction_representations", "jurisdiction_representations", raised_by="ombudsman")
    walk.step(walk.complainant, "make_representations", "jurisdiction_representations", text="It was my account.")
    walk.step(CASEWORKER, "accept_jurisdiction", "investigation", reasons="Every DISP 2 test still passes.")
    assert walk.reload().returns_to is None
    told = [letter for letter in walk.letters() if letter.kind == "jurisdiction_decision"][-2:]
    assert all("from where we were" in letter.text for letter in told)


def test_a_case_whose_corrected_facts_fail_a_test_cannot_be_determined_until_jurisdiction_is_decided_again(
    service: CaseService, clock: FixedClock
) -> None:
    walk = Walk(service, clock, date(2025, 9, 8)).to_awaiting_determination()
    walk.step(CASEWORKER, "amend_facts", "awaiting_determination", facts=OUT_OF_SCOPE, reasons="It was not regulated.")
    before = walk.reload().version
    with pytest.raises(Refused) as refusal:
        walk.determine()
    assert refusal.value.citation == "DISP 3.2.1R"
    assert "outside our jurisdiction" in refusal.value.detail
    assert walk.reload().version == before  # nothing written
    walk.step(CASEWORKER, "invite_jurisdiction_representations", "jurisdiction_representations", raised_by="ombudsman")
    walk.step(walk.complainant, "make_representations", "jurisdiction_representations", text="It was regulated.")
    walk.step(CASEWORKER, "amend_facts", "jurisdiction_representations", facts=IN_SCOPE, reasons="The contract shows.")
    walk.step(CASEWORKER, "accept_jurisdiction", "awaiting_determination", reasons="Every DISP 2 test passes.")
    walk.determine()


def test_a_provisional_assessment_is_refused_while_corrected_facts_fail_a_test(
    service: CaseService, clock: FixedClock
) -> None:
    walk = Walk(service, clock, date(2025, 9, 8)).to_investigation()
    walk.step(CASEWORKER, "amend_facts", "investigation", facts=OUT_OF_SCOPE, reasons="It was not regulated.")
    with pytest.raises(Refused) as refusal:
        service.act(
            CASEWORKER,
            walk.reference,
            "issue_provisional_assessment",
            fields={"outcome": "not_uphold", "reasons": "Nothing went wrong."},
        )
    assert refusal.value.citation == "DISP 3.2.1R"
    walk.step(CASEWORKER, "invite_jurisdiction_representations", "jurisdiction_representations", raised_by="ombudsman")
    walk.step(walk.complainant, "make_representations", "jurisdiction_representations", text="It was regulated.")
    walk.step(OMBUDSMAN, "decide_out_of_jurisdiction", "out_of_jurisdiction", reasons="Not a regulated activity.")
