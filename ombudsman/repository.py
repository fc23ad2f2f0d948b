"""A case and its rows, loaded once per use case, in a number of statements that does not grow with the rows.

A use case (a trigger, a case read, a page of cases) reads each case in two statements and never again:

1. the case with its two parties, in one statement (the two parties joined by their role, which is unique per
   case); a trigger locks the case's row here (``FOR UPDATE OF cases`` on PostgreSQL; SQLite's writers already
   hold the database's write lock);
2. every other row of the case that the workflow, the letters and the views read: the open time limits, the
   awards, the representations, the hearing requests, the entry in the register of money awards, the
   determinations, the connected complaints and the headings of the letters. They come in one ``UNION ALL``
   statement, each row as one JSON object made by the database, for one case or for a whole page of cases.

Everything downstream reads from the ``CaseRecord`` this makes: the snapshot the guards judge, the effects'
writers, the letters and the views. A writer that adds a row adds it through ``CaseRecord.add``, so the record
stays the case as the transaction now has it and nothing reads the database again to learn what it just wrote.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import (
    ARRAY,
    JSON,
    Boolean,
    ColumnElement,
    Date,
    Dialect,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    func,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.orm import aliased, make_transient_to_detached
from sqlalchemy.sql.compiler import SQLCompiler
from sqlmodel import Session, SQLModel, col

from ombudsman.db import READ_ONLY
from ombudsman.models import (
    AuditEvent,
    Award,
    AwareDateTime,
    Case,
    ConnectedComplaint,
    HearingRequest,
    Letter,
    Money,
    Named,
    Party,
    RegisterEntry,
    Representation,
    TimeLimit,
    new_row,
)
from ombudsman.rules.awards import asks_respondent_to_act
from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.values import AS_STORED
from workflows.attempt import CaseSnapshot, HearingRequestView, RepresentationView, TimeLimitView
from workflows.table import DETERMINING, State
from workflows.vocabulary import AwardStage, LimitStatus

COMPLAINANT, RESPONDENT = "complainant", "respondent"


@dataclass(frozen=True)
class LetterHeading:
    """A sent letter without its text: what a case's list of letters shows (its text is read on its own)."""

    id: int
    kind: str
    addressed_to: str
    step: str
    version: int
    made_at: datetime
    large_print: bool
    channel: str = "email"
    delivery: str = "queued"
    delivery_at: datetime | None = None
    delivery_error: str | None = None

    @classmethod
    def of(cls, letter: Letter) -> LetterHeading:
        assert letter.id is not None
        return cls(
            id=letter.id,
            kind=letter.kind,
            addressed_to=letter.addressed_to,
            step=letter.step,
            version=letter.version,
            made_at=letter.made_at,
            large_print=letter.large_print is not None,
            channel=letter.channel,
            delivery=letter.delivery,
            delivery_at=letter.delivery_at,
            delivery_error=letter.delivery_error,
        )


@dataclass
class CaseRecord:
    """The case and its rows as this transaction has them."""

    case: Case
    parties: dict[str, Party]  # by role: complainant and respondent
    time_limits: list[TimeLimit] = field(default_factory=list)  # those open when loaded, and those added since
    awards: list[Award] = field(default_factory=list)
    representations: list[Representation] = field(default_factory=list)
    hearing_requests: list[HearingRequest] = field(default_factory=list)
    register_entry: RegisterEntry | None = None
    determinations: list[AuditEvent] = field(default_factory=list)  # the audit events of DETERMINING, oldest first
    connected: list[str] = field(default_factory=list)  # the references of the connected complaints
    letters: list[LetterHeading | Letter] = field(default_factory=list)  # oldest first
    session: Session | None = None

    @property
    def id(self) -> int:
        assert self.case.id is not None
        return self.case.id

    @property
    def reference(self) -> str:
        return self.case.reference

    @property
    def facts(self) -> CaseFacts:
        return CaseFacts.model_validate(
            {**self.case.facts, COMPLAINANT: self.complainant.details, RESPONDENT: self.respondent.details},
            context=AS_STORED,  # as stored: a check added since refuses new input, never a case already held
        )

    @property
    def complainant(self) -> Party:
        return self.parties[COMPLAINANT]

    @property
    def respondent(self) -> Party:
        return self.parties[RESPONDENT]

    @property
    def open_limits(self) -> list[TimeLimit]:
        """The open time limits, soonest first."""
        return sorted(
            (limit for limit in self.time_limits if limit.status == LimitStatus.open), key=lambda limit: limit.due_on
        )

    @property
    def determination(self) -> AuditEvent | None:
        """The latest determination's audit event."""
        return self.determinations[-1] if self.determinations else None

    @property
    def determination_award(self) -> Award | None:
        """The award of the latest determination, if it made one."""
        return next((award for award in reversed(self.awards) if award.stage == AwardStage.determination), None)

    @property
    def assessment_award(self) -> Award | None:
        """The award of the latest provisional assessment, if it made one."""
        stage = AwardStage.provisional_assessment
        return next((award for award in reversed(self.awards) if award.stage == stage), None)

    def letters_to(self, party: str | None) -> list[LetterHeading | Letter]:
        """The letters, oldest first: all for staff (``party`` None), else those addressed to ``party``."""
        return [letter for letter in self.letters if party is None or letter.addressed_to == party]

    def snapshot(self) -> CaseSnapshot:
        """The frozen picture of the case that the guards judge and the effects read."""
        case = self.case
        return CaseSnapshot(
            reference=case.reference,
            state=State(case.state),
            facts=self.facts,
            entered_state_at=case.entered_state_at,
            open_time_limits=tuple(
                TimeLimitView(limit.kind, limit.due_on, tuple(limit.binds), limit.fires, limit.set_at)
                for limit in self.open_limits
            ),
            representations=tuple(
                RepresentationView(row.party, row.made_at, row.version, row.confidentiality)
                for row in self.representations
            ),
            hearing_requests=tuple(HearingRequestView(row.party, row.decision) for row in self.hearing_requests),
            returns_to=State(case.returns_to) if case.returns_to else None,
            dismissal_ground=case.dismissal_ground,
            expressly_rejected=case.expressly_rejected,
            late_acceptance_notified=case.late_acceptance_notified_at is not None,
            has_determination=bool(self.determinations),
            assessment_asks_respondent_to_act=self.assessment_award is not None
            and asks_respondent_to_act(self.assessment_award.calculation),
        )

    def add(self, row: Any) -> Any:
        """Add a row the transaction writes (new or changed), keeping the record as the transaction has it."""
        assert self.session is not None, "a record read without its session is for reading only"
        self.session.add(row)
        if isinstance(row, RegisterEntry):
            self.register_entry = row
        elif isinstance(row, AuditEvent):
            if row.name == DETERMINING.name:
                self.determinations.append(row)
        elif isinstance(row, ConnectedComplaint):
            pass  # the references are recorded by the writer, which knows them
        else:
            rows = self._rows_of(type(row))
            if rows is not None and not any(existing is row for existing in rows):
                rows.append(row)
        return row

    def _rows_of(self, kind: type) -> list[Any] | None:
        lists: dict[type, list[Any]] = {
            TimeLimit: self.time_limits,
            Award: self.awards,
            Representation: self.representations,
            HearingRequest: self.hearing_requests,
            Letter: self.letters,
        }
        return lists.get(kind)


# --- loading ------------------------------------------------------------------------------------------------


@cache
def _heads() -> Select[Any]:
    """The cases, each with its two parties (one row per case): built once, narrowed by each query's conditions."""
    complainant, respondent = aliased(Party, name="complainant"), aliased(Party, name="respondent")
    return (
        select(Case)
        .add_columns(complainant, respondent)
        .join(complainant, and_(col(complainant.case_id) == col(Case.id), col(complainant.role) == COMPLAINANT))
        .join(respondent, and_(col(respondent.case_id) == col(Case.id), col(respondent.role) == RESPONDENT))
    )


def cases_where(*conditions: ColumnElement[bool]) -> Select[Any]:
    """A query of cases with their parties, for ``load`` and ``load_many``."""
    return _heads().where(*conditions)


def load(session: Session, query: Select[Any], values: Mapping[str, Any] | None = None) -> CaseRecord | None:
    """The one case ``query`` (from ``cases_where``, its parameters bound to ``values``) selects, with its rows;
    None when there is none."""
    head = session.execute(query, values).first()
    if head is None:
        return None
    [record] = _records(session, [head])
    return record


def load_many(session: Session, query: Select[Any]) -> list[CaseRecord]:
    """Every case ``query`` (from ``cases_where``, ordered and limited as the caller wants) selects, with its
    rows: two statements however many cases there are."""
    return _records(session, list(session.execute(query).all()))


def _records(session: Session, heads: Sequence[Any]) -> list[CaseRecord]:
    records = {
        case.id: CaseRecord(case=case, parties={COMPLAINANT: complainant, RESPONDENT: respondent}, session=session)
        for case, complainant, respondent in heads
    }
    if records:
        for case_id, data, kind in _rows_of_cases(session, sorted(records)):
            _ROWS[kind].keep(session, records[case_id], data)
    for record in records.values():
        record.awards.sort(key=lambda row: row.id or 0)
        record.representations.sort(key=lambda row: row.id or 0)
        record.hearing_requests.sort(key=lambda row: row.id or 0)
        record.determinations.sort(key=lambda row: row.id or 0)
        record.connected.sort()
        record.letters.sort(key=lambda row: (row.version, row.id or 0))
    return list(records.values())


# --- the rows of a case, in one statement ---------------------------------------------------------------------


@dataclass(frozen=True)
class Rows:
    """One kind of row a case record holds: which rows, which of their columns, and where each goes."""

    kind: str
    columns: Callable[[], dict[str, Any]]  # name: column, for the JSON object
    # select(case_id, the JSON object) of these rows for the cases asked for: its FROM and WHERE
    select: Callable[[Callable[[Any], ColumnElement[bool]], Any], Select[Any]]
    keep: Callable[[Session, CaseRecord, dict[str, Any]], None]


def _model_columns(model: type[SQLModel], leave_out: Iterable[str] = ()) -> Callable[[], dict[str, Any]]:
    return lambda: {column.name: column for column in model.__table__.columns if column.name not in leave_out}  # type: ignore[attr-defined]


def _attached(session: Session, model: type[SQLModel], data: dict[str, Any]) -> Any:
    """The ORM row for ``data``, as if loaded by a query: the session's own copy if it has one already. A
    transaction that only reads (``db.reading``) never writes it back, so there the row is left out of the
    session, which spares the bookkeeping of keeping it there."""
    values = {name: data.get(name) if read is None else _read(read, data.get(name)) for name, read in _readers(model)}
    if session.info.get(READ_ONLY):
        return new_row(model, **values)
    key = session.identity_key(model, values["id"])
    existing = session.identity_map.get(key)
    if existing is not None:
        return existing
    row = new_row(model, **values)
    make_transient_to_detached(row)
    session.add(row)
    return row


Reader = Callable[[Any], Any]


def _read(read: Reader, value: Any) -> Any:
    return None if value is None else read(value)


@cache
def _readers(model: type[SQLModel]) -> tuple[tuple[str, Reader | None], ...]:
    """Each column of ``model`` with how its value is read back from the JSON object the database made of its
    row (None: as it stands), worked out once per model rather than once per value."""
    return tuple((column.name, _reader(column.type)) for column in model.__table__.columns)  # type: ignore[attr-defined]


def _aware_time(value: str) -> datetime | None:
    return _AWARE.process_result_value(datetime.fromisoformat(value), None)  # type: ignore[arg-type]


_AWARE = AwareDateTime()


def _reader(kind: Any) -> Reader | None:
    if isinstance(kind, AwareDateTime):
        return _aware_time
    if isinstance(kind, Money):
        return Decimal
    if isinstance(kind, Named):
        return kind.enum
    if isinstance(kind, Date):
        return date.fromisoformat
    if isinstance(kind, Boolean):
        return bool
    return None


def _keep_into(attribute: str, model: type[SQLModel]) -> Callable[[Session, CaseRecord, dict[str, Any]], None]:
    def keep(session: Session, record: CaseRecord, data: dict[str, Any]) -> None:
        getattr(record, attribute).append(_attached(session, model, data))

    return keep


def _keep_register_entry(session: Session, record: CaseRecord, data: dict[str, Any]) -> None:
    record.register_entry = _attached(session, RegisterEntry, data)


def _keep_connected(session: Session, record: CaseRecord, data: dict[str, Any]) -> None:
    record.connected.append(data["reference"])


def _keep_letter(session: Session, record: CaseRecord, data: dict[str, Any]) -> None:
    record.letters.append(
        LetterHeading(
            id=data["id"],
            kind=data["kind"],
            addressed_to=data["addressed_to"],
            step=data["step"],
            version=data["version"],
            made_at=_read(_aware_time, data["made_at"]),
            large_print=bool(data["large_print"]),
            channel=data["channel"],
            delivery=data["delivery"],
            delivery_at=_read(_aware_time, data["delivery_at"]),
            delivery_error=data["delivery_error"],
        )
    )


Among = Callable[[Any], ColumnElement[bool]]  # "this case_id column is one of the cases asked for"


def _of(model: Any, *conditions: Callable[[], ColumnElement[bool]]) -> Callable[[Among, Any], Select[Any]]:
    def rows(among: Among, json_object: Any) -> Select[Any]:
        owner = col(model.case_id)
        return select(owner, json_object).where(among(owner), *(condition() for condition in conditions))

    return rows


def _connected(among: Among, json_object: Any) -> Select[Any]:
    owner = col(ConnectedComplaint.case_id)
    return (
        select(owner, json_object)
        .select_from(ConnectedComplaint)
        .join(Case, col(Case.id) == col(ConnectedComplaint.connected_case_id))
        .where(among(owner))
    )


_LIST: tuple[Rows, ...] = (
    Rows(
        "time_limits",
        _model_columns(TimeLimit),
        _of(TimeLimit, lambda: col(TimeLimit.status) == LimitStatus.open),
        _keep_into("time_limits", TimeLimit),
    ),
    Rows("awards", _model_columns(Award), _of(Award), _keep_into("awards", Award)),
    Rows(
        "representations",
        _model_columns(Representation),
        _of(Representation),
        _keep_into("representations", Representation),
    ),
    Rows(
        "hearing_requests",
        _model_columns(HearingRequest),
        _of(HearingRequest),
        _keep_into("hearing_requests", HearingRequest),
    ),
    Rows("register", _model_columns(RegisterEntry), _of(RegisterEntry), _keep_register_entry),
    Rows(
        "determinations",
        _model_columns(AuditEvent),
        _of(AuditEvent, lambda: col(AuditEvent.name) == DETERMINING.name),
        _keep_into("determinations", AuditEvent),
    ),
    Rows(
        "connected",
        lambda: {"reference": col(Case.reference)},
        _connected,
        _keep_connected,
    ),
    Rows(
        "letters",
        lambda: {
            **{
                name: Letter.__table__.columns[name]  # type: ignore[attr-defined]
                for name in ("id", "kind", "addressed_to", "step", "version", "channel", "delivery", "delivery_error")
            },
            "made_at": Letter.__table__.columns["made_at"],  # type: ignore[attr-defined]
            "delivery_at": Letter.__table__.columns["delivery_at"],  # type: ignore[attr-defined]
            "large_print": col(Letter.large_print).is_not(None),
        },
        _of(Letter),
        _keep_letter,
    ),
)
_ROWS: dict[str, Rows] = {rows.kind: rows for rows in _LIST}


def _json_object(dialect: str, columns: dict[str, Any]) -> ColumnElement[Any]:
    """One JSON object of the columns, made by the database (the same shape on PostgreSQL and SQLite)."""
    postgresql = dialect == "postgresql"
    pairs: list[Any] = []
    for name, column in columns.items():
        assert name.isidentifier(), name  # inlined as a SQL string literal below
        value = column
        if not postgresql and isinstance(getattr(column, "type", None), JSON):
            value = func.json(column)  # SQLite keeps JSON as text: embed it as JSON, not as a string
        pairs += [literal_column(f"'{name}'"), value]
    return (func.json_build_object if postgresql else func.json_object)(*pairs)


@cache
def _rows_statement(dialect: Dialect) -> SQLCompiler:
    """The statement of every row the records of some cases hold: (case_id, the row as a JSON object, kind).

    It is the same for every use case, so it is built and compiled once per database: the cases are its one
    parameter, ``ids`` (a PostgreSQL array; on SQLite a JSON list), never a list of placeholders that would make
    a statement of its own for each number of cases. Built afresh, it cost more than the rest of a trigger."""
    if dialect.name == "postgresql":
        ids: Any = bindparam("ids", type_=ARRAY(Integer))

        def among(owner: Any) -> ColumnElement[bool]:
            return owner == func.any(ids)  # type: ignore[no-any-return]
    else:
        listed: Any = select(literal_column("value")).select_from(func.json_each(bindparam("ids", type_=String)))

        def among(owner: Any) -> ColumnElement[bool]:
            return owner.in_(listed)  # type: ignore[no-any-return]

    statement = union_all(
        *(
            rows.select(among, _json_object(dialect.name, rows.columns())).add_columns(literal_column(f"'{rows.kind}'"))
            for rows in _LIST
        )
    )
    compiled = statement.compile(dialect=dialect)
    assert isinstance(compiled, SQLCompiler)
    return compiled


def _rows_of_cases(session: Session, ids: list[int]) -> Iterable[tuple[int, dict[str, Any], str]]:
    """Every row of these cases that a record holds, in one statement sent as it was compiled."""
    connection = session.connection()
    compiled = _rows_statement(connection.dialect)
    values = compiled.construct_params({"ids": ids if connection.dialect.name == "postgresql" else json.dumps(ids)})
    parameters: Any = tuple(values[name] for name in compiled.positiontup or ()) if compiled.positional else values
    for case_id, data, kind in connection.exec_driver_sql(compiled.string, parameters):
        yield case_id, (json.loads(data) if isinstance(data, str) else data), kind
