"""Seeding: the demonstration's cases taken through their steps by the same service the API uses, with the clock
set to the day of each step, so every row is honest and deadlines fall around today; and the demo's users and
their tokens.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import col, select

from ombudsman.access import Actor, to_do
from ombudsman.clock import Clock, FixedClock, SystemClock
from ombudsman.db import transaction
from ombudsman.demo.generator import Planned
from ombudsman.demo.stories import STORIES, Step, story_facts
from ombudsman.errors import Refused
from ombudsman.models import Case
from ombudsman.queries import MAX_PAGE, list_cases
from ombudsman.service import CaseService, PlannedStep
from ombudsman.settings import Settings
from ombudsman.users import add_user, authenticate
from workflows.table import Role, State

CASEWORKER = Actor("Priya Shah", Role.caseworker)
OMBUDSMAN = Actor("Daniel Okafor", Role.ombudsman)

STEPS_A_BATCH = 200  # the steps of a day taken in each transaction (``CaseService.act_many``)


def _planned_step(reference: str, step: Step) -> PlannedStep:
    _, who, name, fields = step
    actor, extra = _actor(who)
    return PlannedStep(actor, reference, name, {**fields, **extra})


def _actor(who: str) -> tuple[Actor, dict[str, Any]]:
    if who == "ombudsman":
        return OMBUDSMAN, {}
    if who == "staff":
        return CASEWORKER, {}
    return CASEWORKER, {"on_behalf_of": who}  # the demo records parties' steps as staff taking them down


def _reference_of(references: list[str], complainant: str) -> str:
    return references[[story.complainant["name"] for story in STORIES].index(complainant)]


def demo_users(engine: Engine, clock: Clock, references: list[str]) -> list[tuple[Role, str, str]]:
    """A fresh user for each role, with their tokens (shown once): a firm with several cases, and a complainant."""
    firm_name, firm_frn, _ = next(story.firm for story in STORIES if story.firm[0] == "Brightwater Bank plc")
    made = []
    for role, name, frn, cases in [
        (Role.caseworker, "Demo caseworker", None, []),
        (Role.ombudsman, "Demo ombudsman", None, []),
        (Role.firm, f"Demo user at {firm_name}", firm_frn, []),
        # A complainant with a determination to answer (the firm above has compliance and responses to record).
        (Role.complainant, "Peter Lindqvist", None, [_reference_of(references, "Peter Lindqvist")]),
    ]:
        made.append((role, name, add_user(engine, clock, name, role=role, frn=frn, cases=cases)))
    return made


def cases_to_do(engine: Engine, clock: Clock, token: str) -> list[tuple[str, list[str]]]:
    """The cases a demo user may see that need their action now, each with the steps they may take on it."""
    actor = authenticate(engine, token, clock.now())
    assert actor is not None
    with transaction(engine) as session:
        cases = list_cases(session, actor, limit=MAX_PAGE).cases
        return [(record.case.reference, steps) for record in cases if (steps := to_do(actor, record.case))]


def seed(engine: Engine, settings: Settings, today: date | None = None) -> list[tuple[str, str]]:
    """Open every story's case and walk it to its state; returns each reference and state, in story order."""
    today = today or SystemClock().today()
    made: list[tuple[str, str]] = []
    for story in STORIES:
        opened_on = today - timedelta(days=story.opened_days_ago)
        clock = FixedClock(opened_on)
        service = CaseService(engine, clock, settings)
        case = service.open_case(CASEWORKER, story_facts(story, opened_on))
        for day, who, name, fields in story.steps:
            clock.set(opened_on + timedelta(days=day))
            service.sweep()  # as a live service sweeps every day
            actor, extra = _actor(who)
            case = service.act(actor, case.reference, name, fields={**fields, **extra})
        clock.set(today)
        service.sweep(today)
        made.append((case.reference, service.get(CASEWORKER, case.reference).state))
    return made


@dataclass
class Generated:
    """What ``seed_planned`` made: each case's reference and state, in the order planned, and the steps taken."""

    cases: list[tuple[str, str]] = field(default_factory=list)
    steps: int = 0
    refused: int = 0  # steps the rules refused, leaving their case where it was

    @property
    def states(self) -> Counter[str]:
        return Counter(state for _, state in self.cases)


Advance = Callable[[str, int], None]  # told ("opened", cases) and ("steps", steps) as they are done


def steps_to_take(plans: list[Planned], today: date) -> int:
    """How many steps the plans take by today."""
    return sum(1 for plan in plans for day, *_ in plan.steps if plan.opened_on + timedelta(days=day) <= today)


def seed_planned(
    engine: Engine, settings: Settings, plans: list[Planned], *, today: date, advance: Advance | None = None
) -> Generated:
    """Open the planned cases and take their steps, day by day up to today: each day's cases opened together in
    bulk on the day they were referred, the deadline sweep run as a live service runs it, then each step due that
    day judged and written by the service as the API's would be, a batch of them a transaction (``act_many``)."""
    clock = FixedClock(today)
    service = CaseService(engine, clock, settings)
    opening: dict[date, list[int]] = defaultdict(list)
    stepping: dict[date, list[tuple[int, Step]]] = defaultdict(list)
    for index, plan in enumerate(plans):
        opening[plan.opened_on].append(index)
        for step in plan.steps:
            day = plan.opened_on + timedelta(days=step[0])
            if day <= today:
                stepping[day].append((index, step))
    references: list[str] = [""] * len(plans)
    stopped: set[int] = set()
    made = Generated()
    for day in sorted({*opening, *stepping}):
        clock.set(day)
        if opening[day]:
            opened = service.open_cases(CASEWORKER, [plans[index].facts for index in opening[day]])
            for index, reference in zip(opening[day], opened, strict=True):
                references[index] = reference
            if advance is not None:
                advance("opened", len(opened))
        service.sweep()
        steps = stepping[day]
        for start in range(0, len(steps), STEPS_A_BATCH):
            taking = [(index, step) for index, step in steps[start : start + STEPS_A_BATCH] if index not in stopped]
            planned = [_planned_step(references[index], step) for index, step in taking]
            for (index, _), outcome in zip(taking, service.act_many(planned, batch=STEPS_A_BATCH), strict=True):
                if outcome is None:
                    made.steps += 1
                elif not isinstance(outcome, Refused):
                    raise outcome  # a planned step the engine cannot take: the plan is wrong, not the case
                elif index not in stopped:
                    stopped.add(index)  # the rules say no: the case stays where they leave it
                    made.refused += 1
            if advance is not None:
                advance("steps", len(steps[start : start + STEPS_A_BATCH]))
    clock.set(today)
    service.sweep(today)
    states: dict[str, str] = {}
    with transaction(engine) as session:
        for start in range(0, len(references), 500):
            chunk = references[start : start + 500]
            query = select(Case.reference, Case.state).where(col(Case.reference).in_(chunk))
            states.update((reference, str(state)) for reference, state in session.exec(query).all())
    made.cases = [(reference, states[reference]) for reference in references]
    return made


def state_counts(states: Counter[str]) -> str:
    """The states and how many cases are in each, in the workflow's order: "referred 56, investigation 31"."""
    return ", ".join(f"{state.value} {states[state.value]}" for state in State if states[state.value])
