"""DISP 3.2: deciding whether a complaint is in the Ombudsman's jurisdiction, after hearing the parties.

DISP 3.2.1R   The Ombudsman will have regard to whether a complaint is out of jurisdiction (the DISP 2 tests,
              ``ombudsman.rules.jurisdiction.assess``).
              While the case is open, before determination, jurisdiction is a precedent fact: a provisional
              assessment or a determination is refused while the case's live assessment has a failed test no
              recorded exception cures (:func:`jurisdiction_still_holds`); it must be decided again first.
DISP 3.2.2R   Unless the respondent has already had eight weeks to consider the complaint or issued a final
              response, the Ombudsman will refer the complaint to the respondent: :func:`may_refer_to_respondent`.
              The rule does not ask whether the respondent has had the complaint yet: where no complaint to it is
              recorded, the referral is the complaint, and the respondent's time runs from the day of it.
DISP 3.2.3R   Where the respondent alleges that the complaint is out of jurisdiction, the Ombudsman will give
              both parties an opportunity to make representations before he decides.
DISP 3.2.4R   Where the Ombudsman considers that the complaint may be out of jurisdiction, he will give the
              complainant an opportunity to make representations before he decides:
              :func:`who_may_make_representations` says who is invited, by who raised it.
DISP 3.2.5R   Where the Ombudsman then decides that the complaint is out of jurisdiction, he will give reasons for
              that decision to the complainant and inform the respondent: :func:`may_decide_out`, once the
              invited parties have had their opportunity and a DISP 2 test has failed with nothing to cure it.
DISP 3.2.6R   Where the Ombudsman then decides that the complaint is not out of jurisdiction, he will inform the
              complainant and give reasons for that decision to the respondent: :func:`may_accept`, once any
              invited party has had the opportunity DISP 3.2.3R and 3.2.4R give "before he decides", when every
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
from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.finding import Finding
from ombudsman.rules.jurisdiction import Assessment
from ombudsman.rules.rulebook import Rulebook
from ombudsman.rules.time_limits import LIMIT_IN_WORDS, long_date, respondent_had_its_time
from ombudsman.rules.words import said

RaisedBy = Literal["respondent", "ombudsman"]
CureNamed = Literal["exceptional_circumstances", "respondent_consent"]
said(RaisedBy, {"respondent": "The business complained about", "ombudsman": "We did (the Ombudsman service)"})
said(
    CureNamed,
    {
        "exceptional_circumstances": "Exceptional circumstances kept the complainant from referring it in time",
        "respondent_consent": "The business does not object to (or consents to) the late referral",
    },
)


def may_refer_to_respondent(facts: CaseFacts, today: date, rulebook: Rulebook) -> Finding:
    """DISP 3.2.2R, 2.8.1R: a complaint goes to the respondent first unless it has sent its final response or had
    its time. ``dates["respondent_time_ends_on"]`` is the last day of that time; ``details["complained_on"]``
    is set when no complaint to the respondent was recorded, to the day the referral makes it (today)."""
    citation = cite("DISP 2.8.1R", "DISP 3.2.2R")
    received = facts.complained_to_respondent_on
    if received is None and facts.final_response_sent_on is None:
        now_complained = facts.model_copy(update={"complained_to_respondent_on": today})
        test = respondent_had_its_time(now_complained, today, rulebook)
        ends_on = test.dates["respondent_time_ends_on"]
        return Finding(
            "may_refer_to_respondent",
            True,
            "No complaint to the business is recorded, so we send it the complaint now: that is the complaint to "
            f"the business, and its time to answer runs from today, until {long_date(ends_on)}.",
            citation,
            {"respondent_time_ends_on": ends_on},
            details={"complained_on": today, "respondent_time_ends_on": ends_on},
        )
    test = respondent_had_its_time(facts, today, rulebook)
    if test.passed is None:
        return Finding("may_refer_to_respondent", None, test.reason, test.citation, test.dates)
    if test.passed:
        return Finding(
            "may_refer_to_respondent", False, f"{test.reason} Start the jurisdiction check instead.", citation
        )
    return Finding(
        "may_refer_to_respondent",
        True,
        test.reason,
        citation,
        {"respondent_time_ends_on": test.dates["respondent_time_ends_on"]},
        details={"respondent_time_ends_on": test.dates["respondent_time_ends_on"]},
    )


def who_may_make_representations(raised_by: RaisedBy, *, respondent_to_say_on_lateness: bool = False) -> Finding:
    """DISP 3.2.3R and 3.2.4R: both parties when the respondent raised it, the complainant when we did; and
    both when we did and a time limit may have been missed that the respondent has not yet said it objects to
    (its position decides the DISP 2.8.2R(5) exception, so it must be asked).

    ``details["invited"]`` names the parties invited."""
    if raised_by == "ombudsman" and respondent_to_say_on_lateness:
        return Finding(
            "who_may_make_representations",
            True,
            "We think the complaint may be outside our jurisdiction because it may have been referred too late, "
            "so the complainant may make representations, and the business may say whether it objects to us "
            "looking at it, before we decide.",
            cite("DISP 3.2.4R", "DISP 2.8.2R(5)"),
            details={"invited": ("complainant", "respondent")},
        )
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


def respondent_position_may_be_recorded(party: str | None, consents: bool) -> Finding:
    """DISP 2.8.2R(5): whether the respondent objects to a late complaint being considered is the respondent's
    to say (staff may record it for the respondent)."""
    if party != "respondent":
        return Finding(
            "respondent_position_may_be_recorded",
            False,
            "Only the respondent says whether it objects to a late complaint being considered (staff may record "
            "it for the respondent: on_behalf_of respondent).",
            cite("DISP 2.8.2R(5)"),
        )
    said = "consents to" if consents else "objects, on the ground that it is late, to"
    return Finding(
        "respondent_position_may_be_recorded",
        True,
        f"The business {said} us looking at the complaint.",
        cite("DISP 2.8.2R(5)"),
    )


def _and_list(parties: list[str]) -> str:
    return " and ".join(f"the {party}" for party in parties)


def _still_waiting(
    name: str, invited: Iterable[str], heard: Iterable[str], *, last_day: date | None, today: date
) -> Finding | None:
    """DISP 3.2.3R, 3.2.4R: the refusal while an invited party may still make representations, if any."""
    waiting = still_to_be_heard(invited, heard, last_day, today=today)
    if waiting and last_day is not None:
        return Finding(
            name,
            False,
            f"We are waiting for representations from {_and_list(waiting)} until {long_date(last_day)}.",
            cite("DISP 3.2.3R", "DISP 3.2.4R"),
        )
    return None


def may_decide_out(
    invited: Iterable[str], heard: Iterable[str], last_day: date | None, *, today: date, assessment: Assessment
) -> Finding:
    """DISP 3.2.5R: out of jurisdiction, once every invited party has made representations or their time
    has passed (DISP 3.2.3R, 3.2.4R), and only when a DISP 2 test has failed with no exception curing it.

    ``assessment`` is judged without a finding of exceptional circumstances: deciding out is not making one."""
    waiting = _still_waiting("may_decide_out", invited, heard, last_day=last_day, today=today)
    if waiting is not None:
        return waiting
    failed = assessment.out_of_jurisdiction_grounds()
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


def may_accept(
    assessment: Assessment,
    exception: CureNamed | None,
    *,
    invited: Iterable[str] = (),
    heard: Iterable[str] = (),
    last_day: date | None = None,
    today: date | None = None,
) -> Finding:
    """DISP 3.2.6R: in jurisdiction, when every DISP 2 test passes, or a missed time limit is cured by the
    exception the decision names and that exception applies; and, where parties were invited to make
    representations on jurisdiction, not before each has made them or their time has passed (DISP 3.2.3R,
    3.2.4R: "before he decides", whichever way he decides).

    ``assessment`` is judged with the Ombudsman's finding of exceptional circumstances when the decision names
    it. ``details["cured"]`` names the time limits cured."""
    invited = tuple(invited)
    if invited:
        assert today is not None, "whether the invited parties have been heard is judged as of a day"
        waiting = _still_waiting("may_accept", invited, heard, last_day=last_day, today=today)
        if waiting is not None:
            return waiting
    failed = assessment.failed_uncured()
    if failed:
        return Finding(
            "may_accept", False, " ".join(test.reason for test in failed), cite(*(test.citation for test in failed))
        )
    undecided = assessment.undecided()
    if undecided:
        return Finding(
            "may_accept",
            False,
            "We cannot yet say the complaint is in jurisdiction. " + " ".join(test.reason for test in undecided),
            cite(*(test.citation for test in undecided)),
        )
    cured: list[str] = []
    for exceptions in assessment.exception_findings():
        cures = list(exceptions.details.get("cures") or [])
        cured += [name for name in cures if name not in cured]
        # Either cure that applies may be named: the respondent's position where it cures (DISP 2.8.2R(5)), or
        # the Ombudsman's own finding of exceptional circumstances (DISP 2.8.2R(3)).
        applies = exceptions.details.get("exception")
        named_cure_applies = exception == "exceptional_circumstances" or (exception == applies == "respondent_consent")
        if cures and not named_cure_applies:
            return Finding(
                "may_accept",
                False,
                f"The complaint missed {' and '.join(LIMIT_IN_WORDS[name] for name in cures)}. Say in the "
                f"decision which exception cures it (exception: {applies}) and give your reasons.",
                exceptions.citation,
            )
    if exception and not cured:
        return Finding(
            "may_accept",
            False,
            "No time limit was missed, so there is nothing for an exception to cure.",
            cite("DISP 3.2.6R"),
        )
    events_out = assessment.events_out_of_jurisdiction
    if events_out and not invited:
        return Finding(
            "may_accept",
            False,
            f"Some events are outside our jurisdiction ({', '.join(events_out)}). Invite the complainant's "
            "representations on them before deciding.",
            cite("DISP 3.2.4R"),
        )
    several: dict[str, object] = {}
    if assessment.events:
        several = {
            "events_in": assessment.events_in_jurisdiction,
            "events_out": events_out,
            "event_reasons": {event.id: event.reason for event in assessment.events},
        }
    if events_out:
        return Finding(
            "may_accept",
            True,
            f"We can look at {_events_in_words(assessment.events_in_jurisdiction)}, but not at "
            f"{_events_in_words(events_out)}.",
            cite("DISP 3.2.5R", "DISP 3.2.6R"),
            details={"cured": cured, **several},
        )
    return Finding(
        "may_accept",
        True,
        "Every DISP 2 test passes, or a missed time limit is cured.",
        cite("DISP 3.2.6R"),
        details={"cured": cured, **several},
    )


def _events_in_words(ids: list[str]) -> str:
    named = ", ".join(ids[:-1]) + (f" and {ids[-1]}" if len(ids) > 1 else ids[-1])
    return f"event{'s' if len(ids) > 1 else ''} {named}"


def jurisdiction_still_holds(assessment: Assessment) -> Finding:
    """DISP 3.2.1R: the merits may be assessed or determined only while the complaint is in jurisdiction. The
    case's live assessment (its DISP 2 tests judged today, with the exceptional circumstances the Ombudsman found,
    if any, and the respondent's recorded position) must have no failed test that no exception cures; a test not
    yet decided (a fact missing) does not refuse, as the jurisdiction decision already took it.

    ``details["failed"]`` names the failed tests."""
    failed = assessment.failed_uncured()
    if failed:
        return Finding(
            "jurisdiction_still_holds",
            False,
            "On the case's facts as they now stand the complaint may be outside our jurisdiction: "
            + " ".join(test.reason for test in failed)
            + " Decide jurisdiction again (invite representations on it) before going on.",
            cite("DISP 3.2.1R"),
            details={"failed": [test.name for test in failed]},
        )
    return Finding(
        "jurisdiction_still_holds",
        True,
        f"On the case's facts as they stand on {long_date(assessment.as_of)} no DISP 2 test has failed uncured.",
        cite("DISP 3.2.1R"),
    )
