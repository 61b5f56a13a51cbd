"""The wallboard in a real browser (Debian's Chromium through Playwright) at 1366×768: a
supervisor signs in, sees the figures and charts, the panel refreshes itself when a customer
writes, the page fits the screen and works in Arabic. Screenshots: /tmp/tawasol-wallboard-*.png
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tawasol.models.vocabulary import Role
from tests.factories import make_tenant, make_user, unique
from tests.web.console_world import ingest
from tests.web.test_console_browser import CHROMIUM, CHROMIUM_ARGS, _log_in, _new_page, live_url  # noqa: F401

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")


def _shoot(page, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"tawasol-wallboard-{name}.png"
    page.screenshot(path=str(path), full_page=False)
    shutil.copy(path, f"/tmp/tawasol-wallboard-{name}.png")


def _fits(page) -> None:  # type: ignore[no-untyped-def]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1366, width


def test_supervisor_watches_the_wallboard(live_url, runtime, tmp_path) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "Wall")
    _, email = make_user(runtime, Role.SUPERVISOR, [tenant.client_id])
    runtime.relay.drain()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = _new_page(browser)
            problems: list[str] = []
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            _log_in(page, live_url, email)
            page.goto(f"{live_url}/wallboard")
            page.wait_for_selector('#live-status[data-state="live"]')
            assert page.locator("svg.chart").count() == 2
            assert page.locator("h1").inner_text() == "Tableau de supervision"
            waiting = page.locator('[data-kpi="waiting"]')
            before = int(waiting.inner_text())
            ingest(runtime, tenant.inbox_id, sender=f"{unique('c')}@example.com", text="Allô ?")
            runtime.relay.drain()
            sync_api.expect(waiting).to_have_text(str(before + 1))  # refreshed, no reload
            page.keyboard.press("Tab")  # the skip link comes first, then the top bar
            assert page.evaluate("document.activeElement.className") == "skip-link"
            _fits(page)
            _shoot(page, tmp_path, "fr")

            page.select_option("#console-locale", "ar")  # submits itself, comes back here
            page.wait_for_selector('html[dir="rtl"]')
            assert page.url.endswith("/wallboard")
            assert page.locator("h1").inner_text() == "لوحة الإشراف"
            nav = page.locator(".staff-nav a").first.bounding_box()
            assert nav is not None and nav["x"] > 1000  # the sub-navigation starts on the right
            page.wait_for_selector('#live-status[data-state="live"]')
            _fits(page)
            _shoot(page, tmp_path, "ar")
            for path in ("/admin/inboxes", "/admin/advisors", "/admin/teams", "/admin/audit"):
                page.goto(f"{live_url}{path}")
                assert page.locator(".staff-nav a[aria-current=page]").count() == 1
                _fits(page)
            _shoot(page, tmp_path, "admin-ar")
            assert problems == [], problems
        finally:
            browser.close()
    assert (tmp_path / "tawasol-wallboard-ar.png").stat().st_size > 10_000
