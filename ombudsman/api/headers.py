"""Security headers on every response the service sends, errors included.

Every response says ``X-Content-Type-Options: nosniff`` (a browser must not guess a type other than the one
given) and ``Referrer-Policy: no-referrer`` (no address of ours, which can carry a case reference, is passed on
to another site).

Every HTML response also says ``X-Frame-Options: DENY`` and carries a Content-Security-Policy. Two kinds of HTML
leave this service:

- the documentation page at ``/docs``, which runs Swagger UI: it sets ``DOCS_POLICY`` itself, which allows
  scripts, styles, images, fonts and fetches from this service only (the page has no inline script or style);
- documents, such as the letters as they were sent: they get ``DOCUMENT_POLICY``, which allows no script at
  all and loads nothing from anywhere. A letter carries its own ``<style>`` block, stored as it was sent, so
  that policy lets a document's inline styles apply; with nothing allowed to load, a style cannot reach out.

A response that sets a policy of its own keeps it; any other HTML gets ``DOCUMENT_POLICY``.

The API and the pages serve personal data (complainants' names, addresses, circumstances, letters) on almost every
path: the API's under ``/v1/``, and the pages' (the queue, a case, its letters, the register, the dashboard, the
tools, the answer to signing in) and their redirects. So every response says ``Cache-Control: no-store``, and no
browser or proxy keeps a copy, except on the few paths that hold none (``MAY_BE_KEPT``): ``/v1/health``, which says
only whether the service is up, the documentation and the OpenAPI document, and the pages' stylesheet, fonts and
images. A path added later is not kept until it is named there.

Every response to a request that came over HTTPS (to this service, or to a trusted proxy that says so in
``X-Forwarded-Proto``) says ``Strict-Transport-Security: max-age=31536000`` (``HSTS``): the browser uses HTTPS
alone for this host for a year. A response over plain HTTP never says it, nor does one to a forged header from a
client that is not a trusted proxy (the app sets the scheme from trusted proxies only: ``ombudsman.api.app``).

The middleware is plain ASGI, so it sees every response as it is sent, streaming or not. ``install`` puts it
outside the whole application, Starlette's last-resort error handler included, so the 500 that handler sends and
the 413 that ``LimitBodySize`` sends get the headers like any other response.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

EVERY_RESPONSE = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

DOCS_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # Swagger UI's icons are data: images inside its style sheet
        "font-src 'self'",
        "connect-src 'self'",  # the OpenAPI document, and "Try it out" against this service
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

DOCUMENT_POLICY = "; ".join(
    [
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)

# The paths whose responses hold no personal data and may be kept: these exactly, and everything under the folders.
MAY_BE_KEPT = frozenset({"/v1/health", "/openapi.json", "/docs", "/stylesheets/govuk-frontend.min.css"})
MAY_BE_KEPT_UNDER = ("/docs/assets/", "/assets/")
HSTS = "max-age=31536000"  # a year


def holds_personal_data(path: str) -> bool:
    """Whether a response on ``path`` (without the root path) may carry personal data, and so must not be kept:
    every path but those named in ``MAY_BE_KEPT`` and ``MAY_BE_KEPT_UNDER``."""
    return path.rstrip("/") not in MAY_BE_KEPT and not path.startswith(MAY_BE_KEPT_UNDER)


def _route_path(scope: Scope) -> str:
    path: str = scope.get("path", "")
    root: str = scope.get("root_path", "")
    if root and path.startswith(root):
        return path[len(root) :] or "/"
    return path


class SecurityHeaders:
    """Add the security headers to the start of every HTTP response, whatever sent it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        personal = holds_personal_data(_route_path(scope))
        over_https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                headers = MutableHeaders(scope=message)
                for name, value in EVERY_RESPONSE.items():
                    headers[name] = value
                if headers.get("content-type", "").lower().startswith("text/html"):
                    headers["X-Frame-Options"] = "DENY"
                    headers.setdefault("Content-Security-Policy", DOCUMENT_POLICY)
                if personal:
                    headers["Cache-Control"] = "no-store"
                if over_https:
                    headers["Strict-Transport-Security"] = HSTS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install(app: FastAPI) -> None:
    """Wrap the whole of ``app`` in ``SecurityHeaders``.

    ``app.add_middleware`` would put it inside Starlette's last-resort error handler, whose 500 would then leave
    without the headers; wrapping the stack as it is built puts it outside everything, that handler and
    ``LimitBodySize`` included.
    """
    build = app.build_middleware_stack

    def build_with_headers() -> ASGIApp:
        return SecurityHeaders(build())

    app.build_middleware_stack = build_with_headers  # type: ignore[method-assign]
