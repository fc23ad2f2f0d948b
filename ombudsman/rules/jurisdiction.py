"""DISP 2: can the Ombudsman consider this complaint? Every jurisdiction test, judged together.

DISP 2.2.1G: the scope of the three jurisdictions depends on (1) the type of activity (DISP 2.3, 2.4, 2.5),
  (2) the place it was carried on from (DISP 2.6), (3) whether the complainant is eligible (DISP 2.7) and
  (4) whether the complaint was referred in time (DISP 2.8).

The complaint is in jurisdiction (``in_jurisdiction``) when no test fails uncured; it is undecided when
none fails but some test is missing a fact; otherwise it is out of jurisdiction. A failed DISP 2.8.2R
limit that ``time_limit_exceptions`` cures (exceptional circumstances, DISP 2.8.2R(3), or the respondent's
consent, DISP 2.8.2R(5)) still reports ``passed: False``, and does not count against jurisdiction.
``time_limit_exceptions`` itself never counts as a failure.

"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ombudsman.rules.eligibility import eligible_complainant
from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.finding import Finding
from ombudsman.rules.rulebook import Rulebook
from ombudsman.rules.scope import activity_in_scope, territory
from ombudsman.rules.time_limits import (
    RESPONDENT_HAD_ITS_TIME,
    TIME_LIMIT_EXCEPTIONS,
    TIME_LIMIT_TESTS,
    respondent_had_its_time,
    six_month_limit,
    six_or_three_year_limit,
    time_limit_exceptions,
)

__all__ = ["TEST_NAMES", "TIME_LIMIT_TESTS", "Assessment", "assess"]

TEST_NAMES: tuple[str, ...] = (
    "respondent_had_its_time",
    "six_month_limit",
    "six_or_three_year_limit",
    "time_limit_exceptions",
    "eligible_complainant",
    "activity_in_scope",
    "territory",
)


@dataclass(frozen=True)
class Assessment:
    """The jurisdiction tests of one complaint as judged on ``as_of``."""

    as_of: date
    jurisdiction: str | None
    tests: tuple[Finding, ...]
    in_jurisdiction: bool | None

    def test(self, name: str) -> Finding:
        """The finding of the test called ``name``."""
        for finding in self.tests:
            if finding.name == name:
                return finding
        raise KeyError(name)

    def failed_uncured(self) -> list[Finding]:
        """The tests that failed and that no time-limit exception cures."""
        return _failed_uncured(self.tests)

    @property
    def premature(self) -> bool:
        """DISP 3.2.2R: the only test failing is that the respondent has not yet had its time. Such a complaint
        is not out of jurisdiction: it goes to the respondent first."""
        return _premature(self.failed_uncured())

    def out_of_jurisdiction_grounds(self) -> list[Finding]:
        """The failed tests that put the complaint out of jurisdiction: a premature one is not out (DISP 3.2.2R)."""
        return [test for test in self.failed_uncured() if test.name != RESPONDENT_HAD_ITS_TIME]

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "in_jurisdiction": self.in_jurisdiction,
            "premature": self.premature,
            "jurisdiction": self.jurisdiction,
            "tests": [finding.as_dict() for finding in self.tests],
        }


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


def assess(
    facts: CaseFacts,
    as_of: date,
    rulebook: Rulebook,
    *,
    exceptional_circumstances_found: bool | None = None,
) -> Assessment:
    """Every DISP 2 jurisdiction test for ``facts`` as judged on ``as_of``.

    ``exceptional_circumstances_found`` is the Ombudsman's finding under DISP 2.8.2R(3): ``None`` when none has
    been made (a stateless assessment: the complainant's account alone leaves the cure undecided); a case passes
    ``False`` until the Ombudsman records the finding.
    """
    had_its_time = respondent_had_its_time(facts, as_of, rulebook)
    six_months = six_month_limit(facts, rulebook)
    six_or_three_years = six_or_three_year_limit(facts, rulebook)
    exceptions = time_limit_exceptions(
        (six_months, six_or_three_years),
        facts,
        rulebook,
        exceptional_circumstances_found=exceptional_circumstances_found,
    )
    scope = activity_in_scope(facts)
    jurisdiction: str | None = scope.details["jurisdiction"]
    tests = (
        had_its_time,
        six_months,
        six_or_three_years,
        exceptions,
        eligible_complainant(facts, jurisdiction, rulebook),
        scope,
        territory(facts, jurisdiction),
    )
    return Assessment(as_of, jurisdiction, tests, _in_jurisdiction(tests))
