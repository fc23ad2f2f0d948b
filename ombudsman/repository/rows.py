"""The rows of some cases, in one statement: the open time limits, the awards, the representations, the hearing
requests, the entry in the register of money awards, the determinations, the connected complaints and the
headings of the letters, in one ``UNION ALL`` statement, each row as one JSON object made by the database, read
back into the ORM's rows and kept in their ``CaseRecord``. A kind of row a record holds is its field there and
its ``Rows`` entry here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
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
    bindparam,
    func,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.orm import make_transient_to_detached
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
    RegisterEntry,
    Representation,
    TimeLimit,
    new_row,
)
from ombudsman.repository.record import CaseRecord, LetterHeading
from workflows.table import DETERMINING
from workflows.vocabulary import LimitStatus


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
ROWS: dict[str, Rows] = {rows.kind: rows for rows in _LIST}


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


def rows_of_cases(session: Session, ids: list[int]) -> Iterable[tuple[int, dict[str, Any], str]]:
    """Every row of these cases that a record holds, in one statement sent as it was compiled."""
    connection = session.connection()
    compiled = _rows_statement(connection.dialect)
    values = compiled.construct_params({"ids": ids if connection.dialect.name == "postgresql" else json.dumps(ids)})
    parameters: Any = tuple(values[name] for name in compiled.positiontup or ()) if compiled.positional else values
    for case_id, data, kind in connection.exec_driver_sql(compiled.string, parameters):
        yield case_id, (json.loads(data) if isinstance(data, str) else data), kind
