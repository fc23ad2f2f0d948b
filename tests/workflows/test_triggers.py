"""Every trigger of the workflow, in the triggers table's order: the guard passing, each way it refuses
(with its reason and citation), and the day before, the day of and the day after every date it judges."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, ClassVar

import pytest
from pydantic import ValidationError

from tests.workflows.builders import TODAY, at, attempt, hearing_request, limit, rep, try_
from workflows.machine import decide
from workflows.table import FIELDS, FINAL_STATES, OPEN_STATES, STEP_BY_TRIGGER, Role, State

S = State
DAY = timedelta(days=1)
REASONS = {"reasons": "Because the facts say so."}

# The respondent received the complaint on 1 October 2026 and has sent no final response: its eight weeks run
# until 26 November 2026 (DISP 2.8.1R).
WITH_TIME_LEFT: dict[str, Any] = {
    "complained_to_respondent_on": "2026-10-01",
    "final_response_sent_on": None,
    "final_response_mentioned_time_limit": False,
    "referred_on": "2026-10-15",
}
RESPONDENT_TIME_ENDS = date(2026, 11, 26)

# Referred on 1 March 2026, more than six months after a final response of 21 July 2025 that told of the limit:
# the six-month limit of DISP 2.8.2R(1) fails.
# Referred more than six months after the final response, and the respondent objects on that ground: in the seed
# edition only an objection keeps a late complaint out (DISP 2.8.2R(5), "has not objected").
REFERRED_LATE: dict[str, Any] = {"referred_on": "2026-03-01", "respondent_consents_to_late_referral": False}
CONSENTED: dict[str, Any] = {**REFERRED_LATE, "respondent_consents_to_late_referral": True}


def around(due_on: date, before: bool, of: bool, after: bool) -> list[Any]:
    """(today, done) for the day before, the day of and the day after ``due_on``."""
    return [
        pytest.param(due_on - DAY, before, id="day_before"),
        pytest.param(due_on, of, id="day_of"),
        pytest.param(due_on + DAY, after, id="day_after"),
    ]


class TestReferToRespondent:
    def test_a_complaint_the_respondent_still_has_time_for_is_referred_to_it(self) -> None:
        decision = try_(S.referred, "refer_to_respondent", **WITH_TIME_LEFT)
        assert decision.done
        assert decision.to_state is S.with_respondent
        assert decision.finding.citation == "DISP 2.8.1R, DISP 3.2.2R"
        assert "26 November 2026" in decision.finding.reason

    @pytest.mark.parametrize(
        ("today", "done"),
        around(RESPONDENT_TIME_ENDS, True, True, False),
    )
    def test_referral_to_the_respondent_is_possible_until_the_last_day_of_its_eight_weeks(
        self, today: date, done: bool
    ) -> None:
        decision = try_(S.referred, "refer_to_respondent", today=today, **WITH_TIME_LEFT)
        assert decision.done is done
        assert decision.to_state is (S.with_respondent if done else S.referred)
        assert "DISP 2.8.1R" in decision.finding.citation

    @pytest.mark.parametrize(("today", "done"), around(date(2026, 10, 22), True, True, False))
    def test_a_payment_services_respondent_has_fifteen_business_days(self, today: date, done: bool) -> None:
        decision = try_(
            S.referred,
            "refer_to_respondent",
            today=today,
            rulebook="published",
            payment_services_complaint=True,
            activity="payment_services",
            **WITH_TIME_LEFT,
        )
        assert decision.done is done
        assert "15 business days" in decision.finding.reason
        assert "22 October 2026" in decision.finding.reason

    def test_a_complaint_whose_respondent_has_had_its_time_is_not_referred_back(self) -> None:
        decision = try_(S.referred, "refer_to_respondent", today=RESPONDENT_TIME_ENDS + DAY, **WITH_TIME_LEFT)
        assert not decision.done
        assert "Start the jurisdiction check instead" in decision.finding.reason
        assert decision.finding.citation == "DISP 2.8.1R, DISP 3.2.2R"

    def test_a_complaint_with_a_final_response_is_not_referred_back(self) -> None:
        decision = try_(S.referred, "refer_to_respondent")
        assert not decision.done
        assert "final response" in decision.finding.reason
        assert decision.finding.citation == "DISP 2.8.1R, DISP 3.2.2R"

    def test_a_complaint_never_made_to_the_respondent_is_referred_to_it_and_its_time_runs_from_today(self) -> None:
        """DISP 3.2.2R: the referral is the complaint (edition 2; the legal review's probe W18)."""
        decision = try_(
            S.referred, "refer_to_respondent", complained_to_respondent_on=None, final_response_sent_on=None
        )
        assert decision.done
        assert decision.to_state is S.with_respondent
        assert decision.finding.citation == "DISP 2.8.1R, DISP 3.2.2R"
        assert decision.finding.details["complained_on"] == TODAY
        assert "its time to answer runs from today" in decision.finding.reason


class TestRespondentTimeElapsed:
    @pytest.mark.parametrize(
        ("today", "done"),
        around(RESPONDENT_TIME_ENDS, False, False, True),
    )
    def test_the_respondents_time_has_elapsed_only_the_day_after_its_last_day(self, today: date, done: bool) -> None:
        decision = try_(S.with_respondent, "respondent_time_elapsed", today=today, **WITH_TIME_LEFT)
        assert decision.done is done
        assert decision.to_state is (S.jurisdiction_check if done else S.with_respondent)
        assert decision.finding.citation == "DISP 2.8.1R"
        assert "26 November 2026" in decision.finding.reason

    def test_a_recorded_final_response_ends_the_respondents_time_early(self) -> None:
        facts = {**WITH_TIME_LEFT, "final_response_sent_on": "2026-10-20"}
        decision = try_(S.with_respondent, "respondent_time_elapsed", **facts)
        assert decision.done
        assert decision.to_state is S.jurisdiction_check
        assert "final response" in decision.finding.reason

    def test_a_final_response_dated_after_today_has_not_been_sent_yet(self) -> None:
        facts = {**WITH_TIME_LEFT, "final_response_sent_on": "2026-11-10"}
        decision = try_(S.with_respondent, "respondent_time_elapsed", **facts)
        assert not decision.done
        assert decision.to_state is S.with_respondent

    def test_without_a_receipt_date_or_final_response_the_respondents_time_cannot_elapse(self) -> None:
        decision = try_(
            S.with_respondent, "respondent_time_elapsed", complained_to_respondent_on=None, final_response_sent_on=None
        )
        assert not decision.done
        assert "complained_to_respondent_on is missing" in decision.finding.reason
        assert decision.finding.citation == "DISP 2.8.1R"


class TestStartJurisdictionCheck:
    def test_a_complaint_with_a_final_response_goes_straight_to_the_jurisdiction_check(self) -> None:
        decision = try_(S.referred, "start_jurisdiction_check")
        assert decision.done
        assert decision.to_state is S.jurisdiction_check
        assert decision.finding.citation == "DISP 2.8.1R"

    @pytest.mark.parametrize(
        ("today", "done"),
        around(RESPONDENT_TIME_ENDS, False, False, True),
    )
    def test_the_jurisdiction_check_starts_once_the_respondents_time_has_run(self, today: date, done: bool) -> None:
        decision = try_(S.referred, "start_jurisdiction_check", today=today, **WITH_TIME_LEFT)
        assert decision.done is done
        assert decision.to_state is (S.jurisdiction_check if done else S.referred)
        assert decision.finding.citation == "DISP 2.8.1R"

    def test_the_jurisdiction_check_waits_while_the_respondent_has_time_left(self) -> None:
        decision = try_(S.referred, "start_jurisdiction_check", **WITH_TIME_LEFT)
        assert not decision.done
        assert "until 26 November 2026" in decision.finding.reason

    def test_the_jurisdiction_check_does_not_start_without_a_receipt_date(self) -> None:
        decision = try_(
            S.referred, "start_jurisdiction_check", complained_to_respondent_on=None, final_response_sent_on=None
        )
        assert not decision.done
        assert "complained_to_respondent_on is missing" in decision.finding.reason


class TestInviteJurisdictionRepresentations:
    def test_the_respondents_objection_invites_both_parties_under_disp_3_2_3r(self) -> None:
        decision = try_(
            S.jurisdiction_check,
            "invite_jurisdiction_representations",
            {"raised_by": "respondent", "respond_by": "2026-11-16"},
        )
        assert decision.done
        assert decision.to_state is S.jurisdiction_representations
        assert decision.finding.citation == "DISP 3.2.3R"
        assert "both parties" in decision.finding.reason
        assert decision.finding.details["invited"] == ("complainant", "respondent")

    def test_the_ombudsmans_own_doubt_invites_the_complainant_under_disp_3_2_4r(self) -> None:
        decision = try_(S.jurisdiction_check, "invite_jurisdiction_representations", {"raised_by": "ombudsman"})
        assert decision.done
        assert decision.to_state is S.jurisdiction_representations
        assert decision.finding.citation == "DISP 3.2.4R"
        assert decision.finding.details["invited"] == ("complainant",)

    def test_jurisdiction_representations_are_raised_only_by_the_respondent_or_the_ombudsman(self) -> None:
        with pytest.raises(ValidationError, match="raised_by"):
            FIELDS["invite_jurisdiction_representations"].model_validate({"raised_by": "complainant"})


class TestDecideOutOfJurisdiction:
    def test_a_complaint_referred_too_late_is_decided_out_of_jurisdiction_once_both_parties_have_spoken(
        self,
    ) -> None:
        decision = try_(
            S.jurisdiction_representations,
            "decide_out_of_jurisdiction",
            REASONS,
            limits=[limit("jurisdiction_representations", TODAY + 14 * DAY)],
            representations=[rep("complainant"), rep("respondent")],
            **REFERRED_LATE,
        )
        assert decision.done
        assert decision.to_state is S.out_of_jurisdiction
        assert decision.finding.citation == "DISP 3.2.5R"
        assert "more than 6 months" in decision.finding.reason
        assert decision.finding.details["failed"] == ["six_month_limit"]

    @pytest.mark.parametrize("missing", ["complainant", "respondent"])
    def test_the_decision_waits_for_every_invited_party_while_the_window_is_open(self, missing: str) -> None:
        present = "respondent" if missing == "complainant" else "complainant"
        decision = try_(
            S.jurisdiction_representations,
            "decide_out_of_jurisdiction",
            REASONS,
            limits=[limit("jurisdiction_representations", date(2026, 11, 16))],
            representations=[rep(present)],
            **REFERRED_LATE,
        )
        assert not decision.done
        assert decision.to_state is S.jurisdiction_representations
        assert f"from the {missing} until 16 November 2026" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.2.3R, DISP 3.2.4R"

    def test_only_the_invited_complainant_is_waited_for_when_the_ombudsman_raised_it(self) -> None:
        decision = try_(
            S.jurisdiction_representations,
            "decide_out_of_jurisdiction",
            REASONS,
            limits=[limit("jurisdiction_representations", TODAY + 14 * DAY, binds=("complainant",))],
            representations=[rep("complainant")],
            **REFERRED_LATE,
        )
        assert decision.done

    def test_representations_made_before_the_window_was_set_do_not_count(self) -> None:
        window = limit("jurisdiction_representations", TODAY + 14 * DAY, set_at=at(date(2026, 10, 20)))
        decision = try_(
            S.jurisdiction_representations,
            "decide_out_of_jurisdiction",
            REASONS,
            limits=[window],
            representations=[rep("complainant", at(date(2026, 10, 19))), rep("respondent", at(date(2026, 10, 21)))],
            **REFERRED_LATE,
        )
        assert not decision.done
        assert "from the complainant until" in decision.finding.reason

    @pytest.mark.parametrize(("today", "done"), around(TODAY, False, False, True))
    def test_without_representations_the_decision_waits_until_the_window_has_closed(
        self, today: date, done: bool
    ) -> None:
        decision = try_(
            S.jurisdiction_representations,
            "decide_out_of_jurisdiction",
            REASONS,
            today=today,
            limits=[limit("jurisdiction_representations", TODAY)],
            **REFERRED_LATE,
        )
        assert decision.done is done
        assert decision.to_state is (S.out_of_jurisdiction if done else S.jurisdiction_representations)

    def test_a_complaint_that_passes_every_test_cannot_be_decided_out_of_jurisdiction(self) -> None:
        decision = try_(
            S.jurisdiction_representations,
            "decide_out_of_jurisdiction",
            REASONS,
            limits=[limit("jurisdiction_representations", TODAY - DAY)],
        )
        assert not decision.done
        assert "No DISP 2 test has failed" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.2.5R"

    def test_the_respondents_consent_cures_a_late_referral_so_it_cannot_be_decided_out(self) -> None:
        decision = try_(
            S.jurisdiction_representations,
            "decide_out_of_jurisdiction",
            REASONS,
            limits=[limit("jurisdiction_representations", TODAY - DAY)],
            **CONSENTED,
        )
        assert not decision.done
        assert "No DISP 2 test has failed" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.2.5R"

    def test_stated_exceptional_circumstances_not_yet_found_do_not_stop_a_decision_out(self) -> None:
        decision = try_(
            S.jurisdiction_representations,
            "decide_out_of_jurisdiction",
            REASONS,
            limits=[limit("jurisdiction_representations", TODAY - DAY)],
            exceptional_circumstances="In hospital for five months",
            **REFERRED_LATE,
        )
        assert decision.done

    def test_a_decision_out_of_jurisdiction_gives_reasons(self) -> None:
        with pytest.raises(ValidationError, match="reasons"):
            FIELDS["decide_out_of_jurisdiction"].model_validate({})


class TestAcceptJurisdiction:
    @pytest.mark.parametrize("state", [S.jurisdiction_check, S.jurisdiction_representations])
    def test_a_complaint_that_passes_every_disp_2_test_is_accepted_for_investigation(self, state: State) -> None:
        decision = try_(state, "accept_jurisdiction", REASONS)
        assert decision.done
        assert decision.to_state is S.investigation
        assert decision.finding.citation == "DISP 3.2.6R"
        assert decision.finding.details["cured"] == []

    def test_a_late_referral_without_a_cure_is_refused_with_the_failed_test(self) -> None:
        decision = try_(S.jurisdiction_check, "accept_jurisdiction", REASONS, **REFERRED_LATE)
        assert not decision.done
        assert decision.to_state is S.jurisdiction_check
        assert "more than 6 months" in decision.finding.reason
        assert decision.finding.citation == "DISP 2.8.2R(1)"

    def test_a_late_referral_the_respondent_consents_to_is_accepted_naming_its_consent(self) -> None:
        decision = try_(
            S.jurisdiction_check,
            "accept_jurisdiction",
            {**REASONS, "exception": "respondent_consent"},
            **CONSENTED,
        )
        assert decision.done
        assert decision.to_state is S.investigation
        assert decision.finding.details["cured"] == ["six_month_limit"]

    def test_a_cured_late_referral_must_name_the_exception_that_cures_it(self) -> None:
        decision = try_(
            S.jurisdiction_check,
            "accept_jurisdiction",
            REASONS,
            **CONSENTED,
        )
        assert not decision.done
        assert "Say in the decision which exception cures it" in decision.finding.reason
        assert "respondent_consent" in decision.finding.reason
        assert decision.finding.citation == "DISP 2.8.2R(5)"

    def test_a_late_referral_is_accepted_when_the_ombudsman_finds_exceptional_circumstances(self) -> None:
        decision = try_(
            S.jurisdiction_check,
            "accept_jurisdiction",
            {**REASONS, "exception": "exceptional_circumstances"},
            exceptional_circumstances="In hospital for five months",
            **REFERRED_LATE,
        )
        assert decision.done
        assert decision.to_state is S.investigation
        assert decision.finding.details["cured"] == ["six_month_limit"]

    def test_either_available_cure_may_be_named_when_both_apply(self) -> None:
        decision = try_(
            S.jurisdiction_check,
            "accept_jurisdiction",
            {**REASONS, "exception": "exceptional_circumstances"},
            exceptional_circumstances="In hospital for five months",
            **CONSENTED,
        )
        assert decision.done
        assert decision.to_state is S.investigation

    def test_stated_exceptional_circumstances_cure_nothing_until_the_acceptance_names_them(self) -> None:
        decision = try_(
            S.jurisdiction_check,
            "accept_jurisdiction",
            REASONS,
            exceptional_circumstances="In hospital for five months",
            **REFERRED_LATE,
        )
        assert not decision.done
        assert decision.finding.citation == "DISP 2.8.2R(1)"

    def test_naming_the_respondents_consent_cures_nothing_when_it_has_not_consented(self) -> None:
        decision = try_(
            S.jurisdiction_check,
            "accept_jurisdiction",
            {**REASONS, "exception": "respondent_consent"},
            **REFERRED_LATE,
        )
        assert not decision.done
        assert "more than 6 months" in decision.finding.reason

    def test_an_exception_is_refused_when_no_time_limit_was_missed(self) -> None:
        decision = try_(S.jurisdiction_check, "accept_jurisdiction", {**REASONS, "exception": "respondent_consent"})
        assert not decision.done
        assert "nothing for an exception to cure" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.2.6R"

    def test_a_complaint_with_an_undecided_test_cannot_be_accepted_yet(self) -> None:
        decision = try_(S.jurisdiction_check, "accept_jurisdiction", REASONS, establishment=None)
        assert not decision.done
        assert "cannot yet say" in decision.finding.reason
        assert "establishment is missing" in decision.finding.reason
        assert decision.finding.citation == "DISP 2.6"

    def test_an_ineligible_complainant_is_not_accepted(self) -> None:
        decision = try_(S.jurisdiction_check, "accept_jurisdiction", REASONS, complainant={"relationship": "none"})
        assert not decision.done
        assert "DISP 2.7" in decision.finding.citation

    def test_accepting_jurisdiction_is_recorded_with_reasons(self) -> None:
        with pytest.raises(ValidationError, match="reasons"):
            FIELDS["accept_jurisdiction"].model_validate({})


# Edition 2 adds the hearing: a dismissal may be proposed from it too.
DISMISSAL_ORIGINS = [
    S.jurisdiction_check,
    S.investigation,
    S.provisional_assessment,
    S.awaiting_determination,
    S.hearing,
]


class TestProposeDismissal:
    @pytest.mark.parametrize("state", DISMISSAL_ORIGINS)
    def test_a_dismissal_is_proposed_on_a_numbered_ground_from_each_stage_before_determination(
        self, state: State
    ) -> None:
        decision = try_(state, "propose_dismissal", {**REASONS, "ground": "16A", "respond_by": "2026-11-16"})
        assert decision.done
        assert decision.to_state is S.dismissal_representations
        assert decision.finding.citation == "DISP 3.3.1R, DISP 3.3.4R(16A)"

    @pytest.mark.parametrize("ground", ["0", "18", "5B", "", "three"])
    def test_a_dismissal_ground_must_be_a_sub_paragraph_of_disp_3_3_4r(self, ground: str) -> None:
        with pytest.raises(ValidationError, match=r"not a ground of dismissal"):
            FIELDS["propose_dismissal"].model_validate({**REASONS, "ground": ground})

    def test_a_dismissal_proposal_gives_reasons(self) -> None:
        with pytest.raises(ValidationError, match="reasons"):
            FIELDS["propose_dismissal"].model_validate({"ground": "3"})


class TestDismiss:
    def test_a_complaint_is_dismissed_after_the_complainant_has_made_representations(self) -> None:
        decision = try_(
            S.dismissal_representations,
            "dismiss",
            REASONS,
            limits=[limit("dismissal_representations", TODAY + 14 * DAY, binds=("complainant",))],
            representations=[rep("complainant")],
        )
        assert decision.done
        assert decision.to_state is S.dismissed
        assert decision.finding.citation == "DISP 3.3.2R"

    def test_the_dismissal_waits_for_the_complainant_while_the_window_is_open(self) -> None:
        decision = try_(
            S.dismissal_representations,
            "dismiss",
            REASONS,
            limits=[limit("dismissal_representations", date(2026, 11, 16), binds=("complainant",))],
            representations=[rep("respondent")],
        )
        assert not decision.done
        assert decision.to_state is S.dismissal_representations
        assert "complainant has until 16 November 2026" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.3.1R"

    @pytest.mark.parametrize(("today", "done"), around(TODAY, False, False, True))
    def test_without_representations_the_dismissal_waits_until_the_window_has_closed(
        self, today: date, done: bool
    ) -> None:
        decision = try_(
            S.dismissal_representations,
            "dismiss",
            REASONS,
            today=today,
            limits=[limit("dismissal_representations", TODAY, binds=("complainant",))],
        )
        assert decision.done is done
        assert decision.to_state is (S.dismissed if done else S.dismissal_representations)

    def test_without_a_window_the_dismissal_waits_for_representations_since_the_proposal(self) -> None:
        decision = try_(
            S.dismissal_representations, "dismiss", REASONS, representations=[rep("complainant", at(date(2026, 9, 1)))]
        )
        assert not decision.done
        assert decision.finding.reason == "The complainant has to make representations first."

    def test_a_dismissal_gives_reasons(self) -> None:
        with pytest.raises(ValidationError, match="reasons"):
            FIELDS["dismiss"].model_validate({})


class TestWithdrawDismissalProposal:
    @pytest.mark.parametrize("origin", DISMISSAL_ORIGINS)
    def test_withdrawing_a_dismissal_proposal_returns_the_case_to_where_it_came_from(self, origin: State) -> None:
        decision = try_(S.dismissal_representations, "withdraw_dismissal_proposal", REASONS, returns_to=origin)
        assert decision.done
        assert decision.to_state is origin
        assert decision.finding.citation == "DISP 3.3.1R"

    @pytest.mark.parametrize("origin", [None, S.determined])
    def test_withdrawing_a_dismissal_proposal_with_no_valid_origin_is_refused_not_crashed(
        self, origin: State | None
    ) -> None:
        decision = try_(S.dismissal_representations, "withdraw_dismissal_proposal", REASONS, returns_to=origin)
        assert not decision.done
        assert decision.to_state is S.dismissal_representations
        assert "no earlier state" in decision.finding.reason
        assert "no earlier state" in decision.finding.reason

    def test_withdrawing_a_dismissal_proposal_gives_reasons(self) -> None:
        with pytest.raises(ValidationError, match="reasons"):
            FIELDS["withdraw_dismissal_proposal"].model_validate({})


TEST_CASE = {**REASONS, "point_of_law": "Whether clause 7 is unfair", "costs_undertaking": True}


class TestATestCaseIsProposedForDismissalFirst:
    """DISP 3.3.5R through DISP 3.3.1R (edition 2): a test case is a ground of ``propose_dismissal``, so the
    complainant is heard before the dismissal; ``dismiss_as_test_case`` is withdrawn (probe W2)."""

    GIVEN: ClassVar[dict[str, Any]] = {**TEST_CASE, "ground": "test_case"}

    @pytest.mark.parametrize("state", [S.investigation, S.provisional_assessment, S.awaiting_determination, S.hearing])
    def test_a_test_case_with_the_statement_and_undertaking_is_proposed_before_determination(
        self, state: State
    ) -> None:
        decision = try_(state, "propose_dismissal", self.GIVEN)
        assert decision.done
        assert decision.to_state is S.dismissal_representations
        assert decision.finding.citation == "DISP 3.3.1R, DISP 3.3.5R"

    def test_a_test_case_without_the_respondents_costs_undertaking_is_refused(self) -> None:
        decision = try_(S.investigation, "propose_dismissal", {**self.GIVEN, "costs_undertaking": False})
        assert not decision.done
        assert decision.to_state is S.investigation
        assert "undertaking to pay the complainant's costs" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.3.5R"

    @pytest.mark.parametrize("point_of_law", [None, "   "])
    def test_a_test_case_without_the_respondents_statement_of_the_point_of_law_is_bad_input_naming_it(
        self, point_of_law: str | None
    ) -> None:
        given = {**REASONS, "ground": "test_case", "costs_undertaking": True}
        with pytest.raises(ValidationError) as refused:
            FIELDS["propose_dismissal"].model_validate(
                given if point_of_law is None else {**given, "point_of_law": point_of_law}
            )
        (error,) = refused.value.errors()
        assert error["loc"] == ("point_of_law",)
        assert "important or novel point of law (DISP 3.3.5R)" in error["msg"]

    def test_a_point_of_law_is_needed_only_for_a_test_case(self) -> None:
        assert try_(S.investigation, "propose_dismissal", {**REASONS, "ground": "3"}).done

    @pytest.mark.parametrize("state", [S.determined, S.referred])
    def test_a_test_case_cannot_be_proposed_after_a_determination_or_before_the_jurisdiction_check(
        self, state: State
    ) -> None:
        decision = try_(state, "propose_dismissal", self.GIVEN)
        assert not decision.done
        assert state.value in decision.finding.reason

    def test_dismiss_as_test_case_is_withdrawn(self) -> None:
        assert "dismiss_as_test_case" not in FIELDS

    @pytest.mark.parametrize(
        ("ground", "citation"),
        [("information_not_supplied", "DISP 3.5.9R(4)"), ("time_limit_missed", "DISP 3.5.15R")],
    )
    def test_a_complainant_who_supplies_no_information_or_misses_a_time_limit_may_be_proposed_for_dismissal(
        self, ground: str, citation: str
    ) -> None:
        """DISP 3.5.9R(4) and 3.5.15R as grounds of their own (probes P3, W10)."""
        decision = try_(S.investigation, "propose_dismissal", {**REASONS, "ground": ground})
        assert decision.done
        assert decision.finding.citation == f"DISP 3.3.1R, {citation}"


ELSEWHERE = {**REASONS, "scheme": "The Pensions Ombudsman", "complainant_consent": True}


class TestReferElsewhere:
    @pytest.mark.parametrize("state", [S.jurisdiction_check, S.investigation])
    def test_a_complaint_is_referred_elsewhere_with_the_complainants_consent(self, state: State) -> None:
        decision = try_(state, "refer_elsewhere", ELSEWHERE)
        assert decision.done
        assert decision.to_state is S.referred_elsewhere
        assert "The Pensions Ombudsman" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.4.1R"

    def test_a_complaint_is_not_referred_elsewhere_without_the_complainants_consent(self) -> None:
        decision = try_(S.investigation, "refer_elsewhere", {**ELSEWHERE, "complainant_consent": False})
        assert not decision.done
        assert decision.to_state is S.investigation
        assert "consent" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.4.1R"

    def test_the_other_scheme_is_named(self) -> None:
        with pytest.raises(ValidationError, match="scheme"):
            FIELDS["refer_elsewhere"].model_validate({**ELSEWHERE, "scheme": ""})


ASSESSMENT = {**REASONS, "outcome": "uphold", "respond_by": "2026-11-16"}


class TestIssueProvisionalAssessment:
    def test_a_provisional_assessment_is_issued_once_both_parties_have_made_representations(self) -> None:
        decision = try_(
            S.investigation,
            "issue_provisional_assessment",
            ASSESSMENT,
            limits=[limit("representations", TODAY + 14 * DAY)],
            representations=[rep("complainant"), rep("respondent")],
        )
        assert decision.done
        assert decision.to_state is S.provisional_assessment
        assert decision.finding.citation == "DISP 3.5.4R(2)"

    @pytest.mark.parametrize(
        ("made", "missing"),
        [
            pytest.param(["complainant"], "the respondent still has", id="respondent_missing"),
            pytest.param(["respondent"], "the complainant still has", id="complainant_missing"),
            pytest.param([], "the complainant and the respondent still have", id="both_missing"),
        ],
    )
    def test_the_assessment_waits_for_both_parties_while_the_window_is_open(
        self, made: list[str], missing: str
    ) -> None:
        decision = try_(
            S.investigation,
            "issue_provisional_assessment",
            ASSESSMENT,
            limits=[limit("representations", date(2026, 11, 16))],
            representations=[rep(party) for party in made],
        )
        assert not decision.done
        assert decision.to_state is S.investigation
        assert f"{missing} until 16 November 2026" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.5.4R(1)"

    @pytest.mark.parametrize(("today", "done"), around(TODAY, False, False, True))
    def test_without_representations_the_assessment_waits_until_the_window_has_closed(
        self, today: date, done: bool
    ) -> None:
        decision = try_(
            S.investigation,
            "issue_provisional_assessment",
            ASSESSMENT,
            today=today,
            limits=[limit("representations", TODAY)],
        )
        assert decision.done is done
        assert decision.to_state is (S.provisional_assessment if done else S.investigation)

    def test_a_provisional_assessment_gives_reasons_and_an_outcome(self) -> None:
        with pytest.raises(ValidationError, match="reasons"):
            FIELDS["issue_provisional_assessment"].model_validate({"outcome": "uphold"})
        with pytest.raises(ValidationError, match="outcome"):
            FIELDS["issue_provisional_assessment"].model_validate({**REASONS, "outcome": "maybe"})


class TestDisagree:
    @pytest.mark.parametrize("party", ["complainant", "respondent"])
    def test_either_party_disagreeing_in_time_sends_the_case_to_an_ombudsman(self, party: str) -> None:
        decision = try_(
            S.provisional_assessment,
            "disagree",
            party=party,
            limits=[limit("assessment_response", TODAY + 14 * DAY)],
        )
        assert decision.done
        assert decision.to_state is S.awaiting_determination
        assert f"The {party} disagrees in time" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.5.4R(3)"

    def test_a_disagreement_is_made_by_a_party(self) -> None:
        decision = try_(S.provisional_assessment, "disagree", limits=[limit("assessment_response", TODAY)])
        assert not decision.done
        assert "made by a party" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.5.4R(3)"

    @pytest.mark.parametrize(("today", "done"), around(TODAY, True, True, False))
    def test_a_disagreement_counts_up_to_and_including_the_last_day_to_respond(self, today: date, done: bool) -> None:
        decision = try_(
            S.provisional_assessment,
            "disagree",
            party="complainant",
            today=today,
            limits=[limit("assessment_response", TODAY)],
        )
        assert decision.done is done
        assert decision.to_state is (S.awaiting_determination if done else S.provisional_assessment)
        assert decision.finding.citation == "DISP 3.5.4R(3)"
        if not done:
            assert "ended on 2 November 2026" in decision.finding.reason


class TestCloseOnAssessment:
    @pytest.mark.parametrize(("today", "done"), around(TODAY, False, False, True))
    def test_the_case_closes_on_the_assessment_only_after_the_last_day_to_respond(
        self, today: date, done: bool
    ) -> None:
        decision = try_(
            S.provisional_assessment,
            "close_on_assessment",
            today=today,
            limits=[limit("assessment_response", TODAY, fires="close_on_assessment")],
        )
        assert decision.done is done
        assert decision.to_state is (S.assessment_accepted if done else S.provisional_assessment)
        assert decision.finding.citation == "DISP 3.5.4R"
        if done:
            assert "Nobody disagreed" in decision.finding.reason
        else:
            assert "runs until 2 November 2026" in decision.finding.reason

    def test_the_case_does_not_close_on_an_assessment_without_a_response_time_limit(self) -> None:
        decision = try_(S.provisional_assessment, "close_on_assessment")
        assert not decision.done
        assert "has not been set" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.5.4R"


class TestGrantHearing:
    def test_a_hearing_is_granted_on_a_pending_written_request(self) -> None:
        decision = try_(
            S.awaiting_determination,
            "grant_hearing",
            {**REASONS, "private": True},
            hearing_requests=[hearing_request("respondent")],
        )
        assert decision.done
        assert decision.to_state is S.hearing
        assert decision.finding.citation == "DISP 3.5.5R, DISP 3.5.7G"

    @pytest.mark.parametrize("decided", [[], ["granted"], ["refused"]])
    def test_a_hearing_is_not_granted_without_a_pending_request(self, decided: list[str]) -> None:
        decision = try_(
            S.awaiting_determination,
            "grant_hearing",
            {**REASONS, "private": False},
            hearing_requests=[hearing_request(decision=d) for d in decided],
        )
        assert not decision.done
        assert decision.to_state is S.awaiting_determination
        assert "no hearing request on file" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.5.6R"

    def test_granting_a_hearing_decides_public_or_private(self) -> None:
        with pytest.raises(ValidationError, match="private"):
            FIELDS["grant_hearing"].model_validate(REASONS)


class TestConcludeHearing:
    def test_a_concluded_hearing_returns_the_case_for_determination(self) -> None:
        decision = try_(S.hearing, "conclude_hearing")
        assert decision.done
        assert decision.to_state is S.awaiting_determination
        assert decision.finding.citation == "DISP 3.5.5R"


DETERMINATION = {**REASONS, "outcome": "partly_uphold", "accept_before": "2026-11-30"}


class TestDetermine:
    def test_an_ombudsman_determines_a_complaint_with_no_hearing_request_pending(self) -> None:
        decision = try_(
            S.awaiting_determination,
            "determine",
            DETERMINATION,
            hearing_requests=[hearing_request(decision="refused")],
        )
        assert decision.done
        assert decision.to_state is S.determined
        assert {"DISP 3.6.1R", "DISP 3.6.6R(1)", "DISP 3.6.6R(2)"} <= set(decision.finding.citation.split(", "))

    def test_a_complaint_is_not_determined_while_a_hearing_request_is_undecided(self) -> None:
        decision = try_(
            S.awaiting_determination, "determine", DETERMINATION, hearing_requests=[hearing_request("complainant")]
        )
        assert not decision.done
        assert decision.to_state is S.awaiting_determination
        assert "grant or refuse it" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.5.5R"

    def test_a_money_award_above_the_limit_is_not_refused(self) -> None:
        awards = {"money": [{"head": "financial_loss", "amount": "200000.00"}]}
        decision = try_(S.awaiting_determination, "determine", {**DETERMINATION, "awards": awards})
        assert decision.done

    def test_a_money_award_whose_limit_cannot_be_worked_out_is_refused_not_guessed(self) -> None:
        awards = {"money": [{"head": "financial_loss", "amount": "1000.00"}]}
        decision = try_(
            S.awaiting_determination,
            "determine",
            {**DETERMINATION, "awards": awards},
            rulebook="published",
            referred_on="2019-05-01",
            event_date=None,
            awareness_date=None,
        )
        assert not decision.done
        assert "money award limit" in decision.finding.reason
        assert "record event_date" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.7.4R"

    def test_a_determination_gives_reasons(self) -> None:
        with pytest.raises(ValidationError, match="reasons"):
            FIELDS["determine"].model_validate({"outcome": "uphold"})


# The date specified for acceptance is 3 November 2026, so the last day to accept is 2 November 2026.
ACCEPTANCE = limit("acceptance", TODAY, binds=("complainant",), fires="lapse")


class TestAccept:
    def test_the_complainant_accepts_in_time_and_the_determination_binds(self) -> None:
        decision = try_(S.determined, "accept", party="complainant", limits=[ACCEPTANCE])
        assert decision.done
        assert decision.to_state is S.accepted
        assert "final and binding" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.6.6R(3)"

    @pytest.mark.parametrize("party", [None, "respondent"])
    def test_only_the_complainant_accepts(self, party: str | None) -> None:
        decision = try_(S.determined, "accept", party=party, limits=[ACCEPTANCE])
        assert not decision.done
        assert decision.to_state is S.determined
        assert "Only the complainant" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.6.6R(2)"

    @pytest.mark.parametrize(("today", "done"), around(TODAY, True, True, False))
    def test_acceptance_counts_until_the_day_before_the_date_specified(self, today: date, done: bool) -> None:
        decision = try_(S.determined, "accept", party="complainant", today=today, limits=[ACCEPTANCE])
        assert decision.done is done
        assert decision.to_state is (S.accepted if done else S.determined)
        if not done:
            assert "last day to accept was 2 November 2026" in decision.finding.reason
            assert decision.finding.citation == "DISP 3.6.6R(4), DISP 3.6.6R(4A)"


class TestReject:
    def test_the_complainant_rejects_and_neither_party_is_bound(self) -> None:
        decision = try_(S.determined, "reject", party="complainant", limits=[ACCEPTANCE])
        assert decision.done
        assert decision.to_state is S.rejected
        assert "neither party is bound" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.6.6R(4)"

    @pytest.mark.parametrize("party", [None, "respondent"])
    def test_only_the_complainant_rejects(self, party: str | None) -> None:
        decision = try_(S.determined, "reject", party=party)
        assert not decision.done
        assert "Only the complainant" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.6.6R(4)"


class TestLapse:
    @pytest.mark.parametrize(("today", "done"), around(TODAY, False, False, True))
    def test_a_determination_lapses_on_the_date_specified_and_not_before(self, today: date, done: bool) -> None:
        decision = try_(S.determined, "lapse", today=today, limits=[ACCEPTANCE])
        assert decision.done is done
        assert decision.to_state is (S.rejected if done else S.determined)
        if done:
            assert "treated as rejected" in decision.finding.reason
            assert decision.finding.citation == "DISP 3.6.6R(4)"
        else:
            assert "until 2 November 2026 to accept" in decision.finding.reason

    def test_a_determination_without_an_acceptance_window_does_not_lapse(self) -> None:
        decision = try_(S.determined, "lapse")
        assert not decision.done
        assert decision.finding.reason == "The complainant has to accept."


class TestAcceptLate:
    def test_an_ombudsman_accepts_a_notified_late_acceptance_after_a_lapse(self) -> None:
        decision = try_(S.rejected, "accept_late", REASONS, late_acceptance_notified=True)
        assert decision.done
        assert decision.to_state is S.accepted
        assert "Exceptional circumstances" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.6.6R(4A)"

    def test_a_late_acceptance_cannot_follow_an_express_rejection(self) -> None:
        decision = try_(S.rejected, "accept_late", REASONS, expressly_rejected=True, late_acceptance_notified=True)
        assert not decision.done
        assert decision.to_state is S.rejected
        assert "rejected the determination" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.6.6R(4A)"

    def test_a_late_acceptance_waits_for_the_complainants_notice(self) -> None:
        decision = try_(S.rejected, "accept_late", REASONS)
        assert not decision.done
        assert "notify_late_acceptance" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.6.6R(4A)"

    def test_a_late_acceptance_gives_the_exceptional_circumstances_as_reasons(self) -> None:
        with pytest.raises(ValidationError, match="reasons"):
            FIELDS["accept_late"].model_validate({})


class TestSettle:
    def test_a_settlement_before_determination_settles_the_case(self) -> None:
        decision = try_(S.investigation, "settle", {**REASONS, "terms": "£500 and an apology"})
        assert decision.done
        assert decision.to_state is S.settled
        assert decision.finding.citation == "DISP 3.5.1R, DISP 3.7.12R"


class TestRecordCompliance:
    @pytest.mark.parametrize("state", [S.accepted, S.settled])
    def test_the_respondents_evidence_of_compliance_completes_the_case(self, state: State) -> None:
        decision = try_(state, "record_compliance", {"evidence": "Paid £500 on 1 November 2026"})
        assert decision.done
        assert decision.to_state is S.complied
        assert decision.finding.citation == "DISP 3.7.12R"

    def test_compliance_is_recorded_with_evidence(self) -> None:
        with pytest.raises(ValidationError, match="evidence"):
            FIELDS["record_compliance"].model_validate({})

    def test_a_case_closed_on_an_assessment_asking_the_respondent_to_act_awaits_its_compliance(self) -> None:
        decision = try_(
            S.assessment_accepted,
            "record_compliance",
            {"evidence": "Paid £2,000 on 1 November 2026"},
            assessment_asks_respondent_to_act=True,
        )
        assert decision.done
        assert decision.to_state is S.complied
        assert decision.finding.citation == "DISP 3.7.12R"

    def test_a_case_closed_on_an_assessment_asking_nothing_of_the_respondent_has_nothing_to_comply_with(
        self,
    ) -> None:
        decision = try_(S.assessment_accepted, "record_compliance", {"evidence": "Nothing to do"})
        assert not decision.done
        assert decision.to_state is S.assessment_accepted
        assert "asks the respondent to do nothing" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.5.4R"


class TestWithdraw:
    @pytest.mark.parametrize("state", [state for state in OPEN_STATES if state not in (S.determined, S.accepted)])
    def test_the_complainant_may_withdraw_from_any_state_before_a_determination_that_does_not_end_the_case(
        self, state: State
    ) -> None:
        decision = try_(state, "withdraw", party="complainant")
        assert decision.done
        assert decision.to_state is S.withdrawn

    @pytest.mark.parametrize("state", [S.determined, S.accepted])
    def test_after_a_determination_the_complainant_answers_it_and_cannot_withdraw(self, state: State) -> None:
        """DISP 3.6.6R: a determination is accepted or rejected; an accepted one binds both parties (probe W4)."""
        decision = try_(state, "withdraw", party="complainant")
        assert not decision.done
        assert decision.to_state is state
        assert f"withdraw cannot be done while the case is in {state.value}" in decision.finding.reason

    @pytest.mark.parametrize("party", [None, "respondent"])
    def test_only_the_complainant_withdraws(self, party: str | None) -> None:
        decision = try_(S.investigation, "withdraw", party=party)
        assert not decision.done
        assert decision.to_state is S.investigation
        assert "Only the complainant" in decision.finding.reason

    @pytest.mark.parametrize("state", sorted(FINAL_STATES))
    def test_a_case_that_has_ended_cannot_be_withdrawn(self, state: State) -> None:
        decision = try_(state, "withdraw", party="complainant")
        assert not decision.done
        assert f"The case has ended ({state.value})" in decision.finding.reason


class TestWrongState:
    @pytest.mark.parametrize(
        ("name", "state", "fields"),
        [
            ("determine", S.investigation, DETERMINATION),
            ("accept", S.awaiting_determination, {}),
            ("disagree", S.investigation, {}),
            ("refer_to_respondent", S.jurisdiction_check, {}),
            ("grant_hearing", S.hearing, {**REASONS, "private": False}),
            ("issue_provisional_assessment", S.provisional_assessment, ASSESSMENT),
        ],
    )
    def test_a_trigger_from_a_state_it_does_not_leave_is_refused_naming_that_state(
        self, name: str, state: State, fields: dict[str, Any]
    ) -> None:
        decision = decide(name, attempt(state, name, fields, party="complainant"))
        assert not decision.done
        assert decision.to_state is state
        assert decision.finding.reason == f"{name} cannot be done while the case is in {state.value}."
        assert decision.finding.citation == STEP_BY_TRIGGER[name].cites

    @pytest.mark.parametrize("state", sorted(FINAL_STATES - {S.rejected, S.settled}))
    def test_a_trigger_on_a_case_that_has_ended_says_the_case_has_ended(self, state: State) -> None:
        decision = try_(state, "propose_dismissal", {**REASONS, "ground": "3"})
        assert not decision.done
        assert decision.to_state is state
        assert f"The case has ended ({state.value})" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.3.1R, DISP 3.3.4R, DISP 3.3.5R, DISP 3.5.9R(4), DISP 3.5.15R"


class TestHearingOnTheOmbudsmansOwnInitiative:
    """DISP 3.5.5R: if the complaint cannot fairly be determined without a hearing, the Ombudsman invites the
    parties to one, whether or not a party asked (edition 2; the legal review's probe W5)."""

    GIVEN: ClassVar[dict[str, Any]] = {**REASONS, "private": False, "own_initiative": True}

    def test_an_ombudsman_may_hold_a_hearing_no_party_asked_for(self) -> None:
        decision = try_(S.awaiting_determination, "grant_hearing", self.GIVEN, role=Role.ombudsman)
        assert decision.done
        assert decision.to_state is S.hearing
        assert decision.finding.citation == "DISP 3.5.5R, DISP 3.5.7G"

    def test_a_caseworker_refers_a_hearing_no_party_asked_for_to_an_ombudsman(self) -> None:
        decision = try_(S.awaiting_determination, "grant_hearing", self.GIVEN, role=Role.caseworker)
        assert not decision.done
        assert "Only an ombudsman" in decision.finding.reason

    def test_without_a_request_or_the_ombudsmans_own_initiative_there_is_no_hearing(self) -> None:
        decision = try_(S.awaiting_determination, "grant_hearing", {**REASONS, "private": False}, role=Role.ombudsman)
        assert not decision.done
        assert "no hearing request on file" in decision.finding.reason
