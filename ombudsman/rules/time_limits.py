"""DISP 2.8: was the complaint referred to the Financial Ombudsman Service in time?

DISP 2.8.1R: the Ombudsman can consider a complaint only if
  (1) the respondent has already sent the complainant its final response; or
  (2) eight weeks have elapsed since the respondent received the complaint (later editions, from 13
      January 2018: 15 business days for a payment-services or e-money complaint, or 35 after a holding
      response, DISP 2.8.1R(2A); the rulebook says which edition applies). A business day is not a bank holiday
      in the part of the United Kingdom where the respondent's establishment is (``respondent.uk_nation``).

DISP 2.8.2R: the Ombudsman cannot consider a complaint if the complainant refers it
  (1) more than six months after the date on which the respondent sent its final response; or
  (2) more than (a) six years after the event complained of, or (if later) (b) three years from the date
      on which the complainant became aware (or ought reasonably to have become aware) that they had cause
      for complaint, unless the complainant referred the complaint to the respondent or to the Ombudsman
      within that period and has a written acknowledgement or some other record of it having been
      received;
  unless
  (3) in the view of the Ombudsman, the failure to comply with those time limits was the result of
      exceptional circumstances (DISP 2.8.4G: for example, the complainant has been or is incapacitated);
      or
  (5) the respondent has not objected, on the grounds that the time limits have been exceeded, to the
      Ombudsman considering the complaint (later editions, for a complaint referred from 9 July 2015: "has
      consented"; the rulebook says which applies, ``respondent_position_cures``).
  Whether circumstances were exceptional under (3) is the Ombudsman's finding; the complainant's account of
  them never cures by itself.

DISP 2.8.3G: the six-month time limit is only triggered by a final response, and a final response must
  tell the complainant about that limit. A final response recorded later (``final_response_may_be_dated``)
  was sent on a day that has come: the six months run from that day.

Each limit is judged on its own: (1) and (2) give failed findings, and ``time_limit_exceptions`` says
whether (3) or (5) cures them. A cured limit still reports ``passed: False``.

"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from dateutil.relativedelta import relativedelta

from ombudsman.citations import cite
from ombudsman.rules.calendar import NATION_IN_WORDS, add_business_days
from ombudsman.rules.facts import CaseFacts, UkNation
from ombudsman.rules.finding import Finding
from ombudsman.rules.rulebook import Rulebook

RESPONDENT_HAD_ITS_TIME = "respondent_had_its_time"
SIX_MONTH_LIMIT = "six_month_limit"
SIX_OR_THREE_YEAR_LIMIT = "six_or_three_year_limit"
TIME_LIMIT_EXCEPTIONS = "time_limit_exceptions"

# The DISP 2.8.2R limits that exceptional circumstances or the respondent's consent can cure. Not DISP 2.8.1R:
# a complaint the respondent has not yet had its time for goes back to the respondent (DISP 3.2.2R).
TIME_LIMIT_TESTS: tuple[str, ...] = (SIX_MONTH_LIMIT, SIX_OR_THREE_YEAR_LIMIT)

LIMIT_IN_WORDS = {
    SIX_MONTH_LIMIT: "the six-month limit after the final response",
    SIX_OR_THREE_YEAR_LIMIT: "the six-year (or three-year) limit",
}


def final_response_may_be_dated(sent_on: date, today: date) -> Finding:
    """DISP 2.8.2R(1): the six months run from the day the final response was sent, which cannot be after today."""
    if sent_on > today:
        return Finding(
            "final_response_may_be_dated",
            False,
            f"{sent_on.isoformat()} is after today ({today.isoformat()})",
            cite("DISP 2.8.2R(1)"),
            {"sent_on": sent_on, "today": today},
        )
    return Finding(
        "final_response_may_be_dated",
        True,
        f"The final response was sent on {long_date(sent_on)}.",
        cite("DISP 2.8.2R(1)"),
        {"sent_on": sent_on, "today": today},
    )


def long_date(day: date) -> str:
    """A date as a letter writes it: ``27 July 2023``."""
    return f"{day.day} {day:%B %Y}"


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


# DISP 2.8.1R


def _respondent_time(facts: CaseFacts, complained_on: date, rulebook: Rulebook) -> tuple[date, str]:
    """The last day of the respondent's time, and that time in words.

    Base rule: eight weeks from receipt. Exception (later editions): business days for payment services, counted
    without the bank holidays of the part of the United Kingdom where the respondent's establishment is
    (``respondent.uk_nation``; England and Wales by default).
    """
    if facts.payment_services_complaint:
        business_days = rulebook.payment_services_days(complained_on, facts.holding_response_sent)
        if business_days is not None:
            nation = facts.respondent.uk_nation
            in_words = _plural(business_days, "business day")
            if nation is not UkNation.england_and_wales:
                in_words = f"{in_words} (by the bank holidays of {NATION_IN_WORDS[nation]})"
            return add_business_days(complained_on, business_days, nation=nation), in_words
    weeks = rulebook.respondent_time.weeks
    return complained_on + relativedelta(weeks=weeks), _plural(weeks, "week")


def respondent_had_its_time(facts: CaseFacts, as_of: date, rulebook: Rulebook) -> Finding:
    """DISP 2.8.1R: the respondent has sent its final response, or its time for one is over on ``as_of``."""
    citation = cite("DISP 2.8.1R")
    complained_on = facts.complained_to_respondent_on
    # A final response dated after the day we judge at has not been sent yet, as far as that day knows.
    final_response_on = facts.final_response_sent_on
    if final_response_on is not None and final_response_on > as_of:
        final_response_on = None

    dates: dict[str, date] = {"as_of": as_of}
    time_ends_on: date | None = None
    time_in_words = ""
    if complained_on is not None:
        time_ends_on, time_in_words = _respondent_time(facts, complained_on, rulebook)
        dates["complained_to_respondent_on"] = complained_on
        dates["respondent_time_ends_on"] = time_ends_on

    # (1) the final response has been sent.
    if final_response_on is not None:
        dates["final_response_sent_on"] = final_response_on
        return Finding(
            RESPONDENT_HAD_ITS_TIME,
            True,
            f"The business sent its final response on {long_date(final_response_on)}. "
            "So we can look at the complaint now.",
            citation,
            dates,
        )
    if complained_on is None or time_ends_on is None:
        return Finding(
            RESPONDENT_HAD_ITS_TIME,
            None,
            "We do not know when the business received the complaint (complained_to_respondent_on is "
            "missing). So we cannot tell whether it has had its time to answer.",
            citation,
            dates,
        )
    received = f"The business received the complaint on {long_date(complained_on)}."
    # (2) its time has run out: the day after the last day of its time.
    if as_of > time_ends_on:
        return Finding(
            RESPONDENT_HAD_ITS_TIME,
            True,
            f"{received} It had {time_in_words} to answer, until {long_date(time_ends_on)}. "
            "That time is over, so we can look at the complaint.",
            citation,
            dates,
        )
    return Finding(
        RESPONDENT_HAD_ITS_TIME,
        False,
        f"{received} It has {time_in_words} to send its final response, until {long_date(time_ends_on)}. "
        "We can look at the complaint after that date, or sooner if it sends its final response.",
        citation,
        dates,
    )


# DISP 2.8.2R(1) and 2.8.3G


def six_month_limit(facts: CaseFacts, rulebook: Rulebook) -> Finding:
    """DISP 2.8.2R(1): not referred more than six months after the final response (judged at referral)."""
    referred_on = facts.referred_on
    final_response_on = facts.final_response_sent_on
    months = rulebook.months_after_final_response
    dates: dict[str, date] = {"referred_on": referred_on}

    # The limit only starts with a final response (DISP 2.8.3G).
    if final_response_on is None:
        return Finding(
            SIX_MONTH_LIMIT,
            True,
            f"The business has not sent a final response. So the {months}-month limit has not started.",
            cite("DISP 2.8.2R(1)"),
            dates,
        )
    dates["final_response_sent_on"] = final_response_on
    # Exception, DISP 2.8.3G: a final response that did not tell of the limit does not start it.
    if not facts.final_response_mentioned_time_limit:
        return Finding(
            SIX_MONTH_LIMIT,
            True,
            f"The business's final response of {long_date(final_response_on)} did not tell the complainant "
            f"about the {months}-month limit. So that limit does not apply.",
            cite("DISP 2.8.2R(1)", "DISP 2.8.3G"),
            dates,
        )
    deadline = final_response_on + relativedelta(months=months)
    dates["referral_deadline_on"] = deadline
    sent = f"The business sent its final response on {long_date(final_response_on)}."
    if referred_on > deadline:
        return Finding(
            SIX_MONTH_LIMIT,
            False,
            f"{sent} The complaint had to reach us by {long_date(deadline)}. "
            f"It reached us on {long_date(referred_on)}, more than {months} months after it.",
            cite("DISP 2.8.2R(1)"),
            dates,
        )
    return Finding(
        SIX_MONTH_LIMIT,
        True,
        f"{sent} The complaint reached us on {long_date(referred_on)}, "
        f"within {months} months (by {long_date(deadline)}).",
        cite("DISP 2.8.2R(1)"),
        dates,
    )


# DISP 2.8.2R(2)


def six_or_three_year_limit(facts: CaseFacts, rulebook: Rulebook) -> Finding:
    """DISP 2.8.2R(2): referred within six years of the event or, if later, three years of awareness.

    Exception in the same paragraph: the complainant complained to the respondent within that period and has a
    record of receipt (``complained_to_respondent_on`` is that recorded date).
    """
    citation = cite("DISP 2.8.2R(2)")
    referred_on = facts.referred_on
    event_on = facts.event_date
    aware_on = facts.awareness_date
    complained_on = facts.complained_to_respondent_on
    event_years = rulebook.years_after_event
    awareness_years = rulebook.years_after_awareness
    dates: dict[str, date] = {"referred_on": referred_on}

    if event_on is None:
        return Finding(
            SIX_OR_THREE_YEAR_LIMIT,
            None,
            "We do not know when the event complained about happened (event_date is missing). "
            f"So we cannot check the {event_years}-year limit.",
            citation,
            dates,
        )
    # (a) six years after the event.
    six_years_end = event_on + relativedelta(years=event_years)
    dates["event_date"] = event_on
    dates["six_years_end_on"] = six_years_end
    deadline = six_years_end
    # (b) three years after awareness, if that is later.
    if aware_on is not None:
        three_years_end = aware_on + relativedelta(years=awareness_years)
        dates["awareness_date"] = aware_on
        dates["three_years_end_on"] = three_years_end
        deadline = max(six_years_end, three_years_end)
    dates["referral_deadline_on"] = deadline
    if complained_on is not None:
        dates["complained_to_respondent_on"] = complained_on

    if referred_on <= deadline:
        return Finding(
            SIX_OR_THREE_YEAR_LIMIT,
            True,
            f"The complaint reached us on {long_date(referred_on)}. "
            f"The time limit ran until {long_date(deadline)}, so it was in time.",
            citation,
            dates,
        )
    # Exception: a complaint to the respondent within the period, with a record of its receipt.
    if complained_on is not None and complained_on <= deadline:
        return Finding(
            SIX_OR_THREE_YEAR_LIMIT,
            True,
            f"The complaint reached us on {long_date(referred_on)}, after the time limit ended on "
            f"{long_date(deadline)}. But the business has a record of receiving the complaint on "
            f"{long_date(complained_on)}, within the limit. So it was in time.",
            citation,
            dates,
        )
    late = (
        f"The complaint reached us on {long_date(referred_on)}. That is more than {event_years} years after "
        f"the event on {long_date(event_on)} (the limit ended on {long_date(six_years_end)})."
    )
    if aware_on is None:
        return Finding(
            SIX_OR_THREE_YEAR_LIMIT,
            None,
            f"{late} The complainant may still be in time if they complained within {awareness_years} "
            "years of when they knew, or should have known, they had cause to complain. We do not know that "
            "date (awareness_date is missing).",
            citation,
            dates,
        )
    return Finding(
        SIX_OR_THREE_YEAR_LIMIT,
        False,
        f"{late} It is also more than {awareness_years} years after the complainant knew, or should have "
        f"known, they had cause to complain on {long_date(aware_on)}. The latest date was "
        f"{long_date(deadline)}.",
        citation,
        dates,
    )


# DISP 2.8.2R(3), (5) and 2.8.4G


def respondent_position_cures(facts: CaseFacts, rulebook: Rulebook) -> bool:
    """DISP 2.8.2R(5): whether the respondent's position lets a late complaint be considered. The seed edition
    asks only that it "has not objected" (silence cures); later editions, that it "has consented"."""
    position = facts.respondent_consents_to_late_referral
    if rulebook.late_referral_needs(facts.referred_on) == "no_objection":
        return position is not False
    return position is True


def time_limit_exceptions(
    time_findings: Iterable[Finding],
    facts: CaseFacts,
    rulebook: Rulebook,
    *,
    exceptional_circumstances_found: bool | None = None,
) -> Finding:
    """DISP 2.8.2R(3) and (5): exceptional circumstances or the respondent's position cure a failed limit.

    ``exceptional_circumstances_found`` is the Ombudsman's finding (DISP 2.8.2R(3): "in the view of the
    Ombudsman"): ``True`` or ``False`` once made. The complainant's own account never cures by itself: with an
    account and no finding yet (``None``), the answer is undecided, and says the Ombudsman must decide.
    Passes when there is nothing to cure. It never adds a failure of its own: it only says what is cured.
    """
    failed = [finding for finding in time_findings if finding.name in TIME_LIMIT_TESTS and finding.failed]
    names = [finding.name for finding in failed]

    if not failed:
        return Finding(
            TIME_LIMIT_EXCEPTIONS,
            True,
            "No time limit was missed, so there is nothing to excuse.",
            cite("DISP 2.8.2R(3)", "DISP 2.8.2R(5)"),
            details={"cures": [], "exception": None},
        )
    missed = " and ".join(LIMIT_IN_WORDS[name] for name in names)
    position = facts.respondent_consents_to_late_referral

    # Exception (5): the respondent has not objected (seed edition) or has consented (later editions).
    if respondent_position_cures(facts, rulebook):
        said = (
            "The business has agreed that we may look at it anyway."
            if position is True
            else "The business has not objected to us looking at it on the ground that it is late, so we may."
        )
        return Finding(
            TIME_LIMIT_EXCEPTIONS,
            True,
            f"The complaint missed {missed}. {said}",
            cite("DISP 2.8.2R(5)"),
            details={"cures": names, "exception": "respondent_consent"},
        )
    # Exception (3): the failure was the result of exceptional circumstances, such as incapacity (2.8.4G).
    stated = (facts.exceptional_circumstances or "").strip().rstrip(".")
    if exceptional_circumstances_found:
        because = f": {stated}" if stated else ""
        return Finding(
            TIME_LIMIT_EXCEPTIONS,
            True,
            f"The complaint missed {missed}. The Ombudsman has found that this was because of exceptional "
            f"circumstances{because}. So we may look at it anyway.",
            cite("DISP 2.8.2R(3)", "DISP 2.8.4G"),
            details={"cures": names, "exception": "exceptional_circumstances"},
        )
    business = (
        "The business objects to us looking at it on the ground that it is late."
        if position is False
        else "The business has not agreed to us looking at it anyway."
    )
    if stated and exceptional_circumstances_found is None:
        return Finding(
            TIME_LIMIT_EXCEPTIONS,
            None,
            f"The complaint missed {missed}. {business} The complainant says this was because of exceptional "
            f"circumstances: {stated}. Whether they were exceptional is for the Ombudsman to decide.",
            cite("DISP 2.8.2R(3)", "DISP 2.8.4G"),
            details={"cures": [], "exception": None},
        )
    not_found = (
        " Exceptional circumstances were put forward, but the Ombudsman has not found that they caused the delay."
        if stated
        else ""
    )
    return Finding(
        TIME_LIMIT_EXCEPTIONS,
        False,
        f"The complaint missed {missed}. {business}{not_found} No exception applies.",
        cite("DISP 2.8.2R(3)", "DISP 2.8.2R(5)"),
        details={"cures": [], "exception": None},
    )
