"""Reading a stored case into the frozen picture the workflow judges (``workflows.snapshot``)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from ombudsman.models import (
    AuditEvent,
    Award,
    Case,
    ConnectedComplaint,
    HearingRequest,
    Party,
    Representation,
    TimeLimit,
)
from ombudsman.rules.facts import CaseFacts
from workflows.snapshot import CaseSnapshot, HearingRequestView, RepresentationView, TimeLimitView
from workflows.table import DETERMINING, State


def parties_of(session: Session, case: Case) -> dict[str, Party]:
    rows = session.exec(select(Party).where(Party.case_id == case.id)).all()
    return {party.role: party for party in rows}


def facts_of(session: Session, case: Case) -> CaseFacts:
    parties = parties_of(session, case)
    return CaseFacts.model_validate(
        {
            **case.facts,
            "complainant": parties["complainant"].details,
            "respondent": parties["respondent"].details,
        }
    )


def determination_of(session: Session, case: Case) -> tuple[AuditEvent | None, Award | None]:
    """The case's latest determination: its audit event and its award (either may be missing)."""
    event = session.exec(
        select(AuditEvent)
        .where(AuditEvent.case_id == case.id, AuditEvent.name == DETERMINING.name)
        .order_by(col(AuditEvent.id).desc())
    ).first()
    award = session.exec(
        select(Award).where(Award.case_id == case.id, Award.stage == "determination").order_by(col(Award.id).desc())
    ).first()
    return event, award


def open_limits(session: Session, case: Case) -> list[TimeLimit]:
    return list(
        session.exec(
            select(TimeLimit)
            .where(TimeLimit.case_id == case.id, TimeLimit.status == "open")
            .order_by(col(TimeLimit.due_on))
        ).all()
    )


def snapshot_of(session: Session, case: Case) -> CaseSnapshot:
    limits = open_limits(session, case)
    representations = session.exec(
        select(Representation.party, Representation.made_at).where(Representation.case_id == case.id)
    ).all()
    hearing_requests = session.exec(
        select(HearingRequest.party, HearingRequest.decision).where(HearingRequest.case_id == case.id)
    ).all()
    connected = session.exec(
        select(Case.reference)
        .join(ConnectedComplaint, col(ConnectedComplaint.connected_case_id) == col(Case.id))
        .where(ConnectedComplaint.case_id == case.id)
    ).all()
    determined = session.exec(
        select(AuditEvent.id).where(AuditEvent.case_id == case.id, AuditEvent.name == DETERMINING.name)
    ).first()
    return CaseSnapshot(
        reference=case.reference,
        state=State(case.state),
        facts=facts_of(session, case),
        entered_state_at=case.entered_state_at,
        open_time_limits=tuple(
            TimeLimitView(limit.kind, limit.due_on, tuple(limit.binds), limit.fires, limit.set_at) for limit in limits
        ),
        representations=tuple(RepresentationView(party, made_at) for party, made_at in representations),
        hearing_requests=tuple(HearingRequestView(party, decision) for party, decision in hearing_requests),
        returns_to=State(case.returns_to) if case.returns_to else None,
        dismissal_ground=case.dismissal_ground,
        expressly_rejected=case.expressly_rejected,
        late_acceptance_notified=case.late_acceptance_notified_at is not None,
        has_determination=determined is not None,
        connected_references=tuple(connected),
    )
