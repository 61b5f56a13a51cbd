"""Which conversations are abusive for routing: hard ones, spread between advisors.

A conversation is abusive when the enrichment found one of its messages offensive
(`ConversationInsight.offensive`) or an advisor tagged it ``abusive``. Negative sentiment,
the other kind of hard conversation, is on the conversation row itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.models.conversation import ConversationTag
from tawasol.models.enrichment import ConversationInsight

ABUSIVE_TAG = "abusive"
_CHUNK = 500


def abusive_conversations(session: Session, conversation_ids: Iterable[int]) -> set[int]:
    """Those of ``conversation_ids`` that are offensive or tagged abusive."""
    ids = sorted(set(conversation_ids))
    found: set[int] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        found.update(
            session.scalars(
                select(ConversationInsight.conversation_id).where(
                    ConversationInsight.conversation_id.in_(chunk),
                    ConversationInsight.offensive.is_(True),
                )
            )
        )
        found.update(
            session.scalars(
                select(ConversationTag.conversation_id).where(
                    ConversationTag.conversation_id.in_(chunk), ConversationTag.tag == ABUSIVE_TAG
                )
            )
        )
    return found
