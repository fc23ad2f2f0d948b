"""Reading the letters: what each party may see of those sent."""

from __future__ import annotations

from sqlmodel import Session, col, select

from ombudsman.models import Letter
from ombudsman.repository import CaseRecord
from workflows.vocabulary import LetterKind, Party


def latest_letter(
    session: Session, record: CaseRecord, kind: LetterKind, *, party: str | None, addressed_to: str | None = None
) -> Letter | None:
    """The latest letter of ``kind`` the reader may see (to the complainant first, when both were sent), read
    whole: the record holds only the letters' headings."""
    candidates = [
        letter
        for letter in record.letters_to(party)
        if letter.kind == kind.value and (addressed_to is None or letter.addressed_to == addressed_to)
    ]
    if not candidates:
        return None
    latest = max(letter.version for letter in candidates)
    chosen = min(
        (letter for letter in candidates if letter.version == latest),
        key=lambda letter: (letter.addressed_to != Party.complainant, letter.id or 0),
    )
    if isinstance(chosen, Letter):
        return chosen
    return session.exec(select(Letter).where(col(Letter.id) == chosen.id)).one()
