"""What the rest of the application tells routing, and how it reaches the routing service.

Conversation and presence actions call the `on_*` functions inside their transaction; each
enqueues a job, so the in-memory engine hears about the change only after the commit (a
rolled-back transaction never leaves it ahead of the database). The job handlers run in the
outbox relay of whichever process claims the row and hand the signal to the routing service
running in that process, if any: a process without one ignores it, and a service started
later rebuilds the same state from the database (`store.load_engine`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from tawasol.models.conversation import Conversation
from tawasol.routing.store import hold, unclaim
from tawasol.worker.jobs import enqueue_job, job

OPENED_JOB = "routing.opened"
RELEASED_JOB = "routing.released"
ASSIGNED_JOB = "routing.assigned"
# Set by `do_apply_decision` around its `do_assign`: the claim already counted the load.
CLAIMED_KEY = "routing_claimed"
PRESENCE_JOB = "routing.presence"


@dataclass(frozen=True, slots=True)
class Signal:
    """One change for the engine: opened, assigned, released, withdrawn or presence."""

    kind: str
    conversation_id: int | None = None
    advisor_id: int | None = None
    state: str | None = None
    break_kind: str | None = None


def on_conversation_opened(session: Session, *, conversation: Conversation) -> None:
    """A new conversation waits for an advisor."""
    enqueue_job(
        session, type=OPENED_JOB, client_id=conversation.client_id,
        payload={"conversation_id": conversation.id},
    )  # fmt: skip


def on_conversation_released(
    session: Session, *, conversation: Conversation, advisor_id: int | None
) -> None:
    """Nobody holds the conversation any more (resolved, closed, transferred, unassigned).

    The advisor's database load shrinks in the caller's transaction, so capacity is right
    even before the engine hears about it. ``advisor_id`` None: it was still waiting.
    """
    if advisor_id is not None:
        unclaim(session, advisor_id=advisor_id, channel=conversation.channel)
    enqueue_job(
        session, type=RELEASED_JOB, client_id=conversation.client_id,
        payload={"conversation_id": conversation.id, "advisor_id": advisor_id},
    )  # fmt: skip


def on_conversation_assigned(
    session: Session, *, conversation: Conversation, advisor_id: int
) -> None:
    """Someone now holds the conversation: by hand, by reopening it, or through routing.

    A hand-made assignment counts on the advisor's load without the capacity check (a
    supervisor may overload on purpose), so the release that follows stays balanced.
    """
    if session.info.get(CLAIMED_KEY) == conversation.id:
        return  # routing's own claim: counted, and the engine made the decision
    hold(session, advisor_id=advisor_id, channel=conversation.channel)
    enqueue_job(
        session, type=ASSIGNED_JOB, client_id=conversation.client_id,
        payload={"conversation_id": conversation.id, "advisor_id": advisor_id},
    )  # fmt: skip


def on_presence_changed(
    session: Session, *, advisor_id: int, state: str, break_kind: str | None
) -> None:
    enqueue_job(
        session, type=PRESENCE_JOB,
        payload={"advisor_id": advisor_id, "state": state, "break_kind": break_kind},
    )  # fmt: skip


def _deliver(session: Session, signal: Signal) -> None:
    # Imported here: the service imports the conversation actions, which import this module.
    from tawasol.routing.service import service_for

    service = service_for(session.get_bind())
    if service is not None:
        service.submit(signal)


@job(OPENED_JOB)
def _opened(session: Session, payload: dict[str, Any]) -> None:
    _deliver(session, Signal("opened", conversation_id=int(payload["conversation_id"])))


@job(RELEASED_JOB)
def _released(session: Session, payload: dict[str, Any]) -> None:
    advisor_id = payload.get("advisor_id")
    kind = "withdrawn" if advisor_id is None else "released"
    _deliver(
        session,
        Signal(kind, conversation_id=int(payload["conversation_id"]), advisor_id=advisor_id),
    )


@job(ASSIGNED_JOB)
def _assigned(session: Session, payload: dict[str, Any]) -> None:
    _deliver(
        session,
        Signal(
            "assigned",
            conversation_id=int(payload["conversation_id"]),
            advisor_id=int(payload["advisor_id"]),
        ),
    )


@job(PRESENCE_JOB)
def _presence(session: Session, payload: dict[str, Any]) -> None:
    _deliver(
        session,
        Signal(
            "presence",
            advisor_id=int(payload["advisor_id"]),
            state=str(payload["state"]),
            break_kind=payload.get("break_kind"),
        ),
    )
