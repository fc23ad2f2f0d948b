"""The pages in a real browser (Debian's Chromium, driven by Playwright) on the real server, real clock and
PostgreSQL or SQLite: a case taken from referral to compliance by the four roles, each on their own pages, under
the pages' Content-Security-Policy, loading nothing from elsewhere; readable at 320 pixels and by keyboard.

Screenshots of the work queue, a case page and a letter, at desktop and phone width, are saved as artefacts in
``build/screenshots/`` (the README shows each role's pages, which ``tests/browser/test_roles.py`` saves).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from ombudsman.clock import SystemClock
from tests.browser.test_docs_offline import browser, watch  # noqa: F401 - the module's browser fixture
from tests.live.server import LiveServer, case_body

ARTEFACTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@dataclass
class Served:
    server: LiveServer
    tokens: dict[str, str]
    reference: str


@pytest.fixture
def served(database_url: str, tmp_path: Path) -> Iterator[Served]:
    server = LiveServer(database_url, tmp_path / "server.log")
    server.reset_schema()
    server.launch()
    try:
        tokens = {
            "caseworker": server.add_user("Priya Shah", "caseworker"),
            "ombudsman": server.add_user("Daniel Okafor", "ombudsman"),
            "firm": server.add_user("Bank complaints team", "firm", frn="123456"),
        }
        server.wait_until_ready()
        body = case_body(SystemClock().today())
        with server.client(tokens["caseworker"]) as client:
            reference = client.post("/v1/cases", json=body).json()["reference"]
        tokens["complainant"] = server.add_user_for_case("Ann Example", reference)
        yield Served(server, tokens, reference)
    finally:
        server.stop()


def sign_in(page: Page, served: Served, role: str) -> None:
    page.goto(f"{served.server.base_url}/login")
    page.fill("#token", served.tokens[role])
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Your cases")


def fill(page: Page, step: str, fields: dict[str, str]) -> None:
    """Fill in step ``step``'s form as a person would: a choice by clicking its radio or ticking its box (its
    value), a date in its three boxes (given as YYYY-MM-DD), text typed."""
    form = page.locator(f"form:has(button[data-step={step}])")
    for name, value in fields.items():
        choice = form.locator(f'input[name="{name}"][value="{value}"]')
        if choice.count():
            choice.check()
            continue
        if form.locator(f'input[name="{name}-day"]').count():
            year, month, day = value.split("-")
            for part, typed in (("day", day), ("month", month), ("year", year)):
                form.locator(f'input[name="{name}-{part}"]').fill(typed)
            continue
        target = form.locator(f'[name="{name}"]')
        if target.evaluate("element => element.tagName") == "SELECT":
            target.select_option(value)
        else:
            target.fill(value)


def take(page: Page, served: Served, step: str, fields: dict[str, str] | None = None, **more: str) -> None:
    """Open the case, open the step's form, fill it in and send it; the case page comes back without a problem."""
    page.goto(f"{served.server.base_url}/cases/{served.reference}")
    page.click(f"#form-{step} summary")
    fill(page, step, {**(fields or {}), **more})
    page.click(f"button[data-step={step}]")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    if page.locator("button[name=confirm]").count():  # a binding step: "Check your answers" first
        page.click("button[name=confirm]")
        expect(page.locator(".govuk-notification-banner")).to_be_visible()


def stage(page: Page) -> str:
    return page.locator("h1 + p .govuk-tag").inner_text().strip()  # the tag macro pads its text with spaces


def test_four_roles_take_a_case_from_referral_to_compliance_on_the_pages(browser: Browser, served: Served) -> None:  # noqa: F811
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    today = SystemClock().today()
    pages = {}
    for role in ("caseworker", "firm", "complainant", "ombudsman"):
        context = browser.new_context(viewport={"width": 1280, "height": 1400})
        pages[role] = context.new_page()
        pages[role].watched = watch(context, pages[role])  # type: ignore[attr-defined]
        sign_in(pages[role], served, role)
    staff, firm, ann, ombudsman = pages["caseworker"], pages["firm"], pages["complainant"], pages["ombudsman"]

    staff.screenshot(path=str(ARTEFACTS / "queue-desktop.png"), full_page=True)
    take(staff, served, "start_jurisdiction_check")
    take(staff, served, "accept_jurisdiction", reasons="Every DISP 2 test passes.")
    assert stage(staff) == "investigation"
    take(firm, served, "make_representations", text="The sale was explained in branch.")
    take(ann, served, "make_representations", text="Nobody told me it was optional.")
    take(
        staff,
        served,
        "issue_provisional_assessment",
        outcome="uphold",
        reasons="The policy was unsuitable.",
        fields={"awards.money.0.head": "financial_loss", "awards.money.0.amount": "1250.00"},
    )
    assert stage(staff) == "provisional assessment"
    staff.screenshot(path=str(ARTEFACTS / "case-desktop.png"), full_page=True)
    take(firm, served, "disagree", reasons="We think the sale was suitable.")
    take(
        ombudsman,
        served,
        "determine",
        outcome="uphold",
        reasons="The policy was unsuitable: put Ann back where she would have been.",
        accept_before=(today + timedelta(days=29)).isoformat(),
        fields={"awards.money.0.head": "financial_loss", "awards.money.0.amount": "1250.00"},
    )
    assert stage(ombudsman) == "determined"
    take(ann, served, "accept")
    assert stage(ann) == "accepted"
    take(firm, served, "record_compliance", evidence="Paid £1,250 to Ann Example.")
    assert stage(firm) == "complied"

    ann.goto(f"{served.server.base_url}/cases/{served.reference}/letters/determination")
    ann.screenshot(path=str(ARTEFACTS / "letter-desktop.png"), full_page=True)
    for page in pages.values():
        page.goto(f"{served.server.base_url}/cases/{served.reference}")
        page.watched.assert_clean(page)  # type: ignore[attr-defined]


# What sticks out past the right edge, to name it when the page is too wide.
WIDER_THAN_THE_PAGE = """[...document.querySelectorAll('body *')]
  .filter(element => element.getBoundingClientRect().right > document.documentElement.clientWidth)
  .map(element => element.tagName + '.' + element.className + ' ' + Math.round(element.getBoundingClientRect().right))
  .slice(-5)"""


def test_the_case_page_reads_at_320_pixels_and_works_by_keyboard(browser: Browser, served: Served) -> None:  # noqa: F811
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 320, "height": 900})
    page = context.new_page()
    sign_in(page, served, "caseworker")
    page.goto(f"{served.server.base_url}/cases/{served.reference}")
    wide = page.evaluate(WIDER_THAN_THE_PAGE)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, wide  # nothing wider than the phone
    page.screenshot(path=str(ARTEFACTS / "case-phone.png"), full_page=True)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.focus("#form-start_jurisdiction_check summary")
    page.keyboard.press("Enter")  # opens the form
    page.focus("button[data-step=start_jurisdiction_check]")
    page.keyboard.press("Enter")  # sends it
    expect(page.locator("h1 + p .govuk-tag")).to_have_text("jurisdiction check")
    page.goto(f"{served.server.base_url}/cases")
    page.screenshot(path=str(ARTEFACTS / "queue-phone.png"), full_page=True)
    context.close()


def test_a_firm_cannot_reach_another_firms_case(browser: Browser, served: Served) -> None:  # noqa: F811
    other = served.server.add_user("Other bank team", "firm", frn="654321")
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{served.server.base_url}/login")
    page.fill("#token", other)
    page.click("button[type=submit]")
    assert served.reference not in page.content()
    answer = page.goto(f"{served.server.base_url}/cases/{served.reference}")
    assert answer is not None and answer.status == 404
    context.close()
