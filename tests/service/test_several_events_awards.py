"""Awards on a complaint about several events, through the service (DISP 3.7.1R with DISP 2.8.2R(2), DISP 3.7.4R):
a money line names only events the case's live assessment finds in jurisdiction, every line names them once an
event is out, and the limit applies once to the money award. Each refusal is 422 naming the field, writing
nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine

from ombudsman import reads
from ombudsman.clock import FixedClock
from ombudsman.errors import InvalidInput
from ombudsman.service import CaseService
from ombudsman.settings import Settings
from tests.conftest import CASEWORKER, OMBUDSMAN
from tests.walk import FIRM, Walk


def loan(event_id: str, on: str, aware: str | None = None) -> dict[str, Any]:
    return {"id": event_id, "kind": "loan", "date": on, "awareness_date": aware or on}


# Complained of to the lender on 2 June 2025, referred on 1 September 2025; the lender objects to a late referral.
LOANS = [loan("L1", "2020-01-01"), loan("L2", "2021-03-01"), loan("L3", "2024-01-01")]
# L1 moved to 1 January 2019: more than six years before the complaint, and three after the complainant knew.
L1_OUT = [loan("L1", "2019-01-01"), *LOANS[1:]]


def several(service: CaseService, clock: FixedClock, events: list[dict[str, Any]] = LOANS) -> Walk:
    return Walk(
        service,
        clock,
        date(2025, 9, 8),
        event_date=None,
        awareness_date=None,
        events=events,
        respondent_consents_to_late_referral=False,
    )


def l1_moved_out(walk: Walk) -> Walk:
    walk.step(CASEWORKER, "amend_facts", facts={"events": L1_OUT}, reasons="The first loan's agreement is dated 2019.")
    jurisdiction = reads.case(walk.service, CASEWORKER, walk.reference).jurisdiction
    assert (jurisdiction["events_in_jurisdiction"], jurisdiction["events_out_of_jurisdiction"]) == (
        ["L2", "L3"],
        ["L1"],
    )
    return walk


def determination(walk: Walk, *lines: dict[str, Any]) -> dict[str, Any]:
    return {
        "outcome": "partly_uphold",
        "reasons": "L2 and L3 were unaffordable. L1 is out of time and is discussed only as context.",
        "accept_before": (walk.clock.today() + timedelta(days=29)).isoformat(),
        "awards": {"money": list(lines)},
    }


def refused_field(walk: Walk, actor: Any, name: str, fields: dict[str, Any]) -> InvalidInput:
    before = walk.reload()
    with pytest.raises(InvalidInput) as refusal:
        walk.service.act(actor, walk.reference, name, fields=fields)
    after = walk.reload()
    assert (after.version, after.state) == (before.version, before.state)  # nothing written
    return refusal.value


class TestDetermineOnACaseWithAnEventOut:
    def test_a_money_line_naming_no_events_is_refused_naming_its_events(
        self, service: CaseService, clock: FixedClock
    ) -> None:
        walk = l1_moved_out(several(service, clock).to_awaiting_determination())
        problem = refused_field(
            walk, OMBUDSMAN, "determine", determination(walk, {"head": "financial_loss", "amount": "900.00"})
        )
        [error] = problem.errors or []
        assert error["field"] == "awards.money.0.events"
        assert "name the events this line redresses (of L2 and L3)" in error["message"]
        assert "(DISP 3.7.1R, DISP 2.8.2R(2))" in error["message"]

    def test_a_money_line_naming_the_event_out_is_refused(self, service: CaseService, clock: FixedClock) -> None:
        walk = l1_moved_out(several(service, clock).to_awaiting_determination())
        lines = (
            {"head": "financial_loss", "amount": "900.00", "events": ["L2"]},
            {"head": "distress_or_inconvenience", "amount": "100.00", "events": ["L1", "L3"]},
        )
        problem = refused_field(walk, OMBUDSMAN, "determine", determination(walk, *lines))
        [error] = problem.errors or []
        assert error["field"] == "awards.money.1.events"
        assert error["message"].startswith("L1 is outside our jurisdiction")

    def test_a_money_line_naming_an_event_the_case_does_not_have_is_refused(
        self, service: CaseService, clock: FixedClock
    ) -> None:
        walk = l1_moved_out(several(service, clock).to_awaiting_determination())
        line = {"head": "financial_loss", "amount": "900.00", "events": ["L9"]}
        problem = refused_field(walk, OMBUDSMAN, "determine", determination(walk, line))
        assert [error["field"] for error in problem.errors or []] == ["awards.money.0.events"]
        assert "L9 is not an event of this complaint" in str(problem.errors)

    def test_money_lines_naming_only_events_in_are_determined_and_keep_their_events(
        self, service: CaseService, clock: FixedClock
    ) -> None:
        walk = l1_moved_out(several(service, clock).to_awaiting_determination())
        lines = (
            {"head": "financial_loss", "amount": "900.00", "events": ["L2", "L3"]},
            {"head": "distress_or_inconvenience", "amount": "100.00", "events": ["L3"]},
        )
        walk.step(OMBUDSMAN, "determine", "determined", **determination(walk, *lines))
        [award] = [
            award for award in reads.case(service, CASEWORKER, walk.reference).awards if award.stage == "determination"
        ]
        assert award.lines == [
            {"head": "financial_loss", "amount": "900.00", "events": ["L2", "L3"]},
            {"head": "distress_or_inconvenience", "amount": "100.00", "events": ["L3"]},
        ]
        letter = next(letter for letter in walk.letters() if letter.kind == "determination")
        said = " ".join(letter.text.split())
        assert "- Financial loss: £900 for L2 and L3" in said
        assert "Distress or inconvenience: £100 for L3" in said
        assert "Financial loss: £900 for L2 and L3</li>" in letter.html

    def test_a_clerical_correction_naming_the_event_out_is_refused(
        self, service: CaseService, clock: FixedClock
    ) -> None:
        walk = l1_moved_out(several(service, clock).to_awaiting_determination())
        line = {"head": "financial_loss", "amount": "900.00", "events": ["L2"]}
        walk.step(OMBUDSMAN, "determine", "determined", **determination(walk, line))
        wrong = {"head": "financial_loss", "amount": "990.00", "events": ["L1", "L2"]}
        problem = refused_field(
            walk,
            OMBUDSMAN,
            "correct_clerical_mistake",
            {"reasons": "A typing slip.", "correction": "£990", "awards": {"money": [wrong]}},
        )
        assert [error["field"] for error in problem.errors or []] == ["awards.money.0.events"]


def test_a_provisional_assessment_on_a_case_with_an_event_out_names_the_events_of_each_line(
    service: CaseService, clock: FixedClock
) -> None:
    walk = l1_moved_out(several(service, clock).to_investigation())
    clock.advance(15)
    fields: dict[str, Any] = {
        "outcome": "partly_uphold",
        "reasons": "L2 and L3 look unaffordable.",
        "awards": {"money": [{"head": "financial_loss", "amount": "900.00"}]},
    }
    problem = refused_field(walk, CASEWORKER, "issue_provisional_assessment", fields)
    assert [error["field"] for error in problem.errors or []] == ["awards.money.0.events"]
    fields["awards"]["money"][0]["events"] = ["L2"]
    walk.step(CASEWORKER, "issue_provisional_assessment", "provisional_assessment", **fields)


def test_on_a_case_with_every_event_in_a_line_may_name_none(service: CaseService, clock: FixedClock) -> None:
    walk = several(service, clock).to_awaiting_determination()  # its provisional assessment's line names none
    walk.step(OMBUDSMAN, "determine", "determined", **determination(walk, {"head": "financial_loss", "amount": "1.00"}))


def test_a_one_event_case_refuses_a_money_line_naming_events(service: CaseService, clock: FixedClock) -> None:
    walk = Walk(service, clock, date(2025, 9, 8)).to_awaiting_determination()
    line = {"head": "financial_loss", "amount": "900.00", "events": ["L1"]}
    problem = refused_field(walk, OMBUDSMAN, "determine", determination(walk, line))
    assert [error["field"] for error in problem.errors or []] == ["awards.money.0.events"]


# Under the published rulebook a complaint referred in 2025 has a limit of £200,000 for an act before 1 April 2019
# and £445,000 for an act on or after it. L0 (31 March 2019) stays in because the complainant knew of it late.
ACROSS_THE_BOUNDARY = [loan("L0", "2019-03-31", "2023-01-01"), loan("L1", "2019-04-01", "2023-01-01"), *LOANS[1:]]


def awaiting_determination_without_an_award(walk: Walk) -> Walk:
    walk.to_investigation()
    walk.step(CASEWORKER, "issue_provisional_assessment", days=2, outcome="uphold", reasons="Unaffordable lending.")
    return walk.step(FIRM, "disagree", "awaiting_determination", days=3, reasons="We checked affordability.")


@pytest.fixture
def published(engine: Engine, clock: FixedClock, settings: Settings) -> CaseService:
    return CaseService(engine, clock, settings.model_copy(update={"rulebook": "published"}))


def test_lines_redressing_events_either_side_of_the_act_date_boundary_are_refused_naming_awards(
    published: CaseService, clock: FixedClock
) -> None:
    walk = awaiting_determination_without_an_award(several(published, clock, ACROSS_THE_BOUNDARY))
    line = {"head": "financial_loss", "amount": "500000.00", "events": ["L0", "L1"]}
    problem = refused_field(walk, OMBUDSMAN, "determine", determination(walk, line))
    [error] = problem.errors or []
    assert error["field"] == "awards"
    assert "£200,000 for L0" in error["message"] and "£445,000 for L1" in error["message"]
    assert "(DISP 3.7.4R)" in error["message"]
    # A line naming no events redresses every event in: L0 among them, so the same refusal.
    unnamed = {"head": "financial_loss", "amount": "500000.00"}
    [unnamed_error] = refused_field(walk, OMBUDSMAN, "determine", determination(walk, unnamed)).errors or []
    assert unnamed_error["field"] == "awards"
    assert "£200,000 for L0" in unnamed_error["message"] and "£445,000 for L1, L2 and L3" in unnamed_error["message"]


def test_lines_redressing_only_events_from_the_act_date_boundary_are_capped_at_the_later_limit(
    published: CaseService, clock: FixedClock
) -> None:
    walk = awaiting_determination_without_an_award(several(published, clock, ACROSS_THE_BOUNDARY))
    line = {"head": "financial_loss", "amount": "500000.00", "events": ["L1", "L2"]}
    walk.step(OMBUDSMAN, "determine", "determined", **determination(walk, line))
    entry = walk.register()
    assert entry is not None and entry.money_award == Decimal("445000.00")
