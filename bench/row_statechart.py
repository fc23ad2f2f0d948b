"""The statechart: how the engine drives its ``transitions`` Machine, against two ways it could instead.

The engine fires a trigger on the one shared Machine through a light wrapper (``CaseInMachine``). Its baselines
are the alternatives it avoids: a Machine built per request, and add_model/remove_model around each fire. Figures
are microseconds a fire (``timeit``, a batch of fires a round); the ratio is the engine's way / the alternative,
so below 1 means the engine's choice is the cheaper one. (This was bench/run.py's only comparison before the suite.)
"""

from __future__ import annotations

import timeit
from collections.abc import Callable, Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

from context import Context
from harness import Row, interleave, ratio_below, summarise

from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.rulebook import load_rulebook
from workflows.attempt import Attempt, CaseSnapshot
from workflows.machine import MACHINE, CaseInMachine, build_machine
from workflows.table import FIELDS, State

NAMES = ("statechart_vs_machine_per_request", "statechart_vs_add_remove_model")

FACTS = CaseFacts.model_validate(
    {
        "complainant": {"name": "Ann Example", "kind": "consumer", "relationship": "customer"},
        "respondent": {"name": "Example Bank plc", "frn": "123456", "kind": "firm"},
        "activity": "regulated_activity",
        "establishment": "uk",
        "event_date": "2025-02-01",
        "complained_to_respondent_on": "2025-06-02",
        "final_response_sent_on": "2025-07-21",
        "final_response_mentioned_time_limit": True,
        "referred_on": "2025-09-01",
    }
)
SNAPSHOT = CaseSnapshot("FOS-1", State.referred, FACTS, datetime(2025, 9, 1, tzinfo=ZoneInfo("Europe/London")))
ATTEMPT = Attempt(SNAPSHOT, FIELDS["start_jurisdiction_check"](), None, date(2025, 9, 8), load_rulebook())


def shared_machine() -> None:
    wrapper = CaseInMachine(ATTEMPT)
    assert MACHINE.events["start_jurisdiction_check"].trigger(wrapper)


def machine_per_request() -> None:
    wrapper = CaseInMachine(ATTEMPT)
    machine = build_machine()
    assert machine.events["start_jurisdiction_check"].trigger(wrapper)


def add_and_remove_model() -> None:
    wrapper = CaseInMachine(ATTEMPT)
    MACHINE.add_model(wrapper, initial=State.referred)
    assert MACHINE.events["start_jurisdiction_check"].trigger(wrapper)
    MACHINE.remove_model(wrapper)


def rows(ctx: Context, wanted: Callable[[str], bool]) -> Iterator[Row]:
    alternatives = {
        "statechart_vs_machine_per_request": machine_per_request,
        "statechart_vs_add_remove_model": add_and_remove_model,
    }
    config = ctx.config
    for name, alternative in alternatives.items():
        if not wanted(name):
            continue
        fires = config.statechart_fires // 10 if alternative is machine_per_request else config.statechart_fires

        def per_fire(function: Callable[[], None], number: int = fires) -> Callable[[int], float]:
            return lambda _: timeit.timeit(function, number=number) / number * 1e6

        row = Row(name, "µs", "none", ratio_below(1))
        baseline, measured = interleave(
            per_fire(alternative), per_fire(shared_machine), rounds=config.statechart_rounds, warmup=1
        )
        summarise(row, baseline, measured)
        row.note = (
            f"value: the shared machine; baseline: {alternative.__name__.replace('_', ' ')}; {fires} fires a round"
        )
        yield row
