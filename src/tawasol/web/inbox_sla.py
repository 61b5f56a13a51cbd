"""SLA state as the inbox shows and filters it: ok, at risk, breached.

A conversation's clocks are its three due dates; a clock counts only while it runs (the first
response not yet given, the conversation not yet resolved). Breached: a running clock is past
due. At risk: not breached, and a running clock has reached the warning point of the
client's SLA policy — what the SLA tracking stores (`models.sla.ConversationSla`): a clock
marked ``warned`` (the `sla.warning` event was sent), or a warning instant already passed
that the scheduler has not reported yet (``next_check_at <= now``). So a reload agrees with
the live `sla.warning` event, whatever the policy's threshold. The SQL form and the Python
form below say the same thing, so a row never shows a state its filter would not have listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, literal, not_, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import NullType

from tawasol.models.conversation import Conversation
from tawasol.models.sla import ConversationSla
from tawasol.models.vocabulary import ConversationStatus

FINISHED = (ConversationStatus.RESOLVED.value, ConversationStatus.CLOSED.value)


class SlaState(StrEnum):
    OK = "ok"
    AT_RISK = "at_risk"
    BREACHED = "breached"


SLA_STATES = tuple(state.value for state in SlaState)


class _WarnedClock(FunctionElement[bool]):  # typed NULL: SQLite's WHERE gets no "= 1" added
    """True when a stored clock document is running, warned and not breached."""

    type = NullType()
    inherit_cache = True
    name = "warned_clock"


@compiles(_WarnedClock, "sqlite")
def _warned_sqlite(element: _WarnedClock, compiler: SQLCompiler, **kw: Any) -> str:
    clocks = compiler.process(element.clauses, **kw)
    return (
        f"EXISTS (SELECT 1 FROM json_each({clocks}) AS clock"
        " WHERE json_extract(clock.value, '$.warned') = 1"
        " AND json_extract(clock.value, '$.breached') = 0"
        " AND json_extract(clock.value, '$.running_since') IS NOT NULL)"
    )


@compiles(_WarnedClock, "postgresql")
def _warned_postgresql(element: _WarnedClock, compiler: SQLCompiler, **kw: Any) -> str:
    clocks = compiler.process(element.clauses, **kw)
    return (
        f"jsonb_path_exists({clocks}, "
        "'$[*] ? (@.warned == true && @.breached == false && @.running_since != null)')"
    )


def _running() -> ColumnElement[bool]:
    c = Conversation
    return and_(
        c.status.not_in(FINISHED),
        or_(
            and_(c.first_response_due_at.is_not(None), c.first_response_at.is_(None)),
            c.next_response_due_at.is_not(None),
            and_(c.resolution_due_at.is_not(None), c.resolved_at.is_(None)),
        ),
    )


def _any_due_before(moment: datetime) -> ColumnElement[bool]:
    """A running clock falls due before `moment` (never NULL, so NOT() is safe)."""
    c = Conversation
    return and_(
        c.status.not_in(FINISHED),
        or_(
            and_(c.first_response_due_at.is_not(None), c.first_response_at.is_(None),
                 c.first_response_due_at < moment),
            and_(c.next_response_due_at.is_not(None), c.next_response_due_at < moment),
            and_(c.resolution_due_at.is_not(None), c.resolved_at.is_(None),
                 c.resolution_due_at < moment),
        ),
    )  # fmt: skip


def _in_warning(now: datetime) -> ColumnElement[bool]:
    """The stored clocks say a running clock reached its warning point: one probe of the
    conversation's SLA row. A scalar subquery rather than EXISTS: under the NOT of the "ok"
    state PostgreSQL would hash an EXISTS over every SLA row of the client instead."""
    s = ConversationSla
    reached = or_(s.next_check_at <= now, _WarnedClock(s.clocks))
    probe = select(literal(1)).where(s.conversation_id == Conversation.id, reached).limit(1)
    return probe.scalar_subquery().is_not(None)


def sla_condition(state: str | None, now: datetime) -> ColumnElement[bool] | None:
    """The WHERE clause of one SLA state, or None for no SLA filter."""
    breached = _any_due_before(now)
    at_risk = and_(_running(), not_(breached), _in_warning(now))
    if state == SlaState.BREACHED:
        return breached
    if state == SlaState.AT_RISK:
        return at_risk
    if state == SlaState.OK:
        return not_(or_(breached, at_risk))
    return None if state is None else false()


def warnings_reached(session: Session, conversation_ids: list[int], now: datetime) -> set[int]:
    """Which of these conversations have a running clock past its warning point."""
    if not conversation_ids:
        return set()
    s = ConversationSla
    query: Select[tuple[int]] = select(s.conversation_id).where(
        s.conversation_id.in_(conversation_ids),
        or_(s.next_check_at <= now, _WarnedClock(s.clocks)),
    )
    return set(session.scalars(query))


@dataclass(frozen=True)
class SlaClock:
    """The clock a row or a header shows: the next running deadline and the state it gives."""

    due_at: datetime
    state: SlaState
    target: str  # first_response, next_response or resolution


def running_deadlines(conversation: Conversation) -> list[tuple[str, datetime]]:
    c = conversation
    if c.status in FINISHED:
        return []
    found = []
    if c.first_response_due_at is not None and c.first_response_at is None:
        found.append(("first_response", c.first_response_due_at))
    if c.next_response_due_at is not None:
        found.append(("next_response", c.next_response_due_at))
    if c.resolution_due_at is not None and c.resolved_at is None:
        found.append(("resolution", c.resolution_due_at))
    return found


def sla_clock(
    conversation: Conversation, now: datetime, *, in_warning: bool | None = None
) -> SlaClock | None:
    """None when no clock runs (no SLA, or the conversation is finished).

    `in_warning` is what `warnings_reached` says of the conversation; a list passes it for
    all its rows at once, a single caller may leave it out and one query asks."""
    deadlines = running_deadlines(conversation)
    if not deadlines:
        return None
    target, due_at = min(deadlines, key=lambda pair: pair[1])
    if in_warning is None:
        session = Session.object_session(conversation)
        in_warning = session is not None and conversation.id in warnings_reached(
            session, [conversation.id], now
        )
    if due_at < now:
        state = SlaState.BREACHED
    elif in_warning:
        state = SlaState.AT_RISK
    else:
        state = SlaState.OK
    return SlaClock(due_at, state, target)
