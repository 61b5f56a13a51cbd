"""The enrichment job: enqueued with each customer message, run after commit by the
enrichment worker outside the relay's transaction, stored per message with model versions,
copied onto the conversation for routing, idempotent, retried with backoff."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models.conversation import Conversation
from tawasol.models.enrichment import ConversationInsight, EnrichmentTask
from tawasol.models.message import Message
from tawasol.models.outbox import OutboxEvent
from tawasol.nlp.enrichment.job import ENRICH_JOB, request_enrichment
from tawasol.nlp.enrichment.pipeline import Enricher
from tawasol.nlp.enrichment.queries import insight_of
from tawasol.nlp.enrichment.worker import EnrichmentWorker
from tests.factories import make_tenant
from tests.nlp.enrichment.helpers import customer_writes, enrichments, outbox, settle

ANGRY = "salam, 3yit mn had service khayb, bghit nlghi l abonnement dyali daba"


def test_each_customer_message_is_enriched_after_commit(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "EJ")
    message_id = customer_writes(runtime, tenant.conversation_id, ANGRY)
    jobs = [
        row.payload["message_id"]
        for row in _jobs(runtime)
        if row.payload["message_id"] in (message_id, tenant.message_id)
    ]
    assert jobs == [message_id]  # the advisor's reply in the tenant is not enriched
    runtime.relay.drain()
    assert enrichments(runtime, tenant.conversation_id) == []  # not in the relay's transaction
    assert _task(runtime, message_id) is not None
    settle(runtime)
    assert _task(runtime, message_id) is None

    rows = enrichments(runtime, tenant.conversation_id)
    latest = rows[-1]
    assert latest.message_id == message_id and latest.client_id == tenant.client_id
    assert (latest.language, latest.secondary_language) == ("ary", "fr")
    assert latest.sentiment == "negative" and latest.offensive is False
    assert latest.pii_types == [] and latest.redacted_text == ANGRY
    assert set(latest.model_versions) == {
        "language", "pii", "sentiment", "offensive", "intent", "path",
    }  # fmt: skip
    with runtime.db.unit(Scope.system(), write=False) as session:
        conversation = session.get(Conversation, tenant.conversation_id)
        assert conversation is not None
        assert (conversation.language, conversation.sentiment) == ("ary", "negative")
    events = outbox(runtime, "conversation.enriched", tenant.conversation_id)
    assert events and events[-1].payload["sentiment"] == "negative"
    assert f"client:{tenant.client_id}" in events[-1].recipients
    # Opened, then the reading changed what routing reads (language, negative): heard again.
    assert len(outbox(runtime, "routing.opened", tenant.conversation_id)) == 2
    customer_writes(
        runtime, tenant.conversation_id, "wach kayn chi jdid? 3yit mn had service khayb"
    )
    settle(runtime)
    assert len(outbox(runtime, "routing.opened", tenant.conversation_id)) == 2  # no change


def test_rerun_updates_the_same_rows(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "ER")
    message_id = customer_writes(runtime, tenant.conversation_id, "Mon numéro: 0612345678")
    settle(runtime)
    with runtime.db.unit(Scope.system()) as session:
        message = session.get(Message, message_id)
        assert message is not None and request_enrichment(session, message=message)
        assert not request_enrichment(session, message=message)  # queued once
    assert settle(runtime) == 1
    rows = enrichments(runtime, tenant.conversation_id)
    assert [row.message_id for row in rows].count(message_id) == 1
    assert rows[-1].pii_types == ["PHONE"] and "0612345678" not in rows[-1].redacted_text
    with runtime.db.unit(Scope.system(), write=False) as session:
        insight = session.scalars(
            select(ConversationInsight).where(
                ConversationInsight.conversation_id == tenant.conversation_id
            )
        ).one()
        assert insight.messages == len(rows) == 2  # the opening message and this one


def test_a_failing_job_is_retried_and_the_message_kept(runtime, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    settle(runtime)
    tenant = make_tenant(runtime, "EF")
    real = Enricher.enrich
    crashing = [True]

    def flaky(self: Enricher, texts: list[str], **kwargs: Any) -> Any:
        if crashing[0] and any(tenant.marker in text for text in texts):
            raise RuntimeError("model crashed")
        return real(self, texts, **kwargs)

    monkeypatch.setattr(Enricher, "enrich", flaky)
    healthy = make_tenant(runtime, "EH")  # queued in the same batch: not held back
    runtime.relay.drain()
    worker = EnrichmentWorker(runtime.db, retry_seconds=3600.0)
    worker.drain()
    with runtime.db.unit(Scope.system(), write=False) as session:
        opening = session.scalars(
            select(Message.id).where(Message.conversation_id == tenant.conversation_id)
        ).first()
    task = _task(runtime, opening)  # type: ignore[arg-type]
    assert task is not None and task.attempts == 1 and task.claimed_until is None
    assert task.last_error == "RuntimeError: model crashed"
    assert enrichments(runtime, tenant.conversation_id) == []
    assert len(enrichments(runtime, healthy.conversation_id)) == 1
    assert worker.run_once() == 0  # backing off

    crashing[0] = False
    with runtime.db.unit(Scope.system()) as session:
        row = session.get(EnrichmentTask, task.id)
        assert row is not None
        row.next_attempt_at = row.next_attempt_at.replace(year=2000)  # the backoff has passed
    assert worker.drain() == 1
    assert len(enrichments(runtime, tenant.conversation_id)) == 1


def test_an_advisors_intent_is_never_overwritten(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "EI")
    with runtime.db.unit(Scope.system()) as session:
        conversation = session.get(Conversation, tenant.conversation_id)
        assert conversation is not None
        conversation.intent = "billing"
        session.add(ConversationInsight(client_id=tenant.client_id,
                                        conversation_id=conversation.id, intent="cancel",
                                        machine_intent="cancel", language_shares={}))  # fmt: skip
    customer_writes(runtime, tenant.conversation_id, "je veux résilier mon abonnement")
    settle(runtime)
    with runtime.db.unit(Scope.system(), write=False) as session:
        conversation = session.get(Conversation, tenant.conversation_id)
        assert conversation is not None and conversation.intent == "billing"


def _task(runtime, message_id: int) -> EnrichmentTask | None:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        task = session.scalars(
            select(EnrichmentTask).where(EnrichmentTask.message_id == message_id)
        ).first()
        session.expunge_all()
        return task


def _jobs(runtime) -> list[OutboxEvent]:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        rows = list(session.scalars(select(OutboxEvent).where(OutboxEvent.type == ENRICH_JOB)))
        session.expunge_all()
        return rows


def test_a_short_greeting_does_not_move_the_conversations_language(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "EG")
    with runtime.db.unit(Scope.system()) as session:
        conversation = session.get(Conversation, tenant.conversation_id)
        assert conversation is not None
        conversation.language = "fr"
    customer_writes(runtime, tenant.conversation_id, "salam")  # Darija at 0.64 only
    settle(runtime)
    with runtime.db.unit(Scope.system(), write=False) as session:
        conversation = session.get(Conversation, tenant.conversation_id)
        assert conversation is not None and conversation.language == "fr"
    assert enrichments(runtime, tenant.conversation_id)[-1].language == "ary"


def test_code_switched_darija_keeps_darija_as_the_conversations_language(runtime) -> None:  # type: ignore[no-untyped-def]
    """French has more letters here, but the grammar is Darija's (language ID's primary): the
    conversation is read as Darija with French, not as French."""
    tenant = make_tenant(runtime, "ECS")
    text = (
        "Salam cv? Le vol dyali du 21 février t2akhar w ratit la correspondance, chnou ndir"
        " daba? Vous êtes top, merci bzaf."
    )
    customer_writes(runtime, tenant.conversation_id, text)
    settle(runtime)
    latest = enrichments(runtime, tenant.conversation_id)[-1]
    assert latest.language == "ary" and latest.language_shares["fr"] > latest.language_shares["ary"]
    with runtime.db.unit(Scope.system(), write=False) as session:
        conversation = session.get(Conversation, tenant.conversation_id)
        assert conversation is not None and conversation.language == "ary"
        insight = insight_of(session, conversation_id=tenant.conversation_id)
        assert insight is not None and insight.secondary_language == "fr"
        assert insight.language_shares["fr"] > insight.language_shares["ary"]
