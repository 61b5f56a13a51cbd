"""Creating and changing inboxes."""

from __future__ import annotations

import secrets

from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.inboxes.schemas import InboxIn, InboxPatch
from tawasol.inboxes.secrets import masked, merged
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
    after = {"name": data.name, "channel": data.channel, "settings": masked(data.settings)}
    append_audit(
        session, actor=actor, action="inbox.created", object_type="inbox", object_id=inbox.id,
        client_id=client.id, summary={"after": after},
    )  # fmt: skip
    return inbox


def do_update_inbox(session: Session, *, actor: Actor, inbox: Inbox, patch: InboxPatch) -> None:
    changes = patch.model_dump(exclude_unset=True)
    if changes.get("settings") is not None:
        changes["settings"] = merged(inbox.settings, changes["settings"])
    before = {key: getattr(inbox, key) for key in changes}
    for key, value in changes.items():
        setattr(inbox, key, value)
    append_audit(
        session, actor=actor, action="inbox.updated", object_type="inbox", object_id=inbox.id,
        client_id=inbox.client_id, summary={"before": _shown(before), "after": _shown(changes)},
    )  # fmt: skip


def _shown(values: dict[str, object]) -> dict[str, object]:
    """Audit entries never carry credentials: settings appear with their secrets masked."""
    if isinstance(values.get("settings"), dict):
        return {**values, "settings": masked(values["settings"])}  # type: ignore[arg-type]
    return values
