"""Two routing processes on one PostgreSQL database never double-assign or overload.

Both nodes rebuild the same engine from the database, so they reach the same decisions
at the same moment and race to apply them; only the guarded claims (`store.claim`) stand
between them and a conversation assigned twice or an advisor over capacity.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter

import pytest
from sqlalchemy import func, select

from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.models.conversation import Conversation
from tawasol.models.routing import AdvisorLoad, RoutingDecision
from tawasol.models.vocabulary import ConversationStatus
from tests.conftest import PG_URL, settings_for
from tests.routing.multinode import run_node
from tests.routing.world import make_world, open_conversation

ADVISORS, CAPACITY, WAITING = 4, 2, 20

# Marked `db` by hand (it builds its own database): the PostgreSQL pass runs `-m db`.
pytestmark = [
    pytest.mark.db,
    pytest.mark.skipif(PG_URL is None, reason="needs PostgreSQL (row locks)"),
]


def test_two_processes_never_assign_twice_nor_overload(make_database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tawasol.runtime import Runtime

    url = make_database("routing_nodes")
    runtime = Runtime.build(settings_for(tmp_path, url))
    try:
        world = make_world(runtime, advisors=ADVISORS, capacity=CAPACITY, available=True)
        waiting = [open_conversation(runtime.db, world) for _ in range(WAITING)]
        runtime.relay.drain()  # no service in this process: the jobs are no-ops
    finally:
        runtime.close()

    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    nodes = [context.Process(target=run_node, args=(url, barrier, 5, results)) for _ in range(2)]
    for node in nodes:
        node.start()
    outcomes = [results.get(timeout=180) for _ in nodes]
    for node in nodes:
        node.join(timeout=30)
    assert all(isinstance(outcome, list) for outcome in outcomes), outcomes
    applied = [tuple(pair) for outcome in outcomes for pair in outcome]

    db = Database(url)
    try:
        with db.unit(Scope.system(), write=False) as session:
            assignees = dict(
                session.execute(
                    select(Conversation.id, Conversation.assignee_id).where(
                        Conversation.id.in_(waiting)
                    )
                ).all()
            )
            decisions = Counter(
                session.scalars(
                    select(RoutingDecision.conversation_id).where(
                        RoutingDecision.conversation_id.in_(waiting)
                    )
                )
            )
            loads = dict(
                session.execute(
                    select(AdvisorLoad.user_id, AdvisorLoad.active).where(
                        AdvisorLoad.user_id.in_(world.advisors)
                    )
                ).all()
            )
            held = dict(
                session.execute(
                    select(Conversation.assignee_id, func.count())
                    .where(Conversation.status == ConversationStatus.OPEN.value,
                           Conversation.assignee_id.in_(world.advisors))
                    .group_by(Conversation.assignee_id)
                ).all()
            )  # fmt: skip
    finally:
        db.dispose()
    # Every slot filled exactly once, by one node or the other.
    assert len(applied) == ADVISORS * CAPACITY
    assert len({conversation for conversation, _ in applied}) == len(applied)
    assert all(count == 1 for count in decisions.values())
    assert sum(decisions.values()) == ADVISORS * CAPACITY
    assert all(held.get(a, 0) <= CAPACITY for a in world.advisors), held
    assert loads == {a: held.get(a, 0) for a in world.advisors}
    for conversation, advisor in applied:
        assert assignees[conversation] == advisor
