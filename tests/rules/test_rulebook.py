"""Dated parameters: the rulebooks, and the payment-services business days (DISP 2.8.1R(2A), 2018)."""

from __future__ import annotations

from datetime import date

import pytest

from ombudsman.rules.rulebook import DEFAULT_RULEBOOK, available_rulebooks, load_rulebook


def test_both_rulebooks_are_available() -> None:
    assert {"disp-2013", "published"} <= set(available_rulebooks())


def test_the_default_rulebook_is_the_seed_edition() -> None:
    assert DEFAULT_RULEBOOK == "disp-2013"
    assert load_rulebook().name == "disp-2013"


def test_each_rulebook_loads_under_its_own_name() -> None:
    for name in available_rulebooks():
        assert load_rulebook(name).name == name


def test_an_unknown_rulebook_is_refused_naming_the_choices() -> None:
    with pytest.raises(ValueError, match="disp-2099") as error:
        load_rulebook("disp-2099")
    assert "disp-2013" in str(error.value)
    assert "published" in str(error.value)


PUBLISHED = load_rulebook("published")
SEED = load_rulebook("disp-2013")


def test_payment_services_complaints_made_before_13_january_2018_have_no_business_day_limit() -> None:
    assert PUBLISHED.payment_services_days(date(2018, 1, 12), holding_response_sent=False) is None
    assert PUBLISHED.payment_services_days(date(2018, 1, 12), holding_response_sent=True) is None


def test_payment_services_complaints_from_13_january_2018_give_the_respondent_15_business_days() -> None:
    assert PUBLISHED.payment_services_days(date(2018, 1, 13), holding_response_sent=False) == 15


def test_a_holding_response_gives_the_respondent_35_business_days() -> None:
    assert PUBLISHED.payment_services_days(date(2018, 1, 13), holding_response_sent=True) == 35
    assert PUBLISHED.payment_services_days(date(2025, 6, 1), holding_response_sent=True) == 35


@pytest.mark.parametrize("complained_on", [date(2015, 1, 1), date(2018, 1, 13), date(2025, 6, 1)])
@pytest.mark.parametrize("holding_response_sent", [False, True])
def test_the_seed_edition_has_no_payment_services_business_day_limit(
    complained_on: date, holding_response_sent: bool
) -> None:
    assert SEED.payment_services_days(complained_on, holding_response_sent) is None


def test_both_rulebooks_give_the_respondent_eight_weeks() -> None:
    assert SEED.respondent_time.weeks == PUBLISHED.respondent_time.weeks == 8
