"""How a value comes in: exactly as the API says it is written, or not at all.

Every fact, field, query parameter and CLI option that carries one of these is declared with the type below, so a
value is never guessed at: a date is ``YYYY-MM-DD`` (never a number of seconds, never a time), a yes-or-no is a
JSON boolean (never ``"yes"`` or ``1``), money is a decimal string with at most two places (never ``12.5`` as a
number, ``"1E+5"`` or ``"1_000"``), and text holds no NUL or other control character (line breaks and tabs
aside). Anything else is refused with a message naming what was wrong, and the caller names the field.

Each type also says in its JSON Schema exactly what it takes (format, pattern), so the OpenAPI document describes
what the server accepts and a client generated from it sends nothing the server refuses.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

from ombudsman.money import pence

# Control characters (C0 and C1, and DEL) other than tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
TEXT_PATTERN = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$"

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


def printable(value: str) -> str:
    """Refuse NUL and other control characters; line breaks and tabs are kept."""
    found = _CONTROL.search(value)
    if found:
        raise ValueError(
            f"must not contain control characters such as NUL (found U+{ord(found.group()):04X} at position "
            f"{found.start() + 1}); line breaks and tabs are fine"
        )
    return value


# Text with no control characters but line breaks and tabs; give its lengths with ``Field`` where it is used.
Printable = Annotated[str, AfterValidator(printable), Field(json_schema_extra={"pattern": TEXT_PATTERN})]


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
