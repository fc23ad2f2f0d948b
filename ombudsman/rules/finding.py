"""A rule's answer: passed, failed or undecided, with a plain-English reason and the DISP citation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ombudsman.citations import Citation


@dataclass(frozen=True)
class Finding:
    """What one rule found.

    ``passed`` is ``None`` when a fact the rule needs is missing: the rule says so rather than guess.
    ``dates`` holds, for time limits, the dates the rule used and the deadline it computed.
    """

    name: str
    passed: bool | None
    reason: str
    citation: Citation
    dates: dict[str, date] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return self.passed is False

    def as_dict(self) -> dict[str, Any]:
        answer: dict[str, Any] = {
            "name": self.name,
            "passed": self.passed,
            "reason": self.reason,
            "citation": self.citation,
        }
        if self.dates:
            answer["dates"] = {key: value.isoformat() for key, value in self.dates.items()}
        answer.update(self.details)
        return answer
