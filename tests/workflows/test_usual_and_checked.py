"""The step usually taken next from each state, and the binding steps the pages check first, declared with the
steps: each usual step leaves from the states it is usual in, no state has two, and the checked steps are the
binding acts the design names."""

from __future__ import annotations

from workflows.table import CHECKED, DECLARED, FINAL_STATES, USUAL, State


def test_a_usual_next_step_is_one_the_state_offers_and_no_state_has_two() -> None:
    pairs = [(state, step.name) for step in DECLARED for state in step.usual_in]
    assert len(pairs) == len(USUAL), "a state is declared usual for two steps"
    for step in DECLARED:
        assert set(step.usual_in) <= set(step.sources), f"{step.name} is usual where it cannot be taken"


def test_every_open_state_has_a_usual_next_step_but_the_provisional_assessments_waiting_time() -> None:
    """After a provisional assessment the usual course is to wait: the case closes on it unless a party disagrees."""
    waiting = {state for step in DECLARED for state in step.sources if state not in FINAL_STATES}
    assert waiting - set(USUAL) == {State.provisional_assessment}


def test_the_binding_steps_are_checked_before_they_are_taken() -> None:
    assert {
        "determine",
        "issue_provisional_assessment",
        "dismiss",
        "decide_out_of_jurisdiction",
        "accept_jurisdiction",
        "refer_elsewhere",
        "settle",
        "withdraw",
        "accept",
        "reject",
    } == CHECKED
