"""Contributions by several respondents (DISP 3.6.3G): where complaints against several respondents arise from
connected circumstances, the Ombudsman may determine that each pays a contribution in proportions
(:func:`apportion`), between connected complaints only (:func:`contributions_may_name`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, TypedDict

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ombudsman.citations import cite
from ombudsman.money import pence
from ombudsman.rules.finding import Finding
from ombudsman.rules.values import Printable


class Contribution(BaseModel):
    """One respondent's part of a money award shared between connected complaints (DISP 3.6.3G)."""

    model_config = ConfigDict(extra="forbid")

    reference: Printable = Field(min_length=1, max_length=40, title="The connected complaint's case reference")
    share: Annotated[
        Fraction, Field(description='a fraction of the whole: "0.6", or "1/3" for a third', title="Its share")
    ]

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


class ContributionAward(TypedDict):
    """One respondent's own award (DISP 3.5.3R, 3.6.3G): its part of the compensation (``claimed``), capped on its
    own at the limit (``amount``, DISP 3.7.4R), the balance above it recommended (DISP 3.7.6G), and interest on its
    own capped part only (``interest``, DISP 3.7.8R)."""

    reference: str
    share: Fraction
    claimed: Decimal
    amount: Decimal
    recommended_balance: Decimal
    interest: Decimal | None


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


def respondents_part(calculation: Mapping[str, Any], reference: str) -> Decimal:
    """What the respondent of case ``reference`` is ordered to pay of an award, as stored: its contribution
    where the award is shared between connected complaints (DISP 3.6.3G), else the whole money award."""
    for part in calculation.get("contributions") or ():
        if part["reference"] == reference:
            return Decimal(part["amount"])
    return Decimal(calculation["money_award"])


def respondents_balance(calculation: Mapping[str, Any], reference: str) -> Decimal:
    """The balance above the limit recommended to the respondent of case ``reference`` (DISP 3.7.6G), as stored:
    its own part's balance where the award is shared (each part capped on its own, DISP 3.5.3R, 3.7.4R), else
    the whole award's."""
    for part in calculation.get("contributions") or ():
        if part["reference"] == reference:
            return Decimal(part.get("recommended_balance") or "0.00")
    return Decimal(calculation["recommended_balance"])


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


def fraction_text(value: Fraction) -> str:
    """A share as written: "3/5" or "1/3", "1" for the whole."""
    return str(value)
