"""What the rest of the application tells routing, and how it reaches every routing service.

Conversation and presence actions call the `on_*` functions inside their transaction; each
records an outbox event addressed to `ROUTING_CHANNEL`, an internal bus channel no browser
stream subscribes to. The relay of whichever node claims the row publishes it after the
commit (a rolled-back transaction never leaves an engine ahead of the database), and the
bus fans it out to the routing service of every node (`service.py`), so each engine stays
current. A node started later rebuilds the same state from the database
(`store.load_engine`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from tawasol.models.conversation import Conversation
from tawasol.realtime.events import record_event
from tawasol.routing.store import hold, unclaim
from tawasol.worker.jobs import job

# Internal: `realtime/sse.py` only ever subscribes browsers to agent, client and visitor
# channels, so routing signals never leave the nodes.
ROUTING_CHANNEL = "internal:routing"
SIGNAL_PREFIX = "routing."
# Signal kinds beyond the conversation and presence ones: routing rules changed (every
# engine rebuilds), work was sent to a team (its group is refreshed; ``advisor_id`` carries
# the team id).
RELOAD = "reload"
TEAM = "team"
# A job some writers still enqueue for a new conversation (the batched ingest writes outbox
# rows itself); its handler turns it into the broadcast signal. Writing the signal event
# directly (type "routing.opened", recipient `ROUTING_CHANNEL`) saves one relay pass.
OPENED_JOB = "routing.opened"
# Set by `do_apply_decision` around its `do_assign`: the claim already counted the load.
CLAIMED_KEY = "routing_claimed"
# Set by `avoid_on_release` before a `do_assign` that takes a conversation from its advisor.
AVOID_KEY = "routing_avoid"


@dataclass(frozen=True, slots=True)
class Signal:
    """One change for the engine: opened, assigned, released, withdrawn or presence."""

    kind: str
    conversation_id: int | None = None
    advisor_id: int | None = None
    state: str | None = None
    break_kind: str | None = None
    # On a release: route it to someone else than ``advisor_id`` if possible (`rules.avoided`).
    avoid: bool = False


def _send(session: Session, signal: Signal, *, client_id: int | None) -> None:
    payload = {
        "conversation_id": signal.conversation_id,
        "advisor_id": signal.advisor_id,
        "state": signal.state,
        "break_kind": signal.break_kind,
        "avoid": signal.avoid,
    }
    record_event(
        session, type=SIGNAL_PREFIX + signal.kind, client_id=client_id,
        recipients=[ROUTING_CHANNEL], payload=payload,
    )  # fmt: skip


def signal_from(message: dict[str, Any]) -> Signal | None:
    """The signal carried by a bus message, or None for anything else."""
    kind = str(message.get("type") or "")
    payload = message.get("payload") or {}
    if not kind.startswith(SIGNAL_PREFIX) or not isinstance(payload, dict):
        return None

    def number(key: str) -> int | None:
        value = payload.get(key)
        return None if value is None else int(value)

    return Signal(
        kind.removeprefix(SIGNAL_PREFIX),
        conversation_id=number("conversation_id"),
        advisor_id=number("advisor_id"),
        state=payload.get("state"),
        break_kind=payload.get("break_kind"),
        avoid=bool(payload.get("avoid")),
    )


def on_conversation_opened(session: Session, *, conversation: Conversation) -> None:
    """A new conversation waits for an advisor."""
    _send(session, Signal("opened", conversation.id), client_id=conversation.client_id)


def on_conversation_released(
    session: Session,
    *,
    conversation: Conversation,
    advisor_id: int | None,
    avoid: bool = False,
) -> None:
    """Nobody holds the conversation any more (resolved, closed, transferred, unassigned).

    The advisor's database load shrinks in the caller's transaction, so capacity is right
    even before the engines hear about it. ``advisor_id`` None: it was still waiting.
    ``avoid`` (or `avoid_on_release` before the release): engines route it to someone else
    than that advisor if they can (an SLA escalation took it from them).
    """
    avoid = session.info.pop(AVOID_KEY, None) == conversation.id or avoid
    if advisor_id is not None:
        unclaim(session, advisor_id=advisor_id, channel=conversation.channel)
    kind = "withdrawn" if advisor_id is None else "released"
    signal = Signal(kind, conversation.id, advisor_id, avoid=avoid and advisor_id is not None)
    _send(session, signal, client_id=conversation.client_id)


def avoid_on_release(session: Session, *, conversation: Conversation) -> None:
    """The next release of this conversation in this transaction carries the avoid hint.

    For writers that release through `do_assign` (which calls `on_conversation_released`).
    """
    session.info[AVOID_KEY] = conversation.id


def on_conversation_assigned(
    session: Session, *, conversation: Conversation, advisor_id: int
) -> None:
    """Someone now holds the conversation: by hand, by reopening it, or through routing.

    A hand-made assignment counts on the advisor's load without the capacity check (a
    supervisor may overload on purpose), so the release that follows stays balanced.
    Routing's own claims are counted already, but the other nodes still need to hear.
    """
    if session.info.get(CLAIMED_KEY) != conversation.id:
        hold(session, advisor_id=advisor_id, channel=conversation.channel)
    signal = Signal("assigned", conversation.id, advisor_id)
    _send(session, signal, client_id=conversation.client_id)


def on_presence_changed(
    session: Session, *, advisor_id: int, state: str, break_kind: str | None
) -> None:
    signal = Signal("presence", advisor_id=advisor_id, state=state, break_kind=break_kind)
    _send(session, signal, client_id=None)


def on_rules_changed(session: Session, *, client_id: int) -> None:
    """A client's or an inbox's routing rules changed: every engine rebuilds its state."""
    _send(session, Signal(RELOAD), client_id=client_id)


def on_sent_to_team(session: Session, *, team_id: int, client_id: int) -> None:
    """Work waits for a team: engines refresh the team's group before routing it."""
    _send(session, Signal(TEAM, advisor_id=team_id), client_id=client_id)


@job(OPENED_JOB)
def _opened_job(session: Session, payload: dict[str, Any]) -> None:
    conversation = session.get(Conversation, int(payload["conversation_id"]))
    if conversation is not None:
        on_conversation_opened(session, conversation=conversation)


def on_advisor_changed(session: Session, *, advisor_id: int) -> None:
    """The advisor's skills changed: engines re-read their profile (as on a presence change)."""
    _send(session, Signal("presence", advisor_id=advisor_id), client_id=None)
