"""DISP 2: can the Ombudsman consider this complaint? Every jurisdiction test, judged together.

DISP 2.2.1G: the scope of the three jurisdictions depends on (1) the type of activity (DISP 2.3, 2.4, 2.5),
  (2) the place it was carried on from (DISP 2.6), (3) whether the complainant is eligible (DISP 2.7) and
  (4) whether the complaint was referred in time (DISP 2.8).

The complaint is in jurisdiction (``in_jurisdiction``) when no test fails uncured; it is undecided when
none fails but some test is missing a fact; otherwise it is out of jurisdiction. A failed DISP 2.8.2R
limit that ``time_limit_exceptions`` cures (exceptional circumstances, DISP 2.8.2R(3), or the respondent's
consent, DISP 2.8.2R(5)) still reports ``passed: False``, and does not count against jurisdiction.
``time_limit_exceptions`` itself never counts as a failure.

A complaint about several events (``facts.events``): DISP 2.8.2R(2) runs from "the event complained of", so the
time limits of DISP 2.8.2R and their exceptions are judged for each event on its own facts
(:meth:`CaseFacts.for_event`), while the complainant's eligibility, the activity, the territory (DISP 2.7.3R:
"at the time the complainant refers the complaint to the respondent") and the respondent's time are judged once
for the complaint. The complaint is in jurisdiction when the complaint's own tests pass and at least one event is
in; out when one of them fails uncured, or every event is out; undecided otherwise (a fact missing never decides
against the complainant). An event first raised with the Ombudsman goes to the respondent first (DISP 3.2.2R):
it is neither in nor out, and the other events go on.

"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ombudsman.citations import cite
from ombudsman.rules.eligibility import eligible_complainant
from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.finding import Finding
from ombudsman.rules.rulebook import Rulebook
from ombudsman.rules.scope import activity_in_scope, territory
from ombudsman.rules.several_events import Event
from ombudsman.rules.time_limits import (
    RESPONDENT_HAD_ITS_TIME,
    SIX_MONTH_LIMIT,
    SIX_OR_THREE_YEAR_LIMIT,
    TIME_LIMIT_EXCEPTIONS,
    TIME_LIMIT_TESTS,
    respondent_had_its_time,
    six_month_limit,
    six_or_three_year_limit,
    time_limit_exceptions,
)

__all__ = [
    "EVENT_TEST_NAMES",
    "TEST_NAMES",
    "TIME_LIMIT_TESTS",
    "Assessment",
    "EventAssessment",
    "as_decided",
    "assess",
]

TEST_NAMES: tuple[str, ...] = (
    "respondent_had_its_time",
    "six_month_limit",
    "six_or_three_year_limit",
    "time_limit_exceptions",
    "eligible_complainant",
    "activity_in_scope",
    "territory",
)

# The tests judged for each event of a complaint about several; the others are judged once for the complaint.
EVENT_TEST_NAMES: tuple[str, ...] = (SIX_MONTH_LIMIT, SIX_OR_THREE_YEAR_LIMIT, TIME_LIMIT_EXCEPTIONS)


@dataclass(frozen=True)
class EventAssessment:
    """The DISP 2.8.2R tests of one event of a complaint about several, as judged on the day of the assessment;
    with ``respondent_had_its_time`` too for an event the respondent received (or never received) apart."""

    id: str
    tests: tuple[Finding, ...]
    in_jurisdiction: bool | None

    def test(self, name: str) -> Finding:
        """The finding of the test called ``name``."""
        return _named(self.tests, name)

    def failed_uncured(self) -> list[Finding]:
        """The event's tests that failed and that no time-limit exception cures."""
        return _failed_uncured(self.tests)

    @property
    def premature(self) -> bool:
        """DISP 3.2.2R: the respondent has not yet had its time for this event: it goes to the respondent first."""
        return _premature(self.failed_uncured())

    @property
    def reason(self) -> str:
        """What was found of the event, in a sentence or two."""
        failed = self.failed_uncured()
        if self.premature:
            return " ".join(finding.reason for finding in failed)
        if failed:
            return "Out of our jurisdiction: " + " ".join(finding.reason for finding in failed)
        undecided = [finding for finding in self.tests if finding.passed is None]
        if undecided:
            return "Not yet decided: " + " ".join(finding.reason for finding in undecided)
        return "In our jurisdiction: " + " ".join(finding.reason for finding in self.tests if finding.passed)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "in_jurisdiction": self.in_jurisdiction,
            "premature": self.premature,
            "reason": self.reason,
            "tests": [finding.as_dict() for finding in self.tests],
        }


@dataclass(frozen=True)
class Assessment:
    """The jurisdiction tests of one complaint as judged on ``as_of``: for a complaint about several events,
    the complaint's own tests in ``tests`` and each event's time limits in ``events``."""

    as_of: date
    jurisdiction: str | None
    tests: tuple[Finding, ...]
    in_jurisdiction: bool | None
    events: tuple[EventAssessment, ...] = ()

    @property
    def events_in_jurisdiction(self) -> list[str]:
        return [event.id for event in self.events if event.in_jurisdiction]

    @property
    def events_out_of_jurisdiction(self) -> list[str]:
        return [event.id for event in self.events if event.in_jurisdiction is False]

    def event(self, event_id: str) -> EventAssessment:
        """The assessment of the event called ``event_id``."""
        for event in self.events:
            if event.id == event_id:
                return event
        raise KeyError(event_id)

    def exception_findings(self) -> list[Finding]:
        """Each ``time_limit_exceptions`` finding: the complaint's, or each event's of a complaint about several."""
        if self.events:
            return [event.test(TIME_LIMIT_EXCEPTIONS) for event in self.events]
        return [self.test(TIME_LIMIT_EXCEPTIONS)]

    def undecided(self) -> list[Finding]:
        """The tests a missing fact or a finding still to be made leaves undecided: the complaint's, and those of
        each event neither in nor out that is not waiting for the respondent."""
        found = [finding for finding in self.tests if finding.passed is None]
        for event in self.events:
            if event.in_jurisdiction is None and not event.premature:
                found.extend(finding for finding in event.tests if finding.passed is None)
        return found

    def test(self, name: str) -> Finding:
        """The finding of the test called ``name``."""
        return _named(self.tests, name)

    def failed_uncured(self) -> list[Finding]:
        """The tests that failed and that no time-limit exception cures. Of a complaint about several events, the
        complaint's own, and the events' only when none of them can go on (each is out or waits for the
        respondent): an event out while another is in is a partial decision, not a failure of the complaint."""
        failed = _failed_uncured(self.tests)
        none_go_on = all(event.in_jurisdiction is False or event.premature for event in self.events)
        if self.events and none_go_on:
            failed += [finding for event in self.events for finding in event.failed_uncured()]
        return failed

    @property
    def premature(self) -> bool:
        """DISP 3.2.2R: the only test failing is that the respondent has not yet had its time. Such a complaint
        is not out of jurisdiction: it goes to the respondent first."""
        return _premature(self.failed_uncured())

    def out_of_jurisdiction_grounds(self) -> list[Finding]:
        """The failed tests that put the complaint out of jurisdiction: a premature one is not out (DISP 3.2.2R)."""
        return [test for test in self.failed_uncured() if test.name != RESPONDENT_HAD_ITS_TIME]

    def as_dict(self) -> dict[str, Any]:
        answer: dict[str, Any] = {
            "as_of": self.as_of.isoformat(),
            "in_jurisdiction": self.in_jurisdiction,
            "premature": self.premature,
            "jurisdiction": self.jurisdiction,
            "tests": [finding.as_dict() for finding in self.tests],
        }
        if self.events:
            answer["events"] = [event.as_dict() for event in self.events]
            answer["events_in_jurisdiction"] = self.events_in_jurisdiction
            answer["events_out_of_jurisdiction"] = self.events_out_of_jurisdiction
        return answer


def _named(tests: tuple[Finding, ...], name: str) -> Finding:
    for finding in tests:
        if finding.name == name:
            return finding
    raise KeyError(name)


def _failed_uncured(tests: tuple[Finding, ...]) -> list[Finding]:
    """The failed tests no exception cures. A missed time limit whose cure waits on the Ombudsman's finding
    (``time_limit_exceptions`` undecided) is not among them: it is undecided, not uncured."""
    cured: set[str] = set()
    for finding in tests:
        if finding.name == TIME_LIMIT_EXCEPTIONS:
            cured.update(finding.details.get("cures", []))
            if finding.passed is None:
                cured.update(TIME_LIMIT_TESTS)
    return [
        finding
        for finding in tests
        if finding.failed and finding.name != TIME_LIMIT_EXCEPTIONS and finding.name not in cured
    ]


def _premature(failed: list[Finding]) -> bool:
    return bool(failed) and all(finding.name == RESPONDENT_HAD_ITS_TIME for finding in failed)


def _in_jurisdiction(tests: tuple[Finding, ...]) -> bool | None:
    """False when a test fails uncured; None when a fact is missing, or when the complaint is premature (DISP
    3.2.2R: it goes to the respondent, it is not out of jurisdiction); else True."""
    failed = _failed_uncured(tests)
    if failed and not _premature(failed):
        return False
    if failed or any(finding.passed is None for finding in tests):
        return None
    return True


def _several_in_jurisdiction(tests: tuple[Finding, ...], events: tuple[EventAssessment, ...]) -> bool | None:
    """A complaint about several events: out when its own test fails uncured or every event is out; in when its
    own tests pass and an event is in; undecided otherwise (premature, a fact missing, or no event yet in)."""
    complaint = _in_jurisdiction(tests)
    if complaint is False:
        return False
    if complaint is None and _failed_uncured(tests):
        return None  # premature: the respondent has not had its time for the complaint (DISP 3.2.2R)
    if any(event.in_jurisdiction for event in events):
        return complaint
    if all(event.in_jurisdiction is False or event.premature for event in events) and not all(
        event.premature for event in events
    ):
        return False
    return None


def _first_raised_here(event: Event) -> Finding:
    """DISP 3.2.2R: an event the respondent never had a complaint about goes to it first."""
    return Finding(
        RESPONDENT_HAD_ITS_TIME,
        False,
        f"The complainant first raised {event.id} with us: the business has not had a complaint about it. "
        "It goes to the business first, and the other events go on.",
        cite("DISP 2.8.1R", "DISP 3.2.2R"),
        {"event_date": event.date},
    )


def _assess_event(
    facts: CaseFacts, event: Event, as_of: date, *, rulebook: Rulebook, found: bool | None
) -> EventAssessment:
    """DISP 2.8.2R for one event, on its own facts (the complaint's where it gives none of its own)."""
    own = facts.for_event(event)
    six_months = six_month_limit(own, rulebook)
    six_or_three_years = six_or_three_year_limit(own, rulebook)
    exceptions = time_limit_exceptions(
        (six_months, six_or_three_years), own, rulebook, exceptional_circumstances_found=found
    )
    tests: tuple[Finding, ...] = (six_months, six_or_three_years, exceptions)
    if event.first_raised_at_ombudsman and event.complained_to_respondent_on is None:
        tests = (_first_raised_here(event), *tests)
    elif event.complained_to_respondent_on is not None or event.final_response_sent_on is not None:
        tests = (respondent_had_its_time(own, as_of, rulebook), *tests)
    return EventAssessment(event.id, tests, _in_jurisdiction(tests))


def as_decided(
    facts: CaseFacts,
    as_of: date,
    rulebook: Rulebook,
    *,
    exception: str | None,
    exception_events: Iterable[str] | None = None,
) -> Assessment:
    """A case's live assessment: its DISP 2 tests judged on ``as_of`` with the exception its jurisdiction
    decision named (``exception``; the Ombudsman's finding of exceptional circumstances is taken as found, for
    the events it named, ``exception_events``, or every event when it named none), and the respondent's
    recorded position as its facts hold it."""
    return assess(
        facts,
        as_of,
        rulebook,
        exceptional_circumstances_found=exception == "exceptional_circumstances",
        exceptional_circumstances_events=frozenset(exception_events) if exception_events is not None else None,
    )


def _found_for(event_id: str, found: bool | None, events: frozenset[str] | None) -> bool | None:
    """The Ombudsman's finding of exceptional circumstances as it stands for one event: made for the events it
    names (every event when it names none), not made (``False``) for the others once it was made."""
    if found is None or events is None or event_id in events:
        return found
    return False


def assess(
    facts: CaseFacts,
    as_of: date,
    rulebook: Rulebook,
    *,
    exceptional_circumstances_found: bool | None = None,
    exceptional_circumstances_events: frozenset[str] | None = None,
) -> Assessment:
    """Every DISP 2 jurisdiction test for ``facts`` as judged on ``as_of``.

    ``exceptional_circumstances_found`` is the Ombudsman's finding under DISP 2.8.2R(3): ``None`` when none has
    been made (a stateless assessment: the complainant's account alone leaves the cure undecided); a case passes
    ``False`` until the Ombudsman records the finding. Of a complaint about several events, the finding covers
    the events named in ``exceptional_circumstances_events`` (``None``: every event); for the others it is
    ``False`` once a finding has been made.
    """
    had_its_time = respondent_had_its_time(facts, as_of, rulebook)
    scope = activity_in_scope(facts)
    jurisdiction: str | None = scope.details["jurisdiction"]
    once = (
        eligible_complainant(facts, jurisdiction, rulebook),
        scope,
        territory(facts, jurisdiction),
    )
    if facts.events:
        events = tuple(
            _assess_event(
                facts,
                event,
                as_of,
                rulebook=rulebook,
                found=_found_for(event.id, exceptional_circumstances_found, exceptional_circumstances_events),
            )
            for event in facts.events
        )
        tests: tuple[Finding, ...] = (had_its_time, *once)
        return Assessment(as_of, jurisdiction, tests, _several_in_jurisdiction(tests, events), events)
    six_months = six_month_limit(facts, rulebook)
    six_or_three_years = six_or_three_year_limit(facts, rulebook)
    exceptions = time_limit_exceptions(
        (six_months, six_or_three_years),
        facts,
        rulebook,
        exceptional_circumstances_found=exceptional_circumstances_found,
    )
    tests = (had_its_time, six_months, six_or_three_years, exceptions, *once)
    return Assessment(as_of, jurisdiction, tests, _in_jurisdiction(tests))
