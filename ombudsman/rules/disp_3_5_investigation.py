"""DISP 3.5.4R: the investigation, the provisional assessment and the time to respond to it.

DISP 3.5.4R   If the Ombudsman decides that an investigation is necessary, he will then:
              (1) ensure both parties have been given an opportunity of making representations:
                  :func:`still_to_be_heard` names the parties who have neither made them nor had their time run out;
              (2) send both parties a provisional assessment, setting out his reasons and a time limit within which
                  either party must respond;
              (3) if either party indicates disagreement with the provisional assessment within that time limit,
                  proceed to determination: :func:`disagreement_is_in_time`. Where nobody disagrees within it, the
                  case closes on the assessment's terms: :func:`assessment_stands`.
DISP 3.5.3R   Two or more complaints from one complainant about connected circumstances may be investigated
              together (:func:`may_be_investigated_together`), with a separate assessment and determination for
              each respondent.
DISP 3.5.5R   If the Ombudsman considers that the complaint can be fairly determined without convening a hearing,
              he will determine it; if not, he will invite the parties to take part in a hearing
              (:func:`hearing_may_be_held`): on a party's request, or on his own initiative.
DISP 3.5.6R   A party who wants a hearing asks in writing, setting out the issues and any reasons for privacy.
DISP 3.5.9R(2) The Ombudsman may accept information in confidence, so that only an edited version, summary or
              description is disclosed to the other party, where he considers it appropriate: a party asks, staff
              decide (:func:`confidentiality_may_be_decided`).
DISP 3.5.13R  The Ombudsman fixes (and may extend) the time limits: a time limit here is its last day, the last
              day a response counts, so it has passed only from the day after (:func:`time_limit_has_passed`).
              A limit he fixes gives time from today: its last day may be today, never a day already past
              (:func:`time_limit_may_end_on`). He fixes and extends his own time limits, not two that are
              not his to move (:func:`time_limit_may_be_moved`): the date specified for accepting a
              determination is part of the determination (DISP 3.6.6R(2)), and a late acceptance counts only as
              DISP 3.6.6R(4A) says; the respondent's time to send its final response is DISP 2.8.1R's.

Pure: the dates come in, a Finding or a list of parties goes out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ombudsman.citations import cite
from ombudsman.rules.finding import Finding
from ombudsman.rules.time_limits import long_date


def time_limit_has_passed(last_day: date, today: date) -> bool:
    """A response on the last day still counts: the limit has passed only from the day after (DISP 3.5.13R)."""
    return today > last_day


def time_limit_may_end_on(last_day: date, today: date) -> Finding:
    """DISP 3.5.13R: a time limit the Ombudsman fixes or extends ends today or later; one already past would
    give nobody any time at all."""
    if last_day < today:
        return Finding(
            "time_limit_may_end_on",
            False,
            f"{last_day.isoformat()} is before today ({today.isoformat()})",
            cite("DISP 3.5.13R"),
            {"last_day": last_day, "today": today},
        )
    return Finding(
        "time_limit_may_end_on",
        True,
        f"The time limit ends on {long_date(last_day)}.",
        cite("DISP 3.5.13R"),
        {"last_day": last_day, "today": today},
    )


# The time limits the Ombudsman does not fix, by kind, each with why and the paragraphs it rests on.
NOT_THE_OMBUDSMANS: dict[str, tuple[str, tuple[str, ...]]] = {
    "acceptance": (
        "its date is the one the determination specifies, not a time limit to move; an acceptance after it "
        "counts only through notify_late_acceptance and an Ombudsman's accept_late",
        ("DISP 3.6.6R(2)", "DISP 3.6.6R(4)", "DISP 3.6.6R(4A)"),
    ),
    "respondent_time": (
        "the respondent's time for its final response is the rules' own (eight weeks, or the business days for "
        "payment services), not a time limit the Ombudsman fixes",
        ("DISP 2.8.1R",),
    ),
}


def time_limit_may_be_moved(kind: str) -> Finding:
    """DISP 3.5.13R: the Ombudsman fixes and extends his own time limits; the date specified for acceptance
    (DISP 3.6.6R(2), (4), (4A)) and the respondent's time (DISP 2.8.1R) are not among them."""
    if kind in NOT_THE_OMBUDSMANS:
        why, paragraphs = NOT_THE_OMBUDSMANS[kind]
        return Finding("time_limit_may_be_moved", False, f"{kind} cannot be set or extended: {why}", cite(*paragraphs))
    return Finding(
        "time_limit_may_be_moved", True, f"The Ombudsman may set or extend a {kind} time limit.", cite("DISP 3.5.13R")
    )


def hearing_may_be_held(*, requests_pending: int, own_initiative: bool, by_an_ombudsman: bool) -> Finding:
    """DISP 3.5.5R-3.5.6R: a hearing on a party's written request, or on the Ombudsman's own initiative where he
    cannot fairly determine the complaint without one (an ombudsman's own judgment: staff grant requests)."""
    if own_initiative:
        if not by_an_ombudsman:
            return Finding(
                "hearing_may_be_held",
                False,
                "Only an ombudsman holds a hearing no party asked for: refer it to an ombudsman.",
                cite("DISP 3.5.5R"),
            )
        return Finding(
            "hearing_may_be_held",
            True,
            "The ombudsman cannot fairly decide the complaint without a hearing, so the parties are invited to one.",
            cite("DISP 3.5.5R", "DISP 3.5.7G"),
        )
    if requests_pending == 0:
        return Finding(
            "hearing_may_be_held",
            False,
            "There is no hearing request on file: a party asks in writing, naming the issues.",
            cite("DISP 3.5.6R"),
        )
    return Finding("hearing_may_be_held", True, "A hearing is granted.", cite("DISP 3.5.5R", "DISP 3.5.7G"))


def still_to_be_heard(invited: Iterable[str], heard: Iterable[str], last_day: date | None, *, today: date) -> list[str]:
    """DISP 3.5.4R(1): the invited parties who have not yet made representations, while their time runs.

    Once the time limit has passed, everyone has had the opportunity the rule asks for, heard or not.
    """
    if last_day is not None and time_limit_has_passed(last_day, today):
        return []
    spoken = set(heard)
    return [party for party in invited if party not in spoken]


def disagreement_is_in_time(party: str, last_day: date | None, today: date) -> Finding:
    """DISP 3.5.4R(3): a party's disagreement counts within the time limit, the last day included."""
    citation = cite("DISP 3.5.4R(3)")
    if last_day is not None and time_limit_has_passed(last_day, today):
        return Finding(
            "disagreement_is_in_time",
            False,
            f"The time to respond to the provisional assessment ended on {long_date(last_day)}.",
            citation,
        )
    return Finding(
        "disagreement_is_in_time", True, f"The {party} disagrees in time, so an ombudsman will decide.", citation
    )


def assessment_stands(last_day: date | None, today: date) -> Finding:
    """DISP 3.5.4R: nobody disagreed within the time limit, so the case closes on the assessment's terms."""
    citation = cite("DISP 3.5.4R")
    if last_day is None:
        return Finding(
            "assessment_stands", False, "The time to respond to the provisional assessment has not been set.", citation
        )
    if not time_limit_has_passed(last_day, today):
        return Finding(
            "assessment_stands",
            False,
            f"The time to respond to the provisional assessment runs until {long_date(last_day)}.",
            citation,
        )
    return Finding(
        "assessment_stands",
        True,
        f"Nobody disagreed with the provisional assessment by {long_date(last_day)}, so the case closes on its terms.",
        citation,
    )


def confidentiality_may_be_decided(*, version: int, asked_by: str | None, standing: str | None) -> Finding:
    """DISP 3.5.9R(2): the Ombudsman decides whether to accept information in confidence "where he considers it
    appropriate"; a party only asks. ``asked_by`` is the party whose representations the event of ``version``
    recorded (None: that event recorded none), ``standing`` where their request stands (None: not asked)."""
    name, citation = "confidentiality_may_be_decided", cite("DISP 3.5.9R(2)")
    if asked_by is None:
        return Finding(name, False, f"The event of version {version} recorded no representations.", citation)
    if standing is None:
        return Finding(
            name,
            False,
            f"The {asked_by} did not ask for the representations of version {version} to be treated in confidence.",
            citation,
        )
    if standing != "asked":
        return Finding(name, False, f"Whether to treat them in confidence is already decided: {standing}.", citation)
    return Finding(
        name,
        True,
        f"The {asked_by} asked for its representations to be treated in confidence; staff decide.",
        citation,
    )


def may_be_investigated_together(complainant: str, other_complainant: str, *, other_reference: str) -> Finding:
    """DISP 3.5.3R: "two or more complaints from one complainant" relating to connected circumstances may be
    investigated together. The complainants are the same person when their names match, ignoring case and
    spacing; a different name is someone else, whose complaint is investigated on its own."""
    name, citation = "may_be_investigated_together", cite("DISP 3.5.3R")
    if " ".join(complainant.casefold().split()) != " ".join(other_complainant.casefold().split()):
        return Finding(
            name,
            False,
            f"{other_reference} is a complaint from someone else: complaints are investigated together only when "
            "they come from one complainant",
            citation,
        )
    return Finding(name, True, f"{other_reference} is a complaint from the same complainant.", citation)
