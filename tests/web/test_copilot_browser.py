"""The copilot in a real browser (Debian's Chromium): the advisor asks for a suggestion,
accepts it with the keyboard (it lands in the composer), sends it, and the choice is
recorded with the message it became; then corrects the AI reading in place. Saves docs/screenshots/conversation-copilot.png."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from tawasol.copilot.actions import do_create_article, do_create_macro
from tawasol.copilot.schemas import ArticleIn, MacroIn
from tawasol.db.tenancy import Scope
from tawasol.models.client import Client
from tawasol.models.enrichment import ReadingReview
from tawasol.models.knowledge import SuggestionFeedback
from tawasol.models.message import Message
from tests.factories import SYSTEM, make_tenant, unique
from tests.web.console_world import assign, ingest
from tests.web.test_console_browser import CHROMIUM, live_url, signed_in_page  # noqa: F401

pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")
SCREENSHOT = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "conversation-copilot.png"
)
CANCEL_FR = ("Annuler une commande",
             "Vous pouvez annuler votre commande tant qu'elle n'a pas été expédiée : ouvrez Mes "
             "commandes, choisissez la commande puis Annuler.\n\nSi le colis est déjà parti, "
             "refusez-le à la livraison : le remboursement suit sous 7 jours.")  # fmt: skip
CANCEL_ARY = ("كيفاش تلغي الكوموند",
              "تقدر تلغي الكوموند ديالك ما دام ما تصيفطاتش: دخل لـ الكوموندات ديالي، ختار "
              "الكوموند ودير إلغاء.\n\nإلا الكولي خرج، رفضو فاش يوصلك والفلوس كيرجعو فـ 7 أيام.")  # fmt: skip


def _knowledge(runtime, client_id: int) -> None:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system()) as session:
        client = session.get(Client, client_id)
        assert client is not None
        original = do_create_article(session, actor=SYSTEM, client=client, data=ArticleIn(
            client_id=client_id, title=CANCEL_FR[0], body=CANCEL_FR[1], language="fr"))  # fmt: skip
        do_create_article(session, actor=SYSTEM, client=client, data=ArticleIn(
            client_id=client_id, title=CANCEL_ARY[0], body=CANCEL_ARY[1], language="ary",
            translation_of_id=original.id))  # fmt: skip
        do_create_macro(session, actor=SYSTEM, client=client, data=MacroIn(
            client_id=client_id, name="Annulation confirmée", add_tags=["annulation"],
            bodies={"fr": "Bonjour {{contact.name}}, votre commande est annulée.",
                    "ary": "السلام {{contact.name}}، الكوموند ديالك تلغات."}))  # fmt: skip


def test_advisor_accepts_and_sends_a_suggestion(live_url, runtime, tmp_path) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "Copilot")
    _knowledge(runtime, tenant.client_id)
    conversation_id = ingest(runtime, tenant.inbox_id, sender=f"{unique('salma')}@example.com",
                             name="Salma Idrissi", subject="Annulation",
                             text="السلام، بغيت نلغي الكوموند ديالي عافاك")  # fmt: skip
    assign(runtime, conversation_id, tenant.advisor_id)
    runtime.relay.drain()
    with signed_in_page(live_url, tenant.advisor_email) as (page, problems):
        page.goto(f"{live_url}/conversations/{conversation_id}")

        page.click("[data-copilot-request] button")
        suggestion = page.wait_for_selector("[data-copilot-suggestion][data-suggestion-id]")
        text = suggestion.text_content() or ""
        assert "تقدر تلغي الكوموند" in text and text.startswith("السلام Salma Idrissi")
        page.wait_for_selector(".copilot-sources a >> text=كيفاش تلغي الكوموند")
        page.locator("[data-copilot-panel]").scroll_into_view_if_needed()
        _shoot(page, tmp_path)

        page.keyboard.press("a")  # the accept shortcut: the text goes into the composer
        assert page.evaluate("document.activeElement.id") == "composer-text"
        assert page.input_value("#composer-text") == text
        page.keyboard.press("Control+Enter")
        page.wait_for_selector('[data-copilot-decision="accepted"]')
        page.wait_for_selector(".entry-outbound >> text=تقدر تلغي الكوموند")
        assert page.input_value("#composer-text") == ""

        # Edit: the text goes into the composer, the advisor changes it, the edit is kept.
        page.click("[data-copilot-request] button")
        page.wait_for_selector(".copilot-actions [data-copilot-action=accept]")
        page.click("[data-copilot-action=edit]")
        page.keyboard.type(" شكرا!")
        page.keyboard.press("Control+Enter")
        page.wait_for_selector('[data-copilot-decision="edited"]')
        # Reject, then a macro from the composer's picker (body filled, actions applied).
        page.click("[data-copilot-request] button")
        page.wait_for_selector(".copilot-actions [data-copilot-action=reject]")
        page.click("[data-copilot-action=reject]")
        page.wait_for_selector('[data-copilot-decision="rejected"]')
        page.click("[data-macro-insert]")
        page.wait_for_selector(".tag >> text=annulation")  # set after the text went in
        assert "الكوموند ديالك تلغات" in page.input_value("#composer-text")
        # Correct the AI reading: the intent, in place (the panel is re-read).
        page.click("[data-reading-review] summary")
        page.fill(f"#review-{conversation_id}-intent", "cancel_order")
        page.click('[data-review-field="intent"] button[value="corrected"]')
        page.wait_for_selector('[data-review-field="intent"] [data-review-decision="corrected"]')
        assert page.is_visible(f"#review-{conversation_id}-intent")  # still open
        assert problems == [], problems
    with runtime.db.unit(Scope.system(), write=False) as session:
        rows = list(session.scalars(select(SuggestionFeedback).where(
            SuggestionFeedback.client_id == tenant.client_id, SuggestionFeedback.kind == "reply",
        ).order_by(SuggestionFeedback.id)))  # fmt: skip
        assert [f.decision for f in rows] == ["accepted", "edited", "rejected"]
        feedback, edited = rows[0], rows[1]
        assert feedback.message_id is not None
        assert edited.final_text is not None and edited.final_text.endswith(" شكرا!")
        message = session.get(Message, feedback.message_id)
        assert message is not None and message.text == text and message.direction == "outbound"
        review = session.scalars(
            select(ReadingReview).where(ReadingReview.conversation_id == conversation_id)
        ).one()
        assert (review.field, review.decision, review.value) == (
            "intent", "corrected", "cancel_order",
        )  # fmt: skip
        assert review.reviewer_id == tenant.advisor_id


def _shoot(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "conversation-copilot.png"
    page.screenshot(path=str(path))
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SCREENSHOT)
    assert SCREENSHOT.stat().st_size > 10_000
