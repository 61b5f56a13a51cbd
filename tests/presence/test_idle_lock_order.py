"""The idle sweep takes the audit chain's head before any presence row, as requests do.

A request (a logout, a sign of life after an audited change) appends its audit entry and
then writes the advisor's presence row. A sweep that locked the presence rows first and
then appended "presence.changed" would wait crosswise with it, and PostgreSQL would abort
one of them. The request's locks are held open on one connection, the sweep runs on another.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from tawasol.audit.chain import append_audit
from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.db.types import clock_at
from tawasol.models.presence import AdvisorPresence
from tawasol.presence.idle import sweep_idle
from tests.factories import SYSTEM
from tests.lock_probes import needs_postgresql, wait_until, waiting_on_a_lock
from tests.routing.world import make_world

pytestmark = pytest.mark.db
T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
LATER = T0 + timedelta(minutes=11)


def test_an_idle_sweep_and_a_request_touching_presence_never_deadlock(runtime) -> None:  # type: ignore[no-untyped-def]
    needs_postgresql(runtime)
    with clock_at(T0):
        world = make_world(
            runtime, advisors=1, available=True, policy={"idle_timeout_seconds": 600}
        )
    [advisor_id] = world.advisors
    request = runtime.db.open(Scope.system())
    other = Database(runtime.db.url)
    swept: list[object] = []

    def sweep() -> None:
        try:
            with clock_at(LATER):
                swept.append(sweep_idle(other))
        except BaseException as error:  # reported by the test: a thread cannot fail it
            swept.append(error)

    try:
        with clock_at(LATER):
            append_audit(
                request, actor=SYSTEM, action="test.request", object_type="user",
                object_id=advisor_id, client_id=world.client_id,
            )  # fmt: skip
        sweeping = threading.Thread(target=sweep)
        sweeping.start()
        assert wait_until(lambda: waiting_on_a_lock(request), seconds=20), "never blocked"
        request.execute(  # the advisor showed a sign of life: deadlocks if the sweep holds it
            update(AdvisorPresence)
            .where(AdvisorPresence.user_id == advisor_id)
            .values(last_seen_at=LATER)
        )
        request.commit()
        sweeping.join(timeout=30)
        assert not sweeping.is_alive()
    finally:
        runtime.db.close(request)
        other.dispose()
    assert len(swept) == 1 and isinstance(swept[0], list), swept
    assert advisor_id not in swept[0]  # read again once locked: no longer idle
    with runtime.db.unit(Scope.system(), write=False) as session:
        row = session.get(AdvisorPresence, advisor_id)
        assert row is not None and row.state == "available"
