"""@mentions in internal notes: who may be named, finding the names in a note, recording them
and telling the person named.

A mention is written `@Full Name` (the composer's suggestions insert exactly that), so a note
needs no markup and reads the same in the API, the console and an export. Only people who may
read the conversation's notes on its client can be named: the candidates come from the
client's grants, read in the actor's scoped session.
"""

from __future__ import annotations

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session, aliased

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.auth.permissions import ROLE_PERMISSIONS, Permission
from tawasol.db.types import utcnow
from tawasol.models.conversation import Conversation
from tawasol.models.mention import Mention
from tawasol.models.message import Message
from tawasol.models.user import User, UserClient
from tawasol.models.vocabulary import MessageKind
from tawasol.realtime.events import agent_channel, record_event
from tawasol.users.schemas import MentionOut

NOTE_READERS = tuple(
    r.value for r, perms in ROLE_PERMISSIONS.items() if Permission.NOTES_READ in perms
)
MAX_CANDIDATES = 500
MAX_MENTIONS_PER_NOTE = 20
BADGE_CAP = 99
EXCERPT_CHARS = 200


def mentionable_users(session: Session, *, client_id: int) -> list[User]:
    """Active people granted on the client whose role reads internal notes, by name."""
    granted = select(UserClient.user_id).where(UserClient.client_id == client_id)
    query = (
        select(User)
        .where(User.id.in_(granted), User.is_active.is_(True), User.role.in_(NOTE_READERS))
        .order_by(User.full_name, User.id)
        .limit(MAX_CANDIDATES)
    )
    return list(session.scalars(query))


def _boundary(text: str, end: int) -> bool:
    return end == len(text) or not (text[end].isalnum() or text[end] == "_")


def find_mentioned(text: str, candidates: list[User]) -> list[User]:
    """People named `@Full Name` in the text (case-insensitive); a longer name wins over a
    shorter one it starts with (`@Ali Benali` is not also `@Ali`)."""
    folded = text.casefold()
    found: list[User] = []
    taken: set[int] = set()  # positions already claimed by a longer name
    for user in sorted(candidates, key=lambda u: len(u.full_name), reverse=True):
        needle = "@" + user.full_name.casefold()
        start = folded.find(needle)
        while start != -1:
            end = start + len(needle)
            if start not in taken and _boundary(folded, end):
                found.append(user)
                taken.update(range(start, end))
                break
            start = folded.find(needle, start + 1)
    return found[:MAX_MENTIONS_PER_NOTE]


def record_note_mentions(session: Session, *, actor: Actor, message: Message) -> list[Mention]:
    """Called when a note is posted: store its mentions, audit them, notify each person."""
    if message.kind != MessageKind.NOTE.value or "@" not in message.text:
        return []
    candidates = mentionable_users(session, client_id=message.client_id)
    named = [u for u in find_mentioned(message.text, candidates) if u.id != actor.user_id]
    if not named:
        return []
    conversation = session.get(Conversation, message.conversation_id)
    author = session.get(User, actor.user_id) if actor.user_id else None
    mentions = [
        Mention(
            client_id=message.client_id,
            message_id=message.id,
            conversation_id=message.conversation_id,
            mentioned_user_id=user.id,
            author_user_id=actor.user_id,
        )  # fmt: skip
        for user in named
    ]
    session.add_all(mentions)
    append_audit(
        session, actor=actor, action="note.mentioned", object_type="message",
        object_id=message.id, client_id=message.client_id,
        summary={"conversation_id": message.conversation_id, "user_ids": [u.id for u in named]},
    )  # fmt: skip
    for user in named:
        record_event(
            session, type="mention.created", client_id=message.client_id,
            recipients=[agent_channel(user.id)],
            payload={"conversation_id": message.conversation_id, "message_id": message.id,
                     "mentioned_user_id": user.id,
                     "author_name": author.full_name if author else "",
                     "subject": (conversation.subject or "")[:200] if conversation else ""},
        )  # fmt: skip
    return mentions


def mark_mentions_read(session: Session, *, user_id: int, conversation_id: int) -> int:
    """The person opened the conversation: their mentions there are read.

    Not audited: opening a page is not a change anyone answers for, and an entry per page
    view would drown the audit log."""
    result = session.execute(
        update(Mention)
        .where(Mention.mentioned_user_id == user_id, Mention.conversation_id == conversation_id)
        .where(Mention.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def has_unread_mentions(session: Session, *, user_id: int, conversation_id: int) -> bool:
    found = select(Mention.id).where(
        Mention.mentioned_user_id == user_id,
        Mention.conversation_id == conversation_id,
        Mention.read_at.is_(None),
    )
    return session.execute(found.limit(1)).first() is not None


def unread_mention_count(session: Session, *, user_id: int) -> int:
    """For the badge: counted up to BADGE_CAP + 1 only ("99+"), whatever the backlog."""
    unread = (
        select(Mention.id)
        .where(Mention.mentioned_user_id == user_id, Mention.read_at.is_(None))
        .limit(BADGE_CAP + 1)
        .subquery()
    )
    return int(session.scalar(select(func.count()).select_from(unread)) or 0)


def unread_in(session: Session, *, user_id: int, conversation_ids: list[int]) -> set[int]:
    """Which of these conversations hold a mention of the user not yet read."""
    if not conversation_ids:
        return set()
    rows = session.scalars(
        select(Mention.conversation_id)
        .where(Mention.mentioned_user_id == user_id, Mention.read_at.is_(None))
        .where(Mention.conversation_id.in_(conversation_ids))
    )
    return set(rows)


def mentioning_me(user_id: int) -> Select[tuple[int]]:
    """Conversations where a note names the user (the inbox's "mentions" view)."""
    return select(Mention.conversation_id).where(Mention.mentioned_user_id == user_id)


def _mentions_out(session: Session, query: Select[tuple[Mention]]) -> list[MentionOut]:
    author = aliased(User)
    rows = session.execute(
        query.add_columns(Message.text, author.full_name)
        .join(Message, Message.id == Mention.message_id)
        .outerjoin(author, author.id == Mention.author_user_id)
    )
    return [
        MentionOut(
            id=m.id,
            client_id=m.client_id,
            conversation_id=m.conversation_id,
            message_id=m.message_id,
            author_user_id=m.author_user_id,
            author_name=name,
            excerpt=text[:EXCERPT_CHARS],
            created_at=m.created_at,
            read_at=m.read_at,
        )  # fmt: skip
        for m, text, name in rows
    ]


def list_my_mentions(
    session: Session, *, user_id: int, unread_only: bool, before_id: int | None, limit: int
) -> list[MentionOut]:
    """The user's mentions, newest first, keyset-paged by id (`ix_mentions_user_recent`)."""
    query = (
        select(Mention)
        .where(Mention.mentioned_user_id == user_id)
        .order_by(Mention.id.desc())
        .limit(limit)
    )
    if unread_only:
        query = query.where(Mention.read_at.is_(None))
    if before_id is not None:
        query = query.where(Mention.id < before_id)
    return _mentions_out(session, query)


def mention_out(session: Session, mention: Mention) -> MentionOut:
    return _mentions_out(session, select(Mention).where(Mention.id == mention.id))[0]


def do_mark_mention_read(session: Session, *, actor: Actor, mention: Mention) -> None:
    """Marked read through the API (opening the conversation does it for every mention
    there, see `mark_mentions_read`); reading it again changes nothing."""
    if mention.read_at is not None:
        return
    mention.read_at = utcnow()
    append_audit(
        session, actor=actor, action="mention.read", object_type="mention",
        object_id=mention.id, client_id=mention.client_id,
        summary={"conversation_id": mention.conversation_id},
    )  # fmt: skip
