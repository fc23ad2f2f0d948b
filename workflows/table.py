"""The DISP 3 statechart as a table: states, triggers, actions and who may fire them (the public vocabulary).

The names here are the public vocabulary. The machine (``workflows.machine``), the diagram, the API and the
permission checks are all built from this one table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ombudsman.citations import cite

WORKFLOW_VERSION = 1


class State(StrEnum):
    referred = "referred"
    with_respondent = "with_respondent"
    jurisdiction_check = "jurisdiction_check"
    jurisdiction_representations = "jurisdiction_representations"
    out_of_jurisdiction = "out_of_jurisdiction"
    dismissal_representations = "dismissal_representations"
    dismissed = "dismissed"
    referred_elsewhere = "referred_elsewhere"
    investigation = "investigation"
    provisional_assessment = "provisional_assessment"
    assessment_accepted = "assessment_accepted"
    awaiting_determination = "awaiting_determination"
    hearing = "hearing"
    determined = "determined"
    accepted = "accepted"
    rejected = "rejected"
    complied = "complied"
    settled = "settled"
    withdrawn = "withdrawn"


# The states that end the case. `accepted` awaits compliance and `rejected` may yet become `accepted` under
# DISP 3.6.6R(4A), but the table says `rejected` ends the case, so `withdraw` is not offered from it.
FINAL_STATES = frozenset(
    {
        State.out_of_jurisdiction,
        State.dismissed,
        State.referred_elsewhere,
        State.assessment_accepted,
        State.rejected,
        State.complied,
        State.settled,
        State.withdrawn,
    }
)
OPEN_STATES = tuple(state for state in State if state not in FINAL_STATES)


class Role(StrEnum):
    caseworker = "caseworker"
    ombudsman = "ombudsman"
    firm = "firm"
    complainant = "complainant"


STAFF = frozenset({Role.caseworker, Role.ombudsman})


@dataclass(frozen=True)
class Step:
    """One row of the triggers table. ``dest`` None means "back to the state the case came from"."""

    trigger: str
    sources: tuple[State, ...]
    dest: State | None
    citation: str
    swept: bool = False  # fired by the deadline sweep when its time limit passes


S = State
STEPS: tuple[Step, ...] = (
    Step("refer_to_respondent", (S.referred,), S.with_respondent, cite("DISP 2.8.1R", "DISP 3.2.2R")),
    Step("respondent_time_elapsed", (S.with_respondent,), S.jurisdiction_check, cite("DISP 2.8.1R"), swept=True),
    Step("start_jurisdiction_check", (S.referred,), S.jurisdiction_check, cite("DISP 2.8.1R")),
    Step(
        "invite_jurisdiction_representations",
        (S.jurisdiction_check,),
        S.jurisdiction_representations,
        cite("DISP 3.2.3R", "DISP 3.2.4R"),
    ),
    Step(
        "decide_out_of_jurisdiction",
        (S.jurisdiction_representations,),
        S.out_of_jurisdiction,
        cite("DISP 3.2.5R"),
    ),
    Step(
        "accept_jurisdiction",
        (S.jurisdiction_check, S.jurisdiction_representations),
        S.investigation,
        cite("DISP 3.2.6R"),
    ),
    Step(
        "propose_dismissal",
        (S.jurisdiction_check, S.investigation, S.provisional_assessment, S.awaiting_determination),
        S.dismissal_representations,
        cite("DISP 3.3.1R", "DISP 3.3.4R"),
    ),
    Step("dismiss", (S.dismissal_representations,), S.dismissed, cite("DISP 3.3.1R", "DISP 3.3.2R")),
    Step("withdraw_dismissal_proposal", (S.dismissal_representations,), None, cite("DISP 3.3.1R")),
    Step(
        "dismiss_as_test_case",
        (S.investigation, S.provisional_assessment, S.awaiting_determination, S.hearing),
        S.dismissed,
        cite("DISP 3.3.5R", "DISP 3.3.6G"),
    ),
    Step("refer_elsewhere", (S.jurisdiction_check, S.investigation), S.referred_elsewhere, cite("DISP 3.4.1R")),
    Step(
        "issue_provisional_assessment",
        (S.investigation,),
        S.provisional_assessment,
        cite("DISP 3.5.4R(1)", "DISP 3.5.4R(2)"),
    ),
    Step("disagree", (S.provisional_assessment,), S.awaiting_determination, cite("DISP 3.5.4R(3)")),
    Step(
        "close_on_assessment",
        (S.provisional_assessment,),
        S.assessment_accepted,
        cite("DISP 3.5.4R"),
        swept=True,
    ),
    Step(
        "grant_hearing",
        (S.awaiting_determination,),
        S.hearing,
        cite("DISP 3.5.5R", "DISP 3.5.6R", "DISP 3.5.7G"),
    ),
    Step("conclude_hearing", (S.hearing,), S.awaiting_determination, cite("DISP 3.5.5R")),
    Step(
        "determine",
        (S.awaiting_determination,),
        S.determined,
        cite("DISP 3.5.5R", "DISP 3.6.1R", "DISP 3.6.6R(1)", "DISP 3.6.6R(2)", "DISP 3.7.1R", "DISP 3.9.1R"),
    ),
    Step("accept", (S.determined,), S.accepted, cite("DISP 3.6.6R(2)", "DISP 3.6.6R(3)")),
    Step("reject", (S.determined,), S.rejected, cite("DISP 3.6.6R(4)")),
    Step("lapse", (S.determined,), S.rejected, cite("DISP 3.6.6R(4)"), swept=True),
    Step("accept_late", (S.rejected,), S.accepted, cite("DISP 3.6.6R(4A)")),
    # The contract's triggers table has the state `settled` but no way into it: this is an addition, not a rename.
    Step(
        "settle",
        (S.investigation, S.provisional_assessment, S.awaiting_determination, S.hearing),
        S.settled,
        cite("DISP 3.5.1R", "DISP 3.7.12R"),
    ),
    Step("record_compliance", (S.accepted, S.settled), S.complied, cite("DISP 3.7.12R")),
    Step("withdraw", OPEN_STATES, S.withdrawn, ""),
)
STEP_BY_TRIGGER = {step.trigger: step for step in STEPS}
SWEPT_TRIGGERS = tuple(step.trigger for step in STEPS if step.swept)


@dataclass(frozen=True)
class Action:
    """An action records something without changing the state."""

    name: str
    states: tuple[State, ...]
    citation: str


BEFORE_INVESTIGATION = (S.referred, S.with_respondent, S.jurisdiction_check, S.jurisdiction_representations)
BEFORE_DETERMINATION = (S.investigation, S.provisional_assessment, S.awaiting_determination)
AFTER_DETERMINATION = (S.determined, S.accepted, S.rejected, S.complied)

ACTIONS: tuple[Action, ...] = (
    Action("record_final_response", BEFORE_INVESTIGATION, cite("DISP 2.8.1R")),
    Action("make_representations", OPEN_STATES, cite("DISP 3.5.4R(1)")),
    Action("notify_late_acceptance", (S.rejected,), cite("DISP 3.6.6R(4A)")),
    Action("request_hearing", BEFORE_DETERMINATION, cite("DISP 3.5.5R", "DISP 3.5.6R")),
    Action("refuse_hearing", (*BEFORE_DETERMINATION, S.hearing), cite("DISP 3.5.5R", "DISP 3.5.7G")),
    Action("set_time_limit", OPEN_STATES, cite("DISP 3.5.13R")),
    Action("extend_time_limit", OPEN_STATES, cite("DISP 3.5.13R")),
    Action("note_respondent_missed_time_limit", OPEN_STATES, cite("DISP 3.5.14R")),
    Action("correct_clerical_mistake", AFTER_DETERMINATION, cite("DISP 3.6.6AR")),
    Action("link_connected_complaint", OPEN_STATES, cite("DISP 3.5.3R")),
    Action("authorise_disclosure", tuple(State), cite("DISP 3.8.2R", "DISP 3.9.1R")),
    # `complied` may follow a settlement instead: the guard refuses where there is no determination to publish.
    Action("approve_publication", AFTER_DETERMINATION, cite("DISP 3.6.7R")),
)
ACTION_BY_NAME = {action.name: action for action in ACTIONS}

# The one permission table (DISP 3.9.1R for staff; the roles of the parties).
_ONLY_AN_OMBUDSMAN = {"determine", "accept_late", "authorise_disclosure", "approve_publication"}
_FIRM = {"record_final_response", "make_representations", "disagree", "request_hearing", "record_compliance"}
_COMPLAINANT = {
    "make_representations",
    "disagree",
    "request_hearing",
    "accept",
    "reject",
    "notify_late_acceptance",
    "withdraw",
}


def _roles_for(name: str) -> frozenset[Role]:
    roles = {Role.ombudsman}
    if name not in _ONLY_AN_OMBUDSMAN:
        roles.add(Role.caseworker)
    if name in _FIRM:
        roles.add(Role.firm)
    if name in _COMPLAINANT:
        roles.add(Role.complainant)
    return frozenset(roles)


PERMISSIONS: dict[str, frozenset[Role]] = {name: _roles_for(name) for name in [*STEP_BY_TRIGGER, *ACTION_BY_NAME]}


def may(role: Role, name: str) -> bool:
    """Whether a role may fire this trigger or action at all (the 403 question)."""
    return role in PERMISSIONS.get(name, frozenset())


def party_of(role: Role) -> str | None:
    """The party a role speaks for: a firm user for the respondent, a complainant for the complainant."""
    return {Role.firm: "respondent", Role.complainant: "complainant"}.get(role)
