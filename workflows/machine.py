"""The one shared ``transitions`` Machine for every case, built once from the table.

No case is ever registered with it (``model=None``): each attempt fires the event on a light wrapper
(``MACHINE.events[trigger].trigger(wrapper)``), so there is no model list to scan and nothing to clean up.
``auto_transitions=False`` means no ``to_<state>()`` shortcut can bypass a guard.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from transitions import EventData, Machine

from ombudsman.rules.finding import Finding
from workflows.attempt import Attempt
from workflows.table import (
    ACTION_BY_NAME,
    FINAL_STATES,
    GUARDS,
    PERMISSIONS,
    RETURNS_TO,
    STEP_BY_TRIGGER,
    STEPS,
    Role,
    State,
    Step,
)


class CaseInMachine:
    """The light wrapper the machine drives: the state, and the findings of the guards it asked."""

    def __init__(self, attempt: Attempt) -> None:
        self.state = attempt.case.state
        self.attempt = attempt
        self.findings: list[Finding] = []


def _check(event: EventData) -> bool:
    model = cast(CaseInMachine, event.model)
    finding = GUARDS[event.event.name](model.attempt)
    model.findings.append(finding)
    return finding.passed is True


def _returns_to(dest: State | None) -> Any:
    """A returning step goes back where the case came from (None: it came from nowhere it goes back to, so it
    goes on to the step's own destination): one transition per possible state."""

    def came_from(event: EventData) -> bool:
        model = cast(CaseInMachine, event.model)
        return model.attempt.case.returns_to is dest

    return came_from


def _transitions() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for step in STEPS:
        if step.returns:
            rows.extend(
                {
                    "trigger": step.name,
                    "source": waiting,
                    "dest": back,
                    "conditions": [_returns_to(back), _check],
                }
                for waiting in step.sources
                for back in RETURNS_TO.get(waiting, ())
            )
        if step.dest is not None:
            rows.append(
                {
                    "trigger": step.name,
                    "source": list(step.sources),
                    "dest": step.dest,
                    "conditions": [_returns_to(None), _check] if step.returns else [_check],
                }
            )
    return rows


def build_machine() -> Machine:
    """The statechart as a transitions Machine. Called once, below; the benchmark calls it to compare."""
    return Machine(
        model=None,
        states=State,
        transitions=_transitions(),
        initial=State.referred,
        auto_transitions=False,
        send_event=True,
    )


MACHINE = build_machine()


@dataclass(frozen=True)
class Decision:
    """What the workflow decided about an attempt: done (with the state it leads to) or refused, and why."""

    name: str
    done: bool
    from_state: State
    to_state: State
    finding: Finding
    kind: str = "trigger"  # or "action"


def triggers_from(state: State) -> list[str]:
    return [step.name for step in STEPS if state in step.sources]


def actions_in(state: State) -> list[str]:
    return [action.name for action in ACTION_BY_NAME.values() if state in action.sources]


def allowed(state: State, role: Role) -> list[str]:
    """The triggers and actions a role may try in this state (their guards still judge the attempt)."""
    return [name for name in [*triggers_from(state), *actions_in(state)] if role in PERMISSIONS[name]]


def _wrong_state(name: str, state: State) -> Finding:
    if state in FINAL_STATES:
        reason = f"The case has ended ({state.value}), so {name} cannot be done."
    else:
        reason = f"{name} cannot be done while the case is in {state.value}."
    citation = STEP_BY_TRIGGER[name].cites if name in STEP_BY_TRIGGER else ACTION_BY_NAME[name].cites
    return Finding(name, False, reason, citation)


def decide(name: str, attempt: Attempt) -> Decision:
    """Judge one trigger or action against the case as it stands; fires the machine for a trigger."""
    state = attempt.case.state
    if name in ACTION_BY_NAME:
        if state not in ACTION_BY_NAME[name].sources:
            return Decision(name, False, state, state, _wrong_state(name, state), kind="action")
        finding = GUARDS[name](attempt)
        return Decision(name, finding.passed is True, state, state, finding, kind="action")
    step: Step = STEP_BY_TRIGGER[name]
    if state not in step.sources:
        return Decision(name, False, state, state, _wrong_state(name, state))
    wrapper = CaseInMachine(attempt)
    done = MACHINE.events[name].trigger(wrapper)
    if not wrapper.findings:  # no transition matched: withdraw_dismissal_proposal with nowhere to go back to
        reason = f"The case has no earlier state recorded to go back to, so {name} cannot be done."
        return Decision(name, False, state, state, Finding(name, False, reason, step.cites))
    return Decision(name, bool(done), state, State(wrapper.state), wrapper.findings[-1])


def mermaid() -> str:
    """The statechart as a Mermaid diagram, read from the machine itself."""
    lines = ["stateDiagram-v2", f"    [*] --> {MACHINE.initial}"]
    for trigger, event in MACHINE.events.items():
        for source, transitions in event.transitions.items():
            edges = dict.fromkeys(f"    {source} --> {transition.dest}: {trigger}" for transition in transitions)
            lines.extend(edges)  # an edge both returned along and gone on along is drawn once
    lines.extend(f"    {state.value} --> [*]" for state in State if state in FINAL_STATES)
    return "\n".join(lines) + "\n"
