"""Benchmarks: how to drive the statechart. Figures are ratios against a baseline measured in the same run.

Baseline: firing a trigger on the one shared Machine through a light wrapper (what the engine does).
Compared: a Machine built per request (what the engine avoids), and add_model/remove_model around each fire.
"""

from __future__ import annotations

import timeit
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.rulebook import load_rulebook
from workflows.attempt import Attempt, CaseSnapshot
from workflows.machine import MACHINE, CaseInMachine, build_machine
from workflows.table import FIELDS, State

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
ROUNDS = 2000


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


def main() -> None:
    results = {}
    for name, function in [
        ("shared machine, light wrapper (baseline)", shared_machine),
        ("add_model / remove_model per fire", add_and_remove_model),
        ("a Machine built per request", machine_per_request),
    ]:
        results[name] = min(timeit.repeat(function, number=ROUNDS, repeat=5)) / ROUNDS
    baseline = next(iter(results.values()))
    for name, seconds in results.items():
        print(f"{name:<45} {seconds / baseline:6.1f}x  ({seconds * 1e6:8.1f} µs a fire)")


if __name__ == "__main__":
    main()
