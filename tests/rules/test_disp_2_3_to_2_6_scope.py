"""DISP 2.3 to 2.6: which jurisdiction covers the activity, and was it carried on from the right place?"""

from __future__ import annotations

from typing import Any

import pytest

from ombudsman.rules.facts import Activity, CaseFacts, RespondentKind
from ombudsman.rules.scope import activity_in_scope, territory
from tests.factories import bare_facts


def case_facts(respondent_kind: str = "firm", **fields: Any) -> CaseFacts:
    """A complaint against a respondent of ``respondent_kind``, with ``fields`` on top."""
    return bare_facts(respondent={"kind": respondent_kind}, **fields)


FIRM_ACTIVITIES = {
    Activity.regulated_activity,
    Activity.payment_services,
    Activity.consumer_credit,
    Activity.secured_lending,
    Activity.lending,
    Activity.plastic_card_payment,
    Activity.ancillary_banking,
}

# The whole table: respondent kind -> (jurisdiction, citation, activities covered).
COVERED: dict[RespondentKind, tuple[str, str, set[Activity]]] = {
    RespondentKind.firm: ("compulsory", "DISP 2.3", FIRM_ACTIVITIES),
    RespondentKind.payment_service_provider: (
        "compulsory",
        "DISP 2.3",
        {Activity.payment_services, Activity.consumer_credit},
    ),
    RespondentKind.electronic_money_issuer: (
        "compulsory",
        "DISP 2.3",
        {Activity.electronic_money, Activity.consumer_credit},
    ),
    RespondentKind.licensee: ("consumer_credit", "DISP 2.4", {Activity.consumer_credit}),
    RespondentKind.vj_participant: ("voluntary", "DISP 2.5", set(Activity) - {Activity.other}),
}

EVERY_PAIR = [(kind, activity) for kind in RespondentKind for activity in Activity]


# DISP 2.3, 2.4, 2.5


class TestDisp23To25ActivityInScope:
    """DISP 2.3 (Compulsory), 2.4 (Consumer Credit) and 2.5 (Voluntary): the jurisdiction follows from the
    kind of respondent and the activity complained about."""

    @pytest.mark.parametrize("activity", sorted(FIRM_ACTIVITIES))
    def test_a_firms_listed_activities_are_in_the_compulsory_jurisdiction(self, activity: Activity) -> None:
        finding = activity_in_scope(case_facts("firm", activity=activity))
        assert finding.name == "activity_in_scope"
        assert finding.passed is True
        assert finding.details == {"jurisdiction": "compulsory"}
        assert finding.citation == "DISP 2.3"
        assert "Compulsory Jurisdiction" in finding.reason

    @pytest.mark.parametrize("activity", ["payment_services", "consumer_credit"])
    def test_a_payment_service_providers_payment_services_and_credit_are_compulsory(self, activity: str) -> None:
        finding = activity_in_scope(case_facts("payment_service_provider", activity=activity))
        assert finding.passed is True
        assert finding.details["jurisdiction"] == "compulsory"

    @pytest.mark.parametrize("activity", ["electronic_money", "consumer_credit"])
    def test_an_electronic_money_issuers_e_money_and_credit_are_compulsory(self, activity: str) -> None:
        finding = activity_in_scope(case_facts("electronic_money_issuer", activity=activity))
        assert finding.passed is True
        assert finding.details["jurisdiction"] == "compulsory"

    def test_a_licensees_consumer_credit_is_in_the_consumer_credit_jurisdiction(self) -> None:
        finding = activity_in_scope(case_facts("licensee", activity="consumer_credit"))
        assert finding.passed is True
        assert finding.details == {"jurisdiction": "consumer_credit"}
        assert finding.citation == "DISP 2.4"
        assert "Consumer Credit Jurisdiction" in finding.reason

    @pytest.mark.parametrize("activity", sorted(set(Activity) - {Activity.other}))
    def test_a_vj_participants_activities_are_in_the_voluntary_jurisdiction(self, activity: Activity) -> None:
        finding = activity_in_scope(case_facts("vj_participant", activity=activity))
        assert finding.passed is True
        assert finding.details == {"jurisdiction": "voluntary"}
        assert finding.citation == "DISP 2.5"

    @pytest.mark.parametrize(("kind", "activity"), EVERY_PAIR, ids=[f"{k.value}-{a.value}" for k, a in EVERY_PAIR])
    def test_every_kind_and_activity_falls_where_the_table_says(self, kind: RespondentKind, activity: Activity) -> None:
        jurisdiction, citation, activities = COVERED[kind]
        finding = activity_in_scope(case_facts(kind, activity=activity))
        if activity in activities:
            assert (finding.passed, finding.details["jurisdiction"], finding.citation) == (
                True,
                jurisdiction,
                citation,
            )
        else:
            assert finding.passed is False
            assert finding.details["jurisdiction"] is None
            assert kind.value in finding.reason
            assert activity.value in finding.reason
            assert finding.citation == "DISP 2.3, DISP 2.4, DISP 2.5"

    @pytest.mark.parametrize(
        ("kind", "activity"),
        [
            ("firm", "electronic_money"),
            ("firm", "voluntary_jurisdiction_activity"),
            ("payment_service_provider", "lending"),
            ("electronic_money_issuer", "payment_services"),
            ("licensee", "lending"),
            ("vj_participant", "other"),
        ],
    )
    def test_an_activity_outside_the_respondents_coverage_is_out_of_scope(self, kind: str, activity: str) -> None:
        finding = activity_in_scope(case_facts(kind, activity=activity))
        assert finding.passed is False
        assert f"respondent kind {kind}" in finding.reason
        assert f"activity {activity}" in finding.reason

    def test_an_unknown_activity_cannot_be_decided(self) -> None:
        finding = activity_in_scope(case_facts("firm"))
        assert finding.passed is None
        assert finding.details == {"jurisdiction": None}
        assert "activity is missing" in finding.reason
        assert finding.citation == "DISP 2.3, DISP 2.4, DISP 2.5"


# DISP 2.6


class TestDisp26Territory:
    """DISP 2.6: the Compulsory and Consumer Credit Jurisdictions cover activities carried on from the United
    Kingdom; the Voluntary Jurisdiction also covers the EEA if its conditions are met."""

    @pytest.mark.parametrize("jurisdiction", ["compulsory", "consumer_credit", "voluntary", None])
    def test_an_establishment_in_the_united_kingdom_is_covered_by_every_jurisdiction(
        self, jurisdiction: str | None
    ) -> None:
        finding = territory(case_facts(establishment="uk"), jurisdiction)
        assert finding.name == "territory"
        assert finding.passed is True
        assert "United Kingdom" in finding.reason
        assert finding.citation == "DISP 2.6"

    @pytest.mark.parametrize("jurisdiction", ["compulsory", "consumer_credit"])
    @pytest.mark.parametrize("establishment", ["eea", "other"])
    def test_the_compulsory_and_consumer_credit_jurisdictions_cover_only_the_united_kingdom(
        self, jurisdiction: str, establishment: str
    ) -> None:
        finding = territory(case_facts(establishment=establishment, eea_conditions_met=True), jurisdiction)
        assert finding.passed is False
        assert "covers only the United Kingdom" in finding.reason

    @pytest.mark.parametrize(("conditions_met", "passed"), [(True, True), (False, False), (None, None)])
    def test_the_voluntary_jurisdiction_covers_the_eea_when_its_conditions_are_met(
        self, conditions_met: bool | None, passed: bool | None
    ) -> None:
        finding = territory(case_facts(establishment="eea", eea_conditions_met=conditions_met), "voluntary")
        assert finding.passed is passed
        assert "EEA" in finding.reason
        if conditions_met is None:
            assert "eea_conditions_met" in finding.reason

    def test_the_voluntary_jurisdiction_does_not_cover_an_establishment_outside_the_eea(self) -> None:
        finding = territory(case_facts(establishment="other", eea_conditions_met=True), "voluntary")
        assert finding.passed is False
        assert "outside the United Kingdom and the EEA" in finding.reason

    @pytest.mark.parametrize("establishment", ["eea", "other"])
    def test_outside_the_united_kingdom_it_cannot_be_decided_before_the_jurisdiction_is_known(
        self, establishment: str
    ) -> None:
        finding = territory(case_facts(establishment=establishment), None)
        assert finding.passed is None
        assert "jurisdiction" in finding.reason

    @pytest.mark.parametrize("jurisdiction", ["compulsory", "voluntary", None])
    def test_an_unknown_establishment_cannot_be_decided(self, jurisdiction: str | None) -> None:
        finding = territory(case_facts(), jurisdiction)
        assert finding.passed is None
        assert "establishment is missing" in finding.reason
        assert finding.citation == "DISP 2.6"

    def test_a_jurisdiction_the_rules_do_not_model_is_refused(self) -> None:
        with pytest.raises(ValueError, match="unknown jurisdiction"):
            territory(case_facts(establishment="uk"), "statutory")


# DISP 2.6.1R(2): an EEA UCITS management company's cross-border management of a UCITS scheme


def test_an_eea_ucits_management_company_providing_services_cross_border_is_in_the_compulsory_jurisdiction() -> None:
    """The legal review's probe P4: it used to be put out on territory."""
    found = territory(case_facts(establishment="eea", eea_ucits_cross_border=True), "compulsory")
    assert found.passed is True
    assert found.citation == "DISP 2.6.1R(2)"


def test_an_eea_establishment_that_is_not_a_cross_border_ucits_manager_stays_out_of_the_compulsory_jurisdiction() -> (
    None
):
    assert territory(case_facts(establishment="eea"), "compulsory").passed is False


def test_the_ucits_exception_is_the_compulsory_jurisdictions_only() -> None:
    facts = case_facts(establishment="eea", eea_ucits_cross_border=True, respondent_kind="licensee")
    assert territory(facts, "consumer_credit").passed is False
