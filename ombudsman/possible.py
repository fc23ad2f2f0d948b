"""What a caller could do on a case now: each step their role may take in the case's state, judged by the step's
own guard exactly as the workflow judges an attempt (``workflows.machine.decide``), on the case as it stands
today, before any of the step's fields are given. Nothing here states a rule: it asks the guards.

A guard that needs a field not yet given (the ground of a dismissal, the time limit to extend) cannot judge the
step until the form is sent: the step is offered, and its guard judges it then. Staff act for either party, so a
step a party takes is open to staff when its guard lets either party (or staff alone) take it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ombudsman.access import Actor, allowed_for
from ombudsman.citations import Citation
from ombudsman.repository import CaseRecord
from ombudsman.rules.finding import Finding
from ombudsman.rules.rulebook import Rulebook
from workflows.attempt import Attempt, CaseSnapshot
from workflows.machine import decide
from workflows.table import FIELDS, USUAL, party_of
from workflows.vocabulary import Party, State


@dataclass(frozen=True)
class Possible:
    """One step the caller's role may take in the case's state: whether the rules let them take it today (and if
    not, the guard's reason, its citation and the first day the refusal's finding says it becomes possible)."""

    name: str
    open: bool
    usual: bool  # the step usually taken next from this state (its declaration's ``usual_in``)
    reason: str | None = None
    citation: Citation | None = None
    from_day: date | None = None


def _from_day(finding: Finding) -> date | None:
    """The first day a refused step becomes possible, where its finding carries the last day of a time that must
    run out first (a date named ``..._ends_on``): the day after it."""
    ends = [
        day for key, day in finding.dates.items() if key.endswith("_ends_on") and day >= finding.dates.get("as_of", day)
    ]
    return max(ends) + timedelta(days=1) if ends else None


def _judged(name: str, snapshot: CaseSnapshot, *, party: Party | None, actor: Actor, **given: object) -> Finding | None:
    """The guard's finding on the step with no fields given, or None where it cannot judge before they are."""
    attempt = Attempt(snapshot, FIELDS[name].model_construct(), party, role=actor.role, **given)  # type: ignore[arg-type]
    try:
        decision = decide(name, attempt)
    except (AttributeError, TypeError, ValueError, KeyError):  # a field the guard needs is not given yet
        return None
    return None if decision.done else decision.finding


def possible_steps(
    record: CaseRecord, actor: Actor, rulebook: Rulebook, *, today: date, more_time_days: int
) -> list[Possible]:
    """Each step ``actor`` may take on the case now, the usual next one first, then those the rules allow today,
    then those they refuse today (each with why)."""
    snapshot = record.snapshot()
    usual = USUAL.get(State(record.case.state))
    own = party_of(actor.role) if actor.role else None
    parties: tuple[Party | None, ...] = (own,) if own else (None, Party.complainant, Party.respondent)
    found: list[Possible] = []
    for name in allowed_for(actor, record.case):
        refusal: Finding | None = None
        for party in parties:
            refusal = _judged(
                name, snapshot, party=party, actor=actor, today=today, rulebook=rulebook, more_time_days=more_time_days
            )
            if refusal is None:
                break
        if refusal is None:
            found.append(Possible(name, True, name == usual))
        else:
            found.append(Possible(name, False, name == usual, refusal.reason, refusal.citation, _from_day(refusal)))
    return sorted(found, key=lambda step: (not step.open, not step.usual))
