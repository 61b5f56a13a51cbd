"""Mentions made the way the console makes them (a note naming someone), for the mentions
API, isolation and permission tests."""

from __future__ import annotations

from sqlalchemy import select

from tawasol.auth.actor import Actor
from tawasol.auth.permissions import Permission
from tawasol.conversations.actions import do_post_message
from tawasol.db.tenancy import Scope
from tawasol.models.conversation import Conversation
from tawasol.models.mention import Mention
from tawasol.models.user import User
from tawasol.models.vocabulary import MessageKind, Role
from tawasol.runtime import Runtime


def make_mention(
    runtime: Runtime, *, conversation_id: int, author_id: int, named_id: int, text: str = "Vu ?"
) -> int:
    """A note by `author_id` naming `named_id` on the conversation; returns the mention id.

    The named user is renamed `Nommé <id>` first: the factories give everyone of a role the
    same name, and `@Test advisor` would name only one of them."""
    with runtime.db.unit(Scope.system()) as session:
        conversation = session.get(Conversation, conversation_id)
        author, named = session.get(User, author_id), session.get(User, named_id)
        assert conversation is not None and author is not None and named is not None
        named.full_name = f"Nommé {named.id}"  # test users share names; a mention needs one
        actor = Actor(
            user_id=author.id, label=author.email, role=Role(author.role), client_ids=None,
            permissions=frozenset(Permission),
        )  # fmt: skip
        note = do_post_message(
            session, actor=actor, conversation=conversation, kind=MessageKind.NOTE,
            text=f"{text} @{named.full_name}", html=None,
        )  # fmt: skip
        found = select(Mention.id).where(
            Mention.message_id == note.id, Mention.mentioned_user_id == named.id
        )
        return int(session.scalars(found).one())
