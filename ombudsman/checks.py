"""What a step's caller and fields must pass before the workflow is asked: who may try it (403), its fields valid
in themselves and each date by its rule (422), no longer and no more often than its settings allow, and in
agreement with the case they are given for. Each raises the problem that refuses the step, having written
nothing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlmodel import col, select

from ombudsman.access import Actor, allowed_for
from ombudsman.citations import cite
from ombudsman.errors import Forbidden, InvalidInput, Refused
from ombudsman.models import Case, Party
from ombudsman.repository import CaseRecord
from ombudsman.rules.awards import (
    AwardsIn,
    acts_redressed,
    contributions_may_name,
    money_lines_may_name,
    one_limit_applies,
)
from ombudsman.rules.disp_3_5_investigation import may_be_investigated_together
from ombudsman.rules.facts import CaseFacts, amended
from ombudsman.rules.values import AS_STORED
from ombudsman.settings import Settings
from workflows.attempt import Attempt
from workflows.fields import Fields
from workflows.table import FIELDS, STEP_BY_NAME, Role, may, party_of
from workflows.vocabulary import Party as PartyRole


def may_try(actor: Actor, name: str) -> None:
    """Refuse a step that is not one of the workflow's, or that the actor's role may not take."""
    if name not in FIELDS:
        raise InvalidInput.field("trigger", f"{name!r} is not a trigger or action of the DISP workflow")
    if actor.role is not None and not may(actor.role, name):
        raise Forbidden(
            f"A {actor.role.value} cannot {name}.",
            citation=cite("DISP 3.9.1R") if actor.role is Role.caseworker else None,
        )


def step_fields(name: str, raw: Mapping[str, Any], today: date) -> Fields:
    """The step's fields, valid in themselves and each date as its rule judges it today (422 otherwise)."""
    data = {key: value for key, value in raw.items() if key not in ("trigger", "action")}
    try:
        fields = FIELDS[name].model_validate(data)
    except ValidationError as error:
        raise InvalidInput.from_validation(error) from None
    for field_name, finding in fields.refused_on(today):
        raise InvalidInput.field(field_name, finding.reason)
    return fields


def within_size(settings: Settings, name: str, fields: Fields) -> None:
    """A step's free text no longer than its setting allows (``workflows.step.Allowance``): 422 naming it."""
    allowance = STEP_BY_NAME[name].allowance
    if allowance is None:
        return
    most = settings.allowance(allowance.kind).characters
    for text_field in allowance.texts:
        text = getattr(fields, text_field)
        if isinstance(text, str) and len(text) > most:
            raise InvalidInput.field(
                text_field,
                f"is {len(text):,} characters long, and at most {most:,} are taken: shorten it",
            )


def within_count(settings: Settings, name: str, attempt: Attempt, *, actor: Actor, case: Case) -> None:
    """No more of a step's free text than its setting allows one party on one case: 409, saying how many."""
    allowance = STEP_BY_NAME[name].allowance
    if allowance is None or attempt.party is None:
        return
    most = settings.allowance(allowance.kind).per_party
    made = allowance.made(attempt)
    if made >= most:
        raise Refused(
            f"The {attempt.party} has made {made} {allowance.kind} on this case, as many as one party may "
            "make: write to the caseworker about anything more.",
            state=case.state,
            allowed=allowed_for(actor, case),
        )


def acting_party(actor: Actor, fields: Fields) -> PartyRole | None:
    own = party_of(actor.role) if actor.role else None
    if own is not None:
        if fields.on_behalf_of is not None and fields.on_behalf_of != own:
            raise InvalidInput.field("on_behalf_of", f"a {actor.role_name} user acts for the {own} only")
        return own
    return fields.on_behalf_of


def agrees_with_the_case(fields: Fields, record: CaseRecord) -> None:
    """What a step's fields must agree with beyond themselves: corrected facts and a final response's date
    with the case's other facts (the same checks a new case's facts pass), and a connected complaint's
    reference with another case that exists."""
    corrections = getattr(fields, "facts", None)
    if isinstance(corrections, dict):
        try:
            amended(record.facts, corrections)
        except ValidationError as error:
            raise InvalidInput.from_validation(error, prefix="facts") from None
    for name in ("exception_events", "events"):
        named = getattr(fields, name, None) or []
        unknown = [event_id for event_id in named if event_id not in {event.id for event in record.facts.events}]
        if unknown:
            raise InvalidInput.field(name, f"the complaint has no event {', '.join(unknown)}")
    sent_on = getattr(fields, "sent_on", None)
    if sent_on is not None:
        facts = record.facts.model_dump()
        facts.update(final_response_sent_on=sent_on)
        try:
            CaseFacts.model_validate(facts, context=AS_STORED)  # the date against the others, as stored
        except ValidationError as error:
            raise InvalidInput.field("sent_on", error.errors()[0]["msg"].removeprefix("Value error, ")) from None
    awards = getattr(fields, "awards", None)
    if isinstance(awards, AwardsIn) and awards.contributions is not None:
        shared = contributions_may_name(
            [part.reference for part in awards.contributions],
            this_case=record.case.reference,
            connected=record.connected,
        )
        if shared.failed:
            raise InvalidInput.field("awards.contributions", shared.reason)
    connected = getattr(fields, "connected_reference", None)
    if connected is not None:
        assert record.session is not None
        other = record.session.exec(
            select(Case.id, Party.name)
            .join(Party, col(Party.case_id) == col(Case.id))
            .where(Case.reference == connected, Party.role == PartyRole.complainant)
        ).first()
        if other is None or other[0] == record.id:
            raise InvalidInput.field("connected_reference", f"there is no other case {connected}")
        together = may_be_investigated_together(record.complainant.name, other[1], other_reference=connected)
        if together.failed:
            raise InvalidInput.field("connected_reference", f"{together.reason} ({together.citation})")


def awards_agree_with_the_events(attempt: Attempt) -> None:
    """On a complaint about several events, the awards a step gives against the case's live assessment: each
    money line names only events in our jurisdiction, every line names them where any event is out (422 naming
    ``awards.money.N.events``), and the events they redress have one money-award limit (422 naming ``awards``).
    A one-event complaint's lines name no events."""
    awards = getattr(attempt.fields, "awards", None)
    if not isinstance(awards, AwardsIn):
        return
    facts = attempt.case.facts
    live = attempt.live_assessment if facts.events else None
    named = money_lines_may_name(
        awards.money,
        events_in=live.events_in_jurisdiction if live else [],
        events_out=live.events_out_of_jurisdiction if live else [],
        known=[event.id for event in facts.events],
    )
    if named.failed:
        raise InvalidInput.field(f"awards.money.{named.details['line']}.events", f"{named.reason} ({named.citation})")
    event_dates = attempt.events_in_jurisdiction()
    if event_dates is not None and awards.money:
        one = one_limit_applies(
            attempt.rulebook, facts.referred_on, act_dates=acts_redressed(awards.money, event_dates)
        )
        if one.failed:
            raise InvalidInput.field("awards", f"{one.reason} ({one.citation})")
