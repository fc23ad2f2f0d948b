"""Rendering a letter: the Jinja environment, the footnotes, and the plain text wrapped as a letter is.

Templates (``templates/letters/<kind>.html.j2`` and ``.txt.j2``) see only the context made beforehand
(``ombudsman.letters.contexts``): autoescaping is on for HTML, ``StrictUndefined`` makes a missing value an error
rather than a blank in a sent letter, and no template can reach the database or the clock. Citations go into
footnotes through ``note()``, which checks each one against the table in ``ombudsman.citations``.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ombudsman.citations import Citation, cite, meaning
from ombudsman.rules.values import unturned
from workflows.vocabulary import LetterKind

# The repository's templates folder (the package is installed editable, so this holds when installed too).
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
TEXT_WIDTH = 76


class LetterFormat(StrEnum):
    html = "html"
    text = "text"
    large_print = "large_print"


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(Environment):
    """Jinja's environment, reading a plain dict's key (``contact.email``) from the dict at once: what Jinja finds
    there itself, after first failing to find an attribute of that name (a dict's own attributes, such as
    ``items``, still win, as they do in Jinja)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def environment(*, text: bool = False) -> Environment:
    """The environment HTML letters are rendered in (every template autoescaped), or with ``text`` the one plain
    text letters are (none is). A letter whose two forms share one template (``<kind>.j2``, reached from
    ``<kind>.html.j2`` and ``<kind>.txt.j2``) is compiled in each, so its HTML form is escaped and its text is not."""
    # Each template is compiled once, when first used, and never looked at on disk again (``auto_reload``): a
    # letter is rendered many times a second when cases are opened in bulk, and a sent letter is never re-rendered.
    return _Environment(
        loader=FileSystemLoader(TEMPLATES / "letters"),
        auto_reload=False,
        autoescape=not text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


ENVIRONMENT = environment()
TEXT_ENVIRONMENT = environment(text=True)


@dataclass
class Notes:
    """The footnotes of one letter: each citation once, numbered in the order the letter first cites it."""

    items: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        """Each footnote with a plain-English line of what the rule says: "DISP 3.2.6R: accepting ..."."""
        return [_footnote(item) for item in self.items]

    def __call__(self, *citations: str) -> int:
        """The number of the footnote citing these (each checked: an unknown paragraph fails the letter)."""
        text = str(cite(*(Citation.read(citation) for citation in citations)))
        if text not in self.items:
            self.items.append(text)
        return self.items.index(text) + 1


@cache
def _footnote(item: str) -> str:
    """A footnote's line: the citation and what each of its paragraphs says (the table never changes)."""
    return f"{item}: {'; '.join(meaning(part) for part in Citation.read(item).paragraphs)}"


_BLANK_LINES = re.compile(r"\n{3,}")


def render(kind: LetterKind | str, context: dict[str, Any], form: LetterFormat) -> str:
    """One letter in one form. The same context always renders to the same letter."""
    text = form is LetterFormat.text
    template = (TEXT_ENVIRONMENT if text else ENVIRONMENT).get_template(
        f"{LetterKind(kind).value}.{'txt' if text else 'html'}.j2"
    )
    rendered = template.render(
        {**context, "html": not text, "large_print": form is LetterFormat.large_print, "note": Notes()}
    )
    rendered = unturned(rendered)  # a name stored before such characters were refused reads as it is
    rendered = _BLANK_LINES.sub("\n\n", rendered).strip() + "\n"
    return _wrap(rendered) if form is LetterFormat.text else rendered


_DATE = re.compile(r"\b(\d{1,2}) ([A-Z][a-z]+) (\d{4})\b")
_KEEP = "\x00"  # holds a date together while its line is wrapped


_HELD_DATE = rf"\1{_KEEP}\2{_KEEP}\3"


def _wrap(text: str) -> str:
    return _unwrapped_dates(_wrap_lines(text))


def _unwrapped_dates(text: str) -> str:
    return text.replace(_KEEP, " ")


def _wrap_lines(text: str) -> str:
    lines: list[str] = []
    for line in text.splitlines():
        if len(line) <= TEXT_WIDTH:
            lines.append(line)
        else:
            lines.extend(_wrapped_line(line))
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=1024)
def _wrapped_line(line: str) -> tuple[str, ...]:
    """A line longer than a line may be, wrapped, its dates held together (only a line that is wrapped needs
    them held). A line always wraps the same, and most are the same in every letter of a kind: each is wrapped
    once, not once a letter."""
    line = _DATE.sub(_HELD_DATE, line)
    hanging = _HANGING.match(line)
    indent = " " * len(hanging.group(1)) if hanging else ""
    return tuple(_wrapped(line, indent))


_HANGING = re.compile(r"^(\s*(?:- |\[\d+\] |\d+\. )?)")
_NOT_PLAIN = re.compile(r"[^\S ]|  ")  # any space but one plain space between words: textwrap's own business


def _wrapped(line: str, indent: str) -> list[str]:
    """``textwrap.wrap(line, TEXT_WIDTH, subsequent_indent=indent, break_on_hyphens=False)``, the same lines,
    made directly for a line of words each parted by one space and each short enough for a line (a letter's
    every line, all but always); any other line goes to ``textwrap`` itself."""
    words = line.split(" ")
    width = TEXT_WIDTH - len(indent)
    if _NOT_PLAIN.search(line) or not words[0] or not words[-1] or max(map(len, words)) > width:
        return textwrap.wrap(line, TEXT_WIDTH, subsequent_indent=indent, break_on_hyphens=False)
    lines: list[str] = []
    current = words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) <= TEXT_WIDTH:
            current = f"{current} {word}"
        else:
            lines.append(current)
            current = indent + word
    lines.append(current)
    return lines
