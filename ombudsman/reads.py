"""What the API and the pages read, each one function that opens its own read transaction and returns the view:
the case, a page of cases, the work queue, the events, a letter, the register, the published report and the
dashboard. Each read sees only what its caller may (``ombudsman.access``), shaped as ``ombudsman.views`` says.

A read never changes anything and never needs the commands: it takes the running service only as an
``Instance`` (its engine, clock, settings and rulebook).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ombudsman.access import Actor, allowed_for, load_visible_case, to_do
from ombudsman.db import reading
from ombudsman.errors import InvalidInput, NotFound
from ombudsman.instance import Instance
from ombudsman.letters import latest_letter
from ombudsman.models import Letter
from ombudsman.possible import Possible, possible_steps
from ombudsman.queries import (
    CLOSED_STATES,
    Dashboard,
    Undelivered,
    events_of,
    list_cases,
    money_award_register,
    published_determination,
    undelivered_letters,
)
from ombudsman.queries import dashboard as dashboard_figures
from ombudsman.repository import CaseRecord
from ombudsman.views import (
    CaseView,
    DeterminationReport,
    EventView,
    RegisterEntryView,
    audience_party,
    case_view,
    determination_report,
    former_complainant_details,
    register_entry_view,
    visible_events,
)
from workflows.table import PERMISSIONS, USUAL, Role, State
from workflows.vocabulary import LetterKind, RegisterStatus

DUE_SOON_DAYS = 7  # a time limit whose last day is this close is shown as due soon


def viewer(service: Instance, actor: Actor) -> Callable[[CaseRecord], CaseView]:
    """Shape a case as ``actor`` may see it, inside the transaction that read or changed it (a command passes it
    as its ``read``, so the answer is the case exactly as that change left it)."""

    def view(record: CaseRecord) -> CaseView:
        return case_view(record, actor, service.rulebook, today=service.clock.today())

    return view


def case(service: Instance, actor: Actor, reference: str) -> CaseView:
    """One case, as ``actor`` may see it (404 where they may not)."""
    with reading(service.engine) as session:
        return viewer(service, actor)(load_visible_case(session, actor, reference))


@dataclass(frozen=True)
class CaseWithEvents:
    """What the case page shows: the case, its events the caller may see, and the steps they may take now
    (``allowed``), each judged by its guard as of today (``possible``: those the rules allow first)."""

    case: CaseView
    events: list[EventView]
    allowed: list[str]
    possible: list[Possible]
    comply_by: date | None = None


def case_with_events(service: Instance, actor: Actor, reference: str) -> CaseWithEvents:
    """The case, its audit trail and the steps ``actor`` may take on it, read together."""
    with reading(service.engine) as session:
        record = load_visible_case(session, actor, reference)
        return CaseWithEvents(
            case=viewer(service, actor)(record),
            events=visible_events(events_of(session, record.id), actor),
            allowed=allowed_for(actor, record.case),
            possible=possible_steps(
                record,
                actor,
                service.rulebook,
                today=service.clock.today(),
                more_time_days=service.settings.vulnerable_extra_days,
            ),
            comply_by=comply_by(record, service.settings.comply_within_days),
        )


@dataclass(frozen=True)
class CasePage:
    """A page of cases, and the cursor for the next (None on the last)."""

    items: list[CaseView]
    next_cursor: str | None


def cases(
    service: Instance,
    actor: Actor,
    *,
    state: State | None = None,
    respondent_frn: str | None = None,
    deadline_before: date | None = None,
    limit: int,
    cursor: str | None = None,
) -> CasePage:
    """The cases ``actor`` may see, oldest first, a page at a time: at most ``list_page_most`` a page (422 naming
    ``limit`` beyond it)."""
    if limit > service.settings.list_page_most:
        raise InvalidInput.field("limit", f"at most {service.settings.list_page_most} cases are listed a page")
    with reading(service.engine) as session:
        page = list_cases(
            session,
            actor,
            state=state,
            respondent_frn=respondent_frn,
            deadline_before=deadline_before,
            limit=limit,
            cursor=cursor,
        )
        view = viewer(service, actor)
        return CasePage([view(record) for record in page.cases], page.next_cursor)


@dataclass
class QueueRow:
    """One case in the work queue: who, where it stands, its next time limit and what waits on the caller."""

    reference: str
    state: str
    complainant: str
    respondent: str
    next_due: date | None
    next_kind: str | None
    binds: str
    overdue: bool
    due_soon: bool
    to_do: list[str]  # the steps that need the caller's action now
    comply_by: date | None = None  # an accepted determination: the day the firm is told to comply by
    closed: bool = False  # nothing more can happen to the case


def comply_by(record: CaseRecord, days: int) -> date | None:
    """The day by which the firm is told to comply with an accepted determination (``comply_within_days`` after
    the acceptance), or None while there is none to comply with."""
    case = record.case
    if case.state != State.accepted:
        return None
    return case.entered_state_at.date() + timedelta(days=days)


def needs(actor: Actor, record: CaseRecord) -> list[str]:
    """What the case needs of ``actor`` now: for a party, every step that waits on them; for staff, the step
    usually taken next (``USUAL``), where their role may take it, and for an ombudsman only where a caseworker
    may not (determining: the caseworkers take the rest)."""
    steps = to_do(actor, record.case)
    if audience_party(actor) is not None:
        return steps
    usual = USUAL.get(State(record.case.state))
    if usual not in steps or (actor.role is Role.ombudsman and Role.caseworker in PERMISSIONS[usual]):
        return []
    return [usual]


@dataclass(frozen=True)
class Queue:
    rows: list[QueueRow]
    next_cursor: str | None


def _queue_row(record: CaseRecord, actor: Actor, today: date, *, comply_within_days: int) -> QueueRow:
    limits = sorted(record.open_limits, key=lambda limit: limit.due_on)
    first = limits[0] if limits else None
    return QueueRow(
        reference=record.case.reference,
        state=record.case.state,
        complainant=record.parties["complainant"].name,
        respondent=record.parties["respondent"].name,
        next_due=first.due_on if first else None,
        next_kind=first.kind.replace("_", " ") if first else None,
        binds=" and ".join(first.binds) if first else "",
        overdue=bool(first and first.due_on < today),
        due_soon=bool(first and today <= first.due_on <= today + timedelta(days=DUE_SOON_DAYS)),
        to_do=needs(actor, record),
        comply_by=comply_by(record, comply_within_days),
        closed=State(record.case.state) in CLOSED_STATES,
    )


def queue(
    service: Instance,
    actor: Actor,
    *,
    states: Sequence[State] = (),
    respondent_frn: str | None = None,
    deadline_before: date | None = None,
    search: str | None = None,
    cursor: str | None = None,
    limit: int,
    include_closed: bool = False,
) -> Queue:
    """The work queue: the cases ``actor`` may see, the soonest time limit first, then the open cases with none
    running, then (``include_closed``) the cases nothing more can happen to."""
    today = service.clock.today()
    with reading(service.engine) as session:
        found = list_cases(
            session,
            actor,
            states=tuple(states),
            respondent_frn=respondent_frn,
            deadline_before=deadline_before,
            search=search,
            cursor=cursor,
            limit=limit,
            by_next_time_limit=True,
            include_closed=include_closed or bool(states),
        )
        days = service.settings.comply_within_days
        rows = [_queue_row(record, actor, today, comply_within_days=days) for record in found.cases]
        return Queue(rows, found.next_cursor)


def events(service: Instance, actor: Actor, reference: str) -> list[EventView]:
    """The case's audit trail, oldest first, as much of it as ``actor`` may see."""
    with reading(service.engine) as session:
        record = load_visible_case(session, actor, reference)
        return visible_events(events_of(session, record.id), actor)


def letter(
    service: Instance, actor: Actor, reference: str, *, kind: LetterKind, addressed_to: str | None = None
) -> Letter:
    """The latest letter of ``kind`` on the case that ``actor`` may read, as it was sent (404 where there is none)."""
    with reading(service.engine) as session:
        record = load_visible_case(session, actor, reference)
        found = latest_letter(session, record, kind, party=audience_party(actor), addressed_to=addressed_to)
    if found is None:
        raise NotFound(f"There is no {kind.value} letter on {reference} that you can read.")
    return found


def register(
    service: Instance, *, respondent_frn: str | None = None, status: RegisterStatus | None = None
) -> list[RegisterEntryView]:
    """The register of money awards, each entry with its standing (staff only: the caller checks)."""
    with reading(service.engine) as session:
        return [
            register_entry_view(entry, award)
            for entry, award in money_award_register(session, respondent_frn=respondent_frn, status=status)
        ]


def report(service: Instance, reference: str) -> DeterminationReport:
    """The published report of a determination, without identifying the complainant (DISP 3.6.7R)."""
    with reading(service.engine) as session:
        publication = published_determination(session, reference)
        former = former_complainant_details(publication.corrections)
        return determination_report(publication.record, publication.redact, former=former)


@dataclass(frozen=True)
class DashboardView:
    figures: Dashboard
    undelivered: Undelivered


def dashboard(service: Instance) -> DashboardView:
    """The service's figures against its targets, and the letters not yet delivered."""
    settings = service.settings
    with reading(service.engine) as session:
        return DashboardView(
            dashboard_figures(
                session,
                service.clock.today(),
                resolve_within_days=settings.target_resolve_days,
                acknowledge_within_days=settings.target_acknowledge_business_days,
            ),
            undelivered_letters(
                session, service.clock.now(), stuck_after=timedelta(minutes=settings.delivery_stuck_minutes)
            ),
        )


@dataclass(frozen=True)
class LetterToGo:
    """A letter a step would send: its kind, to whom and how, and its text where the caller may read it."""

    kind: str
    addressed_to: str
    name: str  # the addressee's name
    channel: str  # email or post
    text: str | None  # None where the letter is the other party's


@dataclass(frozen=True)
class Rehearsed:
    """What a step would do, taken and rolled back: the case as it would then be, and the letters it would send."""

    case: CaseView
    letters: list[LetterToGo]


def rehearsed(service: Instance, actor: Actor, *, since: int) -> Callable[[CaseRecord], Rehearsed]:
    """Shape what a rehearsed step did (``CaseService.rehearse``), before it is rolled back: the case as the caller
    would then see it, and each letter made after version ``since`` (its text as it would be sent, for the
    letters the caller may read)."""
    own = audience_party(actor)

    def shape(record: CaseRecord) -> Rehearsed:
        made = [letter for letter in record.letters if isinstance(letter, Letter) and letter.version > since]
        return Rehearsed(
            viewer(service, actor)(record),
            [
                LetterToGo(
                    kind=letter.kind,
                    addressed_to=letter.addressed_to,
                    name=record.parties[letter.addressed_to].name,
                    channel=letter.channel,
                    text=letter.text if own is None or own == letter.addressed_to else None,
                )
                for letter in made
            ],
        )

    return shape
