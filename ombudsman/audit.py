"""The audit trail: the one writer of audit events, and the check that the trail is as it was written.

Every change to a case writes one audit event in the same transaction, and each event is the case's next
version: the version rises by one per event, so a step that fires another (a final response that ends the
respondent's time) raises it by two, and a version always names exactly one event.

The trail is tamper-evident. Each event stores a SHA-256 hash over its own content and the hash of the event
before it on the same case (a hash chain), and the case keeps the hash of its latest event. ``verify`` walks
every case's chain and names the first case and version where an event was changed, an event is missing, or the
case's state and version no longer match its last event. Someone who can write to the database and knows this
scheme could rebuild a whole chain, so keep a copy of ``verify``'s digest of the heads somewhere else (it is
printed by ``ombudsman audit verify``) to compare later: that anchors the trail as of the day it was taken.

``verify`` reads the cases and their events in one snapshot of the database, so it runs safely beside the
server's writes: a change committed while it reads (a case's new version with its new event) is either wholly in
what it sees or wholly not. On PostgreSQL that is a read-only REPEATABLE READ transaction (every statement in it
sees the database as of its first); read committed, the default, would give the events' query a later view than
the cases' and report a case as broken because it moved on between the two. On SQLite one read transaction is
one snapshot already (WAL mode), and a read takes no write lock, so the server's writers are not held up.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from ombudsman.db import reading
from ombudsman.models import AuditEvent, Case, new_row
from workflows.table import State

GENESIS = "0" * 64  # the "previous hash" of a case's first event


def digest(previous: str, event: AuditEvent) -> str:
    """The hash of an event: SHA-256 over the previous event's hash and this event's content, canonically."""
    content: dict[str, Any] = {
        "case_id": event.case_id,
        "version": event.version,
        "at": event.at.astimezone(UTC).isoformat(),
        "user": event.user,
        "role": event.role,
        "kind": event.kind,
        "name": event.name,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "reasons": event.reasons,
        "finding": event.finding,
        "citation": event.citation,
        "confidential_from": event.confidential_from,
        "details": event.details,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{previous}\n{canonical}".encode()).hexdigest()


def record(
    session: Session,
    case: Case,
    *,
    user: str,
    role: str,
    kind: str,
    name: str,
    from_state: State,
    to_state: State,
    reasons: str | None,
    finding: str,
    citation: str,
    at: datetime,
    details: dict[str, Any],
    confidential_from: str | None = None,
) -> AuditEvent:
    """Write the case's next event: raise its version by one, chain the event's hash to the one before."""
    assert case.id is not None
    case.version += 1
    event = new_row(
        AuditEvent,
        case_id=case.id,
        version=case.version,
        at=at,
        user=user,
        role=role,
        kind=kind,
        name=name,
        from_state=from_state,
        to_state=to_state,
        reasons=reasons,
        finding=finding,
        citation=citation,
        confidential_from=confidential_from,
        # Stored as JSON: hash exactly what will be read back.
        details=json.loads(json.dumps(details)),
    )
    event.hash = digest(case.audit_head or GENESIS, event)
    case.audit_head = event.hash
    session.add(event)
    session.add(case)
    return event


# --- verifying ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    """Where a case's trail first stops matching what was written."""

    reference: str
    version: int
    problem: str


@dataclass
class Verification:
    cases: int = 0
    events: int = 0
    breaks: list[Break] = field(default_factory=list)
    heads: Any = field(default_factory=hashlib.sha256)

    @property
    def intact(self) -> bool:
        return not self.breaks

    @property
    def digest(self) -> str:
        """One hash over every case's latest event hash: keep it elsewhere to compare with later."""
        return str(self.heads.hexdigest())


def _events_by_case(session: Session) -> Iterator[tuple[Case, list[AuditEvent]]]:
    cases = session.exec(select(Case).order_by(col(Case.id)).execution_options(yield_per=500))
    events = iter(
        session.exec(
            select(AuditEvent)
            .order_by(col(AuditEvent.case_id), col(AuditEvent.version), col(AuditEvent.id))
            .execution_options(yield_per=2000)
        )
    )
    pending = next(events, None)
    for case in cases:
        mine: list[AuditEvent] = []
        while pending is not None and pending.case_id <= (case.id or 0):
            if pending.case_id == case.id:
                mine.append(pending)
            pending = next(events, None)
        yield case, mine


def check_case(case: Case, events: list[AuditEvent]) -> Break | None:
    """The first place this case's trail breaks, or None when it is intact."""
    previous = GENESIS
    for expected, event in enumerate(events, start=1):
        if event.version > expected:
            return Break(case.reference, expected, f"the event for version {expected} is missing")
        if event.version < expected:
            return Break(case.reference, event.version, f"there are two events for version {event.version}")
        if event.hash != digest(previous, event):
            return Break(case.reference, event.version, f"the event for version {event.version} has been changed")
        previous = event.hash
    last = events[-1] if events else None
    if last is None:
        return Break(case.reference, 1, "the case has no audit events at all")
    if case.version != last.version:
        return Break(
            case.reference,
            last.version,
            f"the case says version {case.version}, but its last event is version {last.version}",
        )
    if case.state != last.to_state:
        return Break(
            case.reference,
            last.version,
            f"the case is in {case.state}, but its last event (version {last.version}) left it in {last.to_state}",
        )
    if case.audit_head != last.hash:
        return Break(case.reference, last.version, "the case's record of its last event does not match the trail")
    return None


def one_snapshot(engine: Engine) -> Engine:
    """``engine`` for a read whose every statement sees the same snapshot: on PostgreSQL a read-only REPEATABLE
    READ transaction; on SQLite a read transaction is one snapshot already."""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    return engine


def verify(engine: Engine) -> Verification:
    """Check every case's chain, oldest case first, reading in batches (memory stays flat as the book grows), all
    of it in one snapshot (``one_snapshot``), so writes made meanwhile never look like tampering."""
    result = Verification()
    with reading(one_snapshot(engine)) as session:
        for case, events in _events_by_case(session):
            result.cases += 1
            result.events += len(events)
            broken = check_case(case, events)
            if broken is not None:
                result.breaks.append(broken)
            result.heads.update(f"{case.reference}:{case.audit_head}\n".encode())
    return result
