"""A clerical correction corrects everything that follows from it (DISP 3.6.6AR, 3.7.7R; contract edition 3,
point 4): a corrected award replaces the determination's award, its entry in the register of money awards and
what the corrected_determination letter says, in the step's one transaction, the audit event keeping old and new."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import Session, col, select

from ombudsman import reads
from ombudsman.clock import FixedClock
from ombudsman.errors import Forbidden, Refused
from ombudsman.models import AuditEvent, Case
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER, OMBUDSMAN
from tests.service.test_refusals import writes_nothing
from tests.walk import Walk

MONEY_5000 = {"money": [{"head": "financial_loss", "amount": "5000.00"}]}
MONEY_5500 = {"money": [{"head": "financial_loss", "amount": "5500.00"}]}
CORRECTION = {"reasons": "The award should read £5,500: £500 was left off.", "correction": "The money award is £5,500."}


def determined(service: CaseService, clock: FixedClock, awards: dict[str, Any] | None = None) -> Walk:
    return Walk(service, clock, date(2025, 9, 8)).to_awaiting_determination().determine(awards or MONEY_5000)


def last_event(walk: Walk) -> AuditEvent:
    with Session(walk.service.engine) as session:
        return session.exec(
            select(AuditEvent)
            .join(Case, col(Case.id) == col(AuditEvent.case_id))
            .where(Case.reference == walk.reference)
            .order_by(col(AuditEvent.version).desc())
        ).first()  # type: ignore[return-value]


def test_a_corrected_award_changes_the_cases_award_the_register_and_the_letter(
    service: CaseService, clock: FixedClock
) -> None:
    walk = determined(service, clock)
    entry = walk.register()
    assert entry is not None and entry.money_award == Decimal("5000.00")
    walk.step(OMBUDSMAN, "correct_clerical_mistake", "determined", days=2, awards=MONEY_5500, **CORRECTION)

    [award] = [
        award for award in reads.case(service, CASEWORKER, walk.reference).awards if award.stage == "determination"
    ]
    assert award.money_award == "5500.00"
    entry = walk.register()
    assert entry is not None and (entry.money_award, entry.status) == (Decimal("5500.00"), "awaiting_answer")
    corrected = [letter for letter in walk.letters() if letter.kind == "corrected_determination"]
    assert {letter.addressed_to for letter in corrected} == {"complainant", "respondent"}
    for letter in corrected:
        assert "Financial loss: £5,500" in letter.text and "£5,000" not in letter.text
        assert "THE AWARD AS CORRECTED" in letter.text


def test_the_audit_event_of_a_corrected_award_keeps_the_award_as_it_was_and_as_corrected(
    service: CaseService, clock: FixedClock
) -> None:
    walk = determined(service, clock).step(
        OMBUDSMAN, "correct_clerical_mistake", days=2, awards=MONEY_5500, **CORRECTION
    )
    event = last_event(walk)
    assert event.name == "correct_clerical_mistake"
    assert event.details["award_was"]["money_award"] == "5000.00"
    assert event.details["award_now"]["money_award"] == "5500.00"
    assert event.citation == "DISP 3.6.6AR, DISP 3.7.7R"


def test_a_correction_after_acceptance_corrects_the_binding_entry_and_keeps_it_binding(
    service: CaseService, clock: FixedClock
) -> None:
    walk = determined(service, clock)
    walk.step(walk.complainant, "accept", "accepted", days=3)
    walk.step(OMBUDSMAN, "correct_clerical_mistake", "accepted", days=2, awards=MONEY_5500, **CORRECTION)
    entry = walk.register()
    assert entry is not None and (entry.money_award, entry.status) == (Decimal("5500.00"), "binding")


def test_a_correction_without_awards_leaves_the_award_and_the_register_as_they_were(
    service: CaseService, clock: FixedClock
) -> None:
    walk = determined(service, clock).step(OMBUDSMAN, "correct_clerical_mistake", days=2, **CORRECTION)
    entry = walk.register()
    assert entry is not None and entry.money_award == Decimal("5000.00")
    assert "award_was" not in last_event(walk).details and "award_now" not in last_event(walk).details


def test_a_corrected_award_over_the_limit_is_capped_as_the_determinations_was(
    service: CaseService, clock: FixedClock
) -> None:
    walk = determined(service, clock)
    over = {"money": [{"head": "financial_loss", "amount": "400000.00"}]}
    walk.step(OMBUDSMAN, "correct_clerical_mistake", days=2, awards=over, **CORRECTION)
    entry = walk.register()
    [award] = [
        award for award in reads.case(service, CASEWORKER, walk.reference).awards if award.stage == "determination"
    ]
    assert entry is not None and entry.money_award == Decimal(award.money_award) < Decimal("400000.00")
    assert Decimal(award.recommended_balance) == Decimal("400000.00") - entry.money_award


def test_a_caseworker_cannot_correct_the_award_and_nothing_is_written(service: CaseService, clock: FixedClock) -> None:
    walk = determined(service, clock)
    with writes_nothing(service.engine), pytest.raises(Forbidden):
        service.act(CASEWORKER, walk.reference, "correct_clerical_mistake", fields={**CORRECTION, "awards": MONEY_5500})
    entry = walk.register()
    assert entry is not None and entry.money_award == Decimal("5000.00")


def test_a_correction_cannot_give_an_award_the_determination_did_not_make_and_nothing_is_written(
    service: CaseService, clock: FixedClock
) -> None:
    walk = Walk(service, clock, date(2025, 9, 8)).to_awaiting_determination()
    walk.step(
        OMBUDSMAN, "determine", "determined", days=5, outcome="uphold", reasons="Fair and reasonable: an apology."
    )
    with writes_nothing(service.engine), pytest.raises(Refused) as refusal:
        service.act(OMBUDSMAN, walk.reference, "correct_clerical_mistake", fields={**CORRECTION, "awards": MONEY_5500})
    assert "made no award" in refusal.value.detail and refusal.value.citation == "DISP 3.6.6AR"
    assert walk.register() is None


def test_a_money_award_given_by_correcting_a_directions_only_award_enters_the_register_as_the_case_stands(
    service: CaseService, clock: FixedClock
) -> None:
    walk = determined(service, clock, {"directions": ["Correct the complainant's credit file"]})
    assert walk.register() is None
    walk.step(walk.complainant, "accept", "accepted", days=3)
    walk.step(
        OMBUDSMAN,
        "correct_clerical_mistake",
        days=2,
        awards={**MONEY_5500, "directions": ["Correct the file"]},
        **CORRECTION,
    )
    entry = walk.register()
    assert entry is not None and (entry.money_award, entry.status) == (Decimal("5500.00"), "binding")
