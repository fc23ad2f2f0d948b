"""A real browser (Debian's Chromium, driven by Playwright) on the real server, with every request that is not to
the server refused: /docs renders Swagger UI from the service's own files, under its Content-Security-Policy,
and a letter shows with its own styles under the policy for documents.

Playwright is used with the system Chromium at /usr/bin/chromium; it never downloads a browser of its own. The
Makefile's ``test`` target installs that Chromium where it is missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Error, Page, Route, expect, sync_playwright

from tests.live.server import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOST = "127.0.0.1"
# Collects the page's policy violations as they happen, ahead of any script of the page's own.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


@dataclass
class Server:
    base: str
    env: dict[str, str]
    tokens: dict[str, str]


@dataclass
class Watched:
    """What a page did that it should not: loads from elsewhere, console errors, uncaught errors."""

    elsewhere: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)  # what Chromium logs when the policy blocks something
    page_errors: list[str] = field(default_factory=list)

    def assert_clean(self, page: Page) -> None:
        violations: list[str] = page.evaluate("window.__violations")
        assert self.elsewhere == [], f"the page tried to load from elsewhere: {self.elsewhere}"
        assert self.refusals == [], f"the policy refused: {self.refusals}"
        assert violations == [], f"policy violations: {violations}"
        assert self.page_errors == [], f"errors on the page: {self.page_errors}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """The real server on a SQLite file seeded by ``ombudsman demo``, with a token for each role."""
    live = LiveServer(f"sqlite:///{tmp_path / 'ombudsman.db'}", tmp_path / "server.log")
    live.reset_schema()
    output = live.cli("demo").stdout
    tokens = {line.split()[0]: line.split()[-1] for line in output.splitlines() if line.startswith("  ")}
    live.start()
    try:
        yield Server(live.base_url, live.environment(), tokens)
    finally:
        live.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = (
            f"browser tests skipped: no Chromium at {CHROMIUM} (`make test` installs it: apt-get install chromium)"
        )
        if os.environ.get("OMBUDSMAN_REQUIRE_BROWSER") == "1":  # CI: a skipped browser test is a failure
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    opened = browser.new_context(viewport={"width": 1280, "height": 1600})
    yield opened
    opened.close()


def watch(context: BrowserContext, page: Page) -> Watched:
    """Refuse, and record, every request that is not to the server on this machine; record console errors."""
    watched = Watched()

    def only_local(route: Route) -> None:
        if urlsplit(route.request.url).hostname == LOCAL_HOST:
            route.continue_()
        else:
            watched.elsewhere.append(route.request.url)
            route.abort("blockedbyclient")

    def on_console(message: ConsoleMessage) -> None:
        if "Refused to" in message.text or "Content Security Policy" in message.text:
            watched.refusals.append(message.text)
        elif message.type == "error":
            watched.console_errors.append(message.text)

    def on_page_error(error: Error) -> None:
        watched.page_errors.append(str(error))

    context.route("**/*", only_local)
    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.add_init_script(WATCH_VIOLATIONS)
    return watched


def test_the_docs_render_with_no_network_and_break_no_policy(
    server: Server, context: BrowserContext, tmp_path: Path
) -> None:
    page = context.new_page()
    watched = watch(context, page)
    response = page.goto(f"{server.base}/docs", wait_until="networkidle")
    assert response is not None and response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]

    expect(page.locator(".info .title")).to_contain_text("DISP case-workflow engine")
    cases = page.locator(".opblock-summary-path[data-path='/v1/cases']")
    expect(cases.first).to_be_visible()
    assert cases.count() == 2  # GET and POST
    expect(page.locator(".opblock-summary-path[data-path='/v1/cases/{reference}/letters/{kind}']")).to_be_visible()
    assert page.locator(".opblock").count() >= 12

    # Swagger UI's own style sheet applied (it is what lays out the coloured operation blocks).
    colour = page.locator(".opblock.opblock-get").first.evaluate("element => getComputedStyle(element).borderColor")
    assert colour == "rgb(97, 175, 254)"
    page.screenshot(path=str(tmp_path / "docs.png"), full_page=True)

    # "Try it out" fetches from the service itself, which connect-src 'self' allows.
    health = page.locator(".opblock-summary-path[data-path='/v1/health']").first
    health.click()
    block = page.locator(".opblock.is-open")
    block.get_by_role("button", name="Try it out").click()
    block.get_by_role("button", name="Execute").click()
    expect(block.locator(".live-responses-table tbody .response-col_status").first).to_have_text("200")

    page.screenshot(path=str(tmp_path / "docs-try-it-out.png"))
    watched.assert_clean(page)


def test_a_letter_shows_with_its_own_styles_and_runs_no_script(
    server: Server, context: BrowserContext, tmp_path: Path
) -> None:
    staff = {"Authorization": f"Bearer {server.tokens['caseworker']}"}
    listed = httpx.get(f"{server.base}/v1/cases", params={"limit": 1}, headers=staff, timeout=10).json()["items"]
    reference = listed[0]["reference"]
    case = httpx.get(f"{server.base}/v1/cases/{reference}", headers=staff, timeout=10).json()
    letter = case["letters"][0]
    url = f"{server.base}/v1/cases/{reference}/letters/{letter['kind']}?addressed_to={letter['addressed_to']}"

    context.set_extra_http_headers(staff)
    page = context.new_page()
    watched = watch(context, page)
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, response.text() if response else ""
    assert "script-src" not in response.headers["content-security-policy"]

    # The letter's own <style> block applied: the font it sets, not the browser's default.
    font = page.locator("body").evaluate("element => getComputedStyle(element).fontFamily")
    assert font.startswith("Arial")
    expect(page.locator("h1")).to_be_visible()
    page.screenshot(path=str(tmp_path / "letter.png"))
    watched.assert_clean(page)

    # No script may run in a letter: one put into the page is refused, and the refusal is seen.
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__ran = true";
          document.body.appendChild(script);
        }"""
    )
    assert page.evaluate("window.__ran === undefined")
    assert page.evaluate("window.__violations") == ["script-src-elem inline"]
    assert len(watched.refusals) == 1 and "inline script" in watched.refusals[0], watched.refusals
