"""What a guard sees: a frozen picture of the case and of the attempt, with no database behind it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any

from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.jurisdiction import Assessment, as_decided
from ombudsman.rules.rulebook import Rulebook
from workflows.fields import Fields
from workflows.vocabulary import Confidentiality, HearingDecision, Outcome, Party, Role, State


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
    version: int = 0  # the case's version after the event that recorded it
    confidentiality: Confidentiality | None = None

    @property
    def relied_on(self) -> bool:
        """Whether the Ombudsman may rely on it: not while a request for confidence waits for staff's decision,
        and never once it was returned (DISP 3.5.9R(2))."""
        return self.confidentiality in (None, Confidentiality.accepted)


@dataclass(frozen=True)
class AwardView:
    """An award the case holds: its calculation as stored (``AwardCalculation.as_dict()``) and the day it was made."""

    calculation: Mapping[str, Any]
    made_on: date


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
    # The exception the jurisdiction decision named, if any: the Ombudsman's finding of exceptional circumstances
    # (DISP 2.8.2R(3)) is one the case's live assessment takes as found.
    jurisdiction_exception: str | None = None
    # Of a complaint about several events, the events that exception cures (None: every event it can cure).
    jurisdiction_exception_events: tuple[str, ...] | None = None
    expressly_rejected: bool = False
    late_acceptance_notified: bool = False
    # Whether an ombudsman has determined the complaint: a complied case may have been settled instead.
    has_determination: bool = False
    # Whether the latest provisional assessment asks the respondent to pay or do something (DISP 3.5.4R).
    assessment_asks_respondent_to_act: bool = False
    # The determination's outcome, and the award it made (as a clerical correction may correct it, DISP 3.6.6AR).
    outcome: Outcome | None = None
    determination_award: AwardView | None = None

    def open_limit(self, kind: str) -> TimeLimitView | None:
        return next((limit for limit in self.open_time_limits if limit.kind == kind), None)

    def represented_since(self, party: str, moment: datetime) -> bool:
        """Whether ``party`` has made representations since ``moment`` that may be relied on."""
        return any(rep.party == party and rep.made_at >= moment and rep.relied_on for rep in self.representations)

    def representation(self, version: int) -> RepresentationView | None:
        """The representations the event of ``version`` recorded, if it recorded any."""
        return next((rep for rep in self.representations if rep.version == version), None)

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

    @cached_property
    def live_assessment(self) -> Assessment:
        """The case's live assessment, as the case view shows it: its DISP 2 tests judged today, with the
        exceptional circumstances the Ombudsman found, if any, for the events the finding named. Made once per
        attempt (the guard, the checks and the effect each ask it)."""
        case = self.case
        return as_decided(
            case.facts,
            self.today,
            self.rulebook,
            exception=case.jurisdiction_exception,
            exception_events=case.jurisdiction_exception_events,
        )

    def events_in_jurisdiction(self) -> dict[str, date] | None:
        """Of a complaint about several events, each event the live assessment finds in our jurisdiction, with
        its date (what a money award may redress and what chooses its limit); None for a one-event complaint."""
        if not self.case.facts.events:
            return None
        ins = set(self.live_assessment.events_in_jurisdiction)
        return {event.id: event.date for event in self.case.facts.events if event.id in ins}
