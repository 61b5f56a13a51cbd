"""What the copilot reads about a conversation: its messages, the customer's open question,
their language, and the names its templates need."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.copilot.templating import reply_language
from tawasol.models.client import Client
from tawasol.models.contact import Contact
from tawasol.models.conversation import Conversation
from tawasol.models.message import Message
from tawasol.models.user import User
from tawasol.nlp.language import default_identifier

RECENT_MESSAGES = 60
QUESTION_MESSAGES = 3


@dataclass(frozen=True)
class ConversationContext:
    conversation: Conversation
    client: Client
    contact_name: str | None
    advisor_name: str | None
    messages: list[Message]  # chronological, notes excluded
    notes: int
    question: str  # the customer's latest messages
    waiting: bool  # True when no advisor reply came after ``question``
    language: str  # the customer's language (ISO 639), "und" when unknown
    reply_language: str  # the language to answer in: ``language``, or "ary-Latn" (templating)


def _customer_question(messages: list[Message]) -> tuple[str, bool]:
    """The customer's latest messages, and whether they still wait for an answer (no advisor
    reply after them). Without a waiting question, the last one answered is used."""
    tail: list[str] = []
    waiting = True
    for message in reversed(messages):
        if message.direction != "inbound":
            if tail:
                break
            waiting = False
            continue
        tail.append(message.text)
        if len(tail) == QUESTION_MESSAGES:
            break
    return "\n".join(reversed(tail)).strip(), waiting and bool(tail)


def load_context(
    session: Session, *, conversation: Conversation, actor_user_id: int | None
) -> ConversationContext:
    rows = list(
        session.scalars(
            select(Message)
            .where(Message.conversation_id == conversation.id)
            .order_by(Message.id.desc())
            .limit(RECENT_MESSAGES)
        )
    )[::-1]
    messages = [m for m in rows if m.kind != "note"]
    client = session.get(Client, conversation.client_id)
    assert client is not None
    contact = session.get(Contact, conversation.contact_id)
    advisor_id = conversation.assignee_id or actor_user_id
    advisor = session.get(User, advisor_id) if advisor_id else None
    question, waiting = _customer_question(messages)
    language = conversation.language
    if not language and question:
        language = default_identifier().identify(question).primary
    customer_text = question or " ".join(m.text for m in messages if m.direction == "inbound")
    return ConversationContext(
        conversation=conversation, client=client,
        contact_name=contact.name if contact else None,
        advisor_name=advisor.full_name if advisor else None, messages=messages,
        notes=len(rows) - len(messages), question=question, waiting=waiting,
        language=language or "und",
        reply_language=reply_language(language or "und", customer_text),
    )  # fmt: skip
