"""The deadline sweep fires each passed time limit exactly once: run twice, or by two sweepers at once."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import date

import pytest
from sqlmodel import Session, col, func, select

from ombudsman.clock import FixedClock
from ombudsman.db import make_engine
from ombudsman.errors import InvalidInput
from ombudsman.models import AuditEvent, Case, TimeLimit
from ombudsman.service import CaseService
from ombudsman.settings import Settings
from ombudsman.sweep import SweepReport
from tests.conftest import CASEWORKER
from tests.factories import facts_data
from workflows.vocabulary import LimitStatus

CASES = 12
LAST_DAY_OF_RESPONDENT_TIME = date(2026, 11, 26)  # eight weeks from 1 October 2026


def _cases_with_the_respondent(service: CaseService, clock: FixedClock) -> list[str]:
    clock.set(date(2026, 10, 5))
    references = []
    for number in range(CASES):
        facts = facts_data(
            complainant={"name": f"Complainant {number}"},
            complained_to_respondent_on="2026-10-01",
            final_response_sent_on=None,
            referred_on="2026-10-05",
        )
        case = service.open_case(CASEWORKER, facts)
        service.act(CASEWORKER, case.reference, "refer_to_respondent")
        references.append(case.reference)
    return references


def _fired(service: CaseService, trigger: str) -> int:
    with Session(service.engine) as session:
        return session.exec(select(func.count()).select_from(AuditEvent).where(AuditEvent.name == trigger)).one()


def _two_sweepers_at_once(settings: Settings) -> list[SweepReport]:
    """Two sweeps of 27 November 2026 started together, each on its own connections as another process would
    have; both reports, once both have finished."""
    start = threading.Barrier(2)
    reports: list[SweepReport] = []

    def sweeper() -> None:
        engine = make_engine(settings.database_url)
        try:
            other = CaseService(engine, FixedClock(date(2026, 11, 27)), settings)
            start.wait()
            reports.append(other.sweep())
        finally:
            engine.dispose()

    threads = [threading.Thread(target=sweeper) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(reports) == 2, "a sweeper did not finish"
    return reports


def _states(service: CaseService) -> set[str]:
    with Session(service.engine) as session:
        return set(session.exec(select(Case.state)).all())


def test_nothing_fires_on_the_last_day_of_the_respondent_s_time(service: CaseService, clock: FixedClock) -> None:
    _cases_with_the_respondent(service, clock)
    clock.set(LAST_DAY_OF_RESPONDENT_TIME)
    report = service.sweep(LAST_DAY_OF_RESPONDENT_TIME)
    assert report.fired == [] and _states(service) == {"with_respondent"}


def test_the_day_after_every_passed_limit_fires_once_and_a_second_run_fires_nothing(
    service: CaseService, clock: FixedClock
) -> None:
    _cases_with_the_respondent(service, clock)
    clock.set(date(2026, 11, 27))
    first = service.sweep(date(2026, 11, 27))
    second = service.sweep(date(2026, 11, 27))
    assert len(first.fired) == CASES and second.fired == []
    assert _fired(service, "respondent_time_elapsed") == CASES
    assert _states(service) == {"jurisdiction_check"}


def test_two_sweepers_at_once_fire_each_trigger_exactly_once(
    service: CaseService, clock: FixedClock, settings: Settings
) -> None:
    _cases_with_the_respondent(service, clock)
    reports = _two_sweepers_at_once(settings)
    fired = [item for report in reports for item in report.fired]
    assert len(fired) == CASES and len(set(fired)) == CASES
    assert _fired(service, "respondent_time_elapsed") == CASES
    with Session(service.engine) as session:
        versions = session.exec(select(Case.version).order_by(col(Case.id))).all()
    assert set(versions) == {3}  # opened (1), referred to the respondent (2), swept once (3): never twice


def test_two_sweep_processes_at_once_fire_each_trigger_exactly_once(
    service: CaseService, clock: FixedClock, settings: Settings
) -> None:
    _cases_with_the_respondent(service, clock)
    environment = {**os.environ, "OMBUDSMAN_DATABASE_URL": settings.database_url}
    command = [sys.executable, "-m", "ombudsman.cli", "sweep", "--as-of", "2026-11-27"]
    processes = [
        subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    fired_lines = [line for out, _ in outputs for line in out.splitlines() if line.startswith("fired ")]
    assert len(fired_lines) == CASES
    assert _fired(service, "respondent_time_elapsed") == CASES


def test_a_sweep_as_of_a_day_still_to_come_is_refused_and_fires_nothing(
    service: CaseService, clock: FixedClock
) -> None:
    _cases_with_the_respondent(service, clock)
    clock.set(LAST_DAY_OF_RESPONDENT_TIME)
    with pytest.raises(InvalidInput) as refused:
        service.sweep(date(2026, 11, 27))  # tomorrow
    assert refused.value.errors == [
        {"field": "as_of", "message": "2026-11-27 is after today (2026-11-26): a sweep judges only days that have come"}
    ]
    assert _fired(service, "respondent_time_elapsed") == 0 and _states(service) == {"with_respondent"}


def _cli(settings: Settings, *args: str, today: str | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "OMBUDSMAN_DATABASE_URL": settings.database_url}
    environment.pop("OMBUDSMAN_TODAY", None)
    if today is not None:
        environment["OMBUDSMAN_TODAY"] = today
    return subprocess.run(
        [sys.executable, "-m", "ombudsman.cli", *args], env=environment, capture_output=True, text=True, timeout=120
    )


def test_ombudsman_today_sets_the_day_the_sweep_judges_and_it_refuses_a_later_as_of(
    service: CaseService, clock: FixedClock, settings: Settings
) -> None:
    _cases_with_the_respondent(service, clock)
    later = _cli(settings, "sweep", "--as-of", "2099-01-01", today="2026-11-27")
    assert later.returncode == 2
    assert "--as-of" not in later.stdout and "2099-01-01 is after today (2026-11-27)" in later.stderr
    on_the_last_day = _cli(settings, "sweep", today="2026-11-26")
    assert on_the_last_day.returncode == 0, on_the_last_day.stderr
    assert "sweep as of 2026-11-26: 0 fired" in on_the_last_day.stdout
    assert _fired(service, "respondent_time_elapsed") == 0
    the_day_after = _cli(settings, "sweep", today="2026-11-27")
    assert "sweep as of 2026-11-27: 12 fired" in the_day_after.stdout
    assert _fired(service, "respondent_time_elapsed") == CASES


@pytest.mark.parametrize("as_of", ["1700006400", "2026-11-27T00:00:00", "20261127", "2026-02-30", "tomorrow"])
def test_a_sweep_date_is_only_taken_as_yyyy_mm_dd(
    service: CaseService, clock: FixedClock, settings: Settings, as_of: str
) -> None:
    _cases_with_the_respondent(service, clock)
    done = _cli(settings, "sweep", "--as-of", as_of)
    assert done.returncode == 2 and done.stderr.startswith("error: --as-of: ")
    assert _fired(service, "respondent_time_elapsed") == 0


@pytest.mark.parametrize("today", ["1700006400", "2026-11-27T09:00", "soon"])
def test_a_malformed_ombudsman_today_is_refused_by_name(settings: Settings, today: str) -> None:
    done = _cli(settings, "sweep", today=today)
    assert done.returncode == 2
    assert done.stderr.startswith("error: OMBUDSMAN_TODAY: must be a date written YYYY-MM-DD")


def test_a_sweep_in_small_batches_fires_every_passed_limit_once(service: CaseService, clock: FixedClock) -> None:
    """Eleven passed limits in batches of two: six transactions, each limit fired once. The twelfth case was
    withdrawn, which closed its limit, so the sweep does not even read it."""
    references = _cases_with_the_respondent(service, clock)
    fields = {"reasons": "The complainant withdrew.", "on_behalf_of": "complainant"}
    service.act(CASEWORKER, references[3], "withdraw", fields=fields)
    clock.set(date(2026, 11, 27))
    batched = CaseService(service.engine, clock, service.settings.model_copy(update={"sweep_batch": 2}))
    report = batched.sweep()
    fired = [reference for reference, _ in report.fired]
    assert sorted(fired) == sorted(set(references) - {references[3]})
    assert report.skipped == []
    assert _fired(service, "respondent_time_elapsed") == CASES - 1
    assert batched.sweep().fired == []


def test_two_sweepers_in_batches_of_one_fire_each_trigger_exactly_once(
    service: CaseService, clock: FixedClock, settings: Settings
) -> None:
    """With a batch of one case, the two sweepers interleave case by case (on PostgreSQL each skips the case the
    other has locked), and still no limit fires twice."""
    _cases_with_the_respondent(service, clock)
    reports = _two_sweepers_at_once(settings.model_copy(update={"sweep_batch": 1}))
    fired = [item for report in reports for item in report.fired]
    assert len(fired) == CASES and len(set(fired)) == CASES
    assert _fired(service, "respondent_time_elapsed") == CASES


def test_each_case_keeps_the_last_day_of_its_soonest_open_time_limit(service: CaseService) -> None:
    """Across the demo's cases, in every state, ``next_due_on`` is the soonest open limit's last day (or none)."""
    from ombudsman.demo import seed

    seed(service.engine, service.settings, date(2026, 11, 2))
    with Session(service.engine) as session:
        soonest = dict(
            session.exec(
                select(TimeLimit.case_id, func.min(TimeLimit.due_on))
                .where(TimeLimit.status == LimitStatus.open)
                .group_by(col(TimeLimit.case_id))
            ).all()
        )
        cases = session.exec(select(Case.id, Case.next_due_on)).all()
    assert any(next_due_on is not None for _, next_due_on in cases)
    assert any(next_due_on is None for _, next_due_on in cases)
    assert {case_id: next_due_on for case_id, next_due_on in cases} == {
        case_id: soonest.get(case_id) for case_id, _ in cases
    }
