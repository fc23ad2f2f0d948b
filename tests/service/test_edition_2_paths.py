"""The new paths of contract edition 2, walked end to end through the service on both databases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import col, select

from ombudsman.clock import FixedClock
from ombudsman.db import transaction
from ombudsman.errors import InvalidInput, NotFound, Refused
from ombudsman.models import AuditEvent, Case
from ombudsman.repository import cases_where, load
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER, OMBUDSMAN
from tests.factories import facts_data
from tests.walk import FIRM, Walk


def _facts(service: CaseService, reference: str) -> dict[str, object]:
    with transaction(service.engine) as session:
        record = load(session, cases_where(col(Case.reference) == reference))
        assert record is not None
        return dict(record.case.facts)


def test_a_complaint_never_made_to_the_firm_is_referred_to_it_and_its_eight_weeks_run_from_the_referral(
    service: CaseService, clock: FixedClock
) -> None:
    """DISP 3.2.2R: the referral is the complaint (the legal review's probe W18: it used to be stuck in referred)."""
    walk = Walk(
        service,
        clock,
        date(2026, 10, 5),
        complained_to_respondent_on=None,
        final_response_sent_on=None,
        final_response_mentioned_time_limit=False,
        referred_on="2026-10-05",
    )
    walk.step(CASEWORKER, "refer_to_respondent", "with_respondent")
    assert _facts(service, walk.reference)["complained_to_respondent_on"] == "2026-10-05"
    walk.sweep("with_respondent", days=(date(2026, 11, 30) - clock.today()).days)  # the last day of 8 weeks
    walk.sweep("jurisdiction_check", days=1)


def test_a_late_complaint_the_firm_never_objected_to_is_accepted_on_the_firms_silence(
    service: CaseService, clock: FixedClock
) -> None:
    """DISP 2.8.2R(5), seed edition: "has not objected" (probe W8: it used to be decided out)."""
    walk = Walk(service, clock, date(2026, 3, 2), referred_on="2026-03-01")  # six months ran out on 21 January
    walk.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
    walk.step(
        CASEWORKER,
        "accept_jurisdiction",
        "investigation",
        exception="respondent_consent",
        reasons="The business has not objected to us looking at it.",
    )


def test_a_late_complaint_the_firm_objects_to_is_decided_out_after_both_parties_are_heard(
    service: CaseService, clock: FixedClock
) -> None:
    walk = Walk(service, clock, date(2026, 3, 2), referred_on="2026-03-01")
    walk.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
    walk.step(CASEWORKER, "invite_jurisdiction_representations", "jurisdiction_representations", raised_by="ombudsman")
    assert {letter.addressed_to for letter in walk.letters() if letter.kind == "jurisdiction_representations"} == {
        "complainant",
        "respondent",
    }  # the firm had not said whether it objects: it is asked too
    walk.step(FIRM, "record_late_referral_position", "jurisdiction_representations", consents=False, reasons="Late.")
    walk.step(FIRM, "make_representations", "jurisdiction_representations", text="Our final response warned them.")
    walk.step(walk.complainant, "make_representations", "jurisdiction_representations", text="I was unwell.")
    walk.step(CASEWORKER, "decide_out_of_jurisdiction", "out_of_jurisdiction", reasons="Referred too late.")


def test_an_ombudsman_holds_a_hearing_no_party_asked_for_and_both_parties_are_told_why(
    service: CaseService, clock: FixedClock
) -> None:
    """DISP 3.5.5R (probe W5: it used to be refused without a party's request)."""
    walk = Walk(service, clock, date(2025, 9, 8)).to_awaiting_determination()
    walk.step(OMBUDSMAN, "grant_hearing", "hearing", private=False, own_initiative=True, reasons="Credibility.")
    told = [letter for letter in walk.letters() if letter.kind == "hearing_decision"]
    assert {letter.addressed_to for letter in told} == {"complainant", "respondent"}
    assert all("Neither of you asked for a hearing" in letter.text for letter in told)


def test_a_missing_fact_is_supplied_on_the_evidence_and_the_case_can_then_be_decided(
    service: CaseService, clock: FixedClock
) -> None:
    """amend_facts (probe W11: with the relationship unknown a case could be neither accepted nor decided out)."""
    walk = Walk(service, clock, date(2025, 9, 8), complainant={"relationship": None})
    walk.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
    with pytest.raises(Refused):
        service.act(CASEWORKER, walk.reference, "accept_jurisdiction", fields={"reasons": "All pass."})
    walk.step(
        CASEWORKER,
        "amend_facts",
        "jurisdiction_check",
        facts={"complainant": {"relationship": "customer"}},
        reasons="Her bank statements show she was the bank's customer.",
    )
    [(_, changes)] = [(name, details) for name, details in _details(service, walk.reference) if name == "amend_facts"]
    assert changes == {"changes": {"complainant.relationship": {"old": None, "new": "customer"}}}
    walk.step(CASEWORKER, "accept_jurisdiction", "investigation", reasons="Every DISP 2 test passes.")


def test_facts_that_do_not_stand_together_are_refused_naming_the_fact_and_nothing_is_written(
    service: CaseService, clock: FixedClock
) -> None:
    walk = Walk(service, clock, date(2025, 9, 8))
    before = walk.reload().version
    with pytest.raises(InvalidInput) as refusal:
        service.act(
            CASEWORKER,
            walk.reference,
            "amend_facts",
            fields={"facts": {"awareness_date": "2024-01-01"}, "reasons": "x"},
        )  # before the 1 February 2025 event
    assert "facts" in refusal.value.detail and "awareness_date" in refusal.value.detail
    with pytest.raises(InvalidInput) as unknown:
        service.act(CASEWORKER, walk.reference, "amend_facts", fields={"facts": {"colour": "blue"}, "reasons": "x"})
    assert "'colour' is not a case fact" in unknown.value.detail
    assert walk.reload().version == before


def test_a_corrected_firm_reference_number_moves_the_case_to_that_firm(service: CaseService, clock: FixedClock) -> None:
    walk = Walk(service, clock, date(2025, 9, 8))
    walk.step(CASEWORKER, "amend_facts", "referred", facts={"respondent": {"frn": "654321"}}, reasons="Wrong firm.")
    assert walk.reload().respondent_frn == "654321"
    with pytest.raises(NotFound):
        service.get(FIRM, walk.reference)  # the firm with FRN 123456 no longer sees it


def test_the_facts_cannot_be_amended_once_the_case_is_determined(service: CaseService, clock: FixedClock) -> None:
    walk = Walk(service, clock, date(2025, 9, 8)).to_awaiting_determination().determine()
    with pytest.raises(Refused):
        service.act(CASEWORKER, walk.reference, "amend_facts", fields={"facts": {"summary": "x"}, "reasons": "x"})


def _details(service: CaseService, reference: str) -> list[tuple[str, dict[str, object]]]:
    with transaction(service.engine) as session:
        record = load(session, cases_where(col(Case.reference) == reference))
        assert record is not None
        events = session.exec(select(AuditEvent).where(AuditEvent.case_id == record.id)).all()
        return [(event.name, dict(event.details)) for event in events]


def _assessment(walk: Walk, outcome: str, awards: dict[str, object] | None) -> Walk:
    walk.to_investigation()
    fields: dict[str, object] = {"outcome": outcome, "reasons": "Our view, with reasons.", "respond_by": "2026-11-20"}
    if awards is not None:
        fields["awards"] = awards
    return walk.step(CASEWORKER, "issue_provisional_assessment", "provisional_assessment", days=2, **fields)


def test_an_assessment_nobody_disagreed_with_that_asks_the_firm_to_pay_awaits_its_compliance(
    service: CaseService, clock: FixedClock
) -> None:
    """DISP 3.5.4R, 3.7.12R (probe W6: it used to close with an empty register and no way to record payment)."""
    walk = _assessment(
        Walk(service, clock, date(2026, 11, 2)),
        "uphold",
        {"money": [{"head": "financial_loss", "amount": "2000.00"}]},
    )
    walk.sweep("provisional_assessment", days=(date(2026, 11, 20) - clock.today()).days)  # the last day to respond
    assert walk.register() is None
    walk.sweep("assessment_accepted", days=1)
    entry = walk.register()
    assert entry is not None
    assert (entry.status, entry.money_award) == ("closed_on_assessment", Decimal("2000.00"))
    told = {letter.addressed_to for letter in walk.letters() if letter.kind == "closed_on_assessment"}
    assert told == {"complainant", "respondent"}

    walk.step(FIRM, "record_compliance", "complied", days=5, evidence="Paid £2,000 on 26 November 2026.")
    entry = walk.register()
    assert entry is not None and entry.status == "complied"


def test_an_assessment_nobody_disagreed_with_that_asks_nothing_of_the_firm_simply_closes(
    service: CaseService, clock: FixedClock
) -> None:
    walk = _assessment(Walk(service, clock, date(2026, 11, 2)), "not_uphold", None)
    walk.sweep("assessment_accepted", days=(date(2026, 11, 21) - clock.today()).days)
    assert walk.register() is None
    letter = next(letter for letter in walk.letters() if letter.kind == "closed_on_assessment")
    assert "There is nothing more to do, and the case is closed." in " ".join(letter.text.split())
    with pytest.raises(Refused, match="asks the respondent to do nothing"):
        service.act(FIRM, walk.reference, "record_compliance", fields={"evidence": "Nothing to do."})


def test_a_confidential_representation_accepted_and_another_returned_walked_end_to_end(
    service: CaseService, clock: FixedClock
) -> None:
    """DISP 3.5.9R(2); a returned representation is not relied on, so the complainant has not yet been heard."""
    walk = Walk(service, clock, date(2026, 11, 2))
    walk.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
    walk.step(CASEWORKER, "accept_jurisdiction", "investigation", reasons="Every DISP 2 test passes.")
    walk.step(FIRM, "make_representations", days=1, text="Fraud notes.", confidential=True)
    firms = walk.reload().version
    walk.step(walk.complainant, "make_representations", days=1, text="My GP's letter.", confidential=True)
    complainants = walk.reload().version
    with pytest.raises(Refused, match="Both parties may make representations first"):
        service.act(CASEWORKER, walk.reference, "issue_provisional_assessment", fields=_VIEW)
    walk.step(
        CASEWORKER, "decide_confidentiality", event_version=firms, accept=True, summary="Notes.", reasons="Fraud."
    )
    walk.step(CASEWORKER, "decide_confidentiality", event_version=complainants, accept=False, reasons="It is key.")
    with pytest.raises(Refused, match="the complainant still has"):
        service.act(CASEWORKER, walk.reference, "issue_provisional_assessment", fields=_VIEW)
    walk.step(walk.complainant, "make_representations", text="My GP's letter, which the bank may see.")
    walk.step(CASEWORKER, "issue_provisional_assessment", "provisional_assessment", **_VIEW)
    assert [
        (letter.kind, letter.addressed_to) for letter in walk.letters() if letter.step == "decide_confidentiality"
    ] == [
        ("confidentiality_decision", "respondent"),
        ("confidentiality_decision", "complainant"),
    ]


_VIEW = {"outcome": "not_uphold", "reasons": "Our view, with reasons."}


def test_connected_complaints_from_one_complainant_share_a_money_award_each_respondent_registered_for_its_part(
    service: CaseService, clock: FixedClock
) -> None:
    """DISP 3.5.3R (one complainant, a determination per respondent) and DISP 3.6.3G (contributions)."""
    broker = Walk(service, clock, date(2025, 9, 8), respondent={"name": "Example Brokers Ltd", "frn": "654321"})
    bank = Walk(service, clock, date(2025, 9, 8)).to_awaiting_determination()
    bank.step(CASEWORKER, "link_connected_complaint", connected_reference=broker.reference, reasons="One sale.")
    shares = [{"reference": bank.reference, "share": "0.6"}, {"reference": broker.reference, "share": "0.4"}]
    bank.determine({"money": [{"head": "financial_loss", "amount": "10000.00"}], "contributions": shares})
    entry = bank.register()
    assert entry is not None and entry.money_award == Decimal("6000.00")
    letter = next(letter for letter in bank.letters() if letter.kind == "determination")
    said = " ".join(letter.text.split())
    assert f"Case {bank.reference}: 3/5 of the award, £6,000" in said
    assert f"Case {broker.reference}: 2/5 of the award, £4,000" in said


def test_a_share_for_a_complaint_not_connected_to_this_one_is_refused_naming_contributions(
    service: CaseService, clock: FixedClock
) -> None:
    stranger = service.open_case(CASEWORKER, facts_data()).reference
    walk = Walk(service, clock, date(2025, 9, 8)).to_awaiting_determination()
    before = walk.reload().version
    shares = [{"reference": walk.reference, "share": "1/2"}, {"reference": stranger, "share": "1/2"}]
    with pytest.raises(InvalidInput, match=f"{stranger} is not a complaint connected to this one") as refused:
        walk.determine({"money": [{"head": "financial_loss", "amount": "100.00"}], "contributions": shares})
    assert refused.value.errors[0]["field"] == "awards.contributions"
    assert walk.reload().version == before


def test_complaints_from_different_complainants_are_not_investigated_together(
    service: CaseService, clock: FixedClock
) -> None:
    """DISP 3.5.3R: "two or more complaints from one complainant" (probe W14 linked any two cases)."""
    someone_else = service.open_case(
        CASEWORKER, facts_data(complainant={**facts_data()["complainant"], "name": "Bob Other"})
    ).reference
    walk = Walk(service, clock, date(2025, 9, 8))
    with pytest.raises(InvalidInput, match="is a complaint from someone else") as refused:
        service.act(
            CASEWORKER,
            walk.reference,
            "link_connected_complaint",
            fields={"connected_reference": someone_else, "reasons": "Connected."},
        )
    assert refused.value.errors[0]["field"] == "connected_reference"
    walk.step(
        CASEWORKER,
        "link_connected_complaint",
        connected_reference=service.open_case(CASEWORKER, facts_data()).reference,  # Ann Example again
        reasons="The same sale.",
    )
