"""Interest and costs beside an award, outside its cap (DISP 3.7.5R).

DISP 3.7.8R   An interest award may provide for interest on the money award at a rate (``rate_percent``)
              from a date (``from``). Here: simple interest on a 365-day year, rounded to the penny.
DISP 3.7.9R   A costs award may require the respondent to pay the complainant's costs, with interest on
              them at a rate and from a date.

Pure: ``as_of`` is the date interest is accrued to; nothing here reads the clock.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, localcontext
from typing import TypedDict

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ombudsman.citations import cite
from ombudsman.money import pence, pounds_text
from ombudsman.rules.values import Day, Money, Percent

# Simple interest on a 365-day year, with the rate in percent: principal x rate x days / 36,500.
PERCENT_DAYS_IN_YEAR = Decimal(36500)

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class InterestTerms(BaseModel):
    """DISP 3.7.8R: interest on the money award at a rate a year, simple, from a date."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    rate_percent: Percent = Field(title="The rate of interest")
    from_: Day = Field(alias="from", title="The date interest runs from")


class CostsTerms(BaseModel):
    """DISP 3.7.9R: the complainant's costs, with interest on them when a rate and a date are given."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    amount: Money = Field(title="The costs")
    rate_percent: Percent | None = Field(default=None, title="The rate of interest on the costs")
    from_: Day | None = Field(default=None, alias="from", title="The date interest on the costs runs from")

    @model_validator(mode="after")
    def _rate_and_date_together(self) -> CostsTerms:
        # Interest on costs needs both: a rate without a start (or the reverse) cannot be accrued.
        if (self.rate_percent is None) != (self.from_ is None):
            raise ValueError("costs: give both rate_percent and from for interest on costs, or neither")
        return self


InterestAward = TypedDict(
    "InterestAward",
    {"rate_percent": Decimal, "from": date, "citation": str, "accrued_to": date, "accrued": Decimal},
)
CostsAward = TypedDict(
    "CostsAward",
    {
        "amount": Decimal,
        "rate_percent": Decimal | None,
        "from": date | None,
        "citation": str,
        "accrued_to": date | None,
        "accrued": Decimal | None,
    },
)


def simple_interest(principal: Decimal, rate_percent: Decimal, start: date, *, end: date) -> Decimal:
    """Simple interest from ``start`` to ``end`` on a 365-day year, rounded to the penny.

    Nothing accrues when ``end`` is on or before ``start``. The days are counted as they fall, so a span
    holding 29 February has one more day (366/365 of a year's rate).
    """
    days = max((end - start).days, 0)
    with localcontext() as context:
        context.prec = 50  # exact until the one rounding to pence
        return pence(principal * rate_percent * days / PERCENT_DAYS_IN_YEAR)


def interest_award(
    terms: InterestTerms | None, money_award: Decimal, as_of: date, *, reasons: list[str]
) -> InterestAward | None:
    if terms is None:
        return None
    accrued = simple_interest(money_award, terms.rate_percent, terms.from_, end=as_of)
    reasons.append(
        f"Interest on the money award of {pounds_text(money_award)} at {_rate_text(terms.rate_percent)}% "
        f"a year simple from {_date_text(terms.from_)} to {_date_text(as_of)} "
        f"({_days_text(terms.from_, as_of)} on a 365-day year) comes to {pounds_text(accrued)} "
        f"({cite('DISP 3.7.8R')})."
    )
    return {
        "rate_percent": terms.rate_percent,
        "from": terms.from_,
        "citation": cite("DISP 3.7.8R", "DISP 3.7.5R"),
        "accrued_to": as_of,
        "accrued": accrued,
    }


def costs_award(terms: CostsTerms | None, as_of: date, reasons: list[str]) -> CostsAward | None:
    if terms is None:
        return None
    reasons.append(f"Costs of {pounds_text(terms.amount)} are awarded ({cite('DISP 3.7.9R')}).")
    accrued: Decimal | None = None
    if terms.rate_percent is not None and terms.from_ is not None:
        accrued = simple_interest(terms.amount, terms.rate_percent, terms.from_, end=as_of)
        reasons.append(
            f"Interest on the costs at {_rate_text(terms.rate_percent)}% a year simple from "
            f"{_date_text(terms.from_)} to {_date_text(as_of)} ({_days_text(terms.from_, as_of)}) comes to "
            f"{pounds_text(accrued)} ({cite('DISP 3.7.9R')})."
        )
    return {
        "amount": terms.amount,
        "rate_percent": terms.rate_percent,
        "from": terms.from_,
        "citation": cite("DISP 3.7.9R", "DISP 3.7.5R"),
        "accrued_to": as_of if accrued is not None else None,
        "accrued": accrued,
    }


def _rate_text(rate: Decimal) -> str:
    """A rate as a reader sees it: ``8``, ``8.5``."""
    text = f"{rate:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _date_text(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _days_text(start: date, end: date) -> str:
    days = max((end - start).days, 0)
    return "1 day" if days == 1 else f"{days} days"
