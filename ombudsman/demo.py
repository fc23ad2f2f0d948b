"""Demo data: plausible complaints in every state, walked through the real workflow so every row is honest.

Each case is opened some weeks ago and taken step by step to its state through the same service the API uses,
with the clock set to the day of each step; deadlines therefore fall around today.

``plan_cases`` and ``seed_planned`` make as many more as asked (``ombudsman demo --cases N``), generated from a
seed: varied complainants, firms, activities and time-limit positions, so the DISP 2 tests come out varied; most
cases referred or in the jurisdiction check or the investigation, some further on. They are opened in bulk
(``CaseService.open_cases``) and taken on by the real steps, day by day, each refused step leaving its case
where the rules leave it.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import col, select

from ombudsman.clock import Clock, FixedClock, SystemClock
from ombudsman.db import transaction
from ombudsman.errors import Refused
from ombudsman.models import Case
from ombudsman.queries import MAX_PAGE, list_cases
from ombudsman.service import Actor, CaseService, PlannedStep, to_do
from ombudsman.settings import Settings
from ombudsman.users import add_user, authenticate
from workflows.table import Role, State

CASEWORKER = Actor("Priya Shah", Role.caseworker)
OMBUDSMAN = Actor("Daniel Okafor", Role.ombudsman)
COMPLAINANT = "complainant"
RESPONDENT = "respondent"

Step = tuple[int, str, str, dict[str, Any]]  # (day after opening, who, trigger or action, fields)

TO_INVESTIGATION: list[Step] = [
    (1, "staff", "start_jurisdiction_check", {}),
    (3, "staff", "accept_jurisdiction", {"reasons": "Every DISP 2 test passes."}),
]
REPRESENTATIONS: list[Step] = [
    (
        6,
        RESPONDENT,
        "make_representations",
        {"text": "Our records show the product was explained in branch."},
    ),
    (8, COMPLAINANT, "make_representations", {"text": "Nobody told me the policy was optional."}),
]
ASSESSMENT: list[Step] = [
    (
        10,
        "staff",
        "issue_provisional_assessment",
        {"outcome": "uphold", "reasons": "The sale was not suitable for the complainant's circumstances."},
    ),
]
DISAGREED: list[Step] = [(12, RESPONDENT, "disagree", {"reasons": "We think the sale was suitable."})]
MONEY = {
    "money": [
        {"head": "financial_loss", "amount": "4350.00"},
        {"head": "distress_or_inconvenience", "amount": "300.00"},
    ],
    "interest": {"rate_percent": "8", "from": "2024-03-01"},
}
BIG_MONEY = {
    "money": [
        {"head": "financial_loss", "amount": "182500.00"},
        {"head": "distress_or_inconvenience", "amount": "750.00"},
    ],
    "interest": {"rate_percent": "8", "from": "2023-06-01"},
    "costs": {"amount": "1200.00"},
    "directions": ["Correct the complainant's credit file"],
}


def _determined(awards: dict[str, Any]) -> list[Step]:
    return [
        *TO_INVESTIGATION,
        *REPRESENTATIONS,
        *ASSESSMENT,
        *DISAGREED,
        (
            20,
            "ombudsman",
            "determine",
            {"outcome": "uphold", "reasons": "Fair and reasonable to uphold.", "awards": awards},
        ),
    ]


@dataclass(frozen=True)
class Story:
    complainant: dict[str, Any]
    firm: tuple[str, str, str]  # name, FRN, kind
    activity: str
    summary: str
    amount: str
    opened_days_ago: int
    steps: list[Step]
    complained_days_before: int = 70
    final_response: bool = True


STORIES: list[Story] = [
    Story(
        {"name": "Margaret Holloway", "kind": "consumer"},
        ("Northgate Building Society", "100234", "firm"),
        "secured_lending",
        "Arrears charges added to a mortgage during a payment holiday",
        "1840.00",
        2,
        [],
    ),
    Story(
        {"name": "Tomasz Nowak", "kind": "consumer"},
        ("Brightwater Bank plc", "204518", "firm"),
        "regulated_activity",
        "A current account closed without notice",
        "650.00",
        5,
        [(0, "staff", "refer_to_respondent", {})],
        complained_days_before=20,
        final_response=False,
    ),
    Story(
        {"name": "Aisha Rahman", "kind": "consumer"},
        ("Castleford Insurance Ltd", "309871", "firm"),
        "regulated_activity",
        "A home insurance claim for storm damage declined",
        "7200.00",
        4,
        [(1, "staff", "start_jurisdiction_check", {})],
    ),
    Story(
        {"name": "Greenfield Allotment Society", "kind": "charity", "annual_income": "48000.00"},
        ("Meridian Finance Ltd", "412006", "firm"),
        "lending",
        "A loan restructured on worse terms",
        "15000.00",
        9,
        [
            (1, "staff", "start_jurisdiction_check", {}),
            (2, "staff", "invite_jurisdiction_representations", {"raised_by": "respondent"}),
        ],
    ),
    Story(
        {"name": "Robert Ellison", "kind": "consumer"},
        ("Harbour Point Investments Ltd", "522731", "firm"),
        "regulated_activity",
        "Losses on a bond fund",
        "23000.00",
        40,
        [
            (1, "staff", "start_jurisdiction_check", {}),
            (2, "staff", "invite_jurisdiction_representations", {"raised_by": "ombudsman"}),
            (
                4,
                RESPONDENT,
                "record_late_referral_position",
                {"consents": False, "reasons": "The complaint came to the Ombudsman long after our final response."},
            ),
            (4, RESPONDENT, "make_representations", {"text": "Our final response gave the six-month warning."}),
            (6, COMPLAINANT, "make_representations", {"text": "I was abroad and could not reply sooner."}),
            (
                8,
                "staff",
                "decide_out_of_jurisdiction",
                {"reasons": "The complaint was referred more than six months after the final response."},
            ),
        ],
        complained_days_before=400,
    ),
    Story(
        {"name": "Leanne Carter", "kind": "consumer"},
        ("Brightwater Bank plc", "204518", "firm"),
        "regulated_activity",
        "Fees on a packaged bank account",
        "90.00",
        8,
        [
            *TO_INVESTIGATION,
            (
                4,
                "staff",
                "propose_dismissal",
                {"ground": "3", "reasons": "The complaint clearly has no reasonable prospect of success."},
            ),
        ],
    ),
    Story(
        {"name": "Kwame Mensah", "kind": "consumer"},
        ("Castleford Insurance Ltd", "309871", "firm"),
        "regulated_activity",
        "A travel insurance claim already decided by the county court",
        "2600.00",
        30,
        [
            *TO_INVESTIGATION,
            (
                4,
                "staff",
                "propose_dismissal",
                {
                    "ground": "8",
                    "reasons": "The county court has already decided this dispute on its merits.",
                },
            ),
            (9, COMPLAINANT, "make_representations", {"text": "I did not understand the court's decision."}),
            (11, "staff", "dismiss", {"reasons": "The court decided the dispute on its merits."}),
        ],
    ),
    Story(
        {"name": "Evelyn Price", "kind": "consumer"},
        ("Summit Pension Trustees Ltd", "633410", "firm"),
        "regulated_activity",
        "The administration of an occupational pension scheme",
        "5400.00",
        15,
        [
            (1, "staff", "start_jurisdiction_check", {}),
            (
                3,
                "staff",
                "refer_elsewhere",
                {
                    "scheme": "The Pensions Ombudsman",
                    "complainant_consent": True,
                    "reasons": "The Pensions Ombudsman is better placed to consider scheme administration.",
                },
            ),
        ],
    ),
    Story(
        {
            "name": "Hannah Brooks",
            "kind": "consumer",
            "vulnerable": True,
            "needs": "Recently bereaved; prefers letters to phone calls",
            "adjustments": ["large_print", "more_time"],
        },
        ("Northgate Building Society", "100234", "firm"),
        "regulated_activity",
        "A deceased parent's savings released late to the estate",
        "3100.00",
        6,
        [*TO_INVESTIGATION],
    ),
    Story(
        {"name": "Oliver Grant", "kind": "consumer"},
        ("Harbour Point Investments Ltd", "522731", "firm"),
        "regulated_activity",
        "Unsuitable advice to transfer an ISA",
        "8800.00",
        18,
        [*TO_INVESTIGATION, *REPRESENTATIONS, *ASSESSMENT],
    ),
    Story(
        {"name": "Sofia Marino", "kind": "consumer"},
        ("Brightwater Bank plc", "204518", "firm"),
        "payment_services",
        "A disputed card payment not refunded",
        "420.00",
        45,
        [*TO_INVESTIGATION, *REPRESENTATIONS, *ASSESSMENT],
    ),
    Story(
        {
            "name": "Daniel Whitaker",
            "kind": "micro_enterprise",
            "employees": 4,
            "annual_turnover": "380000.00",
        },
        ("Meridian Finance Ltd", "412006", "firm"),
        "lending",
        "A business loan's early repayment charge",
        "5200.00",
        25,
        [*TO_INVESTIGATION, *REPRESENTATIONS, *ASSESSMENT, *DISAGREED],
    ),
    Story(
        {"name": "Grace Adeyemi", "kind": "consumer"},
        ("Castleford Insurance Ltd", "309871", "firm"),
        "regulated_activity",
        "A critical illness claim declined for non-disclosure",
        "48000.00",
        28,
        [
            *TO_INVESTIGATION,
            *REPRESENTATIONS,
            *ASSESSMENT,
            *DISAGREED,
            (
                14,
                RESPONDENT,
                "request_hearing",
                {"issues": "Whether the complainant's answers on the application were careless."},
            ),
            (
                16,
                "staff",
                "grant_hearing",
                {"private": True, "reasons": "Medical evidence will be discussed."},
            ),
        ],
    ),
    Story(
        {"name": "Peter Lindqvist", "kind": "consumer"},
        ("Harbour Point Investments Ltd", "522731", "firm"),
        "regulated_activity",
        "Pension transfer advice that lost safeguarded benefits",
        "183250.00",
        30,
        _determined(BIG_MONEY),
    ),
    Story(
        {"name": "Fatima Begum", "kind": "consumer"},
        ("Brightwater Bank plc", "204518", "firm"),
        "regulated_activity",
        "Unaffordable overdraft lending",
        "4650.00",
        40,
        [*_determined(MONEY), (30, COMPLAINANT, "accept", {})],
    ),
    Story(
        {"name": "George Hamilton", "kind": "consumer"},
        ("Meridian Finance Ltd", "412006", "firm"),
        "consumer_credit",
        "Car finance commission not disclosed",
        "2100.00",
        70,
        [
            *_determined(MONEY),
            (
                55,
                COMPLAINANT,
                "notify_late_acceptance",
                {"reasons": "I was in hospital when the decision arrived."},
            ),
        ],
    ),
    Story(
        {"name": "Irene Walsh", "kind": "consumer"},
        ("Northgate Building Society", "100234", "firm"),
        "secured_lending",
        "Interest-rate switch not offered",
        "3900.00",
        50,
        [
            *_determined(MONEY),
            (25, COMPLAINANT, "accept", {}),
            (
                35,
                RESPONDENT,
                "record_compliance",
                {"evidence": "Paid £4,650.00 plus interest by bank transfer."},
            ),
        ],
    ),
    Story(
        {"name": "Samuel Osei", "kind": "consumer"},
        ("Castleford Insurance Ltd", "309871", "firm"),
        "regulated_activity",
        "Delays handling an escape-of-water claim",
        "950.00",
        20,
        [
            *TO_INVESTIGATION,
            (
                7,
                "staff",
                "settle",
                {
                    "terms": "£950.00 for the delay, paid within 28 days.",
                    "reasons": "Both parties agreed terms during the investigation.",
                },
            ),
        ],
    ),
    Story(
        {"name": "Chloe Bennett", "kind": "consumer"},
        ("Brightwater Bank plc", "204518", "firm"),
        "regulated_activity",
        "A mortgage application delayed",
        "300.00",
        12,
        [
            (1, "staff", "start_jurisdiction_check", {}),
            (5, COMPLAINANT, "withdraw", {"reasons": "The bank has since apologised and I am happy."}),
        ],
    ),
]


def _facts(story: Story, opened_on: date) -> dict[str, Any]:
    complained_on = opened_on - timedelta(days=story.complained_days_before)
    name, frn, kind = story.firm
    first, *rest = story.complainant["name"].split()
    email = f"{first.lower()}.{(rest[-1] if rest else 'contact').lower()}@example.org"
    return {
        "complainant": {"relationship": "customer", "contact_email": email, **story.complainant},
        "respondent": {"name": name, "frn": frn, "kind": kind},
        "activity": story.activity,
        "establishment": "uk",
        "event_date": (complained_on - timedelta(days=120)).isoformat(),
        "awareness_date": (complained_on - timedelta(days=30)).isoformat(),
        "complained_to_respondent_on": complained_on.isoformat(),
        "final_response_sent_on": (complained_on + timedelta(days=40)).isoformat() if story.final_response else None,
        "final_response_mentioned_time_limit": story.final_response,
        "referred_on": opened_on.isoformat(),
        "summary": story.summary,
        "amount_claimed": story.amount,
    }


STEPS_A_BATCH = 200  # the steps of a day taken in each transaction (``CaseService.act_many``)


def _planned_step(reference: str, step: Step) -> PlannedStep:
    _, who, name, fields = step
    actor, extra = _actor(who)
    return PlannedStep(actor, reference, name, {**fields, **extra})


def _actor(who: str) -> tuple[Actor, dict[str, Any]]:
    if who == "ombudsman":
        return OMBUDSMAN, {}
    if who == "staff":
        return CASEWORKER, {}
    return CASEWORKER, {"on_behalf_of": who}  # the demo records parties' steps as staff taking them down


def _reference_of(references: list[str], complainant: str) -> str:
    return references[[story.complainant["name"] for story in STORIES].index(complainant)]


def demo_users(engine: Engine, clock: Clock, references: list[str]) -> list[tuple[Role, str, str]]:
    """A fresh user for each role, with their tokens (shown once): a firm with several cases, and a complainant."""
    firm_name, firm_frn, _ = next(story.firm for story in STORIES if story.firm[0] == "Brightwater Bank plc")
    made = []
    for role, name, frn, cases in [
        (Role.caseworker, "Demo caseworker", None, []),
        (Role.ombudsman, "Demo ombudsman", None, []),
        (Role.firm, f"Demo user at {firm_name}", firm_frn, []),
        # A complainant with a determination to answer (the firm above has compliance and responses to record).
        (Role.complainant, "Peter Lindqvist", None, [_reference_of(references, "Peter Lindqvist")]),
    ]:
        made.append((role, name, add_user(engine, clock, name, role=role, frn=frn, cases=cases)))
    return made


def cases_to_do(engine: Engine, clock: Clock, token: str) -> list[tuple[str, list[str]]]:
    """The cases a demo user may see that need their action now, each with the steps they may take on it."""
    actor = authenticate(engine, token, clock.now())
    assert actor is not None
    with transaction(engine) as session:
        cases = list_cases(session, actor, limit=MAX_PAGE).cases
        return [(record.case.reference, steps) for record in cases if (steps := to_do(actor, record.case))]


def seed(engine: Engine, settings: Settings, today: date | None = None) -> list[tuple[str, str]]:
    """Open every story's case and walk it to its state; returns each reference and state, in story order."""
    today = today or SystemClock().today()
    made: list[tuple[str, str]] = []
    for story in STORIES:
        opened_on = today - timedelta(days=story.opened_days_ago)
        clock = FixedClock(opened_on)
        service = CaseService(engine, clock, settings)
        case = service.open_case(CASEWORKER, _facts(story, opened_on))
        for day, who, name, fields in story.steps:
            clock.set(opened_on + timedelta(days=day))
            service.sweep()  # as a live service sweeps every day
            actor, extra = _actor(who)
            case = service.act(actor, case.reference, name, fields={**fields, **extra})
        clock.set(today)
        service.sweep(today)
        made.append((case.reference, service.get(CASEWORKER, case.reference).state))
    return made


# --- generated cases: ``ombudsman demo --cases N`` -----------------------------------------------------------

_FIRST = (
    "Amelia Oliver Priya Mohammed Siobhan Tomasz Grace Kwabena Eilidh Hamza Chloe Rhys Zainab Jack Mei "
    "Callum Fatima Dylan Agnieszka Samuel Aoife Ravi Bethan Olumide Harriet Luca Niamh Arjun Sophie "
    "Ibrahim Megan Chen Isla Declan Yasmin George Ewa Kofi Ruth Dmitri"
)
FIRST_NAMES = tuple(_FIRST.split())
_LAST = (
    "Smith Patel Jones Khan Williams Nowak Brown Mensah Taylor Ahmed Davies O'Brien Evans Singh Wilson "
    "MacLeod Thomas Okafor Roberts Kowalski Johnson Begum Walker Campbell Wright Hughes Chowdhury Green "
    "Murphy Edwards Li Fraser Hall Adeyemi Clarke Rossi Lewis Byrne Baker Osei"
)
SURNAMES = tuple(_LAST.split())
TOWNS = ("Leeds", "Cardiff", "Glasgow", "Norwich", "Belfast", "Bristol", "Preston", "Exeter", "Dundee", "Hull")
STREETS = ("High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane", "Park Avenue", "The Green")
TRADES = ("Plumbing", "Bakery", "Joinery", "Florists", "Lettings", "Cleaning", "Print", "Garage")
CAUSES = ("Food Bank", "Community Choir", "Youth Football Club", "Allotment Society", "Tenants' Association")
# (name, FRN, kind, its complaints team's address or None, the activities it is complained about)
FIRMS: tuple[tuple[str, str, str, str | None, tuple[str, ...]], ...] = (
    ("Northgate Building Society", "100234", "firm", "complaints@northgate.example", ("secured_lending",)),
    (
        "Brightwater Bank plc",
        "204518",
        "firm",
        "relations@brightwater.example",
        ("regulated_activity", "payment_services"),
    ),
    ("Castleford Insurance Ltd", "309871", "firm", None, ("regulated_activity",)),
    ("Meridian Finance Ltd", "412006", "firm", "complaints@meridian.example", ("consumer_credit", "lending")),
    ("Harbour Point Investments Ltd", "522731", "firm", None, ("regulated_activity",)),
    ("Summit Pension Trustees Ltd", "633410", "firm", None, ("regulated_activity",)),
    ("Kestrel Car Finance Ltd", "7014452", "firm", "resolutions@kestrel.example", ("consumer_credit",)),
)
SUMMARIES = {
    "regulated_activity": (
        "A home insurance claim for storm damage declined",
        "Unsuitable advice to move a pension",
        "A travel insurance claim turned down for a pre-existing condition",
        "Charges on a packaged bank account",
        "Losses on an investment sold as low risk",
        "A life insurance policy cancelled without notice",
    ),
    "payment_services": (
        "A disputed card payment not refunded",
        "An authorised push payment scam not reimbursed",
        "A faster payment sent to the wrong account and not recovered",
    ),
    "secured_lending": (
        "Arrears charges added to a mortgage",
        "A mortgage rate switch not offered",
        "A repossession started while a payment plan was agreed",
    ),
    "consumer_credit": (
        "Car finance commission not disclosed",
        "Unaffordable credit card limit increases",
        "A debt sold on while it was disputed",
    ),
    "lending": ("A business loan's early repayment charge", "A loan restructured on worse terms"),
}
OUT_OF_SCOPE_SUMMARY = "A complaint about a service the business gave from abroad"


@dataclass(frozen=True)
class Path:
    """Where a generated case is taken: its steps, the facts it may have, how often it is chosen."""

    weight: int
    steps: tuple[Step, ...]
    positions: tuple[str, ...]  # the time-limit and scope positions of facts the steps suit


_START: Step = (1, "staff", "start_jurisdiction_check", {})
_DETERMINED = tuple(_determined(MONEY))
_IN = ("in_time", "in_time", "in_time", "unanswered")  # in jurisdiction: answered in time, or not answered at all
PATHS: tuple[Path, ...] = (
    Path(28, (), ("in_time", "in_time", "unanswered", "premature", "late", "out_of_scope", "undecided")),
    Path(8, ((0, "staff", "refer_to_respondent", {}),), ("premature",)),
    Path(16, (_START,), ("in_time", "in_time", "unanswered", "late", "out_of_scope", "undecided")),
    Path(
        4,
        (_START, (2, "staff", "invite_jurisdiction_representations", {"raised_by": "respondent"})),
        ("in_time", "late", "out_of_scope"),
    ),
    Path(
        3,
        (
            _START,
            (2, "staff", "invite_jurisdiction_representations", {"raised_by": "ombudsman"}),
            (
                4,
                RESPONDENT,
                "record_late_referral_position",
                {"consents": False, "reasons": "The complaint came to the Ombudsman long after our final response."},
            ),
            (4, RESPONDENT, "make_representations", {"text": "Our final response gave the six-month warning."}),
            (6, COMPLAINANT, "make_representations", {"text": "I did not see the letter until much later."}),
            (
                8,
                "staff",
                "decide_out_of_jurisdiction",
                {"reasons": "The complaint was referred more than six months after the final response."},
            ),
        ),
        ("late",),
    ),
    Path(17, tuple(TO_INVESTIGATION), _IN),
    Path(5, (*TO_INVESTIGATION, *REPRESENTATIONS, *ASSESSMENT), _IN),
    Path(3, (*TO_INVESTIGATION, *REPRESENTATIONS, *ASSESSMENT, *DISAGREED), _IN),
    Path(
        1,
        (
            *TO_INVESTIGATION,
            *REPRESENTATIONS,
            *ASSESSMENT,
            *DISAGREED,
            (14, RESPONDENT, "request_hearing", {"issues": "Whether the complainant was told what was covered."}),
            (16, "staff", "grant_hearing", {"private": False, "reasons": "The parties' accounts differ."}),
        ),
        _IN,
    ),
    Path(2, _DETERMINED, _IN),
    Path(2, (*_DETERMINED, (24, COMPLAINANT, "accept", {})), _IN),
    Path(
        1,
        (
            *_DETERMINED,
            (24, COMPLAINANT, "accept", {}),
            (34, RESPONDENT, "record_compliance", {"evidence": "Paid the award and interest by bank transfer."}),
        ),
        _IN,
    ),
    Path(
        2,
        (
            *TO_INVESTIGATION,
            (
                4,
                "staff",
                "propose_dismissal",
                {"ground": "3", "reasons": "The complaint clearly has no reasonable prospect of success."},
            ),
        ),
        _IN,
    ),
    Path(
        1,
        (
            *TO_INVESTIGATION,
            (
                4,
                "staff",
                "propose_dismissal",
                {"ground": "8", "reasons": "A court has already decided this dispute on its merits."},
            ),
            (9, COMPLAINANT, "make_representations", {"text": "I did not understand the court's decision."}),
            (11, "staff", "dismiss", {"reasons": "The court decided the dispute on its merits."}),
        ),
        _IN,
    ),
    Path(
        1,
        (
            _START,
            (
                3,
                "staff",
                "refer_elsewhere",
                {
                    "scheme": "The Pensions Ombudsman",
                    "complainant_consent": True,
                    "reasons": "The Pensions Ombudsman is better placed to consider scheme administration.",
                },
            ),
        ),
        ("in_time",),
    ),
    Path(
        3,
        (
            *TO_INVESTIGATION,
            (
                7,
                "staff",
                "settle",
                {
                    "terms": "A refund of the charges and £150.00 for the trouble caused, paid within 28 days.",
                    "reasons": "Both parties agreed terms during the investigation.",
                },
            ),
        ),
        _IN,
    ),
    Path(
        3,
        (_START, (5, COMPLAINANT, "withdraw", {"reasons": "The business has put things right."})),
        ("in_time", "unanswered"),
    ),
)


@dataclass(frozen=True)
class Planned:
    """One generated case: its facts, the day it is opened, and the steps to take on it (days after opening)."""

    facts: dict[str, Any]
    opened_on: date
    steps: tuple[Step, ...]


def _complainant(rng: random.Random) -> dict[str, Any]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
    roll = rng.random()
    if roll < 0.82:
        person: dict[str, Any] = {"name": f"{first} {last}", "kind": "consumer"}
    elif roll < 0.94:
        person = {
            "name": f"{last} {rng.choice(TRADES)} Ltd",
            "kind": "micro_enterprise",
            "employees": rng.randint(1, 9),
            "annual_turnover": f"{rng.randint(40, 1900) * 1000}.00",
        }
    else:
        person = {
            "name": f"{rng.choice(TOWNS)} {rng.choice(CAUSES)}",
            "kind": "charity",
            "annual_income": f"{rng.randint(5, 900) * 1000}.00",
        }
    person["relationship"] = "customer"
    if rng.random() < 0.8:
        person["contact_email"] = f"{first.lower()}.{last.lower().replace(chr(39), '')}@example.org"
    else:
        person["contact_address"] = f"{rng.randint(1, 240)} {rng.choice(STREETS)}, {rng.choice(TOWNS)}"
    if person["kind"] == "consumer" and rng.random() < 0.05:
        person.update(
            vulnerable=True,
            needs="Recently bereaved; prefers letters to phone calls",
            adjustments=["large_print", "more_time"],
        )
    return person


def _planned_facts(rng: random.Random, position: str, opened_on: date) -> dict[str, Any]:
    """Facts whose DISP 2 position is ``position``: answered and referred in time (``in_time``), not answered in
    eight weeks (``unanswered``), referred before the respondent has had its time (``premature``), referred more
    than six months after a final response that warned of the limit (``late``), outside the service's scope
    (``out_of_scope``), or missing what the tests need (``undecided``)."""
    name, frn, kind, team, activities = rng.choice(FIRMS)
    activity = rng.choice(activities)
    respondent: dict[str, Any] = {"name": name, "frn": frn, "kind": kind}
    if team is not None:
        respondent["contact_email"] = team
    complainant = _complainant(rng)
    final_response: date | None = None
    if position == "premature":
        complained_on = opened_on - timedelta(days=rng.randint(3, 40))
    elif position == "unanswered":
        complained_on = opened_on - timedelta(days=rng.randint(70, 160))
    elif position == "late":
        complained_on = opened_on - timedelta(days=rng.randint(260, 520))
        final_response = complained_on + timedelta(days=rng.randint(20, 50))
    else:
        complained_on = opened_on - timedelta(days=rng.randint(50, 150))
        final_response = complained_on + timedelta(days=rng.randint(10, 50))
    event = complained_on - timedelta(days=rng.randint(30, 700))
    facts: dict[str, Any] = {
        "complainant": complainant,
        "respondent": respondent,
        "activity": activity,
        "establishment": "uk",
        "event_date": event.isoformat(),
        "awareness_date": (event + timedelta(days=rng.randint(0, (complained_on - event).days))).isoformat(),
        "complained_to_respondent_on": complained_on.isoformat(),
        "final_response_sent_on": final_response.isoformat() if final_response else None,
        "final_response_mentioned_time_limit": final_response is not None and rng.random() < 0.9,
        "referred_on": opened_on.isoformat(),
        "summary": rng.choice(SUMMARIES[activity]),
        "amount_claimed": f"{rng.randint(5, 25000) * 10}.{rng.choice(('00', '50', '99'))}",
    }
    if position == "late":
        facts["final_response_mentioned_time_limit"] = True
        facts["respondent_consents_to_late_referral"] = rng.choice((None, None, True, False))
    elif position == "out_of_scope":
        if rng.random() < 0.5:
            facts.update(establishment="other", summary=OUT_OF_SCOPE_SUMMARY)
        else:
            facts["complainant"].update(kind="micro_enterprise", employees=rng.randint(40, 400))
    elif position == "undecided":
        facts.update(activity=None, establishment=None)
    return facts


def plan_cases(count: int, *, seed: int, today: date) -> list[Planned]:
    """``count`` cases to generate, the same for the same seed and day: each a path through the workflow and facts
    that suit it, opened long enough ago for its steps to have been taken by today."""
    rng = random.Random(seed)
    weights = [path.weight for path in PATHS]
    planned = []
    for _ in range(count):
        path = rng.choices(PATHS, weights)[0]
        last_day = max((day for day, *_ in path.steps), default=0)
        opened_on = today - timedelta(days=last_day + rng.randint(0, 21 if path.steps else 10))
        facts = _planned_facts(rng, rng.choice(path.positions), opened_on)
        planned.append(Planned(facts, opened_on, path.steps))
    return sorted(planned, key=lambda plan: plan.opened_on)  # in the order they are opened, so numbered


@dataclass
class Generated:
    """What ``seed_planned`` made: each case's reference and state, in the order planned, and the steps taken."""

    cases: list[tuple[str, str]] = field(default_factory=list)
    steps: int = 0
    refused: int = 0  # steps the rules refused, leaving their case where it was

    @property
    def states(self) -> Counter[str]:
        return Counter(state for _, state in self.cases)


Advance = Callable[[str, int], None]  # told ("opened", cases) and ("steps", steps) as they are done


def steps_to_take(plans: list[Planned], today: date) -> int:
    """How many steps the plans take by today."""
    return sum(1 for plan in plans for day, *_ in plan.steps if plan.opened_on + timedelta(days=day) <= today)


def seed_planned(
    engine: Engine, settings: Settings, plans: list[Planned], *, today: date, advance: Advance | None = None
) -> Generated:
    """Open the planned cases and take their steps, day by day up to today: each day's cases opened together in
    bulk on the day they were referred, the deadline sweep run as a live service runs it, then each step due that
    day judged and written by the service as the API's would be, a batch of them a transaction (``act_many``)."""
    clock = FixedClock(today)
    service = CaseService(engine, clock, settings)
    opening: dict[date, list[int]] = defaultdict(list)
    stepping: dict[date, list[tuple[int, Step]]] = defaultdict(list)
    for index, plan in enumerate(plans):
        opening[plan.opened_on].append(index)
        for step in plan.steps:
            day = plan.opened_on + timedelta(days=step[0])
            if day <= today:
                stepping[day].append((index, step))
    references: list[str] = [""] * len(plans)
    stopped: set[int] = set()
    made = Generated()
    for day in sorted({*opening, *stepping}):
        clock.set(day)
        if opening[day]:
            opened = service.open_cases(CASEWORKER, [plans[index].facts for index in opening[day]])
            for index, reference in zip(opening[day], opened, strict=True):
                references[index] = reference
            if advance is not None:
                advance("opened", len(opened))
        service.sweep()
        steps = stepping[day]
        for start in range(0, len(steps), STEPS_A_BATCH):
            taking = [(index, step) for index, step in steps[start : start + STEPS_A_BATCH] if index not in stopped]
            planned = [_planned_step(references[index], step) for index, step in taking]
            for (index, _), outcome in zip(taking, service.act_many(planned, batch=STEPS_A_BATCH), strict=True):
                if outcome is None:
                    made.steps += 1
                elif not isinstance(outcome, Refused):
                    raise outcome  # a planned step the engine cannot take: the plan is wrong, not the case
                elif index not in stopped:
                    stopped.add(index)  # the rules say no: the case stays where they leave it
                    made.refused += 1
            if advance is not None:
                advance("steps", len(steps[start : start + STEPS_A_BATCH]))
    clock.set(today)
    service.sweep(today)
    states: dict[str, str] = {}
    with transaction(engine) as session:
        for start in range(0, len(references), 500):
            chunk = references[start : start + 500]
            query = select(Case.reference, Case.state).where(col(Case.reference).in_(chunk))
            states.update((reference, str(state)) for reference, state in session.exec(query).all())
    made.cases = [(reference, states[reference]) for reference in references]
    return made


def state_counts(states: Counter[str]) -> str:
    """The states and how many cases are in each, in the workflow's order: "referred 56, investigation 31"."""
    return ", ".join(f"{state.value} {states[state.value]}" for state in State if states[state.value])
