"""The use cases the CLI, the API and the web pages share: one transaction each.

A trigger runs in a straight line: check the role may do it (403), load and lock the case (404), check the
version (412) and the fields (422), let the workflow decide (409 with the guard's reason), apply its effects,
bump the version, write the audit event, commit. Any refusal on the way writes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, TypeVar, overload

from pydantic import ValidationError
from sqlalchemy import ColumnElement, Engine, Select, bindparam, false, func, literal_column, text, tuple_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from ombudsman import bulk, effects, repository
from ombudsman.citations import cite
from ombudsman.clock import Clock, clock_for
from ombudsman.db import make_engine, transaction
from ombudsman.errors import Forbidden, InvalidInput, NotFound, Problem, Refused, StaleVersion
from ombudsman.models import Case, Party, TimeLimit, new_row
from ombudsman.repository import CaseRecord
from ombudsman.rules.awards import AwardsIn, contributions_may_name
from ombudsman.rules.disp_3_5_investigation import may_be_investigated_together
from ombudsman.rules.facts import CaseFacts, amended
from ombudsman.rules.rulebook import Rulebook, load_rulebook
from ombudsman.rules.values import AS_STORED
from ombudsman.settings import Settings
from workflows.attempt import Attempt, CaseSnapshot
from workflows.fields import Fields
from workflows.machine import Decision, allowed, decide
from workflows.table import (
    FIELDS,
    OPENING,
    ROUTINE,
    STAFF,
    STEP_BY_NAME,
    STEP_BY_TRIGGER,
    SWEPT_TRIGGERS,
    WORKFLOW_VERSION,
    Role,
    State,
    may,
    party_of,
)
from workflows.vocabulary import LimitStatus
from workflows.vocabulary import Party as PartyRole


@dataclass(frozen=True)
class Actor:
    """Who is acting: a user with a role, or the deadline sweep (``role`` None)."""

    name: str
    role: Role | None
    user_id: int | None = None
    frn: str | None = None
    case_ids: frozenset[int] = frozenset()

    @property
    def role_name(self) -> str:
        return self.role.value if self.role else "system"


SWEEPER = Actor("deadline sweep", None)


# --- who may see what: one rule, a filter on the query that reads a case or a list ---------------------------


def allowed_for(actor: Actor, case: Case) -> list[str]:
    """The triggers and actions this actor may try on the case now (the deadline sweep: none by hand)."""
    return allowed(State(case.state), actor.role) if actor.role else []


def to_do(actor: Actor, case: Case) -> list[str]:
    """The steps that need this actor's action on the case now (what the queue and the demo list first): every
    step they may take but the routine ones, always open (making representations)."""
    return [name for name in allowed_for(actor, case) if name not in ROUTINE]


# The cases each kind of actor may see, as a condition on the cases given its value: staff and the deadline sweep
# every case (no condition), a firm those against its own FRN, a complainant their own.
_SCOPES: dict[str, Callable[[Any], ColumnElement[bool]] | None] = {
    "every case": None,
    "the firm's": lambda frn: col(Case.respondent_frn) == frn,
    "their own": lambda case_ids: col(Case.id).in_(case_ids),
    "none": lambda _: false(),
}


def _scope(actor: Actor) -> tuple[str, Any]:
    """Which of the scopes the actor sees, and its condition's value."""
    if actor.role is None or actor.role in STAFF:
        return "every case", None
    if actor.role is Role.firm:
        return ("the firm's", actor.frn) if actor.frn else ("none", None)
    return ("their own", sorted(actor.case_ids)) if actor.case_ids else ("none", None)


def _condition(kind: str, value: Any) -> list[ColumnElement[bool]]:
    condition = _SCOPES[kind]
    return [] if condition is None else [condition(value)]


def visible_filter(actor: Actor) -> ColumnElement[bool] | None:
    """The cases an actor may see, as a filter on a query of cases (None: every case)."""
    conditions = _condition(*_scope(actor))
    return conditions[0] if conditions else None


@cache
def _visible_case_query(kind: str, *, lock: bool) -> Select[Any]:
    """One case by its reference, among those a scope sees, locked for a change or not: built once each, so a
    read neither builds its query again nor works out again how the database's statement cache knows it (the
    reference and the scope's value are bound as it runs)."""
    query = repository.cases_where(col(Case.reference) == bindparam("reference"), *_condition(kind, bindparam("scope")))
    return query.with_for_update(of=Case) if lock else query


def load_visible_case(session: Session, actor: Actor, reference: str, *, lock: bool = False) -> CaseRecord:
    """The case and its rows, if the actor may see it; otherwise 404 whether or not it exists, so existence
    never leaks. Scoped in the query itself, so a case the actor may not see is never read."""
    kind, value = _scope(actor)
    record = repository.load(session, _visible_case_query(kind, lock=lock), {"reference": reference, "scope": value})
    if record is None:
        raise NotFound(f"There is no case {reference} that you can see.")
    return record


T = TypeVar("T")


def _the_case(record: CaseRecord) -> Case:
    return record.case


def case_reference(year: int, number: int) -> str:
    """FOS-2026-000020: the year the case was opened and its number, never longer than the column holds."""
    return f"FOS-{year}-{number:06d}"


def next_case_numbers(session: Session, count: int) -> list[int]:
    """The numbers of the ``count`` cases about to be opened, in order: taken before their rows are written, so
    that each row is written whole, with its final reference, in one statement. PostgreSQL hands them out from
    the table's own sequence; on SQLite this transaction already holds the write lock (BEGIN IMMEDIATE), so no
    other writer can take them."""
    if count < 1:
        return []
    if session.get_bind().dialect.name == "postgresql":
        numbers = session.execute(
            text("SELECT nextval(pg_get_serial_sequence('cases', 'id')) FROM generate_series(1, :count)"),
            {"count": count},
        ).scalars()
        return sorted(int(number) for number in numbers)
    first = int(session.execute(select(func.coalesce(func.max(Case.id), 0) + 1)).scalar_one())
    return list(range(first, first + count))


def _may_try(actor: Actor, name: str) -> None:
    """Refuse a step that is not one of the workflow's, or that the actor's role may not take."""
    if name not in FIELDS:
        raise InvalidInput.field("trigger", f"{name!r} is not a trigger or action of the DISP workflow")
    if actor.role is not None and not may(actor.role, name):
        raise Forbidden(
            f"A {actor.role.value} cannot {name}.",
            citation=cite("DISP 3.9.1R") if actor.role is Role.caseworker else None,
        )


@dataclass(frozen=True)
class PlannedStep:
    """One step for ``CaseService.act_many``: who takes which step on which case, with its fields."""

    actor: Actor
    reference: str
    name: str
    fields: Mapping[str, Any] = field(default_factory=dict)


def _may_open(actor: Actor) -> None:
    if actor.role not in STAFF and actor.role is not None:
        raise Forbidden("Only ombudsman staff open cases.")


def _fingerprint(facts: CaseFacts) -> str:
    """What an Idempotency-Key is checked against when it comes again: the facts it opened a case with."""
    return hashlib.sha256(facts.model_dump_json().encode()).hexdigest()


@dataclass
class SweepReport:
    as_of: date
    fired: list[tuple[str, str]] = field(default_factory=list)  # (reference, trigger)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (reference, trigger, why)


def service_for(settings: Settings) -> CaseService:
    """The service as a process runs it (the CLI, each server worker): its engine pooled as the settings say,
    on the clock they call for."""
    engine = make_engine(
        settings.database_url, pool_size=settings.database_pool_size, max_overflow=settings.database_max_overflow
    )
    return CaseService(engine, clock_for(settings.today), settings)


class CaseService:
    def __init__(self, engine: Engine, clock: Clock, settings: Settings | None = None) -> None:
        self.engine = engine
        self.clock = clock
        self.settings = settings or Settings()
        self.rulebook: Rulebook = load_rulebook(self.settings.rulebook)

    # --- opening a case ---------------------------------------------------------------------------------

    @overload
    def open_case(
        self, actor: Actor, facts: CaseFacts | Mapping[str, Any], idempotency_key: str | None = None
    ) -> Case: ...

    @overload
    def open_case(
        self,
        actor: Actor,
        facts: CaseFacts | Mapping[str, Any],
        idempotency_key: str | None = None,
        *,
        read: Callable[[CaseRecord], T],
    ) -> T: ...

    def open_case(
        self,
        actor: Actor,
        facts: CaseFacts | Mapping[str, Any],
        idempotency_key: str | None = None,
        *,
        read: Callable[[CaseRecord], Any] = _the_case,
    ) -> Any:
        """Open a case from its facts; ``read`` shapes the answer inside the same transaction."""
        _may_open(actor)
        facts = self.facts_to_open(facts)
        fingerprint = _fingerprint(facts)
        try:
            return self._open(actor, facts, idempotency_key, fingerprint=fingerprint, read=read)
        except IntegrityError:
            if idempotency_key is None:
                raise
            # Another request with this key committed first: this one now replays that result.
            return self._open(actor, facts, idempotency_key, fingerprint=fingerprint, read=read)

    def _open(
        self,
        actor: Actor,
        facts: CaseFacts,
        idempotency_key: str | None,
        *,
        fingerprint: str,
        read: Callable[[CaseRecord], Any],
    ) -> Any:
        with transaction(self.engine) as session:
            if idempotency_key is not None:
                earlier = session.exec(select(Case).where(Case.idempotency_key == idempotency_key)).first()
                if earlier is not None:
                    if earlier.idempotency_fingerprint != fingerprint:
                        raise InvalidInput.field(
                            "Idempotency-Key", "was already used for a different case: use a new key"
                        )
                    again = repository.load(session, repository.cases_where(col(Case.id) == earlier.id))
                    assert again is not None
                    return read(again)
            record = self._opening(
                session,
                actor,
                facts,
                number=next_case_numbers(session, 1)[0],
                idempotency_key=idempotency_key,
                fingerprint=fingerprint,
            )
            session.flush()
            return read(record)

    def facts_to_open(self, facts: CaseFacts | Mapping[str, Any]) -> CaseFacts:
        """A new case's facts, checked as every opening checks them (422 naming the field): valid in themselves,
        and referred on a day that has come."""
        if not isinstance(facts, CaseFacts):
            try:
                facts = CaseFacts.model_validate(facts)
            except ValidationError as error:
                raise InvalidInput.from_validation(error) from None
        if facts.referred_on > self.clock.today():
            raise InvalidInput.field("referred_on", "is in the future")
        return facts

    def _opening(
        self,
        session: Session,
        actor: Actor,
        facts: CaseFacts,
        *,
        number: int,
        fingerprint: str,
        idempotency_key: str | None = None,
    ) -> CaseRecord:
        """Case ``number`` opened in ``session``: its row and its parties, and the opening step decided and written
        (its audit event, chained, and its acknowledgement, queued for delivery). The one place an opening's rows
        are made and its rule is asked: ``open_case`` flushes them through the transaction's session, and
        ``open_cases`` gathers a batch of them (``bulk.Collector``) to write with multi-row inserts."""
        now = self.clock.now()
        case = new_row(
            Case,
            id=number,
            reference=case_reference(now.year, number),  # final from the statement that creates the case
            state=State.referred,
            version=0,  # the open_case event below makes it version 1
            workflow_version=WORKFLOW_VERSION,
            rulebook=self.rulebook.name,
            respondent_frn=facts.respondent.frn,
            facts=facts.model_dump(mode="json", exclude={"complainant", "respondent"}),
            opened_at=now,
            updated_at=now,
            entered_state_at=now,
            idempotency_key=idempotency_key,
            idempotency_fingerprint=fingerprint,
        )
        session.add(case)
        session.flush()  # the case's row first: its parties, event and letter refer to it
        parties = {
            role.value: new_row(
                Party, case_id=number, role=role, name=party.name, details=party.model_dump(mode="json")
            )
            for role, party in (
                (PartyRole.complainant, facts.complainant),
                (PartyRole.respondent, facts.respondent),
            )
        }
        session.add_all(parties.values())
        record = CaseRecord(case=case, parties=parties, session=session)
        opening = Attempt(
            CaseSnapshot(reference=case.reference, state=State.referred, facts=facts, entered_state_at=now),
            Fields(),
            None,
            self.clock.today(),
            self.rulebook,
        )
        finding = OPENING.guard(opening)
        effects.apply(
            effects.Unit(
                record=record,
                user=actor.name,
                role=actor.role_name,
                step=OPENING,
                attempt=opening,
                decision=Decision(OPENING.name, True, State.referred, State.referred, finding, kind="action"),
                now=now,
                contact=self.settings.contact,
            )
        )
        return record

    def open_cases(
        self,
        actor: Actor,
        facts: Iterable[CaseFacts | Mapping[str, Any]],
        *,
        batch: int = bulk.BATCH,
        progress: Callable[[int], None] | None = None,
    ) -> list[str]:
        """Open many cases, each exactly as ``open_case`` opens one (the same checks, the same opening step, its
        audit event and its acknowledgement), ``batch`` cases a transaction, with one multi-row insert per table.
        Every case's facts are checked before anything is written, so one bad case writes nothing (422 naming it
        by its place, counting from 1). Returns the references, in order; ``progress`` hears how many cases each
        batch wrote."""
        _may_open(actor)
        checked: list[CaseFacts] = []
        for place, one in enumerate(facts, start=1):
            try:
                checked.append(self.facts_to_open(one))
            except InvalidInput as problem:
                raise InvalidInput(f"case {place}: {problem.detail}", errors=problem.errors) from None
        references: list[str] = []
        for start in range(0, len(checked), batch):
            chunk = checked[start : start + batch]
            with transaction(self.engine) as session:
                rows = bulk.Collector()
                for number, one in zip(next_case_numbers(session, len(chunk)), chunk, strict=True):
                    record = self._opening(rows, actor, one, number=number, fingerprint=_fingerprint(one))
                    references.append(record.reference)
                bulk.write(session, rows.rows)
            if progress is not None:
                progress(len(chunk))
        return references

    # --- firing a trigger or an action ------------------------------------------------------------------

    @overload
    def act(
        self,
        actor: Actor,
        reference: str,
        name: str,
        *,
        fields: Mapping[str, Any] | None = None,
        expected_version: int | None = None,
    ) -> Case: ...

    @overload
    def act(
        self,
        actor: Actor,
        reference: str,
        name: str,
        *,
        fields: Mapping[str, Any] | None = None,
        expected_version: int | None = None,
        read: Callable[[CaseRecord], T],
    ) -> T: ...

    def act(
        self,
        actor: Actor,
        reference: str,
        name: str,
        *,
        fields: Mapping[str, Any] | None = None,
        expected_version: int | None = None,
        read: Callable[[CaseRecord], Any] = _the_case,
    ) -> Any:
        """Fire a trigger or record an action; ``read`` shapes the answer inside the same transaction, so it
        shows the case exactly as this change left it (its own version), never as a later change did."""
        _may_try(actor, name)
        with transaction(self.engine) as session:
            record = load_visible_case(session, actor, reference, lock=True)
            self._take(record, actor, name, fields=fields or {}, expected_version=expected_version)
            session.flush()
            return read(record)

    def act_many(self, steps: Sequence[PlannedStep], *, batch: int = 200) -> list[Problem | None]:
        """Take many steps, ``batch`` of them in each transaction: for each, None where it was taken, or the
        problem that refused it (the rules, its fields, who tried it, or no such case), in the steps' order.

        Each step is judged and written exactly as ``act`` would, on its case as the steps before it in this
        call left it, and with its own audit event and version. A step that is refused writes nothing, and the
        later steps on its case in this call are not tried (each is refused as following it): a case's steps
        are one path, which stops where the rules stop it. The cases of a batch are locked, in the order of
        their ids, for its transaction. A batch rolls back whole only on an unexpected error."""
        outcomes: list[Problem | None] = []
        stopped: set[str] = set()  # the cases a refused step has stopped, for the rest of the call
        for start in range(0, len(steps), batch):
            chunk = steps[start : start + batch]
            with transaction(self.engine) as session:
                references = sorted({step.reference for step in chunk})
                query = repository.cases_where(col(Case.reference).in_(references)).order_by(col(Case.id))
                records = {
                    record.reference: record for record in repository.load_many(session, query.with_for_update(of=Case))
                }
                for step in chunk:
                    outcomes.append(self._take_planned(records, step, stopped=stopped))
                session.flush()
        return outcomes

    def _take_planned(
        self, records: Mapping[str, CaseRecord], step: PlannedStep, *, stopped: set[str]
    ) -> Problem | None:
        """One step of ``act_many``: None when it was taken, else what refused it (its case then stops)."""
        try:
            if step.reference in stopped:
                raise Refused(
                    f"An earlier step on {step.reference} in this call was refused, so this one was not tried."
                )
            if _scope(step.actor)[0] != "every case":
                raise Forbidden("Only ombudsman staff take steps in bulk.")
            _may_try(step.actor, step.name)
            record = records.get(step.reference)
            if record is None:
                raise NotFound(f"There is no case {step.reference}.")
            self._take(record, step.actor, step.name, fields=step.fields)
        except Problem as problem:
            stopped.add(step.reference)
            return problem
        return None

    def _take(
        self,
        record: CaseRecord,
        actor: Actor,
        name: str,
        *,
        fields: Mapping[str, Any],
        expected_version: int | None = None,
    ) -> None:
        """Judge one step on its locked case and write it, or raise what refuses it (having written nothing)."""
        case = record.case
        if expected_version is not None and case.version != expected_version:
            raise StaleVersion(
                f"You read version {expected_version} of {record.reference}, but it is now at version {case.version}.",
                state=case.state,
            )
        today = self.clock.today()
        valid = self._fields(name, fields, today)
        self._within_size(name, valid)
        party = self._party(actor, valid)
        self._check_against_the_case(valid, record)
        attempt = self._attempt(record, valid, party, today=today, role=actor.role)
        self._within_count(name, attempt, actor=actor, case=case)
        decision = decide(name, attempt)
        if not decision.done:
            raise Refused(
                decision.finding.reason,
                state=case.state,
                allowed=allowed_for(actor, case),
                citation=decision.finding.citation,
            )
        self._apply(record, actor, attempt, decision=decision)

    def _attempt(
        self, record: CaseRecord, fields: Fields, party: PartyRole | None, *, today: date, role: Role | None
    ) -> Attempt:
        """The case as it stands, frozen, and who is trying what on which day: what a guard and an effect see."""
        return Attempt(
            record.snapshot(),
            fields,
            party,
            today,
            self.rulebook,
            more_time_days=self.settings.vulnerable_extra_days,
            role=role,
        )

    def _apply(self, record: CaseRecord, actor: Actor, attempt: Attempt, *, decision: Decision) -> None:
        """Write a decided step, and the step it leads straight on to, if any (a final response ends the
        respondent's time at once), each as its own audit event and version."""
        now = self.clock.now()
        case = record.case
        case.updated_at = now
        while True:
            effects.apply(
                effects.Unit(
                    record=record,
                    user=actor.name,
                    role=actor.role_name,
                    step=STEP_BY_NAME[decision.name],
                    attempt=attempt,
                    decision=decision,
                    now=now,
                    contact=self.settings.contact,
                )
            )
            then = STEP_BY_NAME[decision.name].then
            if then is None or State(case.state) not in STEP_BY_NAME[then].sources:
                return
            attempt = self._attempt(record, Fields(), attempt.party, today=attempt.today, role=attempt.role)
            decision = decide(then, attempt)
            if not decision.done:
                return

    @staticmethod
    def _fields(name: str, raw: Mapping[str, Any], today: date) -> Fields:
        """The step's fields, valid in themselves and each date as its rule judges it today (422 otherwise)."""
        data = {key: value for key, value in raw.items() if key not in ("trigger", "action")}
        try:
            fields = FIELDS[name].model_validate(data)
        except ValidationError as error:
            raise InvalidInput.from_validation(error) from None
        for field_name, finding in fields.refused_on(today):
            raise InvalidInput.field(field_name, finding.reason)
        return fields

    def _within_size(self, name: str, fields: Fields) -> None:
        """A step's free text no longer than its setting allows (``workflows.step.Allowance``): 422 naming it."""
        allowance = STEP_BY_NAME[name].allowance
        if allowance is None:
            return
        most = self.settings.allowance(allowance.kind).characters
        for text_field in allowance.texts:
            text = getattr(fields, text_field)
            if isinstance(text, str) and len(text) > most:
                raise InvalidInput.field(
                    text_field,
                    f"is {len(text):,} characters long, and at most {most:,} are taken: shorten it",
                )

    def _within_count(self, name: str, attempt: Attempt, *, actor: Actor, case: Case) -> None:
        """No more of a step's free text than its setting allows one party on one case: 409, saying how many."""
        allowance = STEP_BY_NAME[name].allowance
        if allowance is None or attempt.party is None:
            return
        most = self.settings.allowance(allowance.kind).per_party
        made = allowance.made(attempt)
        if made >= most:
            raise Refused(
                f"The {attempt.party} has made {made} {allowance.kind} on this case, as many as one party may "
                "make: write to the caseworker about anything more.",
                state=case.state,
                allowed=allowed_for(actor, case),
            )

    @staticmethod
    def _party(actor: Actor, fields: Fields) -> PartyRole | None:
        own = party_of(actor.role) if actor.role else None
        if own is not None:
            if fields.on_behalf_of is not None and fields.on_behalf_of != own:
                raise InvalidInput.field("on_behalf_of", f"a {actor.role_name} user acts for the {own} only")
            return own
        return fields.on_behalf_of

    @staticmethod
    def _check_against_the_case(fields: Fields, record: CaseRecord) -> None:
        """What a step's fields must agree with beyond themselves: corrected facts and a final response's date
        with the case's other facts (the same checks a new case's facts pass), and a connected complaint's
        reference with another case that exists."""
        corrections = getattr(fields, "facts", None)
        if isinstance(corrections, dict):
            try:
                amended(record.facts, corrections)
            except ValidationError as error:
                raise InvalidInput.from_validation(error, prefix="facts") from None
        sent_on = getattr(fields, "sent_on", None)
        if sent_on is not None:
            facts = record.facts.model_dump()
            facts.update(final_response_sent_on=sent_on)
            try:
                CaseFacts.model_validate(facts, context=AS_STORED)  # the date against the others, as stored
            except ValidationError as error:
                raise InvalidInput.field("sent_on", error.errors()[0]["msg"].removeprefix("Value error, ")) from None
        awards = getattr(fields, "awards", None)
        if isinstance(awards, AwardsIn) and awards.contributions is not None:
            shared = contributions_may_name(
                [part.reference for part in awards.contributions],
                this_case=record.case.reference,
                connected=record.connected,
            )
            if shared.failed:
                raise InvalidInput.field("awards.contributions", shared.reason)
        connected = getattr(fields, "connected_reference", None)
        if connected is not None:
            assert record.session is not None
            other = record.session.exec(
                select(Case.id, Party.name)
                .join(Party, col(Party.case_id) == col(Case.id))
                .where(Case.reference == connected, Party.role == PartyRole.complainant)
            ).first()
            if other is None or other[0] == record.id:
                raise InvalidInput.field("connected_reference", f"there is no other case {connected}")
            together = may_be_investigated_together(record.complainant.name, other[1], other_reference=connected)
            if together.failed:
                raise InvalidInput.field("connected_reference", f"{together.reason} ({together.citation})")

    # --- reading ------------------------------------------------------------------------------------------

    def get(self, actor: Actor, reference: str) -> Case:
        with transaction(self.engine) as session:
            return load_visible_case(session, actor, reference).case

    # --- the deadline sweep ---------------------------------------------------------------------------------

    def sweep(self, as_of: date | None = None) -> SweepReport:
        """Fire every swept trigger whose time limit has passed, each once, a batch of cases per transaction.

        A date after today is refused: sweeping as of a day still to come would lapse determinations whose
        complainants still have time to accept (DISP 3.6.6R), and close assessments still open to disagreement.

        Several sweepers may run at once, on one host or many: each batch locks its cases (``FOR UPDATE SKIP
        LOCKED`` on PostgreSQL, so a second sweeper takes the next cases instead of waiting; SQLite has one writer
        at a time), and a limit is fired only if it is still open once its case is locked, so no limit fires
        twice. The batch walks the open limits in the order of (last day, id) on their partial index, so a sweep
        that finds nothing due reads nothing else, however many closed limits the years have left.
        """
        today = self.clock.today()
        if as_of is not None and as_of > today:
            raise InvalidInput.field(
                "as_of",
                f"{as_of.isoformat()} is after today ({today.isoformat()}): a sweep judges only days that have come",
            )
        report = SweepReport(as_of or today)
        after: tuple[date, int] | None = None
        while True:
            with transaction(self.engine) as session:
                after = self._sweep_batch(session, report, after=after)
            if after is None:
                return report

    def _sweep_batch(
        self, session: Session, report: SweepReport, *, after: tuple[date, int] | None
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
            .limit(self.settings.sweep_batch)
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
            outcome = self._sweep_one(record, limit_id, trigger, as_of=report.as_of)
            if outcome is None:
                report.fired.append((record.reference, trigger))
            else:
                report.skipped.append((record.reference, trigger, outcome))
        last_due, last_id, *_ = due[-1]
        assert last_id is not None
        return (last_due, last_id) if len(due) == self.settings.sweep_batch else None

    def _sweep_one(self, record: CaseRecord, limit_id: int, trigger: str, *, as_of: date) -> str | None:
        """Fire one passed time limit's trigger on its locked case; returns why it was skipped, or None when it
        fired. The case's change and its audit event are written together, in the batch's transaction."""
        if not any(limit.id == limit_id for limit in record.open_limits):
            return "already dealt with"
        if State(record.case.state) not in STEP_BY_TRIGGER[trigger].sources:
            return f"the case is in {record.case.state} for now"
        attempt = self._attempt(record, Fields(), None, today=as_of, role=None)
        decision = decide(trigger, attempt)
        if not decision.done:
            return decision.finding.reason
        self._apply(record, SWEEPER, attempt, decision=decision)
        return None
