"""``ombudsman init-db``: the tables made, or brought up to this release's revision."""

from __future__ import annotations

import typer

from ombudsman.cli.common import (
    Database,
    app,
    create_schema_or_exit,
    service_from,
)


@app.command("init-db")
def init_db(database: Database = None) -> None:
    """Create the schema, or upgrade it to this release's (safe to run again)."""
    service = service_from(database)
    change = create_schema_or_exit(service)
    if change.created:
        typer.echo(f"created the tables (at revision {change.after})")
    elif change.adopted:
        typer.echo(f"recorded the tables, made before migrations, at revision {change.before} (the baseline)")
    if change.before is not None and change.before != change.after:
        typer.echo(f"upgraded from {change.before} to {change.after}")
    elif not change.created and not change.adopted:
        typer.echo(f"already up to date (at revision {change.after})")
    typer.echo(f"database ready: {service.engine.url.render_as_string(hide_password=True)}")
