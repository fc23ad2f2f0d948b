"""DISP 3.7: awards, the money award limit and contributions (DISP 3.6.3G).

DISP 3.7.4R: "The maximum money award which the Ombudsman may make is £150,000" (the seed edition).
DISP 3.7.5R: the maximum does not include interest on the money award, costs, or interest on costs.
DISP 3.7.6G: above the maximum, the Ombudsman may recommend that the respondent pays the balance.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from pydantic import ValidationError

from ombudsman.rules.awards import (
    ZERO,
    AwardCalculation,
    AwardsIn,
    CostsTerms,
    InterestTerms,
    MoneyHead,
    MoneyLine,
    apportion,
    awards_may_go_with,
    calculate_award,
    contributions_may_name,
    respondents_part,
    simple_interest,
)
from ombudsman.rules.rulebook import NotModelled, Rulebook, load_rulebook

SEED = load_rulebook("disp-2013")
PUBLISHED = load_rulebook("published")
REFERRED = date(2023, 9, 1)
AS_OF = date(2024, 9, 1)

API_AWARDS: dict[str, Any] = {
    "money": [
        {"head": "financial_loss", "amount": "200000.00"},
        {"head": "distress_or_inconvenience", "amount": "500.00"},
    ],
    "interest": {"rate_percent": "8", "from": "2023-01-01"},
    "costs": {"amount": "750.00", "rate_percent": "8", "from": "2024-01-01"},
    "directions": ["Remove the default from the complainant's credit file"],
    "respondent_missed_time_limit": False,
}


def money(*amounts: str, head: MoneyHead = MoneyHead.financial_loss) -> list[MoneyLine]:
    return [MoneyLine(head=head, amount=Decimal(amount)) for amount in amounts]


def award(
    awards: AwardsIn,
    *,
    rulebook: Rulebook = SEED,
    referred_on: date = REFERRED,
    act_on: date | None = None,
    as_of: date = AS_OF,
) -> AwardCalculation:
    return calculate_award(awards, referred_on=referred_on, act_on=act_on, as_of=as_of, rulebook=rulebook)


# --- DISP 3.7.4R and 3.7.6G: the cap, at the boundary -------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "money_award", "recommended_balance"),
    [
        ("149999.99", "149999.99", "0.00"),  # a penny under the limit: all of it is awarded
        ("150000.00", "150000.00", "0.00"),  # exactly the limit: nothing above it
        ("150000.01", "150000.00", "0.01"),  # a penny over: 150,000.01 - 150,000.00 = 0.01 recommended
    ],
)
def test_the_money_award_is_the_total_up_to_the_limit_and_the_excess_is_recommended(
    total: str, money_award: str, recommended_balance: str
) -> None:
    result = award(AwardsIn(money=money(total)))
    assert result.money_award == Decimal(money_award)
    assert result.recommended_balance == Decimal(recommended_balance)
    assert result.limit == Decimal("150000.00")
    assert result.limit_citation == "DISP 3.7.4R"


def test_200000_financial_loss_and_500_distress_give_150000_awarded_and_50500_recommended() -> None:
    # 200,000.00 + 500.00 = 200,500.00; capped at 150,000.00; 200,500.00 - 150,000.00 = 50,500.00 recommended.
    result = award(
        AwardsIn(
            money=[
                MoneyLine(head=MoneyHead.financial_loss, amount=Decimal("200000.00")),
                MoneyLine(head=MoneyHead.distress_or_inconvenience, amount=Decimal("500.00")),
            ]
        )
    )
    assert result.total_claimed_heads == Decimal("200500.00")
    assert result.money_award == Decimal("150000.00")
    assert result.recommended_balance == Decimal("50500.00")
    assert result.as_dict()["money_award"] == "150000.00"
    assert result.as_dict()["recommended_balance"] == "50500.00"


def test_an_award_above_the_limit_is_capped_and_explained_never_refused() -> None:
    result = award(
        AwardsIn(money=money("200000.00"), interest=InterestTerms(rate_percent=Decimal(8), from_=date(2023, 1, 1)))
    )
    assert result.money_award == Decimal("150000.00")
    assert (
        "The money award is capped at £150,000 (DISP 3.7.4R). "
        "The £50,000 above it is recommended, not binding (DISP 3.7.6G)."
    ) in result.reasons
    assert "Interest and costs are outside the cap (DISP 3.7.5R)." in result.reasons


def test_an_award_within_the_limit_recommends_nothing() -> None:
    result = award(AwardsIn(money=money("1000.00")))
    assert result.recommended_balance == Decimal("0.00")
    assert result.as_dict()["recommended_balance"] == "0.00"
    assert not any("DISP 3.7.6G" in reason for reason in result.reasons)


def test_no_money_lines_make_a_money_award_of_nothing() -> None:
    result = award(AwardsIn(directions=["Correct the credit file"]))
    assert result.money_award == Decimal("0.00")
    assert result.recommended_balance == Decimal("0.00")
    assert result.interest is None
    assert result.costs is None


# --- DISP 3.7.5R: interest and costs are outside the cap ----------------------------------------------------


def test_interest_and_costs_never_reduce_or_count_against_the_cap() -> None:
    bare = award(AwardsIn(money=money("149999.99")))
    full = award(
        AwardsIn(
            money=money("149999.99"),
            interest=InterestTerms(rate_percent=Decimal(8), from_=date(2020, 1, 1)),
            costs=CostsTerms(amount=Decimal("5000.00"), rate_percent=Decimal(8), from_=date(2020, 1, 1)),
        )
    )
    assert full.money_award == bare.money_award == Decimal("149999.99")
    assert full.recommended_balance == bare.recommended_balance == Decimal("0.00")
    assert full.interest is not None and full.interest["accrued"] > Decimal("149999.99") * Decimal("0.08") * 4
    assert full.costs is not None and full.costs["amount"] == Decimal("5000.00")


def test_interest_on_a_capped_award_runs_on_the_capped_amount_not_the_claim() -> None:
    # 150,000.00 x 8% x 365/365 = 12,000.00 (not 8% of the 200,000.00 claimed).
    result = award(
        AwardsIn(money=money("200000.00"), interest=InterestTerms(rate_percent=Decimal(8), from_=date(2023, 1, 1))),
        as_of=date(2024, 1, 1),
    )
    assert result.interest is not None
    assert result.interest["accrued"] == Decimal("12000.00")
    assert result.money_award == Decimal("150000.00")
    assert result.recommended_balance == Decimal("50000.00")


def test_the_interest_award_cites_disp_3_7_8r_and_3_7_5r_and_is_accrued_to_the_date_asked() -> None:
    result = award(
        AwardsIn(money=money("1000.00"), interest=InterestTerms(rate_percent=Decimal(8), from_=date(2024, 1, 1)))
    )
    assert result.as_dict()["interest"] == {
        "rate_percent": "8",
        "from": "2024-01-01",
        "citation": "DISP 3.7.8R, DISP 3.7.5R",
        "accrued_to": "2024-09-01",
        # 1,000.00 x 8 x 244 / 36,500 = 53.479... -> 53.48
        "accrued": "53.48",
    }


def test_costs_cite_disp_3_7_9r_and_3_7_5r_with_interest_on_them_when_a_rate_is_given() -> None:
    result = award(
        AwardsIn(costs=CostsTerms(amount=Decimal("750.00"), rate_percent=Decimal(8), from_=date(2024, 1, 1)))
    )
    assert result.as_dict()["costs"] == {
        "amount": "750.00",
        "rate_percent": "8",
        "from": "2024-01-01",
        "citation": "DISP 3.7.9R, DISP 3.7.5R",
        "accrued_to": "2024-09-01",
        # 750.00 x 8 x 244 / 36,500 = 40.109... -> 40.11
        "accrued": "40.11",
    }


def test_costs_without_a_rate_accrue_no_interest() -> None:
    result = award(AwardsIn(costs=CostsTerms(amount=Decimal("750.00"))))
    assert result.costs is not None
    assert result.costs["accrued"] is None
    assert result.as_dict()["costs"]["accrued"] is None
    assert result.as_dict()["costs"]["amount"] == "750.00"


# --- interest arithmetic: simple, 365-day year, pence half up -----------------------------------------------


def test_a_full_ordinary_year_at_8_percent_is_8_percent() -> None:
    assert simple_interest(Decimal("10000.00"), Decimal(8), date(2023, 1, 1), end=date(2024, 1, 1)) == Decimal("800.00")


def test_a_leap_year_counts_366_days_over_a_365_day_year() -> None:
    # 2024 has 366 days: 10,000.00 x 8 x 366 / 36,500 = 802.1917... -> 802.19
    assert simple_interest(Decimal("10000.00"), Decimal(8), date(2024, 1, 1), end=date(2025, 1, 1)) == Decimal("802.19")


def test_29_february_is_a_day_of_interest() -> None:
    # 28 Feb to 1 Mar: 2 days in 2024, 1 day in 2023. 10,000.00 x 8 x 2 / 36,500 = 4.383... -> 4.38
    assert simple_interest(Decimal("10000.00"), Decimal(8), date(2024, 2, 28), end=date(2024, 3, 1)) == Decimal("4.38")
    assert simple_interest(Decimal("10000.00"), Decimal(8), date(2023, 2, 28), end=date(2023, 3, 1)) == Decimal("2.19")


@pytest.mark.parametrize(
    ("principal", "expected"),
    [
        ("0.50", "0.01"),  # 0.50 x 1% = 0.005 -> 0.01 (half up; banker's rounding would give 0.00)
        ("2.50", "0.03"),  # 0.025 -> 0.03 (banker's rounding would give 0.02)
        ("0.40", "0.00"),  # 0.004 -> 0.00
    ],
)
def test_interest_is_rounded_to_the_penny_half_up(principal: str, expected: str) -> None:
    assert simple_interest(Decimal(principal), Decimal(1), date(2023, 1, 1), end=date(2024, 1, 1)) == Decimal(expected)


def test_interest_from_the_date_asked_is_nothing() -> None:
    result = award(AwardsIn(money=money("1000.00"), interest=InterestTerms(rate_percent=Decimal(8), from_=AS_OF)))
    assert result.interest is not None
    assert result.interest["accrued"] == Decimal("0.00")


def test_interest_from_a_date_after_the_date_asked_is_nothing_not_negative() -> None:
    assert simple_interest(Decimal("1000.00"), Decimal(8), date(2025, 1, 2), end=date(2025, 1, 1)) == Decimal("0.00")


# --- exact decimals -----------------------------------------------------------------------------------------


def test_pounds_and_pence_add_exactly_with_no_floating_point_error() -> None:
    # In floating point 0.1 + 0.2 == 0.30000000000000004.
    result = award(AwardsIn(money=money("0.10", "0.20")))
    assert result.total_claimed_heads == Decimal("0.30")
    assert result.as_dict()["money_award"] == "0.30"


def test_lines_summing_to_exactly_the_limit_are_not_over_it() -> None:
    result = award(AwardsIn(money=money("149999.90", "0.10")))
    assert result.money_award == Decimal("150000.00")
    assert result.recommended_balance == Decimal("0.00")


def test_whole_pound_amounts_are_held_as_pounds_and_pence() -> None:
    line = MoneyLine.model_validate({"head": "financial_loss", "amount": "500"})
    assert line.amount == Decimal("500.00")
    assert str(line.amount) == "500.00"


# --- validation ---------------------------------------------------------------------------------------------


def test_a_negative_money_amount_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError) as error:
        AwardsIn.model_validate({"money": [{"head": "financial_loss", "amount": "-1.00"}]})
    [problem] = error.value.errors()
    assert problem["loc"] == ("money", 0, "amount")
    assert "must not be negative" in problem["msg"]


def test_a_negative_costs_amount_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError) as error:
        AwardsIn.model_validate({"costs": {"amount": "-750.00"}})
    [problem] = error.value.errors()
    assert problem["loc"] == ("costs", "amount")
    assert "must not be negative" in problem["msg"]


def test_an_amount_with_three_decimal_places_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError) as error:
        AwardsIn.model_validate({"money": [{"head": "financial_loss", "amount": "100.005"}]})
    [problem] = error.value.errors()
    assert problem["loc"] == ("money", 0, "amount")
    assert "at most two decimal places" in problem["msg"]


@pytest.mark.parametrize("amount", [100, 12.5, "1E+5", "1_000", "12.505", " 12.50", "£12.50", "NaN", "Infinity"])
def test_money_is_only_a_decimal_string_with_at_most_two_places(amount: object) -> None:
    with pytest.raises(ValidationError) as error:
        AwardsIn.model_validate({"money": [{"head": "financial_loss", "amount": amount}]})
    [problem] = error.value.errors()
    assert problem["loc"] == ("money", 0, "amount")
    assert "at most two decimal places" in problem["msg"]


@pytest.mark.parametrize(("amount", "taken"), [("12.5", "12.50"), ("0", "0.00"), ("150000.00", "150000.00")])
def test_a_decimal_string_is_taken_as_pounds_and_pence(amount: str, taken: str) -> None:
    line = AwardsIn.model_validate({"money": [{"head": "financial_loss", "amount": amount}]}).money[0]
    assert str(line.amount) == taken


def test_an_unknown_head_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError) as error:
        AwardsIn.model_validate({"money": [{"head": "punitive_damages", "amount": "100.00"}]})
    [problem] = error.value.errors()
    assert problem["loc"] == ("money", 0, "head")


@pytest.mark.parametrize("rate", ["-0.01", "100.01"])
def test_an_interest_rate_outside_0_to_100_percent_is_refused_naming_the_field(rate: str) -> None:
    with pytest.raises(ValidationError) as error:
        InterestTerms.model_validate({"rate_percent": rate, "from": "2023-01-01"})
    [problem] = error.value.errors()
    assert problem["loc"] == ("rate_percent",)
    assert "must be a percentage from 0 to 100" in problem["msg"]


def test_an_unknown_field_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        AwardsIn.model_validate({"money": [], "punitive": "1000.00"})
    assert error.value.errors()[0]["loc"] == ("punitive",)


def test_interest_on_costs_needs_both_a_rate_and_a_start_date() -> None:
    with pytest.raises(ValidationError, match="both rate_percent and from"):
        CostsTerms.model_validate({"amount": "750.00", "rate_percent": "8"})


# --- the JSON shape of the API's awards ------------------------------------------------------------------------


def test_the_api_awards_json_round_trips_with_from_as_its_alias() -> None:
    awards = AwardsIn.model_validate(API_AWARDS)
    assert awards.interest is not None and awards.interest.from_ == date(2023, 1, 1)
    assert awards.model_dump(mode="json", by_alias=True) == {**API_AWARDS, "contributions": None}
    assert AwardsIn.model_validate_json(awards.model_dump_json(by_alias=True)) == awards


def test_terms_may_be_built_by_field_name_or_by_alias() -> None:
    by_name = InterestTerms(rate_percent=Decimal(8), from_=date(2023, 1, 1))
    by_alias = InterestTerms.model_validate({"rate_percent": "8", "from": "2023-01-01"})
    assert by_name == by_alias


def test_the_calculation_as_json_has_the_names_the_api_returns() -> None:
    result = award(AwardsIn.model_validate(API_AWARDS), as_of=date(2024, 1, 1)).as_dict()
    assert list(result) == [
        "lines",
        "money_award",
        "recommended_balance",
        "limit",
        "limit_citation",
        "limit_note",
        "interest",
        "costs",
        "directions",
        "respondent_missed_time_limit",
        "contributions",
        "reasons",
    ]
    assert result["lines"] == API_AWARDS["money"]
    assert result["limit"] == "150000.00"
    assert result["limit_citation"] == "DISP 3.7.4R"
    # 150,000.00 x 8% x 365/365 = 12,000.00; the costs' interest runs from 1 Jan 2024: 0 days.
    assert result["interest"]["accrued"] == "12000.00"
    assert result["costs"]["accrued"] == "0.00"


# --- DISP 3.7.11R directions and DISP 3.5.14R ---------------------------------------------------------------


def test_each_direction_is_kept_as_given_and_cites_disp_3_7_11r() -> None:
    result = award(AwardsIn.model_validate(API_AWARDS))
    assert result.directions == [
        {"text": "Remove the default from the complainant's credit file", "citation": "DISP 3.7.11R"}
    ]


def test_a_respondent_who_missed_a_time_limit_gets_a_note_citing_disp_3_5_14r() -> None:
    result = award(AwardsIn(money=money("500.00"), respondent_missed_time_limit=True))
    assert result.respondent_missed_time_limit is True
    assert result.note is not None
    assert "distress or inconvenience" in result.note
    assert "DISP 3.5.14R" in result.note
    assert result.note in result.reasons


def test_no_note_when_the_respondent_kept_to_its_time_limits() -> None:
    result = award(AwardsIn(money=money("500.00")))
    assert result.note is None
    assert not any("DISP 3.5.14R" in reason for reason in result.reasons)


# --- the limit by date: the published rulebook, at every boundary -------------------------------------------

BEFORE_2019 = date(2019, 3, 31)  # an act or omission before 1 April 2019
FROM_2019 = date(2019, 4, 1)  # an act or omission on or after 1 April 2019


@pytest.mark.parametrize(
    ("referred_on", "act_on", "limit"),
    [
        (date(2011, 12, 31), None, "100000.00"),
        (date(2012, 1, 1), None, "150000.00"),
        (date(2019, 3, 31), None, "150000.00"),
        (date(2019, 3, 31), FROM_2019, "150000.00"),
        (date(2019, 4, 1), BEFORE_2019, "160000.00"),
        (date(2019, 4, 1), FROM_2019, "350000.00"),
        (date(2020, 3, 31), BEFORE_2019, "160000.00"),
        (date(2020, 3, 31), FROM_2019, "350000.00"),
        (date(2020, 4, 1), BEFORE_2019, "160000.00"),
        (date(2020, 4, 1), FROM_2019, "355000.00"),
        (date(2022, 3, 31), BEFORE_2019, "160000.00"),
        (date(2022, 3, 31), FROM_2019, "355000.00"),
        (date(2022, 4, 1), BEFORE_2019, "170000.00"),
        (date(2022, 4, 1), FROM_2019, "375000.00"),
        (date(2023, 3, 31), BEFORE_2019, "170000.00"),
        (date(2023, 3, 31), FROM_2019, "375000.00"),
        (date(2023, 4, 1), BEFORE_2019, "190000.00"),
        (date(2023, 4, 1), FROM_2019, "415000.00"),
        (date(2024, 3, 31), BEFORE_2019, "190000.00"),
        (date(2024, 3, 31), FROM_2019, "415000.00"),
        (date(2024, 4, 1), BEFORE_2019, "195000.00"),
        (date(2024, 4, 1), FROM_2019, "430000.00"),
        (date(2025, 3, 31), BEFORE_2019, "195000.00"),
        (date(2025, 3, 31), FROM_2019, "430000.00"),
        (date(2025, 4, 1), BEFORE_2019, "200000.00"),
        (date(2025, 4, 1), FROM_2019, "445000.00"),
        (date(2026, 3, 31), BEFORE_2019, "200000.00"),
        (date(2026, 3, 31), FROM_2019, "445000.00"),
    ],
)
def test_the_published_limit_is_the_one_in_force_on_the_referral_and_act_dates(
    referred_on: date, act_on: date | None, limit: str
) -> None:
    found = PUBLISHED.money_award_limit(referred_on, act_on)
    assert found.amount == Decimal(limit)
    assert found.citation == "DISP 3.7.4R"
    result = award(AwardsIn(money=money("1000000.00")), rulebook=PUBLISHED, referred_on=referred_on, act_on=act_on)
    assert result.money_award == Decimal(limit)
    assert result.recommended_balance == Decimal("1000000.00") - Decimal(limit)
    assert result.limit_note == found.note


def test_a_referral_on_1_april_2026_is_not_modelled_and_the_message_names_the_date() -> None:
    with pytest.raises(NotModelled, match="2026-04-01"):
        award(
            AwardsIn(money=money("1000.00")),
            rulebook=PUBLISHED,
            referred_on=date(2026, 4, 1),
            act_on=FROM_2019,
        )


def test_a_referral_from_april_2019_without_an_act_date_is_not_modelled_and_asks_for_event_date() -> None:
    with pytest.raises(NotModelled, match="event_date"):
        award(AwardsIn(money=money("1000.00")), rulebook=PUBLISHED, referred_on=date(2019, 4, 1), act_on=None)


@pytest.mark.parametrize(
    ("referred_on", "act_on", "limit"),
    [
        (date(2000, 1, 1), None, "100000.00"),
        (date(2011, 12, 31), None, "100000.00"),  # the day before: the transitional limit
        (date(2012, 1, 1), None, "150000.00"),  # the day of
        (date(2012, 1, 2), None, "150000.00"),  # the day after
        (date(2019, 4, 1), None, "150000.00"),
        (date(2019, 4, 1), FROM_2019, "150000.00"),
        (date(2026, 4, 1), None, "150000.00"),
    ],
)
def test_the_seed_rulebook_limit_is_150000_from_2012_and_100000_for_a_complaint_referred_before(
    referred_on: date, act_on: date | None, limit: str
) -> None:
    """DISP 3.7.4R, and the seed edition's transitional provisions for complaints referred before 2012."""
    assert SEED.money_award_limit(referred_on, act_on).amount == Decimal(limit)


def test_a_complaint_referred_in_2011_is_capped_at_100000_with_the_balance_recommended() -> None:
    awards = AwardsIn.model_validate({"money": [{"head": "financial_loss", "amount": "140000.00"}]})
    calculation = calculate_award(
        awards, referred_on=date(2011, 11, 1), act_on=date(2010, 5, 1), as_of=date(2013, 6, 1), rulebook=SEED
    )
    assert calculation.money_award == Decimal("100000.00")
    assert calculation.recommended_balance == Decimal("40000.00")


# --- DISP 3.6.3G: contributions in proportions --------------------------------------------------------------


def test_contributions_in_decimal_proportions_split_the_award() -> None:
    shares = {"Bank A": Decimal("0.5"), "Broker B": Decimal("0.3"), "Insurer C": Decimal("0.2")}
    assert apportion(Decimal("150000.00"), shares) == {
        "Bank A": Decimal("75000.00"),
        "Broker B": Decimal("45000.00"),
        "Insurer C": Decimal("30000.00"),
    }


def test_thirds_give_the_odd_penny_to_the_first_respondent_and_sum_exactly() -> None:
    third = Fraction(1, 3)
    parts = apportion(Decimal("100.00"), {"A": third, "B": third, "C": third})
    assert parts == {"A": Decimal("33.34"), "B": Decimal("33.33"), "C": Decimal("33.33")}
    assert sum(parts.values()) == Decimal("100.00")


def test_the_odd_penny_goes_to_the_largest_remainder() -> None:
    # 0.07 x 0.3 = 0.021 and 0.07 x 0.7 = 0.049: floors 0.02 + 0.04 = 0.06; the penny goes to the 0.049.
    assert apportion(Decimal("0.07"), {"A": Decimal("0.3"), "B": Decimal("0.7")}) == {
        "A": Decimal("0.02"),
        "B": Decimal("0.05"),
    }


@pytest.mark.parametrize("whole", ["0.00", "0.01", "0.05", "99.99", "100.00", "149999.99", "150000.00"])
def test_apportioned_parts_always_sum_exactly_to_the_award(whole: str) -> None:
    for shares in (
        {"A": Fraction(1, 3), "B": Fraction(1, 3), "C": Fraction(1, 3)},
        {"A": Decimal("0.125"), "B": Decimal("0.375"), "C": Decimal("0.5")},
        {"A": Fraction(1, 7), "B": Fraction(2, 7), "C": Fraction(4, 7)},
        {"A": Decimal("1")},
    ):
        parts = apportion(Decimal(whole), shares)
        assert sum(parts.values(), Decimal("0.00")) == Decimal(whole)
        assert list(parts) == list(shares)
        assert all(part == part.quantize(Decimal("0.01")) for part in parts.values())


def test_apportioning_is_deterministic() -> None:
    shares = {"A": Fraction(1, 3), "B": Fraction(1, 3), "C": Fraction(1, 3)}
    assert apportion(Decimal("0.02"), shares) == apportion(Decimal("0.02"), dict(shares))
    assert apportion(Decimal("0.02"), shares) == {
        "A": Decimal("0.01"),
        "B": Decimal("0.01"),
        "C": Decimal("0.00"),
    }


@pytest.mark.parametrize(
    "shares",
    [
        {"A": Decimal("0.5"), "B": Decimal("0.49")},  # 0.99
        {"A": Decimal("50"), "B": Decimal("50")},  # percent, not fractions
        {"A": Decimal("0.3333"), "B": Decimal("0.3333"), "C": Decimal("0.3333")},
    ],
)
def test_shares_that_do_not_sum_to_exactly_1_are_refused(shares: dict[str, Decimal]) -> None:
    with pytest.raises(ValueError, match="sum to exactly 1"):
        apportion(Decimal("100.00"), shares)


def test_a_negative_share_is_refused() -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        apportion(Decimal("100.00"), {"A": Decimal("1.5"), "B": Decimal("-0.5")})


def test_no_shares_are_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        apportion(Decimal("100.00"), {})


def test_an_award_in_fractions_of_a_penny_is_refused() -> None:
    with pytest.raises(ValueError, match="whole pence"):
        apportion(Decimal("100.001"), {"A": Decimal("1")})


# DISP 3.7.1R: awards only in the complainant's favour


@pytest.mark.parametrize("outcome", ["uphold", "partly_uphold"])
def test_awards_may_go_with_a_complaint_upheld_in_full_or_in_part(outcome: str) -> None:
    awards = AwardsIn.model_validate({"money": [{"head": "financial_loss", "amount": "100.00"}]})
    finding = awards_may_go_with(outcome, awards)
    assert finding.passed is True and finding.citation == "DISP 3.7.1R"


@pytest.mark.parametrize(
    ("given", "named"),
    [
        ({"money": [{"head": "financial_loss", "amount": "100.00"}]}, "a money award"),
        ({"interest": {"rate_percent": "8", "from": "2025-02-01"}}, "interest"),
        ({"costs": {"amount": "300.00"}}, "costs"),
        ({"directions": ["Correct the credit file"]}, "directions"),
    ],
)
def test_a_complaint_not_upheld_carries_no_award_of_any_kind(given: dict[str, Any], named: str) -> None:
    finding = awards_may_go_with("not_uphold", AwardsIn.model_validate(given))
    assert finding.passed is False
    assert finding.citation == "DISP 3.7.1R"
    assert f"remove {named}" in finding.reason


def test_a_complaint_not_upheld_may_name_empty_awards() -> None:
    assert awards_may_go_with("not_uphold", AwardsIn()).passed is True


# --- DISP 3.6.3G: contributions ordered in a determination ---------------------------------------------------


def shared(*parts: tuple[str, str], amount: str = "150000.00") -> dict[str, Any]:
    return {
        "money": [{"head": "financial_loss", "amount": amount}],
        "contributions": [{"reference": reference, "share": share} for reference, share in parts],
    }


def test_a_money_award_shared_between_connected_complaints_orders_each_respondent_its_part() -> None:
    calculation = award(AwardsIn.model_validate(shared(("FOS-1", "1/3"), ("FOS-2", "2/3"), amount="1000.00")))
    assert calculation.as_dict()["contributions"] == [
        {
            "reference": "FOS-1",
            "share": "1/3",
            "claimed": "333.33",
            "amount": "333.33",
            "recommended_balance": "0.00",
            "interest": None,
        },
        {
            "reference": "FOS-2",
            "share": "2/3",
            "claimed": "666.67",
            "amount": "666.67",
            "recommended_balance": "0.00",
            "interest": None,
        },
    ]
    assert calculation.reasons[2] == (
        "Each respondent's part is its own award, capped at the limit on its own (DISP 3.5.3R, DISP 3.7.4R): "
        "FOS-1 £333.33, FOS-2 £666.67 (DISP 3.6.3G)."
    )


def test_each_respondents_part_is_worked_out_first_then_capped_on_its_own() -> None:
    """DISP 3.5.3R, 3.7.4R (edition 3 point 2): £300,000 split half each is £150,000 each, not £75,000."""
    calculation = award(AwardsIn.model_validate(shared(("FOS-1", "1/2"), ("FOS-2", "1/2"), amount="300000.00")))
    assert [part["amount"] for part in calculation.contributions or []] == [Decimal("150000.00")] * 2
    assert [part["recommended_balance"] for part in calculation.contributions or []] == [ZERO, ZERO]
    assert calculation.money_award == Decimal("300000.00") and calculation.recommended_balance == ZERO


def test_a_part_exactly_at_the_limit_is_awarded_whole_with_nothing_recommended() -> None:
    calculation = award(AwardsIn.model_validate(shared(("FOS-1", "0.6"), ("FOS-2", "0.4"), amount="250000.00")))
    first, second = calculation.contributions or []
    assert (first["amount"], first["recommended_balance"]) == (Decimal("150000.00"), ZERO)
    assert (second["amount"], second["recommended_balance"]) == (Decimal("100000.00"), ZERO)


def test_a_part_a_penny_over_the_limit_is_capped_and_the_penny_recommended() -> None:
    """DISP 3.7.4R on the part, DISP 3.7.6G: the balance of that respondent's own part is recommended."""
    calculation = award(AwardsIn.model_validate(shared(("FOS-1", "1/2"), ("FOS-2", "1/2"), amount="300000.02")))
    for part in calculation.contributions or []:
        assert part["claimed"] == Decimal("150000.01")
        assert (part["amount"], part["recommended_balance"]) == (Decimal("150000.00"), Decimal("0.01"))
    assert calculation.money_award == Decimal("300000.00") and calculation.recommended_balance == Decimal("0.02")
    assert "the £0.01 above it recommended, not binding" in calculation.reasons[2]


def test_interest_runs_on_each_respondents_own_part_only() -> None:
    """DISP 3.7.8R: £100,000 split half each at 8% for a year is £4,000 interest for each firm, not £8,000."""
    given = {
        **shared(("FOS-1", "1/2"), ("FOS-2", "1/2"), amount="100000.00"),
        "interest": {"rate_percent": "8", "from": "2024-01-01"},
    }
    calculation = award(AwardsIn.model_validate(given), as_of=date(2024, 12, 31))  # 365 days
    assert [part["interest"] for part in calculation.contributions or []] == [Decimal("4000.00")] * 2
    assert [part["interest"] for part in calculation.as_dict()["contributions"]] == ["4000.00", "4000.00"]


def test_each_respondent_is_registered_for_its_own_part() -> None:
    stored = award(AwardsIn.model_validate(shared(("FOS-1", "0.6"), ("FOS-2", "0.4"), amount="1000.00"))).as_dict()
    assert respondents_part(stored, "FOS-2") == Decimal("400.00")
    assert respondents_part(award(AwardsIn.model_validate(API_AWARDS)).as_dict(), "FOS-2") == Decimal("150000.00")


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        ((("FOS-1", "0.6"), ("FOS-2", "0.3")), "add up to exactly 1 (these add up to 9/10)"),
        ((("FOS-1", "0.6"), ("FOS-2", "0.5")), "add up to exactly 1 (these add up to 11/10)"),
        ((("FOS-1", "0.5"), ("FOS-1", "0.5")), "each case is named once"),
        ((("FOS-1", "1"),), "at least 2 items"),
        ((("FOS-1", "0"), ("FOS-2", "1")), "more than nothing"),
        ((("FOS-1", "1/0"), ("FOS-2", "1")), "divided by zero"),
        ((("FOS-1", "60%"), ("FOS-2", "0.4")), 'as a decimal ("0.6") or a fraction ("1/3")'),
    ],
)
def test_shares_that_do_not_make_the_whole_are_refused_naming_contributions(
    shares: tuple[tuple[str, str], ...], message: str
) -> None:
    with pytest.raises(ValidationError, match="contributions") as refused:
        AwardsIn.model_validate(shared(*shares))
    assert message in str(refused.value)


def test_thirds_add_up_to_the_whole_and_round_trip_as_json() -> None:
    awards = AwardsIn.model_validate(shared(("FOS-1", "1/3"), ("FOS-2", "1/3"), ("FOS-3", "1/3")))
    assert [part.share for part in awards.contributions or []] == [Fraction(1, 3)] * 3
    assert AwardsIn.model_validate_json(awards.model_dump_json()) == awards


def test_a_shared_award_names_this_case_and_only_complaints_connected_to_it() -> None:
    named = ["FOS-1", "FOS-2"]
    assert contributions_may_name(named, this_case="FOS-1", connected=["FOS-2"]).passed is True
    missing = contributions_may_name(named, this_case="FOS-3", connected=["FOS-1", "FOS-2"])
    assert (missing.passed, missing.reason) == (False, "name this case, FOS-3, with its respondent's share")
    stranger = contributions_may_name(named, this_case="FOS-1", connected=[])
    assert stranger.passed is False and stranger.reason.startswith("FOS-2 is not a complaint connected to this one")
    assert stranger.citation == "DISP 3.6.3G"
