"""What each step of the investigation tells its letters and its audit event: a typed record per step, registered
for it (``workflows.events.StepRecord``). Kept beside ``investigation.py``, which makes them, to keep that module
within bounds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from workflows.events import StepRecord, records
from workflows.vocabulary import Outcome, Party


@records("issue_provisional_assessment")
@dataclass(frozen=True)
class AssessmentIssued(StepRecord):
    """The view the provisional assessment takes, and the day the parties may disagree by (DISP 3.5.4R)."""

    outcome: Outcome
    respond_by: date


@records("disagree")
@dataclass(frozen=True)
class Disagreed(StepRecord):
    """Who disagreed with the provisional assessment: the other party is told."""

    party: Party | None


@records("make_representations")
@dataclass(frozen=True)
class RepresentationsMade(StepRecord):
    """Who made representations, and whether they asked for them to be kept in confidence (DISP 3.5.9R(2))."""

    party: Party
    confidential: bool


@records("request_hearing")
@dataclass(frozen=True)
class HearingAsked(StepRecord):
    """Who asked for a hearing, and whether they asked for it in private."""

    party: Party
    private_asked: bool


@records("link_connected_complaint")
@dataclass(frozen=True)
class ComplaintConnected(StepRecord):
    """The reference of the complaint this one is connected with."""

    connected_reference: str


@records("grant_hearing")
@dataclass(frozen=True)
class HearingGranted(StepRecord):
    """Whether the hearing is in private, and whether the ombudsman called it of their own motion."""

    LEFT_OUT_WHEN_NONE = frozenset({"own_initiative"})

    private: bool | None
    own_initiative: bool | None = None  # True, or left out


@records("decide_confidentiality")
@dataclass(frozen=True)
class ConfidentialityRuled(StepRecord):
    """Whose representations (by the event that recorded them) were, or were not, accepted in confidence."""

    party: Party
    event_version: int
    accepted: bool


@records("set_time_limit")
@dataclass(frozen=True)
class TimeLimitSet(StepRecord):
    """A time limit staff set: what it is for, its last day, and whom it binds."""

    deadline: str
    until: date
    binds: tuple[Party, ...]


@records("extend_time_limit")
@dataclass(frozen=True)
class TimeLimitMoved(StepRecord):
    """A time limit extended: what it is for, its last day before and after, and whom it binds."""

    STORED_AS: ClassVar[Mapping[str, str]] = {"extended_from": "from"}  # as it always was stored

    deadline: str
    extended_from: date
    until: date
    binds: tuple[Party, ...]
