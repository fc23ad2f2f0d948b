"""What each audience may see of a case, its audit trail, the register and a published determination.

One place decides what leaves the building. Staff see everything. A party (the firm or the complainant) sees
its own cases only, and never what the other party gave in confidence (DISP 3.5.9R(2)); a firm never sees the
complainant's contact details or personal circumstances, wherever they are carried: in the case's parties and
in the audit trail's details alike (``party_details_for`` is the one rule for both). The published report of a
determination carries neither the complainant's name nor their identifying particulars (DISP 3.6.7R).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from ombudsman.access import FIRM_SEES_OF_COMPLAINANT, Actor, allowed_for
from ombudsman.assessments import jurisdiction_of
from ombudsman.citations import cite
from ombudsman.models import AuditEvent, Award, Party, RegisterEntry, Representation
from ombudsman.money import pence
from ombudsman.redaction import redact_value, redactor
from ombudsman.repository import CaseRecord
from ombudsman.rules.awards import respondents_balance
from ombudsman.rules.rulebook import Rulebook
from workflows.events import read_record
from workflows.steps.determination import Determined
from workflows.steps.referral import FactsAmended
from workflows.table import AMENDING, STAFF, Role, State, party_of
from workflows.vocabulary import Confidentiality
from workflows.vocabulary import Party as PartyRole

PARTY_ROLES = frozenset(role.value for role in PartyRole)


def money_text(amount: Decimal) -> str:
    return str(pence(amount))


def audience_party(actor: Actor) -> str | None:
    """The party an actor speaks for (``respondent`` for a firm), or None for staff."""
    return party_of(actor.role) if actor.role is not None else None


def party_details_for(actor: Actor, party: str, details: Mapping[str, Any]) -> dict[str, Any]:
    """What ``actor`` may see of ``party``'s details (its facts, as the case holds them or as an event recorded
    them): the one rule every read of a party's facts goes through. A firm sees of the complainant only what
    ``FIRM_SEES_OF_COMPLAINANT`` allows; staff, and the complainant, see every fact of both parties."""
    if actor.role is Role.firm and party == PartyRole.complainant:
        return {key: value for key, value in details.items() if key in FIRM_SEES_OF_COMPLAINANT}
    return dict(details)


def hidden_from(actor: Actor, confidential_from: str | None) -> bool:
    """Whether something given in confidence by ``confidential_from`` is kept from this actor (DISP 3.5.9R(2))."""
    own = audience_party(actor)
    return own is not None and confidential_from is not None and confidential_from != own


# --- the case -----------------------------------------------------------------------------------------------


class DeadlineView(BaseModel):
    kind: str
    due_on: date = Field(description="the last day a response counts; the deadline sweep acts on the day after")
    binds: list[str]
    fires: str | None = Field(description="the trigger the deadline sweep fires when it passes, if any")
    set_at: datetime


class AwardCalculationView(BaseModel):
    """What the engine made of award lines (DISP 3.7): the capped money award, the balance, interest and costs."""

    lines: list[dict[str, Any]]
    money_award: str
    recommended_balance: str
    limit: str
    limit_citation: str
    limit_note: str | None = None
    interest: dict[str, Any] | None = None
    costs: dict[str, Any] | None = None
    directions: list[dict[str, Any]] = Field(default_factory=list)
    respondent_missed_time_limit: bool = False
    contributions: list[dict[str, str | None]] | None = Field(
        default=None,
        description="DISP 3.6.3G, 3.5.3R: each connected case's reference, share, part (claimed), what its respondent "
        "pays (amount, capped on its own), the balance recommended above it, and interest on its own part",
    )
    reasons: list[str] = Field(default_factory=list)


class AwardView(AwardCalculationView):
    """What the engine made of the awards in a provisional assessment or a determination (DISP 3.7)."""

    stage: str = Field(description="provisional_assessment or determination")
    outcome: str
    made_at: datetime


class RepresentationView(BaseModel):
    party: str
    text: str = Field(description="what the reader may see: to the other party, the summary staff accepted it on")
    confidential: bool = Field(description="the party asked for it to be treated in confidence")
    confidentiality: str | None = Field(
        description="asked (staff have not decided), accepted (in confidence) or returned (declined: not relied on)"
    )
    summary: str | None = Field(description="what the other party is shown of it, once accepted in confidence")
    state: str
    made_by: str
    made_at: datetime


def representation_view(row: Representation, actor: Actor) -> RepresentationView | None:
    """Representations as the reader may see them (DISP 3.5.9R(2)), or None when they may see nothing of them.

    The party who made them sees them whole. The other party sees them if no confidence was asked, only the
    summary once staff accepted them in confidence, and nothing while staff decide or once they were returned.
    Staff see them whole, except what was returned: that is not shown or relied on.
    """
    view = RepresentationView(
        party=row.party,
        text=row.text,
        confidential=row.confidentiality is not None,
        confidentiality=row.confidentiality,
        summary=row.summary,
        state=row.state,
        made_by=row.made_by,
        made_at=row.made_at,
    )
    own = audience_party(actor)
    if row.confidentiality is None or own == row.party:
        return view
    if row.confidentiality == Confidentiality.returned:
        return view.model_copy(update={"text": RETURNED}) if own is None else None
    if own is None:
        return view
    return view.model_copy(update={"text": row.summary}) if row.confidentiality == Confidentiality.accepted else None


RETURNED = "(returned to the party who sent it: not treated in confidence, and not relied on)"


class HearingRequestView(BaseModel):
    party: str
    issues: str
    private_reasons: str | None
    requested_at: datetime
    decision: str
    private: bool | None
    decision_reasons: str | None
    decided_at: datetime | None


class PartiesView(BaseModel):
    complainant: dict[str, Any]
    respondent: dict[str, Any]


class LetterSummary(BaseModel):
    """A letter sent on the case; read it at ``/v1/cases/{reference}/letters/{kind}``."""

    kind: str
    addressed_to: str = Field(description="complainant or respondent")
    made_at: datetime
    version: int = Field(description="the case's version when the letter was sent")
    large_print: bool = Field(default=False, description="whether a large-print form was made")
    delivery: DeliveryView


class DeliveryView(BaseModel):
    """How the letter is reaching its reader."""

    channel: str = Field(description="email or post")
    status: str = Field(description="queued, sending, sent, failed, print_queue or printed")
    at: datetime | None = Field(description="when the status last changed")
    error: str | None = Field(description="why it could not be sent, or null")


class CaseView(BaseModel):
    """A case as the caller may see it. ``version`` is also sent as the ``ETag``."""

    reference: str
    state: State
    version: int
    workflow_version: int
    rulebook: str
    respondent_frn: str
    outcome: str | None
    opened_at: datetime
    updated_at: datetime
    entered_state_at: datetime
    returns_to: str | None
    dismissal_ground: str | None
    jurisdiction_exception: str | None
    jurisdiction_exception_events: list[str] | None
    respondent_missed_time_limit: bool
    facts: dict[str, Any] = Field(description="the case facts apart from the parties")
    parties: PartiesView
    deadlines: list[DeadlineView] = Field(description="the open time limits, soonest first")
    jurisdiction: dict[str, Any] = Field(description="the DISP 2 tests as of today: in_jurisdiction and tests")
    awards: list[AwardView]
    representations: list[RepresentationView]
    hearing_requests: list[HearingRequestView]
    connected_references: list[str]
    letters: list[LetterSummary] = Field(description="the letters sent that the caller may read, oldest first")
    allowed: list[str] = Field(description="the triggers and actions the caller may try now")


def award_view(award: Award) -> AwardView:
    return AwardView.model_validate(
        {**award.calculation, "stage": award.stage, "outcome": award.outcome, "made_at": award.made_at}
    )


def _parties(actor: Actor, parties: dict[str, Party]) -> PartiesView:
    return PartiesView(
        complainant=party_details_for(actor, PartyRole.complainant, parties[PartyRole.complainant].details),
        respondent=party_details_for(actor, PartyRole.respondent, parties[PartyRole.respondent].details),
    )


def case_view(record: CaseRecord, actor: Actor, rulebook: Rulebook, *, today: date) -> CaseView:
    """The case as ``actor`` may see it (the caller has already checked that they may see it at all)."""
    own = audience_party(actor)
    case = record.case
    return CaseView(
        **case.model_dump(include=_CASE_COLUMNS),
        facts=dict(case.facts),
        parties=_parties(actor, record.parties),
        deadlines=[DeadlineView.model_validate(limit, from_attributes=True) for limit in record.open_limits],
        jurisdiction=jurisdiction_of(record, rulebook, today=today),
        awards=[award_view(award) for award in record.awards],
        representations=[
            view for view in (representation_view(row, actor) for row in record.representations) if view is not None
        ],
        hearing_requests=[
            HearingRequestView.model_validate(row, from_attributes=True).model_copy(
                update={} if own is None or own == row.party else {"private_reasons": None}
            )
            for row in record.hearing_requests
        ],
        connected_references=list(record.connected),
        letters=[
            LetterSummary(
                kind=letter.kind,
                addressed_to=letter.addressed_to,
                made_at=letter.made_at,
                version=letter.version,
                large_print=bool(letter.large_print),
                delivery=DeliveryView(
                    channel=letter.channel,
                    status=letter.delivery,
                    at=letter.delivery_at,
                    error=letter.delivery_error,
                ),
            )
            for letter in record.letters_to(own)
        ],
        allowed=allowed_for(actor, case),
    )


# The columns of a case that its view shows as they are (the facts, the parties and the rows are shaped above).
_CASE_COLUMNS = set(CaseView.model_fields) - {
    "facts",
    "parties",
    "deadlines",
    "jurisdiction",
    "awards",
    "representations",
    "hearing_requests",
    "connected_references",
    "letters",
    "allowed",
}


# --- the audit trail ------------------------------------------------------------------------------------------


class EventView(BaseModel):
    """One audit event. Exactly one of ``trigger`` and ``action`` is set."""

    trigger: str | None = None
    action: str | None = None
    version: int
    from_state: str
    to_state: str
    user: str
    role: str
    at: datetime
    reasons: str | None
    finding: str
    citation: str
    details: dict[str, Any]
    confidential_from: str | None = Field(default=None, description="shown to staff only")

    def public(self) -> dict[str, Any]:
        """JSON as sent: the one of ``trigger`` and ``action`` that applies, and ``confidential_from`` for staff."""
        data = self.model_dump(mode="json")
        for key in ("trigger", "action", "confidential_from"):
            if data[key] is None:
                del data[key]
        return data


def event_view(event: AuditEvent, actor: Actor) -> EventView:
    name: dict[str, str] = {"trigger": event.name} if event.kind == "trigger" else {"action": event.name}
    return EventView(
        **name,
        version=event.version,
        from_state=event.from_state,
        to_state=event.to_state,
        user=event.user,
        role=event.role,
        at=event.at,
        reasons=event.reasons,
        finding=event.finding,
        citation=event.citation,
        details=event_details_for(actor, event.details),
        confidential_from=event.confidential_from if actor.role in STAFF else None,
    )


def event_details_for(actor: Actor, details: Mapping[str, Any]) -> dict[str, Any]:
    """An audit event's details as ``actor`` may see them: every party fact in them passes ``party_details_for``,
    at whatever depth, whether recorded under the party's name (``{"complainant": {"contact_email": ...}}``, as
    facts are recorded) or by its dotted name (``{"complainant.contact_email": {"old": ..., "new": ...}}``, as
    ``amend_facts`` records a correction). Everything else is shown as it was recorded."""
    shown: dict[str, Any] = {}
    for key, item in details.items():
        party, dot, fact = str(key).partition(".")
        if party in PARTY_ROLES and dot:
            if fact not in party_details_for(actor, party, {fact: item}):
                continue
        elif party in PARTY_ROLES and isinstance(item, Mapping):
            item = party_details_for(actor, party, item)
        shown[key] = _details_value_for(actor, item)
    return shown


def _details_value_for(actor: Actor, value: Any) -> Any:
    if isinstance(value, Mapping):
        return event_details_for(actor, value)
    if isinstance(value, list | tuple):
        return [_details_value_for(actor, item) for item in value]
    return value


def visible_events(events: list[AuditEvent], actor: Actor) -> list[EventView]:
    return [event_view(event, actor) for event in events if not hidden_from(actor, event.confidential_from)]


# --- the register of money awards (DISP 3.7) -------------------------------------------------------------


class RegisterEntryView(BaseModel):
    reference: str
    respondent_frn: str
    respondent_name: str
    money_award: str = Field(description="what this case's respondent pays: its own part, capped on its own")
    recommended_balance: str = Field(description="DISP 3.7.6G: above the limit, recommended to it (not binding)")
    status: str = Field(description="awaiting_answer, binding, not_binding, closed_on_assessment or complied")
    determined_on: date
    status_changed_at: datetime


def register_entry_view(entry: RegisterEntry, award: Award) -> RegisterEntryView:
    return RegisterEntryView(
        reference=entry.reference,
        respondent_frn=entry.respondent_frn,
        respondent_name=entry.respondent_name,
        money_award=money_text(entry.money_award),
        recommended_balance=money_text(respondents_balance(award.calculation, entry.reference)),
        status=entry.status,
        determined_on=entry.determined_on,
        status_changed_at=entry.status_changed_at,
    )


# --- the published report of a determination (DISP 3.6.7R) ---------------------------------------------------


class DeterminationReport(BaseModel):
    """A determination as published, once an ombudsman has approved it (``approve_publication``): no complainant
    name or identifying particulars (DISP 3.6.7R)."""

    reference: str
    respondent_name: str
    respondent_frn: str
    state: State
    outcome: str | None
    referred_on: date
    determined_on: date
    accept_before: date | None
    reasons: str | None
    awards: AwardView | None
    complainant: str = "the complainant"
    citation: str


def former_complainant_details(corrections: Iterable[AuditEvent]) -> list[dict[str, Any]]:
    """The complainant's details as each correction found them: ``amend_facts`` keeps every fact it changed with
    its old value (``{"changes": {"complainant.contact_phone": {"old": ..., "new": ...}}}``)."""
    former: list[dict[str, Any]] = []
    for event in corrections:
        amended = read_record(AMENDING.name, event.details)
        changes = amended.changes if isinstance(amended, FactsAmended) else {}
        old = {
            str(key).partition(".")[2]: change.get("old")
            for key, change in changes.items()
            if str(key).startswith(f"{PartyRole.complainant}.") and isinstance(change, Mapping)
        }
        if old:
            former.append(old)
    return former


def determination_report(
    record: CaseRecord, redact_also: Sequence[str] = (), *, former: Sequence[Mapping[str, Any]] = ()
) -> DeterminationReport:
    """The report as published: every text in it (the reasons, the award's lines, directions and reasons) with
    the complainant's name, contact details and address, the same particulars as they were before any correction
    (``former``, from ``former_complainant_details``), and the phrases the approving ombudsman named
    (``redact_also``), struck out by ``ombudsman.redaction``. The caller has checked it may be published."""
    case, parties = record.case, record.parties
    patterns = [redactor(parties["complainant"].details, redact_also), *(redactor(details) for details in former)]

    def struck_out(value: Any) -> Any:
        for pattern in patterns:
            value = redact_value(value, pattern)
        return value

    event, award = record.determination, record.determination_award
    determined = read_record(event.name, event.details) if event is not None else None
    accept_before = determined.accept_before if isinstance(determined, Determined) else None
    award_shape = None
    if award is not None:
        award_shape = AwardView.model_validate(struck_out(award_view(award).model_dump(mode="json")))
    return DeterminationReport(
        reference=case.reference,
        respondent_name=parties["respondent"].name,
        respondent_frn=case.respondent_frn,
        state=State(case.state),
        outcome=case.outcome,
        referred_on=date.fromisoformat(case.facts["referred_on"]),
        determined_on=(event.at.date() if event is not None else case.entered_state_at.date()),
        accept_before=accept_before,
        reasons=struck_out(event.reasons) if event is not None and event.reasons is not None else None,
        awards=award_shape,
        citation=cite("DISP 3.6.7R"),
    )
