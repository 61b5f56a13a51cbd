"""Which conversation an inbound mail continues: by its reply headers, else by its subject.

Reply headers (In-Reply-To, References) are matched by the shared ingest path. When none of
them is known, a mail from the same contact whose subject matches an open conversation's
subject (after "Re:", "TR:", "رد:"... prefixes are stripped) continues that conversation; we
hand ingest one of that conversation's provider ids so the one ingest path does the linking.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.contacts.identities import normalize_email
from tawasol.conversations.actions import CLOSED_STATES
from tawasol.errors import Invalid
from tawasol.models.contact import ContactIdentity
from tawasol.models.conversation import Conversation
from tawasol.models.inbox import Inbox
from tawasol.models.message import Message
from tawasol.models.vocabulary import ConversationStatus, IdentityKind

_PREFIX = re.compile(
    r"^\s*(?:\[[^\]]{0,40}\]\s*)?"  # a "[EXTERNAL]" or "[Ticket #12]" tag before the prefix
    r"(?:re|fwd?|tr|aw|wg|rv|sv|antw|réf|ref|enc|رد|إعادة توجيه|توجيه)\s*(?:\[\d+\]|\(\d+\))?"
    r"\s*[:：]\s*",
    re.I,
)


def strip_prefixes(subject: str | None) -> str:
    """The subject without its reply/forward prefixes ("Re: TR: RE : x" gives "x")."""
    value = (subject or "").strip()
    while True:
        stripped = _PREFIX.sub("", value, count=1)
        if stripped == value:
            return value
        value = stripped


def normalize_subject(subject: str | None) -> str:
    """The subject without prefixes, case and spacing: for comparison only."""
    return " ".join(strip_prefixes(subject).split()).casefold()


def known_reply(session: Session, *, inbox: Inbox, replies_to: tuple[str, ...]) -> bool:
    if not replies_to:
        return False
    found = session.scalars(
        select(Message.id)
        .where(Message.inbox_id == inbox.id, Message.provider_message_id.in_(list(replies_to)))
        .limit(1)
    ).first()
    return found is not None


def subject_thread_id(
    session: Session, *, inbox: Inbox, sender: str, subject: str | None
) -> str | None:
    """A provider id of the open conversation this sender's mail continues by subject."""
    wanted = normalize_subject(subject)
    if not wanted:
        return None
    try:
        address = normalize_email(sender)
    except Invalid:
        return None
    live = [s.value for s in ConversationStatus if s.value not in CLOSED_STATES]
    # One query from the address to the contact's open conversations (the hot path: most
    # mail comes from a new sender or a new subject and stops here).
    candidates = session.execute(
        select(Conversation.id, Conversation.subject)
        .join(ContactIdentity, ContactIdentity.contact_id == Conversation.contact_id)
        .where(
            ContactIdentity.client_id == inbox.client_id,
            ContactIdentity.kind == IdentityKind.EMAIL.value,
            ContactIdentity.value == address,
            Conversation.inbox_id == inbox.id,
            Conversation.status.in_(live),
        )
        .order_by(Conversation.last_message_at.desc())
        .limit(50)
    ).all()
    for conversation_id, conversation_subject in candidates:
        if normalize_subject(conversation_subject) == wanted:
            return session.scalars(
                select(Message.provider_message_id)
                .where(
                    Message.conversation_id == conversation_id,
                    Message.provider_message_id.is_not(None),
                )
                .order_by(Message.id.desc())
                .limit(1)
            ).first()
    return None
