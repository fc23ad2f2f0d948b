"""Windows the engine sets: rolled off weekends and bank holidays, longer for a complainant who needs more time,
a caller's own date used exactly, and every extension recorded with its reason (DISP 3.5.13R)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from ombudsman.clock import FixedClock
from ombudsman.models import Award, Case, TimeLimit, TimeLimitExtension
from ombudsman.service import CaseService
from ombudsman.settings import Settings
from tests.conftest import CASEWORKER, OMBUDSMAN
from tests.factories import facts_data


def _investigation(service: CaseService, clock: FixedClock, today: date, **facts: object) -> str:
    clock.set(today)
    reference = service.open_case(CASEWORKER, facts_data(**facts)).reference
    service.act(CASEWORKER, reference, "start_jurisdiction_check")
    service.act(CASEWORKER, reference, "accept_jurisdiction", fields={"reasons": "Every test passes."})
    return reference


def _limit(engine: Engine, kind: str, reference: str | None = None) -> TimeLimit:
    with Session(engine) as session:
        query = select(TimeLimit).where(TimeLimit.kind == kind, TimeLimit.status == "open")
        if reference is not None:
            query = query.join(Case, col(Case.id) == col(TimeLimit.case_id)).where(Case.reference == reference)
        return session.exec(query).one()


def test_a_14_day_window_that_would_end_on_a_saturday_ends_on_the_monday(
    service: CaseService, clock: FixedClock
) -> None:
    friday = _investigation(service, clock, date(2026, 11, 6))  # 14 days on is Friday 20 November
    assert _limit(service.engine, "representations", friday).due_on == date(2026, 11, 20)
    saturday = _investigation(service, clock, date(2026, 11, 7))  # 14 days on is Saturday 21 November
    assert _limit(service.engine, "representations", saturday).due_on == date(2026, 11, 23)


def test_a_window_that_would_end_on_christmas_day_ends_on_the_next_business_day(
    service: CaseService, clock: FixedClock
) -> None:
    _investigation(service, clock, date(2026, 12, 11))  # 14 days on is Friday 25 December; 28th is Boxing Day's
    assert _limit(service.engine, "representations").due_on == date(2026, 12, 29)


def test_a_vulnerable_complainant_gets_the_longer_window_the_setting_gives(
    service: CaseService, clock: FixedClock
) -> None:
    _investigation(service, clock, date(2026, 11, 2), complainant={"vulnerable": True})
    assert _limit(service.engine, "representations").due_on == date(2026, 11, 30)  # 14 + 14 days


def test_a_complainant_granted_more_time_gets_the_longer_window_too(service: CaseService, clock: FixedClock) -> None:
    _investigation(service, clock, date(2026, 11, 2), complainant={"adjustments": ["more_time", "large_print"]})
    assert _limit(service.engine, "representations").due_on == date(2026, 11, 30)


def test_a_window_binding_only_the_respondent_is_not_lengthened(service: CaseService, clock: FixedClock) -> None:
    reference = _investigation(service, clock, date(2026, 11, 2), complainant={"vulnerable": True})
    service.act(
        CASEWORKER,
        reference,
        "set_time_limit",
        fields={"deadline": "information", "until": "2026-11-09", "binds": ["respondent"], "reasons": "Send the file."},
    )
    assert _limit(service.engine, "information").due_on == date(2026, 11, 9)  # the caller's date, exactly


def test_a_date_the_caller_gives_is_used_exactly_even_on_a_sunday(service: CaseService, clock: FixedClock) -> None:
    reference = _investigation(service, clock, date(2026, 11, 2))
    service.act(
        CASEWORKER, reference, "propose_dismissal", fields={"ground": "2", "reasons": "x", "respond_by": "2026-11-15"}
    )
    assert _limit(service.engine, "dismissal_representations").due_on == date(2026, 11, 15)


def test_an_extension_is_recorded_with_its_reason_and_moves_the_date(service: CaseService, clock: FixedClock) -> None:
    reference = _investigation(service, clock, date(2026, 11, 2))
    service.act(
        CASEWORKER,
        reference,
        "extend_time_limit",
        fields={"deadline": "representations", "until": "2026-12-04", "reasons": "The complainant is in hospital."},
    )
    assert _limit(service.engine, "representations").due_on == date(2026, 12, 4)
    with Session(service.engine) as session:
        extension = session.exec(select(TimeLimitExtension)).one()
    assert (extension.from_due_on, extension.to_due_on) == (date(2026, 11, 16), date(2026, 12, 4))
    assert extension.reasons == "The complainant is in hospital." and extension.by_user == CASEWORKER.name


def _determine_a_large_award(service: CaseService, clock: FixedClock) -> Award:
    reference = _investigation(service, clock, date(2026, 11, 2), referred_on="2025-09-01", event_date="2025-02-01")
    clock.advance(15)
    service.act(CASEWORKER, reference, "issue_provisional_assessment", fields={"outcome": "uphold", "reasons": "x"})
    service.act(CASEWORKER, reference, "disagree", fields={"on_behalf_of": "respondent"})
    service.act(
        OMBUDSMAN,
        reference,
        "determine",
        fields={
            "outcome": "uphold",
            "reasons": "x",
            "awards": {"money": [{"head": "financial_loss", "amount": "500000"}]},
        },
    )
    with Session(service.engine) as session:
        return session.exec(select(Award)).one()


def test_the_seed_rulebook_caps_every_money_award_at_150000(service: CaseService, clock: FixedClock) -> None:
    award = _determine_a_large_award(service, clock)
    assert (award.money_award, award.recommended_balance) == (Decimal("150000.00"), Decimal("350000.00"))


@pytest.fixture
def published(engine: Engine, clock: FixedClock, settings: Settings) -> CaseService:
    return CaseService(engine, clock, settings.model_copy(update={"rulebook": "published"}))


def test_the_published_rulebook_caps_by_referral_and_act_date(published: CaseService, clock: FixedClock) -> None:
    award = _determine_a_large_award(published, clock)  # referred 1 Sept 2025 about an act on 1 Feb 2025
    assert (award.money_award, award.recommended_balance) == (Decimal("445000.00"), Decimal("55000.00"))
