"""Each state is declared once, in the state table, and every set of states the steps use is derived from it.

A state's row says what it means, its phase and whether it ends the case. These tests fail if a state has no row,
if a derived set differs from the members it had when the sets were still written out by hand, or if a new state
would slip into a step's sources because a set was "every state but these". They also hold every step to a plain
title and purpose, which the pages and ``docs/workflow.md`` show.
"""

from __future__ import annotations

import pytest

from workflows import vocabulary
from workflows.step import Step
from workflows.steps import STEPS
from workflows.table import OPENING, STEP_BY_NAME
from workflows.vocabulary import STATES, Phase, State, StateRow, StateSets

S = State


def test_every_state_has_exactly_one_row_in_the_order_state_lists_them() -> None:
    assert list(STATES) == list(State), "each State needs a row in workflows.vocabulary.STATES, saying its phase"


@pytest.mark.parametrize("state", list(State))
def test_every_row_says_what_its_state_means_in_one_sentence(state: State) -> None:
    row = STATES[state]
    assert isinstance(row.phase, Phase)
    assert row.meaning[:1].isupper() and row.meaning.endswith("."), row.meaning


def test_the_states_of_the_ended_phase_all_end_the_case() -> None:
    assert all(row.ends for row in STATES.values() if row.phase is Phase.ended)


def test_every_phase_holds_a_state() -> None:
    assert {row.phase for row in STATES.values()} == set(Phase)


# The sets as they were written out by hand before the state table: the derivation must give the same members,
# in the same order.
HAD: dict[str, frozenset[State] | tuple[State, ...]] = {
    "FINAL_STATES": frozenset(
        {
            S.out_of_jurisdiction,
            S.dismissed,
            S.referred_elsewhere,
            S.assessment_accepted,
            S.rejected,
            S.complied,
            S.settled,
            S.withdrawn,
        }
    ),
    "OPEN_STATES": (
        S.referred,
        S.with_respondent,
        S.jurisdiction_check,
        S.jurisdiction_representations,
        S.dismissal_representations,
        S.investigation,
        S.provisional_assessment,
        S.awaiting_determination,
        S.hearing,
        S.determined,
        S.accepted,
    ),
    "BEFORE_INVESTIGATION": (S.referred, S.with_respondent, S.jurisdiction_check, S.jurisdiction_representations),
    "BEFORE_DETERMINATION": (S.investigation, S.provisional_assessment, S.awaiting_determination),
    # Written as (*BEFORE_DETERMINATION, S.hearing) in the sources of settle and refuse_hearing.
    "INVESTIGATING": (S.investigation, S.provisional_assessment, S.awaiting_determination, S.hearing),
    "AFTER_DETERMINATION": (S.determined, S.accepted, S.rejected, S.complied),
    "UNTIL_DETERMINED": (
        S.referred,
        S.with_respondent,
        S.jurisdiction_check,
        S.jurisdiction_representations,
        S.dismissal_representations,
        S.investigation,
        S.provisional_assessment,
        S.awaiting_determination,
        S.hearing,
    ),
}


@pytest.mark.parametrize("name", list(HAD))
def test_the_derived_set_is_the_set_the_engine_had(name: str) -> None:
    assert getattr(vocabulary, name) == HAD[name]


def test_the_engine_sets_are_the_sets_of_its_own_table() -> None:
    sets = StateSets.of(STATES)
    assert sets.final == vocabulary.FINAL_STATES
    assert sets.open == vocabulary.OPEN_STATES
    assert sets.until_determined == vocabulary.UNTIL_DETERMINED
    assert STEP_BY_NAME["withdraw"].sources == vocabulary.UNTIL_DETERMINED


def test_open_and_final_states_are_every_state_once() -> None:
    assert set(vocabulary.OPEN_STATES) | vocabulary.FINAL_STATES == set(State)
    assert not set(vocabulary.OPEN_STATES) & vocabulary.FINAL_STATES


# The probe: a state `compliance_overdue` added after acceptance once made `withdraw` possible from it,
# because `withdraw`'s sources were every open state but the determined ones. Derived by phase, a new state falls
# among `withdraw`'s sources only if its phase is one before a determination.
NEW = "compliance_overdue"


@pytest.mark.parametrize(
    ("row", "withdrawable"),
    [
        (StateRow("The respondent has not complied in time.", Phase.after_acceptance), False),
        (StateRow("Something after a determination.", Phase.determined), False),
        (StateRow("Ended some new way.", Phase.ended, ends=True), False),
        (StateRow("Still being investigated some new way.", Phase.investigation), True),
        (StateRow("Ended during the investigation some new way.", Phase.investigation, ends=True), False),
    ],
)
def test_a_new_state_can_be_withdrawn_from_only_if_its_phase_comes_before_a_determination(
    row: StateRow, withdrawable: bool
) -> None:
    table: dict[State | str, StateRow] = {**STATES, NEW: row}
    sets = StateSets.of(table)
    assert (NEW in sets.until_determined) is withdrawable
    assert (NEW in sets.final) is row.ends
    assert (NEW in sets.open) is not row.ends
    # Every state the engine already has keeps its sets.
    assert tuple(state for state in sets.until_determined if state != NEW) == vocabulary.UNTIL_DETERMINED
    assert sets.final - {NEW} == vocabulary.FINAL_STATES


def test_a_state_added_after_acceptance_lands_where_the_determined_states_are() -> None:
    sets = StateSets.of({**STATES, NEW: StateRow("The respondent has not complied in time.", Phase.after_acceptance)})
    assert NEW in sets.after_determination and NEW in sets.open
    assert NEW not in sets.before_investigation + sets.before_determination + sets.investigating


@pytest.mark.parametrize("step", [OPENING, *STEPS], ids=lambda step: step.name)
def test_every_step_has_a_plain_title_and_purpose(step: Step) -> None:
    title, purpose = step.title, step.purpose
    assert title.strip() and purpose.strip()
    assert title[:1].isupper() and not title.endswith("."), title
    assert purpose[:1].isupper() and purpose.endswith("."), purpose
    assert "DISP" not in title + purpose, "titles and purposes are plain English: the citations say the paragraphs"


def test_no_two_steps_share_a_title() -> None:
    titles = [step.title for step in (OPENING, *STEPS)]
    assert len(titles) == len(set(titles))
