"""The stored records: cases and their facts, parties, time limits, awards, the register, and the audit trail.

Each use case writes its change and its audit event in one transaction (``ombudsman.service``). The state and
the version are never written by a client: only the service changes them, through a trigger.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import JSON, Column, DateTime, Dialect, Index, String, TypeDecorator, UniqueConstraint, text
from sqlalchemy.orm import configure_mappers
from sqlalchemy.orm.attributes import manager_of_class
from sqlmodel import Field, SQLModel

from ombudsman.clock import LONDON
from workflows.vocabulary import (
    AwardStage,
    Channel,
    Confidentiality,
    DeliveryStatus,
    HearingDecision,
    LetterKind,
    LimitStatus,
    Outcome,
    RegisterStatus,
    Role,
    State,
)
from workflows.vocabulary import (
    Party as PartyRole,
)


class AwareDateTime(TypeDecorator[datetime]):
    """Timezone-aware times on every database: stored in UTC, read back aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("refusing a naive datetime: every stored time is timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(LONDON)


class Money(TypeDecorator[Decimal]):
    """Exact pounds and pence, stored as text so no database turns them into floating point."""

    impl = String(24)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class Named(TypeDecorator[StrEnum]):
    """A member of one of the engine's enums (``workflows.vocabulary``), stored as its name: a value that is
    not a member is refused on the way in, and every value read back is the member, not a bare string."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[StrEnum], length: int) -> None:
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value: StrEnum | str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> StrEnum | None:
        return None if value is None else self.enum(value)


def _named(enum: type[StrEnum], length: int, *, default: Any = ..., index: bool = False) -> Any:
    nullable = default is None
    column: Column[Any] = Column(Named(enum, length), nullable=nullable, index=index)
    return Field(sa_column=column) if default is ... else Field(default=default, sa_column=column)


# Ids are INTEGER columns (32 bits on PostgreSQL): a number above this names no row.
MAX_ROW_ID = 2**31 - 1


def _at() -> Any:
    return Field(sa_column=Column(AwareDateTime(), nullable=False))


def _at_or_none() -> Any:
    return Field(default=None, sa_column=Column(AwareDateTime(), nullable=True))


def _json(default: Any) -> Any:
    return Field(default_factory=lambda: default.copy(), sa_column=Column(JSON, nullable=False))


def _money() -> Any:
    return Field(sa_column=Column(Money(), nullable=False))


Row = TypeVar("Row", bound=SQLModel)


def new_row(model: type[Row], /, **values: Any) -> Row:
    """A new row of ``model``: these values, and its fields' defaults for the rest.

    Made as the ORM makes a row it reads: the values go into the instance's state at once, not one by one
    through the constructor's bookkeeping (the instrumented ``setattr`` of every field, which is most of what a
    row costs to make). It is the same row for the ORM's flush and for pydantic. A name that is not one of the
    model's fields is refused, as the constructor refuses it."""
    fields = model.model_fields
    unknown = values.keys() - fields.keys()
    if unknown:
        raise TypeError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")
    manager = manager_of_class(model)
    if not manager.mapper.configured:
        configure_mappers()
    row = manager.new_instance()
    state = row.__dict__
    for name, info in fields.items():
        if name in values:
            state[name] = values[name]
        elif not info.is_required():
            state[name] = info.get_default(call_default_factory=True)
    object.__setattr__(row, "__pydantic_fields_set__", set(values))
    return row


class User(SQLModel, table=True):
    """A person who uses the engine, and their one bearer token: kept only as its SHA-256 hash.

    The token stops working at ``expires_at``, or at once when the user is revoked (``revoked_at`` set).
    """

    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    role: Role = _named(Role, 20)
    frn: str | None = Field(default=None, max_length=7, index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = _at()
    expires_at: datetime = _at()
    revoked_at: datetime | None = _at_or_none()


class WebSession(SQLModel, table=True):
    """A signed-in browser (``ombudsman.web``): named by the hash of its cookie, never the cookie itself."""

    __tablename__ = "web_sessions"

    id: str = Field(primary_key=True, max_length=64)  # SHA-256 of the session cookie
    token_hash: str = Field(max_length=64, index=True)  # whose session: the user's token hash
    csrf: str = Field(max_length=64)  # the anti-forgery token every form of this session carries
    created_at: datetime = _at()
    last_seen_at: datetime = _at()
    ended_at: datetime | None = _at_or_none()


class UserCase(SQLModel, table=True):
    """A complainant user's own cases."""

    __tablename__ = "user_cases"

    user_id: int = Field(foreign_key="users.id", primary_key=True)
    case_id: int = Field(foreign_key="cases.id", primary_key=True)


class Case(SQLModel, table=True):
    __tablename__ = "cases"
    # The work queue pages on these, each in the order of the next time limit: every case, a firm's, a stage's.
    __table_args__ = (
        Index("ix_cases_next_due", "next_due_on", "id"),
        Index("ix_cases_frn_next_due", "respondent_frn", "next_due_on", "id"),
        Index("ix_cases_state_next_due", "state", "next_due_on", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(max_length=40, unique=True, index=True)
    state: State = _named(State, 40, index=True)
    version: int = Field(default=1)
    workflow_version: int
    rulebook: str = Field(max_length=40)
    respondent_frn: str = Field(max_length=7, index=True)
    facts: dict[str, Any] = _json({})  # the case facts apart from the parties
    opened_at: datetime = _at()
    updated_at: datetime = _at()
    entered_state_at: datetime = _at()
    returns_to: State | None = _named(State, 40, default=None)
    dismissal_ground: str | None = Field(default=None, max_length=40)  # a DISP 3.3.4R number, or test_case, ...
    jurisdiction_exception: str | None = Field(default=None, max_length=40)
    outcome: Outcome | None = _named(Outcome, 20, default=None)
    expressly_rejected: bool = False
    late_acceptance_notified_at: datetime | None = _at_or_none()
    respondent_missed_time_limit: bool = False
    idempotency_key: str | None = Field(default=None, max_length=200, unique=True)
    idempotency_fingerprint: str | None = Field(default=None, max_length=64)
    audit_head: str | None = Field(default=None, max_length=64)  # the hash of the latest audit event
    # The last day of the case's soonest open time limit (None when none is open), kept by every step that sets,
    # extends or closes one: the work queue's order, read from an index instead of from every case's limits.
    next_due_on: date | None = None
    # The events of a complaint about several that the exception cures (None: every event it can cure); last, as
    # revision 0004 adds it.
    jurisdiction_exception_events: list[str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class Party(SQLModel, table=True):
    __tablename__ = "parties"
    __table_args__ = (UniqueConstraint("case_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    role: PartyRole = _named(PartyRole, 20)
    name: str = Field(max_length=200)
    details: dict[str, Any] = _json({})  # the complainant or respondent facts, contact details included


class TimeLimit(SQLModel, table=True):
    __tablename__ = "time_limits"
    # The open limits only, in the sweep's order: closed limits pile up over the years, and a sweep that finds
    # nothing due reads only this index, however many there are.
    __table_args__ = (
        Index(
            "ix_time_limits_open_due",
            "due_on",
            "id",
            postgresql_where=text("status = 'open'"),
            sqlite_where=text("status = 'open'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    kind: str = Field(max_length=60)
    due_on: date = Field(index=True)  # the last day a response counts; the sweep acts on the day after
    binds: list[str] = _json([])
    fires: str | None = Field(default=None, max_length=60)
    status: LimitStatus = _named(LimitStatus, 20, default=LimitStatus.open)
    set_at: datetime = _at()
    closed_at: datetime | None = _at_or_none()
    closed_by: str | None = Field(default=None, max_length=60)


class TimeLimitExtension(SQLModel, table=True):
    __tablename__ = "time_limit_extensions"

    id: int | None = Field(default=None, primary_key=True)
    time_limit_id: int = Field(foreign_key="time_limits.id", index=True)
    from_due_on: date
    to_due_on: date
    reasons: str
    by_user: str = Field(max_length=200)
    at: datetime = _at()


class Representation(SQLModel, table=True):
    __tablename__ = "representations"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    party: PartyRole = _named(PartyRole, 20)
    text: str
    # Asked to be treated in confidence (DISP 3.5.9R(2)), and where staff's decision on that stands: None when
    # it was not asked.
    confidentiality: Confidentiality | None = _named(Confidentiality, 20, default=None)
    summary: str | None = None  # what the other party is shown of it, once accepted in confidence
    version: int  # the case's version after the event that recorded it: how decide_confidentiality names it
    state: State = _named(State, 40)
    made_by: str = Field(max_length=200)
    made_at: datetime = _at()


class HearingRequest(SQLModel, table=True):
    __tablename__ = "hearing_requests"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    party: PartyRole = _named(PartyRole, 20)
    issues: str
    private_reasons: str | None = None
    requested_at: datetime = _at()
    decision: HearingDecision = _named(HearingDecision, 20, default=HearingDecision.pending)
    private: bool | None = None
    decision_reasons: str | None = None
    decided_at: datetime | None = _at_or_none()


class Award(SQLModel, table=True):
    __tablename__ = "awards"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    stage: AwardStage = _named(AwardStage, 40)
    outcome: Outcome = _named(Outcome, 20)
    money_award: Decimal = _money()
    recommended_balance: Decimal = _money()
    calculation: dict[str, Any] = _json({})
    made_at: datetime = _at()


class RegisterEntry(SQLModel, table=True):
    """The register of money awards (DISP 3.7.7R)."""

    __tablename__ = "money_award_register"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True, unique=True)
    award_id: int = Field(foreign_key="awards.id")
    reference: str = Field(max_length=40)
    respondent_frn: str = Field(max_length=7, index=True)
    respondent_name: str = Field(max_length=200)
    money_award: Decimal = _money()
    status: RegisterStatus = _named(RegisterStatus, 20)
    determined_on: date
    status_changed_at: datetime = _at()


class ConnectedComplaint(SQLModel, table=True):
    __tablename__ = "connected_complaints"

    case_id: int = Field(foreign_key="cases.id", primary_key=True)
    connected_case_id: int = Field(foreign_key="cases.id", primary_key=True)


class AuditEvent(SQLModel, table=True):
    """One per trigger or action, written in the same transaction as the change. Never updated or deleted.

    ``version`` is the case's version after this change: one event per version, 1, 2, 3, ... with no gaps.
    """

    __tablename__ = "audit_events"
    __table_args__ = (UniqueConstraint("case_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    version: int  # the case's version after this change
    at: datetime = _at()
    user: str = Field(max_length=200)
    role: str = Field(max_length=20)
    kind: str = Field(max_length=10)  # trigger or action
    name: str = Field(max_length=60)
    from_state: State = _named(State, 40)
    to_state: State = _named(State, 40)
    reasons: str | None = None
    finding: str
    citation: str
    # Set when the event carries what one party gave in confidence: the other party never sees it.
    confidential_from: str | None = Field(default=None, max_length=20)
    details: dict[str, Any] = _json({})
    # SHA-256 over this event's content and the previous event's hash (``ombudsman.audit``): tamper-evident.
    hash: str = Field(default="", max_length=64)


class Letter(SQLModel, table=True):
    """A letter as sent, kept exactly as rendered then: the record of what was said, never re-rendered."""

    __tablename__ = "letters"
    # What the deliverer reads: the emails due again (queued, their back-off passed) and those whose lease ran out
    # (taken by a deliverer that stopped mid-send), each in its own small index, however many letters were sent.
    __table_args__ = (
        Index(
            "ix_letters_queued_due",
            "next_attempt_at",
            "id",
            postgresql_where=text("delivery = 'queued' AND channel = 'email'"),
            sqlite_where=text("delivery = 'queued' AND channel = 'email'"),
        ),
        Index(
            "ix_letters_sending_lease",
            "lease_until",
            "id",
            postgresql_where=text("delivery = 'sending'"),
            sqlite_where=text("delivery = 'sending'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    kind: LetterKind = _named(LetterKind, 40)
    addressed_to: PartyRole = _named(PartyRole, 20)
    step: str = Field(max_length=60)  # the trigger or action that produced it
    version: int  # the case's version when it was sent
    made_at: datetime = _at()
    html: str
    text: str
    large_print: str | None = None  # the large-print HTML, for a complainant who needs it
    # Its delivery: the outbox is these columns, written with the letter in the step's transaction
    # (``ombudsman.delivery`` sends what is queued). By email to ``address``, or by post from the print queue.
    channel: Channel = _named(Channel, 10, default=Channel.email)
    address: str | None = Field(default=None, max_length=320)
    delivery: DeliveryStatus = _named(DeliveryStatus, 20, default=DeliveryStatus.queued, index=True)
    delivery_at: datetime | None = _at_or_none()  # when the delivery status last changed
    delivery_error: str | None = Field(default=None, max_length=500)
    attempts: int = 0  # sends begun: each take by a deliverer, a take after a lease ran out included
    next_attempt_at: datetime | None = _at_or_none()
    # The lease of a letter being sent: which deliverer took it (its host, process id and a random part) and until
    # when it holds it. Past ``lease_until`` any deliverer may take it again; only the holder records the outcome.
    lease_holder: str | None = Field(default=None, max_length=100)
    lease_until: datetime | None = _at_or_none()
