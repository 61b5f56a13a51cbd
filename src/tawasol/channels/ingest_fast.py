"""The webhook hot path: what `do_ingest_message` writes, through prepared Core statements.

The common cases — a known or a brand-new customer, writing on an open conversation or
opening one — write the same rows as the ORM path: the message (idempotent on the provider
id), contact and identities, conversation, reporting event and the same audit entries
(chained once per batch by `append_audit_many`). The conversation and the message are then
attached to the session as loaded objects, without a query, and handed to the very hooks the
actions run (`after_conversation_opened`, `after_customer_message`: realtime events, routing,
SLA, enrichment). Every other case (a conversation to reopen, an identity to attach, email
threading, values the ORM path would refuse) goes through `do_ingest_message` itself, in the
same transaction.

Tenant scope: these statements bypass the session's automatic filter, so each one names the
inbox's client (or the inbox) explicitly, and each message checks the session's scope first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import bindparam, event, insert, inspect, literal_column, select, union_all, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import instance_dict, set_committed_value
from sqlalchemy.orm.instrumentation import manager_of_class
from sqlalchemy.sql.selectable import CompoundSelect

from tawasol.audit.chain import AuditDraft, append_audit_many
from tawasol.auth.actor import Actor
from tawasol.channels.base import InboundMessage
from tawasol.channels.ingest import CLOSED_STATES, do_ingest_message
from tawasol.contacts.identities import normalize_identity
from tawasol.conversations.actions import after_conversation_opened, after_customer_message
from tawasol.conversations.sanitize import sanitize_html
from tawasol.db.tenancy import Scope, TenantScopeError, session_scope
from tawasol.db.types import utcnow
from tawasol.errors import Invalid
from tawasol.models.contact import Contact, ContactIdentity
from tawasol.models.conversation import Conversation, ConversationTag
from tawasol.models.inbox import Inbox
from tawasol.models.message import Message
from tawasol.models.outbox import OutboxEvent
from tawasol.models.reporting import ReportingEvent
from tawasol.models.vocabulary import ConversationStatus, ReportingEventType

_MSG, _CONV, _TAG = Message.__table__, Conversation.__table__, ConversationTag.__table__
_CONTACT, _IDENT = Contact.__table__, ContactIdentity.__table__
_LIVE = [s.value for s in ConversationStatus if s.value not in CLOSED_STATES]

_DUPLICATE = "#message"  # not an identity kind: marks the row of an already stored message


@lru_cache(maxsize=32)
def _lookup(kinds: int, values: int) -> CompoundSelect:
    """One round trip for the duplicate check and the sender's identity owners (fixed
    arity, so the compiled statement is cached instead of expanded on every call)."""
    duplicate = select(
        literal_column(f"'{_DUPLICATE}'").label("kind"),
        literal_column("''").label("value"),
        _MSG.c.id.label("owner"),
    ).where(_MSG.c.inbox_id == bindparam("inbox"), _MSG.c.provider_message_id == bindparam("pid"))
    owners = select(_IDENT.c.kind, _IDENT.c.value, _IDENT.c.contact_id).where(
        _IDENT.c.client_id == bindparam("client"),
        _IDENT.c.kind.in_([bindparam(f"k{i}") for i in range(kinds)]),
        _IDENT.c.value.in_([bindparam(f"v{i}") for i in range(values)]),
    )
    return union_all(duplicate, owners)


_LIVE_THREAD = (
    select(_CONV)
    .where(
        _CONV.c.inbox_id == bindparam("inbox"),
        _CONV.c.contact_id == bindparam("contact"),
        # Constant bound values: an expanding IN would be re-rendered on every call.
        _CONV.c.status.in_([bindparam(f"live{i}", s) for i, s in enumerate(_LIVE)]),
    )
    .order_by(_CONV.c.last_message_at.desc())
    .limit(1)
)
_LOCK_CONTACT = select(_CONTACT.c.id).where(_CONTACT.c.id == bindparam("contact")).with_for_update()
_NEW_CONTACT = insert(_CONTACT).returning(_CONTACT.c.id)
_NEW_IDENTITY = insert(_IDENT)
_NEW_CONVERSATION = insert(_CONV).returning(_CONV.c.id)
_NEW_MESSAGE = insert(_MSG).returning(_MSG.c.id)
_NEW_REPORTING = insert(ReportingEvent.__table__)
_NEW_OUTBOX = insert(OutboxEvent.__table__)
_TOUCH_TAGS = (
    update(_TAG)
    .where(_TAG.c.conversation_id == bindparam("conversation"))
    .values(last_message_at=bindparam("at"))
)
_TOUCH_CONVERSATION = (
    update(_CONV)
    .where(_CONV.c.id == bindparam("conversation"))
    .values(last_message_at=bindparam("at"), updated_at=bindparam("at"))
)
_TEXT_LIMIT, _PID_LIMIT, _NAME_LIMIT = 100_000, 255, 200
_Row = TypeVar("_Row", Conversation, Message)


@dataclass(frozen=True)
class Prepared:
    """An inbound message with its identities normalised, before the database."""

    inbound: InboundMessage
    wanted: tuple[tuple[str, str, str], ...]  # (kind, normalised value, value as sent)
    simple: bool  # False: the ORM path handles it


def prepare(inbound: InboundMessage) -> Prepared:
    """Normalise the sender's identities; raises `Invalid` when none is usable (the message
    is refused before anything is written, as the ORM path refuses it)."""
    wanted: dict[tuple[str, str], str] = {}
    for identity in inbound.identities:
        try:
            value = normalize_identity(identity.kind, identity.value)
        except Invalid:
            continue
        if 1 <= len(identity.value) <= 254:
            wanted.setdefault((identity.kind.value, value), identity.value)
    if not wanted:
        raise Invalid("the message carries no usable sender identity", code="no_identity")
    simple = (
        not inbound.replies_to
        and inbound.extra.get("thread_by_contact", True)
        and len(inbound.text) <= _TEXT_LIMIT
        and 1 <= len(inbound.provider_message_id) <= _PID_LIMIT
        and (inbound.subject is None or len(inbound.subject) <= 500)
        and len(wanted) == len(inbound.identities)
    )
    rows = tuple((kind, value, sent) for (kind, value), sent in wanted.items())
    return Prepared(inbound, rows, bool(simple))


@dataclass
class BatchWriter:
    """Ingests the messages of one transaction; `finish` chains the audit entries."""

    session: Session
    lock_rows: bool  # PostgreSQL: lock the contact as the ORM path does (SQLite locks all)
    audit: list[AuditDraft]
    # SQLite (which locks the whole database anyway): a conversation's and its tags'
    # ``last_message_at`` are written once per batch, in one executemany each; a contact
    # with a pending touch gets it written before its live conversation is looked up, and
    # any flush (a hook's) writes them first, so rows end as the one-by-one order leaves them.
    _touches: dict[int, datetime] = field(default_factory=dict)
    _touched_contacts: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        if not self.lock_rows:
            event.listen(self.session, "before_flush", self._before_flush)

    def _before_flush(self, *_args: Any) -> None:
        self._write_touches()

    @property
    def conn(self) -> Connection:
        return self.session.connection()

    def ingest(self, *, actor: Actor, inbox: Inbox, prepared: Prepared, now: datetime) -> bool:
        """Store one message; True when it was new, False for a redelivery. The hooks and
        the ORM path run in the scope of this inbox's client only."""
        unit_scope = session_scope(self.session)
        if not unit_scope.allows(inbox.client_id):
            raise TenantScopeError(f"inbox {inbox.id} is outside this unit's scope")
        self.session.info["scope"] = Scope.clients({inbox.client_id})
        try:
            return self._ingest(actor=actor, inbox=inbox, prepared=prepared, now=now)
        finally:
            self.session.info["scope"] = unit_scope

    def _ingest(self, *, actor: Actor, inbox: Inbox, prepared: Prepared, now: datetime) -> bool:
        inbound = prepared.inbound
        conn = self.conn
        owners = self._owners(inbox, prepared)
        if owners is None:
            return False
        if not prepared.simple or 0 < len(owners) < len(prepared.wanted):
            return self._through_orm(actor=actor, inbox=inbox, inbound=inbound)
        first = prepared.wanted[0]
        if owners:
            contact_id = owners[(first[0], first[1])]
            if self.lock_rows:
                conn.execute(_LOCK_CONTACT, {"contact": contact_id})
            if contact_id in self._touched_contacts:
                self._write_touches()
            thread = conn.execute(_LIVE_THREAD, {"inbox": inbox.id, "contact": contact_id}).first()
            if thread is not None and thread.status != ConversationStatus.OPEN.value:
                return self._through_orm(actor=actor, inbox=inbox, inbound=inbound)
        else:
            contact_id, thread = self._new_contact(actor, inbox, prepared, now), None
        if thread is None:
            self._open(actor, inbox, contact_id, inbound, now)
        else:
            self._append(inbox, dict(thread._mapping), contact_id, inbound, now)
        return True

    def finish(self) -> None:
        """Before commit: chain the audit entries, write the hooks' outbox rows at once."""
        self._write_touches()
        append_audit_many(self.session, self.audit)
        self.audit = []
        self._write_outbox()

    def _write_touches(self) -> None:
        if not self._touches:
            return
        touches = [{"conversation": c, "at": at} for c, at in self._touches.items()]
        self.conn.execute(_TOUCH_TAGS, touches)
        self.conn.execute(_TOUCH_CONVERSATION, touches)
        self._touches.clear()
        self._touched_contacts.clear()

    def _write_outbox(self) -> None:
        """The hooks add outbox rows as ORM objects; the flush would insert them one by one
        (it wants their ids back). Nobody reads those ids, so they go in one executemany
        and leave the session: same rows, same order."""
        pending = sorted(
            (o for o in self.session.new if isinstance(o, OutboxEvent)),
            key=lambda o: inspect(o).insert_order,
        )
        if not pending:
            return
        now = utcnow()
        self.conn.execute(_NEW_OUTBOX, [{
            "kind": o.kind, "type": o.type, "client_id": o.client_id,
            "recipients": o.recipients or [], "payload": o.payload or {},
            "created_at": o.created_at or now, "published_at": o.published_at,
            "attempts": o.attempts or 0, "next_attempt_at": o.next_attempt_at,
            "last_error": o.last_error,
        } for o in pending])  # fmt: skip
        for row in pending:
            self.session.expunge(row)

    def _owners(self, inbox: Inbox, prepared: Prepared) -> dict[tuple[str, str], int] | None:
        """Who owns the sender's identities; None when the message is stored already."""
        kinds = sorted({kind for kind, _, _ in prepared.wanted})
        values = sorted({value for _, value, _ in prepared.wanted})
        params: dict[str, Any] = {
            "inbox": inbox.id, "pid": prepared.inbound.provider_message_id,
            "client": inbox.client_id,
        }  # fmt: skip
        params.update((f"k{i}", kind) for i, kind in enumerate(kinds))
        params.update((f"v{i}", value) for i, value in enumerate(values))
        rows = self.conn.execute(_lookup(len(kinds), len(values)), params).all()
        if any(kind == _DUPLICATE for kind, _, _ in rows):
            return None
        wanted = {(kind, value) for kind, value, _ in prepared.wanted}
        return {(k, v): c for k, v, c in rows if (k, v) in wanted}

    def _through_orm(self, *, actor: Actor, inbox: Inbox, inbound: InboundMessage) -> bool:
        self.finish()  # keep the chain in order: ours first, then the ORM path's entries
        result = do_ingest_message(self.session, actor=actor, inbox=inbox, inbound=inbound)
        self.session.flush()  # under this client's scope, and visible to the next statements
        return result.created_message

    def _new_contact(self, actor: Actor, inbox: Inbox, prepared: Prepared, now: datetime) -> int:
        name = (prepared.inbound.contact_name or prepared.wanted[0][2])[:_NAME_LIMIT]
        contact_id: int = self.conn.execute(_NEW_CONTACT, {
            "client_id": inbox.client_id, "name": name, "locale": None, "is_vip": False,
            "merged_into_id": None, "created_at": now,
        }).scalar_one()  # fmt: skip
        unique = sorted({(kind, value) for kind, value, _ in prepared.wanted})
        self.conn.execute(_NEW_IDENTITY, [
            {"client_id": inbox.client_id, "contact_id": contact_id, "kind": kind,
             "value": value, "created_at": now} for kind, value in unique
        ])  # fmt: skip
        self.audit.append(AuditDraft(
            actor, "contact.created", "contact", contact_id, inbox.client_id,
            {"identities": sorted(kind for kind, _ in unique)}, now,
        ))  # fmt: skip
        return contact_id

    def _message_row(
        self, inbox: Inbox, conversation_id: int, contact_id: int, inbound: InboundMessage,
        text: str, now: datetime,
    ) -> dict[str, Any]:  # fmt: skip
        return {
            "client_id": inbox.client_id, "conversation_id": conversation_id,
            "inbox_id": inbox.id, "direction": "inbound", "kind": "message",
            "channel": inbox.channel, "author_type": "contact", "author_user_id": None,
            "author_contact_id": contact_id, "text": text,
            "html": sanitize_html(inbound.html) if inbound.html else None,
            "attachments": [a.__dict__ for a in inbound.attachments],
            "provider_message_id": inbound.provider_message_id, "redacted": False,
            "delivery_state": None, "delivery_detail": None, "created_at": now,
        }  # fmt: skip

    def _open(
        self, actor: Actor, inbox: Inbox, contact_id: int, inbound: InboundMessage, now: datetime
    ) -> None:
        values: dict[str, Any] = {c.name: None for c in _CONV.c} | {
            "client_id": inbox.client_id, "inbox_id": inbox.id, "contact_id": contact_id,
            "channel": inbox.channel, "subject": inbound.subject, "status": "open",
            "priority": "normal", "last_message_at": now, "created_at": now, "updated_at": now,
        }  # fmt: skip
        del values["id"]
        values["id"] = self.conn.execute(_NEW_CONVERSATION, values).scalar_one()
        conversation = self._attached(Conversation, values)
        text = inbound.text or "(sans texte)"
        message = self._new_message(inbox, conversation.id, contact_id, inbound, text, now)
        self.conn.execute(_NEW_REPORTING, {
            "type": ReportingEventType.CONVERSATION_CREATED.value, "client_id": inbox.client_id,
            "conversation_id": conversation.id, "actor_user_id": actor.user_id, "at": now,
            "data": {"channel": inbox.channel, "inbox_id": inbox.id},
        })  # fmt: skip
        self.audit.append(AuditDraft(
            actor, "conversation.opened", "conversation", conversation.id, inbox.client_id,
            {"inbox_id": inbox.id, "contact_id": contact_id}, now,
        ))  # fmt: skip
        after_conversation_opened(self.session, conversation=conversation, message=message)

    def _append(
        self, inbox: Inbox, thread: dict[str, Any], contact_id: int, inbound: InboundMessage,
        now: datetime,
    ) -> None:  # fmt: skip
        conversation = self._attached(Conversation, thread)
        message = self._new_message(inbox, conversation.id, contact_id, inbound, inbound.text, now)
        if self.lock_rows:
            self.conn.execute(_TOUCH_TAGS, {"conversation": conversation.id, "at": now})
            self.conn.execute(_TOUCH_CONVERSATION, {"conversation": conversation.id, "at": now})
        else:
            self._touches[conversation.id] = now
            self._touched_contacts.add(contact_id)
        set_committed_value(conversation, "last_message_at", now)
        set_committed_value(conversation, "updated_at", now)
        after_customer_message(self.session, conversation=conversation, message=message)

    def _new_message(
        self, inbox: Inbox, conversation_id: int, contact_id: int, inbound: InboundMessage,
        text: str, now: datetime,
    ) -> Message:  # fmt: skip
        values = self._message_row(inbox, conversation_id, contact_id, inbound, text, now)
        values["id"] = self.conn.execute(_NEW_MESSAGE, values).scalar_one()
        return self._attached(Message, values)

    def _attached(self, model: type[_Row], values: dict[str, Any]) -> _Row:
        """The session's object for this row: the one it holds, else one built from the row
        just written or read, attached as if loaded (hooks read and change it like any other;
        changes are flushed at commit)."""
        held = self.session.identity_map.get(self.session.identity_key(model, values["id"]))
        if held is not None:
            return held  # type: ignore[no-any-return]
        # Built as the ORM's own loading does (no constructor, no per-attribute events):
        # every column is set, so nothing is lazily loaded afterwards.
        row = manager_of_class(model).new_instance()
        instance_dict(row).update(values)
        make_transient_to_detached(row)
        self.session.add(row)
        return row
