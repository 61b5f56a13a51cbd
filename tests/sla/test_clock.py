"""Per-conversation SLA clocks: due times, pauses, warnings and breaches."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from tawasol.sla import (
    BusinessCalendar,
    SlaEventType,
    SlaPolicy,
    SlaTarget,
    check,
    on_agent_reply,
    on_customer_message,
    on_status,
    start_sla,
    week_hours,
)

CASABLANCA = ZoneInfo("Africa/Casablanca")
HOUR = 3600.0
WEEKDAYS = BusinessCalendar(weekly=week_hours({"mon-fri": "09:00-18:00"}))
POLICY = SlaPolicy(
    targets={
        "normal": {
            SlaTarget.FIRST_RESPONSE: 4 * HOUR,
            SlaTarget.NEXT_RESPONSE: 2 * HOUR,
            SlaTarget.RESOLUTION: 16 * HOUR,
        }
    }
)


def casa(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 11, day, hour, minute, tzinfo=CASABLANCA)


def test_due_times_follow_business_hours() -> None:
    sla = start_sla(POLICY, WEEKDAYS, priority="normal", opened_at=casa(21, 16))  # Friday
    due = sla.due_times()
    assert due[SlaTarget.FIRST_RESPONSE] == casa(24, 11)  # 2 h Friday + 2 h Monday
    assert due[SlaTarget.RESOLUTION] == casa(25, 14)
    assert due[SlaTarget.NEXT_RESPONSE] is None
    assert POLICY.due_at(
        WEEKDAYS, start=casa(21, 16), priority="urgent", target=SlaTarget.FIRST_RESPONSE
    ) == casa(24, 11)  # no "urgent" targets in this policy: "normal" applies


def test_a_round_the_clock_policy_ignores_opening_hours() -> None:
    policy = SlaPolicy(targets=POLICY.targets, business_hours=False)
    sla = start_sla(policy, WEEKDAYS, priority="normal", opened_at=casa(21, 16))
    assert sla.due_times()[SlaTarget.FIRST_RESPONSE] == casa(21, 20)


def test_no_clock_runs_outside_business_hours() -> None:
    sla = start_sla(POLICY, WEEKDAYS, priority="normal", opened_at=casa(22, 10))  # Saturday
    sla, events = check(sla, casa(24, 9))  # Monday 09:00: nothing has counted yet
    assert events == []
    assert sla.clock(SlaTarget.FIRST_RESPONSE).elapsed(sla.calendar, casa(24, 9)) == 0  # type: ignore[union-attr]


def test_warning_then_breach_with_the_instant_they_happened() -> None:
    sla = start_sla(POLICY, WEEKDAYS, priority="normal", opened_at=casa(17, 9))
    sla, events = check(sla, casa(17, 12))
    assert events == []
    sla, events = check(sla, casa(17, 17))  # looked at late: both crossings are reported
    assert [(e.type, e.target, e.at) for e in events] == [
        (SlaEventType.WARNING, SlaTarget.FIRST_RESPONSE, casa(17, 12, 12)),
        (SlaEventType.BREACHED, SlaTarget.FIRST_RESPONSE, casa(17, 13)),
    ]
    assert all(e.due_at == casa(17, 13) for e in events)
    sla, events = check(sla, casa(17, 17, 30))
    assert events == []  # each event is reported once


def test_waiting_on_the_customer_pauses_the_clocks() -> None:
    sla = start_sla(POLICY, WEEKDAYS, priority="normal", opened_at=casa(17, 9))
    sla, _ = on_agent_reply(sla, at=casa(17, 10))
    sla, _ = on_status(sla, status="pending", at=casa(17, 11))
    assert sla.due_times()[SlaTarget.RESOLUTION] is None  # paused: no projected due time
    sla, events = check(sla, casa(18, 17))
    assert events == []  # a day and a half later, still only 2 h consumed
    sla, _ = on_status(sla, status="open", at=casa(19, 9))
    # 16 h target, 2 h used: due 14 business hours after Wednesday 09:00.
    assert sla.due_times()[SlaTarget.RESOLUTION] == casa(20, 14)


def test_a_reply_in_time_meets_the_first_response_target() -> None:
    sla = start_sla(POLICY, WEEKDAYS, priority="normal", opened_at=casa(17, 9))
    sla, events = on_agent_reply(sla, at=casa(17, 11))
    assert events == []
    first = sla.clock(SlaTarget.FIRST_RESPONSE)
    assert first is not None and first.met is True
    sla, events = check(sla, casa(17, 17))
    assert events == []  # nothing missed: the resolution clock is at 8 of 16 h


def test_next_response_cycles() -> None:
    sla = start_sla(POLICY, WEEKDAYS, priority="normal", opened_at=casa(17, 9))
    sla, _ = on_customer_message(sla, at=casa(17, 9, 30))  # before any reply: no cycle
    assert sla.clock(SlaTarget.NEXT_RESPONSE) is None
    sla, _ = on_agent_reply(sla, at=casa(17, 10))
    sla, _ = on_customer_message(sla, at=casa(17, 11))
    assert sla.due_times()[SlaTarget.NEXT_RESPONSE] == casa(17, 13)
    sla, _ = on_agent_reply(sla, at=casa(17, 12))
    sla, _ = on_customer_message(sla, at=casa(17, 17))  # due 1 h later, on Tuesday at 10:00
    sla, events = check(sla, casa(18, 11))
    breached = [e for e in events if e.type is SlaEventType.BREACHED]
    assert [(e.target, e.cycle, e.at) for e in breached] == [
        (SlaTarget.NEXT_RESPONSE, 2, casa(18, 10))
    ]


def test_resolving_stops_every_clock() -> None:
    sla = start_sla(POLICY, WEEKDAYS, priority="normal", opened_at=casa(17, 9))
    sla, _ = on_agent_reply(sla, at=casa(17, 10))
    sla, _ = on_status(sla, status="resolved", at=casa(17, 12))
    resolution = sla.clock(SlaTarget.RESOLUTION)
    assert resolution is not None and resolution.met is True
    sla, events = check(sla, casa(28, 12))
    assert events == []
    assert all(due is None for due in sla.due_times().values())
