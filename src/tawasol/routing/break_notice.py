"""Telling an advisor that a break is due: the well-being guardrails made visible.

The engine decides *when* (`Advisor.take_reminder`, `Advisor.take_enforcement_notice`: once
per stretch of continuous handling); the service turns that into `BreakNotice`s while it
holds the engine lock, and `do_apply_decision` records them in the decision's transaction:
a realtime `wellbeing.break_reminder` to the advisor's own stream and a reporting event per
client so supervisors and WFM can count reminders.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from tawasol.models.vocabulary import ReportingEventType
from tawasol.realtime.events import agent_channel, record_event
from tawasol.reporting.record import record_reporting_event
from tawasol.routing.decision import Decision, SkipReason
from tawasol.routing.policy import ClientPolicy
from tawasol.routing.presence import RESTING
from tawasol.routing.roster import Roster

EVENT_TYPE = "wellbeing.break_reminder"


@dataclass(frozen=True, slots=True)
class BreakNotice:
    """One advisor to remind (``enforced`` False) or to tell that pushed work stopped."""

    advisor_id: int
    client_id: int
    handling_seconds: float | None
    reminder_after_seconds: float | None
    enforced_after_seconds: float | None
    enforced: bool


def notices_for(engine: Roster, decision: Decision) -> list[BreakNotice]:
    """The notices a decision carries; call with the engine lock held, right after deciding.

    The chosen advisor is reminded when the engine flagged the decision; advisors the
    engine passed over because their break is due are told once per stretch.
    """
    policy = engine.policy_for(decision.client_id)
    found: list[BreakNotice] = []
    if decision.break_reminder:
        found.append(_notice(engine, policy, decision, decision.advisor_id, enforced=False))
    for candidate in decision.candidates:
        if candidate.skipped is not SkipReason.BREAK_DUE:
            continue
        advisor = engine.advisors.get(candidate.advisor_id)
        if advisor is not None and advisor.take_enforcement_notice(decision.decided_at):
            found.append(_notice(engine, policy, decision, candidate.advisor_id, enforced=True))
    return found


def forget_notices(engine: Roster, notices: list[BreakNotice]) -> None:
    """The decision was not applied: its notices were not delivered, so they stay due."""
    for notice in notices:
        advisor = engine.advisors.get(notice.advisor_id)
        if advisor is None:
            continue
        if notice.enforced:
            advisor.break_told_at = None
        else:
            advisor.reminded_at = None


def _notice(
    engine: Roster, policy: ClientPolicy, decision: Decision, advisor_id: int, *, enforced: bool
) -> BreakNotice:
    advisor = engine.advisors.get(advisor_id)
    worked = advisor.handling_seconds(decision.decided_at, engine.rest_seconds) if advisor else None
    return BreakNotice(
        advisor_id=advisor_id,
        client_id=decision.client_id,
        handling_seconds=worked,
        reminder_after_seconds=policy.break_reminder_after_seconds,
        enforced_after_seconds=policy.break_enforced_after_seconds,
        enforced=enforced,
    )


def carry_stretches(old: Roster, new: Roster, *, now: float) -> None:
    """Keep what a rebuild of the engine cannot read back: running stretches, notices given.

    The database does not hold the start of a stretch of continuous handling, so a rebuild
    would restart every stretch (the break never enforced) and remind again.
    """
    for advisor_id, advisor in new.advisors.items():
        before = old.advisors.get(advisor_id)
        if before is None:
            continue
        advisor.reminded_at, advisor.break_told_at = before.reminded_at, before.break_told_at
        since = before.handling_since
        if (
            since is None
            or advisor.presence in RESTING
            or before.handling_seconds(now, new.rest_seconds) == 0
        ):
            continue
        if advisor.handling_since is None or since < advisor.handling_since:
            if advisor.total_load == 0:  # idle: the gap that may become a rest goes on
                advisor.idle_since = before.idle_since if before.total_load == 0 else now
            new.restore_history(advisor_id, handling_since=since)


def record_break_notice(session: Session, *, notice: BreakNotice, conversation_id: int) -> None:
    """The realtime event to the advisor and the reporting event, in the caller's transaction."""
    record_event(
        session,
        type=EVENT_TYPE,
        client_id=None,
        recipients=[agent_channel(notice.advisor_id)],
        payload={
            "user_id": notice.advisor_id,
            "handling_minutes": _minutes(notice.handling_seconds),
            "reminder_after_minutes": _minutes(notice.reminder_after_seconds),
            "enforced_after_minutes": _minutes(notice.enforced_after_seconds),
            "enforced": notice.enforced,
        },
    )
    record_reporting_event(
        session,
        type=ReportingEventType.BREAK_REMINDER,
        client_id=notice.client_id,
        conversation_id=conversation_id,
        actor_user_id=notice.advisor_id,
        data={
            "handling_minutes": _minutes(notice.handling_seconds),
            "enforced": notice.enforced,
        },
    )


def _minutes(seconds: float | None) -> int | None:
    return None if seconds is None else int(seconds // 60)
