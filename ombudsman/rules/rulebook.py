"""Dated parameters: the numbers DISP changes over time, kept as data and asked for by date.

A rulebook is a TOML file in ``rulebooks/``. ``disp-2013`` (the seed edition, the default) and ``published``
(the limits by referral and act date) differ only in their data; the code that reads them is the same.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from ombudsman.citations import cite
from ombudsman.money import pence

DEFAULT_RULEBOOK = "disp-2013"


class NotModelled(ValueError):
    """The rulebook has no value for that date: refused rather than guessed."""


@dataclass(frozen=True)
class MoneyAwardLimit:
    amount: Decimal
    note: str
    citation: str
    referred_from: date | None = None
    referred_to: date | None = None
    acts_from: date | None = None
    acts_before: date | None = None

    @property
    def depends_on_act_date(self) -> bool:
        return self.acts_from is not None or self.acts_before is not None

    def covers_referral(self, referred_on: date) -> bool:
        return (self.referred_from is None or referred_on >= self.referred_from) and (
            self.referred_to is None or referred_on <= self.referred_to
        )

    def covers_act(self, act_on: date) -> bool:
        return (self.acts_from is None or act_on >= self.acts_from) and (
            self.acts_before is None or act_on < self.acts_before
        )


@dataclass(frozen=True)
class LateReferralPosition:
    """What the respondent's position must be for a late referral to be considered (DISP 2.8.2R(5)), for
    complaints referred between two dates: ``no_objection`` (the seed edition: "has not objected", so silence
    cures) or ``consent`` (later editions: "has consented", so only consent cures)."""

    needs: str
    referred_from: date | None = None
    referred_to: date | None = None

    def covers_referral(self, referred_on: date) -> bool:
        return (self.referred_from is None or referred_on >= self.referred_from) and (
            self.referred_to is None or referred_on <= self.referred_to
        )


@dataclass(frozen=True)
class RespondentTime:
    weeks: int
    payment_services_from: date | None
    payment_services_business_days: int | None
    payment_services_business_days_after_holding_response: int | None


@dataclass(frozen=True)
class Windows:
    """Default response windows in days (settings of the Ombudsman's, DISP 3.5.13R; not law)."""

    representations: int
    assessment_response: int
    acceptance: int

    def days(self, kind: str) -> int:
        value: int = getattr(self, kind)
        return value


@dataclass(frozen=True)
class Rulebook:
    name: str
    title: str
    respondent_time: RespondentTime
    months_after_final_response: int
    years_after_event: int
    years_after_awareness: int
    micro_enterprise_employees_fewer_than: int
    micro_enterprise_euro_limit: Decimal
    charity_income_under: Decimal
    trust_net_assets_under: Decimal
    # DISP TP 1 row 21: a business under this group annual turnover, about a contract made before this date.
    transitional_group_turnover_under: Decimal
    transitional_contracts_before: date
    # DISP TP 1 row 1B: for an act before this date, DISP 2.7.9R(2) asks about the earlier client categories.
    client_categories_from: date
    windows: Windows
    money_award_limits: tuple[MoneyAwardLimit, ...]
    late_referral_positions: tuple[LateReferralPosition, ...]

    def late_referral_needs(self, referred_on: date) -> str:
        """``no_objection`` or ``consent``: what DISP 2.8.2R(5) asks of the respondent for this referral date."""
        for row in self.late_referral_positions:
            if row.covers_referral(referred_on):
                return row.needs
        raise NotModelled(
            f"the {self.name} rulebook does not say what DISP 2.8.2R(5) asks of the respondent for a complaint "
            f"referred on {referred_on.isoformat()}"
        )

    def money_award_limit(self, referred_on: date, act_on: date | None) -> MoneyAwardLimit:
        """The DISP 3.7.4R limit in force for a complaint referred on ``referred_on`` about an act on ``act_on``."""
        rows = [row for row in self.money_award_limits if row.covers_referral(referred_on)]
        if not rows:
            raise NotModelled(
                f"the {self.name} rulebook has no money award limit for a complaint referred on "
                f"{referred_on.isoformat()}"
            )
        if any(row.depends_on_act_date for row in rows):
            if act_on is None:
                raise NotModelled(
                    f"the money award limit for a complaint referred on {referred_on.isoformat()} depends on "
                    "the date of the act or omission complained of: record event_date"
                )
            rows = [row for row in rows if row.covers_act(act_on)]
        return rows[0]

    def payment_services_days(self, complained_on: date, holding_response_sent: bool) -> int | None:
        """Business days the respondent has for a payment-services complaint, if that rule was in force."""
        rule = self.respondent_time
        if rule.payment_services_from is None or complained_on < rule.payment_services_from:
            return None
        if holding_response_sent:
            return rule.payment_services_business_days_after_holding_response
        return rule.payment_services_business_days


def _limit(row: dict[str, Any]) -> MoneyAwardLimit:
    return MoneyAwardLimit(
        amount=pence(row["amount"]),
        note=row["note"],
        citation=cite("DISP 3.7.4R"),
        referred_from=row.get("referred_from"),
        referred_to=row.get("referred_to"),
        acts_from=row.get("acts_from"),
        acts_before=row.get("acts_before"),
    )


def parse_rulebook(data: dict[str, Any]) -> Rulebook:
    time = data["respondent_time"]
    limits = data["referral_limits"]
    eligibility = data["eligibility"]
    return Rulebook(
        name=data["name"],
        title=data["title"],
        respondent_time=RespondentTime(
            weeks=time["weeks"],
            payment_services_from=time.get("payment_services_from"),
            payment_services_business_days=time.get("payment_services_business_days"),
            payment_services_business_days_after_holding_response=time.get(
                "payment_services_business_days_after_holding_response"
            ),
        ),
        months_after_final_response=limits["months_after_final_response"],
        years_after_event=limits["years_after_event"],
        years_after_awareness=limits["years_after_awareness"],
        micro_enterprise_employees_fewer_than=eligibility["micro_enterprise_employees_fewer_than"],
        micro_enterprise_euro_limit=Decimal(eligibility["micro_enterprise_euro_limit"]),
        charity_income_under=Decimal(eligibility["charity_income_under"]),
        trust_net_assets_under=Decimal(eligibility["trust_net_assets_under"]),
        transitional_group_turnover_under=Decimal(eligibility["transitional_group_turnover_under"]),
        transitional_contracts_before=eligibility["transitional_contracts_before"],
        client_categories_from=eligibility["client_categories_from"],
        windows=Windows(**data["windows"]),
        money_award_limits=tuple(_limit(row) for row in data["money_award_limit"]),
        late_referral_positions=tuple(_position(row) for row in data["late_referral_position"]),
    )


def _position(row: dict[str, Any]) -> LateReferralPosition:
    if row["needs"] not in ("no_objection", "consent"):
        raise ValueError(f"late_referral_position needs {row['needs']!r}: use no_objection or consent")
    return LateReferralPosition(
        needs=row["needs"], referred_from=row.get("referred_from"), referred_to=row.get("referred_to")
    )


def available_rulebooks() -> list[str]:
    folder = resources.files("ombudsman.rules") / "rulebooks"
    return sorted(entry.name.removesuffix(".toml") for entry in folder.iterdir() if entry.name.endswith(".toml"))


@cache
def load_rulebook(name: str = DEFAULT_RULEBOOK) -> Rulebook:
    if name not in available_rulebooks():
        raise ValueError(f"unknown rulebook {name!r}: choose one of {', '.join(available_rulebooks())}")
    text = (resources.files("ombudsman.rules") / "rulebooks" / f"{name}.toml").read_text(encoding="utf-8")
    return parse_rulebook(tomllib.loads(text))
