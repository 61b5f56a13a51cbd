"""SLA clocks wired to conversations: due times, pauses, restarts, once-only events."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.models.vocabulary import ConversationStatus
from tests.sla.actions import assign, customer_writes, reply, set_status, tick_at
from tests.sla.world import (
    casa,
    conversation_of,
    live_events,
    make_sla_world,
    open_conversation,
    reported,
    sla_row,
)

pytestmark = pytest.mark.db
NEW_YORK = ZoneInfo("America/New_York")
FIRST = ("first_response",)


def test_opening_starts_the_clocks_across_closing_time(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(sla_runtime)
    conversation_id = open_conversation(sla_runtime, world, casa(7, 17, 30))  # Monday
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        conversation = conversation_of(session, conversation_id)
        # 30 minutes on Monday, the rest from Tuesday 09:00.
        assert conversation.first_response_due_at == casa(8, 9, 30)
        assert conversation.resolution_due_at == casa(8, 16, 30)
        assert conversation.next_response_due_at is None
        row = sla_row(session, conversation_id)
        assert row.next_check_at == casa(7, 18)  # half the first-response target
        assert not row.waiting_on_customer and not row.breached


def test_the_client_time_zone_and_daylight_saving(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(sla_runtime, timezone="America/New_York")
    # Friday before the spring-forward Sunday (14 March 2027): offsets differ by an hour.
    friday = datetime(2027, 3, 12, 17, 30, tzinfo=NEW_YORK)
    conversation_id = open_conversation(sla_runtime, world, friday)
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        due = conversation_of(session, conversation_id).first_response_due_at
    assert due == datetime(2027, 3, 15, 9, 30, tzinfo=NEW_YORK)
    assert due is not None and due.utcoffset() is not None
    assert (due - friday).total_seconds() == (2 * 24 + 16) * 3600 - 3600


def test_waiting_on_the_customer_pauses_and_a_message_resumes(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(sla_runtime)
    conversation_id = open_conversation(sla_runtime, world, casa(7, 10))
    set_status(sla_runtime.db, conversation_id, ConversationStatus.PENDING, casa(7, 10, 20))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        conversation = conversation_of(session, conversation_id)
        assert conversation.first_response_due_at is None
        assert conversation.resolution_due_at is None
        row = sla_row(session, conversation_id)
        assert row.waiting_on_customer and row.next_check_at is None
    customer_writes(sla_runtime.db, conversation_id, casa(7, 14))  # reopens it
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        conversation = conversation_of(session, conversation_id)
        assert conversation.status == ConversationStatus.OPEN.value
        assert conversation.first_response_due_at == casa(7, 14, 40)
        # 20 minutes used: 4 hours until closing, 3 h 40 on Tuesday.
        assert conversation.resolution_due_at == casa(8, 12, 40)


def test_replies_meet_the_response_targets(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(sla_runtime)
    conversation_id = open_conversation(sla_runtime, world, casa(7, 10))
    reply(sla_runtime.db, conversation_id, casa(7, 10, 10))
    customer_writes(sla_runtime.db, conversation_id, casa(7, 10, 20))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        conversation = conversation_of(session, conversation_id)
        assert conversation.first_response_due_at is None
        assert conversation.next_response_due_at == casa(7, 12, 20)
    customer_writes(sla_runtime.db, conversation_id, casa(7, 10, 30))  # same cycle still runs
    reply(sla_runtime.db, conversation_id, casa(7, 10, 50))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        assert conversation_of(session, conversation_id).next_response_due_at is None
        cycles = [
            c for c in sla_row(session, conversation_id).clocks if c["target"] == "next_response"
        ]
        assert [c["cycle"] for c in cycles] == [1]
    tick_at(sla_runtime.db, casa(7, 17))  # the resolution target falls at 18:00
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        assert reported(session, conversation_id) == [("sla_warning", "resolution")]


def test_warning_then_breach_each_reported_once(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(sla_runtime)
    conversation_id = open_conversation(sla_runtime, world, casa(7, 10))
    assign(sla_runtime, conversation_id, world.advisor_id, casa(7, 10, 1))
    tick_at(sla_runtime.db, casa(7, 10, 29))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        assert reported(session, conversation_id) == []
    for minute in (30, 31, 45):
        tick_at(sla_runtime.db, casa(7, 10, minute))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        assert reported(session, conversation_id) == [("sla_warning", "first_response")]
        (warning,) = live_events(session, conversation_id, "sla.warning")
        assert set(warning.recipients) == {
            f"agent:{world.advisor_id}",
            f"agent:{world.supervisor_id}",
        }
        assert datetime.fromisoformat(warning.payload["at"]) == casa(7, 10, 30)
        assert sla_row(session, conversation_id).next_check_at == casa(7, 11)
    tick_at(sla_runtime.db, casa(7, 11))
    tick_at(sla_runtime.db, casa(7, 11, 5))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        assert reported(session, conversation_id) == [
            ("sla_warning", "first_response"),
            ("sla_breached", "first_response"),
        ]
        assert len(live_events(session, conversation_id, "sla.breached")) == 1
        assert sla_row(session, conversation_id).breached
        # Next: the resolution warning, half of 8 business hours after opening.
        assert sla_row(session, conversation_id).next_check_at == casa(7, 14)


def test_resolving_stops_and_reopening_resumes_the_resolution_clock(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(sla_runtime)
    conversation_id = open_conversation(sla_runtime, world, casa(7, 10))
    set_status(sla_runtime.db, conversation_id, ConversationStatus.RESOLVED, casa(7, 10, 20))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        conversation = conversation_of(session, conversation_id)
        assert conversation.first_response_due_at is None
        assert conversation.resolution_due_at is None
        assert sla_row(session, conversation_id).next_check_at is None
    customer_writes(sla_runtime.db, conversation_id, casa(8, 10))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        conversation = conversation_of(session, conversation_id)
        assert conversation.resolution_due_at == casa(8, 17, 40)
        # Nobody ever answered: the first response is still awaited, 20 minutes used.
        assert conversation.first_response_due_at == casa(8, 10, 40)
    reply(sla_runtime.db, conversation_id, casa(8, 10, 30))
    set_status(sla_runtime.db, conversation_id, ConversationStatus.RESOLVED, casa(8, 10, 35))
    customer_writes(sla_runtime.db, conversation_id, casa(8, 11))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        conversation = conversation_of(session, conversation_id)
        assert conversation.first_response_due_at is None  # answered: it stays stopped
        assert conversation.next_response_due_at == casa(8, 13)  # the message starts a cycle


def test_a_restart_resumes_from_the_stored_state(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(sla_runtime)
    conversation_id = open_conversation(sla_runtime, world, casa(7, 10))
    set_status(sla_runtime.db, conversation_id, ConversationStatus.PENDING, casa(7, 10, 15))
    restarted = Database(sla_runtime.db.url)  # a new process: nothing in memory
    try:
        customer_writes(restarted, conversation_id, casa(7, 15))
        with restarted.unit(Scope.system(), write=False) as session:
            # 15 minutes were used before the pause.
            assert conversation_of(session, conversation_id).first_response_due_at == casa(
                7, 15, 45
            )
        tick_at(restarted, casa(7, 15, 45))
        tick_at(restarted, casa(7, 15, 50))
        with restarted.unit(Scope.system(), write=False) as session:
            assert reported(session, conversation_id) == [
                ("sla_warning", "first_response"),
                ("sla_breached", "first_response"),
            ]
            (warning,) = live_events(session, conversation_id, "sla.warning")
            assert datetime.fromisoformat(warning.payload["at"]) == casa(7, 15, 15)
    finally:
        restarted.dispose()


def test_a_late_reply_reports_the_breach_it_ends(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(sla_runtime)
    conversation_id = open_conversation(sla_runtime, world, casa(7, 10))
    reply(sla_runtime.db, conversation_id, casa(7, 11, 30))  # no tick ran meanwhile
    tick_at(sla_runtime.db, casa(7, 12))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        assert reported(session, conversation_id) == [
            ("sla_warning", "first_response"),
            ("sla_breached", "first_response"),
        ]
        assert conversation_of(session, conversation_id).first_response_due_at is None


def test_a_client_without_policy_is_not_tracked(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(sla_runtime, policy={})
    conversation_id = open_conversation(sla_runtime, world, casa(7, 10))
    reply(sla_runtime.db, conversation_id, casa(7, 10, 5))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        conversation = conversation_of(session, conversation_id)
        assert conversation.first_response_due_at is None
        assert conversation.resolution_due_at is None
        with pytest.raises(Exception, match="No row"):
            sla_row(session, conversation_id)


def test_a_new_priority_retargets_the_running_clocks(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    from tawasol.db.types import clock_at
    from tawasol.sla.hooks import on_sla_priority

    world = make_sla_world(sla_runtime)
    conversation_id = open_conversation(sla_runtime, world, casa(7, 10))
    with clock_at(casa(7, 10, 10)), sla_runtime.db.unit(Scope.system()) as session:
        conversation = conversation_of(session, conversation_id)
        conversation.priority = "high"
        on_sla_priority(session, conversation=conversation, previous="normal")
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        conversation = conversation_of(session, conversation_id)
        assert conversation.first_response_due_at == casa(7, 10, 30)  # 30 minutes for "high"
        assert conversation.resolution_due_at == casa(7, 14)
        assert sla_row(session, conversation_id).priority == "high"


def test_unusable_stored_settings_never_stop_a_conversation(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(sla_runtime, calendar={"weekly": {"mon-fri": "9h-18h"}})
    conversation_id = open_conversation(sla_runtime, world, casa(7, 10))
    reply(sla_runtime.db, conversation_id, casa(7, 10, 5))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        assert conversation_of(session, conversation_id).resolution_due_at is None
