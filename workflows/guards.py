"""What the guards share. Each guard is declared with its step (``workflows.steps``); these are its words.

A guard is side-effect free and answers with a Finding: a refusal says why in plain English and cites the
paragraph, and the service turns it into a 409 that writes nothing. The DISP 2 tests themselves live in
``ombudsman.rules``: the guards only ask them.
"""

from __future__ import annotations

from datetime import date

from ombudsman.citations import Citation, cite
from ombudsman.rules.disp_3_2_jurisdiction_decision import jurisdiction_still_holds
from ombudsman.rules.disp_3_5_investigation import still_to_be_heard
from ombudsman.rules.finding import Finding
from ombudsman.rules.rulebook import NotModelled
from ombudsman.rules.time_limits import respondent_had_its_time
from workflows.attempt import Attempt
from workflows.events import award_limit
from workflows.step import Guard


def yes(name: str, reason: str, citation: Citation, **details: object) -> Finding:
    return Finding(name, True, reason, citation, details=dict(details))


def no(name: str, reason: str, citation: Citation) -> Finding:
    return Finding(name, False, reason, citation)


def only_the_complainant(a: Attempt, name: str, citation: Citation) -> Finding | None:
    if a.party != "complainant":
        return no(name, "Only the complainant can do this, or staff recording it on their behalf.", citation)
    return None


def heard(a: Attempt, kind: str, parties: tuple[str, ...]) -> tuple[list[str], date | None]:
    """Which of these parties have made representations within the open time limit of this kind, and that
    limit's last day (None when no such limit is open)."""
    limit = a.case.open_limit(kind)
    # Counted from when the window was set, so a case back from a withdrawn dismissal proposal keeps them.
    since = limit.set_at if limit else a.case.entered_state_at
    return [party for party in parties if a.case.represented_since(party, since)], limit.due_on if limit else None


def waiting_for(a: Attempt, kind: str, parties: tuple[str, ...]) -> list[str]:
    """The parties still to make representations within an open time limit of this kind (DISP 3.5.4R(1))."""
    spoken, last_day = heard(a, kind, parties)
    return still_to_be_heard(parties, spoken, last_day, today=a.today)


def has(parties: list[str]) -> str:
    return "has" if len(parties) == 1 else "have"


def and_list(parties: list[str]) -> str:
    return " and ".join(f"the {party}" for party in parties)


def respondent_time(a: Attempt) -> Finding:
    return respondent_had_its_time(a.case.facts, a.today, a.rulebook)


def award_is_computable(a: Attempt, name: str, reason: str, *, citation: Citation) -> Finding:
    """Refused where the money award's limit cannot be chosen (DISP 3.7.4R): the rulebook lacks a date, or (on a
    complaint about several events) the events the money lines redress would have different limits."""
    awards = getattr(a.fields, "awards", None)
    if awards is not None and awards.money:
        try:
            award_limit(a, awards)
        except NotModelled as problem:
            return no(name, f"We cannot work out the money award limit: {problem}.", cite("DISP 3.7.4R"))
    return yes(name, reason, citation)


def as_guard(name: str, rule: Finding) -> Finding:
    """A rule's answer as the answer of the step that asked it: passes when the rule passed, with its reason
    and what it found (its details); an undecided rule does not pass."""
    if rule.passed:
        return yes(name, rule.reason, rule.citation, **rule.details)
    return no(name, rule.reason, rule.citation)


def recorded(name: str, reason: str, citation: Citation) -> Guard:
    """The guard of an action that only records what staff tell us: it always passes, with this reason."""

    def passes(a: Attempt) -> Finding:
        return yes(name, reason, citation)

    return passes


def jurisdiction_lost(a: Attempt, name: str) -> Finding | None:
    """The refusal, if any, of a step that goes to the merits while the case's live assessment (the DISP 2 tests
    judged today, as the case view shows them) has a failed test no recorded exception cures (DISP 3.2.1R)."""
    holds = jurisdiction_still_holds(a.live_assessment)
    return None if holds.passed else as_guard(name, holds)
