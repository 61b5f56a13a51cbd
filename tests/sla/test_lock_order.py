"""The tick and the requests take their locks in one order: the audit chain's head first.

A request appends its audit entry (locking the chain's head) and then changes the
conversation; a tick that locked the conversation first and then appended an escalation
entry would wait for the request while the request waits for it, and PostgreSQL would abort
one of them. These tests hold a request's locks open on one connection and tick on another.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import select, text

from tawasol.audit.chain import append_audit
from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.db.types import clock_at
from tawasol.models.routing import AdvisorLoad
from tawasol.routing.store import hold
from tawasol.runtime import Runtime
from tests.factories import SYSTEM
from tests.lock_probes import needs_postgresql, wait_until, waiting_on_a_lock
from tests.sla.actions import assign, tick_at
from tests.sla.world import POLICY, casa, conversation_of, make_sla_world, open_conversation

pytestmark = pytest.mark.db
ESCALATING = {**POLICY, "escalations": {"default": {"breached": ["notify_supervisor"]}}}
REASSIGNING = {**POLICY, "escalations": {"default": {"breached": ["reassign"]}}}


def _tick_in_thread(db: Database, at: Any, failures: list[BaseException]) -> threading.Thread:
    def run() -> None:
        try:
            tick_at(db, at)
        except BaseException as error:  # reported by the test: a thread cannot fail it
            failures.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_tick_without_escalations_does_not_wait_for_the_audit_chain(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    needs_postgresql(sla_runtime)
    world = make_sla_world(sla_runtime)
    conversation_id = open_conversation(sla_runtime, world, casa(28, 10))  # Monday
    request = sla_runtime.db.open(Scope.system())
    other = Database(sla_runtime.db.url)
    failures: list[BaseException] = []
    try:
        with clock_at(casa(28, 10, 40)):
            append_audit(
                request, actor=SYSTEM, action="test.request", object_type="conversation",
                object_id=conversation_id, client_id=world.client_id,
            )  # fmt: skip
        ticking = _tick_in_thread(other, casa(28, 10, 40), failures)
        ticking.join(timeout=20)
        assert not ticking.is_alive(), "the tick waited for the audit chain's head"
        request.commit()
    finally:
        sla_runtime.db.close(request)
        other.dispose()
    assert failures == []


def test_an_escalating_tick_and_a_request_never_deadlock(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    needs_postgresql(sla_runtime)
    world = make_sla_world(sla_runtime, policy=ESCALATING)
    conversation_id = open_conversation(sla_runtime, world, casa(29, 10))  # Tuesday
    request = sla_runtime.db.open(Scope.system())
    other = Database(sla_runtime.db.url)
    failures: list[BaseException] = []
    try:
        with clock_at(casa(29, 11, 30)):  # the request now holds the audit chain's head
            append_audit(
                request, actor=SYSTEM, action="test.request", object_type="conversation",
                object_id=conversation_id, client_id=world.client_id,
            )  # fmt: skip
        ticking = _tick_in_thread(other, casa(29, 11, 30), failures)
        assert wait_until(lambda: waiting_on_a_lock(request), seconds=20), "tick never blocked"
        with clock_at(casa(29, 11, 30)):
            conversation_of(request, conversation_id).subject = "en cours"
            request.flush()  # deadlocks here when the tick holds the conversation's row
        request.commit()
        ticking.join(timeout=30)
        assert not ticking.is_alive()
    finally:
        sla_runtime.db.close(request)
        other.dispose()
    assert failures == []
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        assert conversation_of(session, conversation_id).subject == "en cours"
        escalated = session.execute(
            text("SELECT count(*) FROM audit_entries WHERE action = 'sla.escalated'"
                 " AND object_id = :id"), {"id": str(conversation_id)},
        ).scalar_one()  # fmt: skip
        assert escalated == 1


def _with_load_row(runtime: Runtime, advisor_id: int) -> None:
    with runtime.db.unit(Scope.system()) as session:
        found = session.scalars(
            select(AdvisorLoad).where(
                AdvisorLoad.user_id == advisor_id, AdvisorLoad.channel == "email"
            )
        ).first()
        if found is None:
            session.add(AdvisorLoad(user_id=advisor_id, channel="email", active=0, capacity=5))


def test_a_reassigning_tick_skips_an_advisor_a_request_is_changing(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    needs_postgresql(sla_runtime)
    world = make_sla_world(sla_runtime, policy=REASSIGNING)
    _with_load_row(sla_runtime, world.advisor_id)
    conversation_id = open_conversation(sla_runtime, world, casa(31, 10))  # Thursday
    assign(sla_runtime, conversation_id, world.advisor_id, casa(31, 10, 5))
    request = sla_runtime.db.open(Scope.system())
    other = Database(sla_runtime.db.url)
    failures: list[BaseException] = []
    try:
        with clock_at(casa(31, 11, 30)):  # a request assigns the advisor more work: its load row
            hold(request, advisor_id=world.advisor_id, channel="email")
        ticking = _tick_in_thread(other, casa(31, 11, 30), failures)
        blocked_or_done = wait_until(
            lambda: not ticking.is_alive() or waiting_on_a_lock(request), seconds=20
        )
        assert blocked_or_done
        with clock_at(casa(31, 11, 30)):  # ... and then appends its audit entry
            append_audit(
                request, actor=SYSTEM, action="test.request", object_type="user",
                object_id=world.advisor_id, client_id=world.client_id,
            )  # fmt: skip
        request.commit()
        ticking.join(timeout=30)
        assert not ticking.is_alive()
    finally:
        sla_runtime.db.close(request)
        other.dispose()
    assert failures == []
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        assert conversation_of(session, conversation_id).assignee_id == world.advisor_id
    tick_at(sla_runtime.db, casa(31, 11, 31))  # the advisor is free again: the escalation runs
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        assert conversation_of(session, conversation_id).assignee_id is None
