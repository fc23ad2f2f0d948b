"""``ombudsman demo`` and ``ombudsman import``: cases made in bulk, seeded for a demonstration or read from JSON
lines, each opened and taken on through the real steps."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from sqlmodel import col, select

from ombudsman import bulk
from ombudsman.access import Actor
from ombudsman.cli.common import (
    Database,
    Quiet,
    app,
    create_schema_or_exit,
    fail,
    service_from,
)
from ombudsman.db import transaction
from ombudsman.errors import InvalidInput
from ombudsman.models import Case
from workflows.table import STAFF

IMPORTER = Actor("bulk import", None)  # who opens imported cases: the service itself, as the sweep is


@contextmanager
def _progress(quiet: bool) -> Iterator[Progress]:
    """A progress bar on standard error, shown only where that is a terminal and --quiet was not given."""
    columns = (
        TextColumn("{task.description:<14}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), disable=quiet or not sys.stderr.isatty()) as progress:
        yield progress


def _per_second(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}" if seconds > 0 else "all"


@app.command()
def demo(
    *,
    cases: Annotated[
        int | None,
        typer.Option(
            "--cases",
            min=1,
            max=1_000_000,
            metavar="N",
            help="Generate N more cases from --seed instead: opened in bulk, taken on through the real steps.",
        ),
    ] = None,
    from_seed: Annotated[
        int | None, typer.Option("--seed", help="With --cases: the same seed and day make the same cases (default 1).")
    ] = None,
    quiet: Quiet = False,
    database: Database = None,
) -> None:
    """Seed realistic cases in every state, dated around today (once), and print a token for each role; or, with
    --cases N, generate N more."""
    from ombudsman.demo import cases_to_do, demo_users, seed

    if cases is not None:
        _generated(cases, seed=1 if from_seed is None else from_seed, quiet=quiet, database=database)
        return
    if from_seed is not None:
        fail(InvalidInput.field("--seed", "goes with --cases: the hand-written cases have no seed"))
    service = service_from(database)
    create_schema_or_exit(service)
    with transaction(service.engine) as session:
        references = list(session.exec(select(Case.reference).order_by(col(Case.id))).all())
    if references:
        typer.echo(f"the database already has {len(references)} cases: not seeding them again")
    else:
        for reference, state in seed(service.engine, service.settings, service.clock.today()):
            typer.echo(f"{reference}  {state}")
            references.append(reference)
    typer.echo("demo tokens (shown once; sign in with one at /login, or send it as 'Authorization: Bearer TOKEN'):")
    for role, name, token in demo_users(service.engine, service.clock, references):
        work = cases_to_do(service.engine, service.clock, token)
        if role in STAFF:
            for_them = f"every case; {len(work)} with a step to take now"
        else:
            for_them = "; ".join(f"{reference}: {', '.join(steps)}" for reference, steps in work) or "nothing to do now"
        typer.echo(f"  {role.value:<12} {name:<40} [{for_them}]  {token}")


def _generated(count: int, *, seed: int, quiet: bool, database: str | None) -> None:
    """``demo --cases N``: N cases generated from the seed, opened in bulk and taken on through the real steps."""
    from ombudsman.demo import plan_cases, seed_planned, state_counts, steps_to_take

    service = service_from(database)
    create_schema_or_exit(service)
    today = service.clock.today()
    plans = plan_cases(count, seed=seed, today=today)
    started = time.perf_counter()
    with _progress(quiet) as progress:
        tasks = {
            "opened": progress.add_task("opening cases", total=count),
            "steps": progress.add_task("taking steps", total=steps_to_take(plans, today)),
        }
        made = seed_planned(
            service.engine,
            service.settings,
            plans,
            today=today,
            advance=lambda kind, done: progress.advance(tasks[kind], done),
        )
    seconds = time.perf_counter() - started
    first, last = min(reference for reference, _ in made.cases), max(reference for reference, _ in made.cases)
    typer.echo(
        f"made {count} cases ({first} to {last}) and took {made.steps} steps on them in {seconds:.1f} s: "
        f"{_per_second(count, seconds)} cases a second"
    )
    typer.echo(f"  {state_counts(made.states)}")
    if made.refused:
        typer.echo(f"  {made.refused} steps were refused by the rules: their cases stay where the rules left them")


@app.command("import")
def import_cases(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="JSON lines: each line one case's facts, as POST /v1/cases takes them ('-' reads standard input).",
        ),
    ],
    *,
    quiet: Quiet = False,
    database: Database = None,
) -> None:
    """Open a case for each line of FILE, each checked as the API checks a new case: every bad line is named, by
    its number and field, and then nothing at all is written (exit 2)."""
    service = service_from(database)
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as error:
        fail(InvalidInput.field("FILE", f"{file} cannot be read ({error.strerror})"))
    lines = bulk.split_lines(data)
    if not lines:
        fail(InvalidInput.field("FILE", f"{file} is empty: there are no cases to import"))
    create_schema_or_exit(service)
    started = time.perf_counter()
    with _progress(quiet) as progress:
        checking = progress.add_task("checking", total=len(lines))
        try:
            facts = bulk.read_lines(
                lines, service.facts_to_open, progress=lambda done: progress.advance(checking, done)
            )
        except bulk.BadLines as bad:
            progress.stop()
            for item in bad.errors or []:
                typer.echo(f"line {item['line']}: {item['field']}: {item['message']}", err=True)
            if bad.unreported:
                typer.echo(f"and {bad.unreported} more bad lines", err=True)
            fail(bad)
        del lines, data
        gc.freeze()  # what was read stays until the end: the collector need not look through it again and again
        opening = progress.add_task("opening", total=len(facts))
        references = service.open_cases(IMPORTER, facts, progress=lambda done: progress.advance(opening, done))
    seconds = time.perf_counter() - started
    typer.echo(
        f"imported {len(references)} cases ({references[0]} to {references[-1]}) in {seconds:.1f} s: "
        f"{_per_second(len(references), seconds)} a second"
    )
