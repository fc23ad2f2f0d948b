"""The cases: open, list, read, fire a trigger or an action, read the audit trail.

A route checks who is calling (``CurrentActor``: 401) and hands the rest to the service, which checks the role
(403), the case (404), the version (412), the fields (422) and the guard (409) in that order, writing nothing
when it refuses. The answer to a change is shaped, as the caller may see it, in the transaction that made the
change, so it shows the case exactly as that change left it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Path, Query, Response
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse

from ombudsman import reads
from ombudsman.access import Actor
from ombudsman.api.deps import CurrentActor, Service, StaffActor
from ombudsman.api.errors import problems
from ombudsman.api.schemas import CaseList
from ombudsman.errors import InvalidInput, NotFound
from ombudsman.letters import LetterFormat
from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.values import FRN_PATTERN, REFERENCE_PATTERN, Day
from ombudsman.service import CaseService
from ombudsman.views import CaseView, EventView
from workflows.table import ACTION_BY_NAME, STEP_BY_TRIGGER, State
from workflows.vocabulary import LetterKind, Party

router = APIRouter(prefix="/v1/cases", tags=["cases"])

IF_MATCH_PATTERN = r'^ *(\*|(W/)?"?[0-9]{1,18}"?) *$'
Reference = Annotated[
    str, Path(pattern=REFERENCE_PATTERN, max_length=40, description="the case reference, e.g. FOS-2026-000001")
]
IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        pattern=IF_MATCH_PATTERN,
        max_length=24,
        description='the version you read, as its ETag ("3"), or *: a change to a newer version is refused with 412',
    ),
]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        pattern=r"^[\x21-\x7E]+$",
        description="the same key and body returns the first case and creates nothing new",
    ),
]


ETAG_HEADER = {"ETag": {"description": 'the case\'s version, quoted: "3"', "schema": {"type": "string"}}}
WITH_ETAG: dict[int | str, dict[str, Any]] = {200: {"headers": ETAG_HEADER}}
CREATED: dict[int | str, dict[str, Any]] = {
    201: {
        "headers": {
            **ETAG_HEADER,
            "Location": {"description": "the new case: /v1/cases/{reference}", "schema": {"type": "string"}},
        }
    }
}


def etag(version: int) -> str:
    return f'"{version}"'


def expected_version(if_match: str | None) -> int | None:
    """The version an ``If-Match`` names (``"3"``, ``W/"3"`` or ``3``); ``*`` or none: any version."""
    if if_match is None or if_match.strip() == "*":
        return None
    text = if_match.strip().removeprefix("W/").strip('"')
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        raise InvalidInput.field("If-Match", f'{if_match[:30]!r} is not a version ETag such as "3"')
    return int(text)


def present(service: CaseService, actor: Actor, reference: str, *, response: Response) -> CaseView:
    view = reads.case(service, actor, reference)
    response.headers["ETag"] = etag(view.version)
    return view


@router.post(
    "",
    status_code=201,
    summary="Open a case from the case facts",
    response_description="the new case, in state referred (or, for a replayed Idempotency-Key, the first one)",
    responses={**CREATED, **problems(401, 403, 413, 422)},
)
def open_case(
    facts: CaseFacts,
    actor: StaffActor,
    service: Service,
    *,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> CaseView:
    view = service.open_case(actor, facts, idempotency_key, read=reads.viewer(service, actor))
    response.headers["ETag"] = etag(view.version)
    response.headers["Location"] = f"/v1/cases/{view.reference}"
    return view


@router.get(
    "",
    summary="The cases you may see, oldest first",
    responses=problems(401, 422),
)
def list_of_cases(
    actor: CurrentActor,
    service: Service,
    state: Annotated[State | None, Query(description="only cases in this state")] = None,
    *,
    respondent_frn: Annotated[str | None, Query(pattern=FRN_PATTERN, description="only this firm's cases")] = None,
    deadline_before: Annotated[
        Day | None, Query(description="only cases with an open time limit whose last day is before this date")
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=100, description="cases a page (at most 100, or fewer where the service is set so)")
    ] = 50,
    cursor: Annotated[
        str | None, Query(max_length=200, pattern=r"^[A-Za-z0-9_-]+$", description="next_cursor from the page before")
    ] = None,
) -> CaseList:
    page = reads.cases(
        service,
        actor,
        state=state,
        respondent_frn=respondent_frn,
        deadline_before=deadline_before,
        limit=limit,
        cursor=cursor,
    )
    return CaseList(items=page.items, next_cursor=page.next_cursor)


@router.get(
    "/{reference}",
    summary="One case, with its version (also the ETag)",
    responses={**WITH_ETAG, **problems(401, 404)},
)
def read_case(reference: Reference, actor: CurrentActor, service: Service, *, response: Response) -> CaseView:
    return present(service, actor, reference, response=response)


StepBody = Annotated[
    dict[str, Any],
    Body(description="the step's name and its own fields; the OpenAPI document lists each step's fields"),
]


def _named(
    body: dict[str, Any], key: str, these: Mapping[str, object], *, others: Mapping[str, object]
) -> tuple[str, dict[str, Any]]:
    """The step a body names (a trigger, or an action), and its fields as given. The fields are validated by the
    service, after the checks of who may do what to which case (401, 403, 404 come first)."""
    name = body.get(key)
    if not isinstance(name, str) or name not in these:
        if name is None:
            raise InvalidInput.field(key, f"is required: name the {key} to take")
        shown = repr(name)[:60]
        other = "an action: POST it to /actions" if key == "trigger" else "a trigger: POST it to /transitions"
        hint = f" (it is {other})" if isinstance(name, str) and name in others else ""
        kind = "a trigger" if key == "trigger" else "an action"
        raise InvalidInput.field(key, f"{shown} is not {kind} of the DISP workflow{hint}")
    return name, {field: value for field, value in body.items() if field != key}


def _act(
    service: CaseService,
    actor: Actor,
    reference: str,
    *,
    name: str,
    fields: dict[str, Any],
    if_match: str | None,
    response: Response,
) -> CaseView:
    view = service.act(
        actor,
        reference,
        name,
        fields=fields,
        expected_version=expected_version(if_match),
        read=reads.viewer(service, actor),
    )
    response.headers["ETag"] = etag(view.version)
    return view


@router.post(
    "/{reference}/transitions",
    summary="Fire a trigger",
    description='`{"trigger": ..., "reasons": ..., ...the trigger\'s fields}`; returns the changed case.',
    responses={**WITH_ETAG, **problems(401, 403, 404, 409, 412, 413, 422)},
)
def fire_trigger(
    reference: Reference,
    body: StepBody,
    actor: CurrentActor,
    *,
    service: Service,
    response: Response,
    if_match: IfMatch = None,
) -> CaseView:
    name, fields = _named(body, "trigger", STEP_BY_TRIGGER, others=ACTION_BY_NAME)
    return _act(service, actor, reference, name=name, fields=fields, if_match=if_match, response=response)


@router.post(
    "/{reference}/actions",
    summary="Record an action that does not change the state",
    description='`{"action": ..., ...the action\'s fields}`; returns the case.',
    responses={**WITH_ETAG, **problems(401, 403, 404, 409, 412, 413, 422)},
)
def record_action(
    reference: Reference,
    body: StepBody,
    actor: CurrentActor,
    *,
    service: Service,
    response: Response,
    if_match: IfMatch = None,
) -> CaseView:
    name, fields = _named(body, "action", ACTION_BY_NAME, others=STEP_BY_TRIGGER)
    return _act(service, actor, reference, name=name, fields=fields, if_match=if_match, response=response)


@router.get(
    "/{reference}/events",
    summary="The audit trail, oldest first (what you may see of it)",
    description="Each event names its `trigger` or its `action`, never both; `confidential_from` is for staff.",
    response_model=list[EventView],
    responses=problems(401, 404),
)
def read_events(reference: Reference, actor: CurrentActor, service: Service) -> JSONResponse:
    return JSONResponse([event.public() for event in reads.events(service, actor, reference)])


@router.get(
    "/{reference}/letters/{kind}",
    summary="A letter as it was sent (the latest of its kind that you may read)",
    description="Staff read every letter; a firm only those to the respondent; a complainant only those to the "
    "complainant. `format=text` gives plain text, `format=large_print` the large-print form (made for a "
    "complainant who needs it). Where a letter went to both parties, staff choose with `addressed_to`.",
    response_class=HTMLResponse,
    responses={
        200: {
            "description": "the letter, exactly as stored when it was sent",
            "content": {"text/html": {"schema": {"type": "string"}}, "text/plain": {"schema": {"type": "string"}}},
        },
        **problems(401, 404, 422),
    },
)
def read_letter(
    reference: Reference,
    kind: LetterKind,
    actor: CurrentActor,
    *,
    service: Service,
    format: Annotated[LetterFormat, Query(description="html (default), text or large_print")] = LetterFormat.html,
    addressed_to: Annotated[
        Party | None, Query(description="complainant or respondent, where the letter went to both")
    ] = None,
) -> Response:
    letter = reads.letter(
        service, actor, reference, kind=kind, addressed_to=addressed_to.value if addressed_to else None
    )
    if format is LetterFormat.text:
        return PlainTextResponse(letter.text)
    if format is LetterFormat.large_print:
        if letter.large_print is None:
            raise NotFound(f"The {kind.value} letter on {reference} was not made in large print.")
        return HTMLResponse(letter.large_print)
    return HTMLResponse(letter.html)
