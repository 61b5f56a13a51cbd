"""POST /conversations/{id}/insights/reviews: an advisor accepts, corrects or rejects one field
of the AI reading; the decision is recorded with the model's value and version, applied to the
conversation, kept by later enrichment, audited, and counted in the acceptance rates."""

from __future__ import annotations

from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models.audit import AuditEntry
from tawasol.models.conversation import Conversation
from tawasol.models.enrichment import MessageEnrichment
from tawasol.models.vocabulary import Role
from tawasol.nlp.enrichment.actions import refresh_conversation
from tests.factories import detached, login, make_tenant, make_user
from tests.nlp.enrichment.helpers import customer_writes, outbox, settle


def _review(client, conversation_id: int, **body):  # type: ignore[no-untyped-def]
    return client.post(f"/api/v1/conversations/{conversation_id}/insights/reviews", json=body)


def test_accept_records_the_models_reading_and_version(app, runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "RA")
    client = login(app, tenant.advisor_email)
    customer_writes(runtime, tenant.conversation_id, "bghit n3ref fin wsslat la commande dyali")
    settle(runtime)
    response = _review(client, tenant.conversation_id, field="language", decision="accepted")
    assert response.status_code == 201, response.text
    review = response.json()
    assert review["decision"] == "accepted" and review["machine_value"] == "ary"
    assert review["value"] == "ary" and review["model_version"].startswith("tawasol-lid/")
    assert review["message_id"] is not None and review["reviewer_id"] is not None
    insights = client.get(f"/api/v1/conversations/{tenant.conversation_id}/insights").json()
    assert [r["id"] for r in insights["reviews"]] == [review["id"]]
    with runtime.db.unit(Scope.system(), write=False) as session:
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "reading.reviewed")
            .where(AuditEntry.object_id == str(tenant.conversation_id))
        ).all()  # fmt: skip
        assert [a.summary["field"] for a in audit] == ["language"]


def test_corrections_hold_against_later_enrichment(app, runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "RC")
    client = login(app, tenant.advisor_email)
    customer_writes(runtime, tenant.conversation_id, "Bonjour, je voudrais changer mon forfait")
    settle(runtime)
    assert detached(runtime, Conversation, tenant.conversation_id).language == "fr"
    for field, value in (("language", "ary"), ("intent", "plan_change"), ("sentiment", "negative")):
        response = _review(client, tenant.conversation_id, field=field, decision="corrected",
                           value=value)  # fmt: skip
        assert response.status_code == 201, response.text
        assert response.json()["decision"] == "corrected"
    conversation = detached(runtime, Conversation, tenant.conversation_id)
    assert (conversation.language, conversation.intent, conversation.sentiment) == (
        "ary", "plan_change", "negative",
    )  # fmt: skip
    assert outbox(runtime, "conversation.enriched", tenant.conversation_id)

    customer_writes(runtime, tenant.conversation_id, "Merci beaucoup, c'est parfait, bonne journée")
    settle(runtime)
    conversation = detached(runtime, Conversation, tenant.conversation_id)
    # language and intent stay the advisor's; a newer message is read for its mood
    assert (conversation.language, conversation.intent) == ("ary", "plan_change")
    assert conversation.sentiment == "positive"

    # accepting hands the field back to the models
    response = _review(client, tenant.conversation_id, field="language", decision="accepted")
    assert response.json()["value"] == "fr"
    assert detached(runtime, Conversation, tenant.conversation_id).language == "fr"


def _model_read_intent(runtime, conversation_id: int, intent: str) -> None:  # type: ignore[no-untyped-def]
    """As an intent model would have: the message row, the insight and the conversation."""
    with runtime.db.unit(Scope.system()) as session:
        for row in session.scalars(
            select(MessageEnrichment).where(MessageEnrichment.conversation_id == conversation_id)
        ):
            row.intent, row.intent_confidence = intent, 0.9
        session.flush()
        refresh_conversation(session, conversation=session.get(Conversation, conversation_id))


def test_rejected_intent_is_not_written_back(app, runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "RR")
    client = login(app, tenant.advisor_email)
    customer_writes(runtime, tenant.conversation_id, "Je veux résilier mon abonnement")
    settle(runtime)
    _model_read_intent(runtime, tenant.conversation_id, "cancel")
    assert detached(runtime, Conversation, tenant.conversation_id).intent == "cancel"
    response = _review(client, tenant.conversation_id, field="intent", decision="rejected")
    assert response.status_code == 201, response.text
    assert (response.json()["machine_value"], response.json()["value"]) == ("cancel", None)
    assert detached(runtime, Conversation, tenant.conversation_id).intent is None
    _model_read_intent(runtime, tenant.conversation_id, "cancel")  # the model insists
    assert detached(runtime, Conversation, tenant.conversation_id).intent is None


def test_offensive_rejection_is_a_correction_and_a_new_insult_counts_again(app, runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "RO")
    client = login(app, tenant.advisor_email)
    customer_writes(runtime, tenant.conversation_id, "Merci pour votre aide")
    settle(runtime)
    response = _review(client, tenant.conversation_id, field="offensive", decision="rejected")
    assert response.status_code == 201
    review = response.json()
    assert (review["decision"], review["machine_value"], review["value"]) == (
        "corrected", "not_offensive", "offensive",
    )  # fmt: skip
    insights = client.get(f"/api/v1/conversations/{tenant.conversation_id}/insights").json()
    assert insights["offensive"] is True
    response = _review(client, tenant.conversation_id, field="offensive", decision="corrected",
                       value="not_offensive")  # fmt: skip
    assert response.json()["decision"] == "accepted"  # the model said so: an acceptance
    settle(runtime)
    insights = client.get(f"/api/v1/conversations/{tenant.conversation_id}/insights").json()
    assert insights["offensive"] is False


def test_bad_reviews_are_refused_precisely(app, runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "RB")
    client = login(app, tenant.advisor_email)
    nothing = _review(client, tenant.conversation_id, field="sentiment", decision="accepted")
    assert nothing.status_code == 409 and nothing.json()["error"]["code"] == "nothing_to_review"
    cases = [
        ({"field": "sentiment", "decision": "corrected", "value": "furious"}, "negative, neutral"),
        ({"field": "language", "decision": "corrected", "value": "French"}, "ISO 639"),
        ({"field": "intent", "decision": "corrected"}, "needs its value"),
        ({"field": "intent", "decision": "accepted", "value": "x"}, "only a correction"),
        ({"field": "mood", "decision": "accepted"}, "field"),
        ({"field": "intent", "decision": "corrected", "value": "<script>x</script>"}, "intent"),
    ]
    for body, expected in cases:
        response = _review(client, tenant.conversation_id, **body)
        assert response.status_code == 422, (body, response.text)
        assert expected in response.text, (body, response.text)
    # a correction needs no reading: the advisor may label before the models run
    ok = _review(client, tenant.conversation_id, field="intent", decision="corrected",
                 value="billing")  # fmt: skip
    assert ok.status_code == 201 and ok.json()["machine_value"] is None


def test_acceptance_rates_per_client_field_and_model(app, runtime) -> None:  # type: ignore[no-untyped-def]
    tenant, other = make_tenant(runtime, "RS"), make_tenant(runtime, "RT")
    advisor = login(app, tenant.advisor_email)
    for t in (tenant, other):
        customer_writes(runtime, t.conversation_id, "Bonjour, ma facture est fausse")
    settle(runtime)
    _review(advisor, tenant.conversation_id, field="language", decision="accepted")
    _review(advisor, tenant.conversation_id, field="sentiment", decision="corrected",
            value="negative")  # fmt: skip
    _review(login(app, other.advisor_email), other.conversation_id, field="language",
            decision="rejected")  # fmt: skip
    _, email = make_user(runtime, Role.SUPERVISOR, [tenant.client_id])
    rows = login(app, email).get("/api/v1/insights/review-stats").json()
    assert {r["client_id"] for r in rows} == {tenant.client_id}  # never the other brand's
    by_field = {r["field"]: r for r in rows}
    assert by_field["language"]["accepted"] == 1 and by_field["language"]["acceptance_rate"] == 1
    assert by_field["sentiment"]["corrected"] == 1
    assert by_field["sentiment"]["acceptance_rate"] == 0
    assert by_field["sentiment"]["model_version"]
