"""Every page of the seeded demo (``ombudsman demo``: a case in every state) as each role sees it, in a real browser
(Debian's Chromium, driven by Playwright) on the real server: at 1280 and at 320 pixels nothing scrolls sideways,
no page shows a Python value (None, True, False) or a raw snake_case name, and axe-core (from npm, run in the
page through the browser's devtools, never served) finds no accessibility violation. Then the acts: an ombudsman
determines through "Check your answers" and sees the confirmation; the complainant reads the decision and
accepts it.

The screenshots of each role's main pages are saved: those the README shows to ``docs/screenshots/``, the
rest to ``build/screenshots/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_docs_offline import browser, watch  # noqa: F401 - the module's browser fixture
from tests.live.server import LiveServer

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
ARTEFACTS = ROOT / "build" / "screenshots"
IN_THE_README = {
    f"{name}.png"
    for name in (
        "caseworker-queue-desktop",
        "caseworker-case-desktop",
        "ombudsman-queue-desktop",
        "ombudsman-check-desktop",
        "ombudsman-confirmation-desktop",
        "firm-queue-desktop",
        "firm-case-desktop",
        "complainant-queue-phone",
        "complainant-case-phone",
        "complainant-accepted-phone",
        "complainant-letter-phone",
    )
}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ROLES = ("caseworker", "ombudsman", "firm", "complainant")
WIDTHS = {"desktop": 1280, "phone": 320}
STAFF_PAGES = ("/dashboard", "/register", "/tools/jurisdiction", "/tools/awards", "/cases?include_closed=1")
# The staff tools' forms name their fields as the API does until they are drawn from their types (the forms' own
# part of issue 21): their words are not checked here, their width and accessibility are.
# A Python value, or a name as the code spells it (two or more lowercase words joined by underscores).
# Markup shown as text (escaped where it should have been drawn) is not for readers either.
NOT_FOR_READERS = re.compile(r"\b(None|True|False)\b|\b[a-z]+(?:_[a-z]+)+\b|</?[a-z]+[ >]")
WIDER_THAN_THE_PAGE = """[...document.querySelectorAll('body *')]
  .filter(element => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map(element => element.tagName + '.' + element.className)
  .slice(-5)"""


@dataclass
class Demo:
    server: LiveServer
    tokens: dict[str, str]
    states: dict[str, str]  # each case's state, by reference

    def reference_in(self, state: str) -> str:
        return next(reference for reference, at in self.states.items() if at == state)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """The real server on a SQLite file seeded by ``ombudsman demo``, with its token for each role."""
    folder = tmp_path_factory.mktemp("demo")
    server = LiveServer(f"sqlite:///{folder / 'ombudsman.db'}", folder / "server.log")
    server.reset_schema()
    output = server.cli("demo").stdout
    tokens = {line.split()[0]: line.split()[-1] for line in output.splitlines() if line.startswith("  ")}
    states = dict(re.findall(r"^(FOS-\d{4}-\d{6})\s+([a-z_]+)$", output, flags=re.MULTILINE))
    server.start()
    try:
        yield Demo(server, tokens, states)
    finally:
        server.stop()


def signed_in(browser: Browser, demo: Demo, role: str, width: int) -> Page:  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.watched = watch(context, page)  # type: ignore[attr-defined]
    page.goto(f"{demo.server.base_url}/login")
    page.fill("#token", demo.tokens[role])
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Your cases")
    return page


def shoot(page: Page, name: str) -> None:
    """A screenshot of the whole page: to ``docs/screenshots/`` where the README shows it, else to ``build/``."""
    folder = SCREENSHOTS if name in IN_THE_README else ARTEFACTS
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name), full_page=True)


def links(page: Page, pattern: str) -> list[str]:
    found = page.eval_on_selector_all("main a[href]", "anchors => anchors.map(anchor => anchor.getAttribute('href'))")
    return list(dict.fromkeys(href for href in found if re.fullmatch(pattern, href)))


def axe_violations(page: Page) -> list[str]:
    """axe-core's violations on the page (WCAG 2.2 AA and best practice), run through the devtools so the page's
    own policy, which runs no script, is untouched."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
             .map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | "))"""
    )
    return list(found)


def check(page: Page, url: str, *, accessible: bool) -> list[str]:
    """Open ``url`` and say what is wrong with it: sideways scrolling, words not for readers, axe's violations."""
    answer = page.goto(url)
    assert answer is not None and answer.status == 200, f"{url}: {answer.status if answer else 'no answer'}"
    wrong = []
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        wrong.append(f"{url} scrolls sideways at {page.viewport_size}: {page.evaluate(WIDER_THAN_THE_PAGE)}")
    text = page.evaluate("document.body.innerText")
    if "/tools/" not in url and (found := sorted(set(match.group(0) for match in NOT_FOR_READERS.finditer(text)))):
        wrong.append(f"{url} shows {found}")
    if accessible and (violations := axe_violations(page)):
        wrong.append(f"{url}: {violations}")
    page.watched.assert_clean(page)  # type: ignore[attr-defined]
    return wrong


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_sees_reads_at_desktop_and_phone_width_with_plain_words_and_no_axe_violation(
    browser: Browser,  # noqa: F811
    demo: Demo,
    role: str,
) -> None:
    base = demo.server.base_url
    wrong: list[str] = []
    for size, width in WIDTHS.items():
        page = signed_in(browser, demo, role, width)
        queue = f"{base}/cases?include_closed=1"
        page.goto(queue)
        cases = links(page, r"/cases/FOS-\d{4}-\d{6}")
        assert cases, f"the {role} sees no case"
        urls = [f"{base}/cases", *(f"{base}{case}" for case in cases)]
        if role in ("caseworker", "ombudsman"):
            urls += [f"{base}{path}" for path in STAFF_PAGES]
        letters: list[str] = []
        for url in urls:
            wrong += check(page, url, accessible=size == "desktop")
            letters += links(page, r"/cases/FOS-\d{4}-\d{6}/letters/[a-z_]+(\?to=[a-z]+)?")
        # Every letter of the first cases: a letter is a document of its own, read at the same widths.
        for letter in letters[:12]:
            wrong += check(page, f"{base}{letter}", accessible=size == "desktop")
        page.goto(f"{base}/cases")
        shoot(page, f"{role}-queue-{size}.png")
        main_case = demo.reference_in(
            {"firm": "accepted", "complainant": "determined"}.get(role, "awaiting_determination")
        )
        page.goto(f"{base}/cases/{main_case}")
        shoot(page, f"{role}-case-{size}.png")
        page.context.close()
    assert wrong == [], "\n".join(wrong)


def choose(page: Page, form: str, name: str, value: str) -> None:
    """Give a field its value, whether it is drawn as a select, radios or a text input."""
    field = page.locator(f"#form-{form} [name={name}]")
    kind = field.first.evaluate("element => element.tagName.toLowerCase() + ':' + (element.type || '')")
    if kind.startswith("select"):
        field.select_option(value)
    elif kind.endswith("radio"):
        page.locator(f"#form-{form} [name={name}][value={value}]").check()
    else:
        field.fill(value)


def test_an_ombudsman_determines_through_the_check_page_and_the_complainant_reads_the_decision_and_accepts(
    browser: Browser,  # noqa: F811
    demo: Demo,
) -> None:
    base = demo.server.base_url
    reference = demo.reference_in("awaiting_determination")
    ombudsman = signed_in(browser, demo, "ombudsman", 1280)
    ombudsman.goto(f"{base}/cases/{reference}")
    ombudsman.click("#form-determine summary")
    choose(ombudsman, "determine", "outcome", "uphold")
    ombudsman.fill("#form-determine [name=reasons]", "The business should have explained the charges.")
    ombudsman.click("button[data-step=determine]")
    expect(ombudsman.locator("h1")).to_have_text("Check your answers")
    assert "Determination to" in ombudsman.locator("main").inner_text()
    assert axe_violations(ombudsman) == []
    shoot(ombudsman, "ombudsman-check-desktop.png")
    ombudsman.click("button[name=confirm]")
    banner = ombudsman.locator(".govuk-notification-banner")
    expect(banner).to_contain_text("Determine the complaint: done")
    expect(banner).to_contain_text("What happens next")
    assert axe_violations(ombudsman) == []
    shoot(ombudsman, "ombudsman-confirmation-desktop.png")
    ombudsman.context.close()

    mine = demo.reference_in("determined")  # the demo complainant's own determination
    for size, width in WIDTHS.items():
        ann = signed_in(browser, demo, "complainant", width)
        ann.goto(f"{base}/cases/{mine}")
        decision = ann.locator("#decision")
        expect(decision).to_contain_text("The ombudsman")
        expect(decision).to_contain_text("whether you accept")
        expect(decision).to_contain_text("If you accept")
        if size == "phone":
            ann.click("#form-accept summary")
            ann.click("button[data-step=accept]")
            expect(ann.locator("h1")).to_have_text("Check your answers")
            assert ann.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            ann.click("button[name=confirm]")
            expect(ann.locator(".govuk-notification-banner")).to_contain_text("Accept the determination: done")
            shoot(ann, "complainant-accepted-phone.png")
            ann.goto(f"{base}/cases/{mine}/letters/determination")
            assert ann.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            shoot(ann, "complainant-letter-phone.png")
        ann.context.close()
