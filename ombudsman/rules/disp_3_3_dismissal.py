"""DISP 3.3: dismissing a complaint without considering its merits, and test cases.

DISP 3.3.1R   Where the Ombudsman considers that the complaint may be one which should be dismissed without
              consideration of the merits, he will give the complainant an opportunity to make representations
              before he decides: :func:`dismissal_may_be_proposed`, on one of the grounds of DISP 3.3.4R, as a
              test case (DISP 3.3.5R), or for want of information (DISP 3.5.9R(4)) or of a time limit kept
              (DISP 3.5.15R). Every dismissal goes through the proposal: a test case too.
DISP 3.3.2R   Where the Ombudsman then decides that the complaint should be dismissed without consideration of
              the merits, he will give reasons to the complainant for that decision and inform the respondent:
              :func:`may_dismiss`, once the complainant has made representations or their time has passed.
DISP 3.3.4R   The grounds on which the Ombudsman may dismiss a complaint without considering its merits
              (``ombudsman.citations.DISMISSAL_GROUNDS``).
DISP 3.3.5R   The Ombudsman may dismiss a complaint without considering its merits, so that a court may consider
              it as a test case, if (1) before he has made a determination he has received in writing from the
              respondent (a) a detailed statement of how and why the complaint raises an important or novel point
              of law with significant consequences, and (b) an undertaking in favour of the complainant to pay
              the complainant's reasonable costs and disbursements of court proceedings begun within six months
              of the dismissal, and (2) the Ombudsman considers that the complaint raises such a point and would
              more suitably be dealt with by a court as a test case: :func:`may_dismiss_as_a_test_case`, judged
              when the dismissal is proposed (the respondent's statement and undertaking come first; the
              statement is a field the proposal needs, :func:`point_of_law_is_stated`).
DISP 3.5.9R(4) The Ombudsman may dismiss a complaint if the complainant fails to supply requested information.
DISP 3.5.15R  If the complainant fails to comply with a time limit, the Ombudsman may proceed or dismiss.
DISP 3.3.6G   The factors the Ombudsman may take into account in deciding (2).

Pure: what the parties gave and the dates come in; a Finding goes out.
"""

from __future__ import annotations

from datetime import date

from ombudsman.citations import cite, dismissal_ground
from ombudsman.rules.disp_3_5_investigation import still_to_be_heard
from ombudsman.rules.finding import Finding
from ombudsman.rules.time_limits import long_date


def dismissal_may_be_proposed(ground: str) -> Finding:
    """DISP 3.3.1R: a proposal to dismiss on a ground of DISP 3.3.4R opens the complainant's opportunity to
    make representations first."""
    return Finding(
        "dismissal_may_be_proposed",
        True,
        "The complainant may make representations before we decide whether to dismiss the complaint.",
        cite("DISP 3.3.1R", dismissal_ground(ground)),
    )


def may_dismiss(complainant_heard: bool, last_day: date | None, today: date) -> Finding:
    """DISP 3.3.1R-3.3.2R: the complaint may be dismissed once the complainant has made representations, or
    the time to make them has passed (the last day itself still counts)."""
    if still_to_be_heard(["complainant"], ["complainant"] if complainant_heard else [], last_day, today=today):
        until = f" until {long_date(last_day)}" if last_day else ""
        return Finding(
            "may_dismiss",
            False,
            f"The complainant has{until} to make representations first.",
            cite("DISP 3.3.1R"),
        )
    return Finding(
        "may_dismiss", True, "The complainant has had the chance to make representations.", cite("DISP 3.3.2R")
    )


def point_of_law_is_stated(point_of_law: str | None) -> Finding:
    """DISP 3.3.5R(1)(a): a test case starts from the respondent's detailed written statement of how and why the
    complaint raises an important or novel point of law; without it there is nothing to propose (a field the
    step needs, so the service refuses it as bad input naming ``point_of_law``)."""
    if not (point_of_law or "").strip():
        return Finding(
            "point_of_law_is_stated",
            False,
            "a test case needs the respondent's written statement of how and why the complaint raises an "
            "important or novel point of law",
            cite("DISP 3.3.5R"),
        )
    return Finding("point_of_law_is_stated", True, "The respondent has stated the point of law.", cite("DISP 3.3.5R"))


def may_dismiss_as_a_test_case(*, point_of_law: str | None, costs_undertaking: bool) -> Finding:
    """DISP 3.3.5R(1): a test case needs the respondent's detailed written statement of the point of law and its
    written undertaking to pay the complainant's costs."""
    stated = point_of_law_is_stated(point_of_law)
    if stated.failed:
        sentence = f"{stated.reason[0].upper()}{stated.reason[1:]}."
        return Finding("may_dismiss_as_a_test_case", False, sentence, stated.citation)
    if not costs_undertaking:
        return Finding(
            "may_dismiss_as_a_test_case",
            False,
            "A test case needs the respondent's undertaking to pay the complainant's costs.",
            cite("DISP 3.3.5R"),
        )
    return Finding(
        "may_dismiss_as_a_test_case",
        True,
        "The respondent has set out an important or novel point of law and undertaken to pay costs, so a court "
        "may consider it as a test case.",
        cite("DISP 3.3.5R", "DISP 3.3.6G"),
    )
