"""The OpenAPI document, saying exactly what the server takes and answers.

FastAPI writes most of it from the routes. Here it is made exact where FastAPI cannot know: every error is
``application/problem+json``; each trigger's and action's own fields are a union keyed on ``trigger`` /
``action``; an optional header or query parameter is simply left out (never sent as ``null``); and links say how
one answer leads to the next request (a new case's reference to reading it, firing its triggers, its audit
trail), so a client, or a fuzzer's stateful phase, can follow a case through the workflow.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import TypeAdapter

from ombudsman.api import errors
from ombudsman.api.schemas import ACTION_BODY, TRANSITION_BODY


def document(app: FastAPI) -> dict[str, Any]:
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    for step in (_problems_as_problem_json, _step_bodies, _parameters_without_null, _links):
        schema = step(schema)
    return schema


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


STEP_BODIES = {"/v1/cases/{reference}/transitions": TRANSITION_BODY, "/v1/cases/{reference}/actions": ACTION_BODY}


def _step_bodies(schema: dict[str, Any]) -> dict[str, Any]:
    """Each trigger's and action's own fields, as a union keyed on ``trigger`` / ``action``, for the two endpoints
    that take them: the document then says exactly what each step takes (formats, patterns, enums, required)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for path, body in STEP_BODIES.items():
        union = TypeAdapter(body).json_schema(ref_template="#/components/schemas/{model}")
        components.update(union.pop("$defs", {}))
        operation = schema["paths"][path]["post"]
        operation["requestBody"]["content"]["application/json"]["schema"] = union
    return schema


def _parameters_without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """An optional header or query parameter is one the client may leave out; it has no ``null`` to send."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                options = parameter.get("schema", {}).get("anyOf")
                if options and {"type": "null"} in options:
                    kept = [option for option in options if option != {"type": "null"}]
                    rest = {key: value for key, value in parameter["schema"].items() if key != "anyOf"}
                    parameter["schema"] = {**(kept[0] if len(kept) == 1 else {"anyOf": kept}), **rest}
    return schema


CASE = "/v1/cases/{reference}"
# From the answer that names a case (opening it, reading it, changing it) to what can be done with it next.
FOLLOW_A_CASE: dict[str, tuple[str, str, dict[str, str]]] = {
    "ReadTheCase": (CASE, "get", {}),
    # A change names the version it was made against: the ETag of the answer that showed it.
    "FireATrigger": (f"{CASE}/transitions", "post", {"header.If-Match": "$response.header.ETag"}),
    "RecordAnAction": (f"{CASE}/actions", "post", {"header.If-Match": "$response.header.ETag"}),
    "ReadTheAuditTrail": (f"{CASE}/events", "get", {}),
    # Every case has its acknowledgement from the moment it is opened.
    "ReadTheAcknowledgement": (f"{CASE}/letters/{{kind}}", "get", {"kind": "acknowledgement"}),
    # Once an Ombudsman has approved it (DISP 3.6.7R).
    "ReadThePublishedReport": ("/v1/determinations/{reference}/report", "get", {}),
}
LEADS_ON = {
    ("/v1/cases", "post"): "201",
    (CASE, "get"): "200",
    (f"{CASE}/transitions", "post"): "200",
    (f"{CASE}/actions", "post"): "200",
}


def _links(schema: dict[str, Any]) -> dict[str, Any]:
    paths = schema.get("paths", {})
    for (path, method), status in LEADS_ON.items():
        response = paths[path][method]["responses"][status]
        response["links"] = {
            name: {
                "operationId": paths[target][verb]["operationId"],
                "parameters": {"reference": "$response.body#/reference", **constants},
            }
            for name, (target, verb, constants) in FOLLOW_A_CASE.items()
        }
    return schema
