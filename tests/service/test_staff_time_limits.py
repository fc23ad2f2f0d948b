"""Edition 3, point 3: the date specified for acceptance is the Ombudsman's determination, not a time limit staff
may move (DISP 3.6.6R(2), (4), (4A)), and the respondent's time is DISP 2.8.1R's, not an Ombudsman's time limit.
``set_time_limit`` and ``extend_time_limit`` refuse both as bad input naming ``deadline``, and write nothing; a
late acceptance counts only through ``notify_late_acceptance`` and an ombudsman's ``accept_late``."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ombudsman.clock import FixedClock
from ombudsman.errors import InvalidInput, Refused
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER, OMBUDSMAN
from tests.walk import FIRM, Walk

START = date(2025, 9, 8)


@pytest.fixture
def walk(service: CaseService, clock: FixedClock) -> Walk:
    return Walk(service, clock, START)


def refused_as_bad_input(walk: Walk, name: str, **fields: str) -> InvalidInput:
    before = walk.reload()
    written = len(walk.letters())
    with pytest.raises(InvalidInput) as refused:
        walk.service.act(OMBUDSMAN, walk.reference, name, fields={"reasons": "More time.", **fields})
    after = walk.reload()
    assert (after.version, after.state) == (before.version, before.state)  # nothing written
    assert len(walk.letters()) == written
    return refused.value


@pytest.mark.parametrize("name", ["extend_time_limit", "set_time_limit"])
def test_the_date_specified_for_acceptance_is_neither_extended_nor_set(walk: Walk, name: str) -> None:
    walk.to_awaiting_determination().determine(days=0)
    until = (walk.clock.today() + timedelta(days=60)).isoformat()
    problem = refused_as_bad_input(walk, name, deadline="acceptance", until=until)
    (error,) = problem.errors or []
    assert error["field"] == "deadline"
    assert "acceptance cannot be set or extended" in error["message"]
    assert "(DISP 3.6.6R(2), DISP 3.6.6R(4), DISP 3.6.6R(4A))" in error["message"]


@pytest.mark.parametrize("name", ["extend_time_limit", "set_time_limit"])
def test_the_respondents_own_time_is_neither_extended_nor_set(
    service: CaseService, clock: FixedClock, name: str
) -> None:
    clock.set(date(2026, 10, 5))
    walk = Walk(
        service, clock, complained_to_respondent_on="2026-10-01", final_response_sent_on=None, referred_on="2026-10-05"
    )
    walk.step(CASEWORKER, "refer_to_respondent", "with_respondent")
    until = (walk.clock.today() + timedelta(days=90)).isoformat()
    problem = refused_as_bad_input(walk, name, deadline="respondent_time", until=until)
    (error,) = problem.errors or []
    assert error["field"] == "deadline"
    assert "respondent_time cannot be set or extended" in error["message"]
    assert "(DISP 2.8.1R)" in error["message"]


def test_the_probe_an_acceptance_a_month_late_no_longer_binds_the_firm_through_an_extension(walk: Walk) -> None:
    """The issue's probe: extending ``acceptance`` was taken, and an acceptance a month after the date specified
    then bound the firm. It now fails at the extension; the silence is a rejection, and the late acceptance binds
    only once the complainant gives notice of it and an ombudsman finds exceptional circumstances."""
    walk.to_awaiting_determination().determine(days=0)
    month_late = (walk.clock.today() + timedelta(days=60)).isoformat()
    refused_as_bad_input(walk, "extend_time_limit", deadline="acceptance", until=month_late)
    walk.sweep("rejected", days=29)  # the date specified has arrived, with no acceptance
    with pytest.raises(Refused):
        walk.service.act(walk.complainant, walk.reference, "accept", fields={})
    entry = walk.register()
    assert entry is not None and entry.status == "not_binding"
    walk.step(walk.complainant, "notify_late_acceptance", "rejected", days=30, reasons="I was in hospital.")
    walk.step(OMBUDSMAN, "accept_late", "accepted", reasons="A hospital stay caused the delay.")
    entry = walk.register()
    assert entry is not None and entry.status == "binding"
    walk.step(FIRM, "record_compliance", "complied", evidence="Paid.")


def test_staff_still_set_and_extend_a_time_limit_of_their_own(walk: Walk) -> None:
    walk.to_investigation()
    walk.step(CASEWORKER, "set_time_limit", deadline="information", until="2025-10-31", reasons="Bank statements.")
    walk.step(CASEWORKER, "extend_time_limit", deadline="information", until="2025-11-14", reasons="Illness.")
    assert [name for name, _, _ in walk.events()][-2:] == ["set_time_limit", "extend_time_limit"]
