"""What every command shares: the command and its groups, the options they all take, and the service as a command
runs it (its settings from the environment, its database checked before it is written to)."""

from __future__ import annotations

from typing import Annotated, NoReturn

import typer
from pydantic import ValidationError

from ombudsman.db import SchemaChange, SchemaRefused, check_schema, create_schema
from ombudsman.errors import InvalidInput, Problem
from ombudsman.service import CaseService, service_for
from ombudsman.settings import Settings

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


def service_from(database: str | None) -> CaseService:
    """The service as every command runs it: settings from the environment, the clock they call for."""
    try:
        settings = Settings()
    except ValidationError as error:  # a setting in the environment is malformed: name its variable
        item = error.errors()[0]
        variable = "OMBUDSMAN_" + "_".join(str(part) for part in item["loc"]).upper()
        fail(InvalidInput.field(variable, item["msg"].removeprefix("Value error, ")))
    if database:
        settings = settings.model_copy(update={"database_url": database})
    return service_for(settings)


def create_schema_or_exit(service: CaseService) -> SchemaChange:
    """Create the tables or bring them up to date; a database that cannot be is refused, saying why."""
    try:
        return create_schema(service.engine)
    except SchemaRefused as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from None


def writable(service: CaseService) -> None:
    """Refuse, before anything is done, a database this release must not write to: not set up, at an older
    revision, or at one a newer release made. Every command that writes without creating or upgrading the tables
    calls it first (the others call ``create_schema_or_exit``)."""
    try:
        check_schema(service.engine)
    except SchemaRefused as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from None


def fail(problem: Problem) -> NoReturn:
    typer.echo(f"error: {problem.detail}", err=True)
    raise typer.Exit(code=2)


Quiet = Annotated[
    bool, typer.Option("--quiet", help="Show no progress bar (none is shown unless stderr is a terminal).")
]
