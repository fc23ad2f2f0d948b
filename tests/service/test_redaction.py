"""The redactor of the published report (DISP 3.6.7R): every way the complainant's particulars may be written
goes, and the ordinary words around them stay. A pure function, so no database."""

from __future__ import annotations

from typing import Any

import pytest

from ombudsman.redaction import NAME_MARK, REDACTED, redact, redact_value, redactor

MEI: dict[str, Any] = {
    "name": "Mei Wu",
    "kind": "consumer",
    "contact_email": "mei.wu@example.org",
    "contact_phone": "07700 900123",
    "contact_address": "12 Acacia Avenue, Leeds LS1 4AB",
    "named_contact": "Bea Lin (daughter)",
}


def scrub(text: str, complainant: dict[str, Any] = MEI, extra: tuple[str, ...] = ()) -> str:
    return redact(text, redactor(complainant, extra))


class TestTheName:
    @pytest.mark.parametrize(
        "written",
        [
            "Mei Wu",
            "MEI WU",
            "mei  wu",
            "Mei\nWu",
            "Wu",
            "wu",
            "Mei",
            "Ms Wu",
            "Ms. Wu",
            "Mrs Mei Wu",
            "Miss Wu",
            "Mx Wu",
            "Dr Wu",
            "Prof. Wu",
            "Rev Wu",
            "M. Wu",
            "M Wu",
            "Dr M. Wu",
            "M.W.",
            "M. W.",
        ],
    )
    def test_every_form_of_the_name_becomes_the_complainant(self, written: str) -> None:
        assert scrub(f"We spoke to {written} on Monday.") == f"We spoke to {NAME_MARK} on Monday."

    def test_a_title_goes_with_the_name(self) -> None:
        assert scrub("Mrs. Example wrote.", {"name": "Ann Example"}) == f"{NAME_MARK} wrote."
        assert scrub("Dr A. Example wrote.", {"name": "Ann Example"}) == f"{NAME_MARK} wrote."
        assert scrub("Sir Ann wrote.", {"name": "Ann Example"}) == f"{NAME_MARK} wrote."

    def test_a_possessive_keeps_its_ending(self) -> None:
        assert scrub("Mei Wu's account and Wu's card") == f"{NAME_MARK}'s account and {NAME_MARK}'s card"

    @pytest.mark.parametrize("text", ["She moved to Wuhan.", "A Wurlitzer.", "Meiosis.", "The wuwei school."])
    def test_only_whole_words_go(self, text: str) -> None:
        assert scrub(text) == text

    def test_a_name_part_of_any_length_goes_but_a_lone_letter_only_as_an_initial(self) -> None:
        ann = {"name": "Ann B Example"}
        assert scrub("Plan B. Ask Ann B Example or B. Example.", ann) == (
            f"Plan {NAME_MARK} Ask {NAME_MARK} or {NAME_MARK}."
        )
        assert scrub("Take a B road with Ann.", ann) == f"Take a B road with {NAME_MARK}."

    def test_an_initial_is_a_capital_so_a_sentence_ending_in_a_lower_case_letter_stays(self) -> None:
        assert scrub("Choose option m. Then stop.") == "Choose option m. Then stop."

    def test_each_part_of_a_hyphenated_or_apostrophised_name_goes(self) -> None:
        person = {"name": "Siobhan O'Brien-Smith"}
        assert scrub("O'Brien-Smith, Brien and Smith", person) == f"{NAME_MARK}, {NAME_MARK} and {NAME_MARK}"


OLGA: dict[str, Any] = {"name": "Olga O"}  # a one-letter surname


class TestShortNameParts:
    """A part of one or two letters (a short surname, an initial) goes beside a title or another part of the name;
    the one-letter words of ordinary writing stay."""

    @pytest.mark.parametrize(
        ("person", "written"),
        [
            ({"name": "Olga O"}, "Ms O"),
            ({"name": "Olga O"}, "Mrs. O"),
            ({"name": "Olga O"}, "O."),
            ({"name": "Olga O"}, "Olga O"),
            ({"name": "Olga O"}, "Ms Olga O"),
            ({"name": "Olga O"}, "O Olga"),
            ({"name": "Olga O"}, "Ms O Olga"),
            ({"name": "Olga O"}, "O. Olga"),
            ({"name": "Wei Ng"}, "Mr Ng"),
            ({"name": "Wei Ng"}, "Ng Wei"),
            ({"name": "Wei Ng"}, "Mr W Ng"),
            ({"name": "Jane O'Neill"}, "J. O'Neill"),
            ({"name": "Jane O'Neill"}, "Ms O"),
            ({"name": "Ann O Example"}, "Ann O"),
            ({"name": "Ann O Example"}, "Ms O Example"),
            ({"name": "Ann O Example"}, "Ann O. Example"),
            ({"name": "Ann Example"}, "Ms A"),
        ],
    )
    def test_a_short_part_beside_a_title_or_another_part_goes_with_it(
        self, person: dict[str, Any], written: str
    ) -> None:
        assert scrub(f"We wrote to {written} on Monday.", person) == f"We wrote to {NAME_MARK} on Monday."

    def test_no_fragment_of_the_name_is_left_beside_the_mark(self) -> None:
        text = "Ms O Olga (Ms O to the firm) complained; Olga O. wrote again, and O Olga's son too."
        assert scrub(text, OLGA) == (
            f"{NAME_MARK} ({NAME_MARK} to the firm) complained; {NAME_MARK}. wrote again, and {NAME_MARK}'s son too."
        )

    def test_the_one_letter_words_of_ordinary_writing_stay(self) -> None:
        text = "O dear. I think a loan of £5 is a lot. Plan A, option O; o. A, I and a."
        assert scrub(text, OLGA) == text
        assert scrub("Olga, I think, a good customer. Olga I said.", OLGA) == (
            f"{NAME_MARK}, I think, a good customer. {NAME_MARK} I said."
        )
        assert scrub("I, Ivan, said a word.", {"name": "Ivan Petrov"}) == f"I, {NAME_MARK}, said a word."


class TestTheNamedContact:
    def test_the_person_the_complainant_asked_us_to_deal_with_is_redacted_without_the_note_in_brackets(self) -> None:
        assert scrub("Bea Lin, Ms Lin and Bea called; her daughter too.") == (
            f"{REDACTED}, {REDACTED} and {REDACTED} called; her daughter too."
        )


class TestContactDetails:
    def test_the_email_goes_whole_not_as_a_name_and_a_domain(self) -> None:
        assert scrub("Write to MEI.WU@example.org today.") == f"Write to {REDACTED} today."

    def test_the_part_of_the_email_before_the_at_goes_when_it_is_three_characters_or_more(self) -> None:
        assert scrub("Her handle is mei.wu online.") == f"Her handle is {REDACTED} online."
        assert scrub("Ask me.", {"name": "Ann", "contact_email": "me@example.org"}) == "Ask me."

    @pytest.mark.parametrize(
        "written",
        [
            "07700 900123",
            "07700900123",
            "07700 900 123",
            "0770-090-0123",
            "07700.900.123",
            "(07700) 900123",
            "+44 7700 900123",
            "+44 7700 900 123",
            "+447700900123",
            "+44 (0)7700 900123",
            "0044 7700 900123",
            "7700 900123",
        ],
    )
    def test_the_phone_number_goes_in_any_spacing_and_in_every_uk_form(self, written: str) -> None:
        assert scrub(f"Call {written} after five.") == f"Call {REDACTED} after five."

    def test_a_phone_number_given_in_international_form_goes_in_its_national_form_too(self) -> None:
        person = {"name": "Ann", "contact_phone": "+44 7700 900123"}
        assert scrub("Call 07700 900 123.", person) == f"Call {REDACTED}."

    def test_a_phone_number_outside_the_uk_goes_in_any_spacing(self) -> None:
        person = {"name": "Ann", "contact_phone": "+1 555 010 9999"}
        assert scrub("Call +1 (555) 010-9999 or 001 555 010 9999.", person) == f"Call {REDACTED} or {REDACTED}."

    def test_other_numbers_stay(self) -> None:
        text = "She paid £900.12 over 12 months; reference 077009001234."
        assert scrub(text) == text


class TestTheAddress:
    @pytest.mark.parametrize(
        "written",
        [
            "12 Acacia Avenue, Leeds LS1 4AB",
            "12 Acacia Avenue Leeds LS1 4AB",
            "12 Acacia Avenue,\nLeeds LS1 4AB",
            "12 Acacia Avenue",
            "Acacia Avenue",
            "acacia avenue",
            "Leeds LS1 4AB",
            "Leeds",
            "LS1 4AB",
            "LS14AB",
            "ls1 4ab",
            "Acacia",
        ],
    )
    def test_the_address_its_parts_its_street_its_postcode_and_its_words_go(self, written: str) -> None:
        assert scrub(f"She lives at {written} now.") == f"She lives at {REDACTED} now."

    def test_a_house_number_alone_and_the_common_address_words_stay(self) -> None:
        text = "For 12 months the avenue of appeal was the road to court."
        assert scrub(text) == text

    def test_each_line_of_the_address_goes_even_a_flat_number_but_a_lone_common_word_stays(self) -> None:
        person = {"name": "Ann", "contact_address": "Flat 3\n12 Acacia Avenue\nLeeds"}
        assert scrub("Post it to Flat 3, 12 Acacia Avenue; not to flat roofs.", person) == (
            f"Post it to {REDACTED}, {REDACTED}; not to flat roofs."
        )


class TestFurtherPhrases:
    def test_each_phrase_an_ombudsman_named_goes_with_any_spacing_and_case(self) -> None:
        text = "She works for Northern Widgets Ltd as a senior nurse.\nNORTHERN  WIDGETS\nLTD agreed."
        assert scrub(text, extra=("Northern Widgets Ltd", "senior nurse")) == (
            f"She works for {REDACTED} as a {REDACTED}.\n{REDACTED} agreed."
        )

    def test_a_phrase_goes_only_as_whole_words(self) -> None:
        assert scrub("The nursery and the nurse.", extra=("nurse",)) == f"The nursery and the {REDACTED}."

    def test_a_phrase_is_taken_literally_not_as_a_pattern(self) -> None:
        assert scrub("Paid 5.00 or 5x00.", extra=("5.00",)) == f"Paid {REDACTED} or 5x00."


class TestThePattern:
    def test_the_same_details_give_the_same_pattern(self) -> None:
        first, second = redactor(MEI, ("nurse",)), redactor(dict(MEI), ["nurse"])
        assert first is not None and second is not None
        assert first.pattern == second.pattern

    def test_a_complainant_with_nothing_to_remove_gives_no_pattern_and_text_is_left_alone(self) -> None:
        assert redactor({}) is None
        assert redact("Anything at all.", None) == "Anything at all."

    def test_every_string_inside_a_json_value_is_redacted_and_nothing_else_changes(self) -> None:
        value = {
            "lines": [{"head": "financial_loss", "amount": "100.00"}],
            "directions": ["Correct Ms Wu's credit file at 12 Acacia Avenue"],
            "interest": None,
            "respondent_missed_time_limit": False,
        }
        assert redact_value(value, redactor(MEI)) == {
            "lines": [{"head": "financial_loss", "amount": "100.00"}],
            "directions": [f"Correct {NAME_MARK}'s credit file at {REDACTED}"],
            "interest": None,
            "respondent_missed_time_limit": False,
        }

    def test_the_particulars_of_a_hostile_name_are_taken_literally(self) -> None:
        person = {"name": "(.*) [a-z]+ O'Brien"}
        assert scrub("Everything here stays, but O'Brien goes.", person) == (
            f"Everything here stays, but {NAME_MARK} goes."
        )
