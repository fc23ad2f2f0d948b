"""The DISP 3 statechart, and every table the engine reads about its steps, derived from their declarations.

Each step is declared once, with its stage (``workflows.steps``). Everything here is read off those declarations:
the triggers and actions, the permission table, the field table, the guards, the triggers the deadline sweep
fires, the time limit that belongs to each waiting state, and the letters each step sends. Nothing here is
written beside a declaration, so nothing can disagree with one. The states, their phases and the sets of states
the steps' sources are made of come from the one state table, ``workflows.vocabulary.STATES``.
"""

from __future__ import annotations

from workflows.fields import Fields
from workflows.step import Guard, Recipients, Step
from workflows.steps import STEPS as DECLARED
from workflows.steps.determination import PUBLISHING
from workflows.steps.referral import AMENDING, OPENING
from workflows.vocabulary import (
    AFTER_DETERMINATION,
    BEFORE_DETERMINATION,
    BEFORE_INVESTIGATION,
    FINAL_STATES,
    INVESTIGATING,
    OPEN_STATES,
    STAFF,
    STATES,
    UNTIL_DETERMINED,
    LetterKind,
    Party,
    Phase,
    Role,
    State,
    StateRow,
    TimeLimitKind,
)

WORKFLOW_VERSION = 1

STEPS: tuple[Step, ...] = tuple(step for step in DECLARED if not step.is_action)  # the triggers
ACTIONS: tuple[Step, ...] = tuple(step for step in DECLARED if step.is_action)
STEP_BY_TRIGGER: dict[str, Step] = {step.name: step for step in STEPS}
ACTION_BY_NAME: dict[str, Step] = {step.name: step for step in ACTIONS}
STEP_BY_NAME: dict[str, Step] = {**STEP_BY_TRIGGER, **ACTION_BY_NAME}

# The one permission table (DISP 3.9.1R for staff; the roles of the parties), the fields and the guards.
PERMISSIONS: dict[str, frozenset[Role]] = {name: step.roles for name, step in STEP_BY_NAME.items()}
FIELDS: dict[str, type[Fields]] = {name: step.fields for name, step in STEP_BY_NAME.items()}
GUARDS: dict[str, Guard] = {name: step.guard for name, step in STEP_BY_NAME.items()}

# The deadline sweep: which trigger each kind of time limit fires when it passes.
SWEPT_TRIGGERS: tuple[str, ...] = tuple(step.name for step in STEPS if step.swept)
FIRED_BY: dict[str, str] = {str(step.fired_by): step.name for step in STEPS if step.fired_by is not None}

# The time limit that belongs to each waiting state: the one the step into that state opens. It closes when the
# case leaves the state (except to consider a dismissal, from which the case may come back to it).
STAGE_LIMITS: dict[State, TimeLimitKind] = {
    step.dest: step.opens for step in STEPS if step.dest is not None and step.opens is not None
}

# Which letters each step sends, and to whom.
SENDS: dict[str, tuple[tuple[LetterKind, Recipients], ...]] = {
    name: step.sends for name, step in STEP_BY_NAME.items() if step.sends
}

# The trigger that refers a complaint to the respondent first (DISP 3.2.2R): the one into `with_respondent`.
REFERRING_TO_RESPONDENT: Step = next(step for step in STEPS if step.dest is State.with_respondent)
# The steps always open to the parties (making representations): never listed as a party's to-do.
ROUTINE: frozenset[str] = frozenset(name for name, step in STEP_BY_NAME.items() if step.routine)
# The binding steps the pages show before taking them, and the step usually taken next from each state.
CHECKED: frozenset[str] = frozenset(name for name, step in STEP_BY_NAME.items() if step.checked)
USUAL: dict[State, str] = {state: step.name for step in DECLARED for state in step.usual_in}

# The trigger that determines a complaint: the one into `determined` (its audit event is the determination).
DETERMINING: Step = next(step for step in STEPS if step.dest is State.determined)


def _comes_back_to(waiting: State) -> tuple[State, ...]:
    """The states a case in ``waiting`` may go back to: those the steps into ``waiting`` that keep the state the case
    came from (``keeps_origin``) were taken from, but for the ones a returning step goes on from instead
    (``accept_jurisdiction`` goes on to the investigation from ``jurisdiction_check``, so a case invited to make
    representations from there is not taken back to it)."""
    leaving = [step for step in STEPS if step.returns and step.dest is not None and waiting in step.sources]
    goes_on = {source for step in leaving for source in step.sources}
    into = (source for step in STEPS if step.keeps_origin and step.dest is waiting for source in step.sources)
    return tuple(state for state in dict.fromkeys(into) if state not in goes_on)


# The waiting states a returning step leaves from (a dismissal proposal, representations on jurisdiction), each
# with the states the case may go back to from it: the state it came from is kept (``returns_to``).
RETURNS_TO: dict[State, tuple[State, ...]] = {
    waiting: _comes_back_to(waiting)
    for waiting in dict.fromkeys(source for step in STEPS if step.returns for source in step.sources)
    if _comes_back_to(waiting)
}


def may(role: Role, name: str) -> bool:
    """Whether a role may fire this trigger or action at all (the 403 question)."""
    return role in PERMISSIONS.get(name, frozenset())


def party_of(role: Role) -> Party | None:
    """The party a role speaks for: a firm user for the respondent, a complainant for the complainant."""
    return {Role.firm: Party.respondent, Role.complainant: Party.complainant}.get(role)


__all__ = [
    "ACTIONS",
    "ACTION_BY_NAME",
    "AFTER_DETERMINATION",
    "AMENDING",
    "BEFORE_DETERMINATION",
    "BEFORE_INVESTIGATION",
    "CHECKED",
    "DETERMINING",
    "FIELDS",
    "FINAL_STATES",
    "FIRED_BY",
    "GUARDS",
    "INVESTIGATING",
    "OPENING",
    "OPEN_STATES",
    "PERMISSIONS",
    "PUBLISHING",
    "REFERRING_TO_RESPONDENT",
    "RETURNS_TO",
    "ROUTINE",
    "SENDS",
    "STAFF",
    "STAGE_LIMITS",
    "STATES",
    "STEPS",
    "STEP_BY_NAME",
    "STEP_BY_TRIGGER",
    "SWEPT_TRIGGERS",
    "UNTIL_DETERMINED",
    "USUAL",
    "WORKFLOW_VERSION",
    "LetterKind",
    "Party",
    "Phase",
    "Role",
    "State",
    "StateRow",
    "Step",
    "TimeLimitKind",
]
