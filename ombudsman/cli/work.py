"""The running service's chores: ``sweep`` the deadlines, ``deliver`` the outbox, ``letters print-queue``, and
the ``cases`` listed with their next deadline."""

from __future__ import annotations

from typing import Annotated

import typer
from sqlmodel import col, select

from ombudsman import delivery
from ombudsman.cli.common import (
    Database,
    app,
    fail,
    letters_app,
    service_from,
    writable,
)
from ombudsman.db import transaction
from ombudsman.errors import InvalidInput, Problem
from ombudsman.models import Case, TimeLimit
from ombudsman.rules.time_limits import long_date
from ombudsman.rules.values import parse_day
from workflows.vocabulary import LimitStatus


@app.command()
def sweep(
    as_of: Annotated[str | None, typer.Option("--as-of", help="Judge deadlines as of this date (YYYY-MM-DD).")] = None,
    database: Database = None,
) -> None:
    """Fire every trigger whose deadline has passed: respondent_time_elapsed, close_on_assessment, lapse."""
    service = service_from(database)
    writable(service)
    try:
        day = parse_day(as_of) if as_of is not None else None
    except ValueError as error:
        fail(InvalidInput.field("--as-of", str(error)))
    try:
        report = service.sweep(day)
    except Problem as problem:
        fail(problem)
    for reference, trigger in report.fired:
        typer.echo(f"fired {trigger} on {reference}")
    for reference, trigger, why in report.skipped:
        typer.echo(f"skipped {trigger} on {reference}: {why}")
    typer.echo(f"sweep as of {report.as_of.isoformat()}: {len(report.fired)} fired, {len(report.skipped)} skipped")


@app.command()
def deliver(database: Database = None) -> None:
    """Email every letter due in the outbox through OMBUDSMAN_SMTP_URL, batch after batch until none is left (each
    once a run; a temporary failure is tried again later, a permanent refusal fails the letter)."""
    service = service_from(database)
    writable(service)
    if (smtp := service.settings.smtp_server) is None:
        typer.echo("no SMTP server is set (OMBUDSMAN_SMTP_URL): the letters wait in the outbox")
        return
    report = delivery.deliver(service.engine, service.clock, service.settings)
    typer.echo(
        f"through {smtp.shown()}: delivered {report.sent}, to try again later {report.retrying}, "
        f"failed {report.failed} (in {report.batches} batches of at most {delivery.BATCH})"
    )
    if report.overtaken:
        typer.echo(f"{report.overtaken} were sent after their lease ran out: another deliverer records them")


@letters_app.command("print-queue")
def print_queue(
    mark_printed: Annotated[
        bool, typer.Option("--mark-printed", help="Record every letter listed as printed and posted.")
    ] = False,
    database: Database = None,
) -> None:
    """List the letters to be printed and posted (their readers gave no email address)."""
    service = service_from(database)
    if mark_printed:
        writable(service)
    waiting = delivery.print_queue(service.engine)
    for reference, letter in waiting:
        made = long_date(letter.made_at.date())
        typer.echo(f"{letter.id}  {reference}  {letter.kind:<26}to the {letter.addressed_to}  {made}")
    typer.echo(f"{len(waiting)} letters to print")
    if mark_printed and waiting:
        marked = delivery.mark_printed(
            service.engine, [letter.id for _, letter in waiting if letter.id], service.clock.now()
        )
        typer.echo(f"marked {marked} printed")


@app.command()
def cases(database: Database = None) -> None:
    """List the cases with their state and next deadline."""
    service = service_from(database)
    with transaction(service.engine) as session:
        rows = session.exec(select(Case).order_by(col(Case.id))).all()
        for case in rows:
            limit = session.exec(
                select(TimeLimit)
                .where(TimeLimit.case_id == case.id, TimeLimit.status == LimitStatus.open)
                .order_by(col(TimeLimit.due_on))
            ).first()
            deadline = f"  {limit.kind} until {long_date(limit.due_on)}" if limit else ""
            typer.echo(f"{case.reference}  {case.state:<30}{deadline}")
