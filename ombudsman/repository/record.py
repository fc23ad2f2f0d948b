"""The ``CaseRecord``: a case and its rows as the transaction has them, read by the snapshot the guards judge, the
effects' writers, the letters and the views. A writer that adds a row adds it through ``CaseRecord.add``, so the
record stays the case as the transaction now has it. ``ombudsman.repository.loading`` makes records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session

from ombudsman.models import (
    AuditEvent,
    Award,
    Case,
    ConnectedComplaint,
    HearingRequest,
    Letter,
    Party,
    RegisterEntry,
    Representation,
    TimeLimit,
)
from ombudsman.rules.awards import asks_respondent_to_act
from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.values import AS_STORED
from workflows.attempt import AwardView, CaseSnapshot, HearingRequestView, RepresentationView, TimeLimitView
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
            jurisdiction_exception=case.jurisdiction_exception,
            jurisdiction_exception_events=tuple(case.jurisdiction_exception_events)
            if case.jurisdiction_exception_events is not None
            else None,
            expressly_rejected=case.expressly_rejected,
            late_acceptance_notified=case.late_acceptance_notified_at is not None,
            has_determination=bool(self.determinations),
            assessment_asks_respondent_to_act=self.assessment_award is not None
            and asks_respondent_to_act(self.assessment_award.calculation),
            outcome=case.outcome,
            determination_award=AwardView(self.determination_award.calculation, self.determination_award.made_at.date())
            if self.determination_award is not None
            else None,
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
