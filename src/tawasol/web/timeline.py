"""A conversation's timeline as the console shows it: who spoke, on which side, and how.

Customer HTML (already cleaned by nh3 when stored) is shown inside an `<iframe sandbox
srcdoc>`, never inlined into the page. The sanitizer is the first lock; the sandbox is the
second: no script can run there even if a sanitizer bug let one through, the email's layout
cannot cover the console's buttons, and the page's CSP (inherited by srcdoc) blocks remote
images, which in emails are mostly trackers. `allow-same-origin` without `allow-scripts` lets
the console measure the frame's height and nothing more.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.conversations.queries import list_messages
from tawasol.models.contact import Contact
from tawasol.models.conversation import Conversation
from tawasol.models.mention import Mention
from tawasol.models.message import Message
from tawasol.models.user import User
from tawasol.models.vocabulary import AuthorType, Direction, MessageKind
from tawasol.web.rendering import static_url

# The newest messages shown on the page; older ones are a scroll of the API away.
TIMELINE_LIMIT = 300
BATCH = 500


# Added to the page's policy inside the frame: relative `src` values (kept by the sanitizer)
# must not make the advisor's browser call our own endpoints; inline images still show.
EMAIL_FRAME_CSP = "default-src 'none'; img-src data:; style-src 'self'"


def email_document(html: str) -> str:
    """The srcdoc of an email frame: the cleaned body, styled by our stylesheet only."""
    return (
        '<!doctype html><html><head><meta charset="utf-8"><base target="_blank">'
        f'<meta http-equiv="Content-Security-Policy" content="{EMAIL_FRAME_CSP}">'
        f'<link rel="stylesheet" href="{static_url("email-frame.css")}"></head>'
        f'<body dir="auto">{html}</body></html>'
    )


_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    size: int | None
    dangerous: bool
    # The API address that serves the stored file (as a download), when its bytes were kept.
    url: str | None = None

    @classmethod
    def from_row(cls, raw: dict[str, Any], *, conversation_id: int) -> Attachment:
        size = raw.get("size")
        digest = str(raw.get("sha256") or "")
        url = (
            f"/api/v1/conversations/{conversation_id}/attachments/{digest}"
            if _SHA256.match(digest) and raw.get("storage_key")
            else None
        )
        return cls(
            filename=str(raw.get("filename") or "")[:255],
            content_type=str(raw.get("content_type") or "")[:100],
            size=size if isinstance(size, int) else None,
            dangerous=bool(raw.get("dangerous")),
            url=url,
        )


@dataclass(frozen=True)
class TimelineEntry:
    id: int
    side: str  # "inbound", "outbound" or "note": how the console tells them apart
    author: str | None  # None: an automated message (no person behind it)
    text: str
    email_document: str | None
    channel: str
    created_at: datetime
    delivery_state: str | None
    attachments: list[Attachment] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)  # names a note mentions (@Full Name)


def _side(message: Message) -> str:
    if message.kind == MessageKind.NOTE.value:
        return "note"
    return "inbound" if message.direction == Direction.INBOUND.value else "outbound"


def latest_messages(
    session: Session, *, conversation: Conversation, include_notes: bool, after_id: int | None
) -> tuple[list[Message], bool]:
    """The newest TIMELINE_LIMIT messages oldest first, and whether older ones were left out."""
    kept: deque[Message] = deque(maxlen=TIMELINE_LIMIT)
    seen = 0
    while True:
        batch = list_messages(
            session, conversation=conversation, include_notes=include_notes,
            after_id=after_id, limit=BATCH,
        )  # fmt: skip
        kept.extend(batch)
        seen += len(batch)
        if len(batch) < BATCH:
            return list(kept), seen > TIMELINE_LIMIT
        after_id = batch[-1].id


def _mentioned_names(session: Session, note_ids: list[int]) -> dict[int, list[str]]:
    if not note_ids:
        return {}
    rows = session.execute(
        select(Mention.message_id, User.full_name)
        .join(User, User.id == Mention.mentioned_user_id)
        .where(Mention.message_id.in_(note_ids))
    )
    names: dict[int, list[str]] = {}
    for message_id, name in rows:
        names.setdefault(message_id, []).append(name)
    return names


def timeline_entries(session: Session, messages: list[Message]) -> list[TimelineEntry]:
    user_ids = {m.author_user_id for m in messages if m.author_user_id is not None}
    contact_ids = {m.author_contact_id for m in messages if m.author_contact_id is not None}
    people = select(User.id, User.full_name).where(User.id.in_(user_ids))
    users = {user_id: name for user_id, name in session.execute(people)}
    customers = select(Contact.id, Contact.name).where(Contact.id.in_(contact_ids))
    contacts = {contact_id: name for contact_id, name in session.execute(customers)}
    mentioned = _mentioned_names(session, [m.id for m in messages if m.kind == "note"])
    entries = []
    for message in messages:
        if message.author_type == AuthorType.CONTACT.value:
            author = contacts.get(message.author_contact_id or 0)
        else:
            author = users.get(message.author_user_id or 0)
        entries.append(
            TimelineEntry(
                id=message.id,
                side=_side(message),
                author=author,
                text=message.text,
                email_document=email_document(message.html) if message.html else None,
                channel=message.channel,
                created_at=message.created_at,
                delivery_state=message.delivery_state,
                attachments=[
                    Attachment.from_row(a, conversation_id=message.conversation_id)
                    for a in message.attachments or []
                ],
                mentions=mentioned.get(message.id, []),
            )
        )
    return entries
