"""Awards on a complaint about several events (DISP 3.7.1R with DISP 2.8.2R(2), DISP 3.7.4R): a money line names
only events in jurisdiction, every line names them where any event is out, and the limit applies once to the
money award, refused where the events it redresses would have different limits by their dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from ombudsman.rules.awards import (
    AwardsIn,
    LimitsDiffer,
    MoneyLine,
    acts_redressed,
    calculate_award,
    limit_for_events,
    money_lines_may_name,
    one_limit_applies,
)
from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.jurisdiction import assess
from ombudsman.rules.rulebook import NotModelled, load_rulebook
from tests.rules.test_several_events import loan
from tests.rules.test_several_events import loans as several_loans

SEED = load_rulebook("disp-2013")
PUBLISHED = load_rulebook("published")
AS_OF = date(2020, 10, 1)
CITATION = "DISP 3.7.1R, DISP 2.8.2R(2)"


def line(amount: str = "1000.00", *events: str) -> MoneyLine:
    return MoneyLine.model_validate({"head": "financial_loss", "amount": amount, "events": list(events)})


def loans(*events: tuple[str, date]) -> CaseFacts:
    """A consumer's complaint about a series of loans, received by the lender on 10 March 2020 and referred on
    1 September 2020 within six months of a final response that told of the limit; the lender objects to a late
    referral, so a loan more than six years before the complaint is out."""
    return several_loans(*(loan(event_id, on) for event_id, on in events))


def judged(facts: CaseFacts, lines: list[MoneyLine]) -> Any:
    assessment = assess(facts, AS_OF, SEED, exceptional_circumstances_found=False)
    return money_lines_may_name(
        lines,
        events_in=assessment.events_in_jurisdiction,
        events_out=assessment.events_out_of_jurisdiction,
        known=[event.id for event in facts.events],
    )


class TestAMoneyLineNamesTheEventsItRedresses:
    def test_a_line_keeps_the_events_it_names_in_the_calculation(self) -> None:
        awards = AwardsIn(money=[line("500.00", "L2", "L3")])
        calculation = calculate_award(
            awards, referred_on=date(2020, 9, 1), act_on=None, as_of=AS_OF, rulebook=SEED
        ).as_dict()
        assert calculation["lines"] == [{"head": "financial_loss", "amount": "500.00", "events": ["L2", "L3"]}]

    def test_a_line_naming_no_events_is_written_as_it_always_was(self) -> None:
        assert line("500.00").model_dump(mode="json") == {"head": "financial_loss", "amount": "500.00"}

    def test_a_line_naming_an_event_twice_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="each event is named once"):
            line("500.00", "L1", "L1")

    def test_an_event_id_with_a_space_is_refused(self) -> None:
        with pytest.raises(ValidationError) as error:
            line("500.00", "L 1")
        assert error.value.errors()[0]["loc"] == ("events", 0)


class TestOnlyEventsInJurisdictionAreRedressed:
    """L1's six years from the loan end on the day the lender received the complaint (10 March 2020) when it was
    made on 10 March 2014: the day before is out, the day of and the day after are in."""

    def test_a_line_naming_a_loan_made_the_day_before_the_six_year_boundary_is_refused(self) -> None:
        found = judged(loans(("L1", date(2014, 3, 9)), ("L2", date(2016, 1, 1))), [line("100.00", "L1")])
        assert found.passed is False
        assert found.details == {"line": 0}
        assert found.reason.startswith("L1 is outside our jurisdiction: a money award redresses only events in it")
        assert "the reasons may discuss L1 as context" in found.reason
        assert found.citation == CITATION

    def test_a_line_naming_a_loan_made_on_the_six_year_boundary_is_accepted(self) -> None:
        found = judged(loans(("L1", date(2014, 3, 10)), ("L2", date(2016, 1, 1))), [line("100.00", "L1")])
        assert found.passed is True

    def test_a_line_naming_a_loan_made_the_day_after_the_six_year_boundary_is_accepted(self) -> None:
        found = judged(loans(("L1", date(2014, 3, 11)), ("L2", date(2016, 1, 1))), [line("100.00", "L1")])
        assert found.passed is True

    def test_with_an_event_out_a_line_naming_no_events_is_refused_and_told_which_to_name(self) -> None:
        found = judged(
            loans(("L1", date(2014, 3, 9)), ("L2", date(2016, 1, 1)), ("L3", date(2017, 1, 1))),
            [line("100.00", "L2"), line("50.00")],
        )
        assert found.passed is False
        assert found.details == {"line": 1}
        assert found.reason == (
            "name the events this line redresses (of L2 and L3): L1 is outside our jurisdiction, and no money line "
            "may redress it"
        )

    def test_with_every_event_in_a_line_may_name_none(self) -> None:
        found = judged(loans(("L1", date(2014, 3, 10)), ("L2", date(2016, 1, 1))), [line("100.00")])
        assert found.passed is True

    def test_a_line_naming_an_event_the_complaint_does_not_have_is_refused(self) -> None:
        found = judged(loans(("L1", date(2015, 1, 1)), ("L2", date(2016, 1, 1))), [line("100.00", "L1", "L9")])
        assert found.passed is False
        assert found.reason == "L9 is not an event of this complaint (its events: L1 and L2)"

    def test_a_line_naming_an_event_not_yet_decided_is_refused(self) -> None:
        found = money_lines_may_name([line("1.00", "L2")], events_in=["L1"], events_out=[], known=["L1", "L2"])
        assert found.passed is False
        assert found.reason.startswith("L2 is not (or not yet) in our jurisdiction")

    def test_a_line_of_a_one_event_complaint_names_no_events(self) -> None:
        found = money_lines_may_name([line("1.00", "L1")], events_in=[], events_out=[], known=[])
        assert found.passed is False
        assert found.reason == "this complaint is about one event: a money line names no events"
        assert money_lines_may_name([line("1.00")], events_in=[], events_out=[], known=[]).passed is True


# The published rulebook's act-date boundary: for a complaint referred from 1 April 2019, the limit is £160,000
# (2019-20) for an act before 1 April 2019 and £350,000 for an act on or after it.
REFERRED_2019 = date(2019, 6, 1)


class TestTheLimitAppliesOnceToTheMoneyAward:
    def test_events_the_day_before_and_the_day_of_the_act_date_boundary_have_different_limits_and_are_refused(
        self,
    ) -> None:
        acts = {"L1": date(2019, 3, 31), "L2": date(2019, 4, 1)}
        with pytest.raises(LimitsDiffer) as problem:
            limit_for_events(PUBLISHED, REFERRED_2019, act_dates=acts)
        assert "£160,000 for L1" in str(problem.value)
        assert "£350,000 for L2" in str(problem.value)
        assert "No published rule says which of them applies" in str(problem.value)
        found = one_limit_applies(PUBLISHED, REFERRED_2019, act_dates=acts)
        assert found.passed is False
        assert found.citation == "DISP 3.7.4R"

    def test_events_on_the_day_of_and_the_day_after_the_act_date_boundary_share_the_later_limit(self) -> None:
        acts = {"L1": date(2019, 4, 1), "L2": date(2019, 4, 2)}
        assert limit_for_events(PUBLISHED, REFERRED_2019, act_dates=acts).amount == Decimal("350000.00")
        assert one_limit_applies(PUBLISHED, REFERRED_2019, act_dates=acts).passed is True

    def test_events_all_before_the_act_date_boundary_share_the_earlier_limit(self) -> None:
        acts = {"L1": date(2019, 3, 30), "L2": date(2019, 3, 31)}
        assert limit_for_events(PUBLISHED, REFERRED_2019, act_dates=acts).amount == Decimal("160000.00")

    def test_the_seed_rulebook_gives_one_limit_whatever_the_events_dates(self) -> None:
        acts = {"L1": date(2019, 3, 31), "L2": date(2019, 4, 1)}
        assert limit_for_events(SEED, REFERRED_2019, act_dates=acts).amount == Decimal("150000.00")

    def test_a_rulebook_lacking_a_date_leaves_the_limit_undecided(self) -> None:
        found = one_limit_applies(PUBLISHED, date(2026, 4, 1), act_dates={"L1": date(2020, 1, 1)})
        assert found.passed is None
        with pytest.raises(NotModelled):
            limit_for_events(PUBLISHED, date(2026, 4, 1), act_dates={"L1": date(2020, 1, 1)})

    def test_the_events_redressed_are_those_named_or_every_event_in_for_a_line_naming_none(self) -> None:
        dates = {"L1": date(2019, 3, 31), "L2": date(2019, 4, 1), "L3": date(2019, 5, 1)}
        assert acts_redressed([line("1.00", "L2"), line("2.00", "L3")], dates) == {
            "L2": date(2019, 4, 1),
            "L3": date(2019, 5, 1),
        }
        assert acts_redressed([line("1.00", "L2"), line("2.00")], dates) == dates
        assert acts_redressed([], dates) == dates

    def test_lines_naming_only_events_after_the_boundary_are_capped_at_the_later_limit(self) -> None:
        dates = {"L1": date(2019, 3, 31), "L2": date(2019, 4, 1)}
        awards = AwardsIn(money=[line("400000.00", "L2")])
        calculation = calculate_award(
            awards, referred_on=REFERRED_2019, act_on=None, as_of=AS_OF, rulebook=PUBLISHED, event_dates=dates
        )
        assert calculation.limit == Decimal("350000.00")
        assert calculation.money_award == Decimal("350000.00")
        assert calculation.recommended_balance == Decimal("50000.00")

    def test_a_calculation_whose_lines_redress_events_of_different_limits_is_refused(self) -> None:
        dates = {"L1": date(2019, 3, 31), "L2": date(2019, 4, 1)}
        with pytest.raises(LimitsDiffer):
            calculate_award(
                AwardsIn(money=[line("1.00")]),
                referred_on=REFERRED_2019,
                act_on=None,
                as_of=AS_OF,
                rulebook=PUBLISHED,
                event_dates=dates,
            )
