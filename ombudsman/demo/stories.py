"""The demonstration's cases, each a story: a complainant, a firm, what went wrong, and the steps that take it to
its state (days after opening, who takes each). ``ombudsman.demo.seeding`` walks them through the real workflow.

The step lists here (to the investigation, the parties' representations, the assessment, a determination) are
shared with the generator of many cases (``ombudsman.demo.generator``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

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


def determined(awards: dict[str, Any]) -> list[Step]:
    """The steps from opening to an ombudsman's determination upholding the complaint with ``awards``."""
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
        determined(BIG_MONEY),
    ),
    Story(
        {"name": "Fatima Begum", "kind": "consumer"},
        ("Brightwater Bank plc", "204518", "firm"),
        "regulated_activity",
        "Unaffordable overdraft lending",
        "4650.00",
        40,
        [*determined(MONEY), (30, COMPLAINANT, "accept", {})],
    ),
    Story(
        {"name": "George Hamilton", "kind": "consumer"},
        ("Meridian Finance Ltd", "412006", "firm"),
        "consumer_credit",
        "Car finance commission not disclosed",
        "2100.00",
        70,
        [
            *determined(MONEY),
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
            *determined(MONEY),
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


def story_facts(story: Story, opened_on: date) -> dict[str, Any]:
    """The facts a story's case is opened with, its dates counted back from the day it is opened."""
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
