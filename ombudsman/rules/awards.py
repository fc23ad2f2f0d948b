"""Awards in a determination (DISP 3.7), and contributions by several respondents (DISP 3.6.3G).

The Handbook text, closely paraphrased, with each limb named as the code names it:

DISP 3.7.1R   A determination in the complainant's favour may include one or more of: (1) a money
              award (``money``), (2) an interest award (``interest``), (3) a costs award (``costs``),
              (4) a direction that the respondent take steps (``directions``). Only in the complainant's
              favour (``uphold`` or ``partly_uphold``): :func:`awards_may_go_with`.
DISP 3.7.2R   A money award may be such amount as the Ombudsman considers fair compensation for
              (1) financial loss, (2) pain and suffering, (3) damage to reputation, (4) distress or
              inconvenience: the four :class:`MoneyHead` values.
DISP 3.7.4R   The maximum money award is the limit in force (``limit``): £150,000 in the edition this
              project implements, and £100,000 for a complaint referred before 1 January 2012 under its
              transitional provisions; the ``published`` rulebook holds the later limits by referral and act
              date.
DISP 3.7.5R   The maximum does not include (1) interest on the money award, (2) costs, (3) interest on
              costs: they are added after the cap and never count against it.
DISP 3.7.6G   If fair compensation is more than the maximum, the Ombudsman may recommend that the respondent
              pays the balance (``recommended_balance``). A recommendation does not bind; the award is
              capped, the claim is never refused for being above the limit.
DISP 3.7.8R   An interest award may provide for interest on the money award at a rate (``rate_percent``)
              from a date (``from``). Here: simple interest on a 365-day year, rounded to the penny.
DISP 3.7.9R   A costs award may require the respondent to pay the complainant's costs, with interest on
              them at a rate and from a date.
DISP 3.7.11R  A direction requires the respondent to take such steps as the Ombudsman considers just and
              appropriate.
DISP 3.5.14R  If the respondent fails to comply with a time limit, the Ombudsman may proceed, and the award
              may provide for material distress or inconvenience caused by that failure
              (``respondent_missed_time_limit``).
DISP 3.6.3G   Where complaints against several respondents arise from connected circumstances, the
              Ombudsman may determine that each pays a contribution in proportions (:func:`apportion`).

Pure: the referral and act dates choose the limit, ``as_of`` is the date interest is accrued to, and
nothing here reads the clock. Money is exact ``Decimal`` pounds and pence, rounded only by
:func:`ombudsman.money.pence`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from enum import StrEnum
from fractions import Fraction
from typing import Annotated, Any, TypedDict

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ombudsman.citations import cite
from ombudsman.money import pence, pounds_text
from ombudsman.rules.finding import Finding
from ombudsman.rules.rulebook import Rulebook
from ombudsman.rules.values import Day, Flag, Money, Percent, Printable

ZERO = Decimal("0.00")
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


# --- input: the `awards` body of the API --------------------------------------------------------------


class MoneyHead(StrEnum):
    """DISP 3.7.2R: what a money award may compensate."""

    financial_loss = "financial_loss"  # (1)
    pain_and_suffering = "pain_and_suffering"  # (2)
    damage_to_reputation = "damage_to_reputation"  # (3)
    distress_or_inconvenience = "distress_or_inconvenience"  # (4)


class MoneyLine(BaseModel):
    model_config = ConfigDict(extra="forbid")

    head: MoneyHead
    amount: Money


class InterestTerms(BaseModel):
    """DISP 3.7.8R: interest on the money award at a rate a year, simple, from a date."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    rate_percent: Percent
    from_: Day = Field(alias="from")


class CostsTerms(BaseModel):
    """DISP 3.7.9R: the complainant's costs, with interest on them when a rate and a date are given."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    amount: Money
    rate_percent: Percent | None = None
    from_: Day | None = Field(default=None, alias="from")

    @model_validator(mode="after")
    def _rate_and_date_together(self) -> CostsTerms:
        # Interest on costs needs both: a rate without a start (or the reverse) cannot be accrued.
        if (self.rate_percent is None) != (self.from_ is None):
            raise ValueError("costs: give both rate_percent and from for interest on costs, or neither")
        return self


class Contribution(BaseModel):
    """One respondent's part of a money award shared between connected complaints (DISP 3.6.3G)."""

    model_config = ConfigDict(extra="forbid")

    reference: Printable = Field(min_length=1, max_length=40)
    share: Annotated[Fraction, Field(description='a fraction of the whole: "0.6", or "1/3" for a third')]

    @field_validator("share", mode="before")
    @classmethod
    def _a_fraction(cls, share: object) -> Fraction:
        if not isinstance(share, str) or not re.fullmatch(r"\d{1,6}(\.\d{1,6})?(/\d{1,6})?", share):
            raise ValueError('give the share as a decimal ("0.6") or a fraction ("1/3")')
        try:
            value = Fraction(share)
        except ZeroDivisionError:
            raise ValueError("a share cannot be divided by zero") from None
        if not 0 < value <= 1:
            raise ValueError("a share is more than nothing and no more than the whole")
        return value


class AwardsIn(BaseModel):
    """The awards the Ombudsman proposes (DISP 3.7.1R), as the API spells them."""

    model_config = ConfigDict(extra="forbid")

    money: list[MoneyLine] = Field(default_factory=list)
    interest: InterestTerms | None = None
    costs: CostsTerms | None = None
    directions: list[Annotated[Printable, Field(min_length=1, max_length=2000)]] = Field(default_factory=list)
    respondent_missed_time_limit: Flag = False
    # DISP 3.6.3G: the respondents of connected complaints, each by its case's reference, and the share of the
    # money award each pays; this case's own share is what its respondent is ordered to pay.
    contributions: list[Contribution] | None = Field(default=None, min_length=2, max_length=20)

    @field_validator("contributions")
    @classmethod
    def _shares_make_the_whole(cls, contributions: list[Contribution] | None) -> list[Contribution] | None:
        if contributions is None:
            return None
        references = [contribution.reference for contribution in contributions]
        if len(set(references)) != len(references):
            raise ValueError("each case is named once")
        total = sum((contribution.share for contribution in contributions), Fraction(0))
        if total != 1:
            raise ValueError(f"the shares must add up to exactly 1 (these add up to {_fraction_text(total)})")
        return contributions


IN_THE_COMPLAINANTS_FAVOUR = frozenset({"uphold", "partly_uphold"})


def awards_may_go_with(outcome: str, awards: AwardsIn) -> Finding:
    """DISP 3.7.1R: a money award, interest, costs or directions go only with an outcome in the complainant's
    favour; a complaint not upheld carries none of them."""
    carried = [
        name
        for name, given in (
            ("a money award", bool(awards.money)),
            ("interest", awards.interest is not None),
            ("costs", awards.costs is not None),
            ("directions", bool(awards.directions)),
        )
        if given
    ]
    if carried and outcome not in IN_THE_COMPLAINANTS_FAVOUR:
        return Finding(
            "awards_may_go_with",
            False,
            f"A complaint that is not upheld carries no award: remove {' and '.join(carried)}, or uphold it "
            "(in full or in part)",
            cite("DISP 3.7.1R"),
        )
    return Finding("awards_may_go_with", True, "The awards go with the outcome.", cite("DISP 3.7.1R"))


# --- output -------------------------------------------------------------------------------------------------

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


class Direction(TypedDict):
    text: str
    citation: str


class ContributionAward(TypedDict):
    reference: str
    share: Fraction
    amount: Decimal


@dataclass(frozen=True)
class AwardCalculation:
    """What the engine made of the awards: the capped money award, the balance, interest and costs apart."""

    lines: list[MoneyLine]
    total_claimed_heads: Decimal
    money_award: Decimal
    recommended_balance: Decimal
    limit: Decimal
    limit_citation: str
    limit_note: str
    interest: InterestAward | None
    costs: CostsAward | None
    directions: list[Direction]
    respondent_missed_time_limit: bool
    note: str | None
    reasons: list[str]
    contributions: list[ContributionAward] | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: money as strings with two decimals, dates ISO."""
        interest: dict[str, Any] | None = None
        if self.interest is not None:
            interest = {
                "rate_percent": f"{self.interest['rate_percent']:f}",
                "from": self.interest["from"].isoformat(),
                "citation": self.interest["citation"],
                "accrued_to": self.interest["accrued_to"].isoformat(),
                "accrued": _money_text(self.interest["accrued"]),
            }
        costs: dict[str, Any] | None = None
        if self.costs is not None:
            costs = {
                "amount": _money_text(self.costs["amount"]),
                "rate_percent": _optional_text(self.costs["rate_percent"]),
                "from": _optional_text(self.costs["from"]),
                "citation": self.costs["citation"],
                "accrued_to": _optional_text(self.costs["accrued_to"]),
                "accrued": None if self.costs["accrued"] is None else _money_text(self.costs["accrued"]),
            }
        return {
            "lines": [{"head": line.head.value, "amount": _money_text(line.amount)} for line in self.lines],
            "money_award": _money_text(self.money_award),
            "recommended_balance": _money_text(self.recommended_balance),
            "limit": _money_text(self.limit),
            "limit_citation": self.limit_citation,
            "limit_note": self.limit_note,
            "interest": interest,
            "costs": costs,
            "directions": [dict(direction) for direction in self.directions],
            "respondent_missed_time_limit": self.respondent_missed_time_limit,
            "contributions": None
            if self.contributions is None
            else [
                {
                    "reference": part["reference"],
                    "share": _fraction_text(part["share"]),
                    "amount": _money_text(part["amount"]),
                }
                for part in self.contributions
            ],
            "reasons": list(self.reasons),
        }


# --- the rules ----------------------------------------------------------------------------------------------


def simple_interest(principal: Decimal, rate_percent: Decimal, start: date, *, end: date) -> Decimal:
    """Simple interest from ``start`` to ``end`` on a 365-day year, rounded to the penny.

    Nothing accrues when ``end`` is on or before ``start``. The days are counted as they fall, so a span
    holding 29 February has one more day (366/365 of a year's rate).
    """
    days = max((end - start).days, 0)
    with localcontext() as context:
        context.prec = 50  # exact until the one rounding to pence
        return pence(principal * rate_percent * days / PERCENT_DAYS_IN_YEAR)


def calculate_award(
    awards: AwardsIn, *, referred_on: date, act_on: date | None, as_of: date, rulebook: Rulebook
) -> AwardCalculation:
    """The money award after the DISP 3.7.4R limit, the recommended balance, and interest and costs beside it.

    ``referred_on`` and ``act_on`` choose the limit (the rulebook raises ``NotModelled`` for a date it
    does not hold); ``as_of`` is the date interest is accrued to.
    """
    limit = rulebook.money_award_limit(referred_on, act_on)
    total = pence(sum((line.amount for line in awards.money), ZERO))
    capped = total > limit.amount
    # DISP 3.7.4R caps the award; DISP 3.7.6G: the excess is recommended, never refused.
    money_award = limit.amount if capped else total
    recommended_balance = pence(total - limit.amount) if capped else ZERO

    reasons = [
        f"The money award heads add up to {pounds_text(total)} ({cite('DISP 3.7.2R')}).",
        f"The limit in force: {limit.note} ({limit.citation}).",
    ]
    if capped:
        reasons.append(
            f"The money award is capped at {pounds_text(money_award)} ({limit.citation}). "
            f"The {pounds_text(recommended_balance)} above it is recommended, not binding "
            f"({cite('DISP 3.7.6G')})."
        )
    else:
        reasons.append(f"The money award of {pounds_text(money_award)} is within the limit ({limit.citation}).")

    interest = _interest_award(awards.interest, money_award, as_of, reasons=reasons)
    costs = _costs_award(awards.costs, as_of, reasons)
    if interest is not None or costs is not None:
        reasons.append(f"Interest and costs are outside the cap ({cite('DISP 3.7.5R')}).")

    directions: list[Direction] = [{"text": text, "citation": cite("DISP 3.7.11R")} for text in awards.directions]
    if directions:
        steps = "step" if len(directions) == 1 else "steps"
        reasons.append(f"The respondent is directed to take {len(directions)} {steps} ({cite('DISP 3.7.11R')}).")

    contributions = None
    if awards.contributions is not None:
        parts = apportion(money_award, {part.reference: part.share for part in awards.contributions})
        contributions = [
            ContributionAward(reference=part.reference, share=part.share, amount=parts[part.reference])
            for part in awards.contributions
        ]
        shared = ", ".join(f"{part['reference']} {pounds_text(part['amount'])}" for part in contributions)
        reasons.append(f"The money award is shared between the respondents: {shared} ({cite('DISP 3.6.3G')}).")

    note = None
    if awards.respondent_missed_time_limit:
        note = (
            "The respondent missed a time limit: the award may include compensation for material distress "
            f"or inconvenience caused by that failure ({cite('DISP 3.5.14R')})."
        )
        reasons.append(note)

    return AwardCalculation(
        lines=list(awards.money),
        total_claimed_heads=total,
        money_award=money_award,
        recommended_balance=recommended_balance,
        limit=limit.amount,
        limit_citation=limit.citation,
        limit_note=limit.note,
        interest=interest,
        costs=costs,
        directions=directions,
        respondent_missed_time_limit=awards.respondent_missed_time_limit,
        note=note,
        reasons=reasons,
        contributions=contributions,
    )


def contributions_may_name(named: Sequence[str], *, this_case: str, connected: Sequence[str]) -> Finding:
    """DISP 3.6.3G with 3.5.3R: a money award is shared only between connected complaints, this one among them."""
    name, citation = "contributions_may_name", cite("DISP 3.6.3G")
    if this_case not in named:
        return Finding(name, False, f"name this case, {this_case}, with its respondent's share", citation)
    strangers = [reference for reference in named if reference not in (this_case, *connected)]
    if strangers:
        return Finding(
            name,
            False,
            f"{', '.join(strangers)} is not a complaint connected to this one: "
            "link it first (link_connected_complaint)",
            citation,
        )
    return Finding(name, True, "Each case named is this one or a complaint connected to it.", citation)


def asks_respondent_to_act(calculation: Mapping[str, Any]) -> bool:
    """Whether an award, as stored (``AwardCalculation.as_dict()``), asks the respondent to pay or do something:
    a money award, interest, costs or a direction. A recommended balance alone binds nobody (DISP 3.7.6G)."""
    return (
        Decimal(calculation["money_award"]) > 0
        or calculation.get("interest") is not None
        or calculation.get("costs") is not None
        or bool(calculation.get("directions"))
    )


def respondents_part(calculation: Mapping[str, Any], reference: str) -> Decimal:
    """What the respondent of case ``reference`` is ordered to pay of an award, as stored: its contribution
    where the award is shared between connected complaints (DISP 3.6.3G), else the whole money award."""
    for part in calculation.get("contributions") or ():
        if part["reference"] == reference:
            return Decimal(part["amount"])
    return Decimal(calculation["money_award"])


def apportion(money_award: Decimal, shares: Mapping[str, Decimal | Fraction]) -> dict[str, Decimal]:
    """DISP 3.6.3G: split a money award between respondents in proportions that sum to exactly 1.

    Each part is rounded down to the penny, then the pennies left over go one each to the parts with the
    largest remainders (ties in the order the shares are given), so the parts always sum to the whole.
    A ``Fraction`` share allows thirds, which no ``Decimal`` can sum to exactly 1.
    """
    if money_award < 0 or pence(money_award) != money_award:
        raise ValueError(f"the money award must be a non-negative amount of whole pence (got {money_award})")
    if not shares:
        raise ValueError("apportion needs at least one respondent's share")
    proportions: dict[str, Fraction] = {}
    for name, share in shares.items():
        if not isinstance(share, Decimal | Fraction):
            raise TypeError(f"the share of {name!r} must be a Decimal or Fraction, not {type(share).__name__}")
        if share < 0:
            raise ValueError(f"the share of {name!r} must not be negative (got {share})")
        proportions[name] = Fraction(share)
    total_share = sum(proportions.values(), Fraction(0))
    if total_share != 1:
        raise ValueError(
            "the shares must be fractions that sum to exactly 1 (for 25 percent write 0.25); "
            f"these sum to {float(total_share):g}"
        )

    whole_pennies = int(money_award * 100)
    exact = {name: whole_pennies * share for name, share in proportions.items()}
    pennies = {name: math.floor(amount) for name, amount in exact.items()}
    left_over = whole_pennies - sum(pennies.values())
    # sorted() is stable, so equal remainders keep the order the shares were given in.
    order = sorted(exact, key=lambda name: exact[name] - pennies[name], reverse=True)
    for name in order[:left_over]:
        pennies[name] += 1
    return {name: pence(Decimal(pennies[name]) / 100) for name in proportions}


# --- helpers ------------------------------------------------------------------------------------------------


def _fraction_text(value: Fraction) -> str:
    """A share as written: "3/5" or "1/3", "1" for the whole."""
    return str(value)


def _interest_award(
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


def _costs_award(terms: CostsTerms | None, as_of: date, reasons: list[str]) -> CostsAward | None:
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


def _money_text(amount: Decimal) -> str:
    return f"{pence(amount):f}"


def _optional_text(value: Decimal | date | None) -> str | None:
    """A rate as given, or an ISO date; ``None`` stays ``None``."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else f"{value:f}"


def _rate_text(rate: Decimal) -> str:
    """A rate as a reader sees it: ``8``, ``8.5``."""
    text = f"{rate:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _date_text(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _days_text(start: date, end: date) -> str:
    days = max((end - start).days, 0)
    return "1 day" if days == 1 else f"{days} days"
