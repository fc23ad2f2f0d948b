"""Cases to measure on: a few templates walked through the service, then cloned in SQL as many times as needed.

Every template is made by ``CaseService`` itself, step by step on a ``FixedClock``, so each of its rows (and each
column the engine keeps for itself, such as a denormalised next deadline) is exactly as the engine writes it. A
clone copies its template's rows in one ``INSERT ... SELECT`` per table (PostgreSQL: ``generate_series``;
SQLite: a recursive CTE), with a fresh id and reference (``FOS-YYYY-NNNNNN``, the number being the id, as
``case_reference`` makes it) and every child row (parties, time limits, audit events, letters, ...) pointed at
it. No column is altered, so a clone is as consistent as its template; only its audit chain's hashes still name
the template (``ombudsman audit verify`` would call a clone broken; no row reads them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from harness import say
from sqlalchemy import Connection, Engine, Table, event, text
from sqlmodel import SQLModel

from ombudsman.access import Actor
from ombudsman.clock import FixedClock
from ombudsman.service import CaseService
from workflows.table import Role

BENCH_TODAY = date(2026, 11, 2)  # the service's "today" in every row (OMBUDSMAN_TODAY for the servers)
CASEWORKER = Actor("Bench caseworker", Role.caseworker)
SENTINEL_ID = 2_000_000_000  # a case id no other parameter can equal: the trigger capture replaces it
CHUNK = 100_000  # cases cloned per transaction


def facts(number: int = 0, **overrides: Any) -> dict[str, Any]:
    """A complaint like the README's: in time, with a final response, referred on 1 September 2026."""
    data: dict[str, Any] = {
        "complainant": {
            "name": f"Ann Example {number}",
            "kind": "consumer",
            "relationship": "customer",
            "contact_email": f"ann{number}@example.org",
        },
        "respondent": {"name": "Example Bank plc", "frn": "123456", "kind": "firm"},
        "activity": "regulated_activity",
        "establishment": "uk",
        "event_date": "2026-02-01",
        "complained_to_respondent_on": "2026-06-01",
        "final_response_sent_on": "2026-07-20",
        "final_response_mentioned_time_limit": True,
        "referred_on": "2026-09-01",
        "summary": "Mis-sold payment protection",
        "amount_claimed": "1200.00",
    }
    data.update(overrides)
    return data


Step = tuple[int, str, dict[str, Any]]  # (days after opening, trigger or action, fields)
TO_JURISDICTION: list[Step] = [(0, "start_jurisdiction_check", {})]
TO_INVESTIGATION: list[Step] = [*TO_JURISDICTION, (0, "accept_jurisdiction", {"reasons": "Every DISP 2 test passes."})]
HEARD: list[Step] = [
    (1, "make_representations", {"text": "Our records show it was explained.", "on_behalf_of": "respondent"}),
    (1, "make_representations", {"text": "Nobody told me it was optional.", "on_behalf_of": "complainant"}),
]


def assessed(respond_by: date) -> list[Step]:
    """To a provisional assessment whose response time limit ends on ``respond_by``."""
    fields = {"outcome": "not_uphold", "reasons": "The sale was suitable.", "respond_by": respond_by.isoformat()}
    return [*TO_INVESTIGATION, *HEARD, (2, "issue_provisional_assessment", fields)]


def walk(
    engine: Engine,
    steps: list[Step],
    *,
    opened: date,
    case_facts: dict[str, Any] | None = None,
    sweep_on: date | None = None,
) -> int:
    """Open a case on ``opened`` and take it through ``steps`` (then sweep as of ``sweep_on``); returns its id."""
    clock = FixedClock(opened)
    service = CaseService(engine, clock)
    case = service.open_case(CASEWORKER, case_facts or facts())
    for day, name, fields in steps:
        clock.set(opened + timedelta(days=day))
        service.act(CASEWORKER, case.reference, name, fields=fields)
    if sweep_on is not None:
        clock.set(sweep_on)
        service.sweep(sweep_on)
    assert case.id is not None
    return case.id


# --- the seeded databases of rows 6 and 7: most cases with their time limits closed --------------------------


def scale_templates(engine: Engine) -> list[int]:
    """The mix a seeded database is cloned from, as 20 buckets: 9 cases whose respondent's time elapsed (limit
    closed, now at jurisdiction_check), 8 settled in the investigation (limit closed), 2 with the respondent
    (limit open, due after BENCH_TODAY) and 1 at a provisional assessment (limit open, due after BENCH_TODAY)."""
    no_final_response = {"final_response_sent_on": None, "final_response_mentioned_time_limit": False}
    elapsed = walk(
        engine,
        [(0, "refer_to_respondent", {})],
        opened=date(2026, 9, 1),
        case_facts=facts(1, complained_to_respondent_on="2026-08-03", **no_final_response),
        sweep_on=date(2026, 10, 5),
    )
    settled = walk(
        engine,
        [*TO_INVESTIGATION, (3, "settle", {"reasons": "Agreed.", "terms": "A refund of the premiums."})],
        opened=date(2026, 9, 2),
        case_facts=facts(2),
    )
    waiting = walk(
        engine,
        [(0, "refer_to_respondent", {})],
        opened=date(2026, 10, 26),
        case_facts=facts(3, complained_to_respondent_on="2026-10-20", referred_on="2026-10-26", **no_final_response),
    )
    assessing = walk(engine, assessed(date(2026, 12, 31)), opened=date(2026, 10, 20), case_facts=facts(4))
    return [elapsed] * 9 + [settled] * 8 + [waiting] * 2 + [assessing]


def seed_scale(engine: Engine, cases: int) -> None:
    """``cases`` cases in all: the templates, then clones of them, interleaved by id."""
    started = _now()
    buckets = scale_templates(engine)
    templates = len(set(buckets))
    clone(engine, buckets, first=templates + 1, count=cases - templates, progress=cases >= 200_000, alone=True)
    analyse(engine)
    say(f"  seeded {cases:,} cases in {_now() - started:.0f} s")


# --- cloning in SQL --------------------------------------------------------------------------------------------


def case_tables() -> tuple[list[Table], list[Table]]:
    """The tables whose rows belong to one case: those cloned (a ``case_id`` to cases, an id of their own, no
    other foreign key) and the others, which a template must leave empty (their rows refer to more than a case)."""
    cloned, others = [], []
    for table in SQLModel.metadata.sorted_tables:
        if table.name == "cases" or "case_id" not in table.columns:
            continue
        targets = {key.column.table.name for key in table.foreign_keys}
        own_id = [column.name for column in table.primary_key.columns] == ["id"]
        (cloned if targets == {"cases"} and len(table.foreign_keys) == 1 and own_id else others).append(table)
    return cloned, others


def clone(
    engine: Engine, buckets: Sequence[int], *, first: int, count: int, progress: bool = False, alone: bool = False
) -> range:
    """Clone the template cases: case ``first + i`` copies template ``buckets[(first + i) % len(buckets)]``.
    Returns the ids made. ``alone``: nothing else has the database open (a database being seeded), so SQLite
    may write it without a journal."""
    if count <= 0:
        return range(first, first)
    cloned, others = case_tables()
    templates = sorted(set(buckets))
    postgresql = engine.dialect.name == "postgresql"
    quote = engine.dialect.identifier_preparer.quote
    with engine.connect() as connection:
        for table in others:
            held = connection.execute(
                text(f"SELECT count(*) FROM {quote(table.name)} WHERE case_id IN ({','.join(map(str, templates))})")
            ).scalar_one()
            if held:
                raise RuntimeError(f"a template has rows in {table.name}, which the cloner cannot copy")
    mapping = ", ".join(f"({index}, {template})" for index, template in enumerate(buckets))
    if postgresql:
        prefix = f"WITH m(k, tid) AS (VALUES {mapping})"
        numbers = "generate_series(CAST(:a AS INTEGER), CAST(:b AS INTEGER)) AS g(n)"
        padded = "CASE WHEN g.n < 1000000 THEN lpad(CAST(g.n AS TEXT), 6, '0') ELSE CAST(g.n AS TEXT) END"
    else:
        numbered = "g(n) AS (SELECT :a UNION ALL SELECT n + 1 FROM g WHERE n < :b)"
        prefix = f"WITH RECURSIVE {numbered}, m(k, tid) AS (VALUES {mapping})"
        numbers = "g"
        padded = "printf('%06d', g.n)"
    bucket = f"m.k = g.n % {len(buckets)}"
    case_columns = [column.name for column in SQLModel.metadata.tables["cases"].columns]
    chosen = {
        "id": "g.n",
        "reference": f"'FOS-' || substr(t.reference, 5, 4) || '-' || {padded}",
        "idempotency_key": "NULL",
    }
    statements = [
        f"{prefix} INSERT INTO cases ({', '.join(quote(name) for name in case_columns)}) "
        f"SELECT {', '.join(chosen.get(name, f't.{quote(name)}') for name in case_columns)} "
        f"FROM {numbers} JOIN m ON {bucket} JOIN cases t ON t.id = m.tid"
    ]
    for table in cloned:
        columns = [column.name for column in table.columns if column.name != "id"]
        values = ", ".join("g.n" if name == "case_id" else f"c.{quote(name)}" for name in columns)
        into = (
            f"{prefix} INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in columns)}) SELECT {values}"
        )
        if postgresql:  # each case's rows in id order, without sorting them all (the letters are wide)
            statements.append(
                f"{into} FROM {numbers} JOIN m ON {bucket} CROSS JOIN LATERAL "
                f"(SELECT * FROM {quote(table.name)} WHERE case_id = m.tid ORDER BY id) c"
            )
        else:  # CROSS JOIN fixes SQLite's join order: the numbers outermost, each case's rows by their index
            statements.append(
                f"{into} FROM {numbers} CROSS JOIN m CROSS JOIN {quote(table.name)} c "
                f"WHERE {bucket} AND c.case_id = m.tid"
            )
    last = first + count - 1
    for start in range(first, last + 1, CHUNK):
        end = min(start + CHUNK - 1, last)
        if alone:
            engine.dispose()  # the pool's idle connections closed: this connection is the file's only one
        with engine.connect() as connection, _bulk_settings(connection, postgresql, alone=alone):
            for statement in statements:
                connection.execute(text(statement), {"a": start, "b": end})
        if progress:
            say(f"  cloned {end - first + 1:,} of {count:,} cases")
    if postgresql:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('cases', 'id'), "
                    "(SELECT max(id) FROM cases WHERE id < :sentinel))"
                ),
                {"sentinel": SENTINEL_ID},
            )
    return range(first, last + 1)


@contextmanager
def _bulk_settings(connection: Connection, postgresql: bool, *, alone: bool = False) -> Iterator[None]:
    """Loading settings for this connection, for the block only (the connection goes back to the pool as it came):
    PostgreSQL compresses the letters with lz4 and does not wait for the WAL at commit (SET LOCAL, in the
    transaction); SQLite does not fsync (a seed that dies half-way is thrown away, never kept)."""
    if postgresql:
        with connection.begin():
            connection.exec_driver_sql("SET LOCAL synchronous_commit = off")
            lz4 = connection.exec_driver_sql(
                "SELECT count(*) FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
            ).scalar_one()
            if lz4:
                connection.exec_driver_sql("SET LOCAL default_toast_compression = lz4")
            yield
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    synchronous = driver.execute("PRAGMA synchronous").fetchone()[0]
    cache_size = driver.execute("PRAGMA cache_size").fetchone()[0]
    journal = driver.execute("PRAGMA journal_mode").fetchone()[0]
    driver.execute("PRAGMA synchronous = OFF")
    driver.execute("PRAGMA cache_size = -262144")
    if alone:  # no other connection has the file open: write the pages once, not to the WAL and then again
        driver.execute("PRAGMA journal_mode = OFF")
    try:
        with connection.begin():
            yield
    finally:
        if alone:
            driver.execute(f"PRAGMA journal_mode = {journal}")
        driver.execute(f"PRAGMA synchronous = {int(synchronous)}")
        driver.execute(f"PRAGMA cache_size = {int(cache_size)}")


def analyse(engine: Engine) -> None:
    """PostgreSQL: VACUUM ANALYZE, as autovacuum would have by the time a real database held these rows. SQLite
    is left as the engine leaves it (it runs no ANALYZE)."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def next_id(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(
            connection.execute(
                text("SELECT coalesce(max(id), 0) + 1 FROM cases WHERE id < :s"), {"s": SENTINEL_ID}
            ).scalar_one()
        )


def reference_of(engine: Engine, case_id: int) -> str:
    with engine.connect() as connection:
        return str(connection.execute(text("SELECT reference FROM cases WHERE id = :id"), {"id": case_id}).scalar_one())


def delete_case(engine: Engine, case_id: int) -> None:
    """Every row of one case, in every table (and the rows that refer to those), then the case itself."""
    quote = engine.dialect.identifier_preparer.quote
    tables = list(reversed(SQLModel.metadata.sorted_tables))
    with engine.begin() as connection:
        for table in tables:
            owners = [name for name in ("case_id", "connected_case_id") if name in table.columns]
            conditions = [f"{quote(name)} = :id" for name in owners]
            for key in table.foreign_keys:
                parent = key.column.table
                if parent.name != "cases" and "case_id" in parent.columns:
                    conditions.append(
                        f"{quote(key.parent.name)} IN (SELECT {quote(key.column.name)} FROM {quote(parent.name)} "
                        "WHERE case_id = :id)"
                    )
            if conditions:
                connection.execute(
                    text(f"DELETE FROM {quote(table.name)} WHERE {' OR '.join(conditions)}"), {"id": case_id}
                )
        connection.execute(text("DELETE FROM cases WHERE id = :id"), {"id": case_id})


# --- capturing what the engine sends, and replaying it --------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    statement: str
    parameters: Any
    many: bool

    @property
    def writes(self) -> bool:
        return self.statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")

    @property
    def counted(self) -> bool:
        """A statement the project's own counts count (tests/statements.py): not BEGIN & co."""
        return not self.statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"))


@contextmanager
def listening(engine: Engine) -> Iterator[list[Sent]]:
    """Every statement ``engine`` sends while the block runs (``before_cursor_execute``), with its parameters."""
    sent: list[Sent] = []

    def keep(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        sent.append(Sent(statement, parameters, executemany))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", keep)


def substituted(parameters: Any, old: int, new: int) -> Any:
    """The parameters with every integer ``old`` (the sentinel case's id) replaced by ``new``."""
    if isinstance(parameters, dict):
        return {key: substituted(value, old, new) for key, value in parameters.items()}
    if isinstance(parameters, (list, tuple)):
        return type(parameters)(substituted(value, old, new) for value in parameters)
    if isinstance(parameters, int) and not isinstance(parameters, bool) and parameters == old:
        return new
    return parameters


class Raw:
    """A DBAPI connection taken from the engine's pool, used directly: the baselines' way to the database.

    It has the engine's connection settings (on SQLite: WAL, the busy timeout, foreign keys) and, on SQLite,
    begins its transactions as the engine does (BEGIN IMMEDIATE). ``:name`` parameters in the SQL it is given
    become the driver's own style.
    """

    def __init__(self, engine: Engine) -> None:
        self.sqlite = engine.dialect.name == "sqlite"
        self.connection = engine.raw_connection()
        if self.sqlite:
            self.connection.driver_connection.isolation_level = None  # type: ignore[union-attr]
        self.cursor = self.connection.cursor()
        self._converted: dict[str, str] = {}

    def sql(self, statement: str) -> str:
        if self.sqlite:
            return statement
        converted = self._converted.get(statement)
        if converted is None:
            converted = self._converted[statement] = re.sub(r"(?<![:\w]):([A-Za-z_]\w*)", r"%(\1)s", statement)
        return converted

    def begin(self) -> None:
        if self.sqlite:
            self.cursor.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        if self.sqlite:
            self.cursor.execute("COMMIT")
        else:
            self.connection.commit()

    def execute(self, statement: str, parameters: Any = None) -> Any:
        self.cursor.execute(self.sql(statement), parameters if parameters is not None else ())
        return self.cursor

    def send(self, sent: Sent, parameters: Any) -> None:
        """A captured statement, as the engine sent it, with these parameters; its rows (RETURNING) read."""
        if isinstance(parameters, list):
            self.cursor.executemany(sent.statement, parameters)
        else:
            self.cursor.execute(sent.statement, parameters)
        if self.cursor.description is not None:
            self.cursor.fetchall()

    def close(self) -> None:
        try:
            self.cursor.close()
        finally:
            self.connection.close()


def _now() -> float:
    import time

    return time.perf_counter()
