"""Issue 21, part A: forms people can fill in. Each field's input is drawn from its type (Yes/No radios, choices
with words, GOV.UK date inputs, lines, checkboxes, fieldsets and repeated groups), read back into the step's
fields, and every error said in plain English beside its input and in the summary."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from ombudsman.access import Actor
from ombudsman.clock import FixedClock
from ombudsman.service import CaseService
from ombudsman.tools import AssessmentIn, AwardCalculationIn
from ombudsman.web.forms import FormErrors, Input, inputs, model_inputs, parsed
from ombudsman.web.forms.awards import work_out
from tests.conftest import CASEWORKER
from tests.factories import facts_data
from tests.web.test_pages import _written, csrf_of, signed_in, tight
from workflows.table import FIELDS
from workflows.vocabulary import Role

STAFF = Actor("Priya Shah", Role.caseworker)
FIRM = Actor("Bank complaints team", Role.firm, frn="123456")


def _every_input() -> Iterator[Input]:
    for name in FIELDS:
        for spec in inputs(name, STAFF):
            yield from spec.walk()
    for model in (AssessmentIn, AwardCalculationIn):
        for spec in model_inputs(model, {}):
            yield from spec.walk()


def _form(html: str, step: str) -> str:
    found = re.search(rf'<form[^>]*>(?:(?!</form>).)*value="{step}".*?</form>', html, re.S)
    assert found is not None, f"no form for {step}"
    return found.group(0)


def test_every_value_of_every_enumeration_a_form_can_show_has_words() -> None:
    for spec in _every_input():
        for value, words in spec.options:
            assert words != value and "_" not in words, f"{spec.name}: {value} has no words"


def test_no_form_asks_for_json_or_a_date_typed_as_text() -> None:
    kinds = {spec.kind for spec in _every_input()}
    assert "json" not in kinds and "checkbox" not in kinds
    assert kinds <= {"text", "textarea", "number", "money", "percent", "date", "yesno", "radios", "select"} | {
        "checkboxes",
        "lines",
        "fieldset",
        "group",
    }


def test_a_yes_or_no_is_read_as_true_or_false_and_a_required_one_left_blank_says_choose() -> None:
    assert parsed("record_late_referral_position", FIRM, {"consents": ["false"], "reasons": ["Too late."]}) == {
        "consents": False,
        "reasons": "Too late.",
    }
    with pytest.raises(FormErrors) as refused:
        parsed("record_late_referral_position", FIRM, {"reasons": ["Too late."]})
    assert refused.value.said == [("consents", "Choose whether the business consents to our looking at the complaint")]


def test_a_date_is_read_from_its_three_boxes_and_an_impossible_one_is_refused_naming_the_field() -> None:
    posted = {"sent_on-day": ["3"], "sent_on-month": ["2"], "sent_on-year": ["2026"]}
    assert parsed("record_final_response", FIRM, {**posted, "mentioned_time_limit": ["false"]}) == {
        "sent_on": "2026-02-03",
        "mentioned_time_limit": False,
    }
    with pytest.raises(FormErrors) as refused:
        parsed("record_final_response", FIRM, {**posted, "sent_on-day": ["31"]})
    assert refused.value.said == [
        ("sent_on", "The date the final response was sent must be a real date, like 27 3 2026"),
        ("mentioned_time_limit", "Choose whether the final response mentioned the six-month time limit"),
    ]
    with pytest.raises(FormErrors) as blank:
        parsed("record_final_response", FIRM, {"mentioned_time_limit": ["true"]})
    assert blank.value.said == [("sent_on", "Enter the date the final response was sent")]


def test_an_award_is_read_from_its_money_lines_and_interest_with_blank_lines_left_out() -> None:
    posted = {
        "outcome": ["uphold"],
        "reasons": ["Unsuitable."],
        "awards.money.0.head": [""],
        "awards.money.0.amount": [""],
        "awards.money.1.head": ["financial_loss"],
        "awards.money.1.amount": ["£160,000.00"],
        "awards.interest.rate_percent": ["8"],
        "awards.interest.from-day": ["1"],
        "awards.interest.from-month": ["3"],
        "awards.interest.from-year": ["2025"],
        "awards.directions": ["Write to Ann.\n\nRemove the default."],
        "awards.respondent_missed_time_limit": ["false"],
    }
    fields = parsed("determine", Actor("Daniel Okafor", Role.ombudsman), posted)
    assert fields["awards"] == {
        "money": [{"head": "financial_loss", "amount": "160000.00"}],
        "interest": {"rate_percent": "8", "from": "2025-03-01"},
        "directions": ["Write to Ann.", "Remove the default."],
        "respondent_missed_time_limit": False,
    }
    FIELDS["determine"].model_validate(fields)  # the step's own declaration takes it
    with pytest.raises(FormErrors) as refused:
        parsed(
            "determine",
            Actor("Daniel Okafor", Role.ombudsman),
            {**posted, "awards.money.1.amount": ["12.345"], "awards.directions": ["x" * 2001]},
        )
    assert refused.value.said == [
        ("awards.money.1.amount", "Enter an amount in pounds, like 1500.00"),
        ("awards.directions", "Enter no more than 2000 characters a line"),
    ]


def test_whom_a_limit_binds_is_checkboxes_both_ticked_at_first_and_read_as_a_list() -> None:
    [binds] = [spec for spec in inputs("set_time_limit", STAFF) if spec.name == "binds"]
    assert binds.kind == "checkboxes" and [value for value, _ in binds.options] == ["complainant", "respondent"]
    posted = {
        "deadline": ["information"],
        "until-day": ["1"],
        "until-month": ["1"],
        "until-year": ["2099"],
        "binds": ["respondent"],
        "reasons": ["Send the statements."],
    }
    assert parsed("set_time_limit", STAFF, posted)["binds"] == ["respondent"]


def test_the_dismissal_ground_is_chosen_from_the_grounds_in_the_words_of_disp_3_3_4r() -> None:
    [ground] = [spec for spec in inputs("propose_dismissal", STAFF) if spec.name == "ground"]
    assert ground.kind == "select"
    assert ("2", "The complaint is frivolous or vexatious (DISP 3.3.4R(2))") in ground.options


def test_on_behalf_of_is_offered_to_staff_only_on_a_step_a_party_may_take() -> None:
    def names(step: str, actor: Actor) -> set[str]:
        return {spec.name for spec in inputs(step, actor)}

    assert "on_behalf_of" in names("record_late_referral_position", STAFF)  # the firm's step
    assert "on_behalf_of" not in names("record_late_referral_position", FIRM)
    assert "on_behalf_of" not in names("set_time_limit", STAFF)  # staff's own


def test_the_facts_to_correct_are_a_fieldset_of_the_case_facts_each_optional() -> None:
    [facts] = [spec for spec in inputs("amend_facts", STAFF) if spec.name == "facts"]
    # An entry of a repeated group (an event of a complaint about several) is whole: its own fields are asked
    # for once the entry is given; every other input is optional and nothing is chosen for it.
    in_groups = {
        child.name for spec in facts.walk() if spec.kind == "group" for child in spec.walk() if child is not spec
    }
    outside = [spec for spec in list(facts.walk())[1:] if spec.name not in in_groups]
    assert facts.kind == "fieldset" and not any(spec.required for spec in outside)
    assert not any(spec.default for spec in outside)  # nothing chosen for them: only what is given changes
    posted = {"facts.complainant.name": ["Ann Exemplar"], "facts.eea_conditions_met": [""], "reasons": ["Typo."]}
    assert parsed("amend_facts", STAFF, posted)["facts"] == {"complainant": {"name": "Ann Exemplar"}}


@pytest.fixture
def reference(service: CaseService, clock: FixedClock) -> str:
    clock.set(date(2026, 11, 2))
    return str(service.open_case(CASEWORKER, facts_data()).reference)


def test_the_firm_says_no_on_its_radios_and_the_page_shows_no_raw_names(
    service: CaseService, clock: FixedClock, reference: str
) -> None:
    firm = signed_in(service, clock, "firm", frn="123456")
    page = firm.get(f"/cases/{reference}")
    form = tight(_form(page.text, "record_late_referral_position"))
    assert 'type="radio"' in form and 'value="true"' in form and 'value="false"' in form
    assert "checked" not in form and "on_behalf_of" not in form
    blank = firm.post(
        f"/cases/{reference}/actions",
        data={"csrf_token": csrf_of(page.text), "action": "record_late_referral_position", "version": "1"},
    )
    assert blank.status_code == 422
    assert "Choose whether the business consents to our looking at the complaint" in blank.text
    assert "Field required" not in blank.text
    said_no = firm.post(
        f"/cases/{reference}/actions",
        data={
            "csrf_token": csrf_of(page.text),
            "action": "record_late_referral_position",
            "version": "1",
            "consents": "false",
            "reasons": "It came to you too late.",
        },
        follow_redirects=False,
    )
    assert said_no.status_code == 303 and _written(service, reference) == 2


def test_a_stale_form_says_what_changed_and_is_shown_again_at_the_current_version(
    service: CaseService, clock: FixedClock, reference: str
) -> None:
    staff = signed_in(service, clock)
    page = staff.get(f"/cases/{reference}")
    service.act(CASEWORKER, reference, "start_jurisdiction_check", fields={}, expected_version=1)
    typed = {"csrf_token": csrf_of(page.text), "action": "amend_facts", "version": "1"}
    stale = staff.post(
        f"/cases/{reference}/actions", data={**typed, "facts.summary": "Mis-sold cover.", "reasons": "Her letter."}
    )
    assert stale.status_code == 412
    assert "The case has changed" in stale.text and "Start the jurisdiction check, by" in stale.text
    form = _form(stale.text, "amend_facts")
    assert 'name="version" value="2"' in form and "Mis-sold cover." in form and "Her letter." in form
    again = staff.post(
        f"/cases/{reference}/actions",
        data={**typed, "version": "2", "facts.summary": "Mis-sold cover.", "reasons": "Her letter."},
        follow_redirects=False,
    )
    assert again.status_code == 303 and _written(service, reference) == 3


def test_work_out_the_award_shows_the_capped_award_and_takes_no_step(
    service: CaseService, clock: FixedClock, reference: str
) -> None:
    staff = signed_in(service, clock)
    page = staff.get(f"/cases/{reference}")
    assert 'data-step="correct_clerical_mistake"' not in page.text  # not yet: tried on a form the case has
    worked = work_out(
        service,
        inputs("determine", Actor("Daniel Okafor", Role.ombudsman)),
        {"awards.money.0.head": ["financial_loss"], "awards.money.0.amount": ["200000"]},
        referred_on=date(2026, 10, 1),
        event_date=date(2026, 1, 10),
    )
    assert worked is not None
    assert (Decimal(worked.money_award), Decimal(worked.recommended_balance)) == (Decimal(150_000), Decimal(50_000))
    assert _written(service, reference) == 1


def test_add_another_shows_the_group_again_with_one_more_entry_and_takes_nothing(
    service: CaseService, clock: FixedClock, reference: str
) -> None:
    staff = signed_in(service, clock)
    page = staff.get(f"/cases/{reference}")
    blank = _form(page.text, "amend_facts")
    assert "Add another event" in blank  # a complaint about several events lists them as a repeated group
    assert blank.count('name="facts.events.1.date-day"') == 1 and 'name="facts.events.2.date-day"' not in blank
    tool = staff.get("/tools/awards")
    assert tool.text.count('name="money.1.amount"') == 1 and 'name="money.2.amount"' not in tool.text
    more = staff.get("/tools/awards", params={"money.0.head": "financial_loss", "money.0.amount": "10", "money+": "1"})
    assert more.status_code == 200 and "Money award" not in more.text  # not answered: one more entry shown
    assert 'name="money.3.amount"' in more.text and 'name="money.4.amount"' not in more.text
    assert 'value="2" name="money+"' in more.text


def _awaiting_determination(service: CaseService, reference: str) -> int:
    """The case taken on by the service to where an ombudsman determines it; its version then."""
    steps = [
        ("start_jurisdiction_check", {}),
        ("accept_jurisdiction", {"reasons": "Every test passes."}),
        ("make_representations", {"text": "Mine.", "on_behalf_of": "complainant"}),
        ("make_representations", {"text": "Ours.", "on_behalf_of": "respondent"}),
        ("issue_provisional_assessment", {"outcome": "uphold", "reasons": "Unsuitable."}),
        ("disagree", {"reasons": "No.", "on_behalf_of": "respondent"}),
    ]
    for version, (step, fields) in enumerate(steps, start=1):
        service.act(CASEWORKER, reference, step, fields=fields, expected_version=version)
    return len(steps) + 1


def test_work_out_on_the_case_page_shows_the_capped_award_keeps_what_was_typed_and_writes_nothing(
    service: CaseService, clock: FixedClock, reference: str
) -> None:
    version = _awaiting_determination(service, reference)
    ombudsman = signed_in(service, clock, "ombudsman")
    page = ombudsman.get(f"/cases/{reference}")
    posted = {
        "csrf_token": csrf_of(page.text),
        "trigger": "determine",
        "version": str(version),
        "outcome": "uphold",
        "reasons": "Unsuitable.",
        "awards.money.0.head": "financial_loss",
        "awards.money.0.amount": "200000",
        "work_out": "yes",
    }
    answer = ombudsman.post(f"/cases/{reference}/transitions", data=posted)
    assert answer.status_code == 200 and _written(service, reference) == version
    shown = tight(answer.text)
    assert "The award as the rules work it out" in shown and "£150,000" in shown and "£50,000" in shown
    assert 'value="200000"' in _form(answer.text, "determine")
    wrong = ombudsman.post(f"/cases/{reference}/transitions", data={**posted, "awards.money.0.amount": "lots"})
    assert wrong.status_code == 422 and "Enter an amount in pounds, like 1500.00" in wrong.text
    assert _written(service, reference) == version


def test_a_stale_form_whose_step_can_no_longer_be_taken_says_so(
    service: CaseService, clock: FixedClock, reference: str
) -> None:
    staff = signed_in(service, clock)
    page = staff.get(f"/cases/{reference}")
    service.act(CASEWORKER, reference, "start_jurisdiction_check", fields={}, expected_version=1)
    stale = staff.post(
        f"/cases/{reference}/transitions",
        data={"csrf_token": csrf_of(page.text), "trigger": "start_jurisdiction_check", "version": "1"},
    )
    assert stale.status_code == 412 and "You cannot take that step now, so it was not taken." in stale.text
    assert _written(service, reference) == 2


OMBUDSMAN_ACTOR = Actor("Daniel Okafor", Role.ombudsman)


@pytest.mark.parametrize(
    ("step", "posted", "said"),
    [
        ("propose_dismissal", {"reasons": ["Repeats."]}, ("ground", "Choose the ground for dismissing the complaint")),
        (
            "refer_elsewhere",
            {"reasons": ["Elsewhere."], "scheme": ["x" * 201], "complainant_consent": ["true"]},
            ("scheme", "Enter no more than 200 characters"),
        ),
        (
            "determine",
            {"reasons": ["Unsuitable."], "outcome": ["maybe"]},
            ("outcome", "Choose the outcome from the list"),
        ),
        (
            "determine",
            {
                "reasons": ["Unsuitable."],
                "outcome": ["uphold"],
                "awards.interest.rate_percent": ["200"],
                "awards.interest.from": ["2026-01-01"],
            },
            ("awards.interest.rate_percent", "Enter a percentage from 0 to 100, like 8"),
        ),
        (
            "decide_confidentiality",
            {"reasons": ["Kept."], "event_version": ["two"], "accept": ["true"]},
            (
                "event_version",
                "Enter the version of the event that recorded the representations as a whole number, like 12",
            ),
        ),
        (
            "approve_publication",
            {"reasons": ["Approved."], "redact": ["\n".join(f"word{index}" for index in range(51))]},
            ("redact", "Enter no more than 50 entries"),
        ),
        (
            "set_time_limit",
            {"reasons": ["Send it."], "deadline": ["information"], "until-day": ["1"], "until-year": ["2099"]},
            ("until", "The last day of the time limit must include a month"),
        ),
        (
            "grant_hearing",
            {"reasons": ["Heard."], "private": ["perhaps"]},
            ("private", "Choose whether the hearing is held in private"),
        ),
        (
            "determine",
            {"reasons": ["Not upheld."], "outcome": ["not_uphold"], "awards.money.0.head": ["financial_loss"]},
            ("awards.money.0.amount", "Enter the amount, in pounds, like 1500.00"),
        ),
    ],
)
def test_each_kind_of_error_is_said_in_plain_english_beside_its_input(
    step: str, posted: dict[str, list[str]], said: tuple[str, str]
) -> None:
    with pytest.raises(FormErrors) as refused:
        parsed(step, OMBUDSMAN_ACTOR, posted)
    assert said in refused.value.said
    for _, sentence in refused.value.said:
        for validator_words in ("Field required", "Input should", "String should", "Value error"):
            assert validator_words not in sentence
