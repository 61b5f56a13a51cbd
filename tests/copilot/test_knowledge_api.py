"""Articles and macros through the API: CRUD, audit, re-embedding on change, search, macros."""

from __future__ import annotations

from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models.audit import AuditEntry
from tawasol.models.knowledge import KnowledgePassage
from tawasol.nlp.embeddings import default_embedder


def _passages(runtime, article_id: int) -> list[KnowledgePassage]:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        rows = session.scalars(
            select(KnowledgePassage)
            .where(KnowledgePassage.article_id == article_id)
            .order_by(KnowledgePassage.position)
        )
        return [p for p in rows]


def _audit_actions(runtime, object_type: str, object_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        return list(
            session.scalars(
                select(AuditEntry.action).where(
                    AuditEntry.object_type == object_type, AuditEntry.object_id == str(object_id)
                )
            )
        )


def test_search_normalises_darija_and_cites_passages(world) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/knowledge/search?client_id={world.client_id}&limit=3&q="
    latin = world.advisor.get(url + "bghit nlghi lcommande")
    arabic = world.advisor.get(url + "بغيت نلغي الكوموند")
    assert latin.status_code == arabic.status_code == 200, latin.text
    first = latin.json()[0]
    assert first["article_id"] == world.articles[("cancel_order", "ary")]
    assert arabic.json()[0]["passage_id"] == first["passage_id"]
    assert first["anchor"] == f"article-{first['article_id']}-p0"
    assert first["text"] and first["score"] > 0 and first["lexical_rank"] == 1
    body = world.advisor.get(f"/api/v1/knowledge/articles/{first['article_id']}").json()["body"]
    assert body[first["start"] : first["end"]] == first["text"]


def test_articles_are_reembedded_on_change_and_audited(world, runtime) -> None:  # type: ignore[no-untyped-def]
    made = world.admin.post("/api/v1/knowledge/articles", json={
        "client_id": world.client_id, "title": "Horaires du service client",
        "body": "Nous répondons de 9 h à 18 h.", "language": "fr", "tags": ["Horaires"]})  # fmt: skip
    assert made.status_code == 201, made.text
    article_id = made.json()["id"]
    assert made.json()["tags"] == ["horaires"]
    before = _passages(runtime, article_id)
    assert len(before) == 1 and before[0].embedder_version == default_embedder().version

    patched = world.admin.patch(f"/api/v1/knowledge/articles/{article_id}", json={
        "body": "Nous répondons de 8 h à 20 h.\n\nLe samedi de 9 h à 13 h."})  # fmt: skip
    assert patched.status_code == 200, patched.text
    after = _passages(runtime, article_id)
    assert [p.text for p in after] == ["Nous répondons de 8 h à 20 h.", "Le samedi de 9 h à 13 h."]
    assert after[0].embedding != before[0].embedding
    assert all(p.embedder_version == default_embedder().version for p in after)

    search = f"/api/v1/knowledge/search?client_id={world.client_id}&q=samedi horaires&limit=1"
    assert world.advisor.get(search).json()[0]["article_id"] == article_id
    world.admin.patch(f"/api/v1/knowledge/articles/{article_id}", json={"is_published": False})
    hits = world.advisor.get(search.replace("limit=1", "limit=20")).json()
    assert article_id not in {h["article_id"] for h in hits}

    assert world.advisor.patch(f"/api/v1/knowledge/articles/{article_id}",
                               json={"title": "x"}).status_code == 403  # fmt: skip
    assert world.admin.delete(f"/api/v1/knowledge/articles/{article_id}").status_code == 204
    assert world.admin.get(f"/api/v1/knowledge/articles/{article_id}").status_code == 404
    assert _passages(runtime, article_id) == []
    actions = _audit_actions(runtime, "knowledge_article", article_id)
    assert actions.count("knowledge.article_updated") == 2
    assert {"knowledge.article_created", "knowledge.article_deleted"} <= set(actions)


def test_translations_join_one_group(world) -> None:  # type: ignore[no-untyped-def]
    root = world.articles[("refund", "fr")]
    translation = world.advisor.get(
        f"/api/v1/knowledge/articles/{world.articles[('refund', 'ar')]}"
    )
    assert translation.json()["translation_of_id"] == root
    # A translation of a translation points at the group's original.
    made = world.admin.post("/api/v1/knowledge/articles", json={
        "client_id": world.client_id, "title": "Refunds", "body": "14 days to return.",
        "language": "en", "translation_of_id": world.articles[("refund", "es")]})  # fmt: skip
    assert made.json()["translation_of_id"] == root


def test_content_is_stored_as_written_and_control_characters_refused(world) -> None:  # type: ignore[no-untyped-def]
    payload = {"client_id": world.client_id, "title": "<script>alert(1)</script>",
               "body": "<img src=x onerror=alert(1)>", "language": "fr"}  # fmt: skip
    made = world.admin.post("/api/v1/knowledge/articles", json=payload)
    assert made.status_code == 201
    assert made.json()["title"] == "<script>alert(1)</script>"  # escaped where it is shown
    bad = world.admin.post("/api/v1/knowledge/articles", json={**payload, "body": "a\x00b"})
    assert bad.status_code == 422
    world.admin.delete(f"/api/v1/knowledge/articles/{made.json()['id']}")


def test_macros_crud_and_unique_names(world, runtime) -> None:  # type: ignore[no-untyped-def]
    listed = world.advisor.get(f"/api/v1/macros?client_id={world.client_id}")
    assert {m["name"] for m in listed.json()["items"]} >= {"Annulation confirmée"}
    payload = {"client_id": world.client_id, "name": "Annulation confirmée", "bodies": {"fr": "x"}}
    assert world.admin.post("/api/v1/macros", json=payload).status_code == 409
    assert world.advisor.post("/api/v1/macros", json={**payload, "name": "n"}).status_code == 403
    made = world.admin.post("/api/v1/macros", json={**payload, "name": "Temporaire",
                                                     "set_status": "resolved"})  # fmt: skip
    macro_id = made.json()["id"]
    patched = world.admin.patch(
        f"/api/v1/macros/{macro_id}", json={"set_status": None, "bodies": {"es": "Hola"}}
    )
    assert patched.json()["set_status"] is None and patched.json()["bodies"] == {"es": "Hola"}
    assert world.admin.delete(f"/api/v1/macros/{macro_id}").status_code == 204
    actions = _audit_actions(runtime, "macro", macro_id)
    assert actions == ["knowledge.macro_created", "knowledge.macro_updated",
                       "knowledge.macro_deleted"]  # fmt: skip


def test_applying_a_macro_fills_placeholders_and_acts(world) -> None:  # type: ignore[no-untyped-def]
    conversation_id = world.conversation("Bonjour, annulez ma commande", name="Karim Alaoui")
    url = f"/api/v1/conversations/{conversation_id}/macros/{world.macros['Annulation confirmée']}/apply"
    applied = world.advisor.post(url, json={"language": "fr"})
    assert applied.status_code == 200, applied.text
    assert applied.json()["text"].startswith("Bonjour Karim Alaoui, votre commande est annulée.")
    assert "{{" not in applied.json()["text"]
    conversation = world.advisor.get(f"/api/v1/conversations/{conversation_id}").json()
    assert conversation["status"] == "pending"
    assert "annulation" in conversation["tags"]
    darija = world.advisor.post(url, json={"language": "ary"}).json()
    assert darija["language"] == "ary" and darija["text"].startswith("السلام Karim Alaoui")
