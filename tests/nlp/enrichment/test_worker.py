"""The node's enrichment thread: picks up queued messages by itself, hands its claims back
and ends promptly when the node stops."""

from __future__ import annotations

import threading
import time

from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models.enrichment import EnrichmentTask
from tawasol.nlp.enrichment.worker import EnrichmentWorker, start_enrichment_worker
from tests.factories import make_tenant
from tests.nlp.enrichment.helpers import customer_writes, enrichments, settle


def _queued(runtime, tenant) -> list[EnrichmentTask]:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        rows = list(
            session.scalars(
                select(EnrichmentTask).where(EnrichmentTask.client_id == tenant.client_id)
            )
        )
        session.expunge_all()
        return rows


def test_the_thread_enriches_by_itself_and_stops(runtime) -> None:  # type: ignore[no-untyped-def]
    settle(runtime)
    tenant = make_tenant(runtime, "WT")
    customer_writes(runtime, tenant.conversation_id, "bghit n3ref 3lach lfactura ghalya")
    stop = threading.Event()
    thread = start_enrichment_worker(runtime.db, stop=stop, idle_seconds=0.2)
    try:
        runtime.relay.drain()  # the job queues the tasks and wakes the thread
        deadline = time.monotonic() + 60
        while len(enrichments(runtime, tenant.conversation_id)) < 2:
            assert time.monotonic() < deadline, "the worker did not enrich the messages"
            time.sleep(0.1)
    finally:
        stop.set()
        thread.join(timeout=5)
    assert not thread.is_alive()
    assert _queued(runtime, tenant) == []


def test_a_stopping_worker_hands_its_claims_back(runtime) -> None:  # type: ignore[no-untyped-def]
    settle(runtime)
    tenant = make_tenant(runtime, "WS")
    runtime.relay.drain()
    stop = threading.Event()
    stop.set()
    assert EnrichmentWorker(runtime.db, stop=stop).run_once() == 0
    (task,) = _queued(runtime, tenant)
    assert task.claimed_until is None and task.attempts == 0
    settle(runtime)
    assert _queued(runtime, tenant) == []
