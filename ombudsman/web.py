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

import hashlib
import hmac
import json
import re
import secrets
import types
import typing
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum
from itertools import accumulate
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi import Path as PathParameter
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader, select_autoescape
from pydantic import BaseModel, ValidationError

from ombudsman.api.routes_rules import assessed, calculated
from ombudsman.api.schemas import AssessmentIn, AwardCalculationIn
from ombudsman.db import reading, transaction
from ombudsman.errors import Forbidden, InvalidInput, NotFound, Problem, Refused, StaleVersion
from ombudsman.letters import latest_letter
from ombudsman.models import WebSession
from ombudsman.money import pounds_text
from ombudsman.queries import dashboard, events_of, list_cases, money_award_register, undelivered_letters
from ombudsman.rules.time_limits import long_date
from ombudsman.rules.values import parse_day, unturned
from ombudsman.service import Actor, CaseService, allowed_for, load_visible_case, to_do
from ombudsman.users import actor_for_hash, token_hash
from ombudsman.views import audience_party, case_view, register_entry_view, visible_events
from workflows.table import FIELDS, STEP_BY_NAME, State
from workflows.vocabulary import LetterKind

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "templates" / "pages"
GOVUK = ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk"
COOKIE = "disp_session"
LOGIN_COOKIE = "disp_login_csrf"
# Pages load their stylesheet, fonts and images from this service only, and run no script.
PAGE_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
DUE_SOON_DAYS = 7
QUEUE_PAGE = 50
# The usual path through the statechart, which the case page shows with the case's place on it.
MAIN_PATH = (
    State.referred,
    State.jurisdiction_check,
    State.investigation,
    State.provisional_assessment,
    State.awaiting_determination,
    State.determined,
    State.accepted,
    State.complied,
)

router = APIRouter(include_in_schema=False)


def environment() -> Environment:
    return Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader(PAGES),
                PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
            ]
        ),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


ENVIRONMENT = environment()
ENVIRONMENT.filters["pounds"] = lambda amount: pounds_text(Decimal(amount))  # £150,000, £75.50
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def plain(value: object) -> str:
    """A fact as a reader says it: yes or no, 3 April 2026, regulated activity."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str) and ISO_DAY.fullmatch(value):
        return long_date(date.fromisoformat(value))
    return str(value).replace("_", " ")


ENVIRONMENT.filters["plain"] = plain


def install(app: Any) -> None:
    """The pages and the GOV.UK Frontend assets (when the set-up command has installed them)."""
    app.include_router(router)
    if (GOVUK / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=GOVUK / "assets"), name="govuk-assets")


@router.get("/stylesheets/govuk-frontend.min.css")
def stylesheet() -> Response:
    css = GOVUK / "govuk-frontend.min.css"
    if not css.is_file():
        return Response("/* govuk-frontend is not installed: run make */", media_type="text/css")
    return FileResponse(css, media_type="text/css")


# --- sessions -------------------------------------------------------------------------------------------------


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass
class Visit:
    """Who is looking, in which session, with the session's anti-forgery token."""

    actor: Actor
    session_id: str
    csrf: str


def _visit(request: Request, service: CaseService) -> Visit | None:
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


def _service(request: Request) -> CaseService:
    service: CaseService = request.app.state.service
    return service


def _secure(request: Request) -> bool:
    """Whether the request came over HTTPS: to this service, or to a trusted proxy that said so. An
    ``X-Forwarded-Proto`` header is believed only from the trusted proxies (``ombudsman.api.app``), which set
    the scheme from it; from anyone else it is ignored."""
    return request.url.scheme == "https"


def _checked_csrf(expected: str, given: str | None) -> None:
    if not given or not hmac.compare_digest(expected, given):
        raise Forbidden("This form has expired or did not come from this service: open the page again.")


# --- rendering ------------------------------------------------------------------------------------------------


def page(template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    # Text stored before the characters that change its direction were refused cannot make one name read as another.
    html = unturned(ENVIRONMENT.get_template(template).render(**context))
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": PAGE_POLICY})


def _problem_page(problem: Problem, visit: Visit | None) -> HTMLResponse:
    return page("problem.html", status=problem.status, problem=problem, visit=visit)


# --- forms from the step declarations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Input:
    """One field of a step's form, as its declaration gives it."""

    name: str
    label: str
    kind: str  # text, textarea, date, checkbox, select, number, json, lines
    required: bool
    options: tuple[str, ...] = ()
    hint: str | None = None


LONG = {"reasons", "text", "issues", "terms", "evidence", "summary", "point_of_law", "correction", "private_reasons"}
LABELS = {"on_behalf_of": "On behalf of (when a party asked you to record it for them)"}


def _kind(annotation: Any) -> tuple[str, tuple[str, ...]]:
    """The kind of input a field's type asks for, and its options for a choice."""
    args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return _kind(args[0])
    if typing.get_origin(annotation) is Annotated:
        return _kind(args[0])
    if isinstance(annotation, type) and issubclass(annotation, bool):
        return "checkbox", ()
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "select", tuple(member.value for member in annotation)
    if isinstance(annotation, type) and issubclass(annotation, date):
        return "date", ()
    if isinstance(annotation, type) and issubclass(annotation, int):
        return "number", ()
    if typing.get_origin(annotation) is list:
        inner = typing.get_args(annotation)[0]
        return ("lines", ()) if _kind(inner)[0] in ("text", "textarea", "select") else ("json", ())
    if (isinstance(annotation, type) and issubclass(annotation, BaseModel)) or typing.get_origin(annotation) is dict:
        return "json", ()
    return "text", ()


def inputs(name: str, actor: Actor) -> list[Input]:
    """The form of step ``name``, from its field declaration; ``on_behalf_of`` only for staff."""
    fields = FIELDS[name]
    made: list[Input] = []
    for field_name, info in fields.model_fields.items():
        if field_name == "on_behalf_of" and audience_party(actor) is not None:
            continue
        kind, options = _kind(info.annotation)
        if kind == "text" and field_name in LONG:
            kind = "textarea"
        label = LABELS.get(field_name, field_name.replace("_", " ").capitalize())
        hint = {"lines": "One per line.", "json": "As JSON, in the shape the API takes."}.get(kind)
        made.append(Input(field_name, label, kind, info.is_required(), options, hint))
    return made


MAX_JSON_DEPTH = 32  # arrays and objects within each other in a form's JSON: the deepest real answer has 4
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?')  # to its closing quote, or the end: never tried twice
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")


def nesting(text: str) -> int:
    """How deeply the arrays and objects of a JSON text lie within each other (brackets in its strings are not
    counted). It counts without recursing, so a text nested a hundred thousand deep is measured, not read."""
    brackets = _NOT_A_BRACKET.sub("", _JSON_STRING.sub("", text))
    return max(accumulate(1 if bracket in "[{" else -1 for bracket in brackets), default=0)


def json_field(name: str, raw: str) -> Any:
    """What was typed as JSON into field ``name`` of a form, read; refused, naming the field, when it is not JSON
    or is nested deeper than ``MAX_JSON_DEPTH`` (which Python's parser could not read, or whatever reads it next)."""
    if nesting(raw) > MAX_JSON_DEPTH:
        raise InvalidInput.field(
            name, f"this is not JSON the service can read: too deeply nested ({MAX_JSON_DEPTH} levels at most)"
        )
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise InvalidInput.field(name, f"this is not JSON ({error.msg})") from None


def parsed(name: str, actor: Actor, form: dict[str, str]) -> dict[str, Any]:
    """The step's fields from the posted form: blanks left out, ticks as true, lines and JSON read."""
    data: dict[str, Any] = {}
    for spec in inputs(name, actor):
        raw = form.get(spec.name, "")
        if spec.kind == "checkbox":
            if raw:
                data[spec.name] = True
            continue
        if not raw.strip():
            continue
        if spec.kind == "lines":
            data[spec.name] = [line.strip() for line in raw.splitlines() if line.strip()]
        elif spec.kind == "json":
            data[spec.name] = json_field(spec.name, raw)
        else:
            data[spec.name] = raw
    return data


# --- the pages ------------------------------------------------------------------------------------------------


def _login_redirect() -> RedirectResponse:
    return RedirectResponse("/login", status_code=303)


@router.get("/", response_class=HTMLResponse)
def start(request: Request) -> HTMLResponse:
    return page("start.html", visit=_visit(request, _service(request)))


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    csrf = secrets.token_urlsafe(32)
    response = page("login.html", visit=None, csrf=csrf, error=None)
    response.set_cookie(LOGIN_COOKIE, csrf, httponly=True, samesite="lax", secure=_secure(request))
    return response


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    token: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    service = _service(request)
    expected = request.cookies.get(LOGIN_COOKIE) or ""
    try:
        _checked_csrf(expected, csrf_token)
    except Forbidden as problem:
        return _problem_page(problem, None)
    now = service.clock.now()
    with transaction(service.engine) as session:
        wanted = token_hash(token.strip()) if token.strip() else ""
        actor = actor_for_hash(session, wanted, now) if wanted else None
        if actor is None:
            fresh = secrets.token_urlsafe(32)
            response = page(
                "login.html", status=401, visit=None, csrf=fresh, error="That token is not known, or has expired."
            )
            response.set_cookie(LOGIN_COOKIE, fresh, httponly=True, samesite="lax", secure=_secure(request))
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
    signed_in.set_cookie(COOKIE, cookie, httponly=True, samesite="lax", secure=_secure(request))
    signed_in.delete_cookie(LOGIN_COOKIE)
    return signed_in


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
    service = _service(request)
    visit = _visit(request, service)
    if visit is None:
        return _login_redirect()
    try:
        _checked_csrf(visit.csrf, csrf_token)
    except Forbidden as problem:
        return _problem_page(problem, visit)
    with transaction(service.engine) as session:
        row = session.get(WebSession, visit.session_id)
        if row is not None:
            row.ended_at = service.clock.now()
            session.add(row)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE)
    return response


@dataclass
class QueueRow:
    reference: str
    state: str
    complainant: str
    respondent: str
    next_due: date | None
    next_kind: str | None
    binds: str
    overdue: bool
    due_soon: bool
    to_do: list[str]  # the steps that need the caller's action now


@router.get("/cases", response_class=HTMLResponse)
def queue(
    request: Request,
    *,
    q: str = "",
    state: Annotated[list[str] | None, Query()] = None,
    respondent_frn: str = "",
    deadline_before: str = "",
    cursor: str | None = None,
) -> Response:
    service = _service(request)
    visit = _visit(request, service)
    if visit is None:
        return _login_redirect()
    today = service.clock.today()
    chosen = tuple(State(name) for name in state or () if name in {member.value for member in State})
    try:
        before = parse_day(deadline_before) if deadline_before else None
    except ValueError as error:
        return _problem_page(InvalidInput.field("deadline_before", str(error)), visit)
    try:
        with reading(service.engine) as session:
            found = list_cases(
                session,
                visit.actor,
                states=chosen,
                respondent_frn=respondent_frn.strip() or None,
                deadline_before=before,
                search=q or None,
                cursor=cursor,
                limit=QUEUE_PAGE,
                by_next_time_limit=True,
            )
            rows: list[QueueRow] = []
            for record in found.cases:
                parties = record.parties
                limits = sorted(record.open_limits, key=lambda limit: limit.due_on)
                first = limits[0] if limits else None
                rows.append(
                    QueueRow(
                        reference=record.case.reference,
                        state=record.case.state,
                        complainant=parties["complainant"].name,
                        respondent=parties["respondent"].name,
                        next_due=first.due_on if first else None,
                        next_kind=first.kind.replace("_", " ") if first else None,
                        binds=" and ".join(first.binds) if first else "",
                        overdue=bool(first and first.due_on < today),
                        due_soon=bool(first and today <= first.due_on <= today + timedelta(days=DUE_SOON_DAYS)),
                        to_do=to_do(visit.actor, record.case),
                    )
                )
    except Problem as problem:
        return _problem_page(problem, visit)
    return page(
        "queue.html",
        visit=visit,
        rows=rows,
        party=audience_party(visit.actor),
        filters=[
            ("q", q),
            *(("state", chosen_state.value) for chosen_state in chosen),
            ("respondent_frn", respondent_frn),
            ("deadline_before", deadline_before),
        ],
        q=q,
        state=chosen[0].value if len(chosen) == 1 else "",
        states=[member.value for member in State],
        next_cursor=found.next_cursor,
        today=today,
    )


@dataclass
class Typed:
    """A refused form: which step, what was typed, and what was wrong."""

    name: str
    values: dict[str, str] = field(default_factory=dict)
    problem: Problem | None = None


def _case_page(request: Request, visit: Visit, reference: str, *, typed: Typed | None = None) -> HTMLResponse:
    service = _service(request)
    today = service.clock.today()
    with reading(service.engine) as session:
        record = load_visible_case(session, visit.actor, reference)
        view = case_view(record, visit.actor, service.rulebook, today=today)
        events = visible_events(events_of(session, record.id), visit.actor)
        allowed = allowed_for(visit.actor, record.case)
    forms = [
        {
            "name": name,
            "kind": STEP_BY_NAME[name].kind,
            "inputs": inputs(name, visit.actor),
            "title": STEP_BY_NAME[name].title,
            "purpose": STEP_BY_NAME[name].purpose,
        }
        for name in allowed
        if name in FIELDS
    ]
    status = typed.problem.status if typed and typed.problem else 200
    return page(
        "case.html",
        status=status,
        visit=visit,
        case=view,
        events=events,
        forms=forms,
        typed=typed,
        today=today,
        staff=audience_party(visit.actor) is None,
        path=[state.value for state in MAIN_PATH],
    )


@router.get("/cases/{reference}", response_class=HTMLResponse)
def case_page(request: Request, reference: Annotated[str, PathParameter(max_length=40)]) -> Response:
    visit = _visit(request, _service(request))
    if visit is None:
        return _login_redirect()
    try:
        return _case_page(request, visit, reference)
    except Problem as problem:
        return _problem_page(problem, visit)


async def _step(request: Request, reference: str, kind: str) -> Response:
    service = _service(request)
    visit = _visit(request, service)
    if visit is None:
        return _login_redirect()
    form = {key: str(value) for key, value in (await request.form()).items()}
    try:
        _checked_csrf(visit.csrf, form.get("csrf_token"))
    except Forbidden as problem:
        return _problem_page(problem, visit)
    name = form.get(kind, "")
    if name not in FIELDS or STEP_BY_NAME[name].kind != kind:
        return _problem_page(InvalidInput.field(kind, f"there is no {kind} {name!r}"), visit)
    try:
        version = int(form.get("version", ""))
    except ValueError:
        return _problem_page(InvalidInput.field("version", "the form does not say which version it was read at"), visit)
    try:
        fields = parsed(name, visit.actor, form)
        service.act(visit.actor, reference, name, fields=fields, expected_version=version)
    except (Refused, InvalidInput, StaleVersion) as problem:
        return _case_page(request, visit, reference, typed=Typed(name, form, problem))
    except (Forbidden, NotFound) as problem:
        return _problem_page(problem, visit)
    return RedirectResponse(f"/cases/{reference}#done", status_code=303)


@router.get("/cases/{reference}/letters/{kind}", response_class=HTMLResponse)
def letter_page(
    request: Request, reference: Annotated[str, PathParameter(max_length=40)], kind: LetterKind
) -> Response:
    """The letter as it was sent, to staff and to the party it was addressed to (scoped as the API)."""
    service = _service(request)
    visit = _visit(request, service)
    if visit is None:
        return _login_redirect()
    try:
        with reading(service.engine) as session:
            record = load_visible_case(session, visit.actor, reference)
            letter = latest_letter(session, record, kind, party=audience_party(visit.actor))
        if letter is None:
            raise NotFound(f"There is no {kind.value} letter on {reference} that you can read.")
    except Problem as problem:
        return _problem_page(problem, visit)
    return HTMLResponse(unturned(letter.html))  # a document: the service's headers give it a policy that runs nothing


def _staff_visit(request: Request) -> Visit | Response:
    """The signed-in member of staff, or the answer for anyone else: sign in first, or 403."""
    visit = _visit(request, _service(request))
    if visit is None:
        return _login_redirect()
    if audience_party(visit.actor) is not None:
        return _problem_page(
            Forbidden(f"Only ombudsman staff may use this, not a {visit.actor.role_name} user."), visit
        )
    return visit


EXAMPLE_FACTS = {
    "complainant": {"name": "Ann Example", "kind": "consumer", "relationship": "customer"},
    "respondent": {"name": "Example Bank plc", "frn": "123456", "kind": "firm"},
    "activity": "regulated_activity",
    "establishment": "uk",
    "event_date": "2025-01-10",
    "complained_to_respondent_on": "2025-06-02",
    "final_response_sent_on": "2025-07-21",
    "final_response_mentioned_time_limit": True,
    "referred_on": "2025-09-01",
}
EXAMPLE_AWARDS = {"awards": {"money": [{"head": "financial_loss", "amount": "200000.00"}]}, "referred_on": "2025-09-01"}


def _tool(request: Request, *, template: str, name: str, given: str, example: dict[str, Any], answer: Any) -> Response:
    """A staff tool: the body as JSON in field ``name`` of a GET form (it changes nothing), its answer or the
    problem with it; an example to start from until something is given."""
    visit = _staff_visit(request)
    if not isinstance(visit, Visit):
        return visit
    result: Any = None
    problem: Problem | None = None
    if given.strip():
        try:
            json_field(name, given)  # JSON it can read, or a plain refusal naming the field
            result = answer(given)
        except ValidationError as error:
            problem = InvalidInput.from_validation(error)
        except Problem as refused:
            problem = refused
    shown = given or json.dumps(example, indent=2)
    return page(
        template, status=problem.status if problem else 200, visit=visit, given=shown, result=result, problem=problem
    )


@router.get("/tools/jurisdiction", response_class=HTMLResponse)
def jurisdiction_tool(request: Request, *, facts: str = "") -> Response:
    service = _service(request)
    return _tool(
        request,
        template="tool_jurisdiction.html",
        name="facts",
        given=facts,
        example=EXAMPLE_FACTS,
        answer=lambda text: assessed(AssessmentIn.model_validate_json(text), service),
    )


@router.get("/tools/awards", response_class=HTMLResponse)
def awards_tool(request: Request, *, awards: str = "") -> Response:
    service = _service(request)
    return _tool(
        request,
        template="tool_awards.html",
        name="awards",
        given=awards,
        example=EXAMPLE_AWARDS,
        answer=lambda text: calculated(AwardCalculationIn.model_validate_json(text), service),
    )


@router.get("/register", response_class=HTMLResponse)
def register_page(request: Request) -> Response:
    visit = _staff_visit(request)
    if not isinstance(visit, Visit):
        return visit
    with reading(_service(request).engine) as session:
        entries = [register_entry_view(entry) for entry in money_award_register(session)]
    return page("register.html", visit=visit, entries=entries)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request) -> Response:
    visit = _staff_visit(request)
    if not isinstance(visit, Visit):
        return visit
    service = _service(request)
    with reading(service.engine) as session:
        figures = dashboard(
            session,
            service.clock.today(),
            resolve_within_days=service.settings.target_resolve_days,
            acknowledge_within_days=service.settings.target_acknowledge_business_days,
        )
        undelivered = undelivered_letters(
            session, service.clock.now(), stuck_after=timedelta(minutes=service.settings.delivery_stuck_minutes)
        )
    return page("dashboard.html", visit=visit, figures=figures, undelivered=undelivered, settings=service.settings)


@router.post("/cases/{reference}/transitions")
async def post_transition(request: Request, reference: Annotated[str, PathParameter(max_length=40)]) -> Response:
    return await _step(request, reference, "trigger")


@router.post("/cases/{reference}/actions")
async def post_action(request: Request, reference: Annotated[str, PathParameter(max_length=40)]) -> Response:
    return await _step(request, reference, "action")
