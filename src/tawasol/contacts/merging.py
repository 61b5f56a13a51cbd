"""Merging two records of one customer, and undoing it.

A merge moves the identities, conversations and consents of one contact onto another and
keeps the list of what moved, so an unmerge restores exactly the previous state even after
new conversations arrived on the survivor.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.db.types import utcnow
from tawasol.errors import Conflict, Invalid
from tawasol.models.contact import ConsentRecord, Contact, ContactIdentity, ContactMerge
from tawasol.models.conversation import Conversation
from tawasol.models.message import Message

_MOVABLE = {"identities": ContactIdentity, "conversations": Conversation, "consents": ConsentRecord}


def do_merge_contacts(
    session: Session, *, actor: Actor, survivor: Contact, merged: Contact
) -> ContactMerge:
    if survivor.id == merged.id:
        raise Invalid("a contact cannot be merged into itself", code="same_contact")
    if survivor.client_id != merged.client_id:
        raise Invalid("contacts of different clients cannot be merged", code="client_mismatch")
    if merged.merged_into_id is not None or survivor.merged_into_id is not None:
        raise Conflict("one of these contacts is already merged", code="already_merged")
    moved: dict[str, list[int]] = {}
    for name, model in _MOVABLE.items():
        ids = list(session.scalars(select(model.id).where(model.contact_id == merged.id)))
        if ids:
            session.execute(update(model).where(model.id.in_(ids)).values(contact_id=survivor.id))
        moved[name] = ids
    session.execute(
        update(Message)
        .where(Message.author_contact_id == merged.id)
        .values(author_contact_id=survivor.id)
    )
    merged.merged_into_id = survivor.id
    survivor.is_vip = survivor.is_vip or merged.is_vip
    record = ContactMerge(
        client_id=survivor.client_id, survivor_id=survivor.id, merged_id=merged.id, moved=moved
    )
    session.add(record)
    session.flush()
    append_audit(
        session, actor=actor, action="contact.merged", object_type="contact",
        object_id=survivor.id, client_id=survivor.client_id,
        summary={"merged_id": merged.id, "merge_id": record.id,
                 "moved": {k: len(v) for k, v in moved.items()}},
    )  # fmt: skip
    return record


def do_unmerge_contacts(session: Session, *, actor: Actor, merge: ContactMerge) -> None:
    if merge.undone_at is not None:
        raise Conflict("this merge was already undone", code="already_undone")
    for name, model in _MOVABLE.items():
        ids = merge.moved.get(name, [])
        if ids:
            session.execute(
                update(model).where(model.id.in_(ids)).values(contact_id=merge.merged_id)
            )
    moved_conversations = merge.moved.get("conversations", [])
    if moved_conversations:
        session.execute(
            update(Message)
            .where(
                Message.conversation_id.in_(moved_conversations),
                Message.author_contact_id == merge.survivor_id,
            )
            .values(author_contact_id=merge.merged_id)
        )
    merged = session.get(Contact, merge.merged_id)
    if merged is not None:
        merged.merged_into_id = None
    merge.undone_at = utcnow()
    append_audit(
        session, actor=actor, action="contact.unmerged", object_type="contact",
        object_id=merge.survivor_id, client_id=merge.client_id,
        summary={"merged_id": merge.merged_id, "merge_id": merge.id},
    )  # fmt: skip
