"""The commands the CLI, the API and the web pages share: open a case (or many), take a step (or many), sweep the
deadlines; one transaction each.

A trigger runs in a straight line: check the role may do it (403), load and lock the case (404), check the
version (412) and the fields (422), let the workflow decide (409 with the guard's reason), apply its effects,
bump the version, write the audit event, commit. Any refusal on the way writes nothing.

The rest of the application layer sits beside it: who may see and do what in ``ombudsman.access``, a step's
checks in ``ombudsman.checks``, the sweep in ``ombudsman.sweep``, the reads in ``ombudsman.reads`` and the
stateless tools in ``ombudsman.tools``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar, overload

from pydantic import ValidationError
from sqlalchemy import Engine, func, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from ombudsman import bulk, checks, effects, repository
from ombudsman import sweep as sweeping
from ombudsman.access import SWEEPER, Actor, allowed_for, load_visible_case, scope_of, to_do
from ombudsman.clock import Clock, clock_for
from ombudsman.db import make_engine, rehearsal, transaction
from ombudsman.errors import Forbidden, InvalidInput, NotFound, Problem, Refused, StaleVersion
from ombudsman.models import Case, Party, new_row
from ombudsman.repository import CaseRecord
from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.rulebook import Rulebook, load_rulebook
from ombudsman.settings import Settings
from ombudsman.sweep import SweepReport
from workflows.attempt import Attempt, CaseSnapshot
from workflows.fields import Fields
from workflows.machine import Decision, decide
from workflows.table import OPENING, STAFF, STEP_BY_NAME, WORKFLOW_VERSION, Role, State
from workflows.vocabulary import Party as PartyRole

# Who acts and what they may see live in ``ombudsman.access``, the sweep's report in ``ombudsman.sweep``: named
# here too for the modules that take steps with them.
__all__ = [
    "SWEEPER",
    "Actor",
    "CaseService",
    "PlannedStep",
    "SweepReport",
    "allowed_for",
    "load_visible_case",
    "service_for",
    "to_do",
]

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
        checks.may_try(actor, name)
        with transaction(self.engine) as session:
            record = load_visible_case(session, actor, reference, lock=True)
            self._take(record, actor, name, fields=fields or {}, expected_version=expected_version)
            session.flush()
            return read(record)

    def rehearse(
        self,
        actor: Actor,
        reference: str,
        name: str,
        *,
        fields: Mapping[str, Any],
        expected_version: int,
        read: Callable[[CaseRecord], T],
    ) -> T:
        """Judge and take a step exactly as ``act`` does, shape what it did with ``read`` (the letters it would
        send, as they would be sent), then roll it all back: nothing is kept, the audit trail and the outbox
        untouched. A refusal is raised as ``act`` raises it."""
        checks.may_try(actor, name)
        with rehearsal(self.engine) as session:
            record = load_visible_case(session, actor, reference, lock=True)
            self._take(record, actor, name, fields=fields, expected_version=expected_version)
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
            if scope_of(step.actor)[0] != "every case":
                raise Forbidden("Only ombudsman staff take steps in bulk.")
            checks.may_try(step.actor, step.name)
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
        valid = checks.step_fields(name, fields, today)
        checks.within_size(self.settings, name, valid)
        party = checks.acting_party(actor, valid)
        checks.agrees_with_the_case(valid, record)
        attempt = self.attempt_on(record, valid, party, today=today, role=actor.role)
        checks.awards_agree_with_the_events(attempt)
        checks.within_count(self.settings, name, attempt, actor=actor, case=case)
        decision = decide(name, attempt)
        if not decision.done:
            raise Refused(
                decision.finding.reason,
                state=case.state,
                allowed=allowed_for(actor, case),
                citation=decision.finding.citation,
            )
        self.write(record, actor, attempt, decision=decision)

    def attempt_on(
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

    def write(self, record: CaseRecord, actor: Actor, attempt: Attempt, *, decision: Decision) -> None:
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
            attempt = self.attempt_on(record, Fields(), attempt.party, today=attempt.today, role=attempt.role)
            decision = decide(then, attempt)
            if not decision.done:
                return

    # --- reading ------------------------------------------------------------------------------------------

    def get(self, actor: Actor, reference: str) -> Case:
        with transaction(self.engine) as session:
            return load_visible_case(session, actor, reference).case

    # --- the deadline sweep ---------------------------------------------------------------------------------

    def sweep(self, as_of: date | None = None) -> SweepReport:
        """Fire every swept trigger whose time limit has passed, each once (``ombudsman.sweep``)."""
        return sweeping.sweep(self, as_of)
