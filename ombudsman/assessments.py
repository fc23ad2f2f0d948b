"""A case's live jurisdiction assessment as its view shows it, kept for the cases read lately."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from cachetools import LRUCache

from ombudsman.repository import CaseRecord
from ombudsman.rules.jurisdiction import Assessment, as_decided
from ombudsman.rules.rulebook import Rulebook

# The DISP 2 tests of the cases read lately, each as judged on a day. A case's tests change only with its facts,
# its exceptional-circumstances finding or the day, and every change to a case writes an audit event whose hash
# (the case's audit head) differs from every other: so the head names the case's content exactly, even across a
# change that was rolled back. Bounded, so the server's memory does not grow with the book.
ASSESSMENTS: LRUCache[tuple[Any, ...], Assessment] = LRUCache(maxsize=4096)
_ASSESSMENTS_LOCK = threading.Lock()


def jurisdiction_of(record: CaseRecord, rulebook: Rulebook, *, today: date) -> dict[str, Any]:
    """The case's DISP 2 tests as judged ``today``, assessed once per content of the case, rulebook and day."""
    case = record.case
    key = (case.id, case.audit_head, case.version, rulebook.name, today)
    with _ASSESSMENTS_LOCK:
        found = ASSESSMENTS.get(key)
    if found is None:
        found = as_decided(
            record.facts,
            today,
            rulebook,
            exception=case.jurisdiction_exception,
            exception_events=case.jurisdiction_exception_events,
        )
        with _ASSESSMENTS_LOCK:
            ASSESSMENTS[key] = found
    return found.as_dict()  # the assessment is frozen: each view gets a dict of its own
