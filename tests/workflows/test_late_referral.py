"""DISP 2.8.2R(5) in a case: the respondent says whether it objects to a late complaint being considered
(``record_late_referral_position``), and when the Ombudsman raises a possibly missed time limit the respondent
has not spoken to, it is invited to say so alongside the complainant."""

from __future__ import annotations

from typing import Any

import pytest

from tests.workflows.builders import attempt, try_
from workflows.events import FactsRecorded, Noted
from workflows.table import STEP_BY_NAME, State

S = State
LATE: dict[str, Any] = {"referred_on": "2026-03-01"}  # more than six months after the 21 July 2025 final response


@pytest.mark.parametrize("consents", [True, False])
def test_the_respondent_records_whether_it_consents_to_a_late_referral(consents: bool) -> None:
    decision = try_(
        S.jurisdiction_check,
        "record_late_referral_position",
        {"consents": consents, "reasons": "Our position."},
        party="respondent",
    )
    assert decision.done
    assert decision.to_state is S.jurisdiction_check
    assert decision.finding.citation == "DISP 2.8.2R(5)"
    assert ("consents to" if consents else "objects") in decision.finding.reason


def test_the_respondents_position_becomes_a_fact_of_the_case() -> None:
    tried = attempt(
        S.jurisdiction_check,
        "record_late_referral_position",
        {"consents": False, "reasons": "It is late."},
        party="respondent",
    )
    step = STEP_BY_NAME["record_late_referral_position"]
    assert step.effect is not None
    events = step.effect(tried, step.guard(tried))
    assert events == [FactsRecorded({"respondent_consents_to_late_referral": False}), Noted({"consents": False})]


@pytest.mark.parametrize("party", [None, "complainant"])
def test_only_the_respondent_says_whether_it_objects(party: str | None) -> None:
    decision = try_(
        S.jurisdiction_check, "record_late_referral_position", {"consents": True, "reasons": "x"}, party=party
    )
    assert not decision.done
    assert "Only the respondent" in decision.finding.reason


@pytest.mark.parametrize("state", [S.investigation, S.hearing, S.awaiting_determination])
def test_the_position_may_be_recorded_until_the_complaint_is_determined(state: State) -> None:
    """Edition 3: jurisdiction stays open until determination (DISP 3.2.1R), and with it the firm's position."""
    decision = try_(state, "record_late_referral_position", {"consents": False, "reasons": "x"}, party="respondent")
    assert decision.done
    assert decision.to_state is state


@pytest.mark.parametrize("state", [S.determined, S.accepted, S.out_of_jurisdiction])
def test_the_position_may_not_be_recorded_once_the_complaint_is_determined_or_closed(state: State) -> None:
    decision = try_(state, "record_late_referral_position", {"consents": True, "reasons": "x"}, party="respondent")
    assert not decision.done
    assert decision.to_state is state
    assert "cannot be done" in decision.finding.reason


def test_when_the_ombudsman_raises_a_missed_limit_the_silent_respondent_is_invited_too() -> None:
    decision = try_(S.jurisdiction_check, "invite_jurisdiction_representations", {"raised_by": "ombudsman"}, **LATE)
    assert decision.done
    assert decision.finding.details["invited"] == ("complainant", "respondent")
    assert decision.finding.citation == "DISP 3.2.4R, DISP 2.8.2R(5)"


@pytest.mark.parametrize("position", [True, False])
def test_a_respondent_that_has_said_is_not_asked_again(position: bool) -> None:
    decision = try_(
        S.jurisdiction_check,
        "invite_jurisdiction_representations",
        {"raised_by": "ombudsman"},
        **LATE,
        respondent_consents_to_late_referral=position,
    )
    assert decision.finding.details["invited"] == ("complainant",)


def test_when_nothing_may_be_late_the_ombudsman_invites_the_complainant_alone() -> None:
    decision = try_(S.jurisdiction_check, "invite_jurisdiction_representations", {"raised_by": "ombudsman"})
    assert decision.finding.details["invited"] == ("complainant",)
    assert decision.finding.citation == "DISP 3.2.4R"
