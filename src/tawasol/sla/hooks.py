"""What the conversation actions tell the SLA clocks, inside their transaction.

Each `do_*` action calls one of these. A client without an SLA policy pays one indexed
lookup when a conversation opens and nothing after (the answer is remembered). On the message
paths the hooks first decide from the conversation row alone whether any clock can change
(most customer messages change none), so ingest pays a query only when a clock really starts
or stops. The stored row is locked
(``FOR UPDATE``) so a concurrent scheduler tick, which skips locked rows, never reports an
event this transaction reports too.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.db.types import utcnow
from tawasol.models.client import Client
from tawasol.models.conversation import Conversation
from tawasol.models.message import Message
from tawasol.models.routing import RoutingSettings
from tawasol.models.sla import ConversationSla as SlaRow
from tawasol.models.vocabulary import ConversationStatus, MessageKind
from tawasol.sla.alerts import raise_alerts
from tawasol.sla.clock import (
    FINISHED,
    ConversationSla,
    SlaUpdate,
    on_agent_reply,
    on_customer_message,
    on_priority,
    on_reopen,
    on_status,
    start_sla,
)
from tawasol.sla.settings import SlaSettings, cached_settings, settings_from
from tawasol.sla.state import new_row, restore, store, untrack

Change = Callable[[ConversationSla], SlaUpdate]
UNTRACKED_MEMO_SIZE = 50_000


class _UntrackedMemo:
    """Conversations known to have no SLA row, so their messages skip the lookup.

    A row is only ever created when a conversation opens, so a conversation found without
    one stays without one: the memo is never stale, whichever node wrote what. Keyed with
    the database and the opening instant, so a reused id (SQLite) is a different key.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._keys: OrderedDict[tuple[str, int, datetime | None], None] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(session: Session, conversation: Conversation) -> tuple[str, int, datetime | None]:
        return (str(session.get_bind().engine.url), conversation.id, conversation.created_at)

    def add(self, key: tuple[str, int, datetime | None]) -> None:
        with self._lock:
            self._keys[key] = None
            self._keys.move_to_end(key)
            while len(self._keys) > self.size:
                self._keys.popitem(last=False)

    def __contains__(self, key: tuple[str, int, datetime | None]) -> bool:
        with self._lock:
            return key in self._keys


_untracked = _UntrackedMemo(UNTRACKED_MEMO_SIZE)


def start_conversation_sla(session: Session, *, conversation: Conversation) -> None:
    """A new conversation: its first-response and resolution clocks start now."""
    settings = cached_settings(session, client_id=conversation.client_id)
    if settings is None:
        _untracked.add(_untracked.key(session, conversation))
        return
    opened_at = conversation.created_at or utcnow()
    sla = start_sla(
        settings.policy, settings.calendar, priority=conversation.priority, opened_at=opened_at
    )
    session.add(new_row(sla, conversation))


def on_sla_customer_message(session: Session, *, conversation: Conversation) -> None:
    """Only a message after a reply, with no next-response cycle running, starts one."""
    if conversation.first_response_at is None or conversation.next_response_due_at is not None:
        return
    _transition(session, conversation, lambda sla: on_customer_message(sla, at=utcnow()))


def on_sla_reply(session: Session, *, conversation: Conversation, message: Message) -> None:
    """An advisor's reply stops the first-response or the running next-response clock."""
    if message.kind != MessageKind.MESSAGE.value:
        return
    answered_before = (
        conversation.first_response_at is not None
        and conversation.first_response_at < message.created_at
    )
    # Open (so nothing paused), answered before and no next-response due: nothing runs.
    if (
        answered_before
        and conversation.status == ConversationStatus.OPEN.value
        and conversation.next_response_due_at is None
    ):
        return
    _transition(session, conversation, lambda sla: on_agent_reply(sla, at=utcnow()))


def on_sla_status(session: Session, *, conversation: Conversation, previous: str) -> None:
    """Waiting on the customer pauses, open resumes, resolved stops, reopened resumes."""
    status = conversation.status
    if status == previous:
        return
    reopened = previous in FINISHED and status not in FINISHED

    def change(sla: ConversationSla) -> SlaUpdate:
        now = utcnow()
        events = []
        if reopened:
            sla, events = on_reopen(sla, at=now)
        sla, more = on_status(sla, status=status, at=now)
        return sla, events + more

    _transition(session, conversation, change)


def on_sla_priority(session: Session, *, conversation: Conversation, previous: str) -> None:
    """A new priority re-targets the clocks still counting."""
    if conversation.priority == previous:
        return
    priority = conversation.priority
    _transition(session, conversation, lambda sla: on_priority(sla, priority=priority, at=utcnow()))


def _locked(
    session: Session, conversation: Conversation
) -> tuple[SlaRow, SlaSettings | None] | None:
    """The conversation's row (locked) with its client's settings, in one query."""
    found = session.execute(
        select(SlaRow, RoutingSettings.sla_policy, RoutingSettings.calendar, Client.timezone)
        .join(RoutingSettings, RoutingSettings.client_id == SlaRow.client_id)
        .join(Client, Client.id == SlaRow.client_id)
        .where(SlaRow.conversation_id == conversation.id)
        .with_for_update(of=SlaRow)
        .execution_options(populate_existing=True)  # the locked version, not a cached one
    ).first()
    if found is None:
        return None
    row, policy, calendar, timezone = found
    return row, settings_from(policy, calendar, timezone)


def _transition(session: Session, conversation: Conversation, change: Change) -> None:
    key = _untracked.key(session, conversation)
    if key in _untracked:
        return
    # Lock the conversation row (by writing its pending change) before the SLA row, the
    # order every path takes, so two transactions never wait on each other crosswise.
    session.flush()
    found = _locked(session, conversation)
    if found is None:
        _untracked.add(key)
        return
    row, settings = found
    if settings is None:  # the client stopped tracking
        untrack(row, conversation)
        return
    sla, events = change(restore(row, settings))
    sla = raise_alerts(
        session, conversation=conversation, sla=sla, settings=settings, events=events,
        at=utcnow(),
    )  # fmt: skip
    store(row, sla, conversation)
