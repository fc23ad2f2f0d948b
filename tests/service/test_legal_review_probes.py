"""The legal review's probes, each asked again of the engine as it now stands, with the answer the rule text gives.

A review of the engine against the seed edition of DISP ranked where it decided cases differently from the rule
text, and showed each with a probe: P1-P14 ask the pure rules, W1-W18 walk a case through the service. Each test
below is one probe, named by what the rule requires, with the probe's number and its paragraph in the docstring.
The fuller boundary tests of each rule sit with the rule (``tests/rules``, ``tests/workflows``); this file is the
review's checklist, so a regression on any finding shows here by its number.

Probes P8, P9, P12, P13 and P15 are points the review raised for a decision rather than wrong answers; they are
listed at the end with what the engine now does.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from ombudsman.clock import FixedClock
from ombudsman.db import transaction
from ombudsman.errors import Forbidden, InvalidInput, NotFound, Refused
from ombudsman.queries import published_determination
from ombudsman.rules import eligibility, scope
from ombudsman.rules import time_limits as tl
from ombudsman.rules.awards import AwardsIn, calculate_award
from ombudsman.rules.jurisdiction import assess
from ombudsman.rules.rulebook import load_rulebook
from ombudsman.service import CaseService
from tests.conftest import CASEWORKER, OMBUDSMAN
from tests.factories import case_facts
from tests.walk import FIRM, Walk
from workflows.table import FIELDS

SEED = load_rulebook("disp-2013")
MONDAY = date(2014, 3, 3)  # the probes' day, in the seed edition's period
# The probes' case: in time on every DISP 2 test when referred on 6 January 2014.
BASE: dict[str, Any] = {
    "event_date": "2013-01-10",
    "awareness_date": "2013-01-10",
    "complained_to_respondent_on": "2013-09-02",
    "final_response_sent_on": "2013-10-21",
    "final_response_mentioned_time_limit": True,
    "referred_on": "2014-01-06",
}
SIX_YEARS_LATE = {**BASE, "event_date": "2005-01-10", "awareness_date": "2005-01-10"}
LATE_FACTS = {
    "event_date": "2005-01-10",
    "awareness_date": "2005-01-10",
    "complained_to_respondent_on": "2013-03-01",
    "final_response_sent_on": "2013-04-01",
    "referred_on": "2013-06-01",
    "final_response_mentioned_time_limit": True,
}
MONEY_5000 = {"money": [{"head": "financial_loss", "amount": "5000.00"}]}


def probe(service: CaseService, clock: FixedClock, **facts: Any) -> Walk:
    return Walk(service, clock, MONDAY, **{**BASE, **facts})


def in_investigation(walk: Walk) -> Walk:
    walk.step(CASEWORKER, "start_jurisdiction_check", "jurisdiction_check")
    return walk.step(CASEWORKER, "accept_jurisdiction", "investigation", reasons="In jurisdiction.")


def to_awaiting_determination(walk: Walk) -> Walk:
    in_investigation(walk)
    walk.step(
        CASEWORKER, "issue_provisional_assessment", "provisional_assessment", days=20, reasons="View.", outcome="uphold"
    )
    return walk.step(walk.complainant, "disagree", "awaiting_determination", reasons="I disagree.")


def determine(walk: Walk, **fields: Any) -> Walk:
    accept_before = (walk.clock.today() + timedelta(days=29)).isoformat()
    fields = {"outcome": "uphold", "reasons": "Upheld.", "accept_before": accept_before, **fields}
    return walk.step(OMBUDSMAN, "determine", "determined", **fields)


# --- the pure rules: P1-P14 -------------------------------------------------------------------------------------


def test_p1_a_late_complaint_the_respondent_never_objected_to_is_in_jurisdiction_in_the_seed_edition() -> None:
    """P1, DISP 2.8.2R(5): "the respondent has not objected"; silence is not an objection."""
    facts = case_facts(**LATE_FACTS)
    assert facts.respondent_consents_to_late_referral is None
    assessment = assess(facts, date(2013, 6, 10), SEED)
    assert assessment.test("time_limit_exceptions").passed is True
    assert assessment.in_jurisdiction is True


def test_p1_an_objection_keeps_the_late_complaint_out() -> None:
    facts = case_facts(**LATE_FACTS, respondent_consents_to_late_referral=False)
    assert assess(facts, date(2013, 6, 10), SEED).in_jurisdiction is False


def test_p2_the_seed_limit_for_a_complaint_referred_before_2012_is_100000_pounds() -> None:
    """P2, DISP TP with DISP 3.7.4R."""
    assert SEED.money_award_limit(date(2011, 6, 1), None).amount == Decimal("100000.00")
    assert SEED.money_award_limit(date(2012, 1, 1), None).amount == Decimal("150000.00")
    calculation = calculate_award(
        AwardsIn.model_validate({"money": [{"head": "financial_loss", "amount": "140000.00"}]}),
        referred_on=date(2011, 6, 1),
        act_on=date(2008, 1, 1),
        as_of=date(2013, 6, 1),
        rulebook=SEED,
    )
    assert (calculation.money_award, calculation.recommended_balance) == (Decimal("100000.00"), Decimal("40000.00"))


@pytest.mark.parametrize("ground", ["information_not_supplied", "time_limit_missed"])
def test_p3_failing_to_supply_information_and_missing_a_time_limit_are_grounds_for_dismissal(ground: str) -> None:
    """P3, DISP 3.5.9R(4) and 3.5.15R."""
    fields = FIELDS["propose_dismissal"].model_validate({"ground": ground, "reasons": "x", "respond_by": "2014-03-17"})
    assert fields.ground == ground  # type: ignore[attr-defined]


def test_p4_an_eea_ucits_management_company_managing_a_scheme_cross_border_is_in_the_compulsory_jurisdiction() -> None:
    """P4, DISP 2.6.1R(2)."""
    facts = case_facts(establishment="eea", eea_ucits_cross_border=True)
    assert scope.territory(facts, "compulsory").passed is True
    assert scope.territory(case_facts(establishment="eea"), "compulsory").passed is False


def test_p5_a_payment_services_complainant_that_was_a_micro_enterprise_at_the_contract_is_eligible() -> None:
    """P5, DISP 2.7.3R(2)(a): at the contract date or at the complaint date."""
    facts = case_facts(
        complainant={
            "kind": "micro_enterprise",
            "employees": 12,
            "annual_turnover": "1500000",
            "balance_sheet_total": "1000000",
            "employees_at_contract": 6,
            "annual_turnover_at_contract": "900000",
            "balance_sheet_total_at_contract": "500000",
        },
        payment_services_complaint=True,
        activity="payment_services",
    )
    assert eligibility.eligible_complainant(facts, "compulsory", SEED).passed is True


def test_p6_the_complainants_own_account_of_exceptional_circumstances_is_not_the_ombudsmans_finding() -> None:
    """P6, DISP 2.8.2R(3): "in the view of the Ombudsman"."""
    facts = case_facts(
        **{**LATE_FACTS, "referred_on": "2013-06-01"},
        exceptional_circumstances="I was busy",
        respondent_consents_to_late_referral=False,
    )
    undecided = assess(facts, date(2013, 6, 10), SEED)
    assert undecided.test("time_limit_exceptions").passed is None
    assert undecided.in_jurisdiction is None  # for the Ombudsman to find, neither in nor out yet
    found = assess(facts, date(2013, 6, 10), SEED, exceptional_circumstances_found=True)
    assert found.in_jurisdiction is True
    not_found = assess(facts, date(2013, 6, 10), SEED, exceptional_circumstances_found=False)
    assert not_found.in_jurisdiction is False


def test_p7_a_premature_complaint_is_not_out_of_jurisdiction_but_goes_to_the_respondent() -> None:
    """P7, DISP 3.2.2R and 2.8.1R."""
    facts = case_facts(
        complained_to_respondent_on="2013-05-20",
        final_response_sent_on=None,
        referred_on="2013-06-01",
        event_date="2013-01-01",
        awareness_date="2013-01-01",
    )
    assessment = assess(facts, date(2013, 6, 3), SEED)
    assert [test.name for test in assessment.failed_uncured()] == ["respondent_had_its_time"]
    assert assessment.in_jurisdiction is None
    assert assessment.premature


def test_p10_recording_a_final_response_says_whether_it_mentioned_the_six_month_limit() -> None:
    """P10, DISP 2.8.3G: no default decides whether the six months started."""
    with pytest.raises(ValidationError, match="mentioned_time_limit"):
        FIELDS["record_final_response"].model_validate({"sent_on": "2013-10-21"})


def test_p11_the_boundaries_the_review_found_right_still_hold() -> None:
    """P11, DISP 2.8.1R and 2.8.2R(1)-(2): the anniversary is in time, the day after is not."""
    received = {"complained_to_respondent_on": "2013-01-01", "event_date": "2012-06-01", "awareness_date": "2012-06-01"}
    waiting = case_facts(**received, final_response_sent_on=None, referred_on="2013-02-01")
    assert tl.respondent_had_its_time(waiting, date(2013, 2, 26), SEED).passed is False
    assert tl.respondent_had_its_time(waiting, date(2013, 2, 27), SEED).passed is True
    responded = {**received, "final_response_sent_on": "2013-01-15", "final_response_mentioned_time_limit": True}
    assert tl.six_month_limit(case_facts(**responded, referred_on="2013-07-15"), SEED).passed is True
    assert tl.six_month_limit(case_facts(**responded, referred_on="2013-07-16"), SEED).passed is False
    six_years = {"event_date": "2007-06-01", "awareness_date": "2007-06-01", "final_response_sent_on": None}
    on_the_day = case_facts(**six_years, complained_to_respondent_on="2013-06-01", referred_on="2013-06-01")
    day_after = case_facts(**six_years, complained_to_respondent_on="2013-06-02", referred_on="2013-06-02")
    assert tl.six_or_three_year_limit(on_the_day, SEED).passed is True
    assert tl.six_or_three_year_limit(day_after, SEED).passed is False


@pytest.mark.parametrize(("income", "eligible"), [("999999.99", True), ("1000000", False)])
def test_p14_a_charity_is_eligible_with_an_annual_income_under_one_million_pounds(income: str, eligible: bool) -> None:
    """P14, DISP 2.7.3R(3): "less than"."""
    facts = case_facts(complainant={"kind": "charity", "annual_income": income})
    assert eligibility.eligible_complainant(facts, "compulsory", SEED).passed is eligible


# --- through the service: W1-W18 ---------------------------------------------------------------------------------


def test_w1_jurisdiction_is_not_accepted_while_the_invited_parties_may_still_make_representations(
    service: CaseService, clock: FixedClock
) -> None:
    """W1, DISP 3.2.3R: both parties are heard before the decision either way."""
    walk = probe(service, clock)
    walk.step(CASEWORKER, "start_jurisdiction_check")
    walk.step(CASEWORKER, "invite_jurisdiction_representations", "jurisdiction_representations", raised_by="respondent")
    for name in ("accept_jurisdiction", "decide_out_of_jurisdiction"):
        with pytest.raises(Refused, match="representations"):
            service.act(CASEWORKER, walk.reference, name, fields={"reasons": "Decided."})
    walk.sweep(days=15)  # the window has passed
    walk.step(CASEWORKER, "accept_jurisdiction", "investigation", reasons="In jurisdiction.")


def test_w2_a_test_case_dismissal_goes_through_the_complainants_representations(
    service: CaseService, clock: FixedClock
) -> None:
    """W2, DISP 3.3.1R with 3.3.5R: proposed, heard, then dismissed; the letter states the six months."""
    walk = probe(service, clock)
    in_investigation(walk)
    with pytest.raises(InvalidInput):
        service.act(CASEWORKER, walk.reference, "dismiss_as_test_case", fields={"reasons": "x"})
    walk.step(
        CASEWORKER,
        "propose_dismissal",
        "dismissal_representations",
        ground="test_case",
        reasons="A court should settle it.",
        point_of_law="Whether the clause is unfair.",
        costs_undertaking=True,
    )
    walk.step(walk.complainant, "make_representations", text="I would rather you decided it.")
    walk.step(CASEWORKER, "dismiss", "dismissed", reasons="A court should settle it.")
    letter = next(letter for letter in walk.letters() if letter.kind == "dismissal_decision")
    assert "six months" in " ".join(letter.text.split())


def test_w3_a_determination_that_does_not_uphold_the_complaint_carries_no_award(
    service: CaseService, clock: FixedClock
) -> None:
    """W3, DISP 3.7.1R."""
    walk = to_awaiting_determination(probe(service, clock))
    with pytest.raises(InvalidInput) as refused:
        determine(walk, outcome="not_uphold", awards=MONEY_5000)
    assert refused.value.errors[0]["field"] == "awards"
    assert walk.register() is None


@pytest.mark.parametrize("answer", ["accept", None])
def test_w4_a_determined_complaint_is_not_withdrawn(
    service: CaseService, clock: FixedClock, answer: str | None
) -> None:
    """W4, DISP 3.6.6R(3): after a determination the complainant accepts or rejects it; the register stays right."""
    walk = determine(to_awaiting_determination(probe(service, clock)), awards=MONEY_5000)
    if answer is not None:
        walk.step(walk.complainant, answer, "accepted")
    with pytest.raises(Refused):
        service.act(walk.complainant, walk.reference, "withdraw", fields={"reasons": "I withdraw."})
    entry = walk.register()
    assert entry is not None and entry.status == ("binding" if answer else "awaiting_answer")
    if answer is not None:
        walk.step(FIRM, "record_compliance", "complied", evidence="Paid.")


def test_w5_an_ombudsman_may_hold_a_hearing_no_party_asked_for(service: CaseService, clock: FixedClock) -> None:
    """W5, DISP 3.5.5R."""
    walk = to_awaiting_determination(probe(service, clock))
    walk.step(OMBUDSMAN, "grant_hearing", "hearing", private=False, own_initiative=True, reasons="Credibility.")


def test_w6_an_assessment_nobody_disagreed_with_is_registered_and_its_compliance_recorded(
    service: CaseService, clock: FixedClock
) -> None:
    """W6, DISP 3.5.4R and 3.7.12R."""
    walk = probe(service, clock)
    in_investigation(walk)
    walk.step(
        CASEWORKER,
        "issue_provisional_assessment",
        days=20,
        reasons="Pay £2,000.",
        outcome="uphold",
        awards={"money": [{"head": "financial_loss", "amount": "2000.00"}]},
    )
    walk.sweep("assessment_accepted", days=30)
    entry = walk.register()
    assert entry is not None and (entry.status, entry.money_award) == ("closed_on_assessment", Decimal("2000.00"))
    walk.step(FIRM, "record_compliance", "complied", evidence="Paid.")


def test_w7_only_an_ombudsman_corrects_a_determination_and_the_correction_is_sent(
    service: CaseService, clock: FixedClock
) -> None:
    """W7, DISP 3.6.6AR with 3.9.1R."""
    walk = determine(to_awaiting_determination(probe(service, clock)), awards=MONEY_5000)
    fields = {"reasons": "The award should read £5,500.", "correction": "The money award is £5,500."}
    with pytest.raises(Forbidden):
        service.act(CASEWORKER, walk.reference, "correct_clerical_mistake", fields=fields)
    sent = len(walk.letters())
    walk.step(OMBUDSMAN, "correct_clerical_mistake", **fields)
    corrected = [letter for letter in walk.letters()[sent:] if letter.kind == "corrected_determination"]
    assert {letter.addressed_to for letter in corrected} == {"complainant", "respondent"}


def test_w8_a_late_complaint_the_respondent_never_objected_to_is_accepted(
    service: CaseService, clock: FixedClock
) -> None:
    """W8, DISP 2.8.2R(5); and raising the limit invites the silent respondent too."""
    walk = probe(service, clock, **SIX_YEARS_LATE)
    walk.step(CASEWORKER, "start_jurisdiction_check")
    walk.step(CASEWORKER, "invite_jurisdiction_representations", raised_by="ombudsman")
    invited = {letter.addressed_to for letter in walk.letters() if letter.kind == "jurisdiction_representations"}
    assert invited == {"complainant", "respondent"}
    walk.sweep(days=30)
    walk.step(
        CASEWORKER, "accept_jurisdiction", "investigation", exception="respondent_consent", reasons="Not objected."
    )


def test_w9_the_last_day_to_accept_is_the_day_before_the_date_specified(
    service: CaseService, clock: FixedClock
) -> None:
    """W9, DISP 3.6.6R(2): found right by the review; still right."""
    walk = determine(to_awaiting_determination(probe(service, clock)), accept_before="2014-06-02")
    clock.set(date(2014, 6, 1))
    walk.step(walk.complainant, "accept", "accepted")


def test_w10_a_dismissal_for_information_not_supplied_gives_that_reason(
    service: CaseService, clock: FixedClock
) -> None:
    """W10, DISP 3.5.9R(4)."""
    walk = probe(service, clock)
    in_investigation(walk)
    walk.step(
        CASEWORKER, "propose_dismissal", "dismissal_representations", ground="information_not_supplied", reasons="x"
    )
    letter = next(letter for letter in walk.letters() if letter.kind == "dismissal_proposal")
    assert "DISP 3.5.9R(4)" in letter.text


def test_w11_a_missing_fact_is_supplied_and_the_case_decided(service: CaseService, clock: FixedClock) -> None:
    """W11: amend_facts (edition 2)."""
    walk = probe(service, clock, complainant={"relationship": None})
    walk.step(CASEWORKER, "start_jurisdiction_check")
    with pytest.raises(Refused):
        service.act(CASEWORKER, walk.reference, "accept_jurisdiction", fields={"reasons": "Customer."})
    walk.step(
        CASEWORKER, "amend_facts", facts={"complainant": {"relationship": "customer"}}, reasons="Statements show it."
    )
    walk.step(CASEWORKER, "accept_jurisdiction", "investigation", reasons="Customer per statements.")


def test_w12_a_complaint_referred_in_2011_is_capped_at_100000_pounds(service: CaseService, clock: FixedClock) -> None:
    """W12, DISP TP."""
    walk = probe(
        service,
        clock,
        referred_on="2011-11-01",
        complained_to_respondent_on="2011-06-01",
        final_response_sent_on="2011-07-01",
        event_date="2010-01-01",
        awareness_date="2010-01-01",
    )
    determine(to_awaiting_determination(walk), awards={"money": [{"head": "financial_loss", "amount": "140000.00"}]})
    entry = walk.register()
    assert entry is not None and entry.money_award == Decimal("100000.00")


def test_w13_what_a_party_asks_to_keep_in_confidence_reaches_the_other_side_as_the_summary_staff_accept(
    service: CaseService, clock: FixedClock
) -> None:
    """W13, DISP 3.5.9R(2); the views are tested through HTTP in ``tests/api/test_cases.py``."""
    walk = probe(service, clock)
    in_investigation(walk)
    walk.step(FIRM, "make_representations", text="Our full account.", confidential=True)
    version = walk.reload().version
    with pytest.raises(InvalidInput, match="summary"):
        service.act(
            CASEWORKER,
            walk.reference,
            "decide_confidentiality",
            fields={"event_version": version, "accept": True, "reasons": "Security."},
        )
    walk.step(
        CASEWORKER, "decide_confidentiality", event_version=version, accept=True, summary="The sale.", reasons="x"
    )


def test_w14_complaints_from_different_complainants_are_not_linked(service: CaseService, clock: FixedClock) -> None:
    """W14, DISP 3.5.3R: "from one complainant"."""
    other = probe(service, clock, complainant={"name": "Bob Other"}, respondent={"name": "Other Ltd", "frn": "654321"})
    walk = probe(service, clock)
    with pytest.raises(InvalidInput, match="from someone else"):
        service.act(
            CASEWORKER,
            walk.reference,
            "link_connected_complaint",
            fields={"connected_reference": other.reference, "reasons": "Connected."},
        )


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("determine", {"reasons": "x", "outcome": "uphold"}),
        ("authorise_disclosure", {"reasons": "x", "regulator": "FCA"}),
    ],
)
def test_w15_staff_neither_determine_nor_authorise_disclosure(
    service: CaseService, clock: FixedClock, name: str, fields: dict[str, Any]
) -> None:
    """W15, DISP 3.9.1R: found right by the review; still right."""
    walk = to_awaiting_determination(probe(service, clock))
    with pytest.raises(Forbidden):
        service.act(CASEWORKER, walk.reference, name, fields=fields)


def test_w16_a_test_case_needs_the_point_of_law_and_the_costs_undertaking(
    service: CaseService, clock: FixedClock
) -> None:
    """W16, DISP 3.3.5R. Without the undertaking the rule refuses (409); without the statement of the point of
    law the proposal lacks a field it needs (422 naming ``point_of_law``, edition 3)."""
    walk = probe(service, clock)
    in_investigation(walk)
    given: dict[str, Any]
    for given, refusal, missing in (
        ({"point_of_law": "x"}, Refused, "costs"),
        ({"costs_undertaking": True}, InvalidInput, "point_of_law"),
    ):
        with pytest.raises(refusal, match=missing):
            service.act(
                CASEWORKER,
                walk.reference,
                "propose_dismissal",
                fields={"ground": "test_case", "reasons": "x", **given},
            )


def test_w17_a_determination_is_published_only_once_an_ombudsman_approves_it(
    service: CaseService, clock: FixedClock
) -> None:
    """W17, DISP 3.6.7R(1): an ombudsman who finds publication inappropriate withholds it by not approving it."""
    walk = determine(to_awaiting_determination(probe(service, clock)))
    with transaction(service.engine) as session, pytest.raises(NotFound):
        published_determination(session, walk.reference)
    walk.step(OMBUDSMAN, "approve_publication", reasons="Nothing identifies the complainant.")
    with transaction(service.engine) as session:
        assert published_determination(session, walk.reference).record.case.reference == walk.reference


def test_w18_a_complaint_never_made_to_the_respondent_is_referred_to_it(
    service: CaseService, clock: FixedClock
) -> None:
    """W18, DISP 3.2.2R."""
    walk = probe(service, clock, complained_to_respondent_on=None, final_response_sent_on=None)
    walk.step(CASEWORKER, "refer_to_respondent", "with_respondent")


# --- the probes that asked for a decision rather than showed a wrong answer --------------------------------------
#
# P8  (a firm issuing e-money): the activity ``electronic_money`` is the e-money issuer's; a bank's issuing of
#     e-money is recorded as ``regulated_activity``. Kept: the facts name what was done, not who did it.
# P9  (the record condition of DISP 2.8.2R(2)): ``complained_to_respondent_on`` is the recorded date of receipt,
#     so a complaint with no record is entered without that date. Kept, and said in the facts' description.
# P12 (consent or no objection): the respondent's position is true, false or not said, and the finding says
#     "has agreed" only when it consented (``test_p1_*`` above and ``tests/rules/test_disp_2_8_time_limits.py``).
# P13 (DISP 2.8.5R-2.8.7R, past-business reviews and mortgage-endowment letters): not modelled; such a
#     complaint's limits are for the Ombudsman to apply by hand (``accept_jurisdiction`` with reasons).
