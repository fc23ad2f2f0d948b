"""DISP 3.6.6R: the complainant's answer to a determination, and its time limit.

DISP 3.6.6R   When the Ombudsman has determined a complaint:
              (1) the Ombudsman gives both parties a signed written statement of the determination, with reasons;
              (2) the statement requires the complainant to notify the Ombudsman, *before the date specified* in
                  the statement, whether he accepts or rejects the determination: :func:`last_day_to_accept`
                  (the day before that date), and :func:`date_specified` the other way round; the date
                  specified is after today, or the complainant would have no day at all to answer on
                  (:func:`date_may_be_specified`);
              (3) if the complainant notifies acceptance within that time limit, the determination is final and
                  binding on both parties: :func:`acceptance_is_in_time`;
              (4) subject to (4A), if the complainant does not notify acceptance within that time limit, he is
                  treated as having rejected it, and neither party is bound: :func:`treated_as_rejected`;
              (4A) he is not treated as having rejected it if (a) he notifies acceptance after the specified date,
                  (b) he has not previously notified the Ombudsman that he rejects it, and (c) the Ombudsman is
                  satisfied that the delay was caused by exceptional circumstances: :func:`late_acceptance_may_count`
                  judges (a) and (b); (c) is the Ombudsman's own finding, made when accepting it.
DISP 3.6.6AR  (1) An Ombudsman may correct any clerical mistake in the written statement of an Ombudsman's
                  determination, whether or not the determination has already been accepted or rejected. A mistake
                  in the award the statement sets out is corrected with it, and so is the register of money awards
                  (DISP 3.7.7R); a determination that made no award has none to correct (giving one would change
                  the determination, not how it was written): :func:`award_may_be_corrected`.

Pure: the dates come in, a Finding or a date goes out.
"""

from __future__ import annotations

from datetime import date, timedelta

from ombudsman.citations import cite
from ombudsman.rules.finding import Finding
from ombudsman.rules.time_limits import long_date

ONE_DAY = timedelta(days=1)


def last_day_to_accept(accept_before: date) -> date:
    """DISP 3.6.6R(2): the complainant answers *before* the date specified, so the last day is the day before."""
    return accept_before - ONE_DAY


def date_specified(last_day: date) -> date:
    """The date to write in the determination for a window whose last day is ``last_day``."""
    return last_day + ONE_DAY


def date_may_be_specified(accept_before: date, today: date) -> Finding:
    """DISP 3.6.6R(2): the date specified is after today, so the complainant has at least today to answer."""
    if accept_before <= today:
        return Finding(
            "date_may_be_specified",
            False,
            f"must be after today ({today.isoformat()}): the complainant accepts before this date, so the last day "
            "is the day before",
            cite("DISP 3.6.6R(2)"),
            {"accept_before": accept_before, "today": today},
        )
    return Finding(
        "date_may_be_specified",
        True,
        f"The complainant may accept or reject the determination until {long_date(last_day_to_accept(accept_before))}.",
        cite("DISP 3.6.6R(2)"),
        {"accept_before": accept_before, "today": today},
    )


def acceptance_is_in_time(last_day: date, today: date) -> Finding:
    """DISP 3.6.6R(2)-(3): an acceptance on or before the last day is in time, and binds both parties."""
    if today <= last_day:
        return Finding(
            "acceptance_is_in_time",
            True,
            "The complainant accepted in time: the determination is final and binding.",
            cite("DISP 3.6.6R(3)"),
            {"last_day_to_accept": last_day, "today": today},
        )
    return Finding(
        "acceptance_is_in_time",
        False,
        f"The last day to accept was {long_date(last_day)}. The determination is treated as rejected; the "
        "complainant can still tell us they accept, and an ombudsman will decide whether exceptional circumstances "
        "caused the delay.",
        cite("DISP 3.6.6R(4)", "DISP 3.6.6R(4A)"),
        {"last_day_to_accept": last_day, "today": today},
    )


def treated_as_rejected(last_day: date, today: date) -> Finding:
    """DISP 3.6.6R(4): silence until the date specified is rejection; on the last day itself there is still time."""
    if today <= last_day:
        return Finding(
            "treated_as_rejected",
            False,
            f"The complainant has until {long_date(last_day)} to accept.",
            cite("DISP 3.6.6R(2)"),
            {"last_day_to_accept": last_day, "today": today},
        )
    return Finding(
        "treated_as_rejected",
        True,
        f"The complainant did not accept by {long_date(last_day)}, so the determination is treated as rejected: "
        "neither party is bound.",
        cite("DISP 3.6.6R(4)"),
        {"last_day_to_accept": last_day, "today": today},
    )


def award_may_be_corrected(*, award_made: bool) -> Finding:
    """DISP 3.6.6AR: a clerical correction may correct the award the determination made, never add one."""
    name, citation = "award_may_be_corrected", cite("DISP 3.6.6AR")
    if not award_made:
        return Finding(
            name,
            False,
            "The determination made no award, so a clerical correction has no award to correct: giving one would "
            "change the determination, not correct how it was written.",
            citation,
        )
    return Finding(
        name,
        True,
        "The award in the written statement is corrected, and its entry in the register of money awards with it.",
        cite("DISP 3.6.6AR", "DISP 3.7.7R"),
    )


def late_acceptance_may_count(*, expressly_rejected: bool, notified: bool) -> Finding:
    """DISP 3.6.6R(4A)(a)-(b): a late acceptance can count only if notified, and never after an express rejection.

    Limb (c), that exceptional circumstances caused the delay, is the Ombudsman's finding, not a fact to test.
    """
    citation = cite("DISP 3.6.6R(4A)")
    if expressly_rejected:
        return Finding(
            "late_acceptance_may_count",
            False,
            "The complainant rejected the determination, so a late acceptance cannot count.",
            citation,
        )
    if not notified:
        return Finding(
            "late_acceptance_may_count",
            False,
            "The complainant has not told us they accept (notify_late_acceptance).",
            citation,
        )
    return Finding(
        "late_acceptance_may_count",
        True,
        "Exceptional circumstances caused the delay, so the late acceptance binds both parties.",
        citation,
    )
