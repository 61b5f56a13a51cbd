""" "At risk" in the inbox follows the client's SLA policy, as the live `sla.warning` does.

The policy below warns at half the target: a 4-hour first response warns after 2 hours,
long before a fixed "30 minutes left" window would. The lists are read with `load_inbox`
under `clock_at`, the clock the SLA tracking used.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tawasol.auth.actor import Actor
from tawasol.conversations.actions import do_set_status
from tawasol.conversations.schemas import StatusIn
from tawasol.db.types import clock_at
from tawasol.models.conversation import Conversation
from tawasol.models.vocabulary import ConversationStatus, Role
from tawasol.runtime import Runtime
from tawasol.web.inbox_filters import InboxQuery
from tawasol.web.inbox_listing import load_inbox
from tawasol.web.inbox_sla import sla_clock
from tests.factories import SYSTEM
from tests.sla.world import casa, live_events, make_sla_world, open_conversation, sla_row

POLICY: dict[str, Any] = {
    "targets": {"normal": {"first_response": 4 * 3600.0, "resolution": 40 * 3600.0}},
    "warn_at": 0.5,
}


def _set_status(runtime: Runtime, conversation_id: int, status: str, at: Any) -> None:
    with clock_at(at), runtime.db.unit(SYSTEM.scope) as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        data = StatusIn(status=ConversationStatus(status))
        do_set_status(session, actor=SYSTEM, conversation=conversation, data=data)


def _states(runtime: Runtime, client_id: int, at: Any) -> dict[str, set[int]]:
    actor = Actor(user_id=None, label="t", role=Role.SUPERVISOR, client_ids=frozenset({client_id}))
    found = {}
    with clock_at(at), runtime.db.unit(actor.scope, write=False) as session:
        for state in ("ok", "at_risk", "breached"):
            page = load_inbox(
                session, actor=actor, query=InboxQuery(view="all", sla=state), after=None
            )
            found[state] = {row.conversation.id for row in page.rows}
            # A row shows the state its filter listed it under.
            assert {row.sla.state for row in page.rows if row.sla} <= {state}
    return found


def test_at_risk_starts_at_the_policys_warning_point(runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(runtime, policy=POLICY)
    quiet = open_conversation(runtime, world, casa(7, 10))  # warns at 12:00, due at 14:00
    written = open_conversation(runtime, world, casa(7, 10))
    later = open_conversation(runtime, world, casa(7, 11))  # warns at 13:00

    before = _states(runtime, world.client_id, casa(7, 11, 50))
    assert {quiet, written, later} <= before["ok"] and not before["at_risk"]

    # A transition after the warning point checks the clock, which warns (and the live
    # event leaves); put back to open, the clock runs on, warned.
    _set_status(runtime, written, "pending", casa(7, 12, 5))
    _set_status(runtime, written, "open", casa(7, 12, 6))
    with runtime.db.unit(SYSTEM.scope, write=False) as session:
        assert sla_row(session, written).clocks[0]["warned"] is True
        assert len(live_events(session, written, "sla.warning")) == 1

    after = _states(runtime, world.client_id, casa(7, 12, 10))
    # `quiet` passed its warning point too; the scheduler has not reported it yet, but its
    # next check is due, so the list already agrees with the event about to be sent.
    assert after["at_risk"] == {quiet, written}
    assert later in after["ok"] and not after["breached"]
    assert _states(runtime, world.client_id, casa(7, 14, 5))["breached"] == {quiet, written}


def test_a_paused_clock_is_not_at_risk(runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(runtime, policy=POLICY)
    waiting = open_conversation(runtime, world, casa(8, 9))
    _set_status(runtime, waiting, "pending", casa(8, 9, 30))
    at = casa(8, 12)
    with clock_at(at), runtime.db.unit(SYSTEM.scope, write=False) as session:
        conversation = session.get(Conversation, waiting)
        assert conversation is not None
        assert sla_clock(conversation, at) is None  # no running clock, nothing to show
    assert waiting not in _states(runtime, world.client_id, at + timedelta(hours=1))["at_risk"]
