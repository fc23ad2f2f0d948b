"""Signing in and out, and who is looking: a session is a random cookie whose hash names a row holding the user's
token hash, the anti-forgery token, when it began and when it was last used."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ombudsman.access import Actor
from ombudsman.db import transaction
from ombudsman.errors import Forbidden
from ombudsman.models import WebSession
from ombudsman.service import CaseService
from ombudsman.users import actor_for_hash, token_hash
from ombudsman.views import audience_party
from ombudsman.web.rendering import page, problem_page, router

COOKIE = "disp_session"
LOGIN_COOKIE = "disp_login_csrf"


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass
class Visit:
    """Who is looking, in which session, with the session's anti-forgery token."""

    actor: Actor
    session_id: str
    csrf: str


def visit_of(request: Request, service: CaseService) -> Visit | None:
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        return None
    now = service.clock.now()
    idle = timedelta(minutes=service.settings.session_idle_minutes)
    lifetime = timedelta(hours=service.settings.session_max_hours)
    with transaction(service.engine) as session:
        row = session.get(WebSession, _hash(cookie))
        if row is None or row.ended_at is not None or now - row.last_seen_at > idle or now - row.created_at > lifetime:
            return None
        actor = actor_for_hash(session, row.token_hash, now)
        if actor is None:
            return None
        row.last_seen_at = now
        session.add(row)
        return Visit(actor, row.id, row.csrf)


def service_of(request: Request) -> CaseService:
    service: CaseService = request.app.state.service
    return service


def secure(request: Request) -> bool:
    """Whether the request came over HTTPS: to this service, or to a trusted proxy that said so. An
    ``X-Forwarded-Proto`` header is believed only from the trusted proxies (``ombudsman.api.app``), which set
    the scheme from it; from anyone else it is ignored."""
    return request.url.scheme == "https"


def checked_csrf(expected: str, given: str | None) -> None:
    if not given or not hmac.compare_digest(expected, given):
        raise Forbidden("This form has expired or did not come from this service: open the page again.")


def login_redirect() -> RedirectResponse:
    return RedirectResponse("/login", status_code=303)


@router.get("/", response_class=HTMLResponse)
def start(request: Request) -> HTMLResponse:
    return page("start.html", visit=visit_of(request, service_of(request)))


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    csrf = secrets.token_urlsafe(32)
    response = page("login.html", visit=None, csrf=csrf, error=None)
    response.set_cookie(LOGIN_COOKIE, csrf, httponly=True, samesite="lax", secure=secure(request))
    return response


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    token: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    service = service_of(request)
    expected = request.cookies.get(LOGIN_COOKIE) or ""
    try:
        checked_csrf(expected, csrf_token)
    except Forbidden as problem:
        return problem_page(problem, None)
    now = service.clock.now()
    with transaction(service.engine) as session:
        wanted = token_hash(token.strip()) if token.strip() else ""
        actor = actor_for_hash(session, wanted, now) if wanted else None
        if actor is None:
            fresh = secrets.token_urlsafe(32)
            response = page(
                "login.html", status=401, visit=None, csrf=fresh, error="That token is not known, or has expired."
            )
            response.set_cookie(LOGIN_COOKIE, fresh, httponly=True, samesite="lax", secure=secure(request))
            return response
        cookie = secrets.token_urlsafe(32)
        session.add(
            WebSession(
                id=_hash(cookie),
                token_hash=wanted,
                csrf=secrets.token_urlsafe(32),
                created_at=now,
                last_seen_at=now,
            )
        )
    signed_in = RedirectResponse("/cases", status_code=303)
    signed_in.set_cookie(COOKIE, cookie, httponly=True, samesite="lax", secure=secure(request))
    signed_in.delete_cookie(LOGIN_COOKIE)
    return signed_in


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
    service = service_of(request)
    visit = visit_of(request, service)
    if visit is None:
        return login_redirect()
    try:
        checked_csrf(visit.csrf, csrf_token)
    except Forbidden as problem:
        return problem_page(problem, visit)
    with transaction(service.engine) as session:
        row = session.get(WebSession, visit.session_id)
        if row is not None:
            row.ended_at = service.clock.now()
            session.add(row)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE)
    return response


def staff_visit(request: Request) -> Visit | Response:
    """The signed-in member of staff, or the answer for anyone else: sign in first, or 403."""
    visit = visit_of(request, service_of(request))
    if visit is None:
        return login_redirect()
    if audience_party(visit.actor) is not None:
        return problem_page(Forbidden(f"Only ombudsman staff may use this, not a {visit.actor.role_name} user."), visit)
    return visit
