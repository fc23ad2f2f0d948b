"""The application: ``create_app(service)`` wires the routes, the problem+json errors and the OpenAPI document."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from ombudsman.api import errors, routes_cases, routes_public, routes_rules
from ombudsman.service import CaseService

DESCRIPTION = """
A case-workflow engine for the Financial Ombudsman procedure of the FCA Handbook (DISP).

Authenticate with `Authorization: Bearer <token>` (tokens are made by `ombudsman users add`). Every error is
`application/problem+json` (RFC 9457) with `type`, `title`, `status`, `detail` and, where it applies, `state`,
`allowed` and `citation`. Checks run in one order: 401, 403, 404, then 412, 422 and 409. Dates are `YYYY-MM-DD`;
money is a decimal string in pounds.
"""


def create_app(service: CaseService) -> FastAPI:
    app = FastAPI(
        title="DISP case-workflow engine",
        version="1",
        description=DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.service = service
    errors.install(app)
    app.add_middleware(errors.LimitBodySize)
    app.include_router(routes_rules.router)
    app.include_router(routes_cases.router)
    app.include_router(routes_public.router)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            app.openapi_schema = _problems_as_problem_json(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _problems_as_problem_json(schema: dict[str, Any]) -> dict[str, Any]:
    """Every error response is served as application/problem+json with the ProblemDetails body: say so, in place
    of FastAPI's default 422 body, which this API never sends."""
    problem = {errors.PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if status.isdigit() and int(status) >= 400 and "Health" not in str(content):
                    response["content"] = problem
                    if status == "422":
                        response["description"] = errors.DESCRIPTIONS[422]
    components = schema.get("components", {}).get("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    return schema
