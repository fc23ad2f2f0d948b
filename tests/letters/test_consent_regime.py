"""The jurisdiction decision says what the rule in force decided: under the 2015 consent rule (the ``published``
rulebook, DISP 2.8.2R(5): a late referral needs the firm's consent), that the firm "has consented", not merely
that it "has not objected" (the seed edition's words, pinned by the golden files)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from ombudsman.clock import FixedClock
from ombudsman.service import CaseService
from ombudsman.settings import Settings
from tests.conftest import CASEWORKER
from tests.walk import FIRM, Walk


def test_a_late_complaint_the_firm_consented_to_is_accepted_in_the_words_of_the_consent_rule(
    engine: Engine, clock: FixedClock, settings: Settings
) -> None:
    service = CaseService(engine, clock, settings.model_copy(update={"rulebook": "published"}))
    walk = Walk(service, clock, date(2026, 3, 2), referred_on="2026-03-01")  # six months ran out on 21 January
    walk.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
    walk.step(FIRM, "record_late_referral_position", "jurisdiction_check", consents=True, reasons="We agree.")
    walk.step(CASEWORKER, "accept_jurisdiction", "investigation", exception="respondent_consent", reasons="Agreed.")
    decisions = [letter for letter in walk.letters() if letter.kind == "jurisdiction_decision"]
    assert {letter.addressed_to for letter in decisions} == {"complainant", "respondent"}
    for letter in decisions:
        for text in (letter.text, letter.html):
            assert "consented to us looking at it" in " ".join(text.split())
            assert "not objected to us" not in " ".join(text.split())
