"""Rows 5 and 6: the deadline sweep (``CaseService.sweep``), when limits are due and when none is.

``sweep_due``: cases at ``provisional_assessment`` whose response time limit has passed, swept by the engine as of
the next day (``close_on_assessment``: the limit closed, the case moved, its audit event and two letters written),
against raw SQL doing the least each limit needs: select the due limits, then per limit close it, update the case
and insert an audit row, committing as often as the engine does (``Settings.sweep_batch`` limits a transaction, or
one limit a transaction where the setting does not exist). Each round sweeps its own cases: each pool's limits end
on a day of their own (each pool is cloned from its own template, made by the service with that ``respond_by``),
so a sweep as of the day after fires that pool alone. Figures are limits fired a second; the ratio is engine / raw.

``sweep_none``: the sweep of a seeded database (most cases with their limits closed, the open ones due after the
sweep's day) that finds nothing due, against one indexed ``SELECT ... LIMIT 1`` of a due limit through the DBAPI.
Figures are milliseconds; the target is the engine's own figure.
"""

from __future__ import annotations

import hashlib
import re
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from context import Context
from harness import Row, interleave, summarise, value_at_least, value_below
from seeding import BENCH_TODAY, Raw, assessed, clone, facts, next_id, seed_scale, walk

from ombudsman.clock import FixedClock
from ombudsman.service import CaseService
from ombudsman.settings import Settings
from workflows.table import STEP_BY_TRIGGER, SWEPT_TRIGGERS

NAMES = ("sweep_due", "sweep_none")
FIRST_DUE = date(2026, 10, 12)  # pool k's limits end on FIRST_DUE + k days
TRIGGER = "close_on_assessment"


def rows(ctx: Context, wanted: Callable[[str], bool]) -> Iterator[Row]:
    if wanted("sweep_due"):
        yield sweep_due(ctx)
    if wanted("sweep_none"):
        yield sweep_none(ctx)


def _swept_list() -> str:
    return ", ".join(f"'{name}'" for name in SWEPT_TRIGGERS)


def sweep_due(ctx: Context) -> Row:
    config = ctx.config
    row = Row("sweep_due", "limits/s", ctx.database, value_at_least(2000, "limits/s"))
    engine = ctx.open_work().engine
    warmup = 1
    pools = 2 * (config.sweep_rounds + warmup)
    for k in range(pools):
        template = walk(
            engine, assessed(FIRST_DUE + timedelta(days=k)), opened=date(2026, 10, 5), case_facts=facts(10 + k)
        )
        clone(engine, [template], first=next_id(engine), count=config.sweep_limits - 1)
    clock = FixedClock(BENCH_TODAY)
    service = CaseService(engine, clock)
    batch = int(getattr(Settings(), "sweep_batch", 1))
    shortfall: list[str] = []

    def raw_round(number: int) -> float:
        as_of = FIRST_DUE + timedelta(days=2 * number + 1)
        start = time.perf_counter()
        fired = raw_sweep(engine, as_of, batch)
        elapsed = time.perf_counter() - start
        if fired != config.sweep_limits:
            shortfall.append(f"raw fired {fired} as of {as_of}")
        return fired / elapsed

    def engine_round(number: int) -> float:
        as_of = FIRST_DUE + timedelta(days=2 * number + 2)
        clock.set(as_of)
        start = time.perf_counter()
        report = service.sweep(as_of)
        elapsed = time.perf_counter() - start
        if len(report.fired) != config.sweep_limits:
            shortfall.append(f"the engine fired {len(report.fired)} ({len(report.skipped)} skipped) as of {as_of}")
        return len(report.fired) / elapsed

    baseline, measured = interleave(raw_round, engine_round, rounds=config.sweep_rounds, warmup=warmup)
    summarise(row, baseline, measured)
    row.note = (
        f"{config.sweep_limits} due limits a round; raw commits every {batch} limits, as the engine's sweep_batch"
    )
    if shortfall:
        row.note += "; " + "; ".join(shortfall)
    return row


def raw_sweep(engine: Any, as_of: date, batch: int) -> int:
    """The least a sweep writes for each due limit (closing on the assessment): the limit closed, the case moved
    and its version raised, an audit row; ``batch`` limits a transaction."""
    raw = Raw(engine)
    postgresql = not raw.sqlite
    lock = " FOR UPDATE OF c" if postgresql else ""
    select = (
        "SELECT tl.id, tl.case_id FROM time_limits tl JOIN cases c ON c.id = tl.case_id "
        f"WHERE tl.status = 'open' AND tl.fires IN ({_swept_list()}) AND tl.due_on < :as_of "
        f"ORDER BY tl.due_on, tl.id LIMIT :batch{lock}"
    )
    to_state = STEP_BY_TRIGGER[TRIGGER].dest
    assert to_state is not None
    fired = 0
    try:
        while True:
            now = datetime.now(UTC)
            at = now if postgresql else now.strftime("%Y-%m-%d %H:%M:%S.%f")
            raw.begin()
            due = raw.execute(select, {"as_of": as_of if postgresql else as_of.isoformat(), "batch": batch}).fetchall()
            for limit_id, case_id in due:
                raw.execute(
                    "UPDATE time_limits SET status = 'closed', closed_at = :at, closed_by = :by WHERE id = :id",
                    {"at": at, "by": TRIGGER, "id": limit_id},
                )
                version = raw.execute(
                    "UPDATE cases SET state = :state, version = version + 1, updated_at = :at, entered_state_at = :at "
                    "WHERE id = :id RETURNING version",
                    {"state": to_state.value, "at": at, "id": case_id},
                ).fetchone()[0]
                raw.execute(
                    'INSERT INTO audit_events (case_id, version, at, "user", role, kind, name, from_state, to_state, '
                    "finding, citation, details, hash) VALUES (:case_id, :version, :at, 'deadline sweep', 'system', "
                    "'trigger', :name, 'provisional_assessment', :to_state, 'Nobody disagreed in time.', "
                    "'DISP 3.5.4R', '{}', :hash)",
                    {
                        "case_id": case_id,
                        "version": version,
                        "at": at,
                        "name": TRIGGER,
                        "to_state": to_state.value,
                        "hash": hashlib.sha256(f"{case_id}:{version}".encode()).hexdigest(),
                    },
                )
                fired += 1
            raw.commit()
            if len(due) < batch:
                return fired
    finally:
        raw.close()


def sweep_none(ctx: Context) -> Row:
    config = ctx.config
    cases = config.none_cases[ctx.database]
    row = Row("sweep_none", "ms", ctx.database, value_below(50, "ms"))
    seeded = ctx.backend.kept(cases, lambda database: seed_scale(database.engine, cases), reseed=ctx.reseed)
    engine = seeded.engine
    service = CaseService(engine, FixedClock(BENCH_TODAY))
    found: list[int] = []
    # The probe a sweep that finds nothing needs: one range read of an index on due_on. ORDER BY due_on keeps
    # PostgreSQL's planner on that index (with LIMIT 1 alone it may scan, and, finding nothing, read every row);
    # SQLite's, with no statistics, prefers the index on status and sorts, so it is told the index to use.
    index = _due_index(engine)
    select = (
        f"SELECT tl.id FROM time_limits tl{f' INDEXED BY {index}' if index else ''} WHERE tl.status = 'open' "
        f"AND tl.fires IN ({_swept_list()}) AND tl.due_on < :as_of ORDER BY tl.due_on LIMIT 1"
    )

    def raw_round(_: int) -> float:
        raw = Raw(engine)
        try:
            as_of: Any = BENCH_TODAY if not raw.sqlite else BENCH_TODAY.isoformat()
            times = []
            for _ in range(config.none_repeats):
                start = time.perf_counter()
                found.extend(raw.execute(select, {"as_of": as_of}).fetchall())
                times.append(time.perf_counter() - start)
        finally:
            raw.close()
        return statistics.median(times) * 1000

    def engine_round(_: int) -> float:
        times = []
        for _ in range(config.none_repeats):
            start = time.perf_counter()
            report = service.sweep(BENCH_TODAY)
            times.append(time.perf_counter() - start)
            found.extend(range(len(report.fired) + len(report.skipped)))
        return statistics.median(times) * 1000

    try:
        baseline, measured = interleave(raw_round, engine_round, rounds=config.none_rounds, warmup=1)
    finally:
        seeded.dispose()
    if found:
        raise RuntimeError(f"the seeded database of {cases:,} cases has limits due as of {BENCH_TODAY}")
    summarise(row, baseline, measured)
    row.note = f"{cases:,} cases, most with their limits closed; median of {config.none_repeats} sweeps a round"
    if index:
        row.note += f"; the raw probe reads SQLite's index {index}"
    return row


def _due_index(engine: Any) -> str | None:
    """SQLite: the best index for the probe, the partial index of the open limits on due_on if there is one,
    else any index leading with due_on (None on PostgreSQL, whose planner finds it itself)."""
    if engine.dialect.name != "sqlite":
        return None
    with engine.connect() as connection:
        indexes = connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'time_limits' AND sql IS NOT NULL"
        ).all()
    leading = [(name, sql) for name, sql in indexes if re.search(r"\(\s*\"?due_on\"?\s*[,)]", sql)]
    partial = [name for name, sql in leading if re.search(r"WHERE\s+\"?status\"?\s*=\s*'open'", sql)]
    return (partial or [name for name, _ in leading] or [None])[0]
