"""One case walked through the real service, step by step, with the clock set before each step.

After every step the walk reads the case back through a new engine (what the next request would see) and checks
its trail: one audit event per version, 1 to n, with no gaps; and, where the step names one, the state it left
the case in. The paths most tests share are here too: to the investigation, to a determination.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from ombudsman.access import Actor
from ombudsman.clock import FixedClock
from ombudsman.db import make_engine
from ombudsman.models import AuditEvent, Case, Letter, RegisterEntry
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER, OMBUDSMAN
from tests.factories import facts_data
from workflows.table import Role

FIRM = Actor("Example Bank complaints team", Role.firm, frn="123456")
BIG_MONEY = {
    "money": [
        {"head": "financial_loss", "amount": "182500.00"},
        {"head": "distress_or_inconvenience", "amount": "750.00"},
    ],
    "interest": {"rate_percent": "8", "from": "2025-02-01"},
    "costs": {"amount": "1200.00"},
    "directions": ["Correct the complainant's credit file"],
}


class Walk:
    """``step`` takes a trigger or action (``days`` moves the clock first), ``sweep`` runs the deadline sweep."""

    def __init__(self, service: CaseService, clock: FixedClock, start: date | None = None, **facts: Any) -> None:
        self.service, self.clock = service, clock
        if start is not None:
            clock.set(start)
        self.reference = service.open_case(CASEWORKER, facts_data(**facts)).reference
        name = facts_data(**facts)["complainant"]["name"]
        self.complainant = Actor(name, Role.complainant, case_ids=frozenset({self.reload().id or 0}))

    def reload(self) -> Case:
        """The case as a new connection reads it, its trail checked."""
        engine = make_engine(self.service.engine.url.render_as_string(hide_password=False))
        try:
            with Session(engine) as session:
                case = session.exec(select(Case).where(Case.reference == self.reference)).one()
                events = session.exec(select(AuditEvent).where(AuditEvent.case_id == case.id)).all()
                # One event per version, 1 to n, with no gaps and no version shared by two events.
                assert sorted(event.version for event in events) == list(range(1, case.version + 1))
                return case
        finally:
            engine.dispose()

    def step(
        self, actor: Actor, name: str, expect: str | None = None, *, days: int = 0, events: int = 1, **fields: Any
    ) -> Walk:
        """One step; ``events`` is how many audit events (so versions) it writes: two when it fires another."""
        self.clock.advance(days)
        before = self.reload()
        answered = self.service.act(actor, self.reference, name, fields=fields)
        after = self.reload()
        assert expect is None or after.state == expect, f"{name} led to {after.state}, not {expect}"
        assert after.version == before.version + events
        assert answered.version == after.version  # the answer shows the case as this change left it
        return self

    def sweep(self, expect: str | None = None, *, days: int) -> Walk:
        self.clock.advance(days)
        self.service.sweep()
        after = self.reload()
        assert expect is None or after.state == expect, f"the sweep left {after.state}, not {expect}"
        return self

    def events(self) -> list[tuple[str, str, str]]:
        with Session(self.service.engine) as session:
            rows = session.exec(
                select(AuditEvent)
                .join(Case, col(Case.id) == col(AuditEvent.case_id))
                .where(Case.reference == self.reference)
                .order_by(col(AuditEvent.id))
            ).all()
            return [(event.name, event.from_state, event.to_state) for event in rows]

    def register(self) -> RegisterEntry | None:
        with Session(self.service.engine) as session:
            return session.exec(select(RegisterEntry).where(RegisterEntry.reference == self.reference)).first()

    def letters(self) -> list[Letter]:
        with Session(self.service.engine) as session:
            return list(
                session.exec(
                    select(Letter)
                    .join(Case, col(Case.id) == col(Letter.case_id))
                    .where(Case.reference == self.reference)
                    .order_by(col(Letter.id))
                ).all()
            )

    # --- the paths most tests share ---------------------------------------------------------------------------

    def to_investigation(self) -> Walk:
        self.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
        self.step(CASEWORKER, "accept_jurisdiction", "investigation", days=1, reasons="Every DISP 2 test passes.")
        self.step(FIRM, "make_representations", "investigation", days=3, text="The sale was explained in branch.")
        return self.step(
            self.complainant, "make_representations", "investigation", days=1, text="Nobody told me it was optional."
        )

    def to_awaiting_determination(self) -> Walk:
        self.to_investigation()
        self.step(
            CASEWORKER,
            "issue_provisional_assessment",
            "provisional_assessment",
            days=2,
            outcome="uphold",
            reasons="The policy was sold to someone who could never have claimed on it.",
            awards={"money": [{"head": "financial_loss", "amount": "4350.00"}]},
        )
        return self.step(FIRM, "disagree", "awaiting_determination", days=3, reasons="We think the sale was suitable.")

    def determine(self, awards: dict[str, Any] | None = None, *, days: int = 5) -> Walk:
        """Determined ``days`` on, to be accepted before the 29th day from today (so by the 28th)."""
        return self.step(
            OMBUDSMAN,
            "determine",
            "determined",
            days=days,
            outcome="uphold",
            reasons="The policy was unsuitable. It is fair and reasonable to put Ann back where she would be.",
            accept_before=(self.clock.today() + timedelta(days=29)).isoformat(),
            awards=BIG_MONEY if awards is None else awards,
        )
