"""Case facts for tests: a valid complaint, changed only where a test says."""

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
    for key, value in overrides.items():
        if key in ("complainant", "respondent"):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return data


def case_facts(**overrides: Any) -> CaseFacts:
    return CaseFacts.model_validate(facts_data(**overrides))
