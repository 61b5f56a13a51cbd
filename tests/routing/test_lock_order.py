"""Routing's background writers take the audit chain's head first and never wait after it.

A request appends its audit entry (locking the chain's head) and then changes the
conversation; another request changes an advisor's load and then appends. A writer that
locked the conversation or the load row and then waited for the head would wait crosswise
with one of them, and PostgreSQL would abort one side. Each test holds a request's locks
open on one connection and runs the background writer on another.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.models.conversation import Conversation
from tawasol.routing.actions import do_apply_decision
from tawasol.routing.advisor import Tier
from tawasol.routing.decision import Decision, Rule
from tawasol.routing.requeue import RequeueBusy, do_requeue_held
from tawasol.routing.service import RoutingService
from tawasol.routing.store import hold
from tawasol.runtime import Runtime
from tests.factories import SYSTEM
from tests.lock_probes import in_thread, needs_postgresql, wait_until, waiting_on_a_lock
from tests.routing.world import World, make_world, open_conversation

from .conftest import conversation_of

pytestmark = pytest.mark.db


def _world(runtime: Runtime) -> tuple[World, int]:
    world = make_world(runtime, advisors=1, available=True)
    RoutingService(runtime.db).load()  # creates the advisors' load rows
    return world, open_conversation(runtime.db, world)


def _decision(world: World, conversation_id: int) -> Decision:
    return Decision(
        conversation_id=conversation_id, client_id=world.client_id,
        advisor_id=world.advisors[0], channel="email", rule=Rule.LONGEST_IDLE,
        tier=Tier.PRIMARY, decided_at=time.time(), waited_seconds=1.0, priority_reasons=(),
        candidates=(),
    )  # fmt: skip


def _apply(db: Database, decision: Decision) -> Callable[[], bool]:
    def work() -> bool:
        with db.unit(Scope.system()) as session:
            return do_apply_decision(session, actor=Actor.system("routing"), decision=decision)

    return work


def test_applying_a_decision_and_a_request_changing_the_conversation_never_deadlock(
    runtime,
) -> None:  # type: ignore[no-untyped-def]
    needs_postgresql(runtime)
    world, conversation_id = _world(runtime)
    request = runtime.db.open(Scope.system())
    other = Database(runtime.db.url)
    results: list[Any] = []
    try:
        append_audit(
            request, actor=SYSTEM, action="test.request", object_type="conversation",
            object_id=conversation_id, client_id=world.client_id,
        )  # fmt: skip
        applying = in_thread(_apply(other, _decision(world, conversation_id)), results)
        assert wait_until(lambda: waiting_on_a_lock(request), seconds=20), "never blocked"
        conversation = request.get(Conversation, conversation_id)
        assert conversation is not None
        conversation.subject = "en cours"
        request.flush()  # deadlocks here when the routing step holds the conversation's row
        request.commit()
        applying.join(timeout=30)
        assert not applying.is_alive()
    finally:
        runtime.db.close(request)
        other.dispose()
    assert results == [True]
    found = conversation_of(runtime, conversation_id)
    assert (found.subject, found.assignee_id) == ("en cours", world.advisors[0])


def test_applying_a_decision_skips_an_advisor_whose_load_a_request_is_changing(
    runtime,
) -> None:  # type: ignore[no-untyped-def]
    needs_postgresql(runtime)
    world, conversation_id = _world(runtime)
    request = runtime.db.open(Scope.system())
    other = Database(runtime.db.url)
    results: list[Any] = []
    try:  # a request gives the advisor other work by hand: its load row first...
        hold(request, advisor_id=world.advisors[0], channel="email")
        applying = in_thread(_apply(other, _decision(world, conversation_id)), results)
        applying.join(timeout=20)
        assert not applying.is_alive(), "the routing step waited for the load row"
        append_audit(  # ... then its audit entry: the head is free again
            request, actor=SYSTEM, action="test.request", object_type="user",
            object_id=world.advisors[0], client_id=world.client_id,
        )  # fmt: skip
        request.commit()
    finally:
        runtime.db.close(request)
        other.dispose()
    assert results == [False]  # a failed claim: the service resynchronises and routes again
    assert conversation_of(runtime, conversation_id).assignee_id is None
    assert _apply(runtime.db, _decision(world, conversation_id))()  # free now: it goes through


def test_requeueing_waits_for_no_row_a_request_holds(runtime) -> None:  # type: ignore[no-untyped-def]
    needs_postgresql(runtime)
    world, conversation_id = _world(runtime)
    advisor_id = world.advisors[0]
    assert _apply(runtime.db, _decision(world, conversation_id))()
    request = runtime.db.open(Scope.system())
    other = Database(runtime.db.url)
    results: list[Any] = []

    def requeue() -> list[int]:
        with other.unit(Scope.system()) as session:
            return do_requeue_held(
                session, actor=Actor.system("routing"), advisor_id=advisor_id, reason="test"
            )

    try:
        hold(request, advisor_id=advisor_id, channel="email")  # load row, then the audit
        requeueing = in_thread(requeue, results)
        requeueing.join(timeout=20)
        assert not requeueing.is_alive(), "the requeue waited for the load row"
        append_audit(
            request, actor=SYSTEM, action="test.request", object_type="user",
            object_id=advisor_id, client_id=world.client_id,
        )  # fmt: skip
        request.commit()
    finally:
        runtime.db.close(request)
        other.dispose()
    assert len(results) == 1 and isinstance(results[0], RequeueBusy)  # the relay retries it
    assert conversation_of(runtime, conversation_id).assignee_id == advisor_id
    with runtime.db.unit(Scope.system()) as session:
        requeued = do_requeue_held(
            session, actor=Actor.system("routing"), advisor_id=advisor_id, reason="test"
        )
    assert requeued == [conversation_id]
    assert conversation_of(runtime, conversation_id).assignee_id is None
