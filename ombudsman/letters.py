"""The letters the Ombudsman sends: made from the case when the step that needs them fires, and kept as sent.

A step (``open_case``, a trigger, or the action ``refuse_hearing``) names the letters it sends and to whom
(``SENDS``). ``produce`` builds each letter's context from the case first, with every date and sum already
written as a reader sees it and the date of the letter passed in, then renders it in three forms (HTML, plain
text, and large print for a complainant who needs it) and stores all three with the case, in the same transaction
as the step. A stored letter is served as it was stored: the record of what was said is never re-rendered.

Templates (``templates/letters/<kind>.html.j2`` and ``.txt.j2``) see only that context: autoescaping is on for
HTML, ``StrictUndefined`` makes a missing value an error rather than a blank in a sent letter, and no template
can reach the database or the clock. Citations go into footnotes through ``note()``, which checks each one
against the table in ``ombudsman.citations``.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlmodel import Session, col, select

from ombudsman.citations import Citation, cite, dismissal_ground, ground_text, meaning
from ombudsman.models import Award, Case, HearingRequest, Letter, Representation, new_row
from ombudsman.money import pounds_text
from ombudsman.repository import CaseRecord
from ombudsman.rules.awards import asks_respondent_to_act
from ombudsman.rules.facts import Adjustment
from ombudsman.rules.time_limits import long_date
from ombudsman.rules.values import unturned
from workflows.step import BINDS, OTHER_PARTY, PARTY, Recipients
from workflows.step import INVITED as INVITED_PARTIES
from workflows.table import OPENING
from workflows.table import SENDS as STEP_SENDS
from workflows.vocabulary import (
    AwardStage,
    Channel,
    Confidentiality,
    DeliveryStatus,
    HearingDecision,
    LetterKind,
    Party,
    RegisterStatus,
    State,
)

# The repository's templates folder (the package is installed editable, so this holds when installed too).
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
SERVICE_NAME = "Financial Ombudsman Service"
TEXT_WIDTH = 76


class LetterFormat(StrEnum):
    html = "html"
    text = "text"
    large_print = "large_print"


COMPLAINANT, RESPONDENT = Party.complainant, Party.respondent
BOTH = (COMPLAINANT, RESPONDENT)

# Which letters each step sends, and to whom: as each step declares it, and the acknowledgement of a new case.
SENDS: dict[str, tuple[tuple[LetterKind, Recipients], ...]] = {OPENING.name: OPENING.sends, **STEP_SENDS}

HEADS = {
    "financial_loss": "Financial loss",
    "pain_and_suffering": "Pain and suffering",
    "damage_to_reputation": "Damage to reputation",
    "distress_or_inconvenience": "Distress or inconvenience",
}
OUTCOMES = {  # after "I": "I uphold the complaint"
    "uphold": "uphold the complaint",
    "partly_uphold": "uphold the complaint in part",
    "not_uphold": "do not uphold the complaint",
}
OUTCOMES_PAST = {  # after "The ombudsman"
    "uphold": "upheld the complaint",
    "partly_uphold": "upheld the complaint in part",
    "not_uphold": "did not uphold the complaint",
}
VIEWS = {
    "uphold": "the complaint should be upheld",
    "partly_uphold": "the complaint should be upheld in part",
    "not_uphold": "the complaint should not be upheld",
}
TITLES = {"ombudsman": "Ombudsman", "caseworker": "Investigator"}
# What each time limit is for, after "the time": "the time to send us evidence ... ends on ...".
TIME_LIMITS = {
    "representations": "to send us evidence and tell us your side",
    "jurisdiction_representations": "to tell us whether we can look at the complaint",
    "dismissal_representations": "to tell us why we should not dismiss the complaint",
    "assessment_response": "to tell us whether you disagree with our view",
    "acceptance": "to accept the ombudsman's final decision",
    "information": "to send us the information we asked for",
}


@dataclass(frozen=True, kw_only=True)
class Occasion:
    """The step that sends the letters, as the service knows it when it writes the audit event."""

    step: str
    from_state: State  # where the case was before the step; ``case.state`` is where the step left it
    user: str
    role: str  # the actor's role, or "system" for the deadline sweep
    reasons: str | None
    finding: str
    details: dict[str, Any]
    today: date
    now: datetime
    rows: tuple[Any, ...] = ()  # the rows the step wrote (an award made, hearing requests decided, ...)
    contact: dict[str, str] = field(default_factory=dict)  # the service's address, phone, email and web address


# --- rendering: pure, from a context built beforehand ------------------------------------------------------


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(Environment):
    """Jinja's environment, reading a plain dict's key (``contact.email``) from the dict at once: what Jinja finds
    there itself, after first failing to find an attribute of that name (a dict's own attributes, such as
    ``items``, still win, as they do in Jinja)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def environment() -> Environment:
    # Each template is compiled once, when first used, and never looked at on disk again (``auto_reload``): a
    # letter is rendered many times a second when cases are opened in bulk, and a sent letter is never re-rendered.
    return _Environment(
        loader=FileSystemLoader(TEMPLATES / "letters"),
        auto_reload=False,
        autoescape=select_autoescape(enabled_extensions=("html.j2",), disabled_extensions=("txt.j2",), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


ENVIRONMENT = environment()


@dataclass
class Notes:
    """The footnotes of one letter: each citation once, numbered in the order the letter first cites it."""

    items: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        """Each footnote with a plain-English line of what the rule says: "DISP 3.2.6R: accepting ..."."""
        return [_footnote(item) for item in self.items]

    def __call__(self, *citations: str) -> int:
        """The number of the footnote citing these (each checked: an unknown paragraph fails the letter)."""
        text = str(cite(*(Citation.read(citation) for citation in citations)))
        if text not in self.items:
            self.items.append(text)
        return self.items.index(text) + 1


@cache
def _footnote(item: str) -> str:
    """A footnote's line: the citation and what each of its paragraphs says (the table never changes)."""
    return f"{item}: {'; '.join(meaning(part) for part in Citation.read(item).paragraphs)}"


_BLANK_LINES = re.compile(r"\n{3,}")


def render(kind: LetterKind | str, context: dict[str, Any], form: LetterFormat) -> str:
    """One letter in one form. The same context always renders to the same letter."""
    suffix = "txt.j2" if form is LetterFormat.text else "html.j2"
    template = ENVIRONMENT.get_template(f"{LetterKind(kind).value}.{suffix}")
    rendered = template.render({**context, "large_print": form is LetterFormat.large_print, "note": Notes()})
    rendered = unturned(rendered)  # a name stored before such characters were refused reads as it is
    rendered = _BLANK_LINES.sub("\n\n", rendered).strip() + "\n"
    return _wrap(rendered) if form is LetterFormat.text else rendered


_DATE = re.compile(r"\b(\d{1,2}) ([A-Z][a-z]+) (\d{4})\b")
_KEEP = "\x00"  # holds a date together while its line is wrapped


_HELD_DATE = rf"\1{_KEEP}\2{_KEEP}\3"


def _wrap(text: str) -> str:
    return _unwrapped_dates(_wrap_lines(text))


def _unwrapped_dates(text: str) -> str:
    return text.replace(_KEEP, " ")


def _wrap_lines(text: str) -> str:
    lines: list[str] = []
    for line in text.splitlines():
        if len(line) <= TEXT_WIDTH:
            lines.append(line)
        else:
            lines.extend(_wrapped_line(line))
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=1024)
def _wrapped_line(line: str) -> tuple[str, ...]:
    """A line longer than a line may be, wrapped, its dates held together (only a line that is wrapped needs
    them held). A line always wraps the same, and most are the same in every letter of a kind: each is wrapped
    once, not once a letter."""
    line = _DATE.sub(_HELD_DATE, line)
    hanging = _HANGING.match(line)
    indent = " " * len(hanging.group(1)) if hanging else ""
    return tuple(_wrapped(line, indent))


_HANGING = re.compile(r"^(\s*(?:- |\[\d+\] |\d+\. )?)")
_NOT_PLAIN = re.compile(r"[^\S ]|  ")  # any space but one plain space between words: textwrap's own business


def _wrapped(line: str, indent: str) -> list[str]:
    """``textwrap.wrap(line, TEXT_WIDTH, subsequent_indent=indent, break_on_hyphens=False)``, the same lines,
    made directly for a line of words each parted by one space and each short enough for a line (a letter's
    every line, all but always); any other line goes to ``textwrap`` itself."""
    words = line.split(" ")
    width = TEXT_WIDTH - len(indent)
    if _NOT_PLAIN.search(line) or not words[0] or not words[-1] or max(map(len, words)) > width:
        return textwrap.wrap(line, TEXT_WIDTH, subsequent_indent=indent, break_on_hyphens=False)
    lines: list[str] = []
    current = words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) <= TEXT_WIDTH:
            current = f"{current} {word}"
        else:
            lines.append(current)
            current = indent + word
    lines.append(current)
    return lines


# --- the context: everything a letter says, read from the case before rendering ---------------------------


def _day(value: date | str | None) -> str | None:
    if value is None:
        return None
    return long_date(value if isinstance(value, date) else date.fromisoformat(value))


def _money(value: str | Decimal) -> str:
    return pounds_text(Decimal(value))


def award_context(calculation: dict[str, Any]) -> dict[str, Any]:
    """An award (``AwardCalculation.as_dict()``) as a letter writes it."""
    interest = calculation.get("interest")
    costs = calculation.get("costs")
    balance = Decimal(calculation["recommended_balance"])
    return {
        "lines": [{"head": HEADS[line["head"]], "amount": _money(line["amount"])} for line in calculation["lines"]],
        "total": _money(sum((Decimal(line["amount"]) for line in calculation["lines"]), Decimal(0))),
        "money_award": _money(calculation["money_award"]),
        "has_money": Decimal(calculation["money_award"]) > 0,
        "limit": _money(calculation["limit"]),
        "limit_citation": calculation["limit_citation"],
        "capped": balance > 0,
        "recommended_balance": _money(balance),
        "interest": None
        if interest is None
        else {
            "rate": f"{Decimal(interest['rate_percent']).normalize():f}%",
            "from": _day(interest["from"]),
            "accrued_to": _day(interest["accrued_to"]),
            "accrued": _money(interest["accrued"]),
            "citation": interest["citation"],
        },
        "costs": None
        if costs is None
        else {
            "amount": _money(costs["amount"]),
            "rate": f"{Decimal(costs['rate_percent']).normalize():f}%" if costs["rate_percent"] else None,
            "from": _day(costs["from"]),
            "citation": costs["citation"],
        },
        "directions": [direction["text"] for direction in calculation["directions"]],
        "respondent_missed_time_limit": bool(calculation["respondent_missed_time_limit"]),
        "contributions": [
            {"reference": part["reference"], "share": part["share"], "amount": _money(part["amount"])}
            for part in calculation.get("contributions") or ()
        ],
    }


def _recipient(party: str, details: dict[str, Any]) -> dict[str, Any]:
    if party == RESPONDENT:
        return {"name": details["name"], "lines": [f"Firm reference number {details['frn']}"], "email": None}
    address = details.get("contact_address") or ""
    lines = [line.strip() for line in re.split(r"[\n,]", address) if line.strip()]
    named = details.get("named_contact")
    return {
        "name": details["name"],
        "lines": ([f"For the attention of {named}"] if named else []) + lines,
        "email": details.get("contact_email"),
    }


def needs_large_print(complainant: dict[str, Any]) -> bool:
    return bool(complainant.get("vulnerable")) or Adjustment.large_print.value in complainant.get("adjustments", [])


def _signer(occasion: Occasion) -> dict[str, str]:
    if occasion.role in TITLES:
        return {"name": occasion.user, "title": TITLES[occasion.role]}
    return {"name": "The case handling team", "title": SERVICE_NAME}


def _determination_context(record: CaseRecord) -> dict[str, Any]:
    event, award = record.determination, record.determination_award
    assert event is not None, "a letter about a determination needs the determination"
    return {
        "outcome": OUTCOMES[event.details["outcome"]],
        "outcome_past": OUTCOMES_PAST[event.details["outcome"]],
        "upheld": event.details["outcome"] != "not_uphold",
        "determined_on": long_date(event.at.date()),
        "determined_by": event.user,
        "determination_reasons": event.reasons,
        "accept_before": _day(event.details["accept_before"]),
        "last_day_to_accept": _day(event.details["last_day_to_accept"]),
        "award": award_context(award.calculation) if award is not None else None,
    }


def context_for(record: CaseRecord, occasion: Occasion, kind: LetterKind, *, addressed_to: str) -> dict[str, Any]:
    """Everything the letter says, read and written out before any template sees it."""
    case, parties = record.case, record.parties
    complainant, respondent = parties[COMPLAINANT].details, parties[RESPONDENT].details
    context: dict[str, Any] = {
        "kind": kind.value,
        "step": occasion.step,
        "addressed_to": addressed_to,
        "to_complainant": addressed_to == COMPLAINANT,
        "reference": case.reference,
        "date": long_date(occasion.today),
        "recipient": _recipient(addressed_to, parties[addressed_to].details),
        # A firm is written to as its complaints team; a person by name, never in the third person.
        "greeting": "Dear Sir or Madam" if addressed_to == RESPONDENT else f"Dear {parties[addressed_to].name}",
        "complainant_name": complainant["name"],
        "respondent_name": respondent["name"],
        "summary": case.facts.get("summary"),
        "referred_on": _day(case.facts.get("referred_on")),
        "reasons": occasion.reasons,
        "signer": _signer(occasion),
        "service_name": SERVICE_NAME,
        "contact": occasion.contact,
    }
    details = occasion.details
    if kind is LetterKind.referral_to_respondent:
        context["complained_on"] = _day(case.facts.get("complained_to_respondent_on"))
        context["respondent_time_ends_on"] = _day(details["respondent_time_ends_on"])
    elif kind is LetterKind.jurisdiction_representations:
        context["raised_by_respondent"] = details["raised_by"] == RESPONDENT
        context["both_invited"] = len(details["invited"]) > 1
        context["respond_by"] = _day(details["respond_by"])
    elif kind is LetterKind.jurisdiction_decision:
        context["in_jurisdiction"] = case.state == State.investigation
        context["finding"] = occasion.finding
        context["exception"] = details.get("exception")
        context["representations_by"] = _day(details.get("representations_by"))
    elif kind in (LetterKind.dismissal_proposal, LetterKind.dismissal_decision):
        ground = details.get("ground")
        context["test_case"] = ground == "test_case"
        context["ground"] = ground
        context["ground_text"] = ground_text(ground) if ground else None
        context["ground_citation"] = dismissal_ground(ground) if ground else None
        context["point_of_law"] = details.get("point_of_law")
        context["respond_by"] = _day(details.get("respond_by"))
    elif kind is LetterKind.referral_elsewhere:
        context["scheme"] = details["scheme"]
    elif kind is LetterKind.provisional_assessment:
        made_now = [
            row for row in occasion.rows if isinstance(row, Award) and row.stage == AwardStage.provisional_assessment
        ]
        context["outcome_view"] = VIEWS[details["outcome"]]
        context["respond_by"] = _day(details["respond_by"])
        context["award"] = award_context(made_now[-1].calculation) if made_now else None
    elif kind is LetterKind.closed_on_assessment:
        award = record.assessment_award
        context["finding"] = occasion.finding
        context["outcome_view"] = VIEWS[case.outcome] if case.outcome else None
        context["award"] = award_context(award.calculation) if award is not None else None
        context["asks_respondent_to_act"] = award is not None and asks_respondent_to_act(award.calculation)
    elif kind is LetterKind.confidentiality_decision:
        decided = next(row for row in occasion.rows if isinstance(row, Representation))
        context["accepted"] = decided.confidentiality == Confidentiality.accepted
        context["summary_shown"] = decided.summary
        context["made_on"] = long_date(decided.made_at.date())
    elif kind is LetterKind.hearing_decision:
        requests = [
            row for row in occasion.rows if isinstance(row, HearingRequest) and row.decision != HearingDecision.pending
        ]
        context["granted"] = case.state == State.hearing
        context["private"] = details.get("private")
        context["own_initiative"] = bool(details.get("own_initiative"))
        context["requests"] = [
            {"by": "You" if row.party == addressed_to else parties[row.party].name, "issues": row.issues}
            for row in requests
        ]
    elif kind is LetterKind.answer_recorded:
        context.update(_determination_context(record))
        context["answer"] = _answer(case, late=False)
    elif kind is LetterKind.time_limit:
        context["what"] = TIME_LIMITS.get(details["deadline"], details["deadline"].replace("_", " "))
        context["until"] = _day(details["until"])
        context["extended_from"] = _day(details.get("from"))
    elif kind is LetterKind.case_closed:
        context["settled"] = "terms" in details  # a settlement records its terms; a withdrawal none
        context["terms"] = details.get("terms")
    elif kind is LetterKind.corrected_determination:
        context.update(_determination_context(record))
        context["correction"] = details["correction"]
    elif kind in (LetterKind.determination, LetterKind.outcome_to_respondent, LetterKind.award_certificate):
        context.update(_determination_context(record))
        late = occasion.from_state is State.rejected  # accepted after the date, for exceptional circumstances
        context["answer"] = _answer(case, late)
        context["answered_on"] = long_date(occasion.today)
        context["late_acceptance_reasons"] = occasion.reasons if late else None
    return context


def _answer(case: Case, late: bool) -> str:
    """The complainant's answer to the determination, as the case now stands (DISP 3.6.6R)."""
    if case.state == State.accepted:
        return "accepted_late" if late else "accepted"
    if case.state == State.rejected:
        return "rejected" if case.expressly_rejected else "lapsed"
    return "lapsed"


def addressees(occasion: Occasion, parties: tuple[str, ...]) -> list[str]:
    details = occasion.details
    named = {
        INVITED_PARTIES: list(details.get("invited", ())),
        PARTY: [details.get("party")],
        OTHER_PARTY: [party for party in BOTH if party != details.get("party")],
        BINDS: list(details.get("binds", ())),
    }
    if len(parties) == 1 and parties[0] in named:
        return [party for party in BOTH if party in named[parties[0]]]
    return list(parties)


def produce(record: CaseRecord, occasion: Occasion) -> list[Letter]:
    """Make and store the letters ``occasion.step`` sends (none for most actions)."""
    case = record.case
    assert case.id is not None
    made: list[Letter] = []
    complainant = record.complainant.details
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


# --- reading: what each party may see ----------------------------------------------------------------------


def latest_letter(
    session: Session, record: CaseRecord, kind: LetterKind, *, party: str | None, addressed_to: str | None = None
) -> Letter | None:
    """The latest letter of ``kind`` the reader may see (to the complainant first, when both were sent), read
    whole: the record holds only the letters' headings."""
    candidates = [
        letter
        for letter in record.letters_to(party)
        if letter.kind == kind.value and (addressed_to is None or letter.addressed_to == addressed_to)
    ]
    if not candidates:
        return None
    latest = max(letter.version for letter in candidates)
    chosen = min(
        (letter for letter in candidates if letter.version == latest),
        key=lambda letter: (letter.addressed_to != COMPLAINANT, letter.id or 0),
    )
    if isinstance(chosen, Letter):
        return chosen
    return session.exec(select(Letter).where(col(Letter.id) == chosen.id)).one()
