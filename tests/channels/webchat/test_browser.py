"""The widget in a real browser (Debian's Chromium driven by Playwright): a visitor on the demo
page chats with an advisor, goes offline and back without losing or doubling a message,
reloads the page, and switches to Arabic (right to left)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tawasol.channels.webchat.strings import widget_strings
from tawasol.db.tenancy import Scope
from tawasol.models import Message
from tests.channels.webchat.conftest import make_chat_inbox
from tests.factories import login
from tests.live_server import serve

CHROMIUM = Path(os.environ.get("TAWASOL_CHROMIUM", "/usr/bin/chromium"))
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)", allow_module_level=True)
try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:
    pytest.skip("playwright is not installed (pip install playwright)", allow_module_level=True)

PDF = b"%PDF-1.7\n" + b"facture 2026-1142\n" * 20
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="module")
def live_server(widget_app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with serve(widget_app, "webchat-live-server") as url:
        yield url


def _stored(runtime, inbox_id: int, text: str) -> list[Message]:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        return list(
            session.scalars(
                select(Message).where(Message.inbox_id == inbox_id, Message.text == text)
            )
        )


def test_a_visitor_chats_with_an_advisor_in_chromium(
    live_server, widget_app, runtime, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    chat = make_chat_inbox(runtime)
    advisor = login(widget_app, chat.advisor_email)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            context = browser.new_context(locale="fr-FR", viewport={"width": 1366, "height": 768})
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{live_server}/widget/{chat.key}/demo")

            page.get_by_role("button", name="Ouvrir la discussion").click()
            page.locator(".tw-prechat").get_by_label("Votre nom").fill("Amina Berrada")
            page.get_by_role("button", name="Commencer la discussion").click()
            composer = page.get_by_role("textbox", name="Votre message")
            composer.fill("Bonjour, ma commande 1142 n'est pas arrivée")
            page.get_by_role("button", name="Envoyer").click()
            expect(page.locator('.tw-msg--visitor[data-state="sent"]')).to_have_count(1)
            [first] = _stored(runtime, chat.inbox_id, "Bonjour, ma commande 1142 n'est pas arrivée")
            conversation = f"/api/v1/conversations/{first.conversation_id}"

            # The advisor types, then replies: both reach the open widget without a reload.
            # Typing is ephemeral (not replayed): repeat it until the widget's stream listens.
            typing = page.get_by_text("l'agent écrit…")
            for _ in range(20):
                assert (
                    advisor.post(f"{conversation}/typing", json={"typing": True}).status_code == 204
                )
                if typing.is_visible():
                    break
                page.wait_for_timeout(500)
            expect(typing).to_be_visible()
            reply = advisor.post(
                f"{conversation}/messages", json={"text": "Votre colis part demain."}
            )
            assert reply.status_code == 201
            runtime.relay.drain()
            expect(page.locator(".tw-msg--advisor .tw-text")).to_have_text(
                "Votre colis part demain.", timeout=10_000
            )

            # Panel closed: a new reply shows on the launcher's badge.
            page.get_by_role("button", name="Fermer la discussion").click()
            advisor.post(f"{conversation}/messages", json={"text": "Autre chose ?"})
            runtime.relay.drain()
            expect(page.locator(".tw-badge")).to_have_text("1", timeout=10_000)
            page.locator(".tw-launcher").click()
            expect(page.locator(".tw-badge")).to_be_hidden()

            # Offline while sending: the message waits, then goes exactly once.
            context.set_offline(True)
            composer.fill("Je suis dans le train")
            page.get_by_role("button", name="Envoyer").click()
            expect(page.locator('.tw-msg--visitor[data-state="pending"]')).to_have_count(1)
            context.set_offline(False)
            expect(page.locator('.tw-msg--visitor[data-state="sent"]')).to_have_count(
                2, timeout=15_000
            )
            assert len(_stored(runtime, chat.inbox_id, "Je suis dans le train")) == 1

            # A file, through the paperclip.
            page.locator(".tw-composer input[type=file]").set_input_files(
                files=[{"name": "facture.pdf", "mimeType": "application/pdf", "buffer": PDF}]
            )
            expect(page.locator('.tw-msg--visitor[data-state="sent"]')).to_have_count(3)
            expect(page.get_by_role("link", name="facture.pdf (1 Ko)")).to_be_visible()
            assert _stored(runtime, chat.inbox_id, "📎 facture.pdf")[0].attachments

            # A reload replays the thread from the server, once.
            page.reload()
            page.get_by_role("button", name="Ouvrir la discussion").click()
            expect(page.locator(".tw-msg")).to_have_count(5, timeout=10_000)

            # Arabic: strings and direction switch in place.
            page.locator(".tw-lang").select_option("ar")
            expect(page.locator(".tw-root")).to_have_attribute("dir", "rtl")
            expect(page.get_by_role("button", name="إرسال")).to_be_visible()
            shot = tmp_path / "webchat-arabic.png"
            page.screenshot(path=str(shot))
            print(f"screenshot: {shot}")
            assert shot.stat().st_size > 10_000
            assert errors == []
        finally:
            browser.close()


def test_an_arabic_visitor_gets_the_widget_in_arabic_right_to_left(live_server, runtime) -> None:  # type: ignore[no-untyped-def]
    """Texts come from the catalogue in the browser's language, errors included."""
    ar = widget_strings("ar")
    chat = make_chat_inbox(runtime)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            context = browser.new_context(locale="ar-MA", viewport={"width": 1000, "height": 700})
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{live_server}/widget/{chat.key}/demo")
            page.get_by_role("button", name=ar["open"]).click()
            expect(page.locator(".tw-root")).to_have_attribute("dir", "rtl")
            expect(page.locator(".tw-root")).to_have_attribute("lang", "ar")
            expect(page.locator(".tw-prechat .tw-greeting")).to_have_text(ar["welcome"])
            page.locator(".tw-prechat").get_by_label(ar["name"]).fill("أمينة")
            page.get_by_role("button", name=ar["start"]).click()
            expect(page.get_by_role("textbox", name=ar["message"])).to_be_visible()
            expect(page.get_by_role("button", name=ar["attach"])).to_be_visible()
            page.locator(".tw-composer input[type=file]").set_input_files(
                files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"bonjour"}]
            )  # refused by the server: the message is the catalogue's, in Arabic
            expect(page.locator(".tw-notice")).to_have_text(ar["error_unsupported_attachment"])
            page.locator(".tw-lang").select_option("en")
            expect(page.locator(".tw-root")).to_have_attribute("dir", "ltr")
            expect(page.get_by_role("button", name=widget_strings("en")["send"])).to_be_visible()
            assert errors == []
        finally:
            browser.close()
