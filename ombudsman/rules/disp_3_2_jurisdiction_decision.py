"""DISP 3.2: deciding whether a complaint is in the Ombudsman's jurisdiction, after hearing the parties.

DISP 3.2.1R   The Ombudsman will have regard to whether a complaint is out of jurisdiction (the DISP 2 tests,
              ``ombudsman.rules.jurisdiction.assess``).
DISP 3.2.3R   Where the respondent alleges that the complaint is out of jurisdiction, the Ombudsman will give
              both parties an opportunity to make representations before he decides.
DISP 3.2.4R   Where the Ombudsman considers that the complaint may be out of jurisdiction, he will give the
              complainant an opportunity to make representations before he decides:
              :func:`who_may_make_representations` says who is invited, by who raised it.
DISP 3.2.5R   Where the Ombudsman then decides that the complaint is out of jurisdiction, he will give reasons for
              that decision to the complainant and inform the respondent: :func:`may_decide_out`, once the
              invited parties have had their opportunity and a DISP 2 test has failed with nothing to cure it.
DISP 3.2.6R   Where the Ombudsman then decides that the complaint is not out of jurisdiction, he will inform the
              complainant and give reasons for that decision to the respondent: :func:`may_accept`, when every
              DISP 2 test passes, or a missed time limit is cured by the exception the decision names (the
              respondent's consent, DISP 2.8.2R(5), or the Ombudsman's finding of exceptional circumstances,
              DISP 2.8.2R(3)).

Pure: the parties heard, the time limit's last day, today and the DISP 2 assessment come in; a Finding goes out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

from ombudsman.citations import cite
from ombudsman.rules.disp_3_5_investigation import still_to_be_heard
from ombudsman.rules.finding import Finding
from ombudsman.rules.jurisdiction import Assessment
from ombudsman.rules.time_limits import long_date

RaisedBy = Literal["respondent", "ombudsman"]
CureNamed = Literal["exceptional_circumstances", "respondent_consent"]


def who_may_make_representations(raised_by: RaisedBy) -> Finding:
    """DISP 3.2.3R and 3.2.4R: both parties when the respondent raised it, the complainant when we did.

    ``details["invited"]`` names the parties invited."""
    if raised_by == "respondent":
        return Finding(
            "who_may_make_representations",
            True,
            "The respondent says the complaint is outside our jurisdiction, so both parties may make "
            "representations before we decide.",
            cite("DISP 3.2.3R"),
            details={"invited": ("complainant", "respondent")},
        )
    return Finding(
        "who_may_make_representations",
        True,
        "We think the complaint may be outside our jurisdiction, so the complainant may make representations "
        "before we decide.",
        cite("DISP 3.2.4R"),
        details={"invited": ("complainant",)},
    )


def _and_list(parties: list[str]) -> str:
    return " and ".join(f"the {party}" for party in parties)


def may_decide_out(
    invited: Iterable[str], heard: Iterable[str], last_day: date | None, *, today: date, assessment: Assessment
) -> Finding:
    """DISP 3.2.5R: out of jurisdiction, once every invited party has made representations or their time
    has passed (DISP 3.2.3R, 3.2.4R), and only when a DISP 2 test has failed with no exception curing it.

    ``assessment`` is judged without a finding of exceptional circumstances: deciding out is not making one."""
    waiting = still_to_be_heard(invited, heard, last_day, today=today)
    if waiting and last_day is not None:
        return Finding(
            "may_decide_out",
            False,
            f"We are waiting for representations from {_and_list(waiting)} until {long_date(last_day)}.",
            cite("DISP 3.2.3R", "DISP 3.2.4R"),
        )
    failed = assessment.failed_uncured()
    if not failed:
        return Finding(
            "may_decide_out",
            False,
            "No DISP 2 test has failed without an exception to cure it, so the complaint cannot be decided "
            "out of jurisdiction.",
            cite("DISP 3.2.5R"),
        )
    return Finding(
        "may_decide_out",
        True,
        " ".join(test.reason for test in failed),
        cite("DISP 3.2.5R"),
        details={"failed": [test.name for test in failed]},
    )


def may_accept(assessment: Assessment, exception: CureNamed | None, respondent_consents: bool) -> Finding:
    """DISP 3.2.6R: in jurisdiction, when every DISP 2 test passes, or a missed time limit is cured by the
    exception the decision names and that exception applies.

    ``assessment`` is judged with the Ombudsman's finding of exceptional circumstances when the decision names
    it. ``details["cured"]`` names the time limits cured."""
    failed = assessment.failed_uncured()
    if failed:
        return Finding(
            "may_accept", False, " ".join(test.reason for test in failed), cite(*(test.citation for test in failed))
        )
    undecided = [test for test in assessment.tests if test.passed is None]
    if undecided:
        return Finding(
            "may_accept",
            False,
            "We cannot yet say the complaint is in jurisdiction. " + " ".join(test.reason for test in undecided),
            cite(*(test.citation for test in undecided)),
        )
    exceptions = assessment.test("time_limit_exceptions")
    cured = list(exceptions.details.get("cures") or [])
    # Either cure that applies may be named: the respondent's consent when it has consented, or the
    # Ombudsman's own finding of exceptional circumstances.
    named_cure_applies = exception == "exceptional_circumstances" or (
        exception == "respondent_consent" and respondent_consents
    )
    if cured and not named_cure_applies:
        return Finding(
            "may_accept",
            False,
            f"A time limit was missed ({', '.join(cured)}). Name the exception that cures it "
            f"({exceptions.details.get('exception')}) and give your reasons.",
            exceptions.citation,
        )
    if exception and not cured:
        return Finding(
            "may_accept",
            False,
            "No time limit was missed, so there is nothing for an exception to cure.",
            cite("DISP 3.2.6R"),
        )
    return Finding(
        "may_accept",
        True,
        "Every DISP 2 test passes, or a missed time limit is cured.",
        cite("DISP 3.2.6R"),
        details={"cured": cured},
    )
