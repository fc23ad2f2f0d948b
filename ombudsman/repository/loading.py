"""Loading cases: each case with its two parties in one statement (a trigger locks the case's row here), then
every other row of the cases asked for in one more (``ombudsman.repository.rows``), made into ``CaseRecord``s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from ombudsman.models import Case, Party
from ombudsman.repository.record import COMPLAINANT, RESPONDENT, CaseRecord
from ombudsman.repository.rows import ROWS, rows_of_cases


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
        for case_id, data, kind in rows_of_cases(session, sorted(records)):
            ROWS[kind].keep(session, records[case_id], data)
    for record in records.values():
        record.awards.sort(key=lambda row: row.id or 0)
        record.representations.sort(key=lambda row: row.id or 0)
        record.hearing_requests.sort(key=lambda row: row.id or 0)
        record.determinations.sort(key=lambda row: row.id or 0)
        record.connected.sort()
        record.letters.sort(key=lambda row: (row.version, row.id or 0))
    return list(records.values())
