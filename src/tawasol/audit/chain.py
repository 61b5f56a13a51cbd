"""Appending to and verifying the audit hash chain.

Each entry stores the previous entry's hash and its own: SHA-256 over the previous hash and the
entry's canonical JSON. Editing, deleting or reordering any row breaks every later link.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.db.types import utcnow
from tawasol.models.audit import AuditEntry, AuditHead

GENESIS = "0" * 64


def _timestamp(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


_HASHED = (
    "id", "client_id", "actor_user_id", "actor_label", "action", "object_type", "object_id",
    "summary", "ip", "at", "prev_hash",
)  # fmt: skip


def _canonical(values: dict[str, Any]) -> str:
    body = {name: values[name] for name in _HASHED}
    body["at"] = _timestamp(values["at"])
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(entry: AuditEntry) -> str:
    return _canonical({name: getattr(entry, name) for name in _HASHED})


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256((entry.prev_hash + canonical_json(entry)).encode()).hexdigest()


def _row_hash(row: dict[str, Any]) -> str:
    return hashlib.sha256((row["prev_hash"] + _canonical(row)).encode()).hexdigest()


def _locked_head(session: Session) -> AuditHead:
    """The chain's tip, locked for this transaction; read once per transaction and reused
    (not inside a savepoint, whose rollback would release the row lock)."""
    cached = session.info.get("audit_head")
    if cached is not None:
        return cached
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, last_entry_id=None, last_hash=GENESIS)
        session.add(head)
        session.flush()
    if not session.in_nested_transaction():
        session.info["audit_head"] = head
    return head


def lock_audit_head(session: Session) -> None:
    """Take the chain's head lock now, for a transaction that may append later.

    Requests lock the head before the rows they change; a background writer that locks
    rows first and appends afterwards must call this before its first row lock, or the
    two wait on each other crosswise (a deadlock PostgreSQL resolves by aborting one).
    """
    _locked_head(session)


def append_audit(
    session: Session,
    *,
    actor: Actor,
    action: str,
    object_type: str,
    object_id: int | str | None,
    client_id: int | None,
    summary: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add one entry to the chain inside the caller's transaction."""
    head = _locked_head(session)
    # Ids are assigned under the head lock, so they are gap-free and part of the hashed body.
    entry = AuditEntry(
        id=(head.last_entry_id or 0) + 1,
        client_id=client_id,
        actor_user_id=actor.user_id,
        actor_label=actor.label,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        summary=json.loads(json.dumps(summary or {}, default=str)),
        ip=actor.ip,
        at=utcnow(),
        prev_hash=head.last_hash,
        hash="",
    )
    entry.hash = entry_hash(entry)
    session.add(entry)
    head.last_entry_id = entry.id
    head.last_hash = entry.hash
    session.flush()
    return entry


@dataclass(frozen=True)
class AuditDraft:
    """An entry waiting for `append_audit_many`: everything but its place in the chain."""

    actor: Actor
    action: str
    object_type: str
    object_id: int | str | None
    client_id: int | None
    summary: dict[str, Any]
    at: datetime


def append_audit_many(session: Session, drafts: list[AuditDraft]) -> None:
    """Chain several entries with one insert and one head update (the ingest hot path).

    Same ids, links and hashes as calling `append_audit` once per draft, in order."""
    if not drafts:
        return
    head = _locked_head(session)
    last_id, last_hash = head.last_entry_id or 0, head.last_hash
    rows = []
    for draft in drafts:
        last_id += 1
        row: dict[str, Any] = {
            "id": last_id, "client_id": draft.client_id, "actor_user_id": draft.actor.user_id,
            "actor_label": draft.actor.label, "action": draft.action,
            "object_type": draft.object_type,
            "object_id": None if draft.object_id is None else str(draft.object_id),
            "summary": json.loads(json.dumps(draft.summary, default=str)),
            "ip": draft.actor.ip, "at": draft.at, "prev_hash": last_hash,
        }  # fmt: skip
        row["hash"] = last_hash = _row_hash(row)
        rows.append(row)
    session.connection().execute(insert(AuditEntry.__table__), rows)
    head.last_entry_id = last_id
    head.last_hash = last_hash


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int | None
    reason: str


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def _entries(session: Session, batch: int = 2000) -> Iterator[AuditEntry]:
    last_id = 0
    while True:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id
        session.expunge_all()


def verify_chain(session: Session) -> ChainReport:
    """Walk the whole chain; report the first entry whose link or content does not hold."""
    previous = GENESIS
    checked = 0
    last_id: int | None = None
    for entry in _entries(session):
        if entry.prev_hash != previous:
            return ChainReport(checked, ChainBreak(entry.id, "previous-hash link does not match"))
        if entry_hash(entry) != entry.hash:
            return ChainReport(checked, ChainBreak(entry.id, "content does not match its hash"))
        previous = entry.hash
        last_id = entry.id
        checked += 1
    head = session.get(AuditHead, 1)
    if head is not None and (head.last_hash != previous or head.last_entry_id != last_id):
        return ChainReport(
            checked, ChainBreak(head.last_entry_id, "chain is shorter than its recorded head")
        )
    return ChainReport(checked, None)
