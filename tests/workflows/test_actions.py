"""Every action of the workflow: the states it may be taken in, and its guard. Actions never move the case."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, ClassVar

import pytest
from pydantic import ValidationError

from tests.workflows.builders import TODAY, hearing_request, limit, rep, try_
from workflows.steps import ApprovePublication
from workflows.table import ACTION_BY_NAME, FIELDS, FINAL_STATES, OPEN_STATES, State
from workflows.vocabulary import Confidentiality, Role, StaffTimeLimit, TimeLimitKind

S = State
DAY = timedelta(days=1)
REASONS = {"reasons": "Because the facts say so."}
AFTER_DETERMINATION = [S.determined, S.accepted, S.rejected, S.complied]
BEFORE_DETERMINATION = [S.investigation, S.provisional_assessment, S.awaiting_determination]


def states_except(*allowed: State) -> list[State]:
    return [state for state in State if state not in allowed]


class TestRecordFinalResponse:
    GIVEN: ClassVar[dict[str, Any]] = {"sent_on": "2026-10-20", "mentioned_time_limit": True}

    @pytest.mark.parametrize(
        "state", [S.referred, S.with_respondent, S.jurisdiction_check, S.jurisdiction_representations]
    )
    def test_a_final_response_is_recorded_before_the_investigation_and_the_state_stays(self, state: State) -> None:
        decision = try_(state, "record_final_response", self.GIVEN, party="respondent")
        assert decision.done
        assert decision.kind == "action"
        assert decision.to_state is state
        assert decision.finding.citation == "DISP 2.8.1R"

    @pytest.mark.parametrize("state", [S.investigation, S.determined, S.complied])
    def test_a_final_response_is_not_recorded_once_the_investigation_has_begun(self, state: State) -> None:
        decision = try_(state, "record_final_response", self.GIVEN)
        assert not decision.done
        assert state.value in decision.finding.reason

    def test_a_final_response_has_a_date(self) -> None:
        with pytest.raises(ValidationError, match="sent_on"):
            FIELDS["record_final_response"].model_validate({})

    def test_a_final_response_says_whether_it_told_the_complainant_of_the_six_month_limit(self) -> None:
        """DISP 2.8.3G: only a response that did starts the six months, so no default decides it unasked."""
        with pytest.raises(ValidationError, match="mentioned_time_limit"):
            FIELDS["record_final_response"].model_validate({"sent_on": "2026-10-20"})


class TestDecideConfidentiality:
    """DISP 3.5.9R(2): a party asks for its representations to be treated in confidence; staff decide."""

    ASKED = rep("respondent", version=5, confidentiality=Confidentiality.asked)

    @pytest.mark.parametrize("accept", [True, False])
    def test_staff_decide_a_request_for_confidence_that_is_waiting(self, accept: bool) -> None:
        fields = {
            **REASONS,
            "event_version": 5,
            "accept": accept,
            "summary": "The firm's call notes" if accept else None,
        }
        decision = try_(S.investigation, "decide_confidentiality", fields, representations=[self.ASKED])
        assert decision.done
        assert decision.to_state is S.investigation
        assert (
            decision.finding.reason
            == "The respondent asked for its representations to be treated in confidence; staff decide."
        )
        assert decision.finding.citation == "DISP 3.5.9R(2)"

    def test_the_version_must_be_of_an_event_that_recorded_representations(self) -> None:
        fields = {**REASONS, "event_version": 6, "accept": False}
        decision = try_(S.investigation, "decide_confidentiality", fields, representations=[self.ASKED])
        assert not decision.done
        assert decision.finding.reason == "The event of version 6 recorded no representations."

    def test_representations_made_openly_have_no_confidence_to_decide(self) -> None:
        fields = {**REASONS, "event_version": 5, "accept": False}
        decision = try_(
            S.investigation, "decide_confidentiality", fields, representations=[rep("complainant", version=5)]
        )
        assert not decision.done
        assert "did not ask for the representations of version 5 to be treated in confidence" in decision.finding.reason

    @pytest.mark.parametrize("standing", [Confidentiality.accepted, Confidentiality.returned])
    def test_a_request_is_decided_once(self, standing: Confidentiality) -> None:
        fields = {**REASONS, "event_version": 5, "accept": False}
        decided = rep("respondent", version=5, confidentiality=standing)
        decision = try_(S.investigation, "decide_confidentiality", fields, representations=[decided])
        assert not decision.done
        assert decision.finding.reason == f"Whether to treat them in confidence is already decided: {standing}."

    def test_accepting_in_confidence_needs_the_summary_the_other_party_is_shown(self) -> None:
        with pytest.raises(ValidationError, match="summary"):
            FIELDS["decide_confidentiality"].model_validate({**REASONS, "event_version": 5, "accept": True})

    def test_the_decision_has_reasons(self) -> None:
        with pytest.raises(ValidationError, match="reasons"):
            FIELDS["decide_confidentiality"].model_validate({"event_version": 5, "accept": False})

    def test_representations_awaiting_a_decision_on_confidence_are_not_yet_relied_on(self) -> None:
        assert not self.ASKED.relied_on
        assert not rep("respondent", confidentiality=Confidentiality.returned).relied_on
        assert rep("respondent", confidentiality=Confidentiality.accepted).relied_on
        assert rep("respondent").relied_on


class TestMakeRepresentations:
    @pytest.mark.parametrize("party", ["complainant", "respondent"])
    def test_either_party_makes_representations(self, party: str) -> None:
        decision = try_(S.investigation, "make_representations", {"text": "My side"}, party=party)
        assert decision.done
        assert decision.to_state is S.investigation
        assert decision.finding.reason == f"The {party} made representations."
        assert decision.finding.citation == "DISP 3.5.4R(1)"

    def test_representations_asked_to_be_treated_in_confidence_cite_disp_3_5_9r_2(self) -> None:
        decision = try_(
            S.investigation, "make_representations", {"text": "Private", "confidential": True}, party="respondent"
        )
        assert decision.done
        assert decision.finding.citation == "DISP 3.5.4R(1), DISP 3.5.9R(2)"

    def test_representations_are_made_by_a_party(self) -> None:
        decision = try_(S.investigation, "make_representations", {"text": "Whose?"})
        assert not decision.done
        assert "made by a party" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.5.4R(1)"

    @pytest.mark.parametrize("state", OPEN_STATES)
    def test_representations_may_be_made_in_every_state_that_does_not_end_the_case(self, state: State) -> None:
        assert try_(state, "make_representations", {"text": "x"}, party="complainant").done

    @pytest.mark.parametrize("state", sorted(FINAL_STATES))
    def test_representations_are_not_made_once_the_case_has_ended(self, state: State) -> None:
        decision = try_(state, "make_representations", {"text": "x"}, party="complainant")
        assert not decision.done
        assert f"The case has ended ({state.value})" in decision.finding.reason


class TestNotifyLateAcceptance:
    def test_the_complainant_gives_notice_of_a_late_acceptance_after_a_lapse(self) -> None:
        decision = try_(S.rejected, "notify_late_acceptance", party="complainant")
        assert decision.done
        assert decision.to_state is S.rejected
        assert decision.finding.citation == "DISP 3.6.6R(4A)"

    def test_a_late_acceptance_cannot_be_notified_after_an_express_rejection(self) -> None:
        decision = try_(S.rejected, "notify_late_acceptance", party="complainant", expressly_rejected=True)
        assert not decision.done
        assert "rejected the determination" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.6.6R(4A)"

    @pytest.mark.parametrize("party", [None, "respondent"])
    def test_only_the_complainant_gives_notice_of_a_late_acceptance(self, party: str | None) -> None:
        decision = try_(S.rejected, "notify_late_acceptance", party=party)
        assert not decision.done
        assert "Only the complainant" in decision.finding.reason

    @pytest.mark.parametrize("state", states_except(S.rejected))
    def test_a_late_acceptance_is_notified_only_in_rejected(self, state: State) -> None:
        decision = try_(state, "notify_late_acceptance", party="complainant")
        assert not decision.done
        assert state.value in decision.finding.reason
        assert decision.finding.citation == "DISP 3.6.6R(4A)"


class TestRequestHearing:
    @pytest.mark.parametrize("state", BEFORE_DETERMINATION)
    def test_a_party_requests_a_hearing_in_writing_before_determination(self, state: State) -> None:
        decision = try_(state, "request_hearing", {"issues": "Credibility"}, party="respondent")
        assert decision.done
        assert decision.to_state is state
        assert decision.finding.citation == "DISP 3.5.6R"

    def test_a_hearing_is_requested_by_a_party(self) -> None:
        decision = try_(S.awaiting_determination, "request_hearing", {"issues": "Credibility"})
        assert not decision.done
        assert "requested by a party" in decision.finding.reason

    def test_a_party_with_a_pending_request_cannot_ask_again(self) -> None:
        decision = try_(
            S.awaiting_determination,
            "request_hearing",
            {"issues": "Credibility"},
            party="complainant",
            hearing_requests=[hearing_request("complainant")],
        )
        assert not decision.done
        assert "already has a hearing request" in decision.finding.reason

    def test_the_other_party_may_ask_while_one_request_is_pending(self) -> None:
        decision = try_(
            S.awaiting_determination,
            "request_hearing",
            {"issues": "Credibility"},
            party="respondent",
            hearing_requests=[hearing_request("complainant")],
        )
        assert decision.done

    @pytest.mark.parametrize("state", AFTER_DETERMINATION)
    def test_no_hearing_is_requested_once_the_case_is_determined(self, state: State) -> None:
        decision = try_(state, "request_hearing", {"issues": "Credibility"}, party="complainant")
        assert not decision.done
        assert state.value in decision.finding.reason
        assert "DISP 3.5.5R" in decision.finding.citation

    def test_a_hearing_request_names_the_issues(self) -> None:
        with pytest.raises(ValidationError, match="issues"):
            FIELDS["request_hearing"].model_validate({})


class TestRefuseHearing:
    @pytest.mark.parametrize("state", [*BEFORE_DETERMINATION, S.hearing])
    def test_a_pending_hearing_request_is_refused_with_reasons(self, state: State) -> None:
        decision = try_(state, "refuse_hearing", REASONS, hearing_requests=[hearing_request()])
        assert decision.done
        assert decision.to_state is state
        assert decision.finding.citation == "DISP 3.5.5R, DISP 3.5.7G"

    def test_there_is_nothing_to_refuse_without_a_pending_request(self) -> None:
        decision = try_(
            S.awaiting_determination, "refuse_hearing", REASONS, hearing_requests=[hearing_request(decision="granted")]
        )
        assert not decision.done
        assert "no hearing request waiting" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.5.5R"

    def test_a_hearing_is_not_refused_after_determination(self) -> None:
        decision = try_(S.determined, "refuse_hearing", REASONS, hearing_requests=[hearing_request()])
        assert not decision.done
        assert "determined" in decision.finding.reason


class TestSetTimeLimit:
    GIVEN: ClassVar[dict[str, Any]] = {**REASONS, "deadline": "representations", "until": "2026-11-16"}

    def test_a_time_limit_of_a_kind_not_yet_open_is_set(self) -> None:
        decision = try_(S.investigation, "set_time_limit", self.GIVEN, limits=[limit("acceptance", TODAY)])
        assert decision.done
        assert decision.finding.citation == "DISP 3.5.13R"

    def test_a_time_limit_already_open_is_extended_not_set_again(self) -> None:
        decision = try_(S.investigation, "set_time_limit", self.GIVEN, limits=[limit("representations", TODAY)])
        assert not decision.done
        assert "already open: extend it instead" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.5.13R"

    @pytest.mark.parametrize("state", sorted(FINAL_STATES))
    def test_no_time_limit_is_set_once_the_case_has_ended(self, state: State) -> None:
        assert not try_(state, "set_time_limit", self.GIVEN).done

    def test_a_time_limit_kind_is_a_lower_case_name(self) -> None:
        with pytest.raises(ValidationError, match="deadline"):
            FIELDS["set_time_limit"].model_validate({**self.GIVEN, "deadline": "Representations!"})


class TestExtendTimeLimit:
    @staticmethod
    def extend(until: date, *limits: Any) -> Any:
        fields = {**REASONS, "deadline": "assessment_response", "until": until.isoformat()}
        return try_(S.provisional_assessment, "extend_time_limit", fields, limits=list(limits))

    @pytest.mark.parametrize(
        ("until", "done"),
        [
            pytest.param(TODAY - DAY, False, id="day_before"),
            pytest.param(TODAY, False, id="same_day"),
            pytest.param(TODAY + DAY, True, id="day_after"),
        ],
    )
    def test_a_time_limit_is_extended_only_to_a_later_date(self, until: date, done: bool) -> None:
        decision = self.extend(until, limit("assessment_response", TODAY))
        assert decision.done is done
        assert decision.to_state is S.provisional_assessment
        assert decision.finding.citation == "DISP 3.5.13R"
        if done:
            assert "extended to 3 November 2026" in decision.finding.reason
        else:
            assert "later than the current one, 2 November 2026" in decision.finding.reason

    def test_only_an_open_time_limit_of_that_kind_is_extended(self) -> None:
        decision = self.extend(TODAY + DAY, limit("representations", TODAY))
        assert not decision.done
        assert "no open assessment_response time limit (open: representations)" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.5.13R"

    def test_a_case_with_no_open_time_limit_says_none_is_open(self) -> None:
        decision = self.extend(TODAY + DAY)
        assert not decision.done
        assert "(open: none)" in decision.finding.reason

    def test_an_extension_gives_reasons(self) -> None:
        with pytest.raises(ValidationError, match="reasons"):
            FIELDS["extend_time_limit"].model_validate({"deadline": "representations", "until": "2026-12-01"})


class TestTheAcceptanceLimitAndTheRespondentsTimeAreNotStaffs:
    """Edition 3, point 3: the date specified for acceptance is the determination's (DISP 3.6.6R(2), (4), (4A)),
    and the respondent's time is DISP 2.8.1R's: neither is a time limit staff may set or extend."""

    @pytest.mark.parametrize("name", ["set_time_limit", "extend_time_limit"])
    @pytest.mark.parametrize(
        ("kind", "citation"),
        [("acceptance", "DISP 3.6.6R(2), DISP 3.6.6R(4), DISP 3.6.6R(4A)"), ("respondent_time", "DISP 2.8.1R")],
    )
    def test_a_step_naming_it_is_bad_input_naming_the_deadline_and_saying_why(
        self, name: str, kind: str, citation: str
    ) -> None:
        with pytest.raises(ValidationError) as refused:
            FIELDS[name].model_validate({**REASONS, "deadline": kind, "until": "2026-12-01"})
        (error,) = refused.value.errors()
        assert error["loc"] == ("deadline",)
        assert f"{kind} cannot be set or extended" in error["msg"]
        assert f"({citation})" in error["msg"]

    @pytest.mark.parametrize("name", ["set_time_limit", "extend_time_limit"])
    def test_the_deadline_is_one_of_the_kinds_staff_may_set_or_extend(self, name: str) -> None:
        schema = FIELDS[name].model_json_schema()
        kinds = schema["$defs"]["StaffTimeLimit"]["enum"]
        assert set(kinds) == {
            "jurisdiction_representations",
            "representations",
            "dismissal_representations",
            "assessment_response",
            "information",
        }
        with pytest.raises(ValidationError, match="deadline"):
            FIELDS[name].model_validate({**REASONS, "deadline": "evidence", "until": "2026-12-01"})

    def test_every_time_limit_a_step_opens_is_staffs_to_move_but_the_acceptance_limit_and_the_respondents_time(
        self,
    ) -> None:
        """A new kind of time limit must be placed on one side or the other."""
        assert set(TimeLimitKind) - set(StaffTimeLimit) == {TimeLimitKind.acceptance, TimeLimitKind.respondent_time}


class TestRecordingActions:
    @pytest.mark.parametrize(
        ("name", "fields", "citation"),
        [
            ("note_respondent_missed_time_limit", REASONS, "DISP 3.5.14R"),
            ("link_connected_complaint", {**REASONS, "connected_reference": "FOS-2026-000002"}, "DISP 3.5.3R"),
        ],
    )
    @pytest.mark.parametrize("state", OPEN_STATES)
    def test_recording_actions_are_taken_in_every_state_that_does_not_end_the_case(
        self, state: State, name: str, fields: dict[str, Any], citation: str
    ) -> None:
        decision = try_(state, name, fields)
        assert decision.done
        assert decision.to_state is state
        assert decision.finding.citation == citation

    CORRECTION: ClassVar[dict[str, Any]] = {**REASONS, "correction": "The policy was sold on 3 March 2020."}

    @pytest.mark.parametrize("state", AFTER_DETERMINATION)
    def test_a_clerical_mistake_is_corrected_after_determination(self, state: State) -> None:
        decision = try_(state, "correct_clerical_mistake", self.CORRECTION, role=Role.ombudsman)
        assert decision.done
        assert decision.finding.citation == "DISP 3.6.6AR"

    @pytest.mark.parametrize("state", [S.investigation, S.awaiting_determination, S.dismissed])
    def test_there_is_no_determination_to_correct_before_one_is_made(self, state: State) -> None:
        assert not try_(state, "correct_clerical_mistake", self.CORRECTION, role=Role.ombudsman).done

    def test_a_correction_says_how_the_statement_should_read(self) -> None:
        with pytest.raises(ValidationError, match="correction"):
            FIELDS["correct_clerical_mistake"].model_validate(REASONS)

    @pytest.mark.parametrize("state", list(State))
    def test_disclosure_to_a_regulator_may_be_authorised_in_any_state(self, state: State) -> None:
        decision = try_(state, "authorise_disclosure", {**REASONS, "regulator": "FCA"})
        assert decision.done
        assert decision.to_state is state
        assert decision.finding.citation == "DISP 3.8.2R"


class TestApprovePublication:
    @pytest.mark.parametrize("state", AFTER_DETERMINATION)
    def test_an_ombudsman_approves_the_published_report_once_the_complaint_is_determined(self, state: State) -> None:
        decision = try_(state, "approve_publication", {**REASONS, "redact": ["her employer"]}, has_determination=True)
        assert decision.done
        assert decision.kind == "action"
        assert decision.to_state is state
        assert "approved the report of the determination for publication" in decision.finding.reason
        assert decision.finding.citation == "DISP 3.6.7R"

    def test_a_settled_case_that_was_complied_with_has_no_determination_to_publish(self) -> None:
        decision = try_(S.complied, "approve_publication", REASONS, has_determination=False)
        assert not decision.done
        assert decision.finding.reason == (
            "The complaint was not determined by an ombudsman, so there is no determination to publish."
        )
        assert decision.finding.citation == "DISP 3.6.7R"

    @pytest.mark.parametrize("state", [*BEFORE_DETERMINATION, S.hearing, S.settled, S.dismissed])
    def test_nothing_is_approved_for_publication_before_a_determination(self, state: State) -> None:
        decision = try_(state, "approve_publication", REASONS)
        assert not decision.done
        assert state.value in decision.finding.reason

    def test_an_approval_gives_reasons(self) -> None:
        with pytest.raises(ValidationError, match="reasons"):
            FIELDS["approve_publication"].model_validate({"redact": ["her employer"]})

    def test_the_phrases_to_redact_are_trimmed_and_default_to_none(self) -> None:
        fields = FIELDS["approve_publication"].model_validate({**REASONS, "redact": ["  her employer "]})
        assert isinstance(fields, ApprovePublication)
        assert fields.redact == ["her employer"]
        assert ApprovePublication.model_validate(REASONS).redact == []

    @pytest.mark.parametrize(
        "redact",
        [
            pytest.param([""], id="empty"),
            pytest.param(["   "], id="spaces"),
            pytest.param(["..."], id="punctuation"),
            pytest.param(["x" * 201], id="too_long"),
            pytest.param(["bad\x00byte"], id="control_character"),
            pytest.param(["word"] * 51, id="too_many"),
            pytest.param("a phrase", id="not_a_list"),
        ],
    )
    def test_a_phrase_to_redact_is_a_word_or_phrase_and_there_are_at_most_fifty(self, redact: object) -> None:
        with pytest.raises(ValidationError, match="redact"):
            FIELDS["approve_publication"].model_validate({**REASONS, "redact": redact})


@pytest.mark.parametrize("name", sorted(ACTION_BY_NAME))
def test_an_action_in_a_state_it_is_not_offered_in_is_refused_with_its_citation(name: str) -> None:
    outside = [state for state in State if state not in ACTION_BY_NAME[name].sources]
    for state in outside:
        decision = try_(
            state,
            name,
            {
                "record_final_response": {"sent_on": "2026-10-20", "mentioned_time_limit": True},
                "correct_clerical_mistake": {**REASONS, "correction": "x"},
                "record_late_referral_position": {**REASONS, "consents": False},
                "amend_facts": {**REASONS, "facts": {"summary": "A corrected summary"}},
                "make_representations": {"text": "x"},
                "decide_confidentiality": {**REASONS, "event_version": 5, "accept": False},
                "notify_late_acceptance": {},
                "request_hearing": {"issues": "x"},
                "set_time_limit": {**REASONS, "deadline": "representations", "until": "2026-12-01"},
                "extend_time_limit": {**REASONS, "deadline": "representations", "until": "2026-12-01"},
                "link_connected_complaint": {**REASONS, "connected_reference": "FOS-2026-000002"},
                "authorise_disclosure": {**REASONS, "regulator": "FCA"},
            }.get(name, REASONS),
            party="complainant",
        )
        assert not decision.done
        assert decision.kind == "action"
        assert decision.to_state is state
        assert state.value in decision.finding.reason
        assert decision.finding.citation == ACTION_BY_NAME[name].cites
