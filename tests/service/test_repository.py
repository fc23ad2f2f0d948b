"""The record a use case reads is the case exactly as the database holds it.

``ombudsman.repository`` reads a case's rows as JSON objects made by the database, to read them all in one
statement. These tests compare every column of every row it reads with the same row read the ordinary way,
on SQLite and on PostgreSQL: times stay aware and exact to the microsecond, money stays exact pence, flags stay
booleans, JSON stays JSON.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from ombudsman.clock import FixedClock
from ombudsman.db import transaction
from ombudsman.models import (
    AuditEvent,
    Award,
    Case,
    HearingRequest,
    Letter,
    RegisterEntry,
    Representation,
    TimeLimit,
)
from ombudsman.repository import CaseRecord, cases_where, load, load_many
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER
from tests.factories import facts_data
from tests.letters.scenarios import accepted
from tests.walk import FIRM, Walk


def _columns(row: SQLModel) -> dict[str, Any]:
    return {column.name: getattr(row, column.name) for column in row.__table__.columns}  # type: ignore[attr-defined]


def _read_plainly(session: Session, model: type[SQLModel], case_id: int, *conditions: Any) -> list[dict[str, Any]]:
    query = select(model).where(col(model.case_id) == case_id, *conditions).order_by(col(model.id))  # type: ignore[attr-defined]
    return [_columns(row) for row in session.exec(query).all()]


def _record(service: CaseService, reference: str) -> CaseRecord:
    with transaction(service.engine) as session:
        record = load(session, cases_where(col(Case.reference) == reference))
    assert record is not None
    return record


def _plain(service: CaseService, reference: str) -> dict[str, list[dict[str, Any]]]:
    # A session of its own: the record's rows must not be the ones this compares them with.
    with Session(service.engine) as session:
        case = session.exec(select(Case).where(Case.reference == reference)).one()
        assert case.id is not None
        return {
            "time_limits": _read_plainly(session, TimeLimit, case.id, col(TimeLimit.status) == "open"),
            "awards": _read_plainly(session, Award, case.id),
            "representations": _read_plainly(session, Representation, case.id),
            "hearing_requests": _read_plainly(session, HearingRequest, case.id),
            "register": _read_plainly(session, RegisterEntry, case.id),
            "determinations": _read_plainly(session, AuditEvent, case.id, col(AuditEvent.name) == "determine"),
            "letters": [
                {**row, "large_print": row["large_print"] is not None}
                for row in _read_plainly(session, Letter, case.id)
            ],
        }


def test_every_row_of_a_determined_case_reads_back_exactly(service: CaseService, clock: FixedClock) -> None:
    story = accepted(service, clock)
    record, plain = _record(service, story.reference), _plain(service, story.reference)
    assert [_columns(row) for row in record.awards] == plain["awards"] and len(plain["awards"]) == 2
    assert [_columns(row) for row in record.representations] == plain["representations"]
    assert len(plain["representations"]) == 2
    assert [_columns(row) for row in record.determinations] == plain["determinations"]
    assert record.register_entry is not None and [_columns(record.register_entry)] == plain["register"]
    assert sorted((_columns(row) for row in record.open_limits), key=lambda row: row["id"]) == plain["time_limits"]
    headings = [
        {
            key: getattr(letter, key)
            for key in ("id", "kind", "addressed_to", "step", "version", "made_at", "large_print")
        }
        for letter in record.letters
    ]
    assert headings == [{key: row[key] for key in headings[0]} for row in plain["letters"]]
    made_at = record.awards[0].made_at
    assert made_at.tzinfo is not None and made_at.utcoffset() is not None
    assert str(record.awards[-1].money_award) == "150000.00"  # exact pence, capped (DISP 3.7.4R)


def test_hearing_requests_time_limits_and_connected_complaints_read_back_exactly(
    service: CaseService, clock: FixedClock
) -> None:
    other = service.open_case(CASEWORKER, facts_data()).reference
    story = Walk(service, clock, date(2025, 9, 8), complainant={**facts_data()["complainant"], "vulnerable": True})
    story.step(CASEWORKER, "link_connected_complaint", connected_reference=other, reasons="The same sale.")
    story.to_investigation()
    story.step(CASEWORKER, "set_time_limit", deadline="information", until="2025-10-01", reasons="Bank statements.")
    story.step(FIRM, "request_hearing", days=1, issues="Whether the sale was explained.")
    story.step(CASEWORKER, "refuse_hearing", days=1, reasons="The papers show what was said at the sale.")
    story.step(story.complainant, "request_hearing", days=1, issues="My health when I signed.", private_reasons="x")
    record, plain = _record(service, story.reference), _plain(service, story.reference)
    assert [_columns(row) for row in record.hearing_requests] == plain["hearing_requests"]
    assert [row["decision"] for row in plain["hearing_requests"]] == ["refused", "pending"]
    assert sorted((_columns(row) for row in record.open_limits), key=lambda row: row["id"]) == plain["time_limits"]
    assert record.connected == [other]
    assert _record(service, other).connected == [story.reference]
    assert any(letter.large_print for letter in record.letters)  # a vulnerable complainant's letters
    assert record.facts.complainant.vulnerable is True


def test_a_page_reads_each_case_with_its_own_rows(service: CaseService, clock: FixedClock) -> None:
    first = accepted(service, clock).reference
    second = service.open_case(CASEWORKER, facts_data()).reference
    with transaction(service.engine) as session:
        records = load_many(session, cases_where().order_by(col(Case.id)))
    assert [record.reference for record in records] == [first, second]
    assert len(records[0].awards) == 2 and records[1].awards == []
    assert [letter.kind for letter in records[1].letters] == ["acknowledgement"]
    assert all(letter.version == 1 for letter in records[1].letters)


def test_a_case_read_assesses_its_jurisdiction_once_per_content_and_day_and_never_stale(
    service: CaseService, clock: FixedClock, monkeypatch: Any
) -> None:
    """Read twice, a case is assessed once; once its facts change, or the day does, it is assessed again and
    the page shows the new answer, never the one kept from before."""
    from ombudsman import assessments, views
    from ombudsman.access import load_visible_case

    assessed: list[str] = []
    real = assessments.as_decided

    def counting(*args: Any, **kwargs: Any) -> Any:
        assessed.append("once")
        return real(*args, **kwargs)

    monkeypatch.setattr(assessments, "as_decided", counting)
    assessments.ASSESSMENTS.clear()  # the other database's run made a case of the same content: its answer is kept
    reference = service.open_case(CASEWORKER, facts_data(complainant={"relationship": None})).reference
    service.act(CASEWORKER, reference, "start_jurisdiction_check")

    def eligible(day: date) -> Any:
        with transaction(service.engine) as session:
            view = views.case_view(
                load_visible_case(session, CASEWORKER, reference), CASEWORKER, service.rulebook, today=day
            )
        [test] = [test for test in view.jurisdiction["tests"] if test["name"] == "eligible_complainant"]
        return test["passed"]

    today = clock.today()
    assert eligible(today) is eligible(today) is None  # the relationship is not known yet
    assert len(assessed) == 1
    fields = {"facts": {"complainant": {"relationship": "customer"}}, "reasons": "Her bank statements."}
    service.act(CASEWORKER, reference, "amend_facts", fields=fields)
    assert eligible(today) is True
    assert len(assessed) == 2
    eligible(today + timedelta(days=1))
    assert len(assessed) == 3


def test_a_read_runs_beside_a_write_that_holds_the_case(service: CaseService) -> None:
    """A page or a case read does not queue behind a change in progress (on SQLite it takes no write lock): it
    reads the case as last committed, while the writer still holds it."""
    import threading

    from ombudsman.access import load_visible_case
    from ombudsman.db import reading

    reference = service.open_case(CASEWORKER, facts_data()).reference
    read: list[int] = []

    def reader() -> None:
        with reading(service.engine) as session:
            read.append(load_visible_case(session, CASEWORKER, reference).case.version)

    with transaction(service.engine) as writing:
        record = load_visible_case(writing, CASEWORKER, reference, lock=True)
        record.case.version += 1  # a change in progress, not yet committed
        writing.add(record.case)
        writing.flush()
        thread = threading.Thread(target=reader)
        thread.start()
        thread.join(timeout=10)
        assert read == [1], "the read waited for the writer, or saw what it has not committed"
