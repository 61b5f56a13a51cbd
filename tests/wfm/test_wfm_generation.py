"""Schedule generation in the background: one pending request per client, the solve outside
any write transaction, every failure stored."""

from __future__ import annotations

from datetime import date, timedelta

from tawasol.auth.actor import Actor
from tawasol.db.tenancy import Scope
from tawasol.db.types import clock_at, utcnow
from tawasol.models.client import Client
from tawasol.wfm import generation_solver
from tawasol.wfm.generate import WeekRequest
from tawasol.wfm.generation import (
    STALE_AFTER_SECONDS,
    do_request_schedule,
    generation_state,
)
from tawasol.wfm.generation_solver import SOLVER
from tests.factories import make_tenant


def _request(runtime, client_id: int) -> tuple[int, bool]:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system()) as session:
        client = session.get(Client, client_id)
        week = WeekRequest(first_day=date(2026, 3, 2), time_limit_seconds=1.0)
        return do_request_schedule(session, actor=Actor.system("planner"), client=client, week=week)


def _state(runtime, client_id: int):  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        return generation_state(session, client_id=client_id)


def test_a_failing_solve_is_stored_and_never_held_the_writer(runtime, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "GENFAIL")
    wrote_meanwhile: list[bool] = []

    def exploding_build(session, *, client_id, request):  # type: ignore[no-untyped-def]
        # While the week is being built another writer must get through at once.
        with runtime.db.unit(Scope.system()):
            wrote_meanwhile.append(True)
        raise RuntimeError("solver crashed")

    monkeypatch.setattr(generation_solver, "build_week", exploding_build)
    request_id, new = _request(runtime, tenant.client_id)
    assert new and _state(runtime, tenant.client_id).status == "pending"
    assert _request(runtime, tenant.client_id) == (request_id, False)  # one at a time
    runtime.relay.drain()
    assert SOLVER.wait_idle(timeout=30)
    assert wrote_meanwhile == [True]
    state = _state(runtime, tenant.client_id)
    assert (state.status, state.request_id, state.error_code) == ("failed", request_id, "error")
    again, new = _request(runtime, tenant.client_id)  # a failure lets the planner retry
    assert new and again != request_id


def test_a_request_left_unanswered_counts_as_interrupted(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "GENSTALE")
    with clock_at(utcnow() - timedelta(seconds=STALE_AFTER_SECONDS + 60)):
        request_id, _ = _request(runtime, tenant.client_id)  # its node stopped mid-solve
    state = _state(runtime, tenant.client_id)
    assert (state.status, state.error_code) == ("failed", "interrupted")
    later, new = _request(runtime, tenant.client_id)
    assert new and later != request_id
    runtime.relay.drain()  # the old job's solve sees it is no longer the open request
    assert SOLVER.wait_idle(timeout=60)
    state = _state(runtime, tenant.client_id)
    assert (state.request_id, state.error_code) == (later, "no_history")
