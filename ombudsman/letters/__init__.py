"""The letters the Ombudsman sends: made from the case when the step that needs them fires, and kept as sent.

By job: ``rendering`` (the Jinja environment, footnotes, the plain text's wrapping), ``contexts`` (what each kind
of letter says, one function per kind, reading the step's typed record), ``producing`` (which letters a step
sends, to whom, stored with their outbox columns) and ``reading`` (the letters a party may read). Every name the
rest of the service uses is importable from here.
"""

from __future__ import annotations

from ombudsman.letters.contexts import CONTEXTS, SERVICE_NAME, Occasion, award_context, context_for, needs_large_print
from ombudsman.letters.producing import SENDS, addressees, produce
from ombudsman.letters.reading import latest_letter
from ombudsman.letters.rendering import ENVIRONMENT, TEMPLATES, TEXT_WIDTH, LetterFormat, Notes, environment, render

__all__ = [
    "CONTEXTS",
    "ENVIRONMENT",
    "SENDS",
    "SERVICE_NAME",
    "TEMPLATES",
    "TEXT_WIDTH",
    "LetterFormat",
    "Notes",
    "Occasion",
    "addressees",
    "award_context",
    "context_for",
    "environment",
    "latest_letter",
    "needs_large_print",
    "produce",
    "render",
]
