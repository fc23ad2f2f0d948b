"""The generator of many cases (``ombudsman demo --cases N``): from a seed, varied complainants, firms, activities
and time-limit positions, so the DISP 2 tests come out varied; most cases referred or in the jurisdiction check
or the investigation, some further on. ``plan_cases`` plans them; ``ombudsman.demo.seeding.seed_planned`` opens
them and takes their steps.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ombudsman.demo.stories import (
    ASSESSMENT,
    COMPLAINANT,
    DISAGREED,
    MONEY,
    REPRESENTATIONS,
    RESPONDENT,
    TO_INVESTIGATION,
    Step,
    determined,
)

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
_DETERMINED = tuple(determined(MONEY))
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
            employees = rng.randint(40, 400)
            # Too big for a micro-enterprise, and for the transitional rule (DISP TP 1 row 21: under £1 million).
            facts["complainant"].update(
                kind="micro_enterprise", employees=employees, group_annual_turnover=f"{employees * 75000}.00"
            )
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
