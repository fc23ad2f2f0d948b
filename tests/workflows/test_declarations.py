"""Each DISP 3 step is declared once, and every table the engine reads about steps is derived from the declarations.

A step's pieces (sources and destination, roles, fields, guard, the time limit it opens or is fired by, the
letters it sends, its citations, the step it leads on to) live in its declaration in ``workflows/steps/``. These
tests fail if a step is declared twice, if a derived table disagrees with the declarations, or if a step's name
turns up, as a string, in a module of the engine that has no business naming it.
"""

from __future__ import annotations

import ast
import typing
from collections import Counter
from pathlib import Path

import pytest

from ombudsman import effects, letters
from workflows import events, table
from workflows.machine import MACHINE
from workflows.steps import STEPS
from workflows.vocabulary import State

ROOT = Path(__file__).resolve().parents[2]
NAMES = [step.name for step in STEPS]


def test_every_step_is_declared_exactly_once() -> None:
    assert [name for name, count in Counter(NAMES).items() if count > 1] == []
    assert table.OPENING.name not in NAMES  # opening a case is written as a step, but nobody takes it on a case


def test_every_trigger_of_the_statechart_has_its_declaration_and_no_other() -> None:
    assert set(MACHINE.events) == {step.name for step in STEPS if not step.is_action}
    for step in table.STEPS:
        transitions = MACHINE.events[step.name].transitions
        assert set(transitions) == {source.value for source in step.sources}
        destinations = {transition.dest for found in transitions.values() for transition in found}
        back = {state.value for waiting in step.sources for state in table.RETURNS_TO.get(waiting, ())}
        back = back if step.returns else set()
        onward = {step.dest.value} if step.dest is not None else set()
        assert back or onward
        assert destinations == back | onward


def test_the_tables_the_engine_reads_are_the_declarations() -> None:
    by_name = {step.name: step for step in STEPS}
    assert by_name == table.STEP_BY_NAME
    assert {name: step.roles for name, step in by_name.items()} == table.PERMISSIONS
    assert {name: step.fields for name, step in by_name.items()} == table.FIELDS
    assert {name: step.guard for name, step in by_name.items()} == table.GUARDS
    assert {name: step.sends for name, step in by_name.items() if step.sends} == table.SENDS
    assert {name: sends for name, sends in letters.SENDS.items() if name != "open_case"} == table.SENDS
    assert set(table.SWEPT_TRIGGERS) == {step.name for step in STEPS if step.fired_by is not None}


def test_every_swept_step_is_fired_by_a_limit_that_some_step_opens_and_the_stage_limits_follow() -> None:
    opened = {step.opens for step in STEPS if step.opens is not None}
    for step in STEPS:
        if step.fired_by is not None:
            assert step.fired_by in opened, f"{step.name} is fired by {step.fired_by}, which no step opens"
            assert table.FIRED_BY[step.fired_by] == step.name
    for step in STEPS:
        if step.opens is not None and step.dest is not None:
            assert table.STAGE_LIMITS[step.dest] == step.opens


def test_a_step_leads_on_only_to_a_declared_trigger_it_can_reach() -> None:
    for step in STEPS:
        if step.then is not None:
            follower = table.STEP_BY_TRIGGER[step.then]
            assert set(step.sources) & set(follower.sources), f"{step.name} can never lead on to {step.then}"


def test_every_kind_of_event_an_effect_can_return_has_exactly_one_writer() -> None:
    assert set(effects.WRITERS) == set(typing.get_args(events.Event))


def test_every_letter_a_step_sends_has_its_templates() -> None:
    for step in STEPS:
        for kind, recipients in step.sends:
            assert recipients, f"{step.name} sends {kind} to nobody"
            for form in ("html", "txt"):
                assert (letters.TEMPLATES / "letters" / f"{kind.value}.{form}.j2").exists()


def test_the_only_state_with_no_step_into_it_is_the_first() -> None:
    reached = {step.dest for step in table.STEPS if step.dest is not None} | {
        state for back in table.RETURNS_TO.values() for state in back
    }
    assert [state for state in State if state not in reached] == [State.referred]


# Where a step's name may be written as a string in the engine: its declaration (its stage module), and nowhere
# else; the engine reaches a step it needs by name through its declaration (``DETERMINING``, ``PUBLISHING``).
ALLOWED: dict[str, set[str] | None] = {
    "workflows/steps/": None,  # every step's own stage
}
# Callers name the steps they take: the demonstration data, and the CLI and API that pass a caller's choice on.
CALLERS = {"ombudsman/demo/stories.py", "ombudsman/demo/generator.py"}


def _named_steps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    strings = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    return strings & set(NAMES)


@pytest.mark.parametrize("package", ["ombudsman", "workflows"])
def test_no_module_of_the_engine_names_a_step_outside_its_declaration(package: str) -> None:
    for path in sorted((ROOT / package).rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        named = _named_steps(path)
        if not named or where in CALLERS:
            continue
        allowed = next((names for prefix, names in ALLOWED.items() if where.startswith(prefix)), set())
        if allowed is None:
            continue
        assert named <= allowed, f"{where} names {sorted(named - allowed)}: declare it with the step instead"


def test_each_step_is_named_in_at_most_two_modules_but_for_the_listed_few() -> None:
    modules: Counter[str] = Counter()
    for path in sorted([*(ROOT / "ombudsman").rglob("*.py"), *(ROOT / "workflows").rglob("*.py")]):
        where = path.relative_to(ROOT).as_posix()
        if where in CALLERS:
            continue
        for name in _named_steps(path):
            modules[name] += 1
    listed = {name for names in ALLOWED.values() if names for name in names}
    over = {name: count for name, count in modules.items() if count > 2 and name not in listed}
    assert over == {}
