"""The planner page in a real browser (Debian's Chromium through Playwright) at 1366×768, in
Arabic: a planner asks for next week's schedule with the form, sees it pending, and the page
refreshes itself when the background solve is done; it reads right to left.
Screenshot: /tmp/tawasol-planner-ar.png"""

from __future__ import annotations

import shutil

import pytest

from tawasol.db.tenancy import Scope
from tawasol.models.user import User
from tawasol.models.vocabulary import Role
from tests.factories import make_tenant, make_user
from tests.web.test_console_browser import CHROMIUM, CHROMIUM_ARGS, _log_in, _new_page, live_url  # noqa: F401
from tests.web.test_planner import _history, _solve

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")


def test_planner_generates_a_schedule_in_arabic(live_url, runtime, tmp_path, monkeypatch) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    import tawasol.web.planner as planner

    monkeypatch.setattr(planner, "SCHEDULE_SECONDS", 2.0)
    tenant = make_tenant(runtime, "PlanBrowser")
    _history(runtime, tenant, days=14, per_day=6)
    planner_id, email = make_user(runtime, Role.WORKFORCE_PLANNER, [tenant.client_id])
    with runtime.db.unit(Scope.system()) as session:
        session.get(User, planner_id).locale = "ar"  # an Arabic-speaking planner
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = _new_page(browser, locale="ar")
            problems: list[str] = []
            page.on("pageerror", lambda error: problems.append(str(error)))
            _log_in(page, live_url, email)
            page.goto(f"{live_url}/planner?client={tenant.client_id}")
            assert page.evaluate("document.documentElement.dir") == "rtl"
            page.get_by_role("button", name="إنشاء جدول عمل الأسبوع القادم").click()
            page.wait_for_url("**/planner?client=*&queued=1")
            status = page.locator("#schedule-generation[data-pending='1'] [role=status]")
            sync_api.expect(status).to_be_visible()  # answered at once: being generated
            _solve(runtime)  # the node's relay and solver; their event refreshes the page
            sync_api.expect(page.locator("#schedule-generation[data-pending='0']")).to_be_attached()
            table = page.get_by_role("table", name="المواقيت والاستراحات حسب اليوم")
            sync_api.expect(table).to_be_visible()
            assert "Test advisor" in table.inner_text()
            assert page.locator("svg.chart").count() >= 3
            # Right to left: the advisor column is at the right edge of the table.
            first = table.locator("thead th").first.bounding_box()
            last = table.locator("thead th").last.bounding_box()
            assert first is not None and last is not None and first["x"] > last["x"]
            assert page.evaluate("document.documentElement.scrollWidth") <= 1366
            path = tmp_path / "tawasol-planner-ar.png"
            page.locator('section[aria-labelledby="schedule-title"]').screenshot(path=str(path))
            shutil.copy(path, "/tmp/tawasol-planner-ar.png")
            assert problems == []
        finally:
            browser.close()
