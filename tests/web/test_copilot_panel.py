"""The copilot panel without script (plain forms with CSRF), the macro picker, the knowledge
admin pages and the article reading page; customer text always escaped."""

from __future__ import annotations

import html
import re

from sqlalchemy import select

from tawasol.auth.actor import Actor
from tawasol.copilot.actions import do_create_macro
from tawasol.copilot.macro_history import record_use
from tawasol.copilot.schemas import MacroIn
from tawasol.db.tenancy import Scope
from tawasol.models.client import Client
from tawasol.models.knowledge import CopilotSuggestion, SuggestionFeedback
from tawasol.models.message import Message
from tests.copilot.factories import make_knowledge, set_intent
from tests.factories import unique
from tests.web.console_world import RAW_MARKERS, form_login, ingest, page_csrf

XSS_NAME = '<img src=x onerror="alert(1)">'


def _post(browser, url: str, csrf: str, **fields: str):  # type: ignore[no-untyped-def]
    return browser.post(url, data={"csrf_token": csrf, **fields}, follow_redirects=False)


def _messages(runtime, conversation_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        return list(session.scalars(
            select(Message.text).where(Message.conversation_id == conversation_id,
                                       Message.direction == "outbound")
        ))  # fmt: skip


def test_suggest_accept_and_send_without_script(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    kb = make_knowledge(runtime, client_id=a.client_id, conversation_id=a.conversation_id)
    conversation_id = ingest(runtime, a.inbox_id, sender=f"{unique('x')}@example.com",
                             name=XSS_NAME, text="Combien de temps prend la livraison ?")  # fmt: skip
    browser = form_login(app, a.advisor_email)
    url = f"/conversations/{conversation_id}"
    page = browser.get(url)
    assert page.status_code == 200 and "data-copilot-request" in page.text
    assert "copilot.js" in page.text and 'id="macro-select"' in page.text
    csrf = page_csrf(page.text)

    assert _post(browser, f"{url}/copilot/suggest", "forged").status_code == 403
    done = _post(browser, f"{url}/copilot/suggest", csrf)
    assert done.status_code == 303 and done.headers["location"].startswith(url)
    page = browser.get(url).text
    assert "La livraison prend 48 heures." in page  # the cited passage, in the reply
    assert f'href="/knowledge/{kb.article_id}#article-{kb.article_id}-p0"' in page
    assert not any(marker in page for marker in RAW_MARKERS)  # the contact's name, escaped
    assert html.escape(XSS_NAME, quote=False) in page or "&lt;img src=x" in page
    suggestion_id = re.search(r'data-copilot-suggestion\s+data-suggestion-id="(\d+)"', page)
    assert suggestion_id, "no suggested reply in the panel"

    sent = _post(browser, f"{url}/copilot/feedback", csrf, suggestion_id=suggestion_id[1],
                 decision="accepted", send="1")  # fmt: skip
    assert sent.status_code == 303 and "error" not in sent.headers["location"]
    assert any(
        "La livraison prend 48 heures." in text for text in _messages(runtime, conversation_id)
    )
    fragment = browser.get(f"{url}/copilot")
    assert fragment.status_code == 200 and 'data-copilot-decision="accepted"' in fragment.text
    assert "<html" not in fragment.text and not any(m in fragment.text for m in RAW_MARKERS)
    again = _post(browser, f"{url}/copilot/feedback", csrf, suggestion_id=suggestion_id[1],
                  decision="rejected")  # fmt: skip
    assert again.headers["location"].endswith("error=conflict#copilot-title")


def test_macro_form_sends_the_filled_body_and_acts(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    kb = make_knowledge(runtime, client_id=a.client_id, conversation_id=a.conversation_id,
                        marker=unique("m"))  # fmt: skip
    conversation_id = ingest(runtime, a.inbox_id, sender=f"{unique('y')}@example.com",
                             name="Nadia Benali", text="Merci beaucoup")  # fmt: skip
    browser = form_login(app, a.advisor_email)
    url = f"/conversations/{conversation_id}"
    csrf = page_csrf(browser.get(url).text)
    done = _post(browser, f"{url}/copilot/macro", csrf, macro_id=str(kb.macro_id))
    assert done.status_code == 303 and "error" not in done.headers["location"]
    assert "Merci Nadia Benali !" in _messages(runtime, conversation_id)
    assert "merci" in browser.get(f"/api/v1/conversations/{conversation_id}").json()["tags"]


def test_other_clients_suggestions_are_out_of_reach(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, b = brands
    kb_b = make_knowledge(runtime, client_id=b.client_id, conversation_id=b.conversation_id,
                          marker=b.marker)  # fmt: skip
    browser = form_login(app, a.advisor_email)
    url = f"/conversations/{a.conversation_id}"
    csrf = page_csrf(browser.get(url).text)
    foreign = _post(browser, f"{url}/copilot/feedback", csrf, suggestion_id=str(kb_b.suggestion_id),
                    decision="rejected")  # fmt: skip
    assert foreign.status_code == 404
    huge = _post(browser, f"{url}/copilot/feedback", csrf, suggestion_id="9" * 30, decision="x")
    assert huge.status_code == 404
    assert (
        _post(browser, f"/conversations/{b.conversation_id}/copilot/suggest", csrf).status_code
        == 404
    )
    assert browser.get(f"/knowledge/{kb_b.article_id}").status_code == 404
    assert browser.get(f"/conversations/{b.conversation_id}/copilot").status_code == 404
    with runtime.db.unit(Scope.system(), write=False) as session:
        assert session.scalars(select(SuggestionFeedback).where(
            SuggestionFeedback.suggestion_id == kb_b.suggestion_id)).first() is None  # fmt: skip


def test_knowledge_admin_pages(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    from tawasol.models.vocabulary import Role
    from tests.factories import make_user

    a, _ = brands
    _, supervisor_email = make_user(runtime, Role.SUPERVISOR, [a.client_id])
    browser = form_login(app, supervisor_email)
    page = browser.get("/admin/knowledge")
    assert page.status_code == 200 and 'href="/admin/knowledge"' in page.text
    csrf = page_csrf(page.text)
    made = _post(browser, "/admin/knowledge/articles", csrf, client_id=str(a.client_id),
                 title="<script>alert(1)</script> Horaires", language="fr", tags="horaires, agence",
                 body="Ouvert de 9 h à 18 h.\n\nFermé le dimanche.", is_published="on")  # fmt: skip
    assert made.status_code == 303, made.text
    article_url = made.headers["location"].split("?")[0]
    article_id = int(article_url.rsplit("/", 1)[1])
    edit = browser.get(article_url).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Horaires" in edit and "<script>alert" not in edit
    saved = _post(browser, article_url, csrf, title="Horaires", language="fr", tags="horaires",
                  body="Ouvert de 8 h à 20 h.", is_published="on")  # fmt: skip
    assert saved.status_code == 303
    reading = form_login(app, a.advisor_email).get(f"/knowledge/{article_id}")
    assert reading.status_code == 200
    assert f'id="article-{article_id}-p0" class="passage">Ouvert de 8 h à 20 h.' in reading.text

    macro = _post(browser, "/admin/knowledge/macros", csrf, client_id=str(a.client_id),
                  name="Horaires d'ouverture", language="fr", add_tags="horaires",
                  body="Bonjour {{contact.name}}, nous sommes ouverts de 8 h à 20 h.")  # fmt: skip
    assert macro.status_code == 303, macro.text
    duplicate = _post(browser, "/admin/knowledge/macros", csrf, client_id=str(a.client_id),
                      name="Horaires d'ouverture", language="fr", body="x")  # fmt: skip
    assert duplicate.status_code == 409
    listing = browser.get("/admin/knowledge").text
    assert "Horaires d&#39;ouverture" in listing and "copilot-stats" in listing
    assert form_login(app, a.advisor_email).get("/admin/knowledge").status_code == 403


def test_reading_is_confirmed_and_corrected_without_script(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    from tawasol.models.conversation import Conversation
    from tawasol.models.enrichment import ReadingReview
    from tests.nlp.enrichment.helpers import settle

    a, b = brands
    conversation_id = ingest(runtime, a.inbox_id, sender=f"{unique('r')}@example.com",
                             name="Karim", text="Bonjour, ma box ne marche plus depuis hier")  # fmt: skip
    settle(runtime)
    browser = form_login(app, a.advisor_email)
    url = f"/conversations/{conversation_id}"
    page = browser.get(url).text
    assert "data-reading-review" in page and 'data-review-field="offensive"' in page
    csrf = page_csrf(page)
    confirmed = _post(browser, f"{url}/copilot/review", csrf, field="language", value="fr",
                      decision="accepted")  # fmt: skip
    assert confirmed.status_code == 303 and "error" not in confirmed.headers["location"]
    corrected = _post(browser, f"{url}/copilot/review", csrf, field="sentiment", value="negative",
                      decision="corrected")  # fmt: skip
    assert "error" not in corrected.headers["location"]
    wrong = _post(browser, f"{url}/copilot/review", csrf, field="sentiment", value="<b>x</b>",
                  decision="corrected")  # fmt: skip
    assert wrong.headers["location"].endswith("error=invalid#copilot-title")
    fragment = browser.get(f"{url}/copilot").text
    assert 'data-review-decision="accepted"' in fragment
    assert 'data-review-decision="corrected"' in fragment
    with runtime.db.unit(Scope.system(), write=False) as session:
        reviews = session.scalars(
            select(ReadingReview).where(ReadingReview.conversation_id == conversation_id)
        ).all()
        assert [(r.field, r.decision, r.value) for r in reviews] == [
            ("language", "accepted", "fr"), ("sentiment", "corrected", "negative"),
        ]  # fmt: skip
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None and conversation.sentiment == "negative"
    # another brand's conversation: not found, nothing recorded
    other = _post(browser, f"/conversations/{b.conversation_id}/copilot/review", csrf,
                  field="language", decision="accepted")  # fmt: skip
    assert other.status_code == 404

    from tawasol.models.vocabulary import Role
    from tests.factories import make_user

    _, supervisor_email = make_user(runtime, Role.SUPERVISOR, [a.client_id])
    admin_page = form_login(app, supervisor_email).get("/admin/knowledge").text
    table = admin_page.split('id="reading-review-stats"', 1)[1].split("</table>", 1)[0]
    assert "tawasol-lid/" in table and "100.0 %" in table and "0.0 %" in table


def test_the_article_form_lists_the_clients_own_intents(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    from tawasol.models.vocabulary import Role
    from tests.copilot.factories import store_intent_model
    from tests.factories import make_user

    a, b = brands
    for tenant, labels in ((a, ("horaires_agence", "carte_bloquee")), (b, ("secret_b_intent",))):
        examples = [(f"{label} question {i}", label) for label in labels for i in range(4)]
        if len(labels) == 1:
            examples += [(f"autre chose {i}", "autre") for i in range(4)]
        store_intent_model(runtime, tenant.client_id, examples)
    _, supervisor_email = make_user(runtime, Role.SUPERVISOR, [a.client_id])
    page = form_login(app, supervisor_email).get("/admin/knowledge").text
    assert "carte_bloquee, horaires_agence" in page  # what articles can be tagged with
    assert "secret_b_intent" not in page  # another client's intents stay hidden


def _picker(html_text: str) -> list[str]:
    if 'id="macro-select"' not in html_text:
        return []
    select = html_text.split('id="macro-select"', 1)[1].split("</select>", 1)[0]
    return [html.unescape(name) for name in re.findall(r"<option [^>]*>([^<]*)</option>", select)]


def test_the_macro_picker_offers_the_copilots_and_the_teams_choice_first(
    app, runtime, brands
) -> None:  # type: ignore[no-untyped-def]
    a, b = brands
    marker = unique("p")
    names = {key: f"{key} {marker}" for key in ("Accueil", "Remboursement", "Zéro")}
    system = Actor.system("tests")
    with runtime.db.unit(Scope.system()) as session:
        client = session.get(Client, a.client_id)
        assert client is not None
        ids = {
            key: do_create_macro(
                session,
                actor=system,
                client=client,
                data=MacroIn(
                    client_id=a.client_id,
                    name=name,
                    bodies={"fr": f"{name} {{{{contact.name}}}}"},
                ),
            ).id  # fmt: skip
            for key, name in names.items()
        }
    conversation_id = ingest(runtime, a.inbox_id, sender=f"{unique('p')}@example.com",
                             name="Omar Tazi", text="Je veux être remboursé")  # fmt: skip
    set_intent(runtime, conversation_id, f"refund-{marker}")
    with runtime.db.unit(Scope.system()) as session:
        for key in ("Zéro", "Zéro", "Remboursement"):  # what the team applies for this intent
            record_use(session, macro_id=ids[key], client_id=a.client_id, user_id=None,
                       conversation_id=conversation_id, intent=f"refund-{marker}")  # fmt: skip
    browser = form_login(app, a.advisor_email)
    url = f"/conversations/{conversation_id}"
    mine = [n for n in _picker(browser.get(url).text) if marker in n]
    assert mine == [names["Zéro"], names["Remboursement"], names["Accueil"]]

    with runtime.db.unit(Scope.system()) as session:  # the copilot's next action comes first
        suggestion = CopilotSuggestion(
            client_id=a.client_id, conversation_id=conversation_id, kind="next_action",
            content=names["Accueil"], sources=[], model="tests", model_version="t1",
            details={"macro_id": ids["Accueil"], "alternatives": [
                {"macro_id": ids["Accueil"]}, {"macro_id": ids["Remboursement"]}]},
        )  # fmt: skip
        session.add(suggestion)
        session.flush()
        suggestion_id = suggestion.id
    mine = [n for n in _picker(browser.get(url).text) if marker in n]
    assert mine == [names["Accueil"], names["Remboursement"], names["Zéro"]]

    csrf = page_csrf(browser.get(url).text)
    _post(browser, f"{url}/copilot/feedback", csrf, suggestion_id=str(suggestion_id),
          decision="rejected")  # fmt: skip
    mine = [n for n in _picker(browser.get(url).text) if marker in n]
    assert mine == [names["Zéro"], names["Remboursement"], names["Accueil"]]

    set_intent(runtime, conversation_id, None)  # no intent: by name
    mine = [n for n in _picker(browser.get(url).text) if marker in n]
    assert mine == [names["Accueil"], names["Remboursement"], names["Zéro"]]
    make_knowledge(runtime, client_id=b.client_id, conversation_id=b.conversation_id,
                   marker=unique("b"))  # fmt: skip
    other = form_login(app, b.advisor_email)  # another client's picker: its own macros only
    theirs = _picker(other.get(f"/conversations/{b.conversation_id}").text)
    assert theirs and not any(marker in n for n in theirs)
