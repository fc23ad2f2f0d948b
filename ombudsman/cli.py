"""The ``ombudsman`` command: set up the database, add users, seed demo data, run the deadline sweep."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from sqlmodel import col, select

from ombudsman.clock import SystemClock
from ombudsman.db import create_schema, make_engine, transaction
from ombudsman.errors import Problem
from ombudsman.models import Case, TimeLimit
from ombudsman.rules.time_limits import long_date
from ombudsman.service import CaseService
from ombudsman.settings import Settings
from ombudsman.users import add_user
from workflows.machine import mermaid
from workflows.table import Role

app = typer.Typer(
    help="A case-workflow engine for the Financial Ombudsman procedure (FCA Handbook, DISP).",
    no_args_is_help=True,
)
users_app = typer.Typer(help="Manage the people who use the engine.", no_args_is_help=True)
app.add_typer(users_app, name="users")

Database = Annotated[
    str | None,
    typer.Option("--database", help="Database URL (default: OMBUDSMAN_DATABASE_URL, else sqlite:///ombudsman.db)."),
]


def _service(database: str | None) -> CaseService:
    settings = Settings()
    if database:
        settings = settings.model_copy(update={"database_url": database})
    return CaseService(make_engine(settings.database_url), SystemClock(), settings)


def _fail(problem: Problem) -> None:
    typer.echo(f"error: {problem.detail}", err=True)
    raise typer.Exit(code=2)


@app.command("init-db")
def init_db(database: Database = None) -> None:
    """Create the schema (safe to run again)."""
    service = _service(database)
    create_schema(service.engine)
    typer.echo(f"database ready: {service.engine.url.render_as_string(hide_password=True)}")


@users_app.command("add")
def users_add(
    name: str,
    role: Annotated[Role, typer.Option(help="caseworker, ombudsman, firm or complainant")],
    frn: Annotated[str | None, typer.Option(help="A firm user's firm reference number.")] = None,
    case: Annotated[list[str] | None, typer.Option(help="A complainant's case reference (repeatable).")] = None,
    database: Database = None,
) -> None:
    """Make a user; prints their token alone on the last line, once."""
    service = _service(database)
    try:
        token = add_user(service.engine, service.clock, name, role, frn, case or [])
    except Problem as problem:
        _fail(problem)
    typer.echo(f"made {role.value} user {name}; their token (shown once):")
    typer.echo(token)


@app.command()
def demo(database: Database = None) -> None:
    """Seed realistic cases in every state, dated around today (once), and print a token for each role."""
    from ombudsman.demo import demo_users, seed

    service = _service(database)
    create_schema(service.engine)
    with transaction(service.engine) as session:
        references = list(session.exec(select(Case.reference).order_by(col(Case.id))).all())
    if references:
        typer.echo(f"the database already has {len(references)} cases: not seeding them again")
    else:
        for reference, state in seed(service.engine, service.settings):
            typer.echo(f"{reference}  {state}")
            references.append(reference)
    typer.echo("demo tokens (shown once; use as 'Authorization: Bearer TOKEN'):")
    for role, name, token in demo_users(service.engine, references):
        typer.echo(f"  {role.value:<12} {name:<40} {token}")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    database: Database = None,
) -> None:
    """Serve the API (docs at /docs)."""
    import uvicorn

    from ombudsman.api import create_app

    service = _service(database)
    create_schema(service.engine)
    typer.echo(f"serving the DISP engine at http://{host}:{port}/v1 (interactive docs: http://{host}:{port}/docs)")
    uvicorn.run(create_app(service), host=host, port=port, log_level="warning")


@app.command()
def sweep(
    as_of: Annotated[str | None, typer.Option("--as-of", help="Judge deadlines as of this date (YYYY-MM-DD).")] = None,
    database: Database = None,
) -> None:
    """Fire every trigger whose deadline has passed: respondent_time_elapsed, close_on_assessment, lapse."""
    service = _service(database)
    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        typer.echo(f"error: --as-of {as_of!r} is not a date (YYYY-MM-DD)", err=True)
        raise typer.Exit(code=2) from None
    report = service.sweep(day)
    for reference, trigger in report.fired:
        typer.echo(f"fired {trigger} on {reference}")
    for reference, trigger, why in report.skipped:
        typer.echo(f"skipped {trigger} on {reference}: {why}")
    typer.echo(f"sweep as of {report.as_of.isoformat()}: {len(report.fired)} fired, {len(report.skipped)} skipped")


@app.command()
def cases(database: Database = None) -> None:
    """List the cases with their state and next deadline."""
    service = _service(database)
    with transaction(service.engine) as session:
        rows = session.exec(select(Case).order_by(col(Case.id))).all()
        for case in rows:
            limit = session.exec(
                select(TimeLimit)
                .where(TimeLimit.case_id == case.id, TimeLimit.status == "open")
                .order_by(col(TimeLimit.due_on))
            ).first()
            deadline = f"  {limit.kind} until {long_date(limit.due_on)}" if limit else ""
            typer.echo(f"{case.reference}  {case.state:<30}{deadline}")


@app.command()
def diagram() -> None:
    """Print the statechart (Mermaid), read from the machine itself."""
    typer.echo(mermaid(), nl=False)


if __name__ == "__main__":
    app()
