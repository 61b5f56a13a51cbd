"""The outbox relay: jobs run only after commit, exactly once, and a failing job is retried
and finally left with its error without blocking the others."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.db.tenancy import Scope
from tawasol.models.outbox import OutboxEvent
from tawasol.worker.jobs import enqueue_job, job
from tawasol.worker.relay import MAX_ATTEMPTS

RAN: list[dict[str, Any]] = []


@job("test.record")
def _record(session: Session, payload: dict[str, Any]) -> None:
    RAN.append(payload)


@job("test.explode")
def _explode(session: Session, payload: dict[str, Any]) -> None:
    raise RuntimeError("boom")


def test_jobs_run_after_commit_once(runtime) -> None:  # type: ignore[no-untyped-def]
    RAN.clear()
    runtime.relay.drain()
    try:
        with runtime.db.unit(Scope.system()) as session:
            enqueue_job(session, type="test.record", payload={"n": 1})
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    with runtime.db.unit(Scope.system()) as session:
        enqueue_job(session, type="test.record", payload={"n": 2})
    runtime.relay.drain()
    runtime.relay.drain()
    assert RAN == [{"n": 2}]


def test_failing_job_is_retried_then_parked(runtime) -> None:  # type: ignore[no-untyped-def]
    RAN.clear()
    with runtime.db.unit(Scope.system()) as session:
        bad = enqueue_job(session, type="test.explode", payload={})
        enqueue_job(session, type="test.record", payload={"n": 3})
        session.flush()
        bad_id = bad.id
    for _ in range(MAX_ATTEMPTS + 1):
        runtime.relay.run_once()
    assert RAN == [{"n": 3}]
    with runtime.db.unit(Scope.system(), write=False) as session:
        row = session.scalars(select(OutboxEvent).where(OutboxEvent.id == bad_id)).one()
        assert row.published_at is None and row.attempts == MAX_ATTEMPTS
        assert row.last_error == "RuntimeError: boom"
