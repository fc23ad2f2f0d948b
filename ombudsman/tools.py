"""The stateless tools staff use without a case: the DISP 2 jurisdiction assessment of facts given, and the award
calculation (DISP 3.7). The API and the staff tool pages give the same answers, from here."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ombudsman.errors import InvalidInput
from ombudsman.instance import Instance
from ombudsman.rules.awards import AwardsIn, LimitsDiffer, calculate_award, money_lines_may_name
from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.jurisdiction import assess
from ombudsman.rules.rulebook import NotModelled
from ombudsman.rules.several_events import EVENT_ID, MOST_EVENTS
from ombudsman.rules.values import Day, Flag
from ombudsman.views import AwardCalculationView
from workflows.table import REFERRING_TO_RESPONDENT

EventId = Annotated[str, StringConstraints(pattern=EVENT_ID)]


class AssessmentIn(CaseFacts):
    """The case facts, the date to judge them at (default: today in Europe/London), and whether the Ombudsman
    has found that exceptional circumstances caused a missed time limit (DISP 2.8.2R(3); not yet, by default:
    the complainant's account alone never cures)."""

    as_of: Day | None = Field(default=None, title="The day to judge the complaint at (today if left blank)")
    exceptional_circumstances_found: Flag | None = Field(
        default=None, title="Whether the ombudsman has found exceptional circumstances"
    )
    exceptional_circumstances_events: list[str] | None = Field(
        title="The events that finding covers (every event if left blank)",
        default=None,
        description="of a complaint about several events, those the finding covers (default: all)",
    )


class AssessmentOut(BaseModel):
    as_of: date
    in_jurisdiction: bool | None = Field(
        description="false if a test fails uncured; null if a fact is missing, the Ombudsman's finding is still "
        "to make, or the complaint is premature; else true"
    )
    next_step: str | None = Field(
        description="the trigger to take next where the answer is not yet in or out: refer_to_respondent for a "
        "premature complaint (DISP 3.2.2R)"
    )
    jurisdiction: str | None
    tests: list[dict[str, Any]] = Field(description="the tests of the complaint (judged once, for all its events)")
    events: list[dict[str, Any]] | None = Field(
        default=None,
        description="of a complaint about several events: each event's id, in_jurisdiction, reason and its time "
        "limits' tests (DISP 2.8.2R judged per event)",
    )
    events_in_jurisdiction: list[str] | None = None
    events_out_of_jurisdiction: list[str] | None = None


class EventDated(BaseModel):
    """An event of a complaint about several, by its id, with its date: what chooses the money-award limit."""

    model_config = ConfigDict(extra="forbid")

    id: EventId = Field(title="A short name for it, like L1")
    date: Day = Field(title="The date it happened")


class AwardCalculationIn(AwardsIn):
    """The awards to calculate (``money``, ``interest``, ``costs``, ``directions``: the ``awards`` object of
    ``determine``, at the top level), and the dates that choose the limit and accrue interest.

    ``referred_on`` (default: today) and ``event_date`` (the act complained of) choose the money-award limit in
    force (DISP 3.7.4R): where the limit depends on a date the body lacks, 422 names it; ``as_of`` is the day
    interest is accrued to (default: today). For a complaint about several events, ``events`` instead of
    ``event_date`` gives each event in jurisdiction by its id with its date (``[{"id": "L1", "date":
    "2019-01-01"}, ...]``), and each money line may name the events it redresses (``events``, every id one of
    those): the limit is then the one the rulebook gives for the dates of the events the lines redress (every
    event given, for a line naming none), applied once to the money award; where those dates would choose
    different limits, 422 names ``money`` with each event's limit rather than guess.
    """

    model_config = ConfigDict(extra="forbid")

    referred_on: Day | None = Field(
        default=None, title="The date the complaint was referred to us (today if left blank)"
    )
    event_date: Day | None = Field(default=None, title="The date of the act complained about")
    events: list[EventDated] | None = Field(
        default=None,
        min_length=1,
        max_length=MOST_EVENTS,
        description="a complaint about several events: each event in jurisdiction by its id, with its date; "
        "chooses the money-award limit from the events the money lines redress (instead of event_date)",
    )
    as_of: Day | None = Field(default=None, title="The day interest runs to (today if left blank)")


def _event_dates_agree(body: AwardCalculationIn, referred_on: date) -> dict[str, date]:
    """``events`` instead of ``event_date``, each event once and before the referral, and each event a money line
    names one of them: 422 naming the field. The events' dates, by id."""
    assert body.events is not None
    if body.event_date is not None:
        raise InvalidInput.field("events", "give event_date for a complaint about one event, or events")
    dates: dict[str, date] = {}
    for number, event in enumerate(body.events):
        if event.id in dates:
            raise InvalidInput.field(f"events.{number}.id", f"{event.id} is given twice")
        if event.date > referred_on:
            raise InvalidInput.field(f"events.{number}.date", "is after the referral: a complaint is referred after it")
        dates[event.id] = event.date
    named = money_lines_may_name(body.money, events_in=list(dates), events_out=[], known=list(dates))
    if named.failed:
        raise InvalidInput.field(f"money.{named.details['line']}.events", f"{named.reason} ({named.citation})")
    return dates


def assessment(service: Instance, body: AssessmentIn) -> AssessmentOut:
    """The stateless assessment, as the API and the staff tool page give it."""
    as_of = body.as_of or service.clock.today()
    given = body.model_dump(exclude={"as_of", "exceptional_circumstances_found", "exceptional_circumstances_events"})
    facts = CaseFacts.model_validate(given)
    named = body.exceptional_circumstances_events
    unknown = [event_id for event_id in named or () if event_id not in {event.id for event in facts.events}]
    if unknown:
        raise InvalidInput.field("exceptional_circumstances_events", f"there is no event {', '.join(unknown)}")
    assessment = assess(
        facts,
        as_of,
        service.rulebook,
        exceptional_circumstances_found=body.exceptional_circumstances_found,
        exceptional_circumstances_events=frozenset(named) if named is not None else None,
    )
    next_step = REFERRING_TO_RESPONDENT.name if assessment.premature else None
    return AssessmentOut.model_validate({**assessment.as_dict(), "next_step": next_step})


def award_calculation(service: Instance, body: AwardCalculationIn) -> AwardCalculationView:
    """The award calculation, as the API and the staff tool page give it."""
    today = service.clock.today()
    referred_on = body.referred_on or today
    if body.event_date is not None and body.event_date > referred_on:
        shown = "referred_on" if body.referred_on is not None else f"the referral date (today, {today.isoformat()})"
        raise InvalidInput.field("event_date", f"is after {shown}: a complaint is referred after its event")
    event_dates = _event_dates_agree(body, referred_on) if body.events is not None else None
    try:
        calculation = calculate_award(
            body,
            referred_on=referred_on,
            act_on=body.event_date,
            as_of=body.as_of or today,
            rulebook=service.rulebook,
            event_dates=event_dates,
        )
    except LimitsDiffer as error:
        raise InvalidInput.field("money", f"{error} (DISP 3.7.4R)") from None
    except NotModelled as error:
        if body.events is not None:
            raise InvalidInput.field("events", str(error)) from None
        # The rulebook names the date it lacks: the act's date where the limit depends on it, else the referral's.
        lacks_the_event_date = body.event_date is None and "event_date" in str(error)
        raise InvalidInput.field("event_date" if lacks_the_event_date else "referred_on", str(error)) from None
    return AwardCalculationView.model_validate(calculation.as_dict())
