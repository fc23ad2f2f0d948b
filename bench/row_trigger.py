"""Row 1: a persisted trigger through ``CaseService.act``, against the same writes sent raw.

The engine fires the trigger on a fresh case (a clone of a template in the trigger's source state), one use case
and one transaction each, as the API does. The baseline sends the writes that trigger makes (the UPDATE of the
case and its INSERTs), exactly as the engine sent them: they are captured once from the engine itself, by
listening to ``before_cursor_execute`` while the service fires the trigger on a sentinel clone, then replayed on
a fresh clone through the DBAPI connection, with the captured parameters (the sentinel's id replaced by the
clone's), in one transaction (BEGIN IMMEDIATE on SQLite, as the engine begins). Figures are milliseconds a
trigger; the ratio is engine / raw.

``trigger`` fires ``start_jurisdiction_check`` (a case and an audit event); ``trigger_letters`` fires
``accept_jurisdiction`` (a time limit, an audit event, the case and two rendered letters).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from context import Context
from harness import Row, interleave, ratio_at_most, summarise
from seeding import BENCH_TODAY, CASEWORKER, SENTINEL_ID, Raw, clone, delete_case, listening, reference_of, substituted
from sqlalchemy import text

from ombudsman.clock import FixedClock
from ombudsman.service import CaseService

TRIGGERS: dict[str, tuple[str, str, dict[str, Any], str]] = {
    "trigger": ("referred", "start_jurisdiction_check", {}, "jurisdiction_check"),
    "trigger_letters": (
        "jurisdiction_check",
        "accept_jurisdiction",
        {"reasons": "Every DISP 2 test passes."},
        "investigation",
    ),
}


def measure(ctx: Context, name: str) -> Row:
    template_name, trigger, fields, to_state = TRIGGERS[name]
    row = Row(name, "ms", ctx.database, ratio_at_most(2))
    config = ctx.config
    work = ctx.open_work()
    engine = work.engine
    service = CaseService(engine, FixedClock(BENCH_TODAY))
    template = ctx.template(template_name)

    clone(engine, [template], first=SENTINEL_ID, count=1)
    try:
        with listening(engine) as sent:
            service.act(CASEWORKER, reference_of(engine, SENTINEL_ID), trigger, fields=fields)
    finally:
        delete_case(engine, SENTINEL_ID)
    writes = [statement for statement in sent if statement.writes]
    counted = [statement for statement in sent if statement.counted]
    warmup = 1
    pool = iter(ctx.pool(template_name, (warmup + config.trigger_rounds) * config.trigger_batch * 2))
    checked: list[int] = []

    def raw_round(_: int) -> float:
        ids = [next(pool) for _ in range(config.trigger_batch)]
        raw = Raw(engine)
        try:
            start = time.perf_counter()
            for case_id in ids:
                raw.begin()
                for statement in writes:
                    raw.send(statement, substituted(statement.parameters, SENTINEL_ID, case_id))
                raw.commit()
            elapsed = time.perf_counter() - start
        finally:
            raw.close()
        checked.append(ids[-1])
        return elapsed / len(ids) * 1000

    def engine_round(_: int) -> float:
        references = [ctx.reference(next(pool)) for _ in range(config.trigger_batch)]
        start = time.perf_counter()
        for reference in references:
            service.act(CASEWORKER, reference, trigger, fields=fields)
        return (time.perf_counter() - start) / len(references) * 1000

    baseline, measured = interleave(raw_round, engine_round, rounds=config.trigger_rounds, warmup=warmup)
    with engine.connect() as connection:
        states = connection.execute(
            text(f"SELECT DISTINCT state FROM cases WHERE id IN ({','.join(map(str, checked))})")
        ).scalars()
        replayed = set(states)
    if replayed != {to_state}:
        raise RuntimeError(f"the raw replay left the cases in {replayed}, not {to_state}")
    row.note = (
        f"{trigger}: the engine sent {len(counted)} statements, {len(writes)} of them writes (what raw replays); "
        f"{config.trigger_batch} triggers a round"
    )
    return summarise(row, baseline, measured)


NAMES = tuple(TRIGGERS)


def rows(ctx: Context, wanted: Callable[[str], bool]) -> Iterator[Row]:
    for name in NAMES:
        if wanted(name):
            yield measure(ctx, name)
