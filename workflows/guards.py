"""The guard of every trigger and action: side-effect free, each answering with a Finding.

A guard that refuses says why in plain English and cites the paragraph; the service turns that into a 409 that
writes nothing. The DISP 2 tests themselves live in ``ombudsman.rules``: the guards only ask them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from ombudsman.citations import cite, dismissal_ground
from ombudsman.rules.finding import Finding
from ombudsman.rules.jurisdiction import assess
from ombudsman.rules.rulebook import NotModelled
from ombudsman.rules.time_limits import long_date, respondent_had_its_time
from workflows import fields as f
from workflows.snapshot import Attempt, TimeLimitView

Guard = Callable[[Attempt], Finding]
GUARDS: dict[str, Guard] = {}


def guard(name: str) -> Callable[[Guard], Guard]:
    def register(function: Guard) -> Guard:
        GUARDS[name] = function
        return function

    return register


def _yes(name: str, reason: str, citation: str, **details: object) -> Finding:
    return Finding(name, True, reason, citation, details=dict(details))


def _no(name: str, reason: str, citation: str) -> Finding:
    return Finding(name, False, reason, citation)


def _only_the_complainant(a: Attempt, name: str, citation: str) -> Finding | None:
    if a.party != "complainant":
        return _no(name, "Only the complainant can do this, or staff recording it on their behalf.", citation)
    return None


def _window_closed(limit: TimeLimitView | None, a: Attempt) -> bool:
    return limit is not None and a.today > limit.due_on


def _waiting_for(a: Attempt, kind: str, parties: tuple[str, ...]) -> list[str]:
    """The parties still to make representations within an open time limit of this kind."""
    limit = a.case.open_limit(kind)
    if _window_closed(limit, a):
        return []
    # Counted from when the window was set, so a case back from a withdrawn dismissal proposal keeps them.
    since = limit.set_at if limit else a.case.entered_state_at
    return [party for party in parties if not a.case.represented_since(party, since)]


def _has(parties: list[str]) -> str:
    return "has" if len(parties) == 1 else "have"


def _and(parties: list[str]) -> str:
    return " and ".join(f"the {party}" for party in parties)


# --- referral to the respondent and the DISP 2 jurisdiction check ------------------------------------------


def _respondent_time(a: Attempt) -> Finding:
    return respondent_had_its_time(a.case.facts, a.today, a.rulebook)


@guard("refer_to_respondent")
def refer_to_respondent(a: Attempt) -> Finding:
    name, citation = "refer_to_respondent", cite("DISP 2.8.1R", "DISP 3.2.2R")
    test = _respondent_time(a)
    if test.passed is None:
        return _no(name, test.reason, test.citation)
    if test.passed:
        return _no(name, f"{test.reason} Start the jurisdiction check instead.", citation)
    return _yes(name, test.reason, citation, respondent_time_ends_on=test.dates.get("respondent_time_ends_on"))


def _respondent_has_had_its_time(a: Attempt) -> Finding:
    test = _respondent_time(a)
    return Finding("respondent_had_its_time", test.passed is True, test.reason, test.citation, test.dates)


GUARDS["respondent_time_elapsed"] = _respondent_has_had_its_time
GUARDS["start_jurisdiction_check"] = _respondent_has_had_its_time


@guard("invite_jurisdiction_representations")
def invite_jurisdiction_representations(a: Attempt) -> Finding:
    fields = cast(f.InviteJurisdictionRepresentations, a.fields)
    if fields.raised_by == "respondent":
        return _yes(
            "invite_jurisdiction_representations",
            "The respondent says the complaint is outside our jurisdiction, so both parties may make "
            "representations before we decide.",
            cite("DISP 3.2.3R"),
            invited=("complainant", "respondent"),
        )
    return _yes(
        "invite_jurisdiction_representations",
        "We think the complaint may be outside our jurisdiction, so the complainant may make representations "
        "before we decide.",
        cite("DISP 3.2.4R"),
        invited=("complainant",),
    )


@guard("decide_out_of_jurisdiction")
def decide_out_of_jurisdiction(a: Attempt) -> Finding:
    name, citation = "decide_out_of_jurisdiction", cite("DISP 3.2.5R")
    limit = a.case.open_limit("jurisdiction_representations")
    waiting = _waiting_for(a, "jurisdiction_representations", limit.binds if limit else ())
    if waiting and limit:
        return _no(
            name,
            f"We are waiting for representations from {_and(waiting)} until {long_date(limit.due_on)}.",
            cite("DISP 3.2.3R", "DISP 3.2.4R"),
        )
    # The Ombudsman has not found exceptional circumstances: only the respondent's consent can cure here.
    assessment = assess(a.case.facts, a.today, a.rulebook, exceptional_circumstances_found=False)
    failed = assessment.failed_uncured()
    if not failed:
        return _no(
            name,
            "No DISP 2 test has failed without an exception to cure it, so the complaint cannot be decided "
            "out of jurisdiction.",
            citation,
        )
    return _yes(name, " ".join(test.reason for test in failed), citation, failed=[t.name for t in failed])


@guard("accept_jurisdiction")
def accept_jurisdiction(a: Attempt) -> Finding:
    name, citation = "accept_jurisdiction", cite("DISP 3.2.6R")
    fields = cast(f.AcceptJurisdiction, a.fields)
    found = fields.exception == "exceptional_circumstances"
    assessment = assess(a.case.facts, a.today, a.rulebook, exceptional_circumstances_found=found)
    failed = assessment.failed_uncured()
    if failed:
        return _no(name, " ".join(test.reason for test in failed), ", ".join(t.citation for t in failed))
    undecided = [test for test in assessment.tests if test.passed is None]
    if undecided:
        return _no(
            name,
            "We cannot yet say the complaint is in jurisdiction. " + " ".join(test.reason for test in undecided),
            ", ".join(test.citation for test in undecided),
        )
    exceptions = assessment.test("time_limit_exceptions")
    cured = exceptions.details.get("cures") or []
    # Either cure that applies may be named: the respondent's consent when it has consented, or the
    # Ombudsman's own finding of exceptional circumstances.
    named_cure_applies = fields.exception == "exceptional_circumstances" or (
        fields.exception == "respondent_consent" and a.case.facts.respondent_consents_to_late_referral
    )
    if cured and not named_cure_applies:
        return _no(
            name,
            f"A time limit was missed ({', '.join(cured)}). Name the exception that cures it "
            f"({exceptions.details.get('exception')}) and give your reasons.",
            exceptions.citation,
        )
    if fields.exception and not cured:
        return _no(name, "No time limit was missed, so there is nothing for an exception to cure.", citation)
    return _yes(name, "Every DISP 2 test passes, or a missed time limit is cured.", citation, cured=cured)


# --- dismissal without considering the merits, and referral elsewhere ------------------------------------------


@guard("propose_dismissal")
def propose_dismissal(a: Attempt) -> Finding:
    fields = cast(f.ProposeDismissal, a.fields)
    return _yes(
        "propose_dismissal",
        "The complainant may make representations before we decide whether to dismiss the complaint.",
        cite("DISP 3.3.1R") + ", " + dismissal_ground(fields.ground),
    )


@guard("dismiss")
def dismiss(a: Attempt) -> Finding:
    name = "dismiss"
    limit = a.case.open_limit("dismissal_representations")
    if _waiting_for(a, "dismissal_representations", ("complainant",)):
        until = f" until {long_date(limit.due_on)}" if limit else ""
        return _no(name, f"The complainant has{until} to make representations first.", cite("DISP 3.3.1R"))
    return _yes(name, "The complainant has had the chance to make representations.", cite("DISP 3.3.2R"))


@guard("withdraw_dismissal_proposal")
def withdraw_dismissal_proposal(a: Attempt) -> Finding:
    return _yes("withdraw_dismissal_proposal", "The proposal to dismiss is withdrawn.", cite("DISP 3.3.1R"))


@guard("dismiss_as_test_case")
def dismiss_as_test_case(a: Attempt) -> Finding:
    fields = cast(f.DismissAsTestCase, a.fields)
    if not fields.costs_undertaking:
        return _no(
            "dismiss_as_test_case",
            "A test case needs the respondent's undertaking to pay the complainant's costs.",
            cite("DISP 3.3.5R"),
        )
    return _yes(
        "dismiss_as_test_case",
        "The respondent has set out an important or novel point of law and undertaken to pay costs, so a court "
        "may consider it as a test case.",
        cite("DISP 3.3.5R", "DISP 3.3.6G"),
    )


@guard("refer_elsewhere")
def refer_elsewhere(a: Attempt) -> Finding:
    fields = cast(f.ReferElsewhere, a.fields)
    if not fields.complainant_consent:
        return _no(
            "refer_elsewhere",
            "A complaint can be referred to another scheme only with the complainant's consent.",
            cite("DISP 3.4.1R"),
        )
    return _yes("refer_elsewhere", f"The complainant agrees to refer it to {fields.scheme}.", cite("DISP 3.4.1R"))


# --- investigation, provisional assessment and hearings ---------------------------------------------------


@guard("issue_provisional_assessment")
def issue_provisional_assessment(a: Attempt) -> Finding:
    name = "issue_provisional_assessment"
    waiting = _waiting_for(a, "representations", ("complainant", "respondent"))
    if waiting:
        limit = a.case.open_limit("representations")
        until = f" until {long_date(limit.due_on)}" if limit else ""
        return _no(
            name,
            f"Both parties may make representations first: {_and(waiting)} still {_has(waiting)}{until}.",
            cite("DISP 3.5.4R(1)"),
        )
    return _award_is_computable(
        a,
        name,
        "The provisional assessment is sent to both parties with reasons and a date to respond by.",
        cite("DISP 3.5.4R(2)"),
    )


def _award_is_computable(a: Attempt, name: str, reason: str, citation: str) -> Finding:
    awards = getattr(a.fields, "awards", None)
    if awards is not None and awards.money:
        try:
            a.rulebook.money_award_limit(a.case.facts.referred_on, a.case.facts.event_date)
        except NotModelled as problem:
            return _no(name, f"We cannot work out the money award limit: {problem}.", cite("DISP 3.7.4R"))
    return _yes(name, reason, citation)


@guard("disagree")
def disagree(a: Attempt) -> Finding:
    name, citation = "disagree", cite("DISP 3.5.4R(3)")
    if a.party is None:
        return _no(name, "A disagreement is made by a party: say which party (on_behalf_of).", citation)
    limit = a.case.open_limit("assessment_response")
    if _window_closed(limit, a) and limit:
        return _no(
            name,
            f"The time to respond to the provisional assessment ended on {long_date(limit.due_on)}.",
            citation,
        )
    return _yes(name, f"The {a.party} disagrees in time, so an ombudsman will decide.", citation)


@guard("close_on_assessment")
def close_on_assessment(a: Attempt) -> Finding:
    name, citation = "close_on_assessment", cite("DISP 3.5.4R")
    limit = a.case.open_limit("assessment_response")
    if limit is None or not _window_closed(limit, a):
        until = f" runs until {long_date(limit.due_on)}" if limit else " has not been set"
        return _no(name, f"The time to respond to the provisional assessment{until}.", citation)
    return _yes(
        name,
        f"Nobody disagreed with the provisional assessment by {long_date(limit.due_on)}, so the case closes on "
        "its terms.",
        citation,
    )


@guard("grant_hearing")
def grant_hearing(a: Attempt) -> Finding:
    if not a.case.pending_hearing_requests:
        return _no(
            "grant_hearing",
            "There is no hearing request on file: a party asks in writing, naming the issues.",
            cite("DISP 3.5.6R"),
        )
    return _yes("grant_hearing", "A hearing is granted.", cite("DISP 3.5.5R", "DISP 3.5.7G"))


@guard("conclude_hearing")
def conclude_hearing(a: Attempt) -> Finding:
    return _yes("conclude_hearing", "The hearing has ended.", cite("DISP 3.5.5R"))


@guard("determine")
def determine(a: Attempt) -> Finding:
    if a.case.pending_hearing_requests:
        return _no(
            "determine",
            "A hearing request has not been decided: grant or refuse it before determining the complaint.",
            cite("DISP 3.5.5R"),
        )
    return _award_is_computable(
        a,
        "determine",
        "An ombudsman determined the complaint by what is fair and reasonable, with reasons, and set the date "
        "before which the complainant must say whether they accept.",
        cite("DISP 3.6.1R", "DISP 3.6.6R(1)", "DISP 3.6.6R(2)"),
    )


# --- the determination and the complainant's answer -------------------------------------------------------


@guard("accept")
def accept(a: Attempt) -> Finding:
    name = "accept"
    refusal = _only_the_complainant(a, name, cite("DISP 3.6.6R(2)"))
    if refusal:
        return refusal
    limit = a.case.open_limit("acceptance")
    if _window_closed(limit, a) and limit:
        return _no(
            name,
            f"The last day to accept was {long_date(limit.due_on)}. The determination is treated as rejected; "
            "the complainant can still tell us they accept, and an ombudsman will decide whether exceptional "
            "circumstances caused the delay.",
            cite("DISP 3.6.6R(4)", "DISP 3.6.6R(4A)"),
        )
    return _yes(
        name,
        "The complainant accepted in time: the determination is final and binding.",
        cite("DISP 3.6.6R(3)"),
    )


@guard("reject")
def reject(a: Attempt) -> Finding:
    refusal = _only_the_complainant(a, "reject", cite("DISP 3.6.6R(4)"))
    return refusal or _yes(
        "reject",
        "The complainant rejected the determination: neither party is bound.",
        cite("DISP 3.6.6R(4)"),
    )


@guard("lapse")
def lapse(a: Attempt) -> Finding:
    limit = a.case.open_limit("acceptance")
    if limit is None or not _window_closed(limit, a):
        until = f" until {long_date(limit.due_on)}" if limit else ""
        return _no("lapse", f"The complainant has{until} to accept.", cite("DISP 3.6.6R(2)"))
    return _yes(
        "lapse",
        f"The complainant did not accept by {long_date(limit.due_on)}, so the determination is treated as "
        "rejected: neither party is bound.",
        cite("DISP 3.6.6R(4)"),
    )


@guard("accept_late")
def accept_late(a: Attempt) -> Finding:
    name, citation = "accept_late", cite("DISP 3.6.6R(4A)")
    if a.case.expressly_rejected:
        return _no(name, "The complainant rejected the determination, so a late acceptance cannot count.", citation)
    if not a.case.late_acceptance_notified:
        return _no(name, "The complainant has not told us they accept (notify_late_acceptance).", citation)
    return _yes(
        name,
        "Exceptional circumstances caused the delay, so the late acceptance binds both parties.",
        citation,
    )


@guard("settle")
def settle(a: Attempt) -> Finding:
    return _yes(
        "settle",
        "The parties have agreed terms before a determination; the respondent must comply with them.",
        cite("DISP 3.5.1R", "DISP 3.7.12R"),
    )


@guard("record_compliance")
def record_compliance(a: Attempt) -> Finding:
    return _yes("record_compliance", "The respondent has complied.", cite("DISP 3.7.12R"))


@guard("withdraw")
def withdraw(a: Attempt) -> Finding:
    return _only_the_complainant(a, "withdraw", "") or _yes("withdraw", "The complainant withdrew.", "")


# --- actions ---------------------------------------------------------------------------------------------


@guard("make_representations")
def make_representations(a: Attempt) -> Finding:
    if a.party is None:
        return _no(
            "make_representations",
            "Representations are made by a party: say which party (on_behalf_of).",
            cite("DISP 3.5.4R(1)"),
        )
    fields = cast(f.MakeRepresentations, a.fields)
    citation = cite("DISP 3.5.4R(1)", "DISP 3.5.9R(2)") if fields.confidential else cite("DISP 3.5.4R(1)")
    return _yes("make_representations", f"The {a.party} made representations.", citation)


@guard("notify_late_acceptance")
def notify_late_acceptance(a: Attempt) -> Finding:
    name, citation = "notify_late_acceptance", cite("DISP 3.6.6R(4A)")
    refusal = _only_the_complainant(a, name, citation)
    if refusal:
        return refusal
    if a.case.expressly_rejected:
        return _no(name, "The complainant rejected the determination, so a late acceptance cannot count.", citation)
    return _yes(name, "The complainant has told us they accept, after the date specified.", citation)


@guard("request_hearing")
def request_hearing(a: Attempt) -> Finding:
    name, citation = "request_hearing", cite("DISP 3.5.6R")
    if a.party is None:
        return _no(name, "A hearing is requested by a party: say which party (on_behalf_of).", citation)
    if any(request.party == a.party for request in a.case.pending_hearing_requests):
        return _no(name, f"The {a.party} already has a hearing request waiting for a decision.", citation)
    return _yes(name, f"The {a.party} asked for a hearing in writing.", citation)


@guard("refuse_hearing")
def refuse_hearing(a: Attempt) -> Finding:
    if not a.case.pending_hearing_requests:
        return _no("refuse_hearing", "There is no hearing request waiting for a decision.", cite("DISP 3.5.5R"))
    return _yes("refuse_hearing", "The hearing request is refused.", cite("DISP 3.5.5R", "DISP 3.5.7G"))


@guard("set_time_limit")
def set_time_limit(a: Attempt) -> Finding:
    fields = cast(f.SetTimeLimit, a.fields)
    if a.case.open_limit(fields.deadline):
        return _no(
            "set_time_limit",
            f"A {fields.deadline} time limit is already open: extend it instead.",
            cite("DISP 3.5.13R"),
        )
    return _yes("set_time_limit", f"A {fields.deadline} time limit is set.", cite("DISP 3.5.13R"))


@guard("extend_time_limit")
def extend_time_limit(a: Attempt) -> Finding:
    name, citation = "extend_time_limit", cite("DISP 3.5.13R")
    fields = cast(f.ExtendTimeLimit, a.fields)
    limit = a.case.open_limit(fields.deadline)
    if limit is None:
        open_kinds = ", ".join(limit.kind for limit in a.case.open_time_limits) or "none"
        return _no(name, f"There is no open {fields.deadline} time limit (open: {open_kinds}).", citation)
    if fields.until <= limit.due_on:
        return _no(
            name,
            f"The new date must be later than the current one, {long_date(limit.due_on)}.",
            citation,
        )
    return _yes(name, f"The {fields.deadline} time limit is extended to {long_date(fields.until)}.", citation)


@guard("approve_publication")
def approve_publication(a: Attempt) -> Finding:
    name, citation = "approve_publication", cite("DISP 3.6.7R")
    if not a.case.has_determination:
        return _no(
            name,
            "The complaint was not determined by an ombudsman, so there is no determination to publish.",
            citation,
        )
    return _yes(
        name,
        "An ombudsman approved the report of the determination for publication, without the complainant's name "
        "or anything that would identify them.",
        citation,
    )


def _recorded(name: str, reason: str, citation: str) -> Guard:
    GUARDS[name] = lambda a: _yes(name, reason, citation)
    return GUARDS[name]


_recorded("record_final_response", "The respondent's final response is recorded.", cite("DISP 2.8.1R"))
_recorded(
    "note_respondent_missed_time_limit",
    "The respondent missed a time limit: the award may provide for the distress or inconvenience caused.",
    cite("DISP 3.5.14R"),
)
_recorded("correct_clerical_mistake", "A clerical mistake in the determination is corrected.", cite("DISP 3.6.6AR"))
_recorded("link_connected_complaint", "The complaints are investigated together.", cite("DISP 3.5.3R"))
_recorded("authorise_disclosure", "An ombudsman authorised disclosure to a regulator.", cite("DISP 3.8.2R"))
