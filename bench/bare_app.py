"""The baseline of the HTTP rows: a bare FastAPI app on the same tables, doing the least each request needs.

- ``GET /v1/cases/{reference}``: one read of the cases table by its unique reference, the row as JSON;
- ``GET /v1/cases?limit=50``: one read of the first ``limit`` rows of the cases table by id, as a JSON list;
- ``POST /v1/cases/{reference}/transitions``: one transaction of one UPDATE (the case's state and version) and two
  INSERTs (an audit event and a time limit), answering with the new version.

No authentication, no scoping, no rules, no audit chain: what a request costs with nothing of the engine in it.
It is served by uvicorn exactly as ``ombudsman serve`` serves the engine (one process, ``uvicorn.run``), and its
database connections are made by the engine's own ``make_engine``, so both sides have the same pool and the same
database settings (on SQLite: WAL, the busy timeout, BEGIN IMMEDIATE).

    python bench/bare_app.py --port 8001 --database sqlite:///ombudsman.db
"""

from __future__ import annotations

import argparse
import hashlib
import json
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

import uvicorn
from fastapi import Body, FastAPI, Response
from sqlalchemy import Engine, text

from ombudsman.db import make_engine


def _json(data: Any) -> Response:
    return Response(json.dumps(data, default=str), media_type="application/json")


def create_bare_app(database_url: str, engine: Engine | None = None) -> FastAPI:
    """The bare app on ``database_url`` (or on ``engine``, which the statement counts listen to)."""
    engine = engine or make_engine(database_url)
    sqlite = engine.dialect.name == "sqlite"
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    def stamp(moment: datetime) -> Any:
        return moment.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else moment

    def day(value: date) -> Any:
        return value.isoformat() if sqlite else value

    @app.get("/v1/health")
    def health() -> Response:
        return _json({"status": "ok"})

    @app.get("/v1/cases/{reference}")
    def read_case(reference: str) -> Response:
        with engine.connect() as connection:
            row = (
                connection.execute(text("SELECT * FROM cases WHERE reference = :reference"), {"reference": reference})
                .mappings()
                .first()
            )
        if row is None:
            return _json({"status": 404})
        return _json(dict(row))

    @app.get("/v1/cases")
    def list_cases(limit: int = 50) -> Response:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT * FROM cases ORDER BY id LIMIT :limit"), {"limit": limit}).mappings()
            return _json({"items": [dict(row) for row in rows]})

    @app.post("/v1/cases/{reference}/transitions")
    def fire(reference: str, body: Annotated[dict[str, Any], Body()]) -> Response:
        now = datetime.now(UTC)
        trigger = str(body.get("trigger", "start_jurisdiction_check"))
        with engine.begin() as connection:
            case_id, version = connection.execute(
                text(
                    "UPDATE cases SET state = 'jurisdiction_check', version = version + 1, updated_at = :now "
                    "WHERE reference = :reference RETURNING id, version"
                ),
                {"now": stamp(now), "reference": reference},
            ).one()
            connection.execute(
                text(
                    'INSERT INTO audit_events (case_id, version, at, "user", role, kind, name, from_state, to_state, '
                    "finding, citation, details, hash) VALUES (:case_id, :version, :at, 'bare', 'caseworker', "
                    "'trigger', :name, 'referred', 'jurisdiction_check', 'bare', 'DISP 2.8.1R', '{}', :hash)"
                ),
                {
                    "case_id": case_id,
                    "version": version,
                    "at": stamp(now),
                    "name": trigger,
                    "hash": hashlib.sha256(f"{case_id}:{version}".encode()).hexdigest(),
                },
            )
            connection.execute(
                text(
                    "INSERT INTO time_limits (case_id, kind, due_on, binds, fires, status, set_at) "
                    "VALUES (:case_id, 'bare', :due_on, '[]', NULL, 'closed', :at)"
                ),
                {"case_id": case_id, "due_on": day(now.date() + timedelta(days=14)), "at": stamp(now)},
            )
        return _json({"reference": reference, "version": version})

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--database", required=True)
    arguments = parser.parse_args()
    uvicorn.run(create_bare_app(arguments.database), host=arguments.host, port=arguments.port, log_level="warning")


if __name__ == "__main__":
    main()
