"""The relay sleeps when there is nothing to do and wakes at once when a commit adds outbox
rows: its own (empty) passes commit too, and must not wake it again (that was a busy loop
burning a third of a core on an idle node)."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy.orm import Session

from tawasol.db.tenancy import Scope
from tawasol.worker.jobs import enqueue_job, job
from tawasol.worker.relay import OutboxRelay

DONE: list[float] = []


@job("test.wakeup")
def _done(session: Session, payload: dict[str, Any]) -> None:
    DONE.append(time.monotonic())


class CountingRelay(OutboxRelay):
    passes = 0

    def run_once(self) -> int:
        self.passes += 1
        return super().run_once()


def test_idle_relay_sleeps_and_a_commit_with_outbox_rows_wakes_it(runtime) -> None:  # type: ignore[no-untyped-def]
    runtime.relay.drain()
    relay = CountingRelay(runtime.db, runtime.bus, retry_seconds=0.0)
    runtime.db.after_commit_hooks.append(relay.wake)
    relay.start(idle_seconds=30.0)
    try:
        time.sleep(0.5)
        # A commit that wrote no outbox row does not wake it either.
        with runtime.db.unit(Scope.system()):
            pass
        time.sleep(0.3)
        assert relay.passes == 1, f"an idle relay ran {relay.passes} passes in 0.8 s"

        DONE.clear()
        committed = time.monotonic()
        with runtime.db.unit(Scope.system()) as session:
            enqueue_job(session, type="test.wakeup", payload={})
        deadline = committed + 5.0
        while not DONE and time.monotonic() < deadline:
            time.sleep(0.01)
        assert DONE, "the job did not run: the commit did not wake the relay"
        assert DONE[0] - committed < 5.0  # far below the 30 s idle wait
    finally:
        relay.stop()
        runtime.db.after_commit_hooks.remove(relay.wake)
