"""What the published report of a determination leaves out, so that it does not identify the complainant.

The report of a determination is published without the complainant's name or anything else that would identify
them, unless they agree to be named (DISP 3.6.7R). Copying a name into the reasons is easy and spotting every way
it was written is not, so :func:`redactor` builds one pattern from what the case holds about the complainant, and
from the further words or phrases the ombudsman who approved the report named, and :func:`redact` replaces every
match: the complainant's name with ``[the complainant]`` and everything else with ``[redacted]``. Nothing here
reads the database: the same details and phrases always give the same pattern.

All of it matches whatever the case of the letters and only whole words (``Wu`` goes, ``Wuhan`` stays):

* the complainant's name: in full (with any spacing between its parts), each part of it whatever its length,
  each part of a hyphenated or apostrophised part (``O'Brien``, ``Brien``), an initial or all the initials
  followed by the surname (``A. Example``, ``A Example``, ``A. B. Example``), and each initial followed by a full
  stop (``A.``, ``A. E.``); any of these after a title (Mr, Mrs, Ms, Miss, Mx, Dr, Sir, Dame, Lady, Lord, Prof,
  Rev, with or without a full stop). A letter of the name (an initial, or a one-letter part such as the surname
  "O") is matched as a capital only (so the ``a.`` ending a sentence stays), and without a full stop only after
  a title (``Ms O``) or beside another part of the name (``O Olga``, ``Ann O``, ``A O Example``): on its own it
  is not removed (it would take every "a" and "I" with it). Two or more parts of the name one after another, in
  any order, go whole (``Ms O Olga``, ``Ng Wei``);
* the person the complainant asked us to deal with (``named_contact``) the same way, less any note in brackets
  ("Bea Example (daughter)" is Bea Example);
* the email address, and its part before the ``@`` when that is three characters or more;
* the phone number whatever the spacing or punctuation between its digits (spaces, hyphens, full stops,
  brackets), and a UK number in its ``+44``, ``0044`` and ``0`` forms (``+44 (0)7700 900123`` too);
* the address: all of it (commas or line breaks between its parts, or neither), each part between commas or
  line breaks, the street with and without its house number, the postcode with or without its space, and each
  word of three letters or more that is not a common address word (:data:`GENERIC_ADDRESS_WORDS`). A house number
  on its own is not removed ("12 months" stays), nor a part that is one common word alone ("Flat");
* each further phrase, as written but with any spacing.

Where two of these start at the same place the longest wins, so an email address goes whole rather than its
first part being taken for the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

NAME_MARK = "[the complainant]"
REDACTED = "[redacted]"

TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Sir", "Dame", "Lady", "Lord", "Prof", "Rev")

# Words so common in addresses, and in ordinary writing, that striking each out everywhere would hide nothing.
GENERIC_ADDRESS_WORDS = frozenset(
    {
        "the",
        "and",
        "road",
        "street",
        "avenue",
        "lane",
        "flat",
        "apartment",
        "house",
        "close",
        "drive",
        "court",
        "way",
        "place",
        "crescent",
        "gardens",
        "grove",
        "terrace",
        "square",
        "hill",
        "park",
        "row",
        "walk",
        "mews",
        "green",
        "view",
        "rise",
        "parade",
        "floor",
        "unit",
        "block",
        "building",
        "high",
        "upper",
        "lower",
        "north",
        "south",
        "east",
        "west",
        "new",
        "old",
        "united",
        "kingdom",
    }
)

_LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters, in any alphabet
_POSTCODE = re.compile(r"(?<![^\W_])([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})(?![^\W_])", re.IGNORECASE)
_HOUSE_NUMBER = re.compile(r"^\d+[A-Za-z]?\s+")
_ADDRESS_PARTS = re.compile(r"\s*[,;\n\r]+\s*")
_BRACKETED = re.compile(r"\([^)]*\)")
_PHONE_GAP = r"[\s.\-()]{0,3}"  # what may come between two digits of a phone number
_INITIAL_GAP = r"(?:\.\s*|\s+)"  # after an initial: a full stop (and perhaps a space), or a space


@dataclass(frozen=True)
class _Form:
    """One way a particular may be written: a regex source, whether it is the complainant's name, and the length
    of the text it stands for (to put the longest first where two start at the same place)."""

    source: str
    is_name: bool
    length: int


def _flexible(text: str) -> str:
    """A literal, with each run of whitespace in it matching any run of whitespace."""
    return r"\s+".join(re.escape(piece) for piece in text.split())


def _initial(letter: str) -> str:
    """A capital initial, matched as a capital only (the ``a.`` that ends a sentence is not an initial)."""
    return f"(?-i:{re.escape(letter.upper())})"


def _name_forms(name: str, is_name: bool) -> list[_Form]:
    """Every way of writing a person's name, with or without a title (see the module's docstring)."""
    parts = name.split()
    words = [word for part in parts for word in _LETTERS.findall(part)]
    if sum(len(word) for word in words) < 2:
        return []
    bare: list[tuple[str, int]] = [(_flexible(name), len(name))]
    bare.extend((re.escape(part), len(part)) for part in parts if len("".join(_LETTERS.findall(part))) >= 2)
    bare.extend((re.escape(word), len(word)) for word in words if len(word) >= 2)
    initials = [_LETTERS.findall(part)[0][0] for part in parts if _LETTERS.findall(part)]
    lettered = [part for part in parts if _LETTERS.findall(part)]
    if len(lettered) >= 2:
        surname = lettered[-1]
        bare.append((_flexible(f"{lettered[0]} {surname}"), len(lettered[0]) + len(surname) + 1))
        before = initials[:-1]
        bare.extend((_initial(letter) + _INITIAL_GAP + re.escape(surname), len(surname) + 3) for letter in before)
        if len(before) > 1:
            every = "".join(_initial(letter) + _INITIAL_GAP for letter in before)
            bare.append((every + re.escape(surname), len(surname) + 3 * len(before)))
        bare.append((r"\.\s*".join(_initial(letter) for letter in initials) + r"\.", 3 * len(initials)))
    bare.extend((_initial(letter) + r"\.", 2) for letter in initials)
    bare.sort(key=lambda form: -form[1])
    titles = "|".join(sorted(TITLES, key=len, reverse=True))
    any_form = "|".join(source for source, _ in bare)
    whole_parts = "|".join(source for source, _ in bare if not source.endswith(r"\."))  # not an initial and its stop
    run, letters = _run(words, initials, whole_parts)
    longest = max(length for _, length in bare)
    titled = _Form(rf"(?:{titles})\.?\s+(?:{run}|{any_form}|(?:{letters})\.?)", is_name, longest + 5)
    beside = _Form(run, is_name, longest + 1)  # before any one part: it is two or more of them
    return [titled, beside, *(_Form(source, is_name, length) for source, length in bare)]


def _run(words: list[str], initials: list[str], whole_parts: str) -> tuple[str, str]:
    """Two or more parts of a name one after another, in any order and however short (``O Olga``, ``Ann O``,
    ``Ng Wei``); and the single letters of the name (its one-letter parts, such as the surname "O", and its
    initials), which may also follow a title on their own (``Ms O``).

    A single letter counts only beside a longer part: before one, with or without a full stop; after one, only a
    one-letter part of the name, and without the full stop that may end the sentence. So "Ms O Olga" goes whole,
    and "Ann, I think" keeps its "I"."""
    short = sorted({word.upper() for word in words if len(word) == 1})
    letters = "|".join(_initial(letter) for letter in sorted({*short, *(letter.upper() for letter in initials)}))
    part = f"(?:{whole_parts})"
    more = rf"(?:(?:\s+(?:{letters})\.?)*\s+{part})"  # another part, perhaps after initials
    last = rf"(?:\s+(?:{'|'.join(_initial(letter) for letter in short)}))" if short else ""
    runs = [
        rf"(?:(?:{letters}){_INITIAL_GAP})+{part}{more}*{last and last + '?'}",
        rf"{part}{more}+{last and last + '?'}",
    ]
    if last:
        runs.append(part + last)
    return "|".join(runs), letters


def _email_forms(email: str) -> list[_Form]:
    email = email.strip()
    if not email:
        return []
    forms = [_Form(re.escape(email), False, len(email))]
    local = email.partition("@")[0]
    if "@" in email and len(local) >= 3:
        forms.append(_Form(re.escape(local), False, len(local)))
    return forms


def _phone_forms(phone: str) -> list[_Form]:
    """The number whatever separates its digits, and a UK number with +44, 0044 or 0 in front (or nothing)."""
    given = phone.strip()
    digits = re.sub(r"\D", "", given)
    if len(digits) < 6:  # too short to match safely by its digits: only as written
        return [_Form(_flexible(given), False, len(given))] if given else []
    international = given.startswith("+") or digits.startswith("00")
    if international:
        digits = digits.removeprefix("00")
    if international and not digits.startswith("44"):
        source = rf"(?:\+|00)?{_PHONE_GAP}" + _PHONE_GAP.join(digits)
    else:
        national = (digits[2:] if international else digits).removeprefix("0")
        prefix = rf"(?:(?:\+|00){_PHONE_GAP}44{_PHONE_GAP}(?:0{_PHONE_GAP})?|\(?0{_PHONE_GAP})?"
        source = prefix + _PHONE_GAP.join(national)
    return [_Form(source, False, len(given))]


def _worth_matching(part: str) -> bool:
    """Whether a part of an address is matched as a whole: it has a word in it (a house number alone is not
    matched, so "12 months" stays), and it is not one common word on its own ("Flat")."""
    words = [word for word in _LETTERS.findall(part) if len(word) >= 2]
    lone_common = len(part.split()) == 1 and all(word.lower() in GENERIC_ADDRESS_WORDS for word in words)
    return bool(words) and not lone_common


def _address_forms(address: str) -> list[_Form]:
    parts = [part for part in _ADDRESS_PARTS.split(address.strip()) if part]
    if not parts:
        return []
    between = r"(?:\s*[,;]\s*|\s+)"
    forms = [_Form(between.join(_flexible(part) for part in parts), False, len(address.strip()))]
    for part in parts:
        if _worth_matching(part):
            forms.append(_Form(_flexible(part), False, len(part)))
        number = _HOUSE_NUMBER.match(part)
        street = part[number.end() :] if number else ""
        if street and _worth_matching(street):
            forms.append(_Form(_flexible(street), False, len(street)))
    for postcode in _POSTCODE.finditer(address):
        outward, inward = postcode.groups()
        forms.append(_Form(rf"{re.escape(outward)}\s*{re.escape(inward)}", False, len(outward) + len(inward) + 1))
    forms.extend(
        _Form(re.escape(word), False, len(word))
        for word in _LETTERS.findall(address)
        if len(word) >= 3 and word.lower() not in GENERIC_ADDRESS_WORDS
    )
    return forms


def _text(value: Any) -> str:
    return str(value).strip() if value else ""


def redactor(complainant: Mapping[str, Any], extra: Sequence[str] = ()) -> re.Pattern[str] | None:
    """The one pattern for everything the report leaves out, from the complainant's details (as the case holds
    them: ``name``, ``named_contact``, ``contact_email``, ``contact_phone``, ``contact_address``) and the further
    phrases an ombudsman named; None when there is nothing to leave out. Use it with :func:`redact`."""
    forms: list[_Form] = [*_name_forms(_text(complainant.get("name")), True)]
    forms.extend(_name_forms(_BRACKETED.sub(" ", _text(complainant.get("named_contact"))), False))
    forms.extend(_email_forms(_text(complainant.get("contact_email"))))
    forms.extend(_phone_forms(_text(complainant.get("contact_phone"))))
    forms.extend(_address_forms(_text(complainant.get("contact_address"))))
    forms.extend(_Form(_flexible(phrase), False, len(phrase.strip())) for phrase in extra if phrase.strip())
    return _compile(forms)


def _compile(forms: Iterable[_Form]) -> re.Pattern[str] | None:
    # The longest first, the complainant's name before anything else as long; each once.
    ordered = sorted(forms, key=lambda form: (-form.length, not form.is_name))
    seen: set[str] = set()
    groups: list[str] = []
    for form in ordered:
        if form.source.lower() in seen:
            continue
        seen.add(form.source.lower())
        groups.append(f"(?P<{'name' if form.is_name else 'other'}{len(groups)}>{form.source})")
    if not groups:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)", re.IGNORECASE)


def _mark(match: re.Match[str]) -> str:
    return NAME_MARK if (match.lastgroup or "").startswith("name") else REDACTED


def redact(text: str, pattern: re.Pattern[str] | None) -> str:
    """The text with the complainant's name as ``[the complainant]`` and every other particular as ``[redacted]``."""
    return pattern.sub(_mark, text) if pattern is not None else text


def redact_value(value: Any, pattern: re.Pattern[str] | None) -> Any:
    """Every string inside a JSON-like value redacted (lists and mappings walked, other values as they are)."""
    if isinstance(value, str):
        return redact(value, pattern)
    if isinstance(value, list):
        return [redact_value(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: redact_value(item, pattern) for key, item in value.items()}
    return value
