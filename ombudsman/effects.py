"""Writing what a step did: the events its effect returned, each by the one writer for its kind.

The workflow has said yes and the step's effect (declared with the step, ``workflows.steps``) has said what
happened as events (``workflows.events``). Here each event becomes rows in the open transaction; then the case
moves to its new state, the audit event is written from the ``Noted`` events as the case's next version, and the
letters the step sends are made. Nothing here commits or decides: the service commits it all together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from sqlmodel import Session, select

from ombudsman import audit, letters
from ombudsman.models import (
    Award,
    Case,
    ConnectedComplaint,
    HearingRequest,
    RegisterEntry,
    Representation,
    TimeLimit,
    TimeLimitExtension,
    new_row,
)
from ombudsman.repository import CaseRecord
from ombudsman.rules.awards import respondents_part
from workflows import events as e
from workflows.attempt import Attempt
from workflows.fields import Fields
from workflows.machine import Decision
from workflows.step import Step
from workflows.table import FINAL_STATES, FIRED_BY, RETURNS_TO, STAGE_LIMITS, State
from workflows.vocabulary import Confidentiality, HearingDecision, LimitStatus, RegisterStatus


@dataclass(kw_only=True)
class Unit:
    """One step being written: on which case, by whom, what was decided and on what attempt."""

    record: CaseRecord
    user: str
    role: str
    step: Step
    attempt: Attempt
    decision: Decision
    now: datetime
    details: dict[str, Any] = field(default_factory=dict)  # what the audit event stores of the step
    said: e.StepRecord | None = None  # the step's typed record, which the details store, for its letters
    confidential_from: str | None = None
    rows: list[Any] = field(default_factory=list)  # the rows this step wrote: what its letters tell of
    contact: dict[str, str] = field(default_factory=dict)  # the service's contact details, for the letters

    @property
    def case(self) -> Case:
        return self.record.case

    @property
    def session(self) -> Session:
        assert self.record.session is not None
        return self.record.session

    @property
    def fields(self) -> Fields:
        return self.attempt.fields

    @property
    def today(self) -> date:
        return self.attempt.today

    def add(self, row: Any) -> Any:
        """Write a row (new or changed) as part of this step."""
        self.record.add(row)
        if not any(made is row for made in self.rows):
            self.rows.append(row)
        return row


Ev = TypeVar("Ev")
Writer = Callable[[Unit, Any], None]
WRITERS: dict[type, Writer] = {}


def writes(kind: type[Ev]) -> Callable[[Callable[[Unit, Ev], None]], Callable[[Unit, Ev], None]]:
    def register(function: Callable[[Unit, Ev], None]) -> Callable[[Unit, Ev], None]:
        WRITERS[kind] = function
        return function

    return register


def apply(unit: Unit) -> None:
    """Write the step's events, move the state, write its audit event and make its letters."""
    decision, step = unit.decision, unit.step
    for event in step.effect(unit.attempt, decision.finding) if step.effect else []:
        WRITERS[type(event)](unit, event)
    if decision.to_state != decision.from_state:
        _move(unit, decision.from_state, decision.to_state)
    soonest = unit.record.open_limits
    unit.case.next_due_on = soonest[0].due_on if soonest else None
    written = audit.record(
        unit.session,
        unit.case,
        user=unit.user,
        role=unit.role,
        kind=decision.kind,
        name=decision.name,
        from_state=decision.from_state,
        to_state=decision.to_state,
        reasons=unit.fields.reasons,
        finding=decision.finding.reason,
        citation=decision.finding.citation,
        at=unit.now,
        details=unit.details,
        confidential_from=unit.confidential_from,
    )
    unit.record.add(written)
    letters.produce(
        unit.record,
        letters.Occasion(
            step=decision.name,
            from_state=decision.from_state,
            user=unit.user,
            role=unit.role,
            reasons=unit.fields.reasons,
            finding=decision.finding.reason,
            record=unit.said,
            today=unit.today,
            now=unit.now,
            rows=tuple(unit.rows),
            contact=unit.contact,
        ),
    )


def _move(unit: Unit, from_state: State, to_state: State) -> None:
    case = unit.case
    for limit in unit.record.open_limits:
        # A state the case may come back to keeps its time limit while it waits (RETURNS_TO).
        ends_with_stage = limit.kind == STAGE_LIMITS.get(from_state) and from_state not in RETURNS_TO.get(to_state, ())
        if to_state in FINAL_STATES or ends_with_stage:
            limit.status, limit.closed_at, limit.closed_by = LimitStatus.closed, unit.now, unit.decision.name
            unit.add(limit)
    case.state = to_state
    case.entered_state_at = unit.now


# --- one writer per kind of event ----------------------------------------------------------------------------


@writes(e.Noted)
def _noted(unit: Unit, event: e.Noted) -> None:
    unit.details.update(event.details)
    if event.record is not None:
        unit.said = event.record
    if event.confidential_from is not None:
        unit.confidential_from = str(event.confidential_from)


@writes(e.TimeLimitOpened)
def _time_limit_opened(unit: Unit, event: e.TimeLimitOpened) -> None:
    """A time limit, with the trigger the sweep fires when it passes: the step declared as fired by its kind."""
    assert unit.case.id is not None
    unit.add(
        new_row(
            TimeLimit,
            case_id=unit.case.id,
            kind=str(event.kind),
            due_on=event.due_on,
            binds=[str(party) for party in event.binds],
            fires=FIRED_BY.get(str(event.kind)),
            set_at=unit.now,
        )
    )


@writes(e.TimeLimitExtended)
def _time_limit_extended(unit: Unit, event: e.TimeLimitExtended) -> None:
    limit = next(row for row in unit.record.open_limits if row.kind == event.kind)
    assert limit.id is not None
    unit.add(
        new_row(
            TimeLimitExtension,
            time_limit_id=limit.id,
            from_due_on=limit.due_on,
            to_due_on=event.until,
            reasons=unit.fields.reasons or "",
            by_user=unit.user,
            at=unit.now,
        )
    )
    limit.due_on = event.until
    unit.add(limit)


@writes(e.CaseMarked)
def _case_marked(unit: Unit, event: e.CaseMarked) -> None:
    for column, value in event.changes.items():
        setattr(unit.case, column, value)


@writes(e.FactsRecorded)
def _facts_recorded(unit: Unit, event: e.FactsRecorded) -> None:
    """The case facts as changed: a party's facts into its row (its name too, and the firm's reference number
    that decides which firm sees the case), the rest into the case's own facts."""
    changes = dict(event.changes)
    for role in ("complainant", "respondent"):
        party_changes = changes.pop(role, None)
        if party_changes:
            party = unit.record.parties[role]
            party.details = {**party.details, **party_changes}
            party.name = party.details["name"]
            unit.add(party)
    if "frn" in (event.changes.get("respondent") or {}):
        unit.case.respondent_frn = unit.record.respondent.details["frn"]
    if changes:
        unit.case.facts = {**unit.case.facts, **changes}


@writes(e.LateAcceptanceNotified)
def _late_acceptance_notified(unit: Unit, event: e.LateAcceptanceNotified) -> None:
    unit.case.late_acceptance_notified_at = unit.now


@writes(e.AwardMade)
def _award_made(unit: Unit, event: e.AwardMade) -> None:
    assert unit.case.id is not None
    calculation = event.calculation
    award = new_row(
        Award,
        case_id=unit.case.id,
        stage=event.stage,
        outcome=event.outcome,
        money_award=calculation.money_award,
        recommended_balance=calculation.recommended_balance,
        calculation=calculation.as_dict(),
        made_at=unit.now,
    )
    unit.add(award)
    if event.enters_the_register:
        _enter_in_the_register(unit, award, RegisterStatus.awaiting_answer)


@writes(e.AwardCorrected)
def _award_corrected(unit: Unit, event: e.AwardCorrected) -> None:
    """The determination's award as a clerical correction says it should read (DISP 3.6.6AR), and its register
    entry with it (DISP 3.7.7R), through the register's one writer."""
    award = unit.record.determination_award
    assert award is not None, "the guard corrects only an award the determination made"
    calculation = event.calculation
    award.money_award, award.recommended_balance = calculation.money_award, calculation.recommended_balance
    award.calculation = calculation.as_dict()
    unit.add(award)
    if unit.record.register_entry is not None or award.money_award > 0:
        _enter_in_the_register(unit, award, event.standing)


@writes(e.AssessmentStood)
def _assessment_stood(unit: Unit, event: e.AssessmentStood) -> None:
    award = unit.record.assessment_award
    if award is not None and award.money_award > 0:
        _enter_in_the_register(unit, award, RegisterStatus.closed_on_assessment)


def _enter_in_the_register(unit: Unit, award: Award, status: RegisterStatus) -> None:
    """The register of money awards (DISP 3.7.7R): one entry per case, for the award the respondent is to pay.
    A case's entry already made takes the award's figure as it now stands, its standing unchanged."""
    if award.id is None:
        unit.session.flush()
    assert award.id is not None and unit.case.id is not None
    entry = unit.record.register_entry
    if entry is not None:
        entry.award_id = award.id
        entry.money_award = respondents_part(award.calculation, unit.case.reference)
        unit.add(entry)
        return
    unit.add(
        new_row(
            RegisterEntry,
            case_id=unit.case.id,
            award_id=award.id,
            reference=unit.case.reference,
            respondent_frn=unit.case.respondent_frn,
            respondent_name=unit.record.respondent.name,
            money_award=respondents_part(award.calculation, unit.case.reference),
            status=status,
            determined_on=unit.today,
            status_changed_at=unit.now,
        )
    )


@writes(e.RegisterStatusSet)
def _register_status_set(unit: Unit, event: e.RegisterStatusSet) -> None:
    entry = unit.record.register_entry
    if entry is not None:
        entry.status = event.status
        entry.status_changed_at = unit.now
        unit.add(entry)


@writes(e.HearingRequestsDecided)
def _hearing_requests_decided(unit: Unit, event: e.HearingRequestsDecided) -> None:
    pending = [request for request in unit.record.hearing_requests if request.decision == HearingDecision.pending]
    for request in pending:
        request.decision, request.private = event.decision, event.private
        request.decision_reasons, request.decided_at = unit.fields.reasons, unit.now
        unit.add(request)


@writes(e.RepresentationMade)
def _representation_made(unit: Unit, event: e.RepresentationMade) -> None:
    assert unit.case.id is not None
    unit.add(
        new_row(
            Representation,
            case_id=unit.case.id,
            party=event.party,
            text=event.text,
            confidentiality=Confidentiality.asked if event.confidential else None,
            version=unit.case.version + 1,  # the version of this step's audit event, written next
            state=unit.case.state,
            made_by=unit.user,
            made_at=unit.now,
        )
    )


@writes(e.ConfidentialityDecided)
def _confidentiality_decided(unit: Unit, event: e.ConfidentialityDecided) -> None:
    representation = next(row for row in unit.record.representations if row.version == event.version)
    representation.confidentiality = Confidentiality.accepted if event.accepted else Confidentiality.returned
    representation.summary = event.summary if event.accepted else None
    unit.add(representation)


@writes(e.HearingRequested)
def _hearing_requested(unit: Unit, event: e.HearingRequested) -> None:
    assert unit.case.id is not None
    unit.add(
        new_row(
            HearingRequest,
            case_id=unit.case.id,
            party=event.party,
            issues=event.issues,
            private_reasons=event.private_reasons,
            requested_at=unit.now,
        )
    )


@writes(e.ComplaintsConnected)
def _complaints_connected(unit: Unit, event: e.ComplaintsConnected) -> None:
    """Both ways round: each case lists the other (connecting them again writes nothing)."""
    if event.reference in unit.record.connected:
        return
    other = unit.session.exec(select(Case.id).where(Case.reference == event.reference)).one()
    assert other is not None
    for case_id, connected_id in ((unit.record.id, other), (other, unit.record.id)):
        unit.add(new_row(ConnectedComplaint, case_id=case_id, connected_case_id=connected_id))
    unit.record.connected = sorted([*unit.record.connected, event.reference])
