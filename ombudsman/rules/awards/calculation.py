"""The award calculation (DISP 3.7): the awards as the API gives them, whether they may go with the outcome, and
the money award after its limit with the recommended balance, interest, costs, directions and contributions
beside it. The Handbook text is quoted in ``ombudsman.rules.awards``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Annotated, Any, TypedDict

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
)

from ombudsman.citations import cite
from ombudsman.money import pence, pounds_text
from ombudsman.rules.awards.contributions import (
    Contribution,
    ContributionAward,
    apportion,
    fraction_text,
)
from ombudsman.rules.awards.events import acts_redressed, limit_for_events
from ombudsman.rules.awards.interest import (
    CostsAward,
    CostsTerms,
    InterestAward,
    InterestTerms,
    costs_award,
    interest_award,
    simple_interest,
)
from ombudsman.rules.finding import Finding
from ombudsman.rules.rulebook import Rulebook
from ombudsman.rules.several_events import EVENT_ID, MOST_EVENTS
from ombudsman.rules.values import Flag, Money, Printable
from ombudsman.rules.words import said

ZERO = Decimal("0.00")


# --- input: the `awards` body of the API --------------------------------------------------------------


class MoneyHead(StrEnum):
    """DISP 3.7.2R: what a money award may compensate."""

    financial_loss = "financial_loss"  # (1)
    pain_and_suffering = "pain_and_suffering"  # (2)
    damage_to_reputation = "damage_to_reputation"  # (3)
    distress_or_inconvenience = "distress_or_inconvenience"  # (4)


said(
    MoneyHead,
    {
        "financial_loss": "Financial loss",
        "pain_and_suffering": "Pain and suffering",
        "damage_to_reputation": "Damage to reputation",
        "distress_or_inconvenience": "Distress or inconvenience",
    },
)


class MoneyLine(BaseModel):
    """One head of a money award (DISP 3.7.2R), and on a complaint about several events the events it redresses
    (their ids, DISP 2.8.2R(2): "the event complained of"); none named stands for every event in jurisdiction."""

    model_config = ConfigDict(extra="forbid")

    head: MoneyHead = Field(title="What the money is for")
    amount: Money = Field(title="The amount")
    events: list[Annotated[str, Field(pattern=EVENT_ID)]] = Field(
        default_factory=list,
        title="The events it redresses",
        max_length=MOST_EVENTS,
        description="the ids of the events this line redresses, on a complaint about several events",
    )

    @field_validator("events")
    @classmethod
    def _each_event_once(cls, events: list[str]) -> list[str]:
        if len(set(events)) != len(events):
            raise ValueError("each event is named once")
        return events

    @model_serializer(mode="wrap")
    def _events_when_named(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """A line of a one-event complaint is written as it always was: ``events`` only where it names some."""
        data: dict[str, Any] = handler(self)
        if not self.events:
            data.pop("events", None)
        return data


class AwardsIn(BaseModel):
    """The awards the Ombudsman proposes (DISP 3.7.1R), as the API spells them."""

    model_config = ConfigDict(extra="forbid")

    money: list[MoneyLine] = Field(default_factory=list, title="The money award")
    interest: InterestTerms | None = Field(default=None, title="Interest on the money award")
    costs: CostsTerms | None = Field(default=None, title="Costs")
    directions: list[Annotated[Printable, Field(min_length=1, max_length=2000)]] = Field(
        default_factory=list, title="Directions: the steps the business must take"
    )
    respondent_missed_time_limit: Flag = Field(
        default=False,
        title="Whether the award includes distress or inconvenience from a time limit the business missed",
    )
    # DISP 3.6.3G: the respondents of connected complaints, each by its case's reference, and the share of the
    # money award each pays; this case's own share is what its respondent is ordered to pay.
    contributions: list[Contribution] | None = Field(
        default=None, min_length=2, max_length=20, title="Contributions of the businesses of connected complaints"
    )

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
            raise ValueError(f"the shares must add up to exactly 1 (these add up to {fraction_text(total)})")
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


class Direction(TypedDict):
    text: str
    citation: str


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
            "lines": [_line_dict(line) for line in self.lines],
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
                    "share": fraction_text(part["share"]),
                    "claimed": _money_text(part["claimed"]),
                    "amount": _money_text(part["amount"]),
                    "recommended_balance": _money_text(part["recommended_balance"]),
                    "interest": None if part["interest"] is None else _money_text(part["interest"]),
                }
                for part in self.contributions
            ],
            "reasons": list(self.reasons),
        }


# --- the rules ----------------------------------------------------------------------------------------------


def calculate_award(
    awards: AwardsIn,
    *,
    referred_on: date,
    act_on: date | None,
    as_of: date,
    rulebook: Rulebook,
    event_dates: Mapping[str, date] | None = None,
) -> AwardCalculation:
    """The money award after the DISP 3.7.4R limit, the recommended balance, and interest and costs beside it.

    ``referred_on`` and ``act_on`` choose the limit (the rulebook raises ``NotModelled`` for a date it
    does not hold); ``as_of`` is the date interest is accrued to. On a complaint about several events,
    ``event_dates`` (each event in jurisdiction by id, with its date) choose it instead, from the events the money
    lines redress (:func:`ombudsman.rules.awards.events.limit_for_events`: ``LimitsDiffer`` where they would
    have different limits).
    """
    if event_dates is None:
        limit = rulebook.money_award_limit(referred_on, act_on)
    else:
        acts = acts_redressed(awards.money, event_dates)
        limit = limit_for_events(rulebook, referred_on, act_dates=acts)
    total = pence(sum((line.amount for line in awards.money), ZERO))
    reasons = [
        f"The money award heads add up to {pounds_text(total)} ({cite('DISP 3.7.2R')}).",
        f"The limit in force: {limit.note} ({limit.citation}).",
    ]
    contributions = None
    if awards.contributions is not None:
        # DISP 3.5.3R, 3.6.3G: each respondent's part is its own award, capped on its own (DISP 3.7.4R).
        contributions = _each_respondents_own(awards, total, limit=limit.amount, as_of=as_of)
        money_award = pence(sum((part["amount"] for part in contributions), ZERO))
        recommended_balance = pence(sum((part["recommended_balance"] for part in contributions), ZERO))
        shared = ", ".join(_part_text(part) for part in contributions)
        reasons.append(
            f"Each respondent's part is its own award, capped at the limit on its own ({cite('DISP 3.5.3R')}, "
            f"{limit.citation}): {shared} ({cite('DISP 3.6.3G')})."
        )
    else:
        capped = total > limit.amount
        # DISP 3.7.4R caps the award; DISP 3.7.6G: the excess is recommended, never refused.
        money_award = limit.amount if capped else total
        recommended_balance = pence(total - limit.amount) if capped else ZERO
        reasons.append(_cap_text(money_award, recommended_balance, limit.citation))

    interest = interest_award(awards.interest, money_award, as_of, reasons=reasons)
    costs = costs_award(awards.costs, as_of, reasons)
    if interest is not None or costs is not None:
        reasons.append(f"Interest and costs are outside the cap ({cite('DISP 3.7.5R')}).")

    directions: list[Direction] = [{"text": text, "citation": cite("DISP 3.7.11R")} for text in awards.directions]
    if directions:
        steps = "step" if len(directions) == 1 else "steps"
        reasons.append(f"The respondent is directed to take {len(directions)} {steps} ({cite('DISP 3.7.11R')}).")

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


def _each_respondents_own(awards: AwardsIn, total: Decimal, *, limit: Decimal, as_of: date) -> list[ContributionAward]:
    """DISP 3.5.3R, 3.6.3G, 3.7.4R, 3.7.8R: each respondent's part of the whole compensation is worked out first,
    then capped at the limit on its own (the balance above it recommended, DISP 3.7.6G), and interest runs on that
    respondent's own capped part only."""
    assert awards.contributions is not None
    claimed = apportion(total, {part.reference: part.share for part in awards.contributions})
    parts: list[ContributionAward] = []
    for part in awards.contributions:
        own = claimed[part.reference]
        amount = min(own, limit)
        terms = awards.interest
        parts.append(
            ContributionAward(
                reference=part.reference,
                share=part.share,
                claimed=own,
                amount=amount,
                recommended_balance=pence(own - amount),
                interest=None if terms is None else simple_interest(amount, terms.rate_percent, terms.from_, end=as_of),
            )
        )
    return parts


def _cap_text(money_award: Decimal, recommended_balance: Decimal, limit_citation: str) -> str:
    if recommended_balance > 0:
        return (
            f"The money award is capped at {pounds_text(money_award)} ({limit_citation}). "
            f"The {pounds_text(recommended_balance)} above it is recommended, not binding "
            f"({cite('DISP 3.7.6G')})."
        )
    return f"The money award of {pounds_text(money_award)} is within the limit ({limit_citation})."


def _part_text(part: ContributionAward) -> str:
    text = f"{part['reference']} {pounds_text(part['amount'])}"
    if part["recommended_balance"] > 0:
        text += f" (capped; the {pounds_text(part['recommended_balance'])} above it recommended, not binding)"
    if part["interest"] is not None:
        text += f" with interest of {pounds_text(part['interest'])} on its own part"
    return text


def asks_respondent_to_act(calculation: Mapping[str, Any]) -> bool:
    """Whether an award, as stored (``AwardCalculation.as_dict()``), asks the respondent to pay or do something:
    a money award, interest, costs or a direction. A recommended balance alone binds nobody (DISP 3.7.6G)."""
    return (
        Decimal(calculation["money_award"]) > 0
        or calculation.get("interest") is not None
        or calculation.get("costs") is not None
        or bool(calculation.get("directions"))
    )


# --- helpers ------------------------------------------------------------------------------------------------


def _line_dict(line: MoneyLine) -> dict[str, Any]:
    """A line as given: its head and amount, and the events it redresses where it names any."""
    answer: dict[str, Any] = {"head": line.head.value, "amount": _money_text(line.amount)}
    if line.events:
        answer["events"] = list(line.events)
    return answer


def _money_text(amount: Decimal) -> str:
    return f"{pence(amount):f}"


def _optional_text(value: Decimal | date | None) -> str | None:
    """A rate as given, or an ISO date; ``None`` stays ``None``."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else f"{value:f}"
