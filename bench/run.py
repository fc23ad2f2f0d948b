"""The benchmark suite: every figure a ratio against a baseline measured in the same run, interleaved with it.

    python bench/run.py [--quick] [--only NAME[,NAME...]] [--database sqlite|postgresql]

One JSON object a line on stdout, one per row and database (bench/README.md says what each measures, against
what, and its target); the summary table, and what the run is doing, on stderr. Without ``--database`` both
halves run, SQLite and PostgreSQL (at OMBUDSMAN_BENCH_POSTGRES_URL, default postgres@127.0.0.1:5432/test, where
it makes databases of its own); where PostgreSQL cannot be reached, the run says so in one line and runs the
SQLite half alone.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import loadgen
import row_http
import row_memory
import row_open
import row_statechart
import row_sweep
import row_trigger
from context import FULL, QUICK, Config, Context
from databases import POSTGRES_URL, Backend, drop_kept, postgres_problem
from harness import INFO, Report, Row, say


@dataclass(frozen=True)
class Group:
    name: str
    names: tuple[str, ...]
    rows: Callable[[Context, Callable[[str], bool]], Iterator[Row]]
    per_database: bool = True
    optional: tuple[str, ...] = ()  # rows that exist only where the engine has what they measure


GROUPS = (
    Group("statechart", row_statechart.NAMES, row_statechart.rows, per_database=False),
    Group("trigger", row_trigger.NAMES, row_trigger.rows),
    Group("http", row_http.NAMES, row_http.rows),
    Group("sweep", row_sweep.NAMES, row_sweep.rows),
    Group("memory", row_memory.NAMES, row_memory.rows),
    Group("open", row_open.NAMES, row_open.rows, optional=("open_cases_bulk", "open_cases_import", "open_cases_demo")),
)
EVERY_ROW = [name for group in GROUPS for name in group.names]


def _selection(only: list[str]) -> Callable[[str], bool]:
    chosen = {token.strip() for item in only for token in item.split(",") if token.strip()}
    unknown = chosen - set(EVERY_ROW) - {group.name for group in GROUPS}
    if unknown:
        raise SystemExit(f"unknown row {', '.join(sorted(unknown))}: choose from {', '.join(EVERY_ROW)} or a group")
    if not chosen:
        return lambda name: True
    expanded = {name for group in GROUPS if group.name in chosen for name in group.names} | chosen
    return lambda name: name in expanded


def _run_group(group: Group, ctx: Context, wanted: Callable[[str], bool], database: str) -> None:
    emitted: set[str] = set()
    started = time.perf_counter()
    try:
        for row in group.rows(ctx, wanted):
            row.seconds = time.perf_counter() - started
            ctx.report.emit(row)
            emitted.add(row.name)
            started = time.perf_counter()
    except Exception as error:  # one group failing leaves the others to run
        say("".join(traceback.format_exception(error)[-6:]).rstrip())
        message = f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}"
        for name in group.names:
            if wanted(name) and name not in emitted and name not in group.optional:
                failed = Row(name, "", database, INFO, error=message[:400])
                failed.seconds = time.perf_counter() - started
                ctx.report.emit(failed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and few rounds: under two minutes")
    parser.add_argument("--only", action="append", default=[], metavar="NAME", help="rows or groups (repeatable)")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), help="one half only")
    parser.add_argument("--reseed", action="store_true", help="seed the kept databases again")
    parser.add_argument("--drop-kept", action="store_true", help="drop the kept seeded databases, then stop")
    parser.add_argument("--list", action="store_true", help="print the rows and groups, then stop")
    parser.add_argument(
        "--postgres-reachable", action="store_true", help="exit 0 if PostgreSQL answers, else say so and exit 1"
    )
    arguments = parser.parse_args()
    if arguments.list:
        for group in GROUPS:
            print(f"{group.name}: {', '.join(group.names)}")
        return 0
    if arguments.postgres_reachable:
        problem = postgres_problem()
        if problem:
            say(f"PostgreSQL is not reachable at {POSTGRES_URL} ({problem}): running the SQLite half only")
            return 1
        return 0
    if arguments.drop_kept:
        drop_kept()
        return 0
    wanted = _selection(arguments.only)
    config: Config = QUICK if arguments.quick else FULL
    databases = [arguments.database] if arguments.database else ["sqlite", "postgresql"]
    if "postgresql" in databases and (problem := postgres_problem()):
        if arguments.database:
            say(f"PostgreSQL is not reachable at {POSTGRES_URL} ({problem})")
            return 2
        say(f"PostgreSQL is not reachable at {POSTGRES_URL} ({problem}): running the SQLite half only")
        databases = ["sqlite"]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the servers and databases are cleaned up
    Backend.clear_leftovers()
    report = Report()
    start = time.perf_counter()
    mode = "quick" if config.quick else "full"
    say(f"bench ({mode}): {', '.join(databases)}; HTTP load by {loadgen.tool_name()}")
    for group in GROUPS:
        if not group.per_database and any(wanted(name) for name in group.names):
            _run_group(group, Context(config, Backend("none"), report), wanted, "none")
    for database in databases:
        backend = Backend(database)
        ctx = Context(config, backend, report, reseed=arguments.reseed)
        half = time.perf_counter()
        say(f"-- {database}")
        try:
            for group in GROUPS:
                if group.per_database and any(wanted(name) for name in group.names):
                    say(f"   {group.name} ...")
                    _run_group(group, ctx, wanted, database)
        finally:
            if ctx.work is not None:
                ctx.work.dispose()
            backend.close()
        say(f"-- {database} took {time.perf_counter() - half:.0f} s")
    say(report.table(time.perf_counter() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
