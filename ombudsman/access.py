"""Who may do and see what: the actor, the cases each audience's scope sees, and the steps an actor may take.

One rule for every read and change: a case an actor may not see is never read (the scope is a condition in the
query itself), and its existence never leaks (404 either way).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, false
from sqlmodel import Session, col

from ombudsman import repository
from ombudsman.errors import NotFound
from ombudsman.models import Case
from ombudsman.repository import CaseRecord
from workflows.machine import allowed
from workflows.table import ROUTINE, STAFF, Role, State


@dataclass(frozen=True)
class Actor:
    """Who is acting: a user with a role, or the deadline sweep (``role`` None)."""

    name: str
    role: Role | None
    user_id: int | None = None
    frn: str | None = None
    case_ids: frozenset[int] = frozenset()

    @property
    def role_name(self) -> str:
        return self.role.value if self.role else "system"


SWEEPER = Actor("deadline sweep", None)

# What a firm sees of the complainant: who they are and the facts the DISP 2.7 eligibility tests are judged on,
# nothing more. Never how to reach them, nor their personal circumstances (whether they are vulnerable, their
# needs, the adjustments made for them, the person they asked us to deal with). A list of what may be shown,
# not of what may not, so a fact added later stays private until someone decides a firm should see it.
FIRM_SEES_OF_COMPLAINANT = frozenset(
    {
        "name",
        "kind",
        "relationship",
        "annual_income",
        "net_asset_value",
        "employees",
        "annual_turnover",
        "balance_sheet_total",
        "professional_client",
        "eligible_counterparty",
        "pension_scheme_trustee",
        "carries_on_the_activity_itself",
        "body_corporate_or_large_partnership",
        # DISP TP 1 rows 21 and 1B (edition 3): eligibility facts too.
        "group_annual_turnover",
        "contract_date",
        "intermediate_customer",
    }
)


# --- who may see what: one rule, a filter on the query that reads a case or a list ---------------------------


def allowed_for(actor: Actor, case: Case) -> list[str]:
    """The triggers and actions this actor may try on the case now (the deadline sweep: none by hand)."""
    return allowed(State(case.state), actor.role) if actor.role else []


def to_do(actor: Actor, case: Case) -> list[str]:
    """The steps that need this actor's action on the case now (what the queue and the demo list first): every
    step they may take but the routine ones, always open (making representations)."""
    return [name for name in allowed_for(actor, case) if name not in ROUTINE]


# The cases each kind of actor may see, as a condition on the cases given its value: staff and the deadline sweep
# every case (no condition), a firm those against its own FRN, a complainant their own.
_SCOPES: dict[str, Callable[[Any], ColumnElement[bool]] | None] = {
    "every case": None,
    "the firm's": lambda frn: col(Case.respondent_frn) == frn,
    "their own": lambda case_ids: col(Case.id).in_(case_ids),
    "none": lambda _: false(),
}


def scope_of(actor: Actor) -> tuple[str, Any]:
    """Which of the scopes the actor sees, and its condition's value."""
    if actor.role is None or actor.role in STAFF:
        return "every case", None
    if actor.role is Role.firm:
        return ("the firm's", actor.frn) if actor.frn else ("none", None)
    return ("their own", sorted(actor.case_ids)) if actor.case_ids else ("none", None)


def _condition(kind: str, value: Any) -> list[ColumnElement[bool]]:
    condition = _SCOPES[kind]
    return [] if condition is None else [condition(value)]


def visible_filter(actor: Actor) -> ColumnElement[bool] | None:
    """The cases an actor may see, as a filter on a query of cases (None: every case)."""
    conditions = _condition(*scope_of(actor))
    return conditions[0] if conditions else None


@cache
def _visible_case_query(kind: str, *, lock: bool) -> Select[Any]:
    """One case by its reference, among those a scope sees, locked for a change or not: built once each, so a
    read neither builds its query again nor works out again how the database's statement cache knows it (the
    reference and the scope's value are bound as it runs)."""
    query = repository.cases_where(col(Case.reference) == bindparam("reference"), *_condition(kind, bindparam("scope")))
    return query.with_for_update(of=Case) if lock else query


def load_visible_case(session: Session, actor: Actor, reference: str, *, lock: bool = False) -> CaseRecord:
    """The case and its rows, if the actor may see it; otherwise 404 whether or not it exists, so existence
    never leaks. Scoped in the query itself, so a case the actor may not see is never read."""
    kind, value = scope_of(actor)
    record = repository.load(session, _visible_case_query(kind, lock=lock), {"reference": reference, "scope": value})
    if record is None:
        raise NotFound(f"There is no case {reference} that you can see.")
    return record
