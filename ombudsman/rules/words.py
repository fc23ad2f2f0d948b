"""The words people read for each value of an enumeration: a form shows them beside its choices, never the raw
value. Each enumeration's words are declared beside it (``said(Outcome, {...})`` under the enum), and
``tests/web/test_forms.py`` fails if a value a form can show has none."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

WORDS: dict[Any, Mapping[str, str]] = {}


def said(kind: Any, words: Mapping[str, str]) -> Mapping[str, str]:
    """Declare the words of each value of ``kind`` (an ``Enum`` class or a ``Literal`` type)."""
    WORDS[kind] = words
    return words


def words_of(kind: Any) -> Mapping[str, str]:
    """The words of each value of ``kind``, as declared (empty where none were)."""
    return WORDS.get(kind, {})
