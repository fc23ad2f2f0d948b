"""``ombudsman users add | list | revoke``: the people who use the engine, and their tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from ombudsman.cli.common import (
    Database,
    fail,
    service_from,
    users_app,
    writable,
)
from ombudsman.errors import Problem
from ombudsman.rules.time_limits import long_date
from ombudsman.users import DEFAULT_EXPIRY_DAYS, UserRow, add_user, list_users, revoke_user
from workflows.table import Role


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
    service = service_from(database)
    writable(service)
    try:
        token = add_user(
            service.engine, service.clock, name, role=role, frn=frn, cases=case or [], expires_in_days=expires_in
        )
    except Problem as problem:
        fail(problem)
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
    service = service_from(database)
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
    service = service_from(database)
    writable(service)
    try:
        row = revoke_user(service.engine, service.clock, name_or_id)
    except Problem as problem:
        fail(problem)
    assert row.revoked_at is not None
    typer.echo(
        f"revoked {row.role.value} user {row.name} (id {row.id}) on {long_date(row.revoked_at.date())}: "
        "their token no longer works"
    )
