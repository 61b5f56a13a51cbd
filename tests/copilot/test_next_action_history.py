"""The next best action learns from the macros the client's advisors applied in conversations
of the same intent; without that history it ranks by text similarity, says so, and never puts
a macro forward as the reply. Another client's history does not count."""

from __future__ import annotations

from tawasol.auth.actor import Actor
from tawasol.conversations.actions import do_receive_message
from tawasol.db.tenancy import Scope
from tawasol.models import Conversation
from tawasol.models.knowledge import MacroUse
from tests.copilot.factories import make_knowledge, set_intent
from tests.factories import make_tenant

INTENT = "late_delivery"
GESTURE = {
    "name": "Geste commercial", "add_tags": ["geste"],
    "bodies": {"fr": "Bonjour {{contact.name}}, un bon d'achat de 50 dirhams vous est offert."},
}  # fmt: skip
MOVED = "address_change"
CLOSING = {
    "name": "Adresse mise à jour",
    "bodies": {"fr": "Bonjour {{contact.name}}, votre nouvelle adresse est enregistrée."},
}
QUESTION = "Toujours rien, c'est inadmissible !"


def _with_intent(world, runtime, text: str, *, intent: str = INTENT) -> int:  # type: ignore[no-untyped-def]
    conversation_id = world.conversation(text)
    set_intent(runtime, conversation_id, intent)
    return conversation_id


def _reply(world, conversation_id: int, text: str) -> None:  # type: ignore[no-untyped-def]
    sent = world.advisor.post(
        f"/api/v1/conversations/{conversation_id}/messages", json={"text": text}
    )
    assert sent.status_code == 201, sent.text


def _suggest(world, conversation_id: int) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    made = world.advisor.post(f"/api/v1/conversations/{conversation_id}/suggestions", json={})
    assert made.status_code == 201, made.text
    return {s["kind"]: s for s in made.json()}


def _apply(world, conversation_id: int, macro_id: int) -> None:  # type: ignore[no-untyped-def]
    applied = world.advisor.post(
        f"/api/v1/conversations/{conversation_id}/macros/{macro_id}/apply", json={}
    )
    assert applied.status_code == 200, applied.text


def test_next_action_follows_the_advisors_history(world, runtime) -> None:  # type: ignore[no-untyped-def]
    made = world.admin.post("/api/v1/macros", json={"client_id": world.client_id, **GESTURE})
    assert made.status_code == 201, made.text
    gesture = made.json()["id"]

    before = _suggest(world, _with_intent(world, runtime, QUESTION))
    action = before["next_action"]
    assert action["model_version"].startswith("2+")
    assert action["details"]["basis"] == "similarity" and action["details"]["uses"] == 0
    assert before["reply"]["details"]["from"] != "macro"  # similarity alone never answers

    for _ in range(3):
        _apply(world, _with_intent(world, runtime, "Mon colis est en retard"), gesture)
    _apply(world, _with_intent(world, runtime, "Mon colis est en retard"),
           world.macros["Annulation confirmée"])  # fmt: skip
    with runtime.db.unit(Scope.system(), write=False) as session:
        uses = session.query(MacroUse).filter(MacroUse.client_id == world.client_id).all()
    assert sorted(u.macro_id for u in uses if u.intent == INTENT) == sorted(
        [gesture] * 3 + [world.macros["Annulation confirmée"]]
    )

    # another client's advisors applying their own macro on the same intent changes nothing
    other = make_tenant(runtime, "NBA")
    foreign = make_knowledge(
        runtime, client_id=other.client_id, conversation_id=other.conversation_id
    )
    with runtime.db.unit(Scope.system()) as session:
        session.add_all(
            MacroUse(
                client_id=other.client_id,
                macro_id=foreign.macro_id,
                conversation_id=other.conversation_id,
                intent=INTENT,
            )  # fmt: skip
            for _ in range(5)
        )

    conversation_id = _with_intent(world, runtime, QUESTION)
    after = _suggest(world, conversation_id)
    action = after["next_action"]
    assert action["content"] == "Geste commercial"
    details = action["details"]
    assert details["basis"] == "history" and details["intent"] == INTENT
    assert (details["uses"], details["intent_uses"], details["score"]) == (3, 4, 0.75)
    assert details["stage"] == "opening"
    assert details["alternatives"][1]["macro_id"] == world.macros["Annulation confirmée"]
    reply = after["reply"]
    assert reply["details"] == {
        "grounded": True, "from": "macro", "intent": INTENT, "stage": "opening"
    }  # fmt: skip
    assert reply["content"].startswith("Bonjour Salma Idrissi, un bon d'achat de 50 dirhams")
    assert reply["sources"][0]["macro_id"] == gesture and reply["sources"][0]["uses"] == 3

    page = world.advisor.get(f"/conversations/{conversation_id}")
    assert page.status_code == 200 and 'data-copilot-basis="history"' in page.text
    assert "appliquée dans 3 des 4 dernières utilisations" in page.text


def test_a_conversation_without_intent_ranks_by_similarity(world, runtime) -> None:  # type: ignore[no-untyped-def]
    conversation_id = world.conversation("bghit nlghi lcommande")
    action = _suggest(world, conversation_id)["next_action"]
    assert action["details"]["basis"] == "similarity" and action["details"]["intent"] is None
    assert action["content"] == "Annulation confirmée"
    page = world.advisor.get(f"/conversations/{conversation_id}").text
    assert 'data-copilot-basis="similarity"' in page and "intention pas encore connue" in page


def test_a_macro_applied_once_the_work_is_done_is_no_first_answer(world, runtime) -> None:  # type: ignore[no-untyped-def]
    """Uses are counted at the conversation's stage: a confirmation applied after a first reply
    is suggested after a first reply, and never sent as the first answer."""
    made = world.admin.post("/api/v1/macros", json={"client_id": world.client_id, **CLOSING})
    assert made.status_code == 201, made.text
    closing = made.json()["id"]
    for _ in range(3):
        conversation_id = _with_intent(world, runtime, "Mon adresse a changé", intent=MOVED)
        _reply(world, conversation_id, "Je mets votre adresse à jour.")
        _apply(world, conversation_id, closing)

    waiting = _suggest(world, _with_intent(world, runtime, QUESTION, intent=MOVED))
    action = waiting["next_action"]  # no opening history: every stage's history ranks
    assert action["content"] == CLOSING["name"]
    assert action["details"]["basis"] == "history" and action["details"]["stage"] == "any"
    assert waiting["reply"]["details"]["from"] != "macro"

    answered = _with_intent(world, runtime, QUESTION, intent=MOVED)
    _reply(world, answered, "Je regarde votre dossier.")
    with runtime.db.unit(Scope.system()) as session:  # the customer writes again
        conversation = session.get(Conversation, answered)
        assert conversation is not None
        do_receive_message(session, actor=Actor.system("tests"), conversation=conversation,
                           text=QUESTION)  # fmt: skip
    later = _suggest(world, answered)
    assert later["next_action"]["details"]["stage"] == "follow_up"
    assert later["reply"]["details"]["from"] == "macro"
    assert later["reply"]["sources"][0]["macro_id"] == closing

    # the same macro once it resolves the conversation: still the next action, never the reply
    # to a customer who waits for an answer
    changed = world.admin.patch(f"/api/v1/macros/{closing}", json={"set_status": "resolved"})
    assert changed.status_code == 200, changed.text
    again = _suggest(world, answered)
    assert again["next_action"]["details"]["macro_id"] == closing
    assert again["reply"]["details"]["from"] != "macro"


def test_uses_follow_the_conversations_intent_when_it_is_set_later(world, runtime) -> None:  # type: ignore[no-untyped-def]
    made = world.admin.post(
        "/api/v1/macros",
        json={"client_id": world.client_id, "name": "Facture envoyée",
              "bodies": {"fr": "Bonjour {{contact.name}}, votre facture vous a été renvoyée."}},
    )  # fmt: skip
    assert made.status_code == 201, made.text
    macro_id = made.json()["id"]
    conversation_id = world.conversation("Je n'ai pas reçu ma facture")  # no intent yet
    _apply(world, conversation_id, macro_id)
    corrected = world.advisor.post(
        f"/api/v1/conversations/{conversation_id}/insights/reviews",
        json={"field": "intent", "decision": "corrected", "value": "invoice_copy"},
    )
    assert corrected.status_code in (200, 201), corrected.text
    with runtime.db.unit(Scope.system(), write=False) as session:
        (use,) = session.query(MacroUse).filter(MacroUse.conversation_id == conversation_id).all()
    assert use.intent == "invoice_copy"  # the advisor's intent, set after the macro was applied
