"""How a value comes in: exactly as the API says it is written, or not at all.

Every fact, field, query parameter and CLI option that carries one of these is declared with the type below, so a
value is never guessed at: a date is ``YYYY-MM-DD`` (never a number of seconds, never a time), a yes-or-no is a
JSON boolean (never ``"yes"`` or ``1``), money is a decimal string with at most two places (never ``12.5`` as a
number, ``"1E+5"`` or ``"1_000"``), text holds no NUL or other control character (line breaks and tabs aside)
and none of the characters that change the direction of text, and an email address is one address alone.
Anything else is refused with a message naming what was wrong, and the caller names the field.

Each type also says in its JSON Schema exactly what it takes (format, pattern), so the OpenAPI document describes
what the server accepts and a client generated from it sends nothing the server refuses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from email_validator import EmailNotValidError, ValidatedEmail, validate_email
from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, WithJsonSchema

from ombudsman.money import pence

# Control characters (C0 and C1, and DEL) other than tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The embeddings, overrides and isolates of the Unicode bidirectional algorithm (U+202A-U+202E, U+2066-U+2069): each
# changes the direction of the text after it until it is closed, so "Ann " with U+202E before "elpmaxE" is shown
# as "Ann Example", another name than the one stored. The marks U+200E, U+200F and U+061C are let through: each
# only settles the direction of the punctuation or digits beside it, writing Arabic or Hebrew beside English needs
# them, and none can reverse a run of letters.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# What ``printable`` takes, as the JSON Schema pattern says it (the same two sets of characters refused).
TEXT_PATTERN = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"

DAY_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DAY = re.compile(DAY_PATTERN)

MONEY_PATTERN = r"^[0-9]{1,12}(\.[0-9]{1,2})?$"
_MONEY = re.compile(MONEY_PATTERN)
MAX_MONEY_DIGITS = 12

PERCENT_PATTERN = r"^(100(\.0{1,4})?|[0-9]{1,2}(\.[0-9]{1,4})?)$"
_PERCENT = re.compile(PERCENT_PATTERN)

FRN_PATTERN = r"^[0-9]{6,7}$"
_FRN = re.compile(FRN_PATTERN)

REFERENCE_PATTERN = r"^FOS-[0-9]{4}-[0-9]{6,12}$"


def character_named(character: str) -> str:
    """A character as a message names it: "a space", "a line break", "U+202E (right-to-left override)"."""
    if character in "\r\n":
        return "a line break"
    if character in " \t":
        return "a space" if character == " " else "a tab"
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X}" + (f" ({name.lower()})" if name else "")


def printable(value: str) -> str:
    """Refuse NUL and other control characters, and the characters that change the direction of text (see
    ``BIDI_CONTROLS``); line breaks and tabs are kept."""
    found = _CONTROL.search(value)
    if found:
        raise ValueError(
            f"must not contain control characters such as NUL (found U+{ord(found.group()):04X} at position "
            f"{found.start() + 1}); line breaks and tabs are fine"
        )
    turned = _BIDI.search(value)
    if turned:
        raise ValueError(
            "must not contain characters that change the direction of the text, which can make it read as "
            f"something else (found {character_named(turned.group())} at position {turned.start() + 1})"
        )
    return value


# The validation context for facts read back from the database (``CaseFacts.model_validate(..., context=AS_STORED)``):
# text and email addresses are taken as they were stored. Each was checked on its way in by the checks of that day;
# a check added since (one email address alone, no characters that change the direction of text) refuses what comes
# in, never a case already held, which must still be read, corrected (a correction is checked in full) and shown
# (a page shows old text through ``unturned``).
AS_STORED = {"as_stored": True}


def _unless_stored(check: Callable[[str], str]) -> Callable[[str, ValidationInfo], str]:
    def checked(value: str, info: ValidationInfo) -> str:
        if isinstance(info.context, dict) and info.context.get("as_stored"):
            return value
        return check(value)

    return checked


# Text with no control characters but line breaks and tabs; give its lengths with ``Field`` where it is used.
Printable = Annotated[
    str, AfterValidator(_unless_stored(printable)), Field(json_schema_extra={"pattern": TEXT_PATTERN})
]

_BIDI_SHOWN = dict.fromkeys(map(ord, BIDI_CONTROLS), "\ufffd")


def unturned(text: str) -> str:
    """``text`` with each character that changes the direction of text shown as U+FFFD (the replacement character):
    a page or a letter made from text stored before ``printable`` refused them reads as it is, in its own order.
    Nine searches for a character take about 30 microseconds on a page of 100,000 characters; the text is copied
    only when one is there."""
    if any(character in text for character in BIDI_CONTROLS):
        return text.translate(_BIDI_SHOWN)
    return text


# RFC 5321 4.5.3.1.3: a path is at most 256 octets with its angle brackets, so an address at most 254.
EMAIL_MAX_LENGTH = 254
_LIST_SEPARATORS = {",": "a comma", ";": "a semicolon"}


def email_address(value: str) -> str:
    """One email address alone, such as ``ann@example.org``, checked by its syntax with ``email-validator`` (no
    look-up of the domain: an address is refused for how it is written, never for a server that is down).

    Refused: a list (a comma or a semicolon), a display name or angle brackets (``Ann <ann@example.org>``), any
    space or line break (a CR or LF would start another header line of the letter), a quoted part before the @-sign
    (``"a b"@example.org``), an IP address after it, a domain without a dot or a name reserved for tests and local
    networks (``.test``, ``.localhost``), a part before the @-sign of more than 64 characters, and an address of more
    than 254. A domain in another script (``ann@bücher.example``) is an address like any other.

    The address is kept exactly as it was given, not in the library's normalised form: a domain's capitals
    change nothing about where a letter goes, and the address on a letter is then the one the person wrote."""
    _checked(value)
    return value


def sendable_address(value: str) -> str:
    """The address to give the mail server for an address ``email_address`` takes: its ASCII form where it has one
    (a domain in another script written in the DNS's own letters, ``ann@xn--bcher-kva.example``), so a server
    that cannot take addresses in other scripts still delivers it. ValueError, as ``email_address`` says, for an
    address that is not one: a stored row written before addresses were checked may hold a list or a line break."""
    return _checked(value).ascii_email or value


def _checked(value: str) -> ValidatedEmail:
    if len(value) > EMAIL_MAX_LENGTH:
        raise ValueError(f"must be at most {EMAIL_MAX_LENGTH} characters (it is {len(value)})")
    for separator, named in _LIST_SEPARATORS.items():
        if separator in value:
            raise ValueError(
                f"must be one email address, not a list (found {named} at position {value.index(separator) + 1})"
            )
    if "<" in value or ">" in value:
        raise ValueError("must be the email address alone, such as ann@example.org: no name and no angle brackets")
    for position, character in enumerate(value, start=1):
        if character.isspace():
            raise ValueError(
                f"must be one email address with no spaces or line breaks (found {character_named(character)} at "
                f"position {position})"
            )
    try:
        return validate_email(
            value,
            check_deliverability=False,
            strict=True,
            allow_display_name=False,
            allow_quoted_local=False,
            allow_domain_literal=False,
            allow_empty_local=False,
        )
    except EmailNotValidError as error:
        raise ValueError(f"must be an email address such as ann@example.org. {error}") from None


EmailAddress = Annotated[
    str,
    AfterValidator(_unless_stored(email_address)),
    WithJsonSchema(
        {
            "type": "string",
            "format": "email",
            "maxLength": EMAIL_MAX_LENGTH,
            "description": "one email address alone: no name, no list",
            "examples": ["ann@example.org"],
        }
    ),
]


def _day(value: object) -> object:
    if isinstance(value, datetime):
        raise ValueError("must be a date written YYYY-MM-DD, not a time")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a day of the calendar") from None
    raise ValueError("must be a date written YYYY-MM-DD, such as 2026-02-01")


Day = Annotated[date, BeforeValidator(_day), WithJsonSchema({"type": "string", "format": "date"})]


def parse_day(text: str) -> date:
    """A date written ``YYYY-MM-DD`` (for the CLI and query strings); ValueError with the reason otherwise."""
    day = _day(text)
    assert isinstance(day, date)
    return day


def _money(value: object) -> object:
    if isinstance(value, Decimal):
        if not value.is_finite() or value.as_tuple().exponent < -2:  # type: ignore[operator]
            raise ValueError("must be pounds and pence, with at most two decimal places")
        if value < 0:
            raise ValueError("must not be negative")
        if value.adjusted() >= MAX_MONEY_DIGITS:
            raise ValueError(f"must be less than £{10**MAX_MONEY_DIGITS:,}")
        return pence(value)
    if isinstance(value, str):
        if value.startswith("-"):
            raise ValueError("must not be negative")
        if _MONEY.fullmatch(value):
            return pence(value)
    raise ValueError('must be an amount in pounds written as a string, such as "12.50": at most two decimal places')


Money = Annotated[
    Decimal,
    BeforeValidator(_money),
    WithJsonSchema({"type": "string", "pattern": MONEY_PATTERN, "examples": ["12.50"]}),
]


def _percent(value: object) -> object:
    if isinstance(value, Decimal) and value.is_finite() and 0 <= value <= 100:
        return value
    if isinstance(value, str) and _PERCENT.fullmatch(value):
        return Decimal(value)
    raise ValueError('must be a percentage from 0 to 100 written as a string, such as "8"')


Percent = Annotated[
    Decimal,
    BeforeValidator(_percent),
    WithJsonSchema({"type": "string", "pattern": PERCENT_PATTERN, "examples": ["8"]}),
]


def frn(value: str) -> str:
    if not _FRN.fullmatch(value):
        raise ValueError("must be a firm reference number: six or seven digits")
    return value


Frn = Annotated[
    str,
    AfterValidator(frn),
    WithJsonSchema({"type": "string", "pattern": FRN_PATTERN, "description": "six or seven digits"}),
]


def _flag(value: object) -> object:
    if isinstance(value, bool):
        return value
    raise ValueError('must be true or false (a JSON boolean, not "yes" or 1)')


Flag = Annotated[bool, BeforeValidator(_flag)]


def _count(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a whole number, such as 12")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("must be a whole number, such as 12")
        return int(value)  # JSON's 12.0 is the integer 12
    return value


Count = Annotated[int, BeforeValidator(_count), Field(ge=0, le=10_000_000)]
