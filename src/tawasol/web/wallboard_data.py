"""What the wallboard shows, read in the actor's scope with a handful of indexed queries.

Every query is bounded: conversations by (client, status) or (client, assignee), reporting
events by (client, at) over the last 14 days; nothing counts over all history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.auth.permissions import Permission
from tawasol.models.client import Client
from tawasol.models.conversation import Conversation
from tawasol.models.inbox import Inbox
from tawasol.models.presence import AdvisorPresence
from tawasol.models.reporting import ReportingEvent
from tawasol.models.routing import RoutingSettings
from tawasol.models.skill import AdvisorChannel
from tawasol.models.user import User, UserClient
from tawasol.models.vocabulary import ReportingEventType, Role
from tawasol.web.wallboard_figures import (
    DEFAULT_TARGETS,
    Created,
    ServiceLevel,
    days_back,
    local_day,
    local_midnight,
    per_hour,
    service_level,
    target_seconds,
    wait_seconds,
)

HISTORY_DAYS = 14
ACTIVE = ("open", "pending")
DEFAULT_CAPACITY = 3  # open conversations an advisor without channel skills may hold
ATTENTION_ROWS = 8


@dataclass
class InboxFigures:
    inbox: Inbox
    waiting: int = 0
    longest_wait: int = 0
    level: ServiceLevel = field(default_factory=ServiceLevel)


@dataclass
class AdvisorRow:
    id: int
    name: str
    state: str
    load: int
    capacity: int
    break_kind: str | None = None

    @property
    def overloaded(self) -> bool:
        return self.load > self.capacity


@dataclass
class Attention:
    conversation: Conversation
    waited: int
    breach: str | None  # "first_response", "resolution" or None (only waiting long)


@dataclass
class ClientBoard:
    client: Client
    inboxes: list[InboxFigures]
    level: ServiceLevel
    advisors: list[AdvisorRow]
    states: dict[str, int]
    attention: list[Attention]
    hours_today: list[int]
    hours_yesterday: list[int]
    daily: list[tuple[Any, float | None]]

    @property
    def waiting(self) -> int:
        return sum(i.waiting for i in self.inboxes)

    @property
    def longest_wait(self) -> int:
        return max((i.longest_wait for i in self.inboxes), default=0)

    @property
    def overloaded(self) -> list[AdvisorRow]:
        return [a for a in self.advisors if a.overloaded]


def load_boards(
    session: Session, *, actor: Actor, now: datetime, client_id: int | None
) -> list[ClientBoard]:
    query = select(Client).where(Client.is_active.is_(True)).order_by(Client.name, Client.id)
    if client_id is not None:
        query = query.where(Client.id == client_id)
    clients = list(session.scalars(query))
    if not clients:
        return []
    ids = [c.id for c in clients]
    inboxes = list(
        session.scalars(select(Inbox).where(Inbox.client_id.in_(ids)).order_by(Inbox.id))
    )
    policies = {
        row.client_id: row.sla_policy
        for row in session.scalars(
            select(RoutingSettings).where(RoutingSettings.client_id.in_(ids))
        )
    }
    waiting = {
        inbox_id: (count, oldest)
        for inbox_id, count, oldest in session.execute(
            select(Conversation.inbox_id, func.count(), func.min(Conversation.created_at))
            .where(Conversation.client_id.in_(ids), Conversation.status == "open")
            .where(Conversation.assignee_id.is_(None))
            .group_by(Conversation.inbox_id)
        )
    }
    created, responded = _events(session, clients, now)
    advisors = _advisors(session, ids) if actor.can(Permission.USERS_READ) else {}
    states = _presence_counts(session, ids) if not advisors else {}
    attention = _attention(session, ids, now)
    boards = []
    for client in clients:
        targets = {ch: target_seconds(ch, policies.get(client.id)) for ch in DEFAULT_TARGETS}
        mine = [c for c in created if c[0] == client.id]
        today = local_day(now, client.timezone)
        start = local_midnight(today, client.timezone)
        todays = [c for _, c in mine if c.at >= start]
        figures = []
        for inbox in (i for i in inboxes if i.client_id == client.id):
            count, oldest = waiting.get(inbox.id, (0, None))
            level = service_level(
                (c for c in todays if c.inbox_id == inbox.id), responded,
                target_for=targets, now=now,
            )  # fmt: skip
            figures.append(InboxFigures(inbox, count, wait_seconds(oldest, now), level))
        rows = advisors.get(client.id, [])
        by_day: dict[Any, list[Created]] = defaultdict(list)
        for _, c in mine:
            by_day[local_day(c.at, client.timezone)].append(c)
        daily = [
            (day, service_level(by_day[day], responded, target_for=targets, now=now).share)
            for day in days_back(today, HISTORY_DAYS)
        ]
        moments = [c.at for _, c in mine]
        boards.append(
            ClientBoard(
                client=client,
                inboxes=figures,
                level=service_level(todays, responded, target_for=targets, now=now),
                advisors=rows,
                states=states.get(client.id) or _count_states(rows),
                attention=[a for a in attention if a.conversation.client_id == client.id],
                hours_today=per_hour(moments, client.timezone, today),
                hours_yesterday=per_hour(moments, client.timezone, today - timedelta(days=1)),
                daily=daily,
            )  # fmt: skip
        )
    return boards


def _events(
    session: Session, clients: list[Client], now: datetime
) -> tuple[list[tuple[int, Created]], dict[int, datetime]]:
    """Creations and first responses of the last 14 local days (index client_id, at, id)."""
    since = min(
        local_midnight(local_day(now, c.timezone) - timedelta(days=HISTORY_DAYS), c.timezone)
        for c in clients
    )
    kinds = (ReportingEventType.CONVERSATION_CREATED.value, ReportingEventType.FIRST_RESPONSE.value)
    rows = session.execute(
        select(ReportingEvent.client_id, ReportingEvent.type, ReportingEvent.conversation_id,
               ReportingEvent.at, ReportingEvent.data)
        .where(ReportingEvent.client_id.in_([c.id for c in clients]), ReportingEvent.at >= since)
        .where(ReportingEvent.type.in_(kinds))
    )  # fmt: skip
    created: list[tuple[int, Created]] = []
    responded: dict[int, datetime] = {}
    for client_id, kind, conversation_id, at, data in rows:
        if conversation_id is None:
            continue
        if kind == ReportingEventType.FIRST_RESPONSE.value:
            responded.setdefault(conversation_id, at)
        else:
            inbox_id = data.get("inbox_id") if isinstance(data, dict) else None
            channel = str(data.get("channel", "")) if isinstance(data, dict) else ""
            created.append((client_id, Created(conversation_id, at, channel, inbox_id)))
    return created, responded


def _advisors(session: Session, client_ids: list[int]) -> dict[int, list[AdvisorRow]]:
    """Advisors per client with presence (no row means offline) and open load in scope."""
    grants = session.execute(
        select(UserClient.client_id, User.id, User.full_name)
        .join(User, User.id == UserClient.user_id)
        .where(UserClient.client_id.in_(client_ids), User.role == Role.ADVISOR.value)
        .where(User.is_active.is_(True))
        .order_by(User.full_name, User.id)
    ).all()
    user_ids = sorted({row[1] for row in grants})
    presence = {
        p.user_id: (p.state, p.break_kind)
        for p in session.scalars(
            select(AdvisorPresence).where(AdvisorPresence.user_id.in_(user_ids))
        )
    }
    loads = dict(
        session.execute(
            select(Conversation.assignee_id, func.count())
            .where(Conversation.client_id.in_(client_ids), Conversation.status.in_(ACTIVE))
            .where(Conversation.assignee_id.in_(user_ids))
            .group_by(Conversation.assignee_id)
        ).all()
    )
    capacity = dict(
        session.execute(
            select(AdvisorChannel.user_id, func.sum(AdvisorChannel.max_concurrent))
            .where(AdvisorChannel.user_id.in_(user_ids))
            .group_by(AdvisorChannel.user_id)
        ).all()
    )
    boards: dict[int, list[AdvisorRow]] = defaultdict(list)
    for client_id, user_id, name in grants:
        boards[client_id].append(
            AdvisorRow(
                user_id,
                name,
                presence.get(user_id, ("offline", None))[0],
                int(loads.get(user_id, 0)),
                int(capacity.get(user_id) or DEFAULT_CAPACITY),
                presence.get(user_id, ("offline", None))[1],
            )  # fmt: skip
        )
    return boards


def _presence_counts(session: Session, client_ids: list[int]) -> dict[int, dict[str, int]]:
    """Head counts by state for readers who may not see advisors' names (client viewers)."""
    rows = session.execute(
        select(UserClient.client_id, AdvisorPresence.state, func.count())
        .join(AdvisorPresence, AdvisorPresence.user_id == UserClient.user_id)
        .join(User, User.id == UserClient.user_id)
        .where(UserClient.client_id.in_(client_ids), User.role == Role.ADVISOR.value)
        .group_by(UserClient.client_id, AdvisorPresence.state)
    ).all()
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for client_id, state, count in rows:
        counts[client_id][state] = count
    return counts


def _count_states(rows: list[AdvisorRow]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.state] += 1
    return dict(counts)


def _attention(session: Session, client_ids: list[int], now: datetime) -> list[Attention]:
    """Conversations past an SLA deadline, then the longest-waiting unassigned ones."""
    late = or_(
        and_(Conversation.first_response_at.is_(None), Conversation.first_response_due_at < now),
        and_(Conversation.resolved_at.is_(None), Conversation.resolution_due_at < now),
    )
    active = and_(Conversation.client_id.in_(client_ids), Conversation.status.in_(ACTIVE))
    breached = list(
        session.scalars(
            select(Conversation).where(active, late)
            .order_by(Conversation.first_response_due_at, Conversation.id).limit(50)
        )
    )  # fmt: skip
    waiting = list(
        session.scalars(
            select(Conversation)
            .where(active, Conversation.status == "open", Conversation.assignee_id.is_(None))
            .order_by(Conversation.created_at, Conversation.id).limit(50)
        )
    )  # fmt: skip
    seen: set[int] = set()
    out: list[Attention] = []
    per_client: dict[int, int] = defaultdict(int)
    for conversation in breached + waiting:
        if conversation.id in seen or per_client[conversation.client_id] >= ATTENTION_ROWS:
            continue
        seen.add(conversation.id)
        per_client[conversation.client_id] += 1
        out.append(Attention(conversation, wait_seconds(conversation.created_at, now),
                             _breach(conversation, now)))  # fmt: skip
    return out


def _breach(conversation: Conversation, now: datetime) -> str | None:
    due = conversation.first_response_due_at
    if conversation.first_response_at is None and due is not None and due < now:
        return "first_response"
    due = conversation.resolution_due_at
    if conversation.resolved_at is None and due is not None and due < now:
        return "resolution"
    return None
