"""The console in a real browser (Debian's Chromium through Playwright) at 1366×768: sign in
through the form, open a conversation with the keyboard, reply, see a customer's message
arrive live, switch to Arabic; take a prayer break from the header, @mention a colleague who
sees it arrive live on their own page, transfer through the dialog. Screenshots go to tmp_path
(and /tmp for a human to look at)."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tawasol.conversations.actions import do_receive_message
from tawasol.models.conversation import Conversation
from tawasol.models.presence import AdvisorPresence
from tawasol.users.actions import do_create_user
from tawasol.users.schemas import ClientGrant, UserIn
from tests.factories import PASSWORD, SYSTEM, make_tenant, unique
from tests.live_server import serve
from tests.web.console_world import assign

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]  # fmt: skip
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")


@pytest.fixture(scope="module")
def live_url(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The test app served by uvicorn on a loopback port (lifespan off: the relay is ours)."""
    with serve(app, "console-server") as url:
        yield url


@contextmanager
def explained(page, problems: list[str]) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """A wait that times out says what the page showed: status lines, what the composer still
    holds, refused requests, errors."""
    try:
        yield
    except sync_api.TimeoutError as exc:
        lines = page.evaluate(
            "Array.from(document.querySelectorAll('#action-status, [data-copilot-status]'))"
            ".map(e => e.id + ':' + e.textContent)"
            ".concat(Array.from(document.querySelectorAll('#composer-text'), e => 'composer:' + e.value))"
        )
        threads = sorted(t.name for t in threading.enumerate())
        raise AssertionError(
            f"{exc}; page {page.url}; status {lines}; {problems}; threads {threads}"
        ) from exc


def _watch(page, problems: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Script errors, console errors and refused requests of a page land in `problems`."""
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.request.method} {r.url}")
            if r.status >= 400 else None)  # fmt: skip


def _shoot(page, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"tawasol-console-{name}.png"
    page.screenshot(path=str(path))
    shutil.copy(path, f"/tmp/tawasol-console-{name}.png")


def test_advisor_works_a_conversation_by_keyboard(live_url, runtime, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "Browser")
    assign(runtime, tenant.conversation_id, tenant.advisor_id)
    runtime.relay.drain()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = _new_page(browser)
            problems: list[str] = []  # script errors and CSP refusals would land here
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            _log_in(page, live_url, tenant.advisor_email)
            page.goto(f"{live_url}/inbox")
            page.wait_for_selector('#live-status[data-state="live"]')

            page.keyboard.press("j")  # opens the first (and only) conversation of "mine"
            page.wait_for_url(f"**/conversations/{tenant.conversation_id}?*")
            page.wait_for_selector('#live-status[data-state="live"]')
            page.keyboard.press("r")
            assert page.evaluate("document.activeElement.id") == "composer-text"
            page.keyboard.type("Bonjour, je m'occupe de votre demande.")
            page.keyboard.press("Control+Enter")
            with explained(page, problems):
                page.wait_for_selector(".entry-outbound >> text=je m'occupe de votre demande")
            assert page.input_value("#composer-text") == ""

            with runtime.db.unit(SYSTEM.scope) as session:
                conversation = session.get(Conversation, tenant.conversation_id)
                assert conversation is not None
                do_receive_message(session, actor=SYSTEM, conversation=conversation,
                                   text="Merci ! Le colis est arrivé.",
                                   html="<p>Merci ! Le colis est <b>arrivé</b>.</p>"
                                        "<img src=x onerror=\"document.title='pwned'\">")  # fmt: skip
            runtime.relay.drain()
            email = page.frame_locator(".entry-inbound iframe.email-frame").last
            assert email.locator("b").inner_text() == "arrivé"  # arrived live, in its sandbox
            frame_box = page.locator(".entry-inbound iframe.email-frame").last.bounding_box()
            assert frame_box is not None and 20 < frame_box["height"] < 200  # fitted to content
            assert page.title() != "pwned"
            assert page.url.endswith(
                f"/conversations/{tenant.conversation_id}?view=mine&status=open"
            )
            _shoot(page, tmp_path, "fr")

            page.keyboard.press("?")  # still in the composer: typed, not a shortcut
            assert page.locator("dialog#shortcuts[open]").count() == 0
            page.keyboard.press("Escape")  # leaves the field
            page.keyboard.press("?")
            page.wait_for_selector("dialog#shortcuts[open]")
            page.keyboard.press("Escape")
            page.select_option("#console-locale", "ar")  # submits itself
            page.wait_for_selector('html[dir="rtl"]')
            assert page.locator("html").get_attribute("lang") == "ar"
            assert page.locator(".topnav a").first.inner_text() == "صندوق الوارد"
            header = page.locator(".inbox-pane").bounding_box()
            assert header is not None and header["x"] > 600  # the list pane moved to the right
            page.wait_for_selector('#live-status[data-state="live"]')
            _shoot(page, tmp_path, "ar")
            # The only complaints: the email frame refusing the `<img src=x>` it was sent.
            refused = [p for p in problems if 'directive: "img-src data:"' in p]
            assert refused and len(refused) == len(problems), problems
        finally:
            browser.close()
    assert (tmp_path / "tawasol-console-ar.png").stat().st_size > 10_000


def _new_page(browser, locale: str = "fr-FR"):  # type: ignore[no-untyped-def]
    """A page of its own (own cookies) at 1366×768 that waits up to 15 s."""
    page = browser.new_context(viewport={"width": 1366, "height": 768}, locale=locale).new_page()
    page.set_default_timeout(15000)
    return page


def _log_in(page, live_url: str, email: str) -> None:  # type: ignore[no-untyped-def]
    """Through the login form, as a person would."""
    page.goto(f"{live_url}/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_url}/")


@contextmanager
def signed_in_page(live_url: str, email: str) -> Iterator[tuple[object, list[str]]]:
    """Debian's Chromium, a page signed in as ``email``, and the list its script errors and
    refused requests land in; a wait that times out says what the page showed."""
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = _new_page(browser)
            problems: list[str] = []
            _watch(page, problems)
            with explained(page, problems):
                _log_in(page, live_url, email)
                yield page, problems
        finally:
            browser.close()


def _sign_in(browser, live_url: str, email: str):  # type: ignore[no-untyped-def]
    page = _new_page(browser)
    _log_in(page, live_url, email)
    return page


def test_presence_mentions_reach_a_colleague_live(live_url, runtime, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "Mention")
    assign(runtime, tenant.conversation_id, tenant.advisor_id)
    colleague = unique("Salma Idrissi")
    colleague_email = f"{unique('salma')}@tests.tawasol.ma"
    with runtime.db.unit(SYSTEM.scope) as session:
        do_create_user(session, actor=SYSTEM, hasher=runtime.hasher, data=UserIn(
            email=colleague_email, full_name=colleague, role="advisor", password=PASSWORD,
            clients=[ClientGrant(client_id=tenant.client_id, certified=True)]))  # fmt: skip
    runtime.relay.drain()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            other = _sign_in(browser, live_url, colleague_email)
            other.goto(f"{live_url}/inbox")
            other.wait_for_selector('#live-status[data-state="live"]')
            page = _sign_in(browser, live_url, tenant.advisor_email)
            problems: list[str] = []
            _watch(page, problems)
            with explained(page, problems):
                page.goto(f"{live_url}/inbox")
                page.wait_for_selector('#live-status[data-state="live"]')

                page.keyboard.press("p")  # the presence menu, by keyboard
                assert page.evaluate("document.activeElement.id") == "presence-select"
                page.select_option("#presence-select", "on_break:prayer")
                page.wait_for_selector('#presence-form[data-state="on_break"]')
                deadline = time.monotonic() + 5
                state = None
                while time.monotonic() < deadline and state != ("on_break", "prayer"):
                    with runtime.db.unit(SYSTEM.scope) as session:
                        row = session.get(AdvisorPresence, tenant.advisor_id)
                        state = (row.state, row.break_kind) if row else None
                    time.sleep(0.1)
                assert state == ("on_break", "prayer")

                page.keyboard.press("Escape")  # leaves the menu, so letters are shortcuts again
                page.keyboard.press("j")
                page.wait_for_url(f"**/conversations/{tenant.conversation_id}?*")
                page.wait_for_selector('#live-status[data-state="live"]')
                page.keyboard.press("n")
                page.keyboard.type("Peux-tu voir @" + colleague[:4])
                page.wait_for_selector("#mention-picker li[aria-selected=true]")
                page.keyboard.press("Enter")  # inserts the name, does not send
                assert page.input_value("#composer-text") == f"Peux-tu voir @{colleague} "
                page.keyboard.type("merci")
                page.keyboard.press("Control+Enter")
                page.wait_for_selector(".entry-note >> text=merci")
                runtime.relay.drain()  # the relay is ours (see live_url): publish the committed note
                other.wait_for_selector(".mention-notification")
                assert "1" in other.inner_text("#mention-badge")
                _shoot(other, tmp_path, "mention")

                page.keyboard.press("Escape")  # out of the composer
                page.keyboard.press("t")
                page.wait_for_selector("dialog#transfer-dialog[open]")
                assert page.evaluate("document.activeElement.id") == "transfer-target"
                page.select_option("#transfer-target", f"team:{tenant.team_id}")
                page.fill("#transfer-note", "Facture à vérifier")
                _shoot(page, tmp_path, "transfer")
                page.click("#transfer-dialog button[type=submit]")
                page.wait_for_selector(".entry-note >> text=Facture à vérifier")
                assert page.locator("[data-open-transfer]").count() == 0  # no longer mine
                assert f"team {tenant.marker}" in page.inner_text("#conversation-header")
        finally:
            browser.close()
