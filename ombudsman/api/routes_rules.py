"""Health, and the DISP rules on their own: a jurisdiction assessment and an award calculation, no case made."""

from __future__ import annotations

from fastapi import APIRouter, Response

from ombudsman.api.deps import Service, StaffActor
from ombudsman.api.errors import problems
from ombudsman.api.schemas import AssessmentIn, AssessmentOut, AwardCalculationIn, Health
from ombudsman.db import unreachable
from ombudsman.errors import InvalidInput
from ombudsman.rules.awards import calculate_award
from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.jurisdiction import assess
from ombudsman.rules.rulebook import NotModelled
from ombudsman.service import CaseService
from ombudsman.views import AwardCalculationView
from workflows.table import REFERRING_TO_RESPONDENT

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
    return assessed(body, service)


def assessed(body: AssessmentIn, service: CaseService) -> AssessmentOut:
    """The stateless assessment, as the API and the staff tool page give it."""
    as_of = body.as_of or service.clock.today()
    facts = CaseFacts.model_validate(body.model_dump(exclude={"as_of", "exceptional_circumstances_found"}))
    assessment = assess(
        facts, as_of, service.rulebook, exceptional_circumstances_found=body.exceptional_circumstances_found
    )
    next_step = REFERRING_TO_RESPONDENT.name if assessment.premature else None
    return AssessmentOut.model_validate({**assessment.as_dict(), "next_step": next_step})


@router.post(
    "/awards/calculation",
    tags=["rules"],
    summary="The capped money award, the recommended balance, interest and costs (DISP 3.7)",
    responses=problems(401, 403, 413, 422),
)
def award_calculation(body: AwardCalculationIn, actor: StaffActor, service: Service) -> AwardCalculationView:
    return calculated(body, service)


def calculated(body: AwardCalculationIn, service: CaseService) -> AwardCalculationView:
    """The award calculation, as the API and the staff tool page give it."""
    if body.event_date is not None and body.event_date > body.referred_on:
        raise InvalidInput.field("event_date", "is after referred_on: a complaint is referred after its event")
    try:
        calculation = calculate_award(
            body.awards,
            referred_on=body.referred_on,
            act_on=body.event_date,
            as_of=body.as_of or service.clock.today(),
            rulebook=service.rulebook,
        )
    except NotModelled as error:
        raise InvalidInput.field("referred_on", str(error)) from None
    return AwardCalculationView.model_validate(calculation.as_dict())
