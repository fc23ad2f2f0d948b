"""``ombudsman audit verify`` checks every case's audit trail; ``ombudsman diagram`` prints the statechart."""

from __future__ import annotations

import typer

from ombudsman.cli.common import (
    Database,
    app,
    audit_app,
    service_from,
)
from workflows.machine import mermaid


@audit_app.command("verify")
def audit_verify(database: Database = None) -> None:
    """Check every case's audit trail: exit 0 when all is intact, 1 naming where it is not."""
    from ombudsman.audit import verify

    result = verify(service_from(database).engine)
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
