"""The deadline sweep: every swept trigger whose time limit has passed, fired once, a batch of cases at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import literal_column, tuple_
from sqlmodel import Session, col, select

from ombudsman import repository
from ombudsman.access import SWEEPER
from ombudsman.db import transaction
from ombudsman.errors import InvalidInput
from ombudsman.models import Case, TimeLimit
from ombudsman.repository import CaseRecord
from workflows.fields import Fields
from workflows.machine import decide
from workflows.table import STEP_BY_TRIGGER, SWEPT_TRIGGERS, State
from workflows.vocabulary import LimitStatus

if TYPE_CHECKING:
    from ombudsman.service import CaseService


@dataclass
class SweepReport:
    as_of: date
    fired: list[tuple[str, str]] = field(default_factory=list)  # (reference, trigger)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (reference, trigger, why)


def sweep(service: CaseService, as_of: date | None = None) -> SweepReport:
    """Fire every swept trigger whose time limit has passed, each once, a batch of cases per transaction.

    A date after today is refused: sweeping as of a day still to come would lapse determinations whose
    complainants still have time to accept (DISP 3.6.6R), and close assessments still open to disagreement.

    Several sweepers may run at once, on one host or many: each batch locks its cases (``FOR UPDATE SKIP
    LOCKED`` on PostgreSQL, so a second sweeper takes the next cases instead of waiting; SQLite has one writer
    at a time), and a limit is fired only if it is still open once its case is locked, so no limit fires
    twice. The batch walks the open limits in the order of (last day, id) on their partial index, so a sweep
    that finds nothing due reads nothing else, however many closed limits the years have left.
    """
    today = service.clock.today()
    if as_of is not None and as_of > today:
        raise InvalidInput.field(
            "as_of",
            f"{as_of.isoformat()} is after today ({today.isoformat()}): a sweep judges only days that have come",
        )
    report = SweepReport(as_of or today)
    after: tuple[date, int] | None = None
    while True:
        with transaction(service.engine) as session:
            after = _sweep_batch(service, session, report, after=after)
        if after is None:
            return report


def _sweep_batch(
    service: CaseService, session: Session, report: SweepReport, *, after: tuple[date, int] | None
) -> tuple[date, int] | None:
    """One batch: lock the next cases with a passed limit, fire what is still due on each, and say where the
    next batch starts (None when this was the last)."""
    query = (
        select(col(TimeLimit.due_on), col(TimeLimit.id), col(TimeLimit.fires), col(TimeLimit.case_id))
        .join(Case, col(Case.id) == col(TimeLimit.case_id))
        .where(
            # Written out, not a parameter, so both databases see the partial index's condition in the query.
            col(TimeLimit.status) == literal_column(f"'{LimitStatus.open.value}'"),
            col(TimeLimit.fires).in_(SWEPT_TRIGGERS),
            TimeLimit.due_on < report.as_of,
        )
        .order_by(col(TimeLimit.due_on), col(TimeLimit.id))
        .limit(service.settings.sweep_batch)
        .with_for_update(of=Case, skip_locked=True)
    )
    if after is not None:
        query = query.where(tuple_(col(TimeLimit.due_on), col(TimeLimit.id)) > tuple_(*after))
    due = session.exec(query).all()
    if not due:
        return None
    records = {
        record.id: record
        for record in repository.load_many(
            session, repository.cases_where(col(Case.id).in_({case_id for *_, case_id in due}))
        )
    }
    for _, limit_id, trigger, case_id in due:
        assert limit_id is not None and trigger is not None
        record = records[case_id]
        outcome = _sweep_one(service, record, limit_id=limit_id, trigger=trigger, as_of=report.as_of)
        if outcome is None:
            report.fired.append((record.reference, trigger))
        else:
            report.skipped.append((record.reference, trigger, outcome))
    last_due, last_id, *_ = due[-1]
    assert last_id is not None
    return (last_due, last_id) if len(due) == service.settings.sweep_batch else None


def _sweep_one(service: CaseService, record: CaseRecord, *, limit_id: int, trigger: str, as_of: date) -> str | None:
    """Fire one passed time limit's trigger on its locked case; returns why it was skipped, or None when it
    fired. The case's change and its audit event are written together, in the batch's transaction."""
    if not any(limit.id == limit_id for limit in record.open_limits):
        return "already dealt with"
    if State(record.case.state) not in STEP_BY_TRIGGER[trigger].sources:
        return f"the case is in {record.case.state} for now"
    attempt = service.attempt_on(record, Fields(), None, today=as_of, role=None)
    decision = decide(trigger, attempt)
    if not decision.done:
        return decision.finding.reason
    service.write(record, SWEEPER, attempt, decision=decision)
    return None
