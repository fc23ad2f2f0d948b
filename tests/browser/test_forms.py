"""Issue 21, part A, in a real browser: forms people can fill in. A firm says No on its radios and records a final
response that did not mention the time limit; a caseworker sets a time limit chosen from the list and proposes a
dismissal chosen by the words of its ground; a stale form says what changed and, sent again, succeeds; an
ombudsman works out an award over the limit before determining. Screenshots at desktop and 320 px show no raw
names, no None and no JSON box."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import Browser, Page, expect

from ombudsman.clock import SystemClock
from tests.browser.test_docs_offline import browser  # noqa: F401 - the module's browser fixture
from tests.browser.test_pages import ARTEFACTS, Served, fill, served, sign_in, stage, take  # noqa: F401
from tests.live.server import case_body

RAW = ("record_late_referral_position", "financial_loss", "dismissal_representations", ">None<", "As JSON")


def _no_raw_names(page: Page) -> None:
    text = page.locator("main").inner_text()
    for raw in RAW:
        assert (
            raw not in text and raw not in page.content().split("<main", 1)[-1].replace('value="', "").split("name=")[0]
        ), raw


def test_the_forms_are_filled_in_as_people_would(browser: Browser, served: Served) -> None:  # noqa: F811
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    today = SystemClock().today()
    pages = {}
    for role in ("caseworker", "ombudsman", "firm"):
        pages[role] = browser.new_context().new_page()
        sign_in(pages[role], served, role)
    firm, staff, ombudsman = pages["firm"], pages["caseworker"], pages["ombudsman"]

    take(firm, served, "record_late_referral_position", consents="false", reasons="It came to us too late.")
    sent_on = case_body(today)["final_response_sent_on"]
    take(firm, served, "record_final_response", sent_on=sent_on, mentioned_time_limit="false")
    take(staff, served, "start_jurisdiction_check")
    take(
        staff,
        served,
        "set_time_limit",
        deadline="information",
        until=(today + timedelta(days=14)).isoformat(),
        reasons="Send us your statements.",
    )

    # A stale form: the caseworker reads the case, the ombudsman changes it, the caseworker's form is refused,
    # says what changed, and sent again succeeds.
    staff.goto(f"{served.server.base_url}/cases/{served.reference}")
    staff.click("#form-propose_dismissal summary")
    fill(staff, "propose_dismissal", {"ground": "2", "reasons": "The complaint repeats one already decided."})
    staff.screenshot(path=str(ARTEFACTS / "form-dismissal-desktop.png"), full_page=True)
    take(
        ombudsman,
        served,
        "extend_time_limit",
        deadline="information",
        until=(today + timedelta(days=21)).isoformat(),
        reasons="More time.",
    )
    staff.click("button[data-step=propose_dismissal]")
    expect(staff.locator("#changed-since")).to_contain_text("Extend a time limit, by")
    staff.screenshot(path=str(ARTEFACTS / "forms-stale-desktop.png"), full_page=True)
    staff.click("button[data-step=propose_dismissal]")
    expect(staff.locator(".govuk-error-summary")).to_have_count(0)
    assert stage(staff) == "dismissal representations"
    _no_raw_names(staff)
    staff.screenshot(path=str(ARTEFACTS / "forms-case-desktop.png"), full_page=True)

    # An award over the limit worked out before determining, on a second case brought to the ombudsman.
    with served.server.client(served.tokens["caseworker"]) as client:
        second = client.post("/v1/cases", json=case_body(today, "Bea Example")).json()["reference"]
        for kind, body in (
            ("transitions", {"trigger": "start_jurisdiction_check"}),
            ("transitions", {"trigger": "accept_jurisdiction", "reasons": "Every test passes."}),
            *(
                ("actions", {"action": "make_representations", "text": "Our side.", "on_behalf_of": party})
                for party in ("complainant", "respondent")
            ),
            ("transitions", {"trigger": "issue_provisional_assessment", "outcome": "uphold", "reasons": "Unsuitable."}),
        ):
            answer = client.post(f"/v1/cases/{second}/{kind}", json=body)
            assert answer.status_code == 200, answer.text
    with served.server.client(served.tokens["firm"]) as client:
        answer = client.post(f"/v1/cases/{second}/transitions", json={"trigger": "disagree", "reasons": "No."})
        assert answer.status_code == 200, answer.text
    phone = browser.new_context(viewport={"width": 320, "height": 900}).new_page()
    sign_in(phone, served, "ombudsman")
    for page in (ombudsman, phone):
        page.goto(f"{served.server.base_url}/cases/{second}")
        page.click("#form-determine summary")
        fill(
            page,
            "determine",
            {"outcome": "uphold", "reasons": "Unsuitable.", "awards.money.0.head": "financial_loss"},
        )
        page.locator('[name="awards.money.0.amount"]').fill("200000")
        page.click("button[name=work_out]")
        expect(page.locator("#worked-out")).to_be_visible()
        expect(page.locator("main")).to_contain_text("£150,000")
        expect(page.locator("main")).to_contain_text("£50,000")
        _no_raw_names(page)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    phone.screenshot(path=str(ARTEFACTS / "forms-award-phone.png"), full_page=True)
    ombudsman.screenshot(path=str(ARTEFACTS / "forms-award-desktop.png"), full_page=True)
    for tool in ("awards", "jurisdiction"):  # the staff tools: forms of their own fields, answered
        phone.goto(f"{served.server.base_url}/tools/{tool}")
        phone.locator("#tool button[data-submit=tool]").click()
        expect(phone.locator(".govuk-error-summary")).to_have_count(0)
        _no_raw_names(phone)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 320
        phone.screenshot(path=str(ARTEFACTS / f"forms-tool-{tool}-phone.png"), full_page=True)
    ombudsman.click("button[data-step=determine]")
    expect(ombudsman.locator(".govuk-error-summary")).to_have_count(0)
    expect(ombudsman.locator("h1")).to_have_text("Check your answers")  # a binding act is checked first
    expect(ombudsman.locator("main")).to_contain_text("Financial loss")  # the answers in words, not names
    ombudsman.click("button[name=confirm]")
    assert stage(ombudsman) == "determined"
