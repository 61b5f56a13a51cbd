"""Console scenarios across pages in Debian's Chromium (Playwright): a visitor in the web-chat
widget and an advisor in the console talk live; a supervisor reassigns from the wallboard while
a second wallboard follows; a client viewer is refused another client's pages. The relay is the
test's (see `live_url`): each server-side write is published with `runtime.relay.drain()`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models import Message
from tawasol.models.conversation import Conversation
from tawasol.models.vocabulary import Role
from tests.channels.webchat.conftest import make_chat_inbox
from tests.factories import make_tenant, make_user, unique
from tests.web.console_world import assign
from tests.web.test_console_browser import CHROMIUM, CHROMIUM_ARGS, _sign_in, live_url  # noqa: F401

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")


def _shoot(page, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"tawasol-scenario-{name}.png"
    page.screenshot(path=str(path))
    shutil.copy(path, f"/tmp/tawasol-scenario-{name}.png")
    assert path.stat().st_size > 5_000


def _conversation_of(runtime, inbox_id: int, text: str) -> int:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        [message] = session.scalars(
            select(Message).where(Message.inbox_id == inbox_id, Message.text == text)
        ).all()
        return message.conversation_id


def _assignee(runtime, conversation_id: int) -> int | None:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        return conversation.assignee_id


def _visitor_sends(page, text: str, count: int) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("textbox", name="Votre message").fill(text)
    page.get_by_role("button", name="Envoyer").click()
    sync_api.expect(page.locator('.tw-msg--visitor[data-state="sent"]')).to_have_count(count)


def test_visitor_and_advisor_talk_live_in_two_pages(live_url, runtime, tmp_path) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    chat = make_chat_inbox(runtime)
    word = unique("colis")
    first, second, reply = (
        f"Ma commande {word} ?",
        f"Toujours rien {word}",
        f"Il part demain {word}",
    )
    runtime.relay.drain()
    expect = sync_api.expect
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            advisor = _sign_in(browser, live_url, chat.advisor_email)
            advisor.goto(f"{live_url}/inbox?view=all")
            advisor.wait_for_selector('#live-status[data-state="live"]')
            context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="fr-FR")
            visitor = context.new_page()
            visitor.set_default_timeout(15000)
            errors: list[str] = []
            visitor.on("pageerror", lambda error: errors.append(str(error)))
            advisor.on("pageerror", lambda error: errors.append(str(error)))
            visitor.goto(f"{live_url}/widget/{chat.key}/demo")
            visitor.get_by_role("button", name="Ouvrir la discussion").click()
            visitor.locator(".tw-prechat").get_by_label("Votre nom").fill("Amina Berrada")
            visitor.get_by_role("button", name="Commencer la discussion").click()
            _visitor_sends(visitor, first, 1)
            conversation_id = _conversation_of(runtime, chat.inbox_id, first)
            runtime.relay.drain()
            row = advisor.locator(f'#inbox-list li.row[data-id="{conversation_id}"]')
            expect(row).to_be_visible()  # the new conversation joined the list, no reload

            # No routing rule on this inbox: it waits unassigned until someone takes it.
            assert _assignee(runtime, conversation_id) is None
            assign(runtime, conversation_id, chat.advisor_id)
            runtime.relay.drain()
            row.locator("a").first.click()
            advisor.wait_for_url(f"**/conversations/{conversation_id}?*")
            advisor.wait_for_selector('#live-status[data-state="live"]')
            expect(advisor.locator(".entry-inbound", has_text=first)).to_be_visible()

            _visitor_sends(visitor, second, 2)
            runtime.relay.drain()
            expect(advisor.locator(".entry-inbound", has_text=second)).to_be_visible()

            advisor.click("#composer-text")
            advisor.keyboard.type(reply)
            advisor.keyboard.press("Control+Enter")
            expect(advisor.locator(".entry-outbound", has_text=reply)).to_be_visible()
            runtime.relay.drain()
            expect(visitor.locator(".tw-msg--advisor .tw-text")).to_have_text(reply)
            _shoot(advisor, tmp_path, "chat-advisor")
            _shoot(visitor, tmp_path, "chat-visitor")
            assert errors == []
        finally:
            browser.close()


def test_supervisor_reassigns_from_the_wallboard(live_url, runtime, tmp_path) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "Reassign")
    _, email = make_user(runtime, Role.SUPERVISOR, [tenant.client_id])
    assert _assignee(runtime, tenant.conversation_id) is None  # waiting: on the board
    runtime.relay.drain()
    control = f"#assign-{tenant.conversation_id}"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            watcher = _sign_in(browser, live_url, email)  # a second screen, left alone
            watcher.goto(f"{live_url}/wallboard")
            watcher.wait_for_selector('#live-status[data-state="live"]')
            sync_api.expect(watcher.locator(control)).to_have_count(1)
            page = _sign_in(browser, live_url, email)
            page.goto(f"{live_url}/wallboard")
            page.wait_for_selector('#live-status[data-state="live"]')

            page.select_option(control, str(tenant.advisor_id))
            page.locator(f"form:has({control}) button[type=submit]").click()
            page.wait_for_url("**/wallboard?*done=1*")
            assert _assignee(runtime, tenant.conversation_id) == tenant.advisor_id
            assert page.locator(control).count() == 0  # no longer waiting
            _shoot(page, tmp_path, "wallboard-reassigned")

            runtime.relay.drain()
            sync_api.expect(watcher.locator(control)).to_have_count(0)  # refreshed, no reload
            assert watcher.url == f"{live_url}/wallboard"
        finally:
            browser.close()


def test_client_viewer_is_refused_another_clients_pages(live_url, runtime, tmp_path) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    a, b = make_tenant(runtime, "ViewA"), make_tenant(runtime, "ViewB")
    _, email = make_user(runtime, Role.CLIENT_VIEWER, [a.client_id])
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = _sign_in(browser, live_url, email)
            refused = page.goto(f"{live_url}/conversations/{b.conversation_id}?view=all")
            assert refused is not None and refused.status == 404
            content = page.content()
            assert b.marker not in content and b.marker.lower() not in content
            _shoot(page, tmp_path, "viewer-refused")
            # B's client id as a filter: the app answers with an empty list, never B's rows.
            filtered = page.goto(f"{live_url}/inbox?view=all&client={b.client_id}")
            assert filtered is not None and filtered.status == 200
            assert page.locator("#inbox-list li.row").count() == 0
            content = page.content()
            assert b.marker not in content and b.marker.lower() not in content

            own = page.goto(f"{live_url}/inbox?view=all&client={a.client_id}")
            assert own is not None and own.status == 200
            sync_api.expect(
                page.locator(f'#inbox-list li.row[data-id="{a.conversation_id}"]')
            ).to_be_visible()
            own = page.goto(f"{live_url}/conversations/{a.conversation_id}?view=all")
            assert own is not None and own.status == 200
            sync_api.expect(page.get_by_text(f"Hello {a.marker}")).to_be_visible()
            assert page.locator("#composer").count() == 0  # read-only
        finally:
            browser.close()
