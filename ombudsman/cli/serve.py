"""``ombudsman serve``: the pages and the API, in one process or several sharing a port."""

from __future__ import annotations

import os
import socket
from typing import Annotated

import typer

from ombudsman import delivery
from ombudsman.cli.common import (
    Database,
    app,
    create_schema_or_exit,
    service_from,
)

APP_FACTORY = "ombudsman.api.app:app_from_settings"  # what each worker process of `serve --workers N` runs


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
    service = service_from(database)
    create_schema_or_exit(service)
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
