"""Money is exact decimal pounds and pence: one rounding rule, written once."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")


def pence(amount: Decimal | int | str) -> Decimal:
    """Round to the penny, halves away from zero (the way a payment is rounded)."""
    return Decimal(amount).quantize(PENNY, rounding=ROUND_HALF_UP)


def pounds_text(amount: Decimal) -> str:
    """Money as a reader sees it, in GOV.UK style: ``£150,000`` for whole pounds, ``£75.50`` with pence."""
    exact = pence(amount)
    return f"£{exact:,.0f}" if exact == exact.to_integral_value() else f"£{exact:,.2f}"
