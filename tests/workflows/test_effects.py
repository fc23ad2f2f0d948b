"""A step's effect is a pure function of the attempt: what it says happened, judged with no database at all."""

from __future__ import annotations

import dataclasses
from datetime import date

from tests.workflows.builders import TODAY, attempt, hearing_request, limit
from workflows.events import (
    AwardMade,
    CaseMarked,
    HearingRequestsDecided,
    Noted,
    RegisterStatusSet,
    RepresentationMade,
    TimeLimitExtended,
    TimeLimitOpened,
)
from workflows.machine import decide
from workflows.table import STEP_BY_NAME, State

S = State


def effect_of(state: State, name: str, **kwargs: object) -> list[object]:
    tried = attempt(state, name, **kwargs)  # type: ignore[arg-type]
    decision = decide(name, tried)
    assert decision.done, decision.finding.reason
    step = STEP_BY_NAME[name]
    assert step.effect is not None
    return list(step.effect(tried, decision.finding))


def test_a_determination_opens_the_acceptance_limit_ending_the_day_before_the_date_specified() -> None:
    events = effect_of(
        S.awaiting_determination,
        "determine",
        fields={"outcome": "uphold", "reasons": "Fair.", "accept_before": "2026-12-01"},
    )
    assert TimeLimitOpened("acceptance", date(2026, 11, 30), ("complainant",)) in events
    assert CaseMarked({"outcome": "uphold"}) in events
    [noted] = [event for event in events if isinstance(event, Noted)]
    assert noted.details == {"outcome": "uphold", "accept_before": "2026-12-01", "last_day_to_accept": "2026-11-30"}


def test_a_money_award_above_the_limit_is_capped_and_enters_the_register() -> None:
    awards = {"money": [{"head": "financial_loss", "amount": "200000.00"}]}
    events = effect_of(
        S.awaiting_determination, "determine", fields={"outcome": "uphold", "reasons": "Fair.", "awards": awards}
    )
    [award] = [event for event in events if isinstance(event, AwardMade)]
    assert str(award.calculation.money_award) == "150000.00" and award.enters_the_register


def test_a_provisional_award_never_enters_the_register() -> None:
    awards = {"money": [{"head": "financial_loss", "amount": "500.00"}]}
    events = effect_of(
        S.investigation,
        "issue_provisional_assessment",
        fields={"outcome": "uphold", "reasons": "Fair.", "awards": awards},
        limits=[limit("representations", date(2026, 10, 15))],
    )
    [award] = [event for event in events if isinstance(event, AwardMade)]
    assert not award.enters_the_register


def test_a_default_window_binding_a_complainant_who_needs_more_time_runs_longer() -> None:
    ordinary = effect_of(S.jurisdiction_check, "propose_dismissal", fields={"ground": "8", "reasons": "Court."})
    tried = dataclasses.replace(
        attempt(
            S.jurisdiction_check,
            "propose_dismissal",
            fields={"ground": "8", "reasons": "Court."},
            complainant={"vulnerable": True},
        ),
        more_time_days=14,
    )
    step = STEP_BY_NAME["propose_dismissal"]
    assert step.effect is not None
    longer = step.effect(tried, decide("propose_dismissal", tried).finding)
    [short] = [event for event in ordinary if isinstance(event, TimeLimitOpened)]
    [long] = [event for event in longer if isinstance(event, TimeLimitOpened)]
    assert short.due_on > TODAY and (long.due_on - short.due_on).days >= 14


def test_a_dismissal_proposal_remembers_the_state_to_return_to() -> None:
    events = effect_of(S.investigation, "propose_dismissal", fields={"ground": "8", "reasons": "Court."})
    assert CaseMarked({"returns_to": "investigation", "dismissal_ground": "8"}) in events


def test_a_confidential_representation_is_kept_from_the_other_party() -> None:
    events = effect_of(
        S.investigation,
        "make_representations",
        fields={"text": "My medical records.", "confidential": True},
        party="complainant",
    )
    assert RepresentationMade("complainant", "My medical records.", True) in events
    assert Noted({"party": "complainant", "confidential": True}, confidential_from="complainant") in events


def test_the_answers_to_a_determination_set_the_register_status() -> None:
    assert effect_of(S.determined, "accept", party="complainant") == [RegisterStatusSet("binding")]
    assert RegisterStatusSet("not_binding") in effect_of(S.determined, "reject", party="complainant")


def test_granting_a_hearing_decides_the_requests_waiting() -> None:
    events = effect_of(
        S.awaiting_determination,
        "grant_hearing",
        fields={"reasons": "Credibility is in issue.", "private": True},
        hearing_requests=[hearing_request()],
    )
    assert HearingRequestsDecided("granted", True) in events


def test_extending_a_time_limit_notes_where_it_was_and_where_it_goes() -> None:
    events = effect_of(
        S.investigation,
        "extend_time_limit",
        fields={"deadline": "representations", "until": "2026-11-30", "reasons": "Illness."},
        limits=[limit("representations", date(2026, 11, 16))],
    )
    assert TimeLimitExtended("representations", date(2026, 11, 30)) in events
    assert (
        Noted(
            {
                "deadline": "representations",
                "from": "2026-11-16",
                "until": "2026-11-30",
                "binds": ["complainant", "respondent"],
            }
        )
        in events
    )
