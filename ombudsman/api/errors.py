"""Every error leaves as ``application/problem+json`` (RFC 9457), and the OpenAPI document says so."""

from __future__ import annotations

import logging
import re
import traceback
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ombudsman.api.deps import current_actor
from ombudsman.api.schemas import ProblemDetails
from ombudsman.errors import InvalidInput, NotAuthenticated, Problem
from ombudsman.users import authenticate

PROBLEM_JSON = "application/problem+json"
MAX_BODY_BYTES = 1_000_000
LOG = logging.getLogger("ombudsman.api")

DESCRIPTIONS = {
    400: "Bad request",
    401: "Missing, unknown, expired or revoked bearer token",
    403: "Your role may not do this at all",
    404: "No such case that you can see",
    409: "Refused by the rules: the guard's reason, the case's state, what you may do now, and the citation",
    412: "If-Match no longer matches the case's version: nothing was changed",
    413: "The body is larger than 1 MB",
    422: "Invalid input, naming each field at fault: nothing was written",
    500: "Something went wrong on our side",
    503: "The database cannot be reached",
}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The error responses a route declares, for the OpenAPI document."""
    return {status: {"model": ProblemDetails, "description": DESCRIPTIONS[status]} for status in statuses}


def problem_response(body: dict[str, Any], status: int, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _problem(request: Request, problem: Exception) -> JSONResponse:
    assert isinstance(problem, Problem)
    headers = {"WWW-Authenticate": 'Bearer realm="ombudsman"'} if problem.status == 401 else None
    return problem_response(problem.as_dict(), problem.status, headers)


# The field a rule over the whole body names first: "final_response_sent_on", or a party's "complainant.contract_date".
_NAMED_IN_MESSAGE = re.compile(r"^(?:Value error, )?((?:complainant\.|respondent\.)?[a-z]+(?:_[a-z]+)+)\b")


def _field(location: tuple[Any, ...], message: str) -> str:
    parts = [str(part) for part in location]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    named = _NAMED_IN_MESSAGE.match(message)
    if named and not parts:
        # A rule over the whole body ("final_response_sent_on is before ...") names the field it refuses.
        parts = [named.group(1)]
    return ".".join(parts) or "body"


def _needs_a_signed_in_caller(request: Request) -> bool:
    route = request.scope.get("route")
    pending = list(route.dependant.dependencies) if isinstance(route, APIRoute) else []
    while pending:
        dependency = pending.pop()
        if dependency.call is current_actor:
            return True
        pending.extend(dependency.dependencies)
    return False


def _signed_in(request: Request) -> bool:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    service = request.app.state.service
    if scheme.lower() != "bearer" or not token:
        return False
    return authenticate(service.engine, token.strip(), service.clock.now()) is not None


def _validation(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    unread = any(item.get("type") == "json_invalid" for item in error.errors())
    if unread and _needs_a_signed_in_caller(request) and not _signed_in(request):
        # A body that is not JSON is refused before the caller is known: who they are is still checked first.
        return _problem(request, NotAuthenticated("Send Authorization: Bearer <token>."))
    errors = []
    for item in error.errors():
        message = str(item.get("msg", "invalid")).removeprefix("Value error, ")
        errors.append({"field": _field(tuple(item.get("loc", ())), str(item.get("msg", ""))), "message": message})
    detail = "; ".join(f"{item['field']}: {item['message']}" for item in errors) or "The request is not valid."
    return problem_response(InvalidInput(detail, errors=errors).as_dict(), 422)


def _http(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    if error.status_code == 400:  # the framework could not read the body: bad input, like any other (422)
        problem = InvalidInput.field("body", f"is not valid JSON ({error.detail})")
        return problem_response(problem.as_dict(), 422)
    body = {
        "type": "about:blank",
        "title": DESCRIPTIONS.get(error.status_code, "Error"),
        "status": error.status_code,
        "detail": str(error.detail),
    }
    headers = dict(error.headers) if error.headers else {}
    if error.status_code == 405:
        headers["Allow"] = _allowed_methods(request)
    return problem_response(body, error.status_code, headers or None)


def _allowed_methods(request: Request) -> str:
    """Every method some route takes at this path (a path served by several routes lists them all)."""
    methods: set[str] = set()
    for route in request.app.routes:
        match, _ = route.matches(request.scope)
        if match is not Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return ", ".join(sorted(methods))


INTERNAL_ERROR = "https://disp-engine.invalid/problems/InternalError"
REQUEST_ID_HEADER = b"x-request-id"
_GIVEN_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def request_id_of(scope: Scope) -> str:
    """The id of this request: the caller's ``X-Request-ID`` when it is a plain token, else a new one."""
    for name, value in scope.get("headers", []):
        if name == REQUEST_ID_HEADER:
            given = str(value.decode("latin-1"))
            if _GIVEN_REQUEST_ID.fullmatch(given):
                return given
    return uuid.uuid4().hex


def describe_failure(error: BaseException) -> str:
    """A failure as it may be logged: where it happened and what kind of failure it was, never a value.

    Exception messages are left out on purpose. A database error's message can hold the row it refused
    (PostgreSQL's "Failing row contains (...)", the complainant's name and address included) and any other
    message may quote input; so only each exception's type, the database's error code and the SQL statement
    (placeholders, never parameters) go into the log, with the frames of the traceback.
    """
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = f"{type(current).__module__}.{type(current).__qualname__}"
        if isinstance(current, DBAPIError):
            code: str | None = getattr(current.orig, "sqlstate", None) or getattr(
                current.orig, "sqlite_errorname", None
            )
            kind += f" (database error {code})" if code else " (database error)"
            statement = " ".join(str(current.statement or "").split())
            if statement:
                kind += f" on: {statement[:500]}"
        frames = "".join(traceback.format_tb(current.__traceback__)) if current.__traceback__ else ""
        parts.append(f"Traceback (most recent call last):\n{frames}{kind}")
        current = current.__cause__ or current.__context__
    return "\n\nwhich was raised while handling, or was caused by:\n".join(reversed(parts))


class CatchUnexpected:
    """Give every request an id (``X-Request-ID`` on the response), and answer an unexpected failure with a 500
    problem naming that id, logged exactly once: with its traceback and the id, never a value from the request
    or the database (``describe_failure``). The failure is not raised further, so the server does not log it a
    second time."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_of(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (REQUEST_ID_HEADER, request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as error:  # the last resort: anything a route did not turn into a problem
            LOG.error(
                "request %s failed: %s %s\n%s",
                request_id,
                scope.get("method"),
                scope.get("path"),
                describe_failure(error),
            )
            if started:
                return  # the answer had begun: nothing more can be said to the client
            body = {
                "type": INTERNAL_ERROR,
                "title": DESCRIPTIONS[500],
                "status": 500,
                "detail": f"The request could not be completed; nothing was changed. Quote {request_id} if you "
                "contact us about it.",
                "request_id": request_id,
            }
            await problem_response(body, 500)(scope, receive, send_with_id)


def install(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _problem)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)


class BodyTooLarge(StarletteHTTPException):
    """Raised while the body is read, so the route's own error handling answers 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The body is larger than {limit:,} bytes.")


# The forms that carry a token or nothing at all (signing in and out): a few kilobytes are plenty.
SMALL_FORM_BYTES = 16_384
SMALL_BODIES = {"/login": SMALL_FORM_BYTES, "/logout": SMALL_FORM_BYTES}


class LimitBodySize:
    """Refuse a request body over its route's limit with 413, whether or not it says its length up front: the
    paths in ``small`` are held to theirs, every other to ``limit`` (``OMBUDSMAN_REQUEST_BODY_BYTES``)."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES, small: dict[str, int] | None = None) -> None:
        self.app = app
        self.limit = limit
        self.small = SMALL_BODIES if small is None else small

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.small.get(str(scope.get("path", "")).rstrip("/") or "/", self.limit)
        await _LimitedBody(self.app, limit)(scope, receive, send)


class _LimitedBody:
    """One request's body held to ``limit`` bytes."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                await self._refuse(send)
                return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        response = problem_response(
            {
                "type": "https://disp-engine.invalid/problems/BodyTooLarge",
                "title": DESCRIPTIONS[413],
                "status": 413,
                "detail": f"The body is larger than {self.limit:,} bytes.",
            },
            413,
        )
        await response({"type": "http"}, _nothing, send)


async def _nothing() -> Message:
    return {"type": "http.disconnect"}
