"""Build the frozen pictures the guards judge: a case snapshot and an attempt on it, with no database."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from ombudsman.rules.rulebook import DEFAULT_RULEBOOK, load_rulebook
from tests.factories import case_facts
from workflows.attempt import (
    Attempt,
    CaseSnapshot,
    HearingRequestView,
    RepresentationView,
    TimeLimitView,
)
from workflows.machine import Decision, decide
from workflows.table import FIELDS, Role, State
from workflows.vocabulary import Confidentiality

TODAY = date(2026, 11, 2)  # a Monday
ENTERED = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


def at(day: date, hour: int = 10) -> datetime:
    """A moment on ``day`` (UTC)."""
    return datetime.combine(day, time(hour), tzinfo=UTC)


def limit(
    kind: str,
    due_on: date,
    binds: Iterable[str] = ("complainant", "respondent"),
    fires: str | None = None,
    set_at: datetime = ENTERED,
) -> TimeLimitView:
    return TimeLimitView(kind=kind, due_on=due_on, binds=tuple(binds), fires=fires, set_at=set_at)


def rep(
    party: str,
    made_at: datetime = ENTERED + timedelta(days=1),
    *,
    version: int = 0,
    confidentiality: Confidentiality | None = None,
) -> RepresentationView:
    return RepresentationView(party=party, made_at=made_at, version=version, confidentiality=confidentiality)


def hearing_request(party: str = "complainant", decision: str = "pending") -> HearingRequestView:
    return HearingRequestView(party=party, decision=decision)


def attempt(
    state: State,
    name: str,
    fields: Mapping[str, Any] | None = None,
    party: str | None = None,
    today: date = TODAY,
    limits: Iterable[TimeLimitView] = (),
    representations: Iterable[RepresentationView] = (),
    hearing_requests: Iterable[HearingRequestView] = (),
    returns_to: State | None = None,
    expressly_rejected: bool = False,
    late_acceptance_notified: bool = False,
    has_determination: bool | None = None,
    assessment_asks_respondent_to_act: bool = False,
    entered_state_at: datetime = ENTERED,
    rulebook: str = DEFAULT_RULEBOOK,
    role: Role | None = Role.caseworker,
    **fact_overrides: Any,
) -> Attempt:
    """Someone trying ``name`` on a case in ``state``; the fields are validated as the API would.

    ``has_determination`` None means as the state implies: a case that is determined, accepted or rejected has
    been determined; a complied one may have been settled instead, so it has not unless a test says so.
    """
    if has_determination is None:
        has_determination = state in (State.determined, State.accepted, State.rejected)
    case = CaseSnapshot(
        reference="FOS-2026-000001",
        state=state,
        facts=case_facts(**fact_overrides),
        entered_state_at=entered_state_at,
        open_time_limits=tuple(limits),
        representations=tuple(representations),
        hearing_requests=tuple(hearing_requests),
        returns_to=returns_to,
        expressly_rejected=expressly_rejected,
        late_acceptance_notified=late_acceptance_notified,
        has_determination=has_determination,
        assessment_asks_respondent_to_act=assessment_asks_respondent_to_act,
    )
    return Attempt(
        case=case,
        fields=FIELDS[name].model_validate(dict(fields or {})),
        party=party,
        today=today,
        rulebook=load_rulebook(rulebook),
        role=role,
    )


def try_(state: State, name: str, fields: Mapping[str, Any] | None = None, **kwargs: Any) -> Decision:
    """Build the attempt and let the workflow decide it."""
    return decide(name, attempt(state, name, fields, **kwargs))
