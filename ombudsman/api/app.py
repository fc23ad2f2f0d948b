"""The application: ``create_app(service)`` wires the routes, the problem+json errors, the security headers, the
OpenAPI document and the documentation page that renders it."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from starlette.types import ASGIApp
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from ombudsman import web
from ombudsman.api import docs, errors, headers, openapi, routes_cases, routes_public, routes_rules, worker
from ombudsman.service import CaseService, service_for
from ombudsman.settings import Settings

DESCRIPTION = """
A case-workflow engine for the Financial Ombudsman procedure of the FCA Handbook (DISP).

Authenticate with `Authorization: Bearer <token>` (tokens are made by `ombudsman users add`). Every error is
`application/problem+json` (RFC 9457) with `type`, `title`, `status`, `detail` and, where it applies, `state`,
`allowed` and `citation`. Checks run in one order: 401, 403, 404, then 412, 422 and 409. Dates are `YYYY-MM-DD`;
money is a decimal string in pounds.
"""


YOUNGEST_COLLECTED_EVERY = 10_000  # new objects between collections of the youngest generation, when served


def app_from_settings() -> FastAPI:
    """The app of one worker process of ``ombudsman serve --workers N``: its own service, from the environment's
    settings (which ``serve`` has already checked), with its own pool of connections. The worker ends when the
    process that started it dies, killed or not (``worker.end_with_parent``), so it never holds the port alone."""
    worker.end_with_parent()
    return served_app(service_for(Settings()))


def served_app(service: CaseService) -> FastAPI:
    """The app as a server process runs it (``ombudsman serve``, one worker or each of several).

    Its requests are worked on ``OMBUDSMAN_SERVER_THREADS`` at a time (the thread pool FastAPI runs a route
    in), so the threads do not take turns at Python's one lock. And what start-up made (the rules, the
    templates, the models' schemas) lives as long as the process: frozen once it is made, it is left out of
    every later garbage collection, which would otherwise walk all of it each time. A page of cases makes tens
    of thousands of short-lived objects, so the youngest generation is collected every 10,000 new objects
    rather than every 700 (measured in one process: a page of 50 cases took 17.4 ms with Python's defaults,
    13.9 with start-up frozen and 12.5 with both)."""
    threads = service.settings.server_threads

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    app = create_app(service, lifespan=lifespan)
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNGEST_COLLECTED_EVERY, 50, 100)
    return app


def _trust_forwarded_headers(app: FastAPI, trusted: str) -> None:
    """Believe ``X-Forwarded-Proto`` and ``X-Forwarded-For`` from the trusted proxies only
    (``OMBUDSMAN_FORWARDED_ALLOW_IPS``), outside everything else: from them, the request's scheme and client are
    the ones the proxy saw (a Secure cookie, HSTS); from any other client the headers change nothing. The app does
    this itself, not uvicorn, so it holds however the app is run."""
    build = app.build_middleware_stack

    def build_trusting() -> ASGIApp:
        return ProxyHeadersMiddleware(build(), trusted_hosts=trusted)  # type: ignore[arg-type,return-value]

    app.build_middleware_stack = build_trusting  # type: ignore[method-assign]


def create_app(service: CaseService, *, lifespan: Any = None) -> FastAPI:
    app = FastAPI(
        lifespan=lifespan,
        title="DISP case-workflow engine",
        version="1",
        description=DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url=None,  # /docs is served by ombudsman.api.docs, with no CDN
        redoc_url=None,
    )
    app.state.service = service
    errors.install(app)
    app.add_middleware(errors.LimitBodySize, limit=service.settings.request_body_bytes)
    app.add_middleware(errors.CatchUnexpected)  # outside LimitBodySize: every answer carries its request id
    headers.install(app)  # outside everything, LimitBodySize and the 500 handler included
    _trust_forwarded_headers(app, service.settings.forwarded_allow_ips)  # outside that: HSTS sees the trusted scheme
    app.include_router(routes_rules.router)
    app.include_router(routes_cases.router)
    app.include_router(routes_public.router)
    docs.install(app)
    web.install(app)  # the pages, beside the API, on the same service

    def document() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = openapi.document(app)
        return app.openapi_schema

    app.openapi = document  # type: ignore[method-assign]
    return app
