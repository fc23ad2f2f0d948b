"""The events of a complaint about several (DISP 2.8.2R(2): the time limits run from "the event complained of"):
each loan, charge, sale or piece of advice, with the facts it may carry apart from the complaint's own."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ombudsman.rules.values import Day, Flag, Money, Printable
from ombudsman.rules.words import said

__all__ = ["EVENT_ID", "MOST_EVENTS", "Event", "EventKind", "answered_after_received"]


def answered_after_received(received_on: date | None, answered_on: date | None) -> None:
    """A final response cannot come before the complaint reached the respondent: refused naming both facts."""
    if received_on and answered_on and answered_on < received_on:
        raise ValueError(
            "final_response_sent_on is before complained_to_respondent_on: "
            "a final response cannot come before the complaint reached the respondent"
        )


class EventKind(StrEnum):
    """What kind of thing happened, for a complaint about several events."""

    loan = "loan"
    charge = "charge"
    sale = "sale"
    advice = "advice"
    claim_decision = "claim_decision"
    other = "other"


said(
    EventKind,
    {
        "loan": "A loan",
        "charge": "A charge",
        "sale": "A sale",
        "advice": "Advice",
        "claim_decision": "A decision on a claim",
        "other": "Something else",
    },
)


EVENT_ID = r"^[A-Za-z0-9_-]{1,40}$"
MOST_EVENTS = 500  # the FOS's payday-lending decisions judged up to 54 loans; 500 leaves room without a flood


class Event(BaseModel):
    """One event of a complaint about several (DISP 2.8.2R(2): the time limits run from "the event complained
    of"). A fact the event leaves out is the complaint's own: a firm may answer, object to or have received the
    complaint about some events separately, and the event then carries its own date for it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(
        pattern=EVENT_ID,
        title="A short name for it, like L1",
        description="unique within the case: letters, digits, - and _",
    )
    kind: EventKind = Field(title="What it was")
    date: Day = Field(title="The date it happened")
    awareness_date: Day | None = Field(default=None, title="When the complainant knew, or should have known, of it")
    description: Printable | None = Field(default=None, max_length=2000, title="What it was, in a few words")
    amount: Money | None = Field(default=None, title="The amount")
    complained_to_respondent_on: Day | None = Field(
        default=None, title="When the business received a complaint about it, if apart from the rest"
    )
    final_response_sent_on: Day | None = Field(
        default=None, title="When the business sent a final response on it, if apart from the rest"
    )
    final_response_mentioned_time_limit: Flag | None = Field(
        default=None, title="Whether that final response told of the six-month time limit"
    )
    respondent_consents_to_late_referral: Flag | None = Field(
        default=None,
        title="Whether the business consents to our looking at it, if late",
    )
    # DISP 3.2.2R: an event the complainant first raised with the Ombudsman, never complained of to the
    # respondent, goes to the respondent first; the other events go on.
    first_raised_at_ombudsman: Flag = Field(
        default=False,
        title="Whether it was first raised with us, never with the business",
        description="first raised with the Ombudsman, never complained of to the respondent",
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> Event:
        if self.awareness_date and self.awareness_date < self.date:
            raise ValueError("awareness_date is before date: nobody knows of an event before it happens")
        answered_after_received(self.complained_to_respondent_on, self.final_response_sent_on)
        return self
