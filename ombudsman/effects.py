"""What each trigger and action writes once the workflow has said yes: rows added to the open transaction.

Nothing here commits or decides: the guard has already judged the attempt, and the service commits the change
and its audit event together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlmodel import Session, select

from ombudsman import audit, letters
from ombudsman.models import (
    Award,
    Case,
    ConnectedComplaint,
    HearingRequest,
    RegisterEntry,
    Representation,
    TimeLimit,
    TimeLimitExtension,
)
from ombudsman.rules.awards import AwardsIn, calculate_award
from ombudsman.rules.calendar import window_end
from ombudsman.rules.rulebook import Rulebook
from ombudsman.settings import Settings
from ombudsman.snapshots import facts_of, open_limits, parties_of
from workflows import steps as f
from workflows.machine import Decision
from workflows.table import FINAL_STATES, FIRED_BY, STAGE_LIMITS, State

BOTH = ["complainant", "respondent"]


@dataclass(kw_only=True)
class Unit:
    session: Session
    case: Case
    user: str
    role: str
    decision: Decision
    fields: f.Fields
    party: str | None
    today: date
    now: datetime
    rulebook: Rulebook
    settings: Settings
    details: dict[str, Any] | None = None
    confidential_from: str | None = None

    def add(self, row: Any) -> Any:
        self.session.add(row)
        return row

    def window(self, days_kind: str, binds: list[str]) -> date:
        """The last day of a default window; longer when it binds a complainant who needs more time."""
        days = self.rulebook.windows.days(days_kind)
        if "complainant" in binds and facts_of(self.session, self.case).needs_more_time:
            days += self.settings.vulnerable_extra_days
        return window_end(self.today, days)

    def limit(self, kind: str, due_on: date, binds: list[str]) -> TimeLimit:
        """Open a time limit; the trigger the sweep fires when it passes is the one declared as fired by it."""
        assert self.case.id is not None
        fires = FIRED_BY.get(kind)
        return cast(
            TimeLimit,
            self.add(
                TimeLimit(case_id=self.case.id, kind=kind, due_on=due_on, binds=binds, fires=fires, set_at=self.now)
            ),
        )

    def register_entry(self) -> RegisterEntry | None:
        return self.session.exec(select(RegisterEntry).where(RegisterEntry.case_id == self.case.id)).first()

    def set_register_status(self, status: str) -> None:
        entry = self.register_entry()
        if entry is not None:
            entry.status = status
            entry.status_changed_at = self.now
            self.add(entry)


Effect = Callable[[Unit], None]
EFFECTS: dict[str, Effect] = {}


def effect(*names: str) -> Callable[[Effect], Effect]:
    def register(function: Effect) -> Effect:
        for name in names:
            EFFECTS[name] = function
        return function

    return register


def apply(unit: Unit) -> None:
    """Write the decision's effects, move the state, and write its audit event."""
    decision = unit.decision
    if decision.name in EFFECTS:
        EFFECTS[decision.name](unit)
    if decision.to_state != decision.from_state:
        _move(unit, decision.from_state, decision.to_state)
    audit.record(
        unit.session,
        unit.case,
        user=unit.user,
        role=unit.role,
        kind=decision.kind,
        name=decision.name,
        from_state=decision.from_state,
        to_state=decision.to_state,
        reasons=unit.fields.reasons,
        finding=decision.finding.reason,
        citation=decision.finding.citation,
        at=unit.now,
        details=unit.details or {},
        confidential_from=unit.confidential_from,
    )
    letters.produce(
        unit.session,
        unit.case,
        letters.Occasion(
            step=decision.name,
            user=unit.user,
            role=unit.role,
            reasons=unit.fields.reasons,
            finding=decision.finding.reason,
            details=unit.details or {},
            today=unit.today,
            now=unit.now,
        ),
    )


def _move(unit: Unit, from_state: State, to_state: State) -> None:
    case = unit.case
    for limit in open_limits(unit.session, case):
        ends_with_stage = limit.kind == STAGE_LIMITS.get(from_state) and to_state is not State.dismissal_representations
        if to_state in FINAL_STATES or ends_with_stage:
            limit.status, limit.closed_at, limit.closed_by = "closed", unit.now, unit.decision.name
            unit.add(limit)
    case.state = to_state.value
    case.entered_state_at = unit.now


# --- triggers ----------------------------------------------------------------------------------------------


@effect("refer_to_respondent")
def _refer_to_respondent(unit: Unit) -> None:
    ends_on = unit.decision.finding.details["respondent_time_ends_on"]
    unit.limit("respondent_time", ends_on, ["respondent"])
    unit.details = {"respondent_time_ends_on": ends_on.isoformat()}


@effect("invite_jurisdiction_representations")
def _invite_jurisdiction_representations(unit: Unit) -> None:
    fields = cast(f.InviteJurisdictionRepresentations, unit.fields)
    invited = list(unit.decision.finding.details["invited"])
    due_on = fields.respond_by or unit.window("representations", invited)
    unit.limit("jurisdiction_representations", due_on, invited)
    unit.details = {"raised_by": fields.raised_by, "invited": invited, "respond_by": due_on.isoformat()}


@effect("accept_jurisdiction")
def _accept_jurisdiction(unit: Unit) -> None:
    fields = cast(f.AcceptJurisdiction, unit.fields)
    unit.case.jurisdiction_exception = fields.exception
    due_on = unit.window("representations", BOTH)
    unit.limit("representations", due_on, BOTH)  # entering investigation invites both parties
    unit.details = {"exception": fields.exception, "representations_by": due_on.isoformat()}


@effect("propose_dismissal")
def _propose_dismissal(unit: Unit) -> None:
    fields = cast(f.ProposeDismissal, unit.fields)
    unit.case.returns_to = unit.decision.from_state.value
    unit.case.dismissal_ground = fields.ground
    due_on = fields.respond_by or unit.window("representations", ["complainant"])
    unit.limit("dismissal_representations", due_on, ["complainant"])
    unit.details = {"ground": fields.ground, "respond_by": due_on.isoformat()}


@effect("withdraw_dismissal_proposal")
def _withdraw_dismissal_proposal(unit: Unit) -> None:
    unit.details = {"ground": unit.case.dismissal_ground}
    unit.case.returns_to = None
    unit.case.dismissal_ground = None


@effect("dismiss")
def _dismiss(unit: Unit) -> None:
    unit.details = {"ground": unit.case.dismissal_ground}


@effect("dismiss_as_test_case")
def _dismiss_as_test_case(unit: Unit) -> None:
    fields = cast(f.DismissAsTestCase, unit.fields)
    unit.details = {"point_of_law": fields.point_of_law, "costs_undertaking": fields.costs_undertaking}


@effect("refer_elsewhere")
def _refer_elsewhere(unit: Unit) -> None:
    unit.details = {"scheme": cast(f.ReferElsewhere, unit.fields).scheme}


def _award(unit: Unit, stage: str, outcome: str, awards: AwardsIn | None) -> Award | None:
    if awards is None:
        return None
    facts = facts_of(unit.session, unit.case)
    calculation = calculate_award(
        awards,
        referred_on=facts.referred_on,
        act_on=facts.event_date,
        as_of=unit.today,
        rulebook=unit.rulebook,
    )
    assert unit.case.id is not None
    return cast(
        Award,
        unit.add(
            Award(
                case_id=unit.case.id,
                stage=stage,
                outcome=outcome,
                money_award=calculation.money_award,
                recommended_balance=calculation.recommended_balance,
                calculation=calculation.as_dict(),
                made_at=unit.now,
            )
        ),
    )


@effect("issue_provisional_assessment")
def _issue_provisional_assessment(unit: Unit) -> None:
    fields = cast(f.IssueProvisionalAssessment, unit.fields)
    unit.case.outcome = fields.outcome.value
    _award(unit, "provisional_assessment", fields.outcome.value, fields.awards)
    due_on = fields.respond_by or unit.window("assessment_response", BOTH)
    unit.limit("assessment_response", due_on, BOTH)
    unit.details = {"outcome": fields.outcome.value, "respond_by": due_on.isoformat()}


@effect("disagree")
def _disagree(unit: Unit) -> None:
    unit.details = {"party": unit.party}


def _decide_hearing_requests(unit: Unit, decision: str, private: bool | None) -> None:
    pending = unit.session.exec(
        select(HearingRequest).where(HearingRequest.case_id == unit.case.id, HearingRequest.decision == "pending")
    ).all()
    for request in pending:
        request.decision, request.private = decision, private
        request.decision_reasons, request.decided_at = unit.fields.reasons, unit.now
        unit.add(request)


@effect("grant_hearing")
def _grant_hearing(unit: Unit) -> None:
    private = cast(f.GrantHearing, unit.fields).private
    _decide_hearing_requests(unit, "granted", private)
    unit.details = {"private": private}


@effect("refuse_hearing")
def _refuse_hearing(unit: Unit) -> None:
    _decide_hearing_requests(unit, "refused", None)


@effect("determine")
def _determine(unit: Unit) -> None:
    fields = cast(f.Determine, unit.fields)
    unit.case.outcome = fields.outcome.value
    # The complainant answers before the date specified, so the last day to answer is the day before it.
    last_day = (
        fields.accept_before - timedelta(days=1) if fields.accept_before else unit.window("acceptance", ["complainant"])
    )
    accept_before = last_day + timedelta(days=1)
    unit.limit("acceptance", last_day, ["complainant"])
    award = _award(unit, "determination", fields.outcome.value, fields.awards)
    if award is not None and award.money_award > 0:
        assert unit.case.id is not None and award.id is None
        unit.session.flush()
        assert award.id is not None
        respondent = parties_of(unit.session, unit.case)["respondent"]
        unit.add(
            RegisterEntry(
                case_id=unit.case.id,
                award_id=award.id,
                reference=unit.case.reference,
                respondent_frn=unit.case.respondent_frn,
                respondent_name=respondent.name,
                money_award=award.money_award,
                status="awaiting_answer",
                determined_on=unit.today,
                status_changed_at=unit.now,
            )
        )
    unit.details = {
        "outcome": fields.outcome.value,
        "accept_before": accept_before.isoformat(),
        "last_day_to_accept": last_day.isoformat(),
    }


@effect("accept", "accept_late")
def _accept(unit: Unit) -> None:
    unit.set_register_status("binding")


@effect("reject")
def _reject(unit: Unit) -> None:
    unit.case.expressly_rejected = True
    unit.set_register_status("not_binding")


@effect("lapse")
def _lapse(unit: Unit) -> None:
    unit.set_register_status("not_binding")
    unit.details = {"treated_as_rejected": True}


@effect("settle")
def _settle(unit: Unit) -> None:
    unit.details = {"terms": cast(f.Settle, unit.fields).terms}


@effect("record_compliance")
def _record_compliance(unit: Unit) -> None:
    unit.set_register_status("complied")
    unit.details = {"evidence": cast(f.RecordCompliance, unit.fields).evidence}


# --- actions -----------------------------------------------------------------------------------------------


@effect("record_final_response")
def _record_final_response(unit: Unit) -> None:
    fields = cast(f.RecordFinalResponse, unit.fields)
    unit.case.facts = {
        **unit.case.facts,
        "final_response_sent_on": fields.sent_on.isoformat(),
        "final_response_mentioned_time_limit": fields.mentioned_time_limit,
    }
    unit.details = {
        "sent_on": fields.sent_on.isoformat(),
        "mentioned_time_limit": fields.mentioned_time_limit,
    }


@effect("make_representations")
def _make_representations(unit: Unit) -> None:
    fields = cast(f.MakeRepresentations, unit.fields)
    assert unit.case.id is not None and unit.party is not None
    unit.add(
        Representation(
            case_id=unit.case.id,
            party=unit.party,
            text=fields.text,
            confidential=fields.confidential,
            state=unit.case.state,
            made_by=unit.user,
            made_at=unit.now,
        )
    )
    unit.details = {"party": unit.party, "confidential": fields.confidential}
    if fields.confidential:
        unit.confidential_from = unit.party


@effect("notify_late_acceptance")
def _notify_late_acceptance(unit: Unit) -> None:
    unit.case.late_acceptance_notified_at = unit.now


@effect("request_hearing")
def _request_hearing(unit: Unit) -> None:
    fields = cast(f.RequestHearing, unit.fields)
    assert unit.case.id is not None and unit.party is not None
    unit.add(
        HearingRequest(
            case_id=unit.case.id,
            party=unit.party,
            issues=fields.issues,
            private_reasons=fields.private_reasons,
            requested_at=unit.now,
        )
    )
    unit.details = {"party": unit.party, "private_asked": fields.private_reasons is not None}


@effect("set_time_limit")
def _set_time_limit(unit: Unit) -> None:
    fields = cast(f.SetTimeLimit, unit.fields)
    unit.limit(fields.deadline, fields.until, [party.value for party in fields.binds])
    unit.details = {"deadline": fields.deadline, "until": fields.until.isoformat()}


@effect("extend_time_limit")
def _extend_time_limit(unit: Unit) -> None:
    fields = cast(f.ExtendTimeLimit, unit.fields)
    limit = next(row for row in open_limits(unit.session, unit.case) if row.kind == fields.deadline)
    assert limit.id is not None
    unit.add(
        TimeLimitExtension(
            time_limit_id=limit.id,
            from_due_on=limit.due_on,
            to_due_on=fields.until,
            reasons=fields.reasons or "",
            by_user=unit.user,
            at=unit.now,
        )
    )
    unit.details = {
        "deadline": fields.deadline,
        "from": limit.due_on.isoformat(),
        "until": fields.until.isoformat(),
    }
    limit.due_on = fields.until
    unit.add(limit)


@effect("note_respondent_missed_time_limit")
def _note_respondent_missed_time_limit(unit: Unit) -> None:
    unit.case.respondent_missed_time_limit = True


@effect("link_connected_complaint")
def _link_connected_complaint(unit: Unit) -> None:
    reference = cast(f.LinkConnectedComplaint, unit.fields).connected_reference
    other = unit.session.exec(select(Case).where(Case.reference == reference)).one()
    assert unit.case.id is not None and other.id is not None
    for case_id, connected_id in ((unit.case.id, other.id), (other.id, unit.case.id)):
        if unit.session.get(ConnectedComplaint, (case_id, connected_id)) is None:
            unit.add(ConnectedComplaint(case_id=case_id, connected_case_id=connected_id))
    unit.details = {"connected_reference": reference}


@effect("authorise_disclosure")
def _authorise_disclosure(unit: Unit) -> None:
    unit.details = {"regulator": cast(f.AuthoriseDisclosure, unit.fields).regulator}


@effect("approve_publication")
def _approve_publication(unit: Unit) -> None:
    # The reasons go in the event as every step's do; the phrases to strike out go in its details, where the
    # published report reads the latest approval's. They may quote the complainant's particulars, so the event
    # is kept from the firm as something given for the complainant (a firm never sees their contact details).
    unit.details = {"redact": list(cast(f.ApprovePublication, unit.fields).redact)}
    unit.confidential_from = "complainant"
