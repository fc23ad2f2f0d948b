"""Row 8: opening cases in bulk, cases a second, against raw multi-row INSERTs of the same rows.

The baseline reads back the rows one case opened by the service made (the case, its parties, its audit event,
its letter: whatever tables they are in) and inserts them again once for each case of the round, with a fresh id
(from the table's sequence on PostgreSQL, max(id) + 1 on SQLite, as the engine takes them) and reference, a few
hundred rows to a statement, all in one transaction.

- ``open_cases``: ``CaseService.open_case`` once a case, each its own transaction, as the API opens one.
- ``open_cases_bulk``: ``CaseService.open_cases``: a list of cases at once.
- ``open_cases_import`` and ``open_cases_demo`` (full mode, where the command line has them): ``ombudsman import
  FILE`` (JSON lines of facts) and ``ombudsman demo --cases N``, each run as a process on a fresh database, its
  start included (the note gives the command's own figure too). ``demo --cases`` also takes its cases on through
  their steps, so it does more a case than the baseline.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

from context import OPENED, Context
from harness import Row, interleave, summarise, value_at_least
from seeding import CASEWORKER, Raw, facts
from servers import OMBUDSMAN, server_environment
from sqlalchemy import JSON, Engine
from sqlmodel import SQLModel

from ombudsman.clock import FixedClock
from ombudsman.service import CaseService

NAMES = ("open_cases", "open_cases_bulk", "open_cases_import", "open_cases_demo")
ROWS_A_STATEMENT = 200


def rows(ctx: Context, wanted: Callable[[str], bool]) -> Iterator[Row]:
    if wanted("open_cases"):
        yield open_cases(ctx)
    if wanted("open_cases_bulk"):
        yield open_cases_bulk(ctx)
    if ctx.config.quick:
        return  # the commands' rows start a process a round: the full suite's
    commands = _bulk_commands()
    if wanted("open_cases_import") and "import" in commands:
        yield open_by_command(ctx, "open_cases_import")
    if wanted("open_cases_demo") and "demo --cases" in commands:
        yield open_by_command(ctx, "open_cases_demo")


def _bulk_commands() -> set[str]:
    """Which bulk paths the command line has now (another engineer is adding them)."""
    found = set()
    demo = subprocess.run([str(OMBUDSMAN), "demo", "--help"], capture_output=True, text=True, check=False)
    if demo.returncode == 0 and "--cases" in demo.stdout:
        found.add("demo --cases")
    bulk = subprocess.run([str(OMBUDSMAN), "import", "--help"], capture_output=True, text=True, check=False)
    if bulk.returncode == 0:
        found.add("import")
    return found


class RawOpener:
    """Inserts copies of one opened case's rows, many cases to a statement."""

    def __init__(self, engine: Engine, case_id: int) -> None:
        self.engine = engine
        self.rows: list[tuple[str, list[str], list[tuple[Any, ...]]]] = []  # table, columns, rows
        raw = Raw(engine)
        quote = engine.dialect.identifier_preparer.quote
        try:
            for table in SQLModel.metadata.sorted_tables:
                if table.name != "cases" and "case_id" not in table.columns:
                    continue
                columns = [column.name for column in table.columns if table.name == "cases" or column.name != "id"]
                owner = "id" if table.name == "cases" else "case_id"
                found = raw.execute(
                    f"SELECT {', '.join(quote(name) for name in columns)} FROM {quote(table.name)} "
                    f"WHERE {owner} = :id ORDER BY {'id' if 'id' in table.columns else owner}",
                    {"id": case_id},
                ).fetchall()
                if found:
                    wrap = [isinstance(table.columns[name].type, JSON) and not raw.sqlite for name in columns]
                    self.rows.append((table.name, columns, [self._wrapped(row, wrap) for row in found]))
        finally:
            raw.close()
        assert self.rows and self.rows[0][0] == "cases", self.rows
        self.year = str(self.rows[0][2][0][self.rows[0][1].index("reference")]).split("-")[1]

    @staticmethod
    def _wrapped(row: Any, wrap: list[bool]) -> tuple[Any, ...]:
        from psycopg.types.json import Json

        return tuple(
            Json(value) if json_column and value is not None else value
            for value, json_column in zip(row, wrap, strict=True)
        )

    def open(self, count: int) -> None:
        raw = Raw(self.engine)
        quote = self.engine.dialect.identifier_preparer.quote
        try:
            raw.begin()
            if raw.sqlite:
                first = raw.execute("SELECT coalesce(max(id), 0) + 1 FROM cases").fetchone()[0]
                ids = list(range(first, first + count))
            else:
                ids = [
                    number
                    for (number,) in raw.execute(
                        "SELECT nextval(pg_get_serial_sequence('cases', 'id')) FROM generate_series(1, :n)",
                        {"n": count},
                    ).fetchall()
                ]
            for table, columns, template_rows in self.rows:
                if table == "cases":
                    at = {name: columns.index(name) for name in ("id", "reference", "idempotency_key")}
                    made = []
                    for case_id in ids:
                        values = list(template_rows[0])
                        values[at["id"]] = case_id
                        values[at["reference"]] = f"FOS-{self.year}-{case_id:06d}"
                        values[at["idempotency_key"]] = None
                        made.append(values)
                else:
                    owner = columns.index("case_id")
                    made = []
                    for case_id in ids:
                        for template_row in template_rows:
                            values = list(template_row)
                            values[owner] = case_id
                            made.append(values)
                mark = "?" if raw.sqlite else "%s"
                one = "(" + ", ".join([mark] * len(columns)) + ")"
                head = f"INSERT INTO {quote(table)} ({', '.join(quote(name) for name in columns)}) VALUES "
                for start in range(0, len(made), ROWS_A_STATEMENT):
                    chunk = made[start : start + ROWS_A_STATEMENT]
                    raw.cursor.execute(head + ", ".join([one] * len(chunk)), [value for row in chunk for value in row])
            raw.commit()
        finally:
            raw.close()


def open_cases(ctx: Context) -> Row:
    """``CaseService.open_case`` once a case, each in its own transaction, as the API opens one."""
    count = ctx.config.open_cases

    def one_at_a_time(service: CaseService, cases: list[Any]) -> None:
        for case_facts in cases:
            service.open_case(CASEWORKER, case_facts)

    return _opening(ctx, name="open_cases", count=count, open_them=one_at_a_time, note="one open_case each")


def open_cases_bulk(ctx: Context) -> Row:
    """``CaseService.open_cases``: the whole round's cases in one call."""
    count = ctx.config.bulk_cases

    def together(service: CaseService, cases: list[Any]) -> None:
        opened = service.open_cases(CASEWORKER, cases)
        if len(opened) != count:
            raise RuntimeError(f"open_cases opened {len(opened)} of {count} cases")

    return _opening(ctx, name="open_cases_bulk", count=count, open_them=together, note="in one call of open_cases")


def _opening(
    ctx: Context, *, name: str, count: int, open_them: Callable[[CaseService, list[Any]], None], note: str
) -> Row:
    """A round opens ``count`` new cases the engine's way (``open_them``), against the raw inserts of as many."""
    row = Row(name, "cases/s", ctx.database, value_at_least(1000, "cases/s"))
    engine = ctx.open_work().engine
    service = CaseService(engine, FixedClock(OPENED))
    opener = RawOpener(engine, service.open_case(CASEWORKER, facts(0)).id or 0)
    made = [0]

    def raw_round(_: int) -> float:
        start = time.perf_counter()
        opener.open(count)
        return count / (time.perf_counter() - start)

    def engine_round(_: int) -> float:
        cases = [facts(made[0] + number) for number in range(count)]
        made[0] += count
        start = time.perf_counter()
        open_them(service, cases)
        return count / (time.perf_counter() - start)

    baseline, measured = interleave(raw_round, engine_round, rounds=ctx.config.open_rounds, warmup=1)
    summarise(row, baseline, measured)
    tables = ", ".join(f"{table} {len(template_rows)}" for table, _, template_rows in opener.rows)
    row.note = f"{count} cases a round, {note}; raw inserts, a case: {tables}"
    return row


def open_by_command(ctx: Context, name: str) -> Row:
    """``ombudsman demo --cases N`` or ``ombudsman import FILE`` as a process on a fresh database, each round."""
    config = ctx.config
    demo = name.endswith("demo")
    count = config.demo_cases if demo else config.bulk_cases
    row = Row(name, "cases/s", ctx.database, value_at_least(1000, "cases/s"))
    engine = ctx.open_work().engine
    opener = RawOpener(engine, CaseService(engine, FixedClock(OPENED)).open_case(CASEWORKER, facts(0)).id or 0)
    cases_file = ctx.backend.run_dir / "cases.jsonl"
    cases_file.write_text("".join(json.dumps(facts(number)) + "\n" for number in range(count)))
    problems: list[str] = []
    own: list[float] = []  # the rate the command itself reports

    def raw_round(_: int) -> float:
        start = time.perf_counter()
        opener.open(count)
        return count / (time.perf_counter() - start)

    def command_round(number: int) -> float:
        fresh = ctx.backend.fresh(f"bulk{number}")
        try:
            command = (
                [str(OMBUDSMAN), "demo", "--cases", str(count)]
                if name.endswith("demo")
                else [
                    str(OMBUDSMAN),
                    "import",
                    str(cases_file),
                ]
            )
            start = time.perf_counter()
            done = subprocess.run(
                [*command, "--database", fresh.url], capture_output=True, text=True, env=server_environment()
            )
            elapsed = time.perf_counter() - start
            if done.returncode != 0:
                raise RuntimeError(f"{' '.join(command[1:3])} failed: {(done.stderr or done.stdout).strip()[-300:]}")
            if figure := re.search(r"([\d,.]+) (?:cases )?a second", done.stdout):
                own.append(float(figure.group(1).replace(",", "")))
            from sqlalchemy import text

            with fresh.engine.connect() as connection:
                opened = int(connection.execute(text("SELECT count(*) FROM cases")).scalar_one())
            if opened < count:
                problems.append(f"round {number} opened {opened} cases, not {count}")
            return opened / elapsed
        finally:
            fresh.drop()

    rounds = config.demo_rounds if demo else config.command_rounds
    baseline, measured = interleave(raw_round, command_round, rounds=rounds, warmup=0)
    summarise(row, baseline, measured)
    row.note = f"{count} cases a round, the process's start included"
    if own:
        row.note += f"; the command's own figure: {statistics.median(own):,.0f} a second"
    if demo:
        row.note += "; demo --cases also takes its cases through their steps"
    if problems:
        row.note += "; " + "; ".join(problems)
    return row
