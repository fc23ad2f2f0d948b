"""The pages of the work: the queue, the case with its forms, a letter, the register and the dashboard. Each asks
the application layer once (``ombudsman.reads``, or ``CaseService.act`` for a posted step) and shows the answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path as PathParameter
from fastapi import Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ombudsman import reads
from ombudsman.errors import Forbidden, InvalidInput, NotFound, Problem, Refused, StaleVersion
from ombudsman.rules.values import parse_day, unturned
from ombudsman.views import AwardCalculationView, audience_party
from ombudsman.web.checking import CHECK_FIRST, check_page, confirmation
from ombudsman.web.forms import Posted, Typed, answers, inputs, parsed, said, step_form
from ombudsman.web.forms.awards import work_out
from ombudsman.web.forms.inputs import adding
from ombudsman.web.rendering import page, problem_page, router
from ombudsman.web.sessions import Visit, checked_csrf, login_redirect, service_of, staff_visit, visit_of
from workflows.table import FIELDS, STEP_BY_NAME, State
from workflows.vocabulary import STATES, LetterKind
from workflows.vocabulary import Party as PartyRole

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


@router.get("/cases", response_class=HTMLResponse)
def queue(
    request: Request,
    *,
    q: str = "",
    state: Annotated[list[str] | None, Query()] = None,
    respondent_frn: str = "",
    deadline_before: str = "",
    include_closed: str = "",
    cursor: str | None = None,
) -> Response:
    service = service_of(request)
    visit = visit_of(request, service)
    if visit is None:
        return login_redirect()
    today = service.clock.today()
    chosen = tuple(State(name) for name in state or () if name in {member.value for member in State})
    try:
        before = parse_day(deadline_before) if deadline_before else None
    except ValueError as error:
        return problem_page(InvalidInput.field("deadline_before", str(error)), visit)
    try:
        found = reads.queue(
            service,
            visit.actor,
            states=chosen,
            respondent_frn=respondent_frn.strip() or None,
            deadline_before=before,
            search=q or None,
            cursor=cursor,
            limit=QUEUE_PAGE,
            include_closed=include_closed == "1",
        )
    except Problem as problem:
        return problem_page(problem, visit)
    return page(
        "queue.html",
        visit=visit,
        rows=found.rows,
        party=audience_party(visit.actor),
        filters=[
            ("q", q),
            *(("state", chosen_state.value) for chosen_state in chosen),
            ("respondent_frn", respondent_frn),
            ("deadline_before", deadline_before),
            ("include_closed", "1" if include_closed == "1" else ""),
        ],
        include_closed=include_closed == "1",
        titles={name: step.title for name, step in STEP_BY_NAME.items()},
        q=q,
        state=chosen[0].value if len(chosen) == 1 else "",
        states=[member.value for member in State],
        next_cursor=found.next_cursor,
        today=today,
    )


def _case_page(
    request: Request, visit: Visit, reference: str, *, typed: Typed | None = None, done: int | None = None
) -> HTMLResponse:
    service = service_of(request)
    today = service.clock.today()
    read = reads.case_with_events(service, visit.actor, reference)
    if typed is not None and isinstance(typed.problem, StaleVersion):
        # A stale form: what happened since the version it was read at, and the form again at the current one.
        read_at = int(typed.values.get("version", ["0"])[0])
        typed.since = [
            {"title": STEP_BY_NAME[step].title if step in STEP_BY_NAME else step, "user": event.user, "at": event.at}
            for event in read.events
            if event.version > read_at
            for step in [event.trigger or event.action or ""]
        ]
        typed.values = {key: value for key, value in typed.values.items() if key != "version"}
    forms = [
        {**step_form(step.name, visit.actor, typed), "usual": step.usual}
        for step in read.possible
        if step.name in FIELDS and (step.open or (typed is not None and typed.name == step.name))
    ]
    refused = [
        {"title": STEP_BY_NAME[step.name].title, "step": step}
        for step in read.possible
        if not step.open and not any(form["name"] == step.name for form in forms)
    ]
    status = typed.problem.status if typed and typed.problem else 200
    party = audience_party(visit.actor)
    return page(
        "case.html",
        status=status,
        visit=visit,
        case=read.case,
        events=read.events,
        forms=forms,
        refused=refused,
        typed=typed,
        today=today,
        staff=party is None,
        party=party,
        comply_by=read.comply_by,
        confirmation=confirmation(read.case, read.events, done) if done else None,
        meaning=STATES[read.case.state].meaning,
        path=[state.value for state in MAIN_PATH],
    )


@router.get("/cases/{reference}", response_class=HTMLResponse)
def case_page(
    request: Request, reference: Annotated[str, PathParameter(max_length=40)], done: int | None = None
) -> Response:
    visit = visit_of(request, service_of(request))
    if visit is None:
        return login_redirect()
    try:
        return _case_page(request, visit, reference, done=done)
    except Problem as problem:
        return problem_page(problem, visit)


def _worked_out(
    request: Request, visit: Visit, reference: str, *, name: str, posted: Posted
) -> AwardCalculationView | None:
    """The award on step ``name``'s form worked out for this case: its referral date, and the date of its event, or
    of the events in jurisdiction of a complaint about several (which choose the limit as the step would)."""
    service = service_of(request)
    case = reads.case_with_events(service, visit.actor, reference).case
    facts, ins = case.facts, set(case.jurisdiction.get("events_in_jurisdiction") or ())
    events = [{"id": event["id"], "date": event["date"]} for event in facts.get("events") or () if event["id"] in ins]
    return work_out(
        service,
        inputs(name, visit.actor, posted),
        posted,
        referred_on=parse_day(facts["referred_on"]),
        event_date=parse_day(facts["event_date"]) if facts.get("event_date") else None,
        events=events or None,
    )


async def _step(request: Request, reference: str, kind: str) -> Response:
    service = service_of(request)
    visit = visit_of(request, service)
    if visit is None:
        return login_redirect()
    posted: dict[str, list[str]] = {}
    for key, value in (await request.form()).multi_items():
        posted.setdefault(key, []).append(str(value))
    form = {key: values[0] for key, values in posted.items()}
    try:
        checked_csrf(visit.csrf, form.get("csrf_token"))
    except Forbidden as problem:
        return problem_page(problem, visit)
    name = form.get(kind, "")
    if name not in FIELDS or STEP_BY_NAME[name].kind != kind:
        return problem_page(InvalidInput.field(kind, f"there is no {kind} {name!r}"), visit)
    try:
        version = int(form.get("version", ""))
    except ValueError:
        return problem_page(InvalidInput.field("version", "the form does not say which version it was read at"), visit)
    if adding(posted):  # "Add another": the form again with one more entry, nothing taken
        return _case_page(request, visit, reference, typed=Typed(name, posted))
    try:
        if form.get("work_out"):  # the award worked out on its form: nothing taken, nothing written
            worked = _worked_out(request, visit, reference, name=name, posted=posted)
            return _case_page(request, visit, reference, typed=Typed(name, posted, worked_out=worked))
        fields = parsed(name, visit.actor, posted)
        if name in CHECK_FIRST and form.get("confirm") != "yes":
            would = service.rehearse(
                visit.actor,
                reference,
                name,
                fields=fields,
                expected_version=version,
                read=reads.rehearsed(service, visit.actor, since=version),
            )
            shown = answers(inputs(name, visit.actor, posted), posted)
            return check_page(visit, name, posted=posted, answers=shown, would=would)
        service.act(visit.actor, reference, name, fields=fields, expected_version=version)
    except (Refused, InvalidInput, StaleVersion) as problem:
        errors = said(inputs(name, visit.actor, posted), problem)
        return _case_page(request, visit, reference, typed=Typed(name, posted, problem, errors))
    except (Forbidden, NotFound) as problem:
        return problem_page(problem, visit)
    # The step's audit event is the version after the one the form was read at: the page says what it did.
    return RedirectResponse(f"/cases/{reference}?done={version + 1}#done", status_code=303)


@router.get("/cases/{reference}/letters/{kind}", response_class=HTMLResponse)
def letter_page(
    request: Request,
    reference: Annotated[str, PathParameter(max_length=40)],
    *,
    kind: LetterKind,
    to: Annotated[PartyRole | None, Query()] = None,
) -> Response:
    """The letter as it was sent, to staff and to the party it was addressed to (scoped as the API); staff choose
    whose copy with ``to`` (``?to=respondent``: a party sees only their own whatever they ask)."""
    service = service_of(request)
    visit = visit_of(request, service)
    if visit is None:
        return login_redirect()
    try:
        letter = reads.letter(service, visit.actor, reference, kind=kind, addressed_to=to.value if to else None)
    except Problem as problem:
        return problem_page(problem, visit)
    return HTMLResponse(unturned(letter.html))  # a document: the service's headers give it a policy that runs nothing


@router.get("/register", response_class=HTMLResponse)
def register_page(request: Request) -> Response:
    visit = staff_visit(request)
    if not isinstance(visit, Visit):
        return visit
    return page("register.html", visit=visit, entries=reads.register(service_of(request)))


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request) -> Response:
    visit = staff_visit(request)
    if not isinstance(visit, Visit):
        return visit
    service = service_of(request)
    read = reads.dashboard(service)
    return page(
        "dashboard.html", visit=visit, figures=read.figures, undelivered=read.undelivered, settings=service.settings
    )


@router.post("/cases/{reference}/transitions")
async def post_transition(request: Request, reference: Annotated[str, PathParameter(max_length=40)]) -> Response:
    return await _step(request, reference, "trigger")


@router.post("/cases/{reference}/actions")
async def post_action(request: Request, reference: Annotated[str, PathParameter(max_length=40)]) -> Response:
    return await _step(request, reference, "action")
