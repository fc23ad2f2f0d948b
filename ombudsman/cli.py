"""The ``ombudsman`` command: set up the database, add users, seed demo data, run the deadline sweep."""

from __future__ import annotations

import gc
import os
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from sqlmodel import col, select

from ombudsman import bulk, delivery
from ombudsman.db import SchemaChange, SchemaRefused, check_schema, create_schema, transaction
from ombudsman.errors import InvalidInput, Problem
from ombudsman.models import Case, TimeLimit
from ombudsman.rules.time_limits import long_date
from ombudsman.rules.values import parse_day
from ombudsman.service import Actor, CaseService, service_for
from ombudsman.settings import Settings
from ombudsman.users import DEFAULT_EXPIRY_DAYS, UserRow, add_user, list_users, revoke_user
from workflows.machine import mermaid
from workflows.table import STAFF, Role
from workflows.vocabulary import LimitStatus

APP_FACTORY = "ombudsman.api.app:app_from_settings"  # what each worker process of `serve --workers N` runs

app = typer.Typer(
    help="A case-workflow engine for the Financial Ombudsman procedure (FCA Handbook, DISP).",
    no_args_is_help=True,
)
users_app = typer.Typer(help="Manage the people who use the engine.", no_args_is_help=True)
app.add_typer(users_app, name="users")
audit_app = typer.Typer(help="Check the audit trail.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
letters_app = typer.Typer(help="The letters waiting to be printed and posted.", no_args_is_help=True)
app.add_typer(letters_app, name="letters")

Database = Annotated[
    str | None,
    typer.Option("--database", help="Database URL (default: OMBUDSMAN_DATABASE_URL, else sqlite:///ombudsman.db)."),
]


def _service(database: str | None) -> CaseService:
    """The service as every command runs it: settings from the environment, the clock they call for."""
    try:
        settings = Settings()
    except ValidationError as error:  # a setting in the environment is malformed: name its variable
        item = error.errors()[0]
        variable = "OMBUDSMAN_" + "_".join(str(part) for part in item["loc"]).upper()
        _fail(InvalidInput.field(variable, item["msg"].removeprefix("Value error, ")))
    if database:
        settings = settings.model_copy(update={"database_url": database})
    return service_for(settings)


def _create_schema(service: CaseService) -> SchemaChange:
    """Create the tables or bring them up to date; a database that cannot be is refused, saying why."""
    try:
        return create_schema(service.engine)
    except SchemaRefused as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from None


def _writable(service: CaseService) -> None:
    """Refuse, before anything is done, a database this release must not write to: not set up, at an older
    revision, or at one a newer release made. Every command that writes without creating or upgrading the tables
    calls it first (the others call ``_create_schema``)."""
    try:
        check_schema(service.engine)
    except SchemaRefused as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from None


def _fail(problem: Problem) -> NoReturn:
    typer.echo(f"error: {problem.detail}", err=True)
    raise typer.Exit(code=2)


@app.command("init-db")
def init_db(database: Database = None) -> None:
    """Create the schema, or upgrade it to this release's (safe to run again)."""
    service = _service(database)
    change = _create_schema(service)
    if change.created:
        typer.echo(f"created the tables (at revision {change.after})")
    elif change.adopted:
        typer.echo(f"recorded the tables, made before migrations, at revision {change.before} (the baseline)")
    if change.before is not None and change.before != change.after:
        typer.echo(f"upgraded from {change.before} to {change.after}")
    elif not change.created and not change.adopted:
        typer.echo(f"already up to date (at revision {change.after})")
    typer.echo(f"database ready: {service.engine.url.render_as_string(hide_password=True)}")


@users_app.command("add")
def users_add(
    name: str,
    role: Annotated[Role, typer.Option(help="caseworker, ombudsman, firm or complainant")],
    frn: Annotated[str | None, typer.Option(help="A firm user's firm reference number.")] = None,
    *,
    case: Annotated[list[str] | None, typer.Option(help="A complainant's case reference (repeatable).")] = None,
    expires_in: Annotated[
        int, typer.Option("--expires-in", metavar="DAYS", help="Days until the token stops working (1 to 3650).")
    ] = DEFAULT_EXPIRY_DAYS,
    database: Database = None,
) -> None:
    """Make a user; prints their token alone on the last line, once."""
    service = _service(database)
    _writable(service)
    try:
        token = add_user(
            service.engine, service.clock, name, role=role, frn=frn, cases=case or [], expires_in_days=expires_in
        )
    except Problem as problem:
        _fail(problem)
    typer.echo(f"made {role.value} user {name}; their token, which works for {expires_in} days (shown once):")
    typer.echo(token)


def _user_table(rows: list[UserRow], now: datetime) -> list[str]:
    """The users as an aligned table: who, their role, their firm or cases, and whether their token still works."""
    table = [("ID", "NAME", "ROLE", "FIRM OR CASES", "EXPIRY", "REVOKED")]
    for row in rows:
        bound = f"FRN {row.frn}" if row.frn else ", ".join(row.cases) or "-"
        day = long_date(row.expires_at.date())
        expiry = f"expired {day}" if row.expired(now) else f"expires {day}"
        revoked = f"revoked on {long_date(row.revoked_at.date())}" if row.revoked_at else "-"
        table.append((str(row.id), row.name, row.role.value, bound, expiry, revoked))
    widths = [max(len(line[column]) for line in table) for column in range(len(table[0]))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in table]


@users_app.command("list")
def users_list(database: Database = None) -> None:
    """List the users: id, name, role, firm or cases, expiry and revocation (never a token)."""
    service = _service(database)
    rows = list_users(service.engine)
    if not rows:
        typer.echo("no users yet: make one with `ombudsman users add`")
        return
    for line in _user_table(rows, service.clock.now()):
        typer.echo(line)


@users_app.command("revoke")
def users_revoke(
    name_or_id: Annotated[str, typer.Argument(metavar="NAME-OR-ID", help="The user's id, or their exact name.")],
    database: Database = None,
) -> None:
    """Revoke a user's token at once: the next request made with it is refused. Doing it again changes nothing."""
    service = _service(database)
    _writable(service)
    try:
        row = revoke_user(service.engine, service.clock, name_or_id)
    except Problem as problem:
        _fail(problem)
    assert row.revoked_at is not None
    typer.echo(
        f"revoked {row.role.value} user {row.name} (id {row.id}) on {long_date(row.revoked_at.date())}: "
        "their token no longer works"
    )


Quiet = Annotated[
    bool, typer.Option("--quiet", help="Show no progress bar (none is shown unless stderr is a terminal).")
]
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
        _fail(InvalidInput.field("--seed", "goes with --cases: the hand-written cases have no seed"))
    service = _service(database)
    _create_schema(service)
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

    service = _service(database)
    _create_schema(service)
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
    service = _service(database)
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as error:
        _fail(InvalidInput.field("FILE", f"{file} cannot be read ({error.strerror})"))
    lines = bulk.split_lines(data)
    if not lines:
        _fail(InvalidInput.field("FILE", f"{file} is empty: there are no cases to import"))
    _create_schema(service)
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
            _fail(bad)
        del lines, data
        gc.freeze()  # what was read stays until the end: the collector need not look through it again and again
        opening = progress.add_task("opening", total=len(facts))
        references = service.open_cases(IMPORTER, facts, progress=lambda done: progress.advance(opening, done))
    seconds = time.perf_counter() - started
    typer.echo(
        f"imported {len(references)} cases ({references[0]} to {references[-1]}) in {seconds:.1f} s: "
        f"{_per_second(len(references), seconds)} a second"
    )


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    *,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Server processes sharing the port.")] = 1,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            "--forwarded-allow-ips",
            metavar="ADDRESSES",
            help="The reverse proxies whose X-Forwarded-Proto and X-Forwarded-For are believed, comma-separated "
            "(default: OMBUDSMAN_FORWARDED_ALLOW_IPS, else 127.0.0.1,::1).",
        ),
    ] = None,
    database: Database = None,
) -> None:
    """Serve the pages and the API (docs at /docs), in one process or several on one port."""
    import uvicorn

    from ombudsman.api import server
    from ombudsman.api.app import served_app

    if forwarded_allow_ips is not None:  # read by this process's settings and by every worker's
        os.environ["OMBUDSMAN_FORWARDED_ALLOW_IPS"] = forwarded_allow_ips

    if not _port_is_free(host, port):
        typer.echo(
            f"error: port {port} on {host} is taken (is another server running?): "
            f"choose another with --port, or PORT=... for make run",
            err=True,
        )
        raise typer.Exit(code=2)
    service = _service(database)
    _create_schema(service)
    typer.echo(
        f"serving the pages at http://{host}:{port}/ and the API at http://{host}:{port}/v1 "
        f"(interactive docs: http://{host}:{port}/docs)"
    )
    if (smtp := service.settings.smtp_server) is not None:
        typer.echo(
            f"delivering letters through {smtp.shown()} every {service.settings.delivery_interval_seconds} seconds"
        )
        delivery.start_deliverer(service.engine, service.clock, service.settings)
    else:
        typer.echo("no SMTP server is set (OMBUDSMAN_SMTP_URL): letters wait in the outbox")
    open_files = server.raise_open_files_limit()
    limits = server.options(service.settings)
    typer.echo(
        f"each process takes {limits['limit_concurrency']} connections at once ({open_files} open files); "
        f"forwarded headers are believed from {service.settings.forwarded_allow_ips or 'no one'}"
    )
    if workers == 1:
        uvicorn.run(served_app(service), host=host, port=port, log_level="warning", **limits)
        return
    # Each worker process builds its own service from the same settings: the database named here included.
    os.environ["OMBUDSMAN_DATABASE_URL"] = service.settings.database_url
    typer.echo(f"{workers} worker processes share the port")
    uvicorn.run(APP_FACTORY, factory=True, workers=workers, host=host, port=port, log_level="warning", **limits)


def _port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself binds
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


@app.command()
def sweep(
    as_of: Annotated[str | None, typer.Option("--as-of", help="Judge deadlines as of this date (YYYY-MM-DD).")] = None,
    database: Database = None,
) -> None:
    """Fire every trigger whose deadline has passed: respondent_time_elapsed, close_on_assessment, lapse."""
    service = _service(database)
    _writable(service)
    try:
        day = parse_day(as_of) if as_of is not None else None
    except ValueError as error:
        _fail(InvalidInput.field("--as-of", str(error)))
    try:
        report = service.sweep(day)
    except Problem as problem:
        _fail(problem)
    for reference, trigger in report.fired:
        typer.echo(f"fired {trigger} on {reference}")
    for reference, trigger, why in report.skipped:
        typer.echo(f"skipped {trigger} on {reference}: {why}")
    typer.echo(f"sweep as of {report.as_of.isoformat()}: {len(report.fired)} fired, {len(report.skipped)} skipped")


@app.command()
def deliver(database: Database = None) -> None:
    """Email every letter due in the outbox through OMBUDSMAN_SMTP_URL, batch after batch until none is left (each
    once a run; a temporary failure is tried again later, a permanent refusal fails the letter)."""
    service = _service(database)
    _writable(service)
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
    service = _service(database)
    if mark_printed:
        _writable(service)
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
    service = _service(database)
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


@audit_app.command("verify")
def audit_verify(database: Database = None) -> None:
    """Check every case's audit trail: exit 0 when all is intact, 1 naming where it is not."""
    from ombudsman.audit import verify

    result = verify(_service(database).engine)
    for broken in result.breaks:
        typer.echo(f"BROKEN {broken.reference} at version {broken.version}: {broken.problem}")
    if not result.intact:
        typer.echo(f"audit trail NOT intact: {len(result.breaks)} of {result.cases} cases broken", err=True)
        raise typer.Exit(code=1)
    typer.echo(f"audit trail intact: {result.cases} cases, {result.events} events")
    typer.echo(f"digest of every case's latest event (keep it to compare later): {result.digest}")


@app.command()
def diagram() -> None:
    """Print the statechart (Mermaid), read from the machine itself."""
    typer.echo(mermaid(), nl=False)


if __name__ == "__main__":
    app()
