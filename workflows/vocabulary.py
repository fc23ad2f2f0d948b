"""The engine's vocabulary: the names the API, the CLI, the letters, the database and the tests all use.

States, roles, parties, outcomes, the kinds of time limit, award and letter, and the statuses of time limits,
hearing requests and register entries are enums, so a misspelt one is an error where it is written, not a string
that never matches. Each state is declared once, in ``STATES``, with its meaning, its phase and whether it ends
the case; every set of states the steps use is derived from that table (``StateSets``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from ombudsman.rules.words import said


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


class Phase(StrEnum):
    """The part of the procedure a state belongs to. A state that ends the case belongs to the phase whose decision
    it records (``out_of_jurisdiction`` to the time before the investigation, ``rejected`` to the determination);
    ``ended`` holds the states the parties may end the case in from more than one phase (a settlement, a
    withdrawal).

    ``hearing`` is the one phase the issue's list did not name. A hearing is held within the investigation, but
    the engine treats it apart: while one is granted and pending no party may ask for another, which is what sets
    ``BEFORE_DETERMINATION`` (where a hearing may be asked for) apart from ``INVESTIGATING``.
    """

    before_investigation = "before_investigation"
    investigation = "investigation"
    hearing = "hearing"
    dismissal = "dismissal"
    determined = "determined"
    after_acceptance = "after_acceptance"
    ended = "ended"


# The phases before a determination, in which the complainant may still withdraw and staff may still correct the
# case facts.
UNDETERMINED = (Phase.before_investigation, Phase.dismissal, Phase.investigation, Phase.hearing)


@dataclass(frozen=True)
class StateRow:
    """One state, declared once: what it means (one sentence), its phase, and whether it ends the case."""

    meaning: str
    phase: Phase
    ends: bool = False


P = Phase

# Every state, in the order ``State`` lists them. `accepted` awaits compliance and `rejected` may yet become
# `accepted` under DISP 3.6.6R(4A), but the table says `rejected` ends the case, so `withdraw` is not offered
# from it. A case that ended `settled`, or `assessment_accepted` on an assessment asking the respondent to act,
# still awaits compliance.
STATES: dict[State, StateRow] = {
    State.referred: StateRow(
        "The complaint has reached the Ombudsman and its facts are being recorded.", P.before_investigation
    ),
    State.with_respondent: StateRow(
        "The complaint has gone to the respondent first, which has neither sent its final response nor had its "
        "time to.",
        P.before_investigation,
    ),
    State.jurisdiction_check: StateRow(
        "The Ombudsman is checking whether it can consider the complaint.", P.before_investigation
    ),
    State.jurisdiction_representations: StateRow(
        "The parties may say whether the Ombudsman can consider the complaint before that is decided.",
        P.before_investigation,
    ),
    State.out_of_jurisdiction: StateRow(
        "It was decided, with reasons, that the Ombudsman cannot consider the complaint.",
        P.before_investigation,
        ends=True,
    ),
    State.dismissal_representations: StateRow(
        "The complainant may make representations before the complaint is dismissed.", P.dismissal
    ),
    State.dismissed: StateRow(
        "The complaint was dismissed without its merits being considered, on a recorded ground.",
        P.dismissal,
        ends=True,
    ),
    State.referred_elsewhere: StateRow(
        "The complaint was referred to another complaints scheme with the complainant's consent.",
        P.dismissal,
        ends=True,
    ),
    State.investigation: StateRow(
        "The Ombudsman can consider the complaint and is gathering evidence and representations.", P.investigation
    ),
    State.provisional_assessment: StateRow(
        "A provisional assessment has gone to both parties, with a time to respond.", P.investigation
    ),
    State.assessment_accepted: StateRow(
        "Nobody disagreed with the assessment in time, so the case closes on its terms (awaiting compliance where "
        "it asks the respondent to pay or do something).",
        P.investigation,
        ends=True,
    ),
    State.awaiting_determination: StateRow(
        "A party disagreed with the assessment in time, so an Ombudsman will determine the complaint.",
        P.investigation,
    ),
    State.hearing: StateRow("A hearing has been granted and has not yet been held.", P.hearing),
    State.determined: StateRow(
        "The determination is issued and the complainant's time to accept or reject it is running.", P.determined
    ),
    State.accepted: StateRow(
        "The complainant accepted the determination in time, or late for exceptional circumstances, so it is "
        "final and binding.",
        P.after_acceptance,
    ),
    State.rejected: StateRow(
        "The complainant rejected the determination, or is treated as having rejected it when the date passed, so "
        "neither party is bound.",
        P.determined,
        ends=True,
    ),
    State.complied: StateRow(
        "The respondent has done what the award, the assessment or the settlement asked.",
        P.after_acceptance,
        ends=True,
    ),
    State.settled: StateRow(
        "The parties resolved the complaint by agreement before a determination.", P.ended, ends=True
    ),
    State.withdrawn: StateRow("The complainant withdrew the complaint.", P.ended, ends=True),
}

K = TypeVar("K")


def states_in(
    table: Mapping[K, StateRow], phases: Collection[Phase] = tuple(Phase), *, ends: bool | None
) -> tuple[K, ...]:
    """The states of ``table``, in its order, whose phase is one of ``phases`` and that end the case or not as
    ``ends`` says (either, where it is None)."""
    return tuple(state for state, row in table.items() if row.phase in phases and ends in (None, row.ends))


@dataclass(frozen=True)
class StateSets(Generic[K]):
    """Every set of states the engine uses, derived from a table of states by phase and by whether each ends the
    case, never by naming the states left out. ``of(STATES)`` gives the engine's own; a test derives them from a
    table with one more row to show where a new state would fall."""

    final: frozenset[K]  # the states that end the case
    open: tuple[K, ...]  # every state that does not
    before_investigation: tuple[K, ...]  # open, before the investigation
    before_determination: tuple[K, ...]  # open, under investigation and with no hearing pending
    investigating: tuple[K, ...]  # open, under investigation, a pending hearing included
    after_determination: tuple[K, ...]  # determined, ended or not
    until_determined: tuple[K, ...]  # open and not yet determined

    @classmethod
    def of(cls, table: Mapping[K, StateRow]) -> StateSets[K]:
        return cls(
            final=frozenset(states_in(table, ends=True)),
            open=states_in(table, ends=False),
            before_investigation=states_in(table, (P.before_investigation,), ends=False),
            before_determination=states_in(table, (P.investigation,), ends=False),
            investigating=states_in(table, (P.investigation, P.hearing), ends=False),
            after_determination=states_in(table, (P.determined, P.after_acceptance), ends=None),
            until_determined=states_in(table, UNDETERMINED, ends=False),
        )


_SETS = StateSets.of(STATES)
FINAL_STATES: frozenset[State] = _SETS.final
OPEN_STATES: tuple[State, ...] = _SETS.open
BEFORE_INVESTIGATION: tuple[State, ...] = _SETS.before_investigation
BEFORE_DETERMINATION: tuple[State, ...] = _SETS.before_determination
INVESTIGATING: tuple[State, ...] = _SETS.investigating
AFTER_DETERMINATION: tuple[State, ...] = _SETS.after_determination
# The states in which the case is open and not yet determined: the complainant may still withdraw, and staff may
# still correct the case facts.
UNTIL_DETERMINED: tuple[State, ...] = _SETS.until_determined


class Role(StrEnum):
    caseworker = "caseworker"
    ombudsman = "ombudsman"
    firm = "firm"
    complainant = "complainant"


STAFF = frozenset({Role.caseworker, Role.ombudsman})


class Party(StrEnum):
    complainant = "complainant"
    respondent = "respondent"


BOTH_PARTIES = (Party.complainant, Party.respondent)
said(Party, {Party.complainant: "The complainant", Party.respondent: "The business complained about"})


class TimeLimitKind(StrEnum):
    """The time limits a step opens. Staff set and extend those of ``StaffTimeLimit`` (``set_time_limit``)."""

    respondent_time = "respondent_time"  # DISP 2.8.1R: the respondent's eight weeks (or 15/35 business days)
    jurisdiction_representations = "jurisdiction_representations"  # DISP 3.2.3R, 3.2.4R
    representations = "representations"  # DISP 3.5.4R(1): entering the investigation
    dismissal_representations = "dismissal_representations"  # DISP 3.3.1R
    assessment_response = "assessment_response"  # DISP 3.5.4R(2)
    acceptance = "acceptance"  # DISP 3.6.6R(2): the last day is the day before the date specified


class StaffTimeLimit(StrEnum):
    """The time limits staff may set or extend (DISP 3.5.13R): every kind above but two that are not the
    Ombudsman's to move, the acceptance limit (DISP 3.6.6R(2): its date is the determination's own) and the
    respondent's time (DISP 2.8.1R), and one of staff's own, for information they ask a party for."""

    jurisdiction_representations = "jurisdiction_representations"
    representations = "representations"
    dismissal_representations = "dismissal_representations"
    assessment_response = "assessment_response"
    information = "information"  # DISP 3.5.9R: information staff ask a party for, by a date


said(
    StaffTimeLimit,
    {
        StaffTimeLimit.jurisdiction_representations: "Representations on whether we can look at the complaint",
        StaffTimeLimit.representations: "Representations in the investigation",
        StaffTimeLimit.dismissal_representations: "Representations on dismissing the complaint",
        StaffTimeLimit.assessment_response: "Responding to the provisional assessment",
        StaffTimeLimit.information: "Information we asked for",
    },
)


class LimitStatus(StrEnum):
    open = "open"
    closed = "closed"


class HearingDecision(StrEnum):
    pending = "pending"
    granted = "granted"
    refused = "refused"


class Outcome(StrEnum):
    uphold = "uphold"
    partly_uphold = "partly_uphold"
    not_uphold = "not_uphold"


said(
    Outcome,
    {
        Outcome.uphold: "Uphold the complaint",
        Outcome.partly_uphold: "Uphold the complaint in part",
        Outcome.not_uphold: "Do not uphold the complaint",
    },
)


class AwardStage(StrEnum):
    """Where an award was made: in a provisional assessment (DISP 3.5.4R) or a determination (DISP 3.6)."""

    provisional_assessment = "provisional_assessment"
    determination = "determination"


class RegisterStatus(StrEnum):
    """An entry's standing in the register of money awards (DISP 3.7)."""

    awaiting_answer = "awaiting_answer"  # determined: the complainant has not yet accepted or rejected it
    binding = "binding"  # accepted: final and binding (DISP 3.6.6R(3))
    not_binding = "not_binding"  # rejected, or treated as rejected (DISP 3.6.6R(4))
    closed_on_assessment = "closed_on_assessment"  # no party disagreed with the provisional assessment in time
    complied = "complied"  # the respondent has paid (DISP 3.7.12R)


class Confidentiality(StrEnum):
    """Where a party's request to have its representations treated in confidence stands (DISP 3.5.9R(2))."""

    asked = "asked"  # held back from the other party until staff decide
    accepted = "accepted"  # accepted in confidence: the other party sees only the summary staff gave
    returned = "returned"  # declined: returned to the party, not shown to anyone else and not relied on


class LetterKind(StrEnum):
    acknowledgement = "acknowledgement"
    referral_to_respondent = "referral_to_respondent"
    jurisdiction_representations = "jurisdiction_representations"
    jurisdiction_decision = "jurisdiction_decision"
    dismissal_proposal = "dismissal_proposal"
    dismissal_decision = "dismissal_decision"
    referral_elsewhere = "referral_elsewhere"
    provisional_assessment = "provisional_assessment"
    hearing_decision = "hearing_decision"
    determination = "determination"
    outcome_to_respondent = "outcome_to_respondent"
    award_certificate = "award_certificate"
    closed_on_assessment = "closed_on_assessment"
    corrected_determination = "corrected_determination"
    answer_recorded = "answer_recorded"
    disagreement = "disagreement"
    time_limit = "time_limit"
    case_closed = "case_closed"
    confidentiality_decision = "confidentiality_decision"


class Channel(StrEnum):
    """How a letter reaches its reader."""

    email = "email"
    post = "post"


class DeliveryStatus(StrEnum):
    """Where a letter's delivery stands."""

    queued = "queued"  # waiting to be emailed (again, after a failure, once its back-off has passed)
    sending = "sending"  # taken by a deliverer until its lease ends (then any deliverer may take it again)
    sent = "sent"  # the SMTP server accepted it
    failed = "failed"  # every attempt failed: staff must reach the reader another way
    print_queue = "print_queue"  # no email address: waiting to be printed and posted
    printed = "printed"
