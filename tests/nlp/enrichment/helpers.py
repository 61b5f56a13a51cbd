"""Shared steps of the enrichment tests: a customer writes, the relay runs the jobs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from tawasol.conversations.actions import do_receive_message
from tawasol.db.tenancy import Scope
from tawasol.migrations_runner import upgrade
from tawasol.models.client import Client
from tawasol.models.conversation import Conversation
from tawasol.models.enrichment import MessageEnrichment
from tawasol.models.outbox import OutboxEvent
from tawasol.nlp.enrichment.worker import EnrichmentWorker
from tawasol.runtime import Runtime
from tests.conftest import settings_for
from tests.factories import SYSTEM, Tenant, make_tenant


def settle(runtime: Runtime) -> int:
    """Relay the jobs, enrich what they queued, relay what the enrichment announced."""
    runtime.relay.drain()
    enriched = EnrichmentWorker(runtime.db, retry_seconds=0.0).drain()
    runtime.relay.drain()
    return enriched


def customer_writes(runtime: Runtime, conversation_id: int, text: str) -> int:
    with runtime.db.unit(SYSTEM.scope) as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        return do_receive_message(session, actor=SYSTEM, conversation=conversation, text=text).id


def enrichments(runtime: Runtime, conversation_id: int) -> list[MessageEnrichment]:
    with runtime.db.unit(Scope.system(), write=False) as session:
        rows = session.scalars(
            select(MessageEnrichment)
            .where(MessageEnrichment.conversation_id == conversation_id)
            .order_by(MessageEnrichment.message_id)
        ).all()
        session.expunge_all()
        return list(rows)


def outbox(runtime: Runtime, type: str, conversation_id: int) -> list[OutboxEvent]:
    with runtime.db.unit(Scope.system(), write=False) as session:
        rows = [
            row
            for row in session.scalars(
                select(OutboxEvent).where(OutboxEvent.type == type).order_by(OutboxEvent.id)
            )
            if row.payload.get("conversation_id") == conversation_id
        ]
        session.expunge_all()
        return rows


def embedded_client(tmp_path: Path, label: str, populate: Callable[[Runtime, Tenant], None]) -> str:
    """A client in an embedded database under ``tmp_path`` (as the CLI finds it with
    ``--data-dir``), filled by ``populate``; returns its slug."""
    url = f"sqlite:///{tmp_path / 'tawasol.db'}"
    upgrade(url)
    runtime = Runtime.build(settings_for(tmp_path, url))
    try:
        tenant = make_tenant(runtime, label)
        populate(runtime, tenant)
        with runtime.db.unit(SYSTEM.scope, write=False) as session:
            client = session.get(Client, tenant.client_id)
            assert client is not None
            return client.slug
    finally:
        runtime.close()
