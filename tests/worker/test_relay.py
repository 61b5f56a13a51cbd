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


def test_retries_back_off_exponentially(runtime) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from tawasol.db.types import clock_at, utcnow
    from tawasol.worker.relay import OutboxRelay

    relay = OutboxRelay(runtime.db, runtime.bus, retry_seconds=60)
    runtime.relay.drain()
    with runtime.db.unit(Scope.system()) as session:
        row = enqueue_job(session, type="test.explode", payload={})
        session.flush()
        row_id = row.id
    start = utcnow()

    def attempts_at(offset_seconds: float) -> int:
        with clock_at(start + timedelta(seconds=offset_seconds)):
            relay.run_once()
        with runtime.db.unit(Scope.system(), write=False) as session:
            return session.get(OutboxEvent, row_id).attempts

    assert attempts_at(0) == 1  # first failure: next try in 60 s
    assert attempts_at(30) == 1
    assert attempts_at(61) == 2  # then 120 s later
    assert attempts_at(61 + 100) == 2
    assert attempts_at(61 + 121) == 3
