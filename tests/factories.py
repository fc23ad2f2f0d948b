"""Case facts for tests: a valid complaint, changed only where a test says.

``facts_data`` and ``case_facts`` give a whole complaint (contact details, dates, a final response); ``bare_facts``
the fewest facts a complaint is valid with, for the rule tests that add just the facts their rule reads. Either
merges ``complainant`` and ``respondent`` overrides into the parties, and sets any other fact outright.
"""

from __future__ import annotations

from typing import Any

from ombudsman.rules.facts import CaseFacts


def facts_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "complainant": {
            "name": "Ann Example",
            "kind": "consumer",
            "relationship": "customer",
            "contact_email": "ann@example.org",
            "contact_phone": "07700 900123",
        },
        "respondent": {"name": "Example Bank plc", "frn": "123456", "kind": "firm"},
        "activity": "regulated_activity",
        "establishment": "uk",
        "event_date": "2025-02-01",
        "awareness_date": "2025-05-01",
        "complained_to_respondent_on": "2025-06-02",
        "final_response_sent_on": "2025-07-21",
        "final_response_mentioned_time_limit": True,
        "referred_on": "2025-09-01",
        "summary": "Mis-sold payment protection",
        "amount_claimed": "12000.00",
    }
    return _merged(data, overrides)


def case_facts(**overrides: Any) -> CaseFacts:
    return CaseFacts.model_validate(facts_data(**overrides))


def bare_facts(**overrides: Any) -> CaseFacts:
    """A consumer customer's complaint against a firm, referred on 15 January 2024, and nothing more."""
    data: dict[str, Any] = {
        "complainant": {"name": "Ada Example", "kind": "consumer", "relationship": "customer"},
        "respondent": {"name": "Example Bank plc", "frn": "123456", "kind": "firm"},
        "referred_on": "2024-01-15",
    }
    return CaseFacts.model_validate(_merged(data, overrides))


def _merged(data: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    for key, value in overrides.items():
        data[key] = {**data[key], **value} if key in ("complainant", "respondent") else value
    return data
