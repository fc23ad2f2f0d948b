"""What a step's effect says happened, as plain values: the service writes each kind (``ombudsman.effects``).

An effect is a pure function of the attempt and the guard's finding, declared with its step: it returns these
events and touches nothing. One writer per kind of event puts it into the database, in the same transaction as
the state change, the audit event (whose details are the ``Noted`` events) and the letters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from pydantic import TypeAdapter

from ombudsman.rules.awards import (
    AwardCalculation,
    AwardsIn,
    acts_redressed,
    calculate_award,
    limit_for_events,
)
from ombudsman.rules.calendar import window_end
from ombudsman.rules.finding import Finding
from ombudsman.rules.rulebook import MoneyAwardLimit
from workflows.vocabulary import AwardStage, HearingDecision, Outcome, Party, RegisterStatus

if TYPE_CHECKING:
    from workflows.attempt import Attempt


@dataclass(frozen=True)
class TimeLimitOpened:
    kind: str
    due_on: date  # the last day a response counts
    binds: tuple[str, ...]


@dataclass(frozen=True)
class TimeLimitExtended:
    kind: str
    until: date


@dataclass(frozen=True)
class CaseMarked:
    """Columns of the case itself set to these values (an outcome, a ground, what the case returns to, ...)."""

    changes: Mapping[str, Any]


@dataclass(frozen=True)
class FactsRecorded:
    """Case facts recorded as given (a final response's date)."""

    changes: Mapping[str, Any]


@dataclass(frozen=True)
class LateAcceptanceNotified:
    pass


@dataclass(frozen=True)
class AwardMade:
    stage: AwardStage
    outcome: Outcome
    calculation: AwardCalculation

    @property
    def enters_the_register(self) -> bool:
        """Every money award a determination makes goes into the register of money awards (DISP 3.7)."""
        return self.stage == AwardStage.determination and self.calculation.money_award > 0


@dataclass(frozen=True)
class AwardCorrected:
    """A clerical correction of the determination's award (DISP 3.6.6AR): the award as it should read, and the
    register entry with it (DISP 3.7.7R); ``standing`` is the entry's standing should it have none yet."""

    calculation: AwardCalculation
    standing: RegisterStatus


@dataclass(frozen=True)
class AssessmentStood:
    """Nobody disagreed with the provisional assessment in time: the case closes on its terms, and a money award
    it makes goes into the register, for the respondent to pay (DISP 3.5.4R, 3.7.12R)."""


@dataclass(frozen=True)
class RegisterStatusSet:
    status: RegisterStatus


@dataclass(frozen=True)
class ConfidentialityDecided:
    """Staff's decision on a party's request to have its representations treated in confidence (DISP 3.5.9R(2))."""

    version: int  # of the event that recorded the representations
    accepted: bool
    summary: str | None  # what the other party is shown, when accepted


@dataclass(frozen=True)
class HearingRequestsDecided:
    decision: HearingDecision  # granted or refused
    private: bool | None


@dataclass(frozen=True)
class RepresentationMade:
    party: Party
    text: str
    confidential: bool


@dataclass(frozen=True)
class HearingRequested:
    party: Party
    issues: str
    private_reasons: str | None


@dataclass(frozen=True)
class ComplaintsConnected:
    reference: str


R = TypeVar("R", bound="StepRecord")


@dataclass(frozen=True)
class StepRecord:
    """What a step tells its letters, its audit event and the published report, typed: each step's own record is
    a frozen dataclass declared beside the step (``workflows.steps``) and registered for it (``records``).

    It is stored once, as the audit event's ``details``, in the JSON its own type writes (dates as ISO strings,
    money as strings), and read back by the same type (``read_record``): dates come back as ``date``, money as
    ``Decimal``, parties as ``Party``. A field named in ``LEFT_OUT_WHEN_NONE`` is not stored while it is None;
    ``STORED_AS`` names a field stored under another key (``from``, which Python keeps for itself).
    """

    LEFT_OUT_WHEN_NONE: ClassVar[frozenset[str]] = frozenset()
    STORED_AS: ClassVar[Mapping[str, str]] = {}

    def as_details(self) -> dict[str, Any]:
        """The record as the audit event stores it."""
        dumped: dict[str, Any] = _adapter(type(self)).dump_python(self, mode="json")
        return {
            self.STORED_AS.get(name, name): value
            for name, value in dumped.items()
            if not (value is None and name in self.LEFT_OUT_WHEN_NONE)
        }

    @classmethod
    def from_details(cls: type[R], details: Mapping[str, Any]) -> R:
        """The record as a stored audit event's ``details`` hold it, typed again."""
        keys = {stored: name for name, stored in cls.STORED_AS.items()}
        names = {item.name for item in fields(cls)}
        given = {keys.get(key, key): value for key, value in details.items()}
        return cast(R, _adapter(cls).validate_python({name: value for name, value in given.items() if name in names}))


RECORDS: dict[str, type[StepRecord]] = {}  # each step's record type, by the step's name


_ADAPTERS: dict[type[StepRecord], TypeAdapter[Any]] = {}


def _adapter(kind: type[StepRecord]) -> TypeAdapter[Any]:
    """The record type's own reader and writer, made once."""
    if kind not in _ADAPTERS:
        _ADAPTERS[kind] = TypeAdapter(kind)
    return _ADAPTERS[kind]


def records(*steps: str) -> Callable[[type[R]], type[R]]:
    """Register a record type as what the steps named tell (declared beside them)."""

    def register(kind: type[R]) -> type[R]:
        for step in steps:
            assert step not in RECORDS, f"{step} already has a record type, {RECORDS[step].__name__}"
            RECORDS[step] = kind
        return kind

    return register


def read_record(step: str, details: Mapping[str, Any]) -> StepRecord | None:
    """The record a stored audit event of ``step`` holds, typed; None for a step that keeps no record."""
    kind = RECORDS.get(step)
    return kind.from_details(details) if kind is not None else None


@dataclass(frozen=True, eq=False)
class Noted:
    """What the audit event records of the step (and the letters read), and from whom it is kept in confidence:
    the step's typed record. A note may also be written as the plain details the event stores (as a test writes
    what it expects): two notes are equal when they store the same."""

    said: StepRecord | Mapping[str, Any] = field(default_factory=dict)
    confidential_from: str | None = None

    @property
    def record(self) -> StepRecord | None:
        return self.said if isinstance(self.said, StepRecord) else None

    @property
    def details(self) -> Mapping[str, Any]:
        """What the audit event stores."""
        return self.said.as_details() if isinstance(self.said, StepRecord) else self.said

    def __eq__(self, other: object) -> bool:
        """Two notes are equal when the audit event would store the same of them."""
        if not isinstance(other, Noted):
            return NotImplemented
        return dict(self.details) == dict(other.details) and self.confidential_from == other.confidential_from

    __hash__ = None  # type: ignore[assignment]


Event = (
    TimeLimitOpened
    | TimeLimitExtended
    | CaseMarked
    | FactsRecorded
    | LateAcceptanceNotified
    | AwardMade
    | AwardCorrected
    | AssessmentStood
    | RegisterStatusSet
    | ConfidentialityDecided
    | HearingRequestsDecided
    | RepresentationMade
    | HearingRequested
    | ComplaintsConnected
    | Noted
)
Effect = Callable[["Attempt", Finding], list[Event]]


def window(a: Attempt, days_kind: str, binds: tuple[str, ...] | list[str]) -> date:
    """The last day of a default window the Ombudsman sets, longer when it binds a complainant who needs more
    time (a reasonable adjustment); a window that would end on a weekend or bank holiday ends on the next
    business day."""
    days = a.rulebook.windows.days(days_kind)
    if "complainant" in binds and a.case.facts.needs_more_time:
        days += a.more_time_days
    return window_end(a.today, days)


def award_made(a: Attempt, stage: AwardStage, outcome: Outcome, *, awards: AwardsIn | None) -> list[Event]:
    """The award a provisional assessment or a determination makes, if it makes one: the money award capped at
    the limit in force, with interest and costs outside it (DISP 3.7)."""
    if awards is None:
        return []
    return [AwardMade(stage, outcome, award_calculation(a, awards, as_of=a.today))]


def award_calculation(a: Attempt, awards: AwardsIn, *, as_of: date) -> AwardCalculation:
    """The awards worked out for this case (DISP 3.7), interest and costs accrued to ``as_of``. The limit is
    chosen by the event's date, or on a complaint about several events by the dates of the events in jurisdiction
    that the money lines redress (DISP 3.7.4R)."""
    return calculate_award(
        awards,
        referred_on=a.case.facts.referred_on,
        act_on=a.case.facts.event_date,
        as_of=as_of,
        rulebook=a.rulebook,
        event_dates=a.events_in_jurisdiction(),
    )


def award_limit(a: Attempt, awards: AwardsIn) -> MoneyAwardLimit:
    """The DISP 3.7.4R limit :func:`award_calculation` applies; ``NotModelled`` (``LimitsDiffer`` among them)
    where it cannot be chosen."""
    event_dates = a.events_in_jurisdiction()
    if event_dates is None:
        return a.rulebook.money_award_limit(a.case.facts.referred_on, a.case.facts.event_date)
    acts = acts_redressed(awards.money, event_dates)
    return limit_for_events(a.rulebook, a.case.facts.referred_on, act_dates=acts)
