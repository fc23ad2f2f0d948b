"""An email address is one address alone, and text holds none of the characters that change its direction: the
types of ``ombudsman.rules.values`` on their boundaries, with the message each refusal gives."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from ombudsman.rules.values import (
    AS_STORED,
    BIDI_CONTROLS,
    EMAIL_MAX_LENGTH,
    TEXT_PATTERN,
    EmailAddress,
    Printable,
    printable,
    unturned,
)

EMAIL = TypeAdapter(EmailAddress)
TEXT = TypeAdapter(Printable)
RLO = "\u202e"  # right-to-left override


def refusal(adapter: TypeAdapter[str], value: str) -> str:
    with pytest.raises(ValidationError) as refused:
        adapter.validate_python(value)
    [error] = refused.value.errors()
    return str(error["msg"]).removeprefix("Value error, ")


# --- email addresses --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "ann@example.org",
        "ann.example+complaints@example.org",
        "o'brien@example.co.uk",
        "Ann.Example@Example.ORG",  # kept as given: the domain's capitals change nothing about where a letter goes
        "ann@bücher.example",  # a domain in another script (an IDN) is an address like any other
        "ann@xn--bcher-kva.example",  # the same domain in its ASCII form
    ],
)
def test_one_address_alone_is_taken_exactly_as_given(address: str) -> None:
    assert EMAIL.validate_python(address) == address


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("Ann Example <ann@example.org>", "must be the email address alone, such as ann@example.org: no name and no"),
        ("<ann@example.org>", "must be the email address alone"),
        (
            "victim@example.org, eve@evil.example",
            "must be one email address, not a list (found a comma at position 19)",
        ),
        ("victim@example.org,eve@evil.example", "must be one email address, not a list (found a comma at position 19)"),
        (
            "victim@example.org; eve@evil.example",
            "must be one email address, not a list (found a semicolon at position",
        ),
        ("ann@example.org\r\nBcc: eve@evil.example", "no spaces or line breaks (found a line break at position 16)"),
        ("ann@example.org\n", "no spaces or line breaks (found a line break at position 16)"),
        ("ann@example.org\r", "found a line break at position 16"),
        ("not an address", "no spaces or line breaks (found a space at position 4)"),
        (" ann@example.org", "found a space at position 1"),
        ("ann@example.org ", "found a space at position 16"),
        ("ann\t@example.org", "found a tab at position 4"),
        ("ann\u00a0@example.org", "found U+00A0 (no-break space) at position 4"),
        ("ann@", "must be an email address such as ann@example.org. There must be something after the @-sign."),
        ("ann", "An email address must have an @-sign."),
        ("", "An email address must have an @-sign."),
        ("@example.org", "There must be something before the @-sign."),
        ("ann@example", "It should have a period."),
        ("ann@@example.org", "The part after the @-sign contains invalid characters: '@'."),
        ('"ann.example"@example.org', "Quoting the part before the @-sign is not allowed here."),
        ("ann@[192.0.2.1]", "A bracketed IP address after the @-sign is not allowed here."),
        ("ann@example.test", "special-use or reserved name"),
        ("ann@localhost", "It should have a period."),
        ("ann@example.org\x00", "The part after the @-sign contains invalid characters: U+0000."),
        (f"ann@example.org{RLO}", "contains unsafe characters: RIGHT-TO-LEFT OVERRIDE."),
    ],
)
def test_anything_but_one_address_alone_is_refused_saying_what_is_wrong(address: str, message: str) -> None:
    assert message in refusal(EMAIL, address)


def test_an_address_of_254_characters_is_taken_and_one_of_255_is_not() -> None:
    longest = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 57, "org"])
    assert len(longest) == EMAIL_MAX_LENGTH == 254
    assert EMAIL.validate_python(longest) == longest
    assert refusal(EMAIL, longest + "x") == "must be at most 254 characters (it is 255)"


def test_the_part_before_the_at_sign_is_at_most_64_characters() -> None:
    assert EMAIL.validate_python("a" * 64 + "@example.org") == "a" * 64 + "@example.org"
    assert "too long before the @-sign" in refusal(EMAIL, "a" * 65 + "@example.org")


def test_a_very_long_value_is_refused_by_its_length_before_anything_else_is_read() -> None:
    assert refusal(EMAIL, "a@b.co, " * 100_000) == f"must be at most 254 characters (it is {800_000})"


def test_the_json_schema_says_an_email_address_of_at_most_254_characters() -> None:
    schema = EMAIL.json_schema()
    assert (schema["type"], schema["format"], schema["maxLength"]) == ("string", "email", 254)


# --- text and the characters that change its direction ----------------------------------------------------------


@pytest.mark.parametrize("character", list(BIDI_CONTROLS))
def test_each_character_that_changes_the_direction_of_text_is_refused_naming_it_and_where_it_is(
    character: str,
) -> None:
    message = refusal(TEXT, f"Ann {character}elpmaxE")
    assert message.startswith("must not contain characters that change the direction of the text")
    assert f"(found U+{ord(character):04X} (" in message and ") at position 5)" in message


def test_the_right_to_left_override_is_named_in_plain_words() -> None:
    assert refusal(TEXT, f"Ann {RLO}elpmaxE").endswith("(found U+202E (right-to-left override) at position 5)")


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c"])
def test_the_direction_marks_that_mixed_scripts_need_are_taken(mark: str) -> None:
    # Left-to-right, right-to-left and Arabic letter mark: each settles only the punctuation or digits beside it.
    text = f"شركة المثال{mark} (Example Co)"
    assert TEXT.validate_python(text) == text


def test_the_text_pattern_in_the_json_schema_takes_exactly_what_printable_takes() -> None:
    pattern = re.compile(TEXT_PATTERN)
    disagreements = []
    for code in [*range(0x3000), *range(0xFE00, 0x10000)]:
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates are never a character of a JSON string
        character = chr(code)
        try:
            printable(f"a{character}b")
            taken = True
        except ValueError:
            taken = False
        if taken != bool(pattern.fullmatch(f"a{character}b")):
            disagreements.append(f"U+{code:04X}")
    assert disagreements == []
    assert not pattern.fullmatch(f"Ann {RLO}elpmaxE") and pattern.fullmatch("Ann\r\n\tExample")


def test_text_as_stored_before_these_checks_is_read_as_it_was_stored() -> None:
    class Stored(BaseModel):
        name: Printable
        contact_email: EmailAddress

    old = {"name": f"Ann {RLO}elpmaxE", "contact_email": "victim@example.org, eve@evil.example"}
    assert Stored.model_validate(old, context=AS_STORED).model_dump() == old
    with pytest.raises(ValidationError) as refused:
        Stored.model_validate(old)
    assert [error["loc"] for error in refused.value.errors()] == [("name",), ("contact_email",)]


def test_unturned_shows_each_such_character_as_the_replacement_character_and_leaves_the_rest() -> None:
    assert unturned(f"Ann {RLO}elpmaxE\u2066x\u2069") == "Ann \ufffdelpmaxE\ufffdx\ufffd"
    assert unturned("شركة\u200f (Example)") == "شركة\u200f (Example)"
