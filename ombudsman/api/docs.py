"""The API's documentation at ``/docs``: Swagger UI, served wholly by this service.

FastAPI's own ``/docs`` loads Swagger UI from a CDN, so it is blank with no network and needs a policy that trusts
another site. Here Swagger UI's files (its script bundle, style sheet and icon) come from the ``fastapi-offline``
package, pinned in pyproject.toml, and are served under ``/docs/assets/``. The few lines that start Swagger UI
are ours, in ``static/docs.js``, served beside them. The page itself has no inline script and no inline style, so
its Content-Security-Policy (``headers.DOCS_POLICY``) allows scripts and styles from this service only.
"""

from __future__ import annotations

from html import escape

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from ombudsman.api.headers import DOCS_POLICY

DOCS_PATH = "/docs"
ASSETS_PATH = "/docs/assets"

# Ours first, so a name of ours is never shadowed; then Swagger UI's, as the package installs them.
ASSET_PACKAGES: list[str | tuple[str, str]] = [("ombudsman.api", "static"), ("fastapi_offline", "static")]

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" type="image/png" href="{assets}/favicon.png">
<link rel="stylesheet" href="{assets}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-openapi-url="{openapi}"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="{assets}/docs.js"></script>
</body>
</html>
"""


def install(app: FastAPI) -> None:
    """Serve the documentation page at ``/docs`` and its assets under ``/docs/assets/``, outside the OpenAPI
    document. ``app`` must be made with ``docs_url=None``, so FastAPI's CDN page does not take the path first."""
    assert app.docs_url is None, "make the app with docs_url=None: this module serves /docs"
    assert app.openapi_url is not None, "the documentation page needs the OpenAPI document"
    openapi_url = app.openapi_url
    title = f"{app.title}: API documentation"
    app.mount(ASSETS_PATH, StaticFiles(packages=ASSET_PACKAGES), name="docs-assets")

    @app.get(DOCS_PATH, include_in_schema=False, response_class=HTMLResponse)
    def documentation(request: Request) -> HTMLResponse:
        root = str(request.scope.get("root_path", "")).rstrip("/")
        page = PAGE.format(title=escape(title), assets=escape(root + ASSETS_PATH), openapi=escape(root + openapi_url))
        return HTMLResponse(page, headers={"Content-Security-Policy": DOCS_POLICY})
