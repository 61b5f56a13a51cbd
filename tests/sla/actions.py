"""Conversation actions at a given instant, each in its own unit of work (as requests do)."""

from __future__ import annotations

from datetime import datetime

from tawasol.conversations.actions import (
    do_assign,
    do_post_message,
    do_receive_message,
    do_set_status,
)
from tawasol.conversations.schemas import AssignIn, StatusIn
from tawasol.db.database import Database
from tawasol.db.types import clock_at
from tawasol.models.user import User
from tawasol.models.vocabulary import ConversationStatus, MessageKind
from tawasol.runtime import Runtime
from tawasol.sla.scheduler import run_tick
from tests.factories import SYSTEM
from tests.sla.world import conversation_of


def assign(runtime: Runtime, conversation_id: int, advisor_id: int, at: datetime) -> None:
    with clock_at(at), runtime.db.unit(SYSTEM.scope) as session:
        advisor = session.get(User, advisor_id)
        do_assign(
            session, actor=SYSTEM, conversation=conversation_of(session, conversation_id),
            assignee=advisor, team=None, data=AssignIn(assignee_id=advisor_id),
        )  # fmt: skip


def set_status(
    db: Database, conversation_id: int, status: ConversationStatus, at: datetime
) -> None:
    with clock_at(at), db.unit(SYSTEM.scope) as session:
        do_set_status(
            session, actor=SYSTEM, conversation=conversation_of(session, conversation_id),
            data=StatusIn(status=status),
        )  # fmt: skip


def reply(db: Database, conversation_id: int, at: datetime) -> None:
    with clock_at(at), db.unit(SYSTEM.scope) as session:
        do_post_message(
            session, actor=SYSTEM, conversation=conversation_of(session, conversation_id),
            kind=MessageKind.MESSAGE, text="Merci, nous regardons.", html=None,
        )  # fmt: skip


def customer_writes(db: Database, conversation_id: int, at: datetime) -> None:
    with clock_at(at), db.unit(SYSTEM.scope) as session:
        do_receive_message(
            session, actor=SYSTEM, conversation=conversation_of(session, conversation_id),
            text="Alors ?",
        )  # fmt: skip


def tick_at(db: Database, at: datetime) -> int:
    with clock_at(at):
        return run_tick(db, now=at)
