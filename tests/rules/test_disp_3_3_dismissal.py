"""DISP 3.3: proposing a dismissal without considering the merits, dismissing once the complainant has had the
chance to make representations, and dismissing a test case. The time to make representations on its boundaries:
the day before, of and after its last day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ombudsman.citations import UnknownParagraph

# Imported under another name: pytest would collect a function called test_... as a test of its own.
from ombudsman.rules.disp_3_3_dismissal import (
    dismissal_may_be_proposed,
    may_dismiss,
    may_dismiss_as_a_test_case,
    point_of_law_is_stated,
)

LAST_DAY = date(2026, 11, 16)
DAY = timedelta(days=1)
BOUNDARIES = [LAST_DAY - DAY, LAST_DAY, LAST_DAY + DAY]
IDS = ["the day before the last day", "the last day", "the day after it"]


# DISP 3.3.1R and 3.3.4R


@pytest.mark.parametrize("ground", ["1", "8", "16A", "17"])
def test_a_dismissal_may_be_proposed_on_a_ground_of_disp_3_3_4r_and_cites_that_ground(ground: str) -> None:
    found = dismissal_may_be_proposed(ground)
    assert found.passed is True
    assert found.citation == f"DISP 3.3.1R, DISP 3.3.4R({ground})"
    assert "representations" in found.reason


def test_a_dismissal_cannot_be_proposed_on_a_ground_disp_3_3_4r_does_not_have() -> None:
    with pytest.raises(UnknownParagraph, match=r"DISP 3\.3\.4R\(18\)"):
        dismissal_may_be_proposed("18")


# DISP 3.3.1R and 3.3.2R


@pytest.mark.parametrize("today", BOUNDARIES, ids=IDS)
def test_a_complainant_who_has_made_representations_need_not_be_waited_for(today: date) -> None:
    found = may_dismiss(True, LAST_DAY, today)
    assert found.passed is True
    assert found.citation == "DISP 3.3.2R"


@pytest.mark.parametrize(("today", "allowed"), list(zip(BOUNDARIES, [False, False, True], strict=True)), ids=IDS)
def test_an_unheard_complainant_is_waited_for_up_to_and_including_the_last_day(today: date, allowed: bool) -> None:
    found = may_dismiss(False, LAST_DAY, today)
    assert found.passed is allowed
    assert found.citation == ("DISP 3.3.2R" if allowed else "DISP 3.3.1R")
    assert ("until 16 November 2026" in found.reason) is not allowed


def test_an_unheard_complainant_with_no_time_limit_set_is_waited_for() -> None:
    found = may_dismiss(False, None, LAST_DAY)
    assert found.passed is False
    assert found.citation == "DISP 3.3.1R"
    assert found.reason == "The complainant has to make representations first."


def test_a_heard_complainant_with_no_time_limit_set_need_not_be_waited_for() -> None:
    assert may_dismiss(True, None, LAST_DAY).passed is True


# DISP 3.3.5R and 3.3.6G


def test_a_test_case_may_be_dismissed_with_the_respondents_undertaking_to_pay_the_complainants_costs() -> None:
    found = may_dismiss_as_a_test_case(point_of_law="Whether clause 7 is unfair.", costs_undertaking=True)
    assert found.passed is True
    assert found.citation == "DISP 3.3.5R, DISP 3.3.6G"
    assert "test case" in found.reason and "costs" in found.reason


def test_a_test_case_cannot_be_dismissed_without_the_respondents_undertaking_to_pay_costs() -> None:
    found = may_dismiss_as_a_test_case(point_of_law="Whether clause 7 is unfair.", costs_undertaking=False)
    assert found.passed is False
    assert found.citation == "DISP 3.3.5R"
    assert "undertaking" in found.reason and "costs" in found.reason


@pytest.mark.parametrize("point_of_law", [None, "", "   "])
def test_a_test_case_needs_the_respondents_written_statement_of_the_point_of_law(point_of_law: str | None) -> None:
    found = may_dismiss_as_a_test_case(point_of_law=point_of_law, costs_undertaking=True)
    assert found.passed is False
    assert found.citation == "DISP 3.3.5R"
    assert "written statement of how and why the complaint raises an important or novel point of law" in found.reason
    stated = point_of_law_is_stated(point_of_law)
    assert (stated.passed, stated.citation) == (False, "DISP 3.3.5R")


def test_a_stated_point_of_law_is_the_respondents_statement_given() -> None:
    assert point_of_law_is_stated("Whether clause 7 is unfair.").passed is True


@pytest.mark.parametrize(
    ("ground", "citation"),
    [
        ("test_case", "DISP 3.3.5R"),
        ("information_not_supplied", "DISP 3.5.9R(4)"),
        ("time_limit_missed", "DISP 3.5.15R"),
    ],
)
def test_a_dismissal_may_be_proposed_on_a_ground_outside_disp_3_3_4r_citing_its_own_paragraph(
    ground: str, citation: str
) -> None:
    found = dismissal_may_be_proposed(ground)
    assert found.passed is True
    assert found.citation == f"DISP 3.3.1R, {citation}"
