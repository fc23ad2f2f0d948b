"""Every letter kind, made by the step that sends it, pinned by golden files, rendered safely and served by party.

Regenerate the golden files after a deliberate change with ``UPDATE_GOLDEN=1``; otherwise any difference fails.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from jinja2 import StrictUndefined, UndefinedError

from ombudsman import letters
from ombudsman.clock import FixedClock
from ombudsman.letters import ENVIRONMENT, TEMPLATES, LetterFormat, render
from ombudsman.models import Letter
from ombudsman.service import CaseService
from tests.letters.scenarios import SCENARIOS
from workflows.vocabulary import LetterKind

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def golden_name(letter: Letter) -> str:
    return f"{letter.kind}.{letter.step}.{letter.addressed_to}.txt"


@pytest.fixture
def rendered(service: CaseService, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Every scenario walked; each letter by golden name (the first scenario to send it), and every context used."""
    contexts: list[tuple[str, dict[str, Any], LetterFormat, str]] = []

    def recording(kind: LetterKind | str, context: dict[str, Any], form: LetterFormat) -> str:
        output = render(kind, context, form)
        contexts.append((str(kind), context, form, output))
        return output

    monkeypatch.setattr(letters, "render", recording)
    made: dict[str, Letter] = {}
    for scenario in SCENARIOS.values():
        for letter in scenario(service, clock).letters():
            made.setdefault(golden_name(letter), letter)
    return {"letters": made, "contexts": contexts}


def test_every_kind_is_sent_by_the_step_that_needs_it(rendered: dict[str, Any]) -> None:
    kinds = {letter.kind for letter in rendered["letters"].values()}
    assert kinds == {kind.value for kind in LetterKind}
    steps = {(letter.kind, letter.step) for letter in rendered["letters"].values()}
    expected = {(kind.value, step) for step, sends in letters.SENDS.items() for kind, _ in sends}
    assert steps == expected


def test_golden_files_pin_the_text_of_every_letter(rendered: dict[str, Any]) -> None:
    made: dict[str, Letter] = rendered["letters"]
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        for stale in GOLDEN.glob("*.txt"):
            if stale.name not in made:
                stale.unlink()
        for name, letter in made.items():
            (GOLDEN / name).write_text(letter.text, encoding="utf-8")
    assert sorted(path.name for path in GOLDEN.glob("*.txt")) == sorted(made), "run with UPDATE_GOLDEN=1"
    for name, letter in made.items():
        assert letter.text == (GOLDEN / name).read_text(encoding="utf-8"), f"{name} differs from its golden file"


def test_every_template_renders_under_strict_undefined_with_the_full_context(rendered: dict[str, Any]) -> None:
    assert ENVIRONMENT.undefined is StrictUndefined
    used = {(kind, form) for kind, _, form, _ in rendered["contexts"]}
    for kind in LetterKind:
        assert (TEMPLATES / "letters" / f"{kind.value}.html.j2").is_file()
        assert (TEMPLATES / "letters" / f"{kind.value}.txt.j2").is_file()
        assert {(kind.value, LetterFormat.html), (kind.value, LetterFormat.text)} <= used
    for kind, context, form, output in rendered["contexts"]:
        assert render(kind, context, form) == output  # the same context always gives the same letter
        if form is LetterFormat.html:
            assert "large-print" in render(kind, context, LetterFormat.large_print)
        with pytest.raises(UndefinedError):
            render(kind, {key: value for key, value in context.items() if key != "reference"}, form)


def test_plain_english_dates_money_and_citations_in_footnotes(rendered: dict[str, Any]) -> None:
    determination = rendered["letters"]["determination.determine.complainant.txt"].text
    flowing = " ".join(determination.split())
    assert "before 4 November 2025. So the last day you can tell us is 3 November 2025." in flowing
    assert "£150,000" in determination and "£33,250" in determination  # GOV.UK style: no pence when whole
    body, _, notes = determination.partition("\nNotes\n")
    assert "DISP" not in body  # the citations are footnotes, never in a sentence
    assert "DISP 3.6.6R(4A)" in notes
    assert not re.search(r"\d{4}-\d{2}-\d{2}", determination)


def test_large_print_is_made_for_a_complainant_who_needs_it(rendered: dict[str, Any]) -> None:
    for letter in rendered["letters"].values():
        if letter.step == "refer_elsewhere" and letter.addressed_to == "complainant":
            assert (
                letter.large_print is not None and 'class="letter referral_elsewhere large-print"' in letter.large_print
            )
            assert "font-size: 18pt" in letter.large_print
        if letter.step == "refer_elsewhere" and letter.addressed_to == "respondent":
            assert letter.large_print is None
    ack = rendered["letters"]["acknowledgement.open_case.complainant.txt"]
    assert ack.large_print is None  # Ann Example asked for no adjustment


def test_no_template_can_reach_the_database_or_the_clock() -> None:
    assert set(ENVIRONMENT.globals) <= {"range", "dict", "lipsum", "cycler", "joiner", "namespace"}
    for path in (TEMPLATES / "letters").glob("*.j2"):
        code = " ".join(re.findall(r"\{[{%](.*?)[%}]\}", path.read_text(encoding="utf-8"), re.DOTALL))
        assert not re.search(r"\b(now|today|session|engine|case)\b", code), path.name


def test_a_test_case_dismissal_tells_the_complainant_the_six_months_and_what_the_undertaking_covers(
    service: CaseService, clock: FixedClock
) -> None:
    """DISP 3.3.5R(1)(b), through DISP 3.3.1R: proposed first, then dismissed (the legal review's probe W2)."""
    sent = {
        (letter.kind, letter.addressed_to): letter.text
        for letter in SCENARIOS["dismissed_as_test_case"](service, clock).letters()
    }
    proposal = " ".join(sent[("dismissal_proposal", "complainant")].split())
    assert "a court would more suitably deal with it as a test case" in proposal
    assert "Whether the exclusion clause is unfair." in proposal
    decision = " ".join(sent[("dismissal_decision", "complainant")].split())
    for words in (
        "within six months of the dismissal",
        "indemnity basis",
        "reasonable costs and disbursements",
        "the proceedings at first instance and any subsequent appeal proceedings brought by the respondent",
        "interim payments on account",
        "DISP 3.3.5R(1)(b)",
    ):
        assert words in proposal and words in decision
    assert "first hearing" not in proposal and "first hearing" not in decision
    assert "start any court case within six months of the date of this letter" in decision
    assert "within six months of the dismissal" in " ".join(sent[("dismissal_decision", "respondent")].split())
