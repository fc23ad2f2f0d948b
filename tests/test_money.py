"""Money as a reader sees it: GOV.UK style, pence only where there are pence."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ombudsman.money import pounds_text


@pytest.mark.parametrize(
    ("amount", "written"),
    [
        ("150000", "£150,000"),
        ("150000.00", "£150,000"),
        ("75.5", "£75.50"),
        ("0.01", "£0.01"),
        ("0", "£0"),
        ("999.995", "£1,000"),  # rounded to the penny first, halves up
        ("1234567.89", "£1,234,567.89"),
    ],
)
def test_whole_pounds_are_written_without_pence_and_pence_with_two_figures(amount: str, written: str) -> None:
    assert pounds_text(Decimal(amount)) == written
