"""Read-only queries for the API: nothing here writes. Each runs inside a transaction the caller opens.

Scoping lives here once: staff see every case, a firm the cases against its own FRN, a complainant their own
cases. A case the caller may not see is reported as not found, so its existence is never revealed.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, exists, func, or_, tuple_
from sqlmodel import Session, col, select

from ombudsman import repository
from ombudsman.access import Actor, visible_filter
from ombudsman.errors import InvalidInput, NotFound
from ombudsman.models import MAX_ROW_ID, AuditEvent, Award, Case, Letter, Party, RegisterEntry, TimeLimit
from ombudsman.repository import CaseRecord
from ombudsman.rules.calendar import add_business_days
from workflows.events import read_record
from workflows.machine import triggers_from
from workflows.steps.determination import PublicationApproved
from workflows.table import AFTER_DETERMINATION, AMENDING, FINAL_STATES, PUBLISHING, State
from workflows.vocabulary import Channel, DeliveryStatus, LetterKind, LimitStatus

MAX_PAGE = 100
CURSOR_NUMBER = re.compile(r"[0-9]{1,10}")


@dataclass(frozen=True)
class Page:
    cases: list[CaseRecord]
    next_cursor: str | None


def encode_cursor(case_id: int) -> str:
    return base64.urlsafe_b64encode(f"after:{case_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The id a cursor points after; a cursor this server did not make is refused, naming the field."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, _, number = text.partition(":")
        if prefix != "after" or not CURSOR_NUMBER.fullmatch(number) or int(number) > MAX_ROW_ID:
            raise ValueError(text)
        return int(number)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise InvalidInput.field("cursor", "is not a cursor from this list: use next_cursor as given") from None


# The parts of the work queue, in its order: the cases with an open time limit (by its last day), the open cases
# with none, and the cases nothing more can happen to (no trigger leaves their state), which only a queue that
# asks for closed cases shows.
DATED, UNDATED, CLOSED = "dated", "none", "closed"
CLOSED_STATES = tuple(state for state in State if not triggers_from(state))


def encode_due_cursor(part: str, due_on: date | None, case_id: int) -> str:
    """A cursor of the work queue: after this case, in the order of the next time limit."""
    text = f"due:{due_on.isoformat() if part == DATED and due_on else part}:{case_id}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_due_cursor(cursor: str) -> tuple[str, date, int]:
    """The part of the queue, the next time limit and the id a work-queue cursor points after; anything else is
    refused, naming it."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, day, number = text.split(":")
        if prefix != "due" or not CURSOR_NUMBER.fullmatch(number) or int(number) > MAX_ROW_ID:
            raise ValueError(text)
        if day in (UNDATED, CLOSED):
            return day, date.min, int(number)
        return DATED, date.fromisoformat(day), int(number)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise InvalidInput.field("cursor", "is not a cursor from this list: use the next page's link") from None


def list_cases(
    session: Session,
    actor: Actor,
    *,
    state: State | None = None,
    states: tuple[State, ...] = (),
    respondent_frn: str | None = None,
    deadline_before: date | None = None,
    search: str | None = None,
    limit: int = 50,
    cursor: str | None = None,
    by_next_time_limit: bool = False,
    include_closed: bool = True,
) -> Page:
    """The cases the actor may see, oldest first, filtered; ``deadline_before`` keeps cases with an open time
    limit whose last day is before that date, ``states`` cases in any of them, and ``search`` cases whose
    reference or a party's name holds it (ignoring case). ``by_next_time_limit`` orders them instead by the
    next open time limit's last day (those with none after, and the closed cases last, or left out unless
    ``include_closed``), paged on that order: the work queue."""
    limit = max(1, min(limit, MAX_PAGE))
    # The page's cases are chosen first, by id alone (on an index), then read with their parties: joined to the
    # parties before the LIMIT, PostgreSQL may read the parties from the start for a page deep in the book.
    query: Any = select(col(Case.id))
    scope = visible_filter(actor)
    if scope is not None:
        query = query.where(scope)
    if state is not None:
        query = query.where(col(Case.state) == state.value)
    if states:
        query = query.where(col(Case.state).in_([chosen.value for chosen in states]))
    if search:
        # What was typed is matched as written: its % and _ are not wildcards.
        typed = search.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{typed}%"
        query = query.where(
            or_(
                func.lower(col(Case.reference)).like(pattern, escape="\\"),
                exists().where(
                    col(Party.case_id) == col(Case.id), func.lower(col(Party.name)).like(pattern, escape="\\")
                ),
            )
        )
    if respondent_frn is not None:
        query = query.where(col(Case.respondent_frn) == respondent_frn)
    if deadline_before is not None:
        # Some open limit ends before that day exactly when the soonest one does.
        query = query.where(col(Case.next_due_on) < deadline_before)
    if by_next_time_limit:
        return _by_next_time_limit(session, query, limit=limit, cursor=cursor, include_closed=include_closed)
    if cursor is not None:
        query = query.where(col(Case.id) > decode_cursor(cursor))
    records = _read(session, query.order_by(col(Case.id)).limit(limit + 1), col(Case.id))
    more = len(records) > limit
    records = records[:limit]
    last_id = records[-1].id if records else None
    return Page(records, encode_cursor(last_id) if more and last_id is not None else None)


def _read(session: Session, ids: Any, *order: Any) -> list[CaseRecord]:
    """The cases of a page, chosen by ``ids`` (a query of case ids, ordered and limited), read in that order."""
    return repository.load_many(session, repository.cases_where(col(Case.id).in_(ids)).order_by(*order))


def _by_next_time_limit(session: Session, query: Any, *, limit: int, cursor: str | None, include_closed: bool) -> Page:
    """Keyset paging on (next open limit's last day, id): the open cases with a limit first, then the open cases
    with none, by id, then (where asked for) the closed cases, by id.

    Each part is a range read of an index on ``cases.next_due_on`` (``ix_cases_next_due``, or the firm's or the
    stage's) or on the id: a page costs one query for each part it reaches."""
    part, due_on, after = decode_due_cursor(cursor) if cursor is not None else (DATED, date.min, 0)
    open_cases = col(Case.state).not_in([state.value for state in CLOSED_STATES])
    parts: list[tuple[str, Any, tuple[Any, ...]]] = [
        (
            DATED,
            query.where(
                open_cases,
                col(Case.next_due_on).is_not(None),
                tuple_(col(Case.next_due_on), col(Case.id)) > tuple_(due_on, after),
            ),
            (col(Case.next_due_on), col(Case.id)),
        ),
        (UNDATED, query.where(open_cases, col(Case.next_due_on).is_(None)), (col(Case.id),)),
    ]
    if include_closed:
        parts.append(
            (CLOSED, query.where(col(Case.state).in_([state.value for state in CLOSED_STATES])), (col(Case.id),))
        )
    names = [name for name, _, _ in parts]
    if part not in names:
        return Page([], None)
    records: list[CaseRecord] = []
    for name, chosen, order in parts[names.index(part) :]:
        if len(records) > limit:
            break
        if name == part and name != DATED:
            chosen = chosen.where(col(Case.id) > after)
        records += _read(session, chosen.order_by(*order).limit(limit + 1 - len(records)), *order)
    more = len(records) > limit
    records = records[:limit]
    if not more or not records:
        return Page(records, None)
    last = records[-1].case
    assert last.id is not None
    last_part = CLOSED if State(last.state) in CLOSED_STATES else (DATED if last.next_due_on else UNDATED)
    return Page(records, encode_due_cursor(last_part, last.next_due_on, last.id))


def events_of(session: Session, case_id: int) -> list[AuditEvent]:
    """The audit trail, oldest first."""
    return list(
        session.exec(select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(col(AuditEvent.id))).all()
    )


def audit_count(session: Session, reference: str | None = None) -> int:
    """How many audit events there are (for one case, or in all): tests use it to prove nothing was written."""
    query: Any = select(AuditEvent.id)
    if reference is not None:
        query = query.join(Case, col(Case.id) == col(AuditEvent.case_id)).where(Case.reference == reference)
    return len(session.exec(query).all())


def money_award_register(
    session: Session, *, respondent_frn: str | None = None, status: str | None = None
) -> list[tuple[RegisterEntry, Award]]:
    """The register's entries, each with the award it records (for the balance recommended, DISP 3.7.6G)."""
    query = select(RegisterEntry, Award).join(Award, col(Award.id) == col(RegisterEntry.award_id))
    if respondent_frn is not None:
        query = query.where(RegisterEntry.respondent_frn == respondent_frn)
    if status is not None:
        query = query.where(RegisterEntry.status == status)
    return list(session.exec(query.order_by(col(RegisterEntry.determined_on), col(RegisterEntry.id))).all())


@dataclass(frozen=True)
class Publication:
    """A determination an ombudsman has approved for publication (DISP 3.6.7R), and what the approval said."""

    record: CaseRecord
    approval: AuditEvent  # the latest approval
    corrections: tuple[AuditEvent, ...] = ()  # the case's amend_facts events: the particulars as they were

    @property
    def redact(self) -> list[str]:
        """The further words and phrases the latest approval strikes out of the report."""
        approved = read_record(PUBLISHING.name, self.approval.details)
        return list(approved.redact) if isinstance(approved, PublicationApproved) else []


def published_determination(session: Session, reference: str) -> Publication:
    """A determined case whose report an ombudsman has approved for publication, with the latest approval.

    Anything else (no such reference, no determination, or not yet approved) is not found, with one message,
    so an unpublished determination cannot be told from a reference that does not exist (references are
    sequential, so anyone could try them in turn).
    """
    not_found = NotFound(f"There is no published determination {reference}.")
    record = repository.load(
        session,
        repository.cases_where(
            col(Case.reference) == reference, col(Case.state).in_([state.value for state in AFTER_DETERMINATION])
        ),
    )
    if record is None:
        raise not_found
    # An approval is only ever given to a determined complaint (its guard refuses otherwise).
    approval = session.exec(
        select(AuditEvent)
        .where(AuditEvent.case_id == record.id, AuditEvent.name == PUBLISHING.name)
        .order_by(col(AuditEvent.id).desc())
    ).first()
    if approval is None:
        raise not_found
    # What the complainant's particulars were before each correction: the report strikes those out too.
    corrections = session.exec(
        select(AuditEvent)
        .where(AuditEvent.case_id == record.id, AuditEvent.name == AMENDING.name)
        .order_by(col(AuditEvent.id))
    ).all()
    return Publication(record, approval, tuple(corrections))


# --- the staff dashboard: the service against its targets ---------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    by_state: dict[str, int]  # every state, in the statechart's order
    open_by_age: dict[str, int]  # open cases by how long ago they were opened
    overdue_limits: int  # open time limits whose last day has passed
    resolved: int
    resolved_in_time: int  # resolved within the target number of days of being opened
    opened: int
    acknowledged_in_time: int  # acknowledged within the target number of business days of being opened


AGES = (("under a month", 0, 30), ("1 to 3 months", 31, 91), ("3 to 6 months", 92, 183), ("over 6 months", 184, None))


def dashboard(session: Session, today: date, *, resolve_within_days: int, acknowledge_within_days: int) -> Dashboard:
    """The figures of every case (staff only): the counts by state and of overdue limits grouped in the database;
    the ages, the resolution times and the acknowledgement times from one read of every case with the first
    acknowledgement sent (at the scale of a whole ombudsman's book this wants grouping in SQL too).

    A case is acknowledged in time when its acknowledgement was sent (or, for one going by post, printed) by the
    ``acknowledge_within_days``-th business day after the day it was opened: a letter made but still waiting in
    the outbox, or one that failed, has told the complainant nothing. A case with no acknowledgement is not.
    """
    counts = dict(session.exec(select(Case.state, func.count()).group_by(col(Case.state))).all())
    by_state = {state.value: int(counts.get(state.value, 0)) for state in State}
    acknowledged = and_(
        col(Letter.case_id) == col(Case.id),
        col(Letter.kind) == LetterKind.acknowledgement,
        col(Letter.delivery).in_([DeliveryStatus.sent, DeliveryStatus.printed]),
    )
    rows = session.exec(
        select(Case.state, Case.opened_at, Case.entered_state_at, func.min(Letter.delivery_at))
        .outerjoin(Letter, acknowledged)
        .group_by(col(Case.id))
    ).all()
    open_by_age = {name: 0 for name, _, _ in AGES}
    resolved = resolved_in_time = acknowledged_in_time = 0
    for state, opened_at, entered_state_at, acknowledged_at in rows:
        if acknowledged_at is not None:
            last_day = add_business_days(opened_at.date(), acknowledge_within_days)
            acknowledged_in_time += acknowledged_at.date() <= last_day
        if State(state) in FINAL_STATES:
            resolved += 1
            resolved_in_time += (entered_state_at - opened_at).days <= resolve_within_days
            continue
        age = (today - opened_at.date()).days
        name = next(name for name, low, high in AGES if age >= low and (high is None or age <= high))
        open_by_age[name] += 1
    overdue = session.exec(
        select(func.count())
        .select_from(TimeLimit)
        .where(col(TimeLimit.status) == LimitStatus.open, col(TimeLimit.due_on) < today)
    ).one()
    return Dashboard(by_state, open_by_age, int(overdue), resolved, resolved_in_time, len(rows), acknowledged_in_time)


# --- the staff dashboard: letters that have not reached their readers ----------------------------------------


@dataclass(frozen=True)
class UndeliveredLetter:
    reference: str
    kind: str
    addressed_to: str
    trouble: str  # "failed": the mail server refused it or every attempt failed; "stuck": not sent in time
    status: str  # its delivery status now: failed, queued (waiting for its next attempt) or sending
    reason: str | None  # the last failure's reason, in plain English, if there was one
    since: datetime  # failed: when it failed; stuck: when the letter was made


@dataclass(frozen=True)
class Undelivered:
    count: int  # every failed or stuck letter
    failed: int  # of which failed
    letters: list[UndeliveredLetter]  # at most ``shown`` of them: the failed first, then the stuck, oldest first


def undelivered_letters(session: Session, now: datetime, *, stuck_after: timedelta, shown: int = 50) -> Undelivered:
    """The letters staff must act on (staff only): failed ones, and emails not sent ``stuck_after`` after they were
    made (waiting for another attempt, or taken by a deliverer that stopped and not yet taken again)."""
    failed = col(Letter.delivery) == DeliveryStatus.failed
    stuck = and_(
        col(Letter.channel) == Channel.email,
        col(Letter.delivery).in_([DeliveryStatus.queued, DeliveryStatus.sending]),
        col(Letter.made_at) < now - stuck_after,
    )
    trouble = or_(failed, stuck)
    count, failed_count = session.exec(
        select(func.count(), func.count(case((failed, 1)))).select_from(Letter).where(trouble)
    ).one()
    rows = session.exec(
        select(Case.reference, Letter)
        .join(Case, col(Case.id) == col(Letter.case_id))
        .where(trouble)
        .order_by(case((failed, 0), else_=1), col(Letter.made_at), col(Letter.id))  # the failed first
        .limit(shown)
    ).all()
    letters = [
        UndeliveredLetter(
            reference=reference,
            kind=letter.kind,
            addressed_to=letter.addressed_to,
            trouble="failed" if letter.delivery == DeliveryStatus.failed else "stuck",
            status=letter.delivery,
            reason=letter.delivery_error,
            since=(letter.delivery_at or letter.made_at)
            if letter.delivery == DeliveryStatus.failed
            else letter.made_at,
        )
        for reference, letter in rows
    ]
    return Undelivered(int(count), int(failed_count), letters)
