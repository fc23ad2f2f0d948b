"""The staff tools: the jurisdiction assessment and the award calculation of ``ombudsman.tools``, on a page."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from ombudsman import tools
from ombudsman.errors import InvalidInput, Problem
from ombudsman.web.forms import json_field
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


def _tool(request: Request, *, template: str, name: str, given: str, example: dict[str, Any], answer: Any) -> Response:
    """A staff tool: the body as JSON in field ``name`` of a GET form (it changes nothing), its answer or the
    problem with it; an example to start from until something is given."""
    visit = staff_visit(request)
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
    service = service_of(request)
    return _tool(
        request,
        template="tool_jurisdiction.html",
        name="facts",
        given=facts,
        example=EXAMPLE_FACTS,
        answer=lambda text: tools.assessment(service, tools.AssessmentIn.model_validate_json(text)),
    )


@router.get("/tools/awards", response_class=HTMLResponse)
def awards_tool(request: Request, *, awards: str = "") -> Response:
    service = service_of(request)
    return _tool(
        request,
        template="tool_awards.html",
        name="awards",
        given=awards,
        example=EXAMPLE_AWARDS,
        answer=lambda text: tools.award_calculation(service, tools.AwardCalculationIn.model_validate_json(text)),
    )
