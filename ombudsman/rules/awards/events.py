"""Awards on a complaint about several events (DISP 2.8.2R(2), DISP 3.7.1R, DISP 3.7.4R): which events a money
line may redress, and which money-award limit applies to them.

DISP 2.8.2R(2)  The Ombudsman cannot consider a complaint referred more than six years after "the event
                complained of" (or three years after awareness of it): each event of a series is judged on its
                own, so the Ombudsman may have jurisdiction over some events and not others.
DISP 3.7.1R     A determination in the complainant's favour may include a money award: it redresses only what
                the Ombudsman may consider, the events in jurisdiction. An event out of jurisdiction may be
                discussed in the reasons as context, but no money line may name it; and where any event is out,
                every money line names the events it redresses, so it is plain that none redresses an event out.
DISP 3.7.4R     The maximum money award is the limit in force, chosen (from 1 April 2019) by the date the
                complaint was referred and the date of the act or omission complained of. It applies once, to the
                respondent's money award: where the events a money award redresses would have different limits
                by their dates, and no published rule says which applies, the engine refuses rather than guess.

Pure: the live assessment's lists of events in and out, and each event's date, are given; nothing reads the
clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from ombudsman.citations import cite
from ombudsman.money import pounds_text
from ombudsman.rules.finding import Finding
from ombudsman.rules.rulebook import MoneyAwardLimit, NotModelled, Rulebook

if TYPE_CHECKING:
    from ombudsman.rules.awards.calculation import MoneyLine

REDRESSES_ONLY_EVENTS_IN = cite("DISP 3.7.1R", "DISP 2.8.2R(2)")


class LimitsDiffer(NotModelled):
    """The events a money award redresses would have different DISP 3.7.4R limits by their dates."""


def money_lines_may_name(
    lines: Sequence[MoneyLine], *, events_in: Sequence[str], events_out: Sequence[str], known: Sequence[str]
) -> Finding:
    """DISP 3.7.1R with DISP 2.8.2R(2): each money line names only events of this complaint that are in our
    jurisdiction, and where any event is out every line names the events it redresses. ``known`` is every
    event's id, ``events_in`` and ``events_out`` the live assessment's lists. A failure names the first line at
    fault in ``details["line"]`` (its index)."""
    name = "money_lines_may_name"
    for index, line in enumerate(lines):
        reason = _line_refused(line, events_in=events_in, events_out=events_out, known=known)
        if reason is not None:
            return Finding(name, False, reason, REDRESSES_ONLY_EVENTS_IN, details={"line": index})
    if not any(line.events for line in lines):
        return Finding(name, True, "No money line names an event.", REDRESSES_ONLY_EVENTS_IN)
    return Finding(name, True, "Each money line names only events in our jurisdiction.", REDRESSES_ONLY_EVENTS_IN)


def _line_refused(
    line: MoneyLine, *, events_in: Sequence[str], events_out: Sequence[str], known: Sequence[str]
) -> str | None:
    if not known and line.events:
        return "this complaint is about one event: a money line names no events"
    strangers = [event for event in line.events if event not in known]
    if strangers:
        return f"{_ids(strangers)} {_is(strangers)} not an event of this complaint (its events: {_ids(known)})"
    out = [event for event in line.events if event in events_out]
    if out:
        return (
            f"{_ids(out)} {_is(out)} outside our jurisdiction: a money award redresses only events in it "
            f"({_ids(events_in) or 'none'}); the reasons may discuss {_ids(out)} as context"
        )
    undecided = [event for event in line.events if event not in events_in]
    if undecided:
        return (
            f"{_ids(undecided)} {_is(undecided)} not (or not yet) in our jurisdiction: a money award redresses only "
            f"events in it ({_ids(events_in) or 'none'})"
        )
    if events_out and not line.events:
        return (
            f"name the events this line redresses (of {_ids(events_in) or 'none'}): {_ids(events_out)} "
            f"{_is(events_out)} outside our jurisdiction, and no money line may redress {_them(events_out)}"
        )
    return None


def acts_redressed(lines: Sequence[MoneyLine], event_dates: Mapping[str, date]) -> dict[str, date]:
    """The events the money lines redress, each with its date: every event a line names, and every event given
    (the events in jurisdiction) for a line that names none, or when there is no line at all."""
    named = {event for line in lines for event in (line.events or event_dates)} if lines else set(event_dates)
    return {event: event_dates[event] for event in event_dates if event in named}


def limit_for_events(rulebook: Rulebook, referred_on: date, *, act_dates: Mapping[str, date]) -> MoneyAwardLimit:
    """DISP 3.7.4R, applied once to the respondent's money award: the limit the rulebook gives for a complaint
    referred on ``referred_on`` about the acts on ``act_dates`` (each event's date, by id), when it gives the
    same limit for each. Raises :class:`LimitsDiffer` (saying which event has which limit) when it would choose
    different limits, and ``NotModelled`` for a date it does not hold, as the rulebook does."""
    if not act_dates:
        return rulebook.money_award_limit(referred_on, None)
    by_limit: dict[MoneyAwardLimit, list[str]] = {}
    for event, act_on in act_dates.items():
        by_limit.setdefault(rulebook.money_award_limit(referred_on, act_on), []).append(event)
    if len(by_limit) == 1:
        return next(iter(by_limit))
    each = "; ".join(
        f"{pounds_text(limit.amount)} for {_ids(events)} ({limit.note})" for limit, events in by_limit.items()
    )
    raise LimitsDiffer(
        "the money award limit applies once to the respondent's money award, and the events it redresses would "
        f"have different limits by their dates: {each}. No published rule says which of them applies, so we "
        "do not guess"
    )


def one_limit_applies(rulebook: Rulebook, referred_on: date, *, act_dates: Mapping[str, date]) -> Finding:
    """DISP 3.7.4R: whether one money-award limit applies to the events the award redresses (see
    :func:`limit_for_events`): failed when they would have different limits, undecided when the rulebook does
    not hold a date, passed (with the limit in ``details["limit"]``) otherwise."""
    name, citation = "one_limit_applies", cite("DISP 3.7.4R")
    try:
        limit = limit_for_events(rulebook, referred_on, act_dates=act_dates)
    except LimitsDiffer as problem:
        return Finding(name, False, f"We cannot choose the money award limit: {problem}.", citation)
    except NotModelled as problem:
        return Finding(name, None, f"We cannot work out the money award limit: {problem}.", citation)
    return Finding(name, True, f"The limit in force: {limit.note}.", citation, details={"limit": limit})


def _ids(events: Sequence[str] | Mapping[str, object]) -> str:
    names = list(events)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _is(events: Sequence[str]) -> str:
    return "is" if len(events) == 1 else "are"


def _them(events: Sequence[str]) -> str:
    return "it" if len(events) == 1 else "them"
