"""The roles table and the public vocabulary of the workflow, and the shape of the one shared machine.

The names are written out here literally, from the contract, so renaming one in the code fails a test.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tests.workflows.builders import try_
from workflows.machine import MACHINE, allowed, mermaid
from workflows.table import ACTION_BY_NAME, FIELDS, GUARDS, PERMISSIONS, STEP_BY_TRIGGER, STEPS, Role, State, may

CONTRACT_STATES = [
    "referred",
    "with_respondent",
    "jurisdiction_check",
    "jurisdiction_representations",
    "out_of_jurisdiction",
    "dismissal_representations",
    "dismissed",
    "referred_elsewhere",
    "investigation",
    "provisional_assessment",
    "assessment_accepted",
    "awaiting_determination",
    "hearing",
    "determined",
    "accepted",
    "rejected",
    "complied",
    "settled",
    "withdrawn",
]
CONTRACT_FINAL_STATES = [
    "out_of_jurisdiction",
    "dismissed",
    "referred_elsewhere",
    "assessment_accepted",
    "rejected",
    "complied",
    "settled",
    "withdrawn",
]
CONTRACT_TRIGGERS = [
    "refer_to_respondent",
    "respondent_time_elapsed",
    "start_jurisdiction_check",
    "invite_jurisdiction_representations",
    "decide_out_of_jurisdiction",
    "accept_jurisdiction",
    "propose_dismissal",
    "dismiss",
    "withdraw_dismissal_proposal",
    "refer_elsewhere",
    "issue_provisional_assessment",
    "disagree",
    "close_on_assessment",
    "grant_hearing",
    "conclude_hearing",
    "determine",
    "accept",
    "reject",
    "lapse",
    "accept_late",
    "record_compliance",
    "withdraw",
]
CONTRACT_ACTIONS = [
    "record_final_response",
    "record_late_referral_position",  # edition 2
    "amend_facts",  # edition 2
    "make_representations",
    "decide_confidentiality",  # edition 2
    "notify_late_acceptance",
    "request_hearing",
    "refuse_hearing",
    "set_time_limit",
    "extend_time_limit",
    "note_respondent_missed_time_limit",
    "correct_clerical_mistake",
    "link_connected_complaint",
    "authorise_disclosure",
    "approve_publication",
]
CONTRACT_NAMES = [*CONTRACT_TRIGGERS, *CONTRACT_ACTIONS]
CONTRACT_ROLES = ["caseworker", "ombudsman", "firm", "complainant"]

# From the triggers table: from which states, to which state (None: "the state it came from").
CONTRACT_EDGES: dict[str, tuple[set[str], str | None]] = {
    "refer_to_respondent": ({"referred"}, "with_respondent"),
    "respondent_time_elapsed": ({"with_respondent"}, "jurisdiction_check"),
    "start_jurisdiction_check": ({"referred"}, "jurisdiction_check"),
    # Edition 3: jurisdiction stays open until determination (DISP 3.2.1R).
    "invite_jurisdiction_representations": (
        {"jurisdiction_check", "investigation", "provisional_assessment", "awaiting_determination", "hearing"},
        "jurisdiction_representations",
    ),
    "decide_out_of_jurisdiction": ({"jurisdiction_representations"}, "out_of_jurisdiction"),
    "accept_jurisdiction": ({"jurisdiction_check", "jurisdiction_representations"}, "investigation"),
    "propose_dismissal": (  # edition 2 adds the hearing
        {"jurisdiction_check", "investigation", "provisional_assessment", "awaiting_determination", "hearing"},
        "dismissal_representations",
    ),
    "dismiss": ({"dismissal_representations"}, "dismissed"),
    "withdraw_dismissal_proposal": ({"dismissal_representations"}, None),
    "refer_elsewhere": ({"jurisdiction_check", "investigation"}, "referred_elsewhere"),
    "issue_provisional_assessment": ({"investigation"}, "provisional_assessment"),
    "disagree": ({"provisional_assessment"}, "awaiting_determination"),
    "close_on_assessment": ({"provisional_assessment"}, "assessment_accepted"),
    "grant_hearing": ({"awaiting_determination"}, "hearing"),
    "conclude_hearing": ({"hearing"}, "awaiting_determination"),
    "determine": ({"awaiting_determination"}, "determined"),
    "accept": ({"determined"}, "accepted"),
    "reject": ({"determined"}, "rejected"),
    "lapse": ({"determined"}, "rejected"),
    "accept_late": ({"rejected"}, "accepted"),
    # Edition 2: and assessment_accepted, when the assessment asked the respondent to pay or do something.
    "record_compliance": ({"accepted", "settled", "assessment_accepted"}, "complied"),
    # Edition 2: "any state before determined that does not end the case".
    "withdraw": (set(CONTRACT_STATES) - set(CONTRACT_FINAL_STATES) - {"determined", "accepted"}, "withdrawn"),
}

# The "cites" column, paragraph by paragraph (ranges written out).
CONTRACT_CITES: dict[str, list[str]] = {
    "refer_to_respondent": ["DISP 2.8.1R", "DISP 3.2.2R"],
    "respondent_time_elapsed": ["DISP 2.8.1R"],
    "start_jurisdiction_check": ["DISP 2.8.1R"],
    "invite_jurisdiction_representations": ["DISP 3.2.1R", "DISP 3.2.3R", "DISP 3.2.4R"],
    "decide_out_of_jurisdiction": ["DISP 3.2.5R"],
    "accept_jurisdiction": ["DISP 3.2.6R"],
    "propose_dismissal": ["DISP 3.3.1R", "DISP 3.3.4R", "DISP 3.3.5R", "DISP 3.5.9R(4)", "DISP 3.5.15R"],
    "dismiss": ["DISP 3.3.1R", "DISP 3.3.2R"],
    "withdraw_dismissal_proposal": ["DISP 3.3.1R"],
    "refer_elsewhere": ["DISP 3.4.1R"],
    "issue_provisional_assessment": ["DISP 3.5.4R(1)", "DISP 3.5.4R(2)"],
    "disagree": ["DISP 3.5.4R(3)"],
    "close_on_assessment": ["DISP 3.5.4R"],
    "grant_hearing": ["DISP 3.5.5R", "DISP 3.5.7G"],
    "conclude_hearing": ["DISP 3.5.5R"],
    "determine": ["DISP 3.5.5R", "DISP 3.6.1R", "DISP 3.6.6R(1)", "DISP 3.6.6R(2)", "DISP 3.9.1R"],
    "accept": ["DISP 3.6.6R(2)", "DISP 3.6.6R(3)"],
    "reject": ["DISP 3.6.6R(4)"],
    "lapse": ["DISP 3.6.6R(4)"],
    "accept_late": ["DISP 3.6.6R(4A)"],
    "record_compliance": ["DISP 3.7.12R"],
}

# The triggers and actions whose guard (or fields row) says "reasons": refused without them.
CONTRACT_NEEDS_REASONS = [
    "decide_out_of_jurisdiction",
    "accept_jurisdiction",
    "propose_dismissal",
    "dismiss",
    "withdraw_dismissal_proposal",
    "refer_elsewhere",
    "issue_provisional_assessment",
    "grant_hearing",
    "determine",
    "accept_late",
    "refuse_hearing",
    "extend_time_limit",
    "approve_publication",
    "decide_confidentiality",
]

FIRM = {
    "record_final_response",
    "record_late_referral_position",  # edition 2: say whether it consents to a late referral
    "make_representations",
    "disagree",
    "request_hearing",
    "record_compliance",
}
COMPLAINANT = {
    "make_representations",
    "disagree",
    "request_hearing",
    "accept",
    "reject",
    "notify_late_acceptance",
    "withdraw",
}
# And correct_clerical_mistake: DISP 3.6.6AR, "An Ombudsman may correct" (the legal review's point 19).
ONLY_AN_OMBUDSMAN = {
    "determine",
    "accept_late",
    "authorise_disclosure",
    "approve_publication",
    "correct_clerical_mistake",
}


class TestVocabulary:
    def test_every_state_of_the_contract_exists_under_its_name_and_no_other(self) -> None:
        assert [state.value for state in State] == CONTRACT_STATES

    def test_every_role_of_the_contract_exists_under_its_name(self) -> None:
        assert sorted(role.value for role in Role) == sorted(CONTRACT_ROLES)

    @pytest.mark.parametrize("name", CONTRACT_NAMES)
    def test_every_trigger_and_action_of_the_contract_has_permissions_fields_and_a_guard(self, name: str) -> None:
        assert name in PERMISSIONS
        assert name in FIELDS
        assert name in GUARDS

    def test_the_contract_triggers_are_triggers_and_the_actions_are_actions(self) -> None:
        assert set(CONTRACT_TRIGGERS) <= set(STEP_BY_TRIGGER)
        assert set(CONTRACT_ACTIONS) == set(ACTION_BY_NAME)

    def test_the_only_trigger_beyond_the_contract_is_settle(self) -> None:
        assert set(STEP_BY_TRIGGER) - set(CONTRACT_TRIGGERS) == {"settle"}

    def test_permissions_fields_and_guards_cover_the_same_names(self) -> None:
        assert set(PERMISSIONS) == set(FIELDS) == set(GUARDS) == {*STEP_BY_TRIGGER, *ACTION_BY_NAME}

    @pytest.mark.parametrize("trigger", CONTRACT_TRIGGERS)
    def test_every_trigger_leaves_and_enters_the_states_of_the_triggers_table(self, trigger: str) -> None:
        sources, dest = CONTRACT_EDGES[trigger]
        step = STEP_BY_TRIGGER[trigger]
        assert {state.value for state in step.sources} == sources
        assert (step.dest.value if step.dest else None) == dest

    @pytest.mark.parametrize("trigger", sorted(CONTRACT_CITES))
    def test_every_trigger_cites_the_paragraphs_of_its_cites_column(self, trigger: str) -> None:
        cited = STEP_BY_TRIGGER[trigger].cites.split(", ")
        assert set(CONTRACT_CITES[trigger]) <= set(cited)

    @pytest.mark.parametrize("name", CONTRACT_NEEDS_REASONS)
    def test_a_step_whose_guard_says_reasons_is_refused_without_them(self, name: str) -> None:
        with pytest.raises(ValidationError, match="reasons"):
            FIELDS[name].model_validate({})

    @pytest.mark.parametrize("name", CONTRACT_NAMES)
    def test_unknown_fields_are_refused(self, name: str) -> None:
        with pytest.raises(ValidationError, match="surprise"):
            FIELDS[name].model_validate({"surprise": 1})


class TestRoles:
    @pytest.mark.parametrize("name", CONTRACT_NAMES)
    def test_an_ombudsman_may_do_everything(self, name: str) -> None:
        assert may(Role.ombudsman, name)

    @pytest.mark.parametrize("name", sorted(PERMISSIONS))
    def test_a_caseworker_may_do_everything_except_determine_accept_late_authorise_disclosure_or_publish(
        self, name: str
    ) -> None:
        assert may(Role.caseworker, name) is (name not in ONLY_AN_OMBUDSMAN)

    def test_a_firm_may_do_exactly_what_the_roles_table_says(self) -> None:
        assert {name for name in PERMISSIONS if may(Role.firm, name)} == FIRM

    def test_a_complainant_may_do_exactly_what_the_roles_table_says(self) -> None:
        assert {name for name in PERMISSIONS if may(Role.complainant, name)} == COMPLAINANT

    @pytest.mark.parametrize("role", list(Role))
    def test_no_role_may_fire_a_name_the_workflow_does_not_know(self, role: Role) -> None:
        assert not may(role, "to_investigation")
        assert not may(role, "delete_case")

    def test_a_complainant_in_a_determined_case_may_accept_reject_or_make_representations_but_not_withdraw(
        self,
    ) -> None:
        """After a determination the complainant answers it (DISP 3.6.6R): withdrawing is no longer offered."""
        assert allowed(State.determined, Role.complainant) == ["accept", "reject", "make_representations"]

    def test_a_firm_in_a_determined_case_may_only_make_representations(self) -> None:
        assert allowed(State.determined, Role.firm) == ["make_representations"]

    def test_a_caseworker_awaiting_determination_may_do_everything_there_but_determine(self) -> None:
        assert allowed(State.awaiting_determination, Role.caseworker) == [
            "invite_jurisdiction_representations",
            "propose_dismissal",
            "grant_hearing",
            "settle",
            "withdraw",
            "amend_facts",
            "record_late_referral_position",
            "make_representations",
            "decide_confidentiality",
            "request_hearing",
            "refuse_hearing",
            "set_time_limit",
            "extend_time_limit",
            "note_respondent_missed_time_limit",
            "link_connected_complaint",
        ]
        assert "determine" in allowed(State.awaiting_determination, Role.ombudsman)

    def test_a_complainant_in_a_rejected_case_may_only_give_notice_of_a_late_acceptance(self) -> None:
        assert allowed(State.rejected, Role.complainant) == ["notify_late_acceptance"]

    def test_a_firm_in_an_accepted_case_may_record_compliance(self) -> None:
        assert allowed(State.accepted, Role.firm) == ["record_compliance", "make_representations"]

    def test_an_ombudsman_in_a_rejected_case_may_accept_late(self) -> None:
        assert "accept_late" in allowed(State.rejected, Role.ombudsman)
        assert "accept_late" not in allowed(State.rejected, Role.caseworker)

    @pytest.mark.parametrize("state", [State.determined, State.accepted, State.rejected, State.complied])
    def test_only_an_ombudsman_may_approve_the_published_report_once_determined(self, state: State) -> None:
        assert "approve_publication" in allowed(state, Role.ombudsman)
        for role in (Role.caseworker, Role.firm, Role.complainant):
            assert "approve_publication" not in allowed(state, role)

    @pytest.mark.parametrize("role", [Role.firm, Role.complainant])
    def test_a_party_may_do_nothing_in_a_withdrawn_case(self, role: Role) -> None:
        assert allowed(State.withdrawn, role) == []


class TestMachine:
    def test_the_machine_has_no_auto_transitions_to_bypass_a_guard(self) -> None:
        assert MACHINE.auto_transitions is False
        assert not hasattr(MACHINE, "to_investigation")
        assert "to_investigation" not in MACHINE.events

    def test_the_machine_has_exactly_the_tables_triggers_as_events(self) -> None:
        assert set(MACHINE.events) == set(STEP_BY_TRIGGER)

    def test_the_machine_is_built_once_and_no_case_is_registered_with_it_after_firing(self) -> None:
        assert try_(State.referred, "start_jurisdiction_check").done
        back = try_(
            State.dismissal_representations,
            "withdraw_dismissal_proposal",
            {"reasons": "x"},
            returns_to=State.investigation,
        )
        assert back.to_state is State.investigation
        assert not try_(State.investigation, "grant_hearing", {"reasons": "x", "private": False}).done
        assert MACHINE.models == []

    def test_every_step_has_a_citation_except_withdraw(self) -> None:
        assert [step.name for step in STEPS if not step.cites] == ["withdraw"]

    def test_the_diagram_shows_every_transition_of_the_table(self) -> None:
        diagram = mermaid()
        assert diagram.startswith("stateDiagram-v2\n    [*] --> referred\n")
        assert "    referred --> with_respondent: refer_to_respondent" in diagram
        origins = ["jurisdiction_check", "investigation", "provisional_assessment", "awaiting_determination", "hearing"]
        for origin in origins:  # edition 2: a dismissal may be proposed from a hearing too
            assert f"    dismissal_representations --> {origin}: withdraw_dismissal_proposal" in diagram
        assert "    withdrawn --> [*]" in diagram
