"""A conversation whose intent is known is answered from the articles tagged with that intent,
or from a top hit the client's intent model reads as that intent; otherwise not from a
passage at all. Without an intent the plain retrieval rule applies."""

from __future__ import annotations

from tests.copilot.factories import set_intent, store_intent_model
from tests.copilot.kb_data import QUERIES

ANGRY = "Je suis furieux, personne ne répond et j'attends depuis des semaines !"


def _conversation(world, runtime, text: str, intent: str | None) -> int:  # type: ignore[no-untyped-def]
    conversation_id = world.conversation(text)
    set_intent(runtime, conversation_id, intent)
    return conversation_id


def _reply(world, conversation_id: int) -> dict:  # type: ignore[no-untyped-def]
    made = world.advisor.post(
        f"/api/v1/conversations/{conversation_id}/suggestions", json={"kinds": ["reply"]}
    )
    assert made.status_code == 201, made.text
    (reply,) = made.json()
    return reply


def test_articles_tagged_with_the_intent_answer_it(world, runtime) -> None:  # type: ignore[no-untyped-def]
    cancel = {world.articles[("cancel_order", lang)] for lang in ("fr", "ary", "es")}
    refund = {aid for (topic, _), aid in world.articles.items() if topic == "refund"}
    for intent, expected in (("cancel_order", cancel), ("refund", refund)):
        conversation_id = _conversation(world, runtime, ANGRY, intent)
        reply = _reply(world, conversation_id)
        assert reply["details"]["basis"] == "intent_tag", reply
        assert reply["details"]["from"] == "passage" and reply["details"]["intent"] == intent
        assert {source["article_id"] for source in reply["sources"]} <= expected  # nothing else
        page = world.advisor.get(f"/conversations/{conversation_id}").text
        assert 'data-copilot-why="intent_tag"' in page and f"intention « {intent} »" in page

    # an intent no article is tagged with, and no intent model to read the passages
    unknown = _reply(world, _conversation(world, runtime, ANGRY, "late_delivery"))
    assert unknown["details"]["basis"] == "retrieval"
    plain = _reply(world, _conversation(world, runtime, "j'ai oublié mon mot de passe", None))
    assert plain["details"]["basis"] == "retrieval" and plain["details"]["from"] == "passage"
    assert plain["sources"][0]["article_id"] == world.articles[("password", "fr")]


def test_without_tags_the_intent_model_reads_the_top_hit(world, runtime) -> None:  # type: ignore[no-untyped-def]
    # The client's intent labels differ from the article tags: only the model can link them.
    names = {"cancel_order": "annulation", "track_delivery": "suivi", "password": "acces"}
    examples = [(text, names[topic]) for text, _, topic in QUERIES if topic in names] * 3
    store_intent_model(runtime, world.client_id, examples)

    read = _reply(world, _conversation(world, runtime, "je veux annuler ma commande", "annulation"))
    assert read["details"]["basis"] == "intent_reading", read
    assert read["sources"][0]["article_id"] == world.articles[("cancel_order", "fr")]

    # the top hit is about passwords: it does not answer a tracking conversation
    wrong = _reply(world, _conversation(world, runtime, "j'ai oublié mon mot de passe", "suivi"))
    assert wrong["details"] == {
        "grounded": False,
        "from": "frame",
        "basis": "none",
        "waiting": True,
        "intent": "suivi",
    }


def test_once_articles_are_linked_to_intents_an_unlinked_intent_gets_no_passage(
    world, runtime
) -> None:  # type: ignore[no-untyped-def]
    # "cancel_order" and "password" are both intents and article tags: this client links
    # articles to intents, and no article is linked to "suivi"
    names = {"cancel_order": "cancel_order", "track_delivery": "suivi", "password": "password"}
    examples = [(text, names[topic]) for text, _, topic in QUERIES if topic in names] * 3
    store_intent_model(runtime, world.client_id, examples)

    question = "où est mon colis ? toujours pas livré"
    unlinked = _reply(world, _conversation(world, runtime, question, "suivi"))
    assert unlinked["details"] == {
        "grounded": False,
        "from": "frame",
        "basis": "none",
        "waiting": True,
        "intent": "suivi",
    }
    linked = _reply(world, _conversation(world, runtime, ANGRY, "password"))
    assert linked["details"]["basis"] == "intent_tag"
    assert linked["sources"][0]["article_id"] in {
        aid for (topic, _), aid in world.articles.items() if topic == "password"
    }
