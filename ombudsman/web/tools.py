"""The staff tools: the jurisdiction assessment and the award calculation of ``ombudsman.tools``, on a page. Each
is a form of its own fields, drawn from the tool's body as the API declares it (``ombudsman.web.forms``), sent
with GET: it changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from ombudsman import tools
from ombudsman.errors import Problem
from ombudsman.web.forms import FormErrors, model_inputs, said, shown, validated
from ombudsman.web.forms.inputs import adding
from ombudsman.web.rendering import page, router
from ombudsman.web.sessions import Visit, service_of, staff_visit

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
EXAMPLE_AWARDS = {
    "money": [{"head": "financial_loss", "amount": "200000.00"}],
    "referred_on": "2025-09-01",
    "event_date": "2025-01-10",
}


def _tool(
    request: Request, *, template: str, model: type[BaseModel], example: dict[str, Any], answer: Callable[[Any], Any]
) -> Response:
    """A staff tool: the form of ``model``'s fields (an example in it until something is given), and its answer
    or what is wrong with what was given, each beside its input."""
    visit = staff_visit(request)
    if not isinstance(visit, Visit):
        return visit
    posted: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        posted.setdefault(key, []).append(value)
    specs = model_inputs(model, posted)
    result: Any = None
    problem: Problem | None = None
    errors: list[tuple[str, str]] = []
    given = any(value.strip() for values in posted.values() for value in values)
    if given and not adding(posted):  # "Add another" shows the form again with one more entry
        try:
            result = answer(model.model_validate(validated(model, specs, posted)))
        except FormErrors as refused:
            problem, errors = refused, refused.said
        except Problem as refused:
            problem, errors = refused, said(specs, refused)
    return page(
        template,
        status=problem.status if problem else 200,
        visit=visit,
        inputs=specs,
        values=posted if given else shown(example, specs),
        errors=dict(errors),
        error_list=errors,
        problem=problem,
        result=result,
    )


@router.get("/tools/jurisdiction", response_class=HTMLResponse)
def jurisdiction_tool(request: Request) -> Response:
    service = service_of(request)
    return _tool(
        request,
        template="tool_jurisdiction.html",
        model=tools.AssessmentIn,
        example=EXAMPLE_FACTS,
        answer=lambda body: tools.assessment(service, body),
    )


@router.get("/tools/awards", response_class=HTMLResponse)
def awards_tool(request: Request) -> Response:
    service = service_of(request)
    return _tool(
        request,
        template="tool_awards.html",
        model=tools.AwardCalculationIn,
        example=EXAMPLE_AWARDS,
        answer=lambda body: tools.award_calculation(service, body),
    )
