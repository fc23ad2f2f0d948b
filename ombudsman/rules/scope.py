"""DISP 2.3 to 2.6: which jurisdiction covers the activity, and was it carried on from the right place?

DISP 2.3 (Compulsory Jurisdiction): a complaint about an act or omission
  - by a firm in carrying on regulated activities, payment services, consumer credit activities, lending
    money secured by a charge on land, lending money, paying money by a plastic card, or providing
    ancillary banking services (DISP 2.3.1R);
  - by a payment service provider in carrying on payment services or consumer credit activities (DISP
    2.3.1AR);
  - by an electronic money issuer in carrying on issuance of electronic money or consumer credit
    activities (DISP 2.3.1BR);
  and any ancillary activities, including advice, carried on in connection with them.
DISP 2.4 (Consumer Credit Jurisdiction): a complaint not covered by the Compulsory Jurisdiction, about an
  act or omission by a licensee in carrying on consumer credit activities or ancillary activities (DISP
  2.4.1R).
DISP 2.5 (Voluntary Jurisdiction): a complaint not covered by the other two, about an act or omission by a
  VJ participant in carrying on one of the activities listed in DISP 2.5.1R(2)(a) to (m) (DISP 2.5.1R).

DISP 2.6 (territorial scope):
  - the Compulsory Jurisdiction covers activities carried on from an establishment in the United Kingdom, and
    also (2.6.1R(2)) collective portfolio management services provided by an EEA UCITS management company
    managing a UCITS scheme from an establishment in another EEA State under the freedom to provide
    cross-border services (``eea_ucits_cross_border``);
  - the Consumer Credit Jurisdiction covers only activities of a licensee carried on from an establishment
    in the United Kingdom;
  - the Voluntary Jurisdiction covers only activities carried on from an establishment (1) in the United
    Kingdom, or (2) elsewhere in the EEA if (a) the activity is directed wholly or partly at the United
    Kingdom, (b) the contracts are made under the law of a part of the United Kingdom, and (c) the VJ
    participant has told its Home State regulators it will take part in the Voluntary Jurisdiction
    (``eea_conditions_met``).

"""

from __future__ import annotations

from dataclasses import dataclass

from ombudsman.citations import cite
from ombudsman.rules.facts import Activity, CaseFacts, Establishment, RespondentKind
from ombudsman.rules.finding import Finding

ACTIVITY_IN_SCOPE = "activity_in_scope"
TERRITORY = "territory"

COMPULSORY = "compulsory"
CONSUMER_CREDIT = "consumer_credit"
VOLUNTARY = "voluntary"
JURISDICTIONS: tuple[str, ...] = (COMPULSORY, CONSUMER_CREDIT, VOLUNTARY)

JURISDICTION_IN_WORDS = {
    COMPULSORY: "the Compulsory Jurisdiction",
    CONSUMER_CREDIT: "the Consumer Credit Jurisdiction",
    VOLUNTARY: "the Voluntary Jurisdiction",
}
_JURISDICTION_CITATION = {
    COMPULSORY: "DISP 2.3",
    CONSUMER_CREDIT: "DISP 2.4",
    VOLUNTARY: "DISP 2.5",
}

ACTIVITY_IN_WORDS = {
    Activity.regulated_activity: "a regulated activity",
    Activity.payment_services: "payment services",
    Activity.electronic_money: "issuing electronic money",
    Activity.consumer_credit: "consumer credit",
    Activity.secured_lending: "lending money secured on land",
    Activity.lending: "lending money",
    Activity.plastic_card_payment: "paying money by a plastic card",
    Activity.ancillary_banking: "ancillary banking services",
    Activity.voluntary_jurisdiction_activity: "an activity listed for the Voluntary Jurisdiction",
    Activity.other: "an activity outside the Ombudsman's jurisdictions",
}

RESPONDENT_IN_WORDS = {
    RespondentKind.firm: "an authorised firm",
    RespondentKind.payment_service_provider: "a payment service provider",
    RespondentKind.electronic_money_issuer: "an electronic money issuer",
    RespondentKind.licensee: "a consumer credit licensee",
    RespondentKind.vj_participant: "a participant in the Voluntary Jurisdiction",
}


@dataclass(frozen=True)
class _Coverage:
    """What one kind of respondent is covered for, and under which jurisdiction."""

    jurisdiction: str
    activities: frozenset[Activity]


_COVERAGE: dict[RespondentKind, _Coverage] = {
    # DISP 2.3.1R
    RespondentKind.firm: _Coverage(
        COMPULSORY,
        frozenset(
            {
                Activity.regulated_activity,
                Activity.payment_services,
                Activity.consumer_credit,
                Activity.secured_lending,
                Activity.lending,
                Activity.plastic_card_payment,
                Activity.ancillary_banking,
            }
        ),
    ),
    # DISP 2.3.1AR
    RespondentKind.payment_service_provider: _Coverage(
        COMPULSORY, frozenset({Activity.payment_services, Activity.consumer_credit})
    ),
    # DISP 2.3.1BR
    RespondentKind.electronic_money_issuer: _Coverage(
        COMPULSORY, frozenset({Activity.electronic_money, Activity.consumer_credit})
    ),
    # DISP 2.4.1R
    RespondentKind.licensee: _Coverage(CONSUMER_CREDIT, frozenset({Activity.consumer_credit})),
    # DISP 2.5.1R(2)(a) to (m): every activity the facts can name, except one outside them all.
    RespondentKind.vj_participant: _Coverage(VOLUNTARY, frozenset(Activity) - {Activity.other}),
}


def check_jurisdiction(jurisdiction: str | None) -> None:
    """Refuse a jurisdiction the rules do not model rather than guess what it covers."""
    if jurisdiction is not None and jurisdiction not in JURISDICTIONS:
        raise ValueError(f"unknown jurisdiction {jurisdiction!r}: choose one of {', '.join(JURISDICTIONS)}")


def activity_in_scope(facts: CaseFacts) -> Finding:
    """DISP 2.3, 2.4, 2.5: the jurisdiction the respondent's kind and the activity fall in (``details``)."""
    activity = facts.activity
    respondent = RESPONDENT_IN_WORDS[facts.respondent.kind]
    if activity is None:
        return Finding(
            ACTIVITY_IN_SCOPE,
            None,
            "We do not know what the business was doing when the problem happened (activity is missing). "
            "So we cannot tell whether we can look at it.",
            cite("DISP 2.3", "DISP 2.4", "DISP 2.5"),
            details={"jurisdiction": None},
        )
    coverage = _COVERAGE[facts.respondent.kind]
    if activity in coverage.activities:
        return Finding(
            ACTIVITY_IN_SCOPE,
            True,
            f"The complaint is about {ACTIVITY_IN_WORDS[activity]} by {respondent}. "
            f"That is covered by {JURISDICTION_IN_WORDS[coverage.jurisdiction]}.",
            cite(_JURISDICTION_CITATION[coverage.jurisdiction]),
            details={"jurisdiction": coverage.jurisdiction},
        )
    return Finding(
        ACTIVITY_IN_SCOPE,
        False,
        f"The complaint is about {ACTIVITY_IN_WORDS[activity]} by {respondent} "
        f"(respondent kind {facts.respondent.kind.value}, activity {activity.value}). "
        "None of our jurisdictions covers that.",
        cite("DISP 2.3", "DISP 2.4", "DISP 2.5"),
        details={"jurisdiction": None},
    )


def territory(facts: CaseFacts, jurisdiction: str | None) -> Finding:
    """DISP 2.6: the activity was carried on from an establishment the jurisdiction covers."""
    check_jurisdiction(jurisdiction)
    citation = cite("DISP 2.6")
    establishment = facts.establishment
    if establishment is None:
        return Finding(
            TERRITORY,
            None,
            "We do not know where the business carried on the activity from (establishment is missing).",
            citation,
        )
    # Base rule for every jurisdiction: an establishment in the United Kingdom.
    if establishment is Establishment.uk:
        return Finding(TERRITORY, True, "The business carried on the activity from the United Kingdom.", citation)
    if jurisdiction is None:
        return Finding(
            TERRITORY,
            None,
            f"The business carried on the activity from outside the United Kingdom ({establishment.value}). "
            "Whether that is covered depends on which jurisdiction applies, and we do not know that yet.",
            citation,
        )
    # Exception, Compulsory Jurisdiction: an EEA UCITS management company's cross-border collective portfolio
    # management of a UCITS scheme (DISP 2.6.1R(2)).
    if jurisdiction == COMPULSORY and establishment is Establishment.eea and facts.eea_ucits_cross_border:
        return Finding(
            TERRITORY,
            True,
            "The business is an EEA UCITS management company managing a UCITS scheme from elsewhere in the EEA "
            "under the freedom to provide cross-border services, which the Compulsory Jurisdiction covers.",
            cite("DISP 2.6.1R(2)"),
        )
    # Exception, Voluntary Jurisdiction only: an EEA establishment meeting the DISP 2.6 conditions.
    if jurisdiction == VOLUNTARY and establishment is Establishment.eea:
        if facts.eea_conditions_met is None:
            return Finding(
                TERRITORY,
                None,
                "The business carried on the activity from elsewhere in the EEA. We do not know whether it "
                "meets the conditions for the Voluntary Jurisdiction (eea_conditions_met is missing).",
                citation,
            )
        if facts.eea_conditions_met:
            return Finding(
                TERRITORY,
                True,
                "The business carried on the activity from elsewhere in the EEA, and meets the conditions "
                "for the Voluntary Jurisdiction.",
                citation,
            )
        return Finding(
            TERRITORY,
            False,
            "The business carried on the activity from elsewhere in the EEA, but does not meet the "
            "conditions for the Voluntary Jurisdiction.",
            citation,
        )
    where = "elsewhere in the EEA" if establishment is Establishment.eea else "outside the United Kingdom and the EEA"
    covered = "the United Kingdom, or the EEA on conditions" if jurisdiction == VOLUNTARY else "the United Kingdom"
    return Finding(
        TERRITORY,
        False,
        f"The business carried on the activity from {where}. "
        f"The complaint falls in {JURISDICTION_IN_WORDS[jurisdiction]}, which covers only {covered}.",
        citation,
    )
