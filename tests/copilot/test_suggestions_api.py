"""Suggestions in a conversation (reply, summary, next action), feedback and acceptance rates."""

from __future__ import annotations

from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models.knowledge import SuggestionFeedback
from tawasol.models.user import User


def _suggest(world, conversation_id: int, **body) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    made = world.advisor.post(f"/api/v1/conversations/{conversation_id}/suggestions", json=body)
    assert made.status_code == 201, made.text
    return {s["kind"]: s for s in made.json()}


def test_reply_in_the_customers_language_with_sources(world) -> None:  # type: ignore[no-untyped-def]
    conversation_id = world.conversation("السلام، بغيت نلغي الكوموند ديالي عافاك")
    made = _suggest(world, conversation_id)
    reply = made["reply"]
    assert reply["language"] == "ary"
    assert reply["model"] == "offline-retrieval-templates"
    assert reply["model_version"].startswith("3+multilingual-e5-small")
    assert reply["content"].startswith("السلام Salma Idrissi")
    assert "تقدر تلغي الكوموند" in reply["content"]
    cited = reply["sources"][0]
    assert cited["article_id"] == world.articles[("cancel_order", "ary")]
    assert {"passage_id", "title", "start", "end", "anchor", "score"} <= set(cited)

    action = made["next_action"]
    assert action["details"]["macro_id"] == world.macros["Annulation confirmée"]
    assert action["content"] == "Annulation confirmée"
    assert 0 < action["details"]["score"] <= 1
    assert action["details"]["alternatives"][0]["macro_id"] == action["details"]["macro_id"]

    summary = made["summary"]
    assert summary["model"] == "offline-extractive-summary"
    assert "Salma Idrissi" in summary["content"] and "En attente" in summary["content"]
    assert summary["details"]["pending"].startswith("السلام، بغيت نلغي")
    # one message: the pending question is the request, said once
    assert summary["content"].count(summary["details"]["pending"]) == 1
    assert "le client attend une réponse à cette demande" in summary["content"]

    listed = world.advisor.get(f"/api/v1/conversations/{conversation_id}/suggestions").json()
    assert [s["id"] for s in listed] == sorted((s["id"] for s in made.values()), reverse=True)


def test_darija_in_latin_letters_is_answered_in_latin_letters(world) -> None:  # type: ignore[no-untyped-def]
    """An Arabizi customer gets an Arabizi frame around the French article, as advisors
    answer them, not Arabic script they did not write in."""
    conversation_id = world.conversation("salam, bghit nlghi lcommande dyali 3afak")
    made = _suggest(world, conversation_id)
    reply = made["reply"]
    assert reply["language"] == "ary-Latn"
    assert reply["content"].startswith("Salam Salma Idrissi,")
    assert "\nNharek mabrouk,\n" in reply["content"]
    assert reply["sources"][0]["article_id"] == world.articles[("cancel_order", "fr")]
    assert not any("\u0600" <= char <= "\u06ff" for char in reply["content"])
    assert made["summary"]["language"] == "ary"  # the customer's language is still Darija
    applied = world.advisor.post(
        f"/api/v1/conversations/{conversation_id}/macros/{world.macros['Annulation confirmée']}/apply",
        json={},
    )
    assert applied.status_code == 200, applied.text  # the macro has no Arabizi body: French
    assert applied.json()["language"] == "fr"
    assert applied.json()["text"].startswith("Bonjour Salma Idrissi, votre commande est annulée")


def test_reply_follows_translations_to_the_customers_language(world) -> None:  # type: ignore[no-untyped-def]
    conversation_id = world.conversation("¿Cómo puedo devolver un artículo y recibir el reembolso?")
    reply = _suggest(world, conversation_id, kinds=["reply"])["reply"]
    assert reply["language"] == "es"
    assert reply["content"].startswith("Hola Salma Idrissi:")
    assert "Tiene 14 días para devolver" in reply["content"]
    assert reply["sources"][0]["article_id"] == world.articles[("refund", "es")]


def test_unanswerable_question_gets_a_holding_reply(world) -> None:  # type: ignore[no-untyped-def]
    conversation_id = world.conversation("Quel temps fera-t-il demain à Ifrane ?")
    reply = _suggest(world, conversation_id, kinds=["reply"])["reply"]
    assert reply["details"]["grounded"] is False and reply["sources"] == []
    assert "Je vérifie votre demande" in reply["content"] and reply["details"]["waiting"] is True


def test_an_answered_customer_is_not_told_that_the_advisor_is_checking(world) -> None:  # type: ignore[no-untyped-def]
    conversation_id = world.conversation("Quel temps fera-t-il demain à Ifrane ?")
    world.advisor.post(f"/api/v1/conversations/{conversation_id}/messages",
                       json={"text": "Il fera beau à Ifrane demain."})  # fmt: skip
    reply = _suggest(world, conversation_id, kinds=["reply"])["reply"]
    assert reply["details"]["grounded"] is False and reply["details"]["waiting"] is False
    assert "Puis-je vous aider pour autre chose ?" in reply["content"]
    assert "Je vérifie votre demande" not in reply["content"]


def _set_locale(runtime, user_id: int, locale: str) -> None:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system()) as session:
        user = session.get(User, user_id)
        assert user is not None
        user.locale = locale


def test_summary_redacts_personal_data_and_speaks_the_advisors_language(world, runtime) -> None:  # type: ignore[no-untyped-def]
    conversation_id = world.conversation("Rappelez-moi au 06 12 34 56 78 pour ma commande.")
    world.advisor.post(f"/api/v1/conversations/{conversation_id}/messages",
                       json={"text": "Je regarde votre commande."})  # fmt: skip
    me = world.advisor.get("/api/v1/me").json()["id"]
    _set_locale(runtime, me, "en")
    try:
        summary = _suggest(world, conversation_id, kinds=["summary"])["summary"]
    finally:
        _set_locale(runtime, me, "fr")
    assert "Pending:" in summary["content"] and "Who:" in summary["content"]
    assert "06 12 34 56 78" not in summary["content"] and "[PHONE]" in summary["content"]
    assert "Je regarde votre commande." in summary["content"]
    assert summary["details"]["replies"] == 1 and summary["details"]["pending"] == ""


def test_accepting_sends_the_reply_once_and_counts_in_the_rates(world, runtime) -> None:  # type: ignore[no-untyped-def]
    conversation_id = world.conversation("j'ai oublié mon mot de passe")
    made = _suggest(world, conversation_id)
    reply, action = made["reply"], made["next_action"]
    url = f"/api/v1/suggestions/{reply['id']}/feedback"
    accepted = world.advisor.post(url, json={"decision": "accepted", "send": True})
    assert accepted.status_code == 201, accepted.text
    message_id = accepted.json()["message_id"]
    messages = world.advisor.get(f"/api/v1/conversations/{conversation_id}/messages").json()
    sent = next(m for m in messages["items"] if m["id"] == message_id)
    assert sent["text"] == reply["content"] and sent["direction"] == "outbound"
    again = world.advisor.post(url, json={"decision": "rejected"})
    assert again.status_code == 409

    rejected = world.advisor.post(f"/api/v1/suggestions/{action['id']}/feedback",
                                  json={"decision": "rejected"})  # fmt: skip
    assert rejected.status_code == 201
    bad = world.advisor.post(f"/api/v1/suggestions/{made['summary']['id']}/feedback",
                             json={"decision": "accepted", "send": True})  # fmt: skip
    assert bad.status_code == 422

    stats = world.admin.get(f"/api/v1/copilot/stats?client_id={world.client_id}").json()
    row = next(
        r for r in stats if r["kind"] == "reply" and r["model_version"] == reply["model_version"]
    )
    assert row["accepted"] >= 1 and row["decided"] >= 1 and row["suggestions"] >= row["decided"]
    assert row["acceptance_rate"] == round(row["accepted"] / row["decided"], 4)
    by_basis = row["by_basis"][reply["details"]["basis"]]  # the same counts, split by basis
    assert by_basis["accepted"] >= 1 and by_basis["decided"] <= row["decided"]
    assert sum(b["suggestions"] for b in row["by_basis"].values()) <= row["suggestions"]
    nba = next(r for r in stats if r["kind"] == "next_action")
    assert nba["rejected"] >= 1


def test_edited_reply_keeps_the_final_text(world, runtime) -> None:  # type: ignore[no-untyped-def]
    conversation_id = world.conversation("où est mon colis ?")
    reply = _suggest(world, conversation_id, kinds=["reply"])["reply"]
    url = f"/api/v1/suggestions/{reply['id']}/feedback"
    assert world.advisor.post(url, json={"decision": "edited"}).status_code == 422
    edited = world.advisor.post(url, json={"decision": "accepted", "final_text": "Bonjour, "
                                           "votre colis arrive demain.", "send": True})  # fmt: skip
    assert edited.status_code == 201, edited.text
    assert edited.json()["decision"] == "edited"
    with runtime.db.unit(Scope.system(), write=False) as session:
        row = session.scalars(
            select(SuggestionFeedback).where(SuggestionFeedback.suggestion_id == reply["id"])
        ).one()
        assert row.final_text == "Bonjour, votre colis arrive demain." and row.message_id
