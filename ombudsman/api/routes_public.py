"""The register of money awards (staff) and the published reports of determinations (anyone, DISP 3.6.7R)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from ombudsman.api.deps import Service, StaffActor
from ombudsman.api.errors import problems
from ombudsman.api.schemas import Register
from ombudsman.db import reading
from ombudsman.queries import money_award_register, published_determination
from ombudsman.views import (
    DeterminationReport,
    determination_report,
    former_complainant_details,
    register_entry_view,
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
    with reading(service.engine) as session:
        entries = money_award_register(session, respondent_frn=respondent_frn, status=status)
        return Register(items=[register_entry_view(entry) for entry in entries])


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
    with reading(service.engine) as session:
        publication = published_determination(session, reference)
        former = former_complainant_details(publication.corrections)
        return determination_report(publication.record, publication.redact, former=former)
