"""The engine's vocabulary: the names the API, the CLI, the letters, the database and the tests all use.

States, roles, parties, outcomes, the kinds of time limit, award and letter, and the statuses of time limits,
hearing requests and register entries are enums, so a misspelt one is an error
where it is written, not a string that never matches.
"""

from __future__ import annotations

from enum import StrEnum


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
# DISP 3.6.6R(4A), but the table says `rejected` ends the case, so `withdraw` is not offered from it. A case that
# ended `settled`, or `assessment_accepted` on an assessment asking the respondent to act, still awaits compliance.
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
BEFORE_INVESTIGATION = (
    State.referred,
    State.with_respondent,
    State.jurisdiction_check,
    State.jurisdiction_representations,
)
BEFORE_DETERMINATION = (State.investigation, State.provisional_assessment, State.awaiting_determination)
AFTER_DETERMINATION = (State.determined, State.accepted, State.rejected, State.complied)
# The states in which the case is open and not yet determined: the complainant may still withdraw, and staff may
# still correct the case facts.
UNTIL_DETERMINED = tuple(state for state in OPEN_STATES if state not in AFTER_DETERMINATION)


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


class TimeLimitKind(StrEnum):
    """The time limits a step opens. Staff may set others of their own (``set_time_limit``)."""

    respondent_time = "respondent_time"  # DISP 2.8.1R: the respondent's eight weeks (or 15/35 business days)
    jurisdiction_representations = "jurisdiction_representations"  # DISP 3.2.3R, 3.2.4R
    representations = "representations"  # DISP 3.5.4R(1): entering the investigation
    dismissal_representations = "dismissal_representations"  # DISP 3.3.1R
    assessment_response = "assessment_response"  # DISP 3.5.4R(2)
    acceptance = "acceptance"  # DISP 3.6.6R(2): the last day is the day before the date specified


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
