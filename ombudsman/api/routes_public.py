"""The register of money awards (staff) and the published reports of determinations (anyone, DISP 3.6.7R)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from ombudsman import reads
from ombudsman.api.deps import Service, StaffActor
from ombudsman.api.errors import problems
from ombudsman.api.schemas import Register
from ombudsman.views import (
    DeterminationReport,
)
from workflows.vocabulary import RegisterStatus

router = APIRouter(prefix="/v1")


@router.get(
    "/register/money-awards",
    tags=["register"],
    summary="The register of money awards (DISP 3.7), each entry with its standing",
    description="`status` filters by standing: awaiting_answer, binding, not_binding, closed_on_assessment, complied.",
    responses=problems(401, 403, 422),
)
def register_of_money_awards(
    actor: StaffActor,
    service: Service,
    respondent_frn: Annotated[str | None, Query(pattern=r"^\d{6,7}$")] = None,
    *,
    status: RegisterStatus | None = None,
) -> Register:
    return Register(items=reads.register(service, respondent_frn=respondent_frn, status=status))


@router.get(
    "/determinations/{reference}/report",
    tags=["determinations"],
    summary="The published report of a determination, without identifying the complainant (DISP 3.6.7R)",
    description="Published once an ombudsman has approved it (approve_publication); until then, 404.",
    responses=problems(404, 422),
)
def determination(
    reference: Annotated[str, Path(min_length=1, max_length=40)], service: Service
) -> DeterminationReport:
    return reads.report(service, reference)
