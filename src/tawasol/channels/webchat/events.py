"""The realtime channel a visitor's widget listens on, and typing signals.

Typing is ephemeral: it changes no state, so it is published on the bus directly instead of
through the outbox (a lost "is typing" is harmless; an outbox row per keystroke is not).
"""

from __future__ import annotations

from typing import Literal, TypedDict

from tawasol.realtime.bus import EventBus
from tawasol.realtime.events import agent_channel, client_channel, visitor_channel

TYPING_EVENT = "webchat.typing"


class TypingPayload(TypedDict):
    conversation_id: int
    typing: bool
    author: Literal["visitor", "advisor"]
    name: str | None


def publish_typing(
    bus: EventBus,
    *,
    client_id: int,
    conversation_id: int,
    assignee_id: int | None,
    payload: TypingPayload,
) -> None:
    """To the visitor's widgets and to the advisors who may be looking at the conversation."""
    message = {"id": None, "type": TYPING_EVENT, "payload": dict(payload)}
    channels = [visitor_channel(conversation_id), client_channel(client_id)]
    if assignee_id is not None:
        channels.append(agent_channel(assignee_id))
    for channel in channels:
        bus.publish(channel, message)
