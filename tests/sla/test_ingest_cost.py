"""What SLA tracking adds to ingest, counted in SQL statements (deterministic, unlike time)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from tawasol.db.database import Database
from tests.sla.actions import customer_writes, reply
from tests.sla.world import casa, make_sla_world, open_conversation

pytestmark = pytest.mark.db


@contextmanager
def counting(db: Database) -> Iterator[Callable[[], list[str]]]:
    statements: list[str] = []

    def record(_conn, _cursor, statement: str, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield lambda: [" ".join(s.split())[:60] for s in statements]
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def _message_costs(sla_runtime, policy: dict | None) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """Statements for a customer message that starts a cycle, then one during the cycle."""
    world = make_sla_world(sla_runtime, policy=policy)
    conversation_id = open_conversation(sla_runtime, world, casa(21, 10))
    reply(sla_runtime.db, conversation_id, casa(21, 10, 5))
    with counting(sla_runtime.db) as first:
        customer_writes(sla_runtime.db, conversation_id, casa(21, 10, 10))
    with counting(sla_runtime.db) as second:
        customer_writes(sla_runtime.db, conversation_id, casa(21, 10, 20))
    return first(), second()


def test_a_message_during_a_running_cycle_costs_nothing_extra(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    untracked_start, untracked_during = _message_costs(sla_runtime, {})
    tracked_start, tracked_during = _message_costs(sla_runtime, None)
    # Without a policy, messages never look for clocks (the first lookup is remembered).
    assert not [s for s in untracked_start + untracked_during if "sla" in s or "routing" in s]
    assert tracked_during == untracked_during
    # Starting a next-response cycle: the locked read (row and settings), the row's update,
    # and the conversation's due time (its row was flushed with the message already).
    assert len(tracked_start) == len(untracked_start) + 3, tracked_start
