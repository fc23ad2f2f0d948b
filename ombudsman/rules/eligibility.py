"""DISP 2.7: is the complainant eligible?

DISP 2.7.3R: an eligible complainant must be
  (1) a consumer;
  (2) a micro-enterprise (Recommendation 2003/361/EC: fewer than 10 employees, and an annual turnover or
      annual balance sheet total not over EUR 2 million);
  (3) a charity with an annual income of less than £1 million; or
  (4) a trustee of a trust with a net asset value of less than £1 million,
  each at the time the complainant refers the complaint to the respondent; but for a complaint relating wholly
  or partly to payment services, a micro-enterprise either then or when the payment service contract was made
  (2.7.3R(2)(a)): the ``*_at_contract`` facts.
DISP 2.7.6R: and the complaint must arise from one of the relationships (1) to (14) with the respondent (a
  customer, a potential customer, a unit holder, a pension beneficiary, and so on).
DISP 2.7.9R: the following are not eligible complainants:
  (1) (in all jurisdictions) a firm, payment service provider, electronic money issuer, licensee or VJ
      participant whose complaint relates to an activity it itself carries on (or has permission to carry
      on);
  (2) (in the Compulsory Jurisdiction) a professional client or eligible counterparty, other than a
      trustee of a pension scheme trust;
  (3) (in the Consumer Credit Jurisdiction) a body corporate, a partnership of more than three persons, a
      partnership of bodies corporate, or an unincorporated body made up entirely of bodies corporate.
DISP TP 1 (the seed edition's transitional provisions):
  row 1B: for an act or omission before 1 November 2007, DISP 2.7.9R(2) excludes an intermediate customer or
      market counterparty (the client categories before MiFID) in place of a professional client or eligible
      counterparty; ``intermediate_customer`` says the complainant was one of those then;
  row 21: a business with a group annual turnover of less than £1 million when it referred the complaint to the
      respondent, complaining about a contract made before 1 November 2009, is an eligible complainant (with a
      DISP 2.7.6R relationship, and not excluded, as ever): ``group_annual_turnover`` and ``contract_date``.
  A business (a complainant of kind ``micro_enterprise`` or ``other``) that fails DISP 2.7.3R is asked row 21 as
  well, and is undecided while a fact row 21 needs is missing.

Every limb is judged on its own; the finding fails if any limb fails (naming each), else is undecided if
any limb is, naming the missing facts. The thresholds and the transitional dates are dated parameters in the
rulebook.

"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ombudsman.citations import Citation, cite
from ombudsman.rules.facts import Activity, CaseFacts, Complainant, ComplainantKind, Relationship
from ombudsman.rules.finding import Finding
from ombudsman.rules.rulebook import Rulebook
from ombudsman.rules.scope import COMPULSORY, CONSUMER_CREDIT, JURISDICTION_IN_WORDS, check_jurisdiction
from ombudsman.rules.time_limits import long_date

ELIGIBLE_COMPLAINANT = "eligible_complainant"

# The paragraph each limb comes from, checked against the table at import.
_KIND = cite("DISP 2.7.3R")
_PAYMENT = cite("DISP 2.7.3R", "DISP 2.7.3R(2)(a)")
_RELATIONSHIP = cite("DISP 2.7.6R")
_EXCLUSIONS = cite("DISP 2.7.9R")
_OLDER_CONTRACT = cite("DISP 2.7.3R", "DISP TP 1 row 21")
_EARLIER_CATEGORIES = cite("DISP 2.7.9R", "DISP TP 1 row 1B")

RELATIONSHIP_IN_WORDS = {
    Relationship.customer: "a customer of the business",
    Relationship.potential_customer: "a potential customer of the business",
    Relationship.unit_holder: "a holder of units in a fund the business runs or looks after",
    Relationship.pension_beneficiary: "a beneficiary of a personal or stakeholder pension",
    Relationship.insurance_beneficiary: "a person an insurance policy was taken out for",
    Relationship.devolved_insurance_claim: "a person who has taken over the right to an insurance claim",
    Relationship.cheque_guarantee_card: "a business that relied on a cheque guarantee card from the business",
    Relationship.cheque_true_owner: "the true owner of a cheque the business collected for someone else",
    Relationship.bankers_reference: "the recipient of a banker's reference from the business",
    Relationship.guarantor: "a person who gave the business a guarantee or security",
    Relationship.credit_reference_subject: "a person the business holds credit reference information about",
    Relationship.debt_recovery_subject: "a person the business tried to recover a consumer credit debt from",
    Relationship.trust_or_estate_beneficiary: "a beneficiary of a trust or estate the business manages",
    Relationship.dormant_account_customer: "a customer whose dormant account balance went to the business",
}


@dataclass(frozen=True)
class _Limb:
    """One limb of the eligibility test: its answer, why, and the paragraph (or paragraphs) it comes from."""

    passed: bool | None
    reason: str
    paragraph: str


def _cite_once(*parts: str) -> Citation:
    """The citation of every paragraph in ``parts``, each once, in the order first cited."""
    return cite(*dict.fromkeys(paragraph for part in parts for paragraph in cite(part).paragraphs))


def _money(amount: Decimal, symbol: str) -> str:
    """Money in a sentence: whole amounts without pence (``£1,000,000``), else to the penny."""
    if amount == amount.to_integral_value():
        return f"{symbol}{amount:,.0f}"
    return f"{symbol}{amount:,.2f}"


def _all(*answers: bool | None) -> bool | None:
    """Three-valued "and": False beats None beats True."""
    if any(answer is False for answer in answers):
        return False
    if any(answer is None for answer in answers):
        return None
    return True


def _any(*answers: bool | None) -> bool | None:
    """Three-valued "or": True beats None beats False."""
    if any(answer is True for answer in answers):
        return True
    if any(answer is None for answer in answers):
        return None
    return False


# DISP 2.7.3R


def _micro_enterprise(complainant: Complainant, rulebook: Rulebook, *, payment_services: bool = False) -> _Limb:
    """DISP 2.7.3R(2): at the time of the referral to the respondent; for payment services, alternatively when the
    payment service contract was made (DISP 2.7.3R(2)(a)): either time is enough."""
    at_referral = _micro_enterprise_at(
        complainant.employees, complainant.annual_turnover, complainant.balance_sheet_total, rulebook=rulebook, when=""
    )
    if not payment_services or at_referral.passed is True:
        return at_referral
    at_contract = _micro_enterprise_at(
        complainant.employees_at_contract,
        complainant.annual_turnover_at_contract,
        complainant.balance_sheet_total_at_contract,
        rulebook=rulebook,
        when="_at_contract",
    )
    if at_contract.passed is True:
        return _Limb(
            True, "The complainant was a micro-enterprise when the payment service contract was made.", _PAYMENT
        )
    if at_referral.passed is False and at_contract.passed is False:
        return _Limb(
            False,
            f"{at_referral.reason} Nor was it one when the payment service contract was made: "
            f"{at_contract.reason.removeprefix('The complainant is not a micro-enterprise: ')}",
            _PAYMENT,
        )
    return _Limb(
        None,
        f"{at_referral.reason} It may have been one when the payment service contract was made, but "
        f"{at_contract.reason[0].lower()}{at_contract.reason[1:]}",
        _PAYMENT,
    )


def _micro_enterprise_at(
    employees: int | None,
    annual_turnover: Decimal | None,
    balance_sheet_total: Decimal | None,
    *,
    rulebook: Rulebook,
    when: str,
) -> _Limb:
    fewer_than = rulebook.micro_enterprise_employees_fewer_than
    limit = rulebook.micro_enterprise_euro_limit
    staff: bool | None = None if employees is None else employees < fewer_than
    turnover_ok = None if annual_turnover is None else annual_turnover <= limit
    balance_ok = None if balance_sheet_total is None else balance_sheet_total <= limit
    size = _any(turnover_ok, balance_ok)
    passed = _all(staff, size)
    missing: list[str] = []
    problems: list[str] = []
    if staff is None:
        missing.append(f"employees{when}")
    elif not staff:
        problems.append(f"it has {employees} employees (it must have fewer than {fewer_than})")
    if size is None:
        facts_asked = ((f"annual_turnover{when}", turnover_ok), (f"balance_sheet_total{when}", balance_ok))
        missing.extend(name for name, known in facts_asked if known is None)
    elif not size:
        problems.append(f"its annual turnover and balance sheet total are both over {_money(limit, 'EUR ')}")
    if passed is True:
        return _Limb(True, "The complainant is a micro-enterprise.", _KIND)
    if passed is False:
        return _Limb(False, f"The complainant is not a micro-enterprise: {' and '.join(problems)}.", _KIND)
    return _Limb(
        None,
        f"We cannot tell whether the complainant is a micro-enterprise ({' and '.join(missing)} "
        f"{'is' if len(missing) == 1 else 'are'} missing).",
        _KIND,
    )


def _under(amount: Decimal | None, limit: Decimal, what: str, *, fact: str, who: str) -> _Limb:
    if amount is None:
        return _Limb(None, f"We do not know the {who}'s {what} ({fact} is missing).", _KIND)
    if amount < limit:
        return _Limb(True, f"The {who}'s {what} is {_money(amount, '£')}, under {_money(limit, '£')}.", _KIND)
    return _Limb(
        False,
        f"The {who}'s {what} is {_money(amount, '£')}. It must be less than {_money(limit, '£')}.",
        _KIND,
    )


def _kind(complainant: Complainant, rulebook: Rulebook, *, payment_services: bool = False) -> _Limb:
    """DISP 2.7.3R (1) to (4)."""
    kind = complainant.kind
    if kind is ComplainantKind.consumer:
        return _Limb(True, "The complainant is a consumer.", _KIND)
    if kind is ComplainantKind.micro_enterprise:
        return _or_an_older_contract(
            _micro_enterprise(complainant, rulebook, payment_services=payment_services), complainant, rulebook
        )
    if kind is ComplainantKind.charity:
        return _under(
            complainant.annual_income,
            rulebook.charity_income_under,
            "annual income",
            fact="annual_income",
            who="charity",
        )
    if kind is ComplainantKind.trust:
        return _under(
            complainant.net_asset_value,
            rulebook.trust_net_assets_under,
            "net asset value",
            fact="net_asset_value",
            who="trust",
        )
    return _or_an_older_contract(
        _Limb(
            False,
            "The complainant is not a consumer, a micro-enterprise, a small charity or the trustee of a small trust.",
            _KIND,
        ),
        complainant,
        rulebook,
    )


# DISP TP 1 row 21


def _or_an_older_contract(limb: _Limb, complainant: Complainant, rulebook: Rulebook) -> _Limb:
    """DISP 2.7.3R, or else DISP TP 1 row 21 for a business: either is enough (three-valued "or")."""
    if limb.passed is True:
        return limb
    older = _business_with_an_older_contract(complainant, rulebook)
    if older.passed is True:
        return older
    if limb.passed is None and older.passed is False:
        return limb  # the fact DISP 2.7.3R is missing decides it: row 21 cannot
    return _Limb(
        _any(limb.passed, older.passed), f"{limb.reason} {older.reason}", _cite_once(limb.paragraph, older.paragraph)
    )


def _business_with_an_older_contract(complainant: Complainant, rulebook: Rulebook) -> _Limb:
    """DISP TP 1 row 21: a group annual turnover under £1 million when the complaint was referred to the respondent
    ("less than": £1 million itself is not under it), and a contract made before 1 November 2009."""
    limit = rulebook.transitional_group_turnover_under
    before = rulebook.transitional_contracts_before
    turnover = complainant.group_annual_turnover
    contract_on = complainant.contract_date
    turnover_ok = None if turnover is None else turnover < limit
    contract_ok = None if contract_on is None else contract_on < before
    passed = _all(turnover_ok, contract_ok)
    if passed is True and turnover is not None and contract_on is not None:
        return _Limb(
            True,
            f"The complainant is a business whose group annual turnover was {_money(turnover, '£')} when it "
            f"referred the complaint to the business, under {_money(limit, '£')}, and the complaint is about a "
            f"contract made on {long_date(contract_on)}, before {long_date(before)}. The transitional rule for "
            "contracts made before then makes it an eligible complainant.",
            _OLDER_CONTRACT,
        )
    if passed is False:
        problems: list[str] = []
        if turnover is not None and not turnover_ok:
            problems.append(
                f"its group annual turnover was {_money(turnover, '£')} (it must be under {_money(limit, '£')})"
            )
        if contract_on is not None and not contract_ok:
            problems.append(
                f"the contract was made on {long_date(contract_on)} (the rule covers contracts made before "
                f"{long_date(before)})"
            )
        return _Limb(
            False,
            f"Nor is it eligible under the transitional rule for older contracts: {' and '.join(problems)}.",
            _OLDER_CONTRACT,
        )
    facts_asked = (("group_annual_turnover", turnover_ok), ("contract_date", contract_ok))
    missing = [name for name, known in facts_asked if known is None]
    return _Limb(
        None,
        "It may still be eligible under the transitional rule for older contracts, as a business with a group "
        f"annual turnover under {_money(limit, '£')} when it referred the complaint to the business, complaining "
        f"about a contract made before {long_date(before)}; but {' and '.join(missing)} "
        f"{'is' if len(missing) == 1 else 'are'} missing.",
        _OLDER_CONTRACT,
    )


# DISP 2.7.6R


def _relationship(complainant: Complainant) -> _Limb:
    relationship = complainant.relationship
    if relationship is None:
        return _Limb(
            None,
            "We do not know the complainant's relationship with the business (relationship is missing).",
            _RELATIONSHIP,
        )
    if relationship is Relationship.none:
        return _Limb(
            False,
            "The complaint does not come from a relationship with the business that we can consider, "
            "such as being its customer.",
            _RELATIONSHIP,
        )
    return _Limb(True, f"The complainant is {RELATIONSHIP_IN_WORDS[relationship]}.", _RELATIONSHIP)


# DISP 2.7.9R


def _not_a_business_complaining_of_its_own_activity(complainant: Complainant) -> _Limb:
    """DISP 2.7.9R(1), in every jurisdiction."""
    if complainant.carries_on_the_activity_itself:
        return _Limb(
            False,
            "The complainant is itself a financial business, and the complaint is about an activity it "
            "carries on itself.",
            _EXCLUSIONS,
        )
    return _Limb(True, "", _EXCLUSIONS)


def _client_category(complainant: Complainant, *, act_on: date | None, rulebook: Rulebook) -> tuple[str, str, str]:
    """The category DISP 2.7.9R(2) excludes that the complainant was in at the time of the act, if any, as
    (which, paragraph, a note on a category recorded for the wrong years).

    From 1 November 2007: a professional client or eligible counterparty. For an act before then (DISP TP 1 row
    1B): an intermediate customer or market counterparty. With no date for the act, each category the complainant
    is recorded in is taken to be of its own years, since it was in it "at the time of the act".
    """
    categories_from = rulebook.client_categories_from
    earlier = act_on is not None and act_on < categories_from
    later = act_on is not None and act_on >= categories_from
    if complainant.intermediate_customer and not later:
        return "an intermediate customer or market counterparty", _EARLIER_CATEGORIES, ""
    if complainant.professional_client and not earlier:
        return "a professional client", _EXCLUSIONS, ""
    if complainant.eligible_counterparty and not earlier:
        return "an eligible counterparty", _EXCLUSIONS, ""
    if act_on is None or not (
        complainant.intermediate_customer or complainant.professional_client or complainant.eligible_counterparty
    ):
        return "", _EXCLUSIONS, ""
    if earlier:
        return (
            "",
            _EARLIER_CATEGORIES,
            f"For an act before {long_date(categories_from)} (this one was on {long_date(act_on)}), the question is "
            "whether the complainant was an intermediate customer or market counterparty, not a professional client "
            "or eligible counterparty.",
        )
    return (
        "",
        _EARLIER_CATEGORIES,
        f"The intermediate customer and market counterparty categories ended before the act complained of (on "
        f"{long_date(act_on)}), so they do not rule the complainant out.",
    )


def _not_a_professional_client(
    complainant: Complainant, jurisdiction: str | None, *, act_on: date | None, rulebook: Rulebook
) -> _Limb:
    """DISP 2.7.9R(2), in the Compulsory Jurisdiction only; a pension scheme trustee is not excluded. The category
    is the complainant's at the time of the act complained of (``event_date``), with DISP TP 1 row 1B's earlier
    categories for an act before 1 November 2007."""
    if complainant.pension_scheme_trustee or jurisdiction not in (COMPULSORY, None):
        return _Limb(True, "", _EXCLUSIONS)
    which, paragraph, note = _client_category(complainant, act_on=act_on, rulebook=rulebook)
    if not which:
        return _Limb(True, note, paragraph)
    when = ""
    if paragraph == _EARLIER_CATEGORIES:
        when = f" (the categories for an act before {long_date(rulebook.client_categories_from)})"
    if jurisdiction is None:
        return _Limb(
            None,
            f"The complainant was {which}{when}, which rules them out in the Compulsory Jurisdiction. We do not "
            "know yet which jurisdiction applies.",
            paragraph,
        )
    return _Limb(
        False,
        f"The complainant was {which} of the business{when}. That rules them out in "
        f"{JURISDICTION_IN_WORDS[COMPULSORY]}.",
        paragraph,
    )


def _not_a_body_corporate(complainant: Complainant, jurisdiction: str | None) -> _Limb:
    """DISP 2.7.9R(3), in the Consumer Credit Jurisdiction only."""
    if not complainant.body_corporate_or_large_partnership or jurisdiction not in (CONSUMER_CREDIT, None):
        return _Limb(True, "", _EXCLUSIONS)
    if jurisdiction is None:
        return _Limb(
            None,
            "The complainant is a company or a partnership of more than three people, which rules them out "
            "in the Consumer Credit Jurisdiction. We do not know yet which jurisdiction applies.",
            _EXCLUSIONS,
        )
    return _Limb(
        False,
        "The complainant is a company or a partnership of more than three people. That rules them out in "
        f"{JURISDICTION_IN_WORDS[CONSUMER_CREDIT]}.",
        _EXCLUSIONS,
    )


def _act_on(facts: CaseFacts, rulebook: Rulebook) -> date | None:
    """The act complained of, for DISP TP 1 row 1B: the event's date; of a complaint about several events (judged
    once for the complaint, DISP 2.7.3R), the first event's when they all fall on one side of the day the client
    categories changed, and none when they straddle it (then each category counts in its own years)."""
    if facts.event_date is not None or not facts.events:
        return facts.event_date
    sides = {event.date < rulebook.client_categories_from for event in facts.events}
    return facts.events[0].date if len(sides) == 1 else None


def eligible_complainant(facts: CaseFacts, jurisdiction: str | None, rulebook: Rulebook) -> Finding:
    """DISP 2.7.3R, 2.7.6R, 2.7.9R: an eligible kind of complainant, with a qualifying relationship with the
    respondent, and not excluded in ``jurisdiction`` (``None`` when it is not yet known).
    """
    check_jurisdiction(jurisdiction)
    complainant = facts.complainant
    payment_services = facts.payment_services_complaint or facts.activity is Activity.payment_services
    limbs = (
        _kind(complainant, rulebook, payment_services=payment_services),
        _relationship(complainant),
        _not_a_business_complaining_of_its_own_activity(complainant),
        _not_a_professional_client(complainant, jurisdiction, act_on=_act_on(facts, rulebook), rulebook=rulebook),
        _not_a_body_corporate(complainant, jurisdiction),
    )
    passed = _all(*(limb.passed for limb in limbs))
    if passed is True:
        reasons = [limb.reason for limb in limbs if limb.reason]
        return Finding(
            ELIGIBLE_COMPLAINANT,
            True,
            " ".join([*reasons, "Nothing rules them out."]),
            # The kind's paragraph (2.7.3R, with (2)(a) or TP 1 row 21 where they decided it), then 2.7.6R, 2.7.9R.
            _cite_once(*(limb.paragraph for limb in limbs)),
        )
    # Report every limb with the decisive answer: all failures, or (if none failed) all the missing facts.
    decisive = [limb for limb in limbs if limb.passed is passed]
    return Finding(
        ELIGIBLE_COMPLAINANT,
        passed,
        " ".join(limb.reason for limb in decisive),
        _cite_once(*(limb.paragraph for limb in decisive)),
    )
