"""Money is exact decimal pounds and pence: one rounding rule, written once."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")


def pence(amount: Decimal | int | str) -> Decimal:
    """Round to the penny, halves away from zero (the way a payment is rounded)."""
    return Decimal(amount).quantize(PENNY, rounding=ROUND_HALF_UP)


def pounds_text(amount: Decimal) -> str:
    """Money as a reader sees it: ``£150,000.00``."""
    return f"£{pence(amount):,.2f}"
