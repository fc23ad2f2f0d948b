"""Edition 3 point 2: each respondent's award is its own (DISP 3.5.3R, 3.6.3G, 3.7.4R, 3.7.8R), through the
service: each part capped on its own, interest on its own part, and the register showing both."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ombudsman import reads
from ombudsman.clock import FixedClock
from ombudsman.money import pounds_text
from ombudsman.rules.awards import simple_interest
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER
from tests.walk import Walk


def connected_pair(service: CaseService, clock: FixedClock) -> tuple[Walk, Walk]:
    broker = Walk(service, clock, date(2025, 9, 8), respondent={"name": "Example Brokers Ltd", "frn": "654321"})
    bank = Walk(service, clock, date(2025, 9, 8)).to_awaiting_determination()
    bank.step(CASEWORKER, "link_connected_complaint", connected_reference=broker.reference, reasons="One sale.")
    return bank, broker


def halves(bank: Walk, broker: Walk) -> list[dict[str, str]]:
    return [{"reference": bank.reference, "share": "1/2"}, {"reference": broker.reference, "share": "1/2"}]


def test_three_hundred_thousand_split_half_each_registers_the_limit_for_each_respondent_not_half_of_it(
    service: CaseService, clock: FixedClock
) -> None:
    bank, broker = connected_pair(service, clock)
    bank.determine(
        {"money": [{"head": "financial_loss", "amount": "300000.02"}], "contributions": halves(bank, broker)}
    )
    entry = bank.register()
    assert entry is not None and entry.money_award == Decimal("150000.00")
    [listed] = [item for item in reads.register(service) if item.reference == bank.reference]
    assert (listed.money_award, listed.recommended_balance) == ("150000.00", "0.01")
    [award] = [
        award for award in reads.case(service, CASEWORKER, bank.reference).awards if award.stage == "determination"
    ]
    assert [(part["amount"], part["recommended_balance"]) for part in award.contributions or []] == [
        ("150000.00", "0.01"),
        ("150000.00", "0.01"),
    ]


def test_interest_on_a_shared_award_runs_on_each_respondents_own_part(service: CaseService, clock: FixedClock) -> None:
    bank, broker = connected_pair(service, clock)
    bank.determine(
        {
            "money": [{"head": "financial_loss", "amount": "100000.00"}],
            "interest": {"rate_percent": "8", "from": "2024-09-01"},
            "contributions": halves(bank, broker),
        }
    )
    [award] = [
        award for award in reads.case(service, CASEWORKER, bank.reference).awards if award.stage == "determination"
    ]
    assert award.interest is not None
    accrued_to = date.fromisoformat(award.interest["accrued_to"])
    own = simple_interest(Decimal("50000.00"), Decimal(8), date(2024, 9, 1), end=accrued_to)
    assert own > 0
    assert [part["interest"] for part in award.contributions or []] == [f"{own:f}", f"{own:f}"]
    letter = next(letter for letter in bank.letters() if letter.kind == "determination")
    said = " ".join(letter.text.split())
    assert (
        f"Case {bank.reference}: 1/2 of the award, £50,000, with interest of {pounds_text(own)} on its own part" in said
    )
