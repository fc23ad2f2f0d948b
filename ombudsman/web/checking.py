"""Acts people can check and trust: the "Check your answers" page a binding step answers first (what it will do and
each letter it will send, from the step taken and rolled back by ``CaseService.rehearse``), and the confirmation
the case page shows after any step (what happened, the letters that went to whom, and what happens next)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi.responses import HTMLResponse

from ombudsman.letters.contexts import TIME_LIMITS
from ombudsman.reads import Rehearsed
from ombudsman.views import CaseView, EventView
from ombudsman.web.forms import Posted
from ombudsman.web.rendering import page
from ombudsman.web.sessions import Visit
from workflows.table import CHECKED, STEP_BY_NAME
from workflows.vocabulary import STATES, State

# What each time limit is for, in words (the letters' words, and the respondent's own time).
LIMIT_WORDS = {**TIME_LIMITS, "respondent_time": "for the business to send its final response"}
NOT_ECHOED = frozenset({"csrf_token", "confirm"})
# The steps that bind someone or end the case (``checked`` in their declarations): posted from their form, each
# first shows what it will do and the letters it will send, and is taken only when sent again with ``confirm=yes``.
CHECK_FIRST = CHECKED


def limit_words(kind: str) -> str:
    return LIMIT_WORDS.get(kind, kind.replace("_", " "))


def state_words(state: State | str) -> str:
    return str(state).replace("_", " ")


def check_page(
    visit: Visit, name: str, *, posted: Posted, answers: list[tuple[str, str]], would: Rehearsed
) -> HTMLResponse:
    """The page a binding step answers first: the answers given, in words; what it will do and each letter it will
    send; and a form that sends the same fields again (every value posted) with ``confirm=yes``."""
    return page(
        "check.html",
        visit=visit,
        step=STEP_BY_NAME[name],
        name=name,
        echoed=[(key, value) for key, values in posted.items() if key not in NOT_ECHOED for value in values],
        answers=answers,
        case=would.case,
        letters=would.letters,
        meaning=STATES[would.case.state].meaning,
        limit_words=limit_words,
    )


@dataclass(frozen=True)
class Confirmation:
    """What the case page says after a step: what was done, the letters that went, what happens next."""

    done: list[str]  # the steps taken, in words
    state: str  # where the case is now, in words
    meaning: str
    letters: list[str]  # "Determination to Ann Example (complainant), by email"
    next: list[tuple[str, date, str]]  # each open time limit: what it is for, its last day, whom it binds


def title(name: str) -> str:
    return STEP_BY_NAME[name].title if name in STEP_BY_NAME else name.replace("_", " ").capitalize()


def addressee(case: CaseView, party: str) -> str:
    """Whom a letter goes to, by name and part: "Example Bank plc (the business)"."""
    details = case.parties.complainant if party == "complainant" else case.parties.respondent
    role = "the business" if party == "respondent" else "the complainant"
    return f"{details['name']} ({role})" if details.get("name") else role


def confirmation(case: CaseView, events: list[EventView], version: int) -> Confirmation | None:
    """The confirmation of the step written as ``version`` (and of any step it led straight on to, written with
    it): None where the caller cannot see that event, or it is not one this case has."""
    first = next((event for event in events if event.version == version), None)
    if first is None:
        return None
    taken = [
        event for event in events if event.version >= version and event.at == first.at and event.user == first.user
    ]
    versions = {event.version for event in taken}
    letters = [
        f"{letter.kind.replace('_', ' ').capitalize()} to {addressee(case, letter.addressed_to)}, "
        f"{'by email' if letter.delivery.channel == 'email' else 'by post'}"
        for letter in case.letters
        if letter.version in versions
    ]
    return Confirmation(
        done=[title(event.trigger or event.action or "") for event in taken],
        state=state_words(case.state),
        meaning=STATES[case.state].meaning,
        letters=letters,
        next=[(limit_words(limit.kind), limit.due_on, " and ".join(limit.binds)) for limit in case.deadlines],
    )
