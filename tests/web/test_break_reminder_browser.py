"""The break reminder in a real browser: the event shows the banner, "take a break" goes to
the presence menu, Escape dismisses it (Debian's Chromium through Playwright)."""

from __future__ import annotations

import shutil
from typing import Any

from tawasol.realtime.events import agent_channel, record_event
from tawasol.routing.break_notice import EVENT_TYPE
from tests.factories import SYSTEM, make_tenant
from tests.web import test_console_browser as console_browser
from tests.web.test_console_browser import CHROMIUM, CHROMIUM_ARGS, _sign_in, sync_api

# The same Chromium and served app as the console's browser tests, skipped the same way.
pytestmark = console_browser.pytestmark
live_url = console_browser.live_url


def _remind(runtime, advisor_id: int, **payload: Any) -> None:  # type: ignore[no-untyped-def]
    with runtime.db.unit(SYSTEM.scope) as session:
        record_event(
            session, type=EVENT_TYPE, client_id=None, recipients=[agent_channel(advisor_id)],
            payload={"user_id": advisor_id, "reminder_after_minutes": 120, **payload},
        )  # fmt: skip
    runtime.relay.drain()


def test_the_reminder_shows_and_leads_to_the_presence_menu(live_url, runtime, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "Break")
    runtime.relay.drain()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = _sign_in(browser, live_url, tenant.advisor_email)
            page.goto(f"{live_url}/inbox")
            page.wait_for_selector('#live-status[data-state="live"]')
            assert page.is_hidden("#break-reminder")

            _remind(runtime, tenant.advisor_id, handling_minutes=121, enforced_after_minutes=150,
                    enforced=False)  # fmt: skip
            page.wait_for_selector("#break-reminder:not([hidden]) [data-break-text]:not(:empty)")
            text = page.inner_text("#break-reminder [data-break-text]")
            assert "121 min" in text and "150 min" in text
            page.click("[data-break-take]")
            assert page.is_hidden("#break-reminder")
            assert page.evaluate("document.activeElement.id") == "presence-select"

            _remind(runtime, tenant.advisor_id, handling_minutes=152, enforced_after_minutes=150,
                    enforced=True)  # fmt: skip
            page.wait_for_selector(
                '#break-reminder[data-enforced="true"]:not([hidden]) [data-break-text]:not(:empty)'
            )
            assert "tant que vous n'avez pas pris de pause" in page.inner_text("#break-reminder")
            page.focus("[data-break-dismiss]")
            page.keyboard.press("Escape")
            assert page.is_hidden("#break-reminder")

            page.goto(f"{live_url}/inbox?lang=ar")  # right to left, in Arabic
            page.wait_for_selector('#live-status[data-state="live"]')
            _remind(runtime, tenant.advisor_id, handling_minutes=121, enforced_after_minutes=150,
                    enforced=False)  # fmt: skip
            page.wait_for_selector("#break-reminder:not([hidden]) [data-break-text]:not(:empty)")
            assert "فكّر في أخذ استراحة" in page.inner_text("#break-reminder")
            page.screenshot(path=str(tmp_path / "break-reminder-ar.png"))
            shutil.copy(tmp_path / "break-reminder-ar.png", "/tmp/tawasol-break-reminder-ar.png")
        finally:
            browser.close()
