"""Creating and changing inboxes."""

from __future__ import annotations

import secrets

from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.inboxes.schemas import InboxIn, InboxPatch
from tawasol.models.client import Client
from tawasol.models.inbox import Inbox


def do_create_inbox(session: Session, *, actor: Actor, client: Client, data: InboxIn) -> Inbox:
    inbox = Inbox(
        client_id=client.id,
        name=data.name,
        channel=data.channel.value,
        public_key=secrets.token_urlsafe(18),
        settings=data.settings,
    )
    session.add(inbox)
    session.flush()
    append_audit(
        session, actor=actor, action="inbox.created", object_type="inbox", object_id=inbox.id,
        client_id=client.id, summary={"after": {"name": data.name, "channel": data.channel}},
    )  # fmt: skip
    return inbox


def do_update_inbox(session: Session, *, actor: Actor, inbox: Inbox, patch: InboxPatch) -> None:
    changes = patch.model_dump(exclude_unset=True)
    before = {key: getattr(inbox, key) for key in changes}
    for key, value in changes.items():
        setattr(inbox, key, value)
    append_audit(
        session, actor=actor, action="inbox.updated", object_type="inbox", object_id=inbox.id,
        client_id=inbox.client_id, summary={"before": before, "after": changes},
    )  # fmt: skip
