"""What a guard sees: a frozen picture of the case and of the attempt, with no database behind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.rulebook import Rulebook
from workflows.fields import Fields
from workflows.vocabulary import HearingDecision, Party, Role, State


@dataclass(frozen=True)
class TimeLimitView:
    kind: str
    due_on: date  # the last day a response counts; the sweep acts on the day after
    binds: tuple[str, ...]
    fires: str | None
    set_at: datetime


@dataclass(frozen=True)
class RepresentationView:
    party: Party
    made_at: datetime


@dataclass(frozen=True)
class HearingRequestView:
    party: Party
    decision: HearingDecision


@dataclass(frozen=True)
class CaseSnapshot:
    reference: str
    state: State
    facts: CaseFacts
    entered_state_at: datetime
    open_time_limits: tuple[TimeLimitView, ...] = ()
    representations: tuple[RepresentationView, ...] = ()
    hearing_requests: tuple[HearingRequestView, ...] = ()
    returns_to: State | None = None
    dismissal_ground: str | None = None
    expressly_rejected: bool = False
    late_acceptance_notified: bool = False
    # Whether an ombudsman has determined the complaint: a complied case may have been settled instead.
    has_determination: bool = False

    def open_limit(self, kind: str) -> TimeLimitView | None:
        return next((limit for limit in self.open_time_limits if limit.kind == kind), None)

    def represented_since(self, party: str, moment: datetime) -> bool:
        return any(rep.party == party and rep.made_at >= moment for rep in self.representations)

    @property
    def pending_hearing_requests(self) -> tuple[HearingRequestView, ...]:
        return tuple(request for request in self.hearing_requests if request.decision == HearingDecision.pending)


@dataclass(frozen=True)
class Attempt:
    """Someone trying a trigger or action on a case on a given day."""

    case: CaseSnapshot
    fields: Fields
    party: Party | None  # the party the caller speaks for (their own, or the one staff act on behalf of)
    today: date
    rulebook: Rulebook
    more_time_days: int = 0  # how much longer a default window runs for a complainant who needs more time
    role: Role | None = None  # the role of who is trying it (None: the deadline sweep)
