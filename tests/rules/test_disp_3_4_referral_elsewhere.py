"""DISP 3.4.1R: a complaint may be referred to a more suitable complaints scheme only with the complainant's
consent."""

from __future__ import annotations

from ombudsman.rules.disp_3_4_referral_elsewhere import may_refer_elsewhere

SCHEME = "the Pensions Ombudsman"


def test_a_complaint_may_be_referred_elsewhere_with_the_complainants_consent_and_the_reason_names_the_scheme() -> None:
    found = may_refer_elsewhere(SCHEME, True)
    assert found.passed is True
    assert found.citation == "DISP 3.4.1R"
    assert SCHEME in found.reason
    assert "agrees" in found.reason


def test_a_complaint_cannot_be_referred_elsewhere_without_the_complainants_consent() -> None:
    found = may_refer_elsewhere(SCHEME, False)
    assert found.passed is False
    assert found.citation == "DISP 3.4.1R"
    assert "consent" in found.reason
