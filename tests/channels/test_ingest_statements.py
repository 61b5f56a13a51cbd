"""The webhook fast path: its statement budget, group commit, and the fall-back when a batch
fails. Statements are counted on the engine, for the calling thread only."""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select

from tawasol.audit.chain import verify_chain
from tawasol.auth.actor import Actor
from tawasol.channels.base import Identity, InboundMessage
from tawasol.channels.group_commit import IngestJob, run_batch
from tawasol.channels.ingest_fast import prepare
from tawasol.db.tenancy import Scope
from tawasol.db.types import utcnow
from tawasol.models import Conversation, Inbox, Message
from tawasol.models.vocabulary import Channel, IdentityKind
from tests.channels.test_webhooks import _inbox

ACTOR = Actor.system("webhook:whatsapp")
# Statements for one message in a transaction of its own, BEGIN and COMMIT's flush included.
# Known customer on an open conversation: BEGIN, duplicate check + identity owners (one
# statement), live conversation, message insert, tag touch, conversation touch, outbox insert.
KNOWN_CUSTOMER_BUDGET = 7
# New customer: BEGIN, duplicate check + owners, contact, identities, conversation, message,
# reporting event, the SLA settings look-up, audit head, audit entries, outbox, head update.
NEW_CUSTOMER_BUDGET = 12
# A burst of 16 deliveries sharing one transaction (one opening, the rest known), per message;
# PostgreSQL locks the known contact's row (SQLite's write lock covers it) but sends no BEGIN;
# SQLite writes the conversation touches once per batch (here, before each look-up of the
# same customer's live conversation: fewer still when the burst's senders differ).
BURST_BUDGET_PER_MESSAGE = {"sqlite": 5.4, "postgresql": 6.4}


@contextmanager
def statements(runtime) -> Iterator[list[str]]:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    me = threading.get_ident()

    def count(_conn, _cursor, statement, *_rest) -> None:  # type: ignore[no-untyped-def]
        if threading.get_ident() == me:
            seen.append(statement)

    def commit(_conn) -> None:  # type: ignore[no-untyped-def]
        if threading.get_ident() == me:
            seen.append("COMMIT")

    event.listen(runtime.db.engine, "before_cursor_execute", count)
    event.listen(runtime.db.engine, "commit", commit)
    try:
        yield seen
    finally:
        event.remove(runtime.db.engine, "before_cursor_execute", count)
        event.remove(runtime.db.engine, "commit", commit)


def _message(pid: str, phone: str) -> InboundMessage:
    sender = Identity(IdentityKind.WHATSAPP, phone), Identity(IdentityKind.PHONE, phone)
    return InboundMessage(provider_message_id=pid, identities=sender, text=f"salam {pid}")


def _job(inbox: Inbox, *messages: InboundMessage) -> IngestJob:
    prepared = [prepare(m) for m in messages]
    return IngestJob(ACTOR, inbox, prepared, utcnow(), contextvars.copy_context())


@pytest.fixture
def inbox(runtime) -> Inbox:  # type: ignore[no-untyped-def]
    inbox_id, _, _ = _inbox(runtime, Channel.WHATSAPP, {"app_secret": "s"})
    with runtime.db.unit(Scope.system(), write=False) as session:
        row = session.get(Inbox, inbox_id)
        session.expunge(row)
    return row


def test_statement_budget_per_message(runtime, inbox) -> None:  # type: ignore[no-untyped-def]
    with statements(runtime) as opening:
        run_batch(runtime.db, [job := _job(inbox, _message("wamid.s1", "+212661000001"))])
    assert job.future.result() == [True]
    with statements(runtime) as known:
        run_batch(runtime.db, [job := _job(inbox, _message("wamid.s2", "+212661000001"))])
    assert job.future.result() == [True]
    assert len(opening) - 1 <= NEW_CUSTOMER_BUDGET, opening  # minus the COMMIT marker
    assert len(known) - 1 <= KNOWN_CUSTOMER_BUDGET, known
    burst = [_job(inbox, _message(f"wamid.s3.{i}", "+212661000002")) for i in range(16)]
    with statements(runtime) as grouped:
        run_batch(runtime.db, burst)
    assert [job.future.result() for job in burst] == [[True]] * 16
    assert grouped.count("COMMIT") == 1  # one transaction for the whole burst
    sql = [s for s in grouped if s != "COMMIT"]
    assert len(sql) / 16 <= BURST_BUDGET_PER_MESSAGE[runtime.db.engine.dialect.name], len(sql)


def test_a_burst_shares_one_commit_without_duplicates(runtime, inbox) -> None:  # type: ignore[no-untyped-def]
    first = _message("wamid.g1", "+212661000003")
    jobs = [
        _job(inbox, first),
        _job(inbox, first),
        _job(inbox, _message("wamid.g2", "+212661000003")),
    ]
    run_batch(runtime.db, jobs)
    assert [job.future.result() for job in jobs] == [[True], [False], [True]]
    with runtime.db.unit(Scope.system(), write=False) as session:
        rows = session.execute(
            select(Message.provider_message_id, Message.conversation_id).where(
                Message.inbox_id == inbox.id, Message.provider_message_id.like("wamid.g%")
            )
        ).all()
        assert verify_chain(session).ok
    assert sorted(pid for pid, _ in rows) == ["wamid.g1", "wamid.g2"]
    assert len({conversation for _, conversation in rows}) == 1  # the same new customer


def test_a_failing_delivery_does_not_sink_the_batch(runtime, inbox) -> None:  # type: ignore[no-untyped-def]
    ghost = Inbox(id=10**9, client_id=inbox.client_id, channel="whatsapp", name="gone",
                  public_key="gone", settings={}, is_active=True)  # fmt: skip
    good = _job(inbox, _message("wamid.f1", "+212661000004"))
    bad = _job(ghost, _message("wamid.f2", "+212661000004"))  # no such inbox: FK violation
    run_batch(runtime.db, [good, bad])
    assert good.future.result() == [True]
    assert bad.future.exception() is not None
    with runtime.db.unit(Scope.system(), write=False) as session:
        stored = session.scalar(
            select(func.count(Message.id)).where(Message.provider_message_id.like("wamid.f%"))
        )
        opened = session.scalar(
            select(func.count(Conversation.id)).where(Conversation.inbox_id == ghost.id)
        )
    assert (stored, opened) == (1, 0)


def test_one_batch_serves_several_clients_each_in_its_scope(runtime, inbox) -> None:  # type: ignore[no-untyped-def]
    other_id, _, other_client = _inbox(runtime, Channel.WHATSAPP, {"app_secret": "s"})
    with runtime.db.unit(Scope.system(), write=False) as session:
        other = session.get(Inbox, other_id)
        session.expunge(other)
    same_sender = "+212661000005"  # one phone, two brands: two unrelated contacts
    jobs = [_job(inbox, _message("wamid.m1", same_sender)),
            _job(other, _message("wamid.m1", same_sender))]  # fmt: skip
    run_batch(runtime.db, jobs)
    assert [job.future.result() for job in jobs] == [[True], [True]]
    with runtime.db.unit(Scope.system(), write=False) as session:
        owners = session.execute(
            select(Message.client_id, Message.author_contact_id).where(
                Message.provider_message_id == "wamid.m1"
            )
        ).all()
    assert sorted(client for client, _ in owners) == sorted([inbox.client_id, other_client])
    assert len({contact for _, contact in owners}) == 2
