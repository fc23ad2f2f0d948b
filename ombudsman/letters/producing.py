"""Producing the letters a step sends: to whom, in which forms, and the outbox columns each is stored with.

A step (``open_case``, a trigger, or an action such as ``refuse_hearing``) names the letters it sends and to whom
(``SENDS``). ``produce`` builds each letter's context (``ombudsman.letters.contexts``), renders it in three forms
(HTML, plain text, and large print for a complainant who needs it) and stores all three with the case, in the
same transaction as the step. A stored letter is served as it was stored: it is never re-rendered.
"""

from __future__ import annotations

import ombudsman.letters
from ombudsman.letters.contexts import COMPLAINANT, RESPONDENT, Occasion, context_for, needs_large_print
from ombudsman.letters.rendering import LetterFormat
from ombudsman.models import Letter, new_row
from ombudsman.repository import CaseRecord
from workflows.step import BINDS, OTHER_PARTY, PARTY, Recipients
from workflows.step import INVITED as INVITED_PARTIES
from workflows.steps.investigation_records import ConfidentialityRuled, Disagreed, TimeLimitMoved, TimeLimitSet
from workflows.steps.jurisdiction import JurisdictionRepresentationsInvited
from workflows.table import OPENING
from workflows.table import SENDS as STEP_SENDS
from workflows.vocabulary import Channel, DeliveryStatus, LetterKind, Party, RegisterStatus

BOTH = (COMPLAINANT, RESPONDENT)

# Which letters each step sends, and to whom: as each step declares it, and the acknowledgement of a new case.
SENDS: dict[str, tuple[tuple[LetterKind, Recipients], ...]] = {OPENING.name: OPENING.sends, **STEP_SENDS}


def addressees(occasion: Occasion, parties: Recipients) -> list[str]:
    """The parties a letter goes to: those named, or those the step's record names (``workflows.step``)."""
    if len(parties) != 1 or parties[0] not in (INVITED_PARTIES, PARTY, OTHER_PARTY, BINDS):
        return [str(party) for party in parties]
    named: tuple[str | None, ...]
    if parties[0] == INVITED_PARTIES:
        named = occasion.said(JurisdictionRepresentationsInvited).invited
    elif parties[0] == BINDS:
        named = (occasion.said_if(TimeLimitMoved) or occasion.said(TimeLimitSet)).binds
    else:
        about = occasion.said_if(ConfidentialityRuled) or occasion.said(Disagreed)
        named = (about.party,) if parties[0] == PARTY else tuple(party for party in BOTH if party != about.party)
    return [party for party in BOTH if party in named]


def produce(record: CaseRecord, occasion: Occasion) -> list[Letter]:
    """Make and store the letters ``occasion.step`` sends (none for most actions)."""
    case = record.case
    assert case.id is not None
    made: list[Letter] = []
    complainant = record.complainant.details
    # Rendered through the package's name, so that a test can watch every letter rendered.
    render = ombudsman.letters.render
    for kind, parties in SENDS.get(occasion.step, ()):
        if kind is LetterKind.award_certificate and not _binding_money_award(record):
            continue
        for addressed_to in addressees(occasion, parties):
            context = context_for(record, occasion, kind, addressed_to=addressed_to)
            large = addressed_to == COMPLAINANT and needs_large_print(complainant)
            address = record.parties[addressed_to].details.get("contact_email") or None
            letter = new_row(
                Letter,
                case_id=case.id,
                kind=kind,
                addressed_to=Party(addressed_to),
                step=occasion.step,
                version=case.version,
                made_at=occasion.now,
                html=render(kind, context, LetterFormat.html),
                text=render(kind, context, LetterFormat.text),
                large_print=render(kind, context, LetterFormat.large_print) if large else None,
                # The outbox: by email where the reader gave an address, else by post from the print queue.
                channel=Channel.email if address else Channel.post,
                address=address,
                delivery=DeliveryStatus.queued if address else DeliveryStatus.print_queue,
                delivery_at=occasion.now,
                next_attempt_at=occasion.now if address else None,
            )
            record.add(letter)
            made.append(letter)
    return made


def _binding_money_award(record: CaseRecord) -> bool:
    entry = record.register_entry
    return entry is not None and entry.status == RegisterStatus.binding and entry.money_award > 0
