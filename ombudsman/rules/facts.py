"""The case facts the DISP 2 tests are judged on: the body of ``POST /v1/cases`` .

Every fact but the complainant's name and kind, the respondent and the referral date may be missing; a test that
needs a missing fact answers "undecided" rather than guess. Facts that cannot be true together (a final response
before the complaint reached the respondent, awareness before the event) are refused here, naming the field.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from ombudsman.rules.several_events import MOST_EVENTS, Event, answered_after_received
from ombudsman.rules.values import Count, Day, EmailAddress, Flag, Frn, Money, Printable
from ombudsman.rules.words import said


class ComplainantKind(StrEnum):
    consumer = "consumer"
    micro_enterprise = "micro_enterprise"
    charity = "charity"
    trust = "trust"
    other = "other"


said(
    ComplainantKind,
    {
        "consumer": "A consumer",
        "micro_enterprise": "A micro-enterprise",
        "charity": "A charity",
        "trust": "A trust",
        "other": "Someone else",
    },
)


class Relationship(StrEnum):
    """DISP 2.7.6R: the complainant's relationship with the respondent, by sub-paragraph."""

    customer = "customer"  # (1) customer, payment service user or electronic money holder
    potential_customer = "potential_customer"  # (2)
    unit_holder = "unit_holder"  # (3) units in a collective investment scheme
    pension_beneficiary = "pension_beneficiary"  # (4)
    insurance_beneficiary = "insurance_beneficiary"  # (5)
    devolved_insurance_claim = "devolved_insurance_claim"  # (6)
    cheque_guarantee_card = "cheque_guarantee_card"  # (7)
    cheque_true_owner = "cheque_true_owner"  # (8)
    bankers_reference = "bankers_reference"  # (9)
    guarantor = "guarantor"  # (10)
    credit_reference_subject = "credit_reference_subject"  # (11)
    debt_recovery_subject = "debt_recovery_subject"  # (12)
    trust_or_estate_beneficiary = "trust_or_estate_beneficiary"  # (13)
    dormant_account_customer = "dormant_account_customer"  # (14)
    none = "none"  # no qualifying relationship


said(
    Relationship,
    {
        "customer": "A customer, payment service user or electronic money holder",
        "potential_customer": "A potential customer",
        "unit_holder": "A holder of units in a collective investment scheme",
        "pension_beneficiary": "A beneficiary of a pension scheme",
        "insurance_beneficiary": "A beneficiary of an insurance policy",
        "devolved_insurance_claim": "Someone with a claim on an insurance policy devolved to them",
        "cheque_guarantee_card": "Someone relying on a cheque guarantee card",
        "cheque_true_owner": "The true owner of a cheque",
        "bankers_reference": "Someone given a banker's reference",
        "guarantor": "A guarantor",
        "credit_reference_subject": "Someone a credit reference agency holds information about",
        "debt_recovery_subject": "Someone a debt is being recovered from",
        "trust_or_estate_beneficiary": "A beneficiary of a trust or estate",
        "dormant_account_customer": "A customer with a dormant account",
        "none": "None of these",
    },
)


class RespondentKind(StrEnum):
    firm = "firm"
    payment_service_provider = "payment_service_provider"
    electronic_money_issuer = "electronic_money_issuer"
    licensee = "licensee"
    vj_participant = "vj_participant"


said(
    RespondentKind,
    {
        "firm": "An authorised firm",
        "payment_service_provider": "A payment service provider",
        "electronic_money_issuer": "An electronic money issuer",
        "licensee": "A consumer credit licensee",
        "vj_participant": "A participant in the voluntary jurisdiction",
    },
)


class Activity(StrEnum):
    """What the respondent was doing, in the words of DISP 2.3.1R, 2.3.1AR, 2.3.1BR, 2.4.1R and 2.5.1R."""

    regulated_activity = "regulated_activity"
    payment_services = "payment_services"
    electronic_money = "electronic_money"
    consumer_credit = "consumer_credit"
    secured_lending = "secured_lending"
    lending = "lending"
    plastic_card_payment = "plastic_card_payment"
    ancillary_banking = "ancillary_banking"
    voluntary_jurisdiction_activity = "voluntary_jurisdiction_activity"  # only in DISP 2.5.1R's list
    other = "other"


said(
    Activity,
    {
        "regulated_activity": "A regulated activity",
        "payment_services": "Payment services",
        "electronic_money": "Issuing electronic money",
        "consumer_credit": "Consumer credit",
        "secured_lending": "Secured lending",
        "lending": "Lending",
        "plastic_card_payment": "Paying by plastic card",
        "ancillary_banking": "Banking services ancillary to these",
        "voluntary_jurisdiction_activity": "An activity in the voluntary jurisdiction",
        "other": "Something else",
    },
)


class UkNation(StrEnum):
    """The part of the United Kingdom whose bank holidays a business day counts (DISP 2.8.1R(2A)): the respondent's
    establishment's."""

    england_and_wales = "england_and_wales"
    scotland = "scotland"
    northern_ireland = "northern_ireland"


said(
    UkNation, {"england_and_wales": "England and Wales", "scotland": "Scotland", "northern_ireland": "Northern Ireland"}
)


class Establishment(StrEnum):
    uk = "uk"
    eea = "eea"
    other = "other"


said(
    Establishment,
    {"uk": "In the United Kingdom", "eea": "In the European Economic Area", "other": "Somewhere else"},
)


class Adjustment(StrEnum):
    """Reasonable adjustments for a complainant who needs them (the service charter)."""

    large_print = "large_print"
    named_contact = "named_contact"
    more_time = "more_time"


said(
    Adjustment,
    {
        "large_print": "Letters in large print",
        "named_contact": "One named person to deal with",
        "more_time": "More time",
    },
)


class Complainant(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Printable = Field(min_length=1, max_length=200, title="Their name")
    kind: ComplainantKind = Field(title="Who is complaining")
    relationship: Relationship | None = Field(default=None, title="Their relationship with the business")
    annual_income: Money | None = Field(default=None, title="Their annual income")
    net_asset_value: Money | None = Field(default=None, title="Their net assets")
    employees: Count | None = Field(default=None, title="How many people they employ")
    # The micro-enterprise test (Recommendation 2003/361/EC) is in euros, so these two are in euros too. They are
    # the size when the complaint was referred to the respondent.
    annual_turnover: Money | None = Field(default=None, title="Their annual turnover, in euros")
    balance_sheet_total: Money | None = Field(default=None, title="Their balance sheet total, in euros")
    # For a payment-services complaint the size may instead be taken when the payment service contract was made
    # (DISP 2.7.3R(2)(a)): the same three facts as they were then.
    employees_at_contract: Count | None = Field(
        title="How many people they employed when the payment service contract was made",
        default=None,
        description="payment services: employees when the payment service contract was made",
    )
    annual_turnover_at_contract: Money | None = Field(
        title="Their annual turnover when that contract was made, in euros",
        default=None,
        description="payment services: annual turnover (EUR) when the contract was made",
    )
    balance_sheet_total_at_contract: Money | None = Field(
        title="Their balance sheet total when that contract was made, in euros",
        default=None,
        description="payment services: balance sheet total (EUR) when the contract was made",
    )
    # DISP TP 1 row 21: a business with a group annual turnover (pounds) under £1 million when it referred the
    # complaint to the respondent, about a contract made before 1 November 2009, is eligible though no micro-enterprise.
    group_annual_turnover: Money | None = Field(
        title="Their group's annual turnover, in pounds",
        default=None,
        description="a business's group annual turnover (pounds) when it referred the complaint to the respondent "
        "(DISP TP 1 row 21)",
    )
    contract_date: Day | None = Field(
        title="The date the contract complained about was made",
        default=None,
        description="the day the contract complained about was made (DISP TP 1 row 21)",
    )
    # DISP 2.7.9R(2): the complainant's client category at the time of the act complained of. From 1 November 2007, a
    # professional client or eligible counterparty; for an act before then (DISP TP 1 row 1B), an intermediate
    # customer or market counterparty.
    professional_client: Flag = Field(default=False, title="Whether they were a professional client of the business")
    eligible_counterparty: Flag = Field(
        default=False, title="Whether they were an eligible counterparty of the business"
    )
    intermediate_customer: Flag = Field(
        title="Whether they were an intermediate customer or market counterparty (before 1 November 2007)",
        default=False,
        description="an intermediate customer or market counterparty of the business at the time of an act before "
        "1 November 2007 (DISP TP 1 row 1B)",
    )
    pension_scheme_trustee: Flag = Field(
        default=False, title="Whether they complain as the trustee of a pension scheme"
    )
    carries_on_the_activity_itself: Flag = Field(
        default=False, title="Whether they carry on the activity complained about themselves"
    )
    body_corporate_or_large_partnership: Flag = Field(
        default=False, title="Whether they are a company or a partnership of more than three people"
    )
    # Letters to the complainant are emailed here (one address alone), else posted.
    contact_email: EmailAddress | None = Field(default=None, title="Their email address")
    contact_phone: Printable | None = Field(title="Their phone number", default=None, max_length=40)
    contact_address: Printable | None = Field(title="Their postal address", default=None, max_length=500)
    vulnerable: Flag = Field(default=False, title="Whether they are in vulnerable circumstances")
    needs: Printable | None = Field(title="What they need from us", default=None, max_length=2000)
    adjustments: list[Adjustment] = Field(title="The adjustments they asked for", default_factory=list)
    named_contact: Printable | None = Field(title="Someone they want us to speak to", default=None, max_length=200)


class Respondent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Printable = Field(min_length=1, max_length=200, title="Their name")
    frn: Frn = Field(title="Its firm reference number", description="the firm reference number: six or seven digits")
    kind: RespondentKind = Field(title="What kind of business it is")
    # The part of the United Kingdom its establishment is in: the bank holidays that are not business days when its
    # time for a payment-services complaint is counted in business days (DISP 2.8.1R(2A)).
    uk_nation: UkNation = Field(
        title="The part of the UK it is in",
        default=UkNation.england_and_wales,
        description="the part of the UK of its establishment, whose bank holidays count for business days",
    )
    # Its complaints team's address: the respondent's letters are emailed there, else posted (the print queue).
    contact_email: EmailAddress | None = Field(default=None, title="Its complaints team's email address")


class CaseFacts(BaseModel):
    """The facts of a complaint as recorded when it reaches the Ombudsman."""

    model_config = ConfigDict(extra="forbid")

    complainant: Complainant = Field(title="The complainant")
    respondent: Respondent = Field(title="The business complained about")
    # What was done, as the respondent's kind is covered for it: a firm's (a bank's) issuing of e-money is a
    # regulated activity (``regulated_activity``, DISP 2.3.1R); ``electronic_money`` is issuing it as an electronic
    # money issuer (DISP 2.3.1BR).
    activity: Activity | None = Field(default=None, title="What the business was doing")
    payment_services_complaint: Flag = Field(default=False, title="Whether the complaint is about payment services")
    holding_response_sent: Flag = Field(default=False, title="Whether the business sent a holding response")
    establishment: Establishment | None = Field(default=None, title="Where the business did it from")
    eea_conditions_met: Flag | None = Field(default=None, title="Whether the conditions for an EEA business are met")
    # DISP 2.6.1R(2): the respondent is an EEA UCITS management company managing a UCITS scheme from an
    # establishment in another EEA State under the freedom to provide cross-border services, and the complaint
    # is about that collective portfolio management: in the Compulsory Jurisdiction although from the EEA.
    eea_ucits_cross_border: Flag = Field(
        title="Whether it is an EEA UCITS management company managing a scheme cross-border",
        default=False,
        description="an EEA UCITS management company managing a UCITS scheme cross-border (DISP 2.6.1R(2))",
    )
    # The event complained of: one date (``event_date``), or for a complaint about several, ``events`` (below).
    event_date: Day | None = Field(default=None, title="The date of the act or omission complained about")
    awareness_date: Day | None = Field(
        default=None, title="When the complainant knew, or should have known, they had cause to complain"
    )
    # The date the respondent received the complaint, as its acknowledgement or another record shows it: the record
    # DISP 2.8.2R(2) asks for. Leave it empty where there is no such record (nor a complaint to the respondent).
    complained_to_respondent_on: Day | None = Field(default=None, title="The date the business received the complaint")
    final_response_sent_on: Day | None = Field(default=None, title="The date the business sent its final response")
    final_response_mentioned_time_limit: Flag = Field(
        default=False, title="Whether the final response told of the six-month time limit"
    )
    referred_on: Day = Field(title="The date the complaint was referred to us")
    # DISP 2.8.2R(5): True, the respondent consents; False, it objects (on the ground that the complaint is late);
    # None, it has not said. Which of them lets a late complaint be considered is the rulebook's dated rule.
    respondent_consents_to_late_referral: Flag | None = Field(
        default=None,
        title="Whether the business consents to our looking at a late complaint",
        description="DISP 2.8.2R(5): true, the respondent consents; false, it objects; null, it has not said",
    )
    exceptional_circumstances: Printable | None = Field(
        title="The complainant's account of why it is late", default=None, max_length=4000
    )
    summary: Printable | None = Field(title="What the complaint is about", default=None, max_length=4000)
    amount_claimed: Money | None = Field(default=None, title="The amount claimed")
    # Last, so that its check sees the dates above: a complaint about several events (DISP 2.8.2R(2)).
    events: list[Event] = Field(
        title="The events complained about, for a complaint about several", default_factory=list, max_length=MOST_EVENTS
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> CaseFacts:
        if self.event_date and self.awareness_date and self.awareness_date < self.event_date:
            raise ValueError("awareness_date is before event_date: nobody knows of an event before it happens")
        answered_after_received(self.complained_to_respondent_on, self.final_response_sent_on)
        if self.event_date and self.referred_on < self.event_date:
            raise ValueError("referred_on is before event_date: a complaint cannot be referred before its event")
        contract_on = self.complainant.contract_date
        if contract_on and self.referred_on < contract_on:
            raise ValueError(
                "complainant.contract_date is after referred_on: a complaint cannot be about a contract not yet made"
            )
        return self

    @field_validator("events")
    @classmethod
    def _events_hold_together(cls, events: list[Event], info: ValidationInfo) -> list[Event]:
        """A complaint gives one event date or a list of events, never both; ids are unique; no event comes after
        the referral."""
        if not events:
            return events
        if info.data.get("event_date") is not None:
            raise ValueError("give either event_date (one event) or events (several), not both")
        seen: set[str] = set()
        referred_on = info.data.get("referred_on")
        for event in events:
            if event.id in seen:
                raise ValueError(f"the id {event.id} is used twice; each event needs its own")
            seen.add(event.id)
            if referred_on is not None and referred_on < event.date:
                raise ValueError(
                    f"{event.id} is dated after referred_on; a complaint cannot be referred before its event"
                )
        return events

    def event(self, event_id: str) -> Event:
        """The event called ``event_id``."""
        for event in self.events:
            if event.id == event_id:
                return event
        raise KeyError(event_id)

    def for_event(self, event: Event) -> CaseFacts:
        """The facts of the complaint about ``event`` alone: its own dates and the respondent's answer and position
        on it where it has them, the complaint's own where it has not (what DISP 2.8.2R judges per event)."""
        own = {
            "complained_to_respondent_on": event.complained_to_respondent_on,
            "final_response_sent_on": event.final_response_sent_on,
            "final_response_mentioned_time_limit": event.final_response_mentioned_time_limit,
            "respondent_consents_to_late_referral": event.respondent_consents_to_late_referral,
        }
        update: dict[str, Any] = {name: value for name, value in own.items() if value is not None}
        if event.final_response_sent_on is not None and event.final_response_mentioned_time_limit is None:
            update["final_response_mentioned_time_limit"] = False  # its own answer, which did not say so
        # The complaint's awareness date speaks for an event that gives none; for an event after it, the
        # complainant could know of it no earlier than the day it happened.
        aware_on = event.awareness_date or (self.awareness_date and max(self.awareness_date, event.date))
        update.update(event_date=event.date, awareness_date=aware_on, events=[])
        return self.model_copy(update=update)

    @property
    def needs_more_time(self) -> bool:
        """A vulnerable complainant, or one granted more time, gets longer default windows."""
        return self.complainant.vulnerable or Adjustment.more_time in self.complainant.adjustments


PARTIES = ("complainant", "respondent")


def amended(facts: CaseFacts, changes: dict[str, Any]) -> CaseFacts:
    """The case facts with ``changes`` made, validated as a whole (a party's facts are changed field by field;
    every other fact is set outright). Raises ``ValidationError`` naming what is wrong."""
    data = facts.model_dump(mode="json")
    for key, value in changes.items():
        if key in PARTIES and isinstance(value, dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return CaseFacts.model_validate(data)


def differences(before: CaseFacts, after: CaseFacts) -> dict[str, dict[str, Any]]:
    """Each fact that differs, by its name (``complainant.name`` for a party's), with its old and new values as
    JSON: what an audit event keeps of a correction."""
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    changed: dict[str, dict[str, Any]] = {}
    for key in new:
        if key in PARTIES:
            for field, value in new[key].items():
                if old[key].get(field) != value:
                    changed[f"{key}.{field}"] = {"old": old[key].get(field), "new": value}
        elif old.get(key) != new[key]:
            changed[key] = {"old": old.get(key), "new": new[key]}
    return changed
