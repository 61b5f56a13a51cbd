"""`POST /api/v1/conversations/{id}/typing`: an advisor is typing a reply.

The visitor's widget shows "l'agent écrit…", and colleagues watching the conversation see
that someone is answering. Nothing is stored: the signal goes straight to the bus.
"""

from __future__ import annotations

from fastapi import APIRouter, Response

from tawasol.auth.dependencies import RuntimeDep, SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.channels.webchat.events import publish_typing
from tawasol.channels.webchat.schemas import TypingIn
from tawasol.conversations.access import access_conversation_by_id
from tawasol.db.types import DbId
from tawasol.models.user import User

router = APIRouter(prefix="/conversations", tags=["conversations"])


@router.post("/{conversation_id}/typing", status_code=204, response_class=Response)
def advisor_typing(
    conversation_id: DbId, body: TypingIn, session: SessionDep, runtime: RuntimeDep,
    actor=require(P.MESSAGES_REPLY),
) -> Response:  # fmt: skip
    conversation = access_conversation_by_id(session, conversation_id)
    user = session.get(User, actor.user_id) if actor.user_id else None
    first_name = user.full_name.split()[0] if user and user.full_name.split() else None
    publish_typing(
        runtime.bus, client_id=conversation.client_id, conversation_id=conversation.id,
        assignee_id=conversation.assignee_id,
        payload={"conversation_id": conversation.id, "typing": body.typing,
                 "author": "advisor", "name": first_name},
    )  # fmt: skip
    return Response(status_code=204)
