"""Health, and the DISP rules on their own: a jurisdiction assessment and an award calculation, no case made."""

from __future__ import annotations

from fastapi import APIRouter, Response

from ombudsman import tools
from ombudsman.api.deps import Service, StaffActor
from ombudsman.api.errors import problems
from ombudsman.api.schemas import Health
from ombudsman.db import unreachable
from ombudsman.tools import AssessmentIn, AssessmentOut, AwardCalculationIn
from ombudsman.views import AwardCalculationView

router = APIRouter(prefix="/v1")


@router.get(
    "/health",
    tags=["health"],
    summary="Whether the service and its database answer",
    responses={503: {"model": Health, "description": "The database cannot be reached"}},
)
def health(service: Service, response: Response) -> Health:
    if unreachable(service.engine) is not None:
        response.status_code = 503
        return Health(status="unavailable", database="unreachable")
    return Health(status="ok", database="ok")


@router.post(
    "/jurisdiction/assessment",
    tags=["rules"],
    summary="The DISP 2 jurisdiction tests for the facts given, without making a case",
    responses=problems(401, 403, 413, 422),
)
def jurisdiction_assessment(body: AssessmentIn, actor: StaffActor, service: Service) -> AssessmentOut:
    return tools.assessment(service, body)


@router.post(
    "/awards/calculation",
    tags=["rules"],
    summary="The capped money award, the recommended balance, interest and costs (DISP 3.7)",
    responses=problems(401, 403, 413, 422),
)
def award_calculation(body: AwardCalculationIn, actor: StaffActor, service: Service) -> AwardCalculationView:
    return tools.award_calculation(service, body)
