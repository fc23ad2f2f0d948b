"""The pages: the same service, the same step declarations and the same visibility as the API, in a browser.

Nothing here decides anything. A page reads the case through ``load_visible_case`` and ``case_view`` (what the
caller may see, as the API shows it), offers a form for each step ``allowed_for`` the caller now, builds each
form from the step's own field declaration (``workflows.table.FIELDS``), and posts it to ``CaseService.act``:
the refusal, with the guard's reason and citation, comes back from the service and is shown above the form,
with what was typed kept.

Signing in takes a user's token once; the session is then a random cookie (HTTP-only, ``SameSite=Lax``, ``Secure``
over HTTPS) whose hash names a row that holds the user's token hash, the anti-forgery token, when it began and the
last time it was used. It ends on sign-out, on the server too, after ``session_idle_minutes`` without use, or
``session_max_hours`` after signing in however recently it was used. Every form carries the anti-forgery token
(``csrf_token``); a post without it, or with a wrong one, is 403 and changes nothing. Every case form carries the
version it was read at, so a post made after someone else changed the case is refused.

The pages use the GOV.UK Frontend components (``govuk-frontend-jinja`` macros); the stylesheet, fonts and images
come from the ``govuk-frontend`` package that the set-up command installs (``node_modules``), never from
elsewhere, and no page needs JavaScript.
"""

from __future__ import annotations

from typing import Any

from fastapi.staticfiles import StaticFiles

from ombudsman.web import pages, sessions, tools
from ombudsman.web.rendering import GOVUK, PAGE_POLICY, plain, router
from ombudsman.web.sessions import COOKIE

# The modules by job, each adding its routes to the one ``router``: sessions (signing in and out), pages (the
# work), tools (the staff tools); rendering makes every page, forms builds and reads the steps' forms.
__all__ = ["COOKIE", "GOVUK", "PAGE_POLICY", "install", "pages", "plain", "router", "sessions", "tools"]


def install(app: Any) -> None:
    """The pages and the GOV.UK Frontend assets (when the set-up command has installed them)."""
    app.include_router(router)
    if (GOVUK / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=GOVUK / "assets"), name="govuk-assets")
