"""Between the in-memory routing engine and the database.

- `load_engine` rebuilds an engine after a (re)start: policies, advisors with their skills
  and presence, active assignments, and the waiting conversations (queued, not routed: the
  caller runs `tick()` and applies the decisions).
- `claim` / `unclaim` are the database-side guards that make several routing processes
  safe: a conversation is claimed only while unassigned (row lock, SKIP LOCKED), and an
  advisor's channel load only grows while below capacity (conditional UPDATE).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, func, select, true, update
from sqlalchemy.orm import Session

from tawasol.models.client import Client
from tawasol.models.contact import Contact
from tawasol.models.conversation import Conversation
from tawasol.models.presence import AdvisorPresence
from tawasol.models.routing import AdvisorLoad
from tawasol.models.skill import AdvisorChannel, AdvisorLanguage
from tawasol.models.user import User, UserClient
from tawasol.models.vocabulary import ConversationStatus, Role, Sentiment
from tawasol.routing.advisor import AdvisorProfile
from tawasol.routing.engine import RoutingEngine
from tawasol.routing.groups import Groups, advisor_skills, load_groups
from tawasol.routing.hardness import abusive_conversations
from tawasol.routing.policy import ClientPolicy
from tawasol.routing.presence import Presence
from tawasol.routing.router import Clock, Router
from tawasol.routing.work import WorkItem

# Below this proficiency (1-5) a language is a secondary skill: overflow only.
PRIMARY_PROFICIENCY = 3
# Conversations an advisor still holds.
HELD_STATES = (
    ConversationStatus.OPEN.value,
    ConversationStatus.PENDING.value,
    ConversationStatus.SNOOZED.value,
)
ABUSIVE_TAG = "abusive"


def seconds(moment: datetime) -> float:
    return moment.timestamp()


def instant(value: float) -> datetime:
    return datetime.fromtimestamp(value, UTC)


def client_policies(session: Session) -> dict[int, ClientPolicy]:
    """The policy of every routing group (clients, inboxes with rules, teams)."""
    return load_groups(session).policies


def advisor_profiles(
    session: Session, *, groups: Groups | None = None, advisor_ids: list[int] | None = None
) -> list[AdvisorProfile]:
    """Active advisors (all, or those listed) with their groups, languages and channels."""
    groups = groups if groups is not None else load_groups(session, members_of=advisor_ids)

    def only(column: ColumnElement[int]) -> ColumnElement[bool]:
        return true() if advisor_ids is None else column.in_(advisor_ids)

    advisors = session.scalars(
        select(User.id).where(
            User.role == Role.ADVISOR.value, User.is_active.is_(True), only(User.id)
        )
    ).all()
    certified: dict[int, set[int]] = defaultdict(set)
    for user_id, client_id in session.execute(
        select(UserClient.user_id, UserClient.client_id).where(
            UserClient.certified.is_(True), only(UserClient.user_id)
        )
    ):
        certified[user_id].add(client_id)
    languages: dict[int, dict[str, int]] = defaultdict(dict)
    for row in session.scalars(select(AdvisorLanguage).where(only(AdvisorLanguage.user_id))):
        languages[row.user_id][row.language] = row.proficiency
    channels: dict[int, dict[str, int]] = defaultdict(dict)
    for row in session.scalars(select(AdvisorChannel).where(only(AdvisorChannel.user_id))):
        channels[row.user_id][row.channel] = row.max_concurrent
    skills = advisor_skills(session, advisor_ids)
    profiles = []
    for user_id in advisors:
        if not (certified[user_id] and languages[user_id] and channels[user_id]):
            continue  # nothing routable to them yet
        served = groups.memberships(
            user_id, frozenset(certified[user_id]), frozenset(skills.get(user_id, ()))
        )
        profiles.append(
            AdvisorProfile(
                advisor_id=user_id,
                certified_clients=served,
                languages=languages[user_id],
                channel_capacity=channels[user_id],
                secondary_languages=frozenset(
                    lang
                    for lang, level in languages[user_id].items()
                    if level < PRIMARY_PROFICIENCY
                ),
            )
        )
    return profiles


def work_item(
    conversation: Conversation,
    *,
    vip: bool = False,
    abusive: bool = False,
    previous: tuple[int, datetime] | None = None,
    default_language: str = "fr",
    group: int | None = None,
) -> WorkItem:
    """The routing view of a conversation (its language defaults to the client's).

    ``group`` is the routing group it waits in (`groups.py`); by default its client.
    """
    return WorkItem(
        conversation_id=conversation.id,
        client_id=conversation.client_id if group is None else group,
        channel=conversation.channel,
        language=conversation.language or default_language,
        enqueued_at=seconds(conversation.last_message_at or conversation.created_at),
        priority=conversation.priority,
        negative=conversation.sentiment == Sentiment.NEGATIVE.value,
        abusive=abusive,
        vip=vip,
        previous_advisor_id=previous[0] if previous else None,
        previous_at=seconds(previous[1]) if previous else None,
        first_response_due_at=(
            seconds(conversation.first_response_due_at)
            if conversation.first_response_due_at and conversation.first_response_at is None
            else None
        ),
    )


def previous_advisor(
    session: Session, *, conversation: Conversation, within: timedelta
) -> tuple[int, datetime] | None:
    """Who served this contact last in another conversation, and when (for stickiness)."""
    row = session.execute(
        select(Conversation.assignee_id, Conversation.last_message_at)
        .where(
            Conversation.contact_id == conversation.contact_id,
            Conversation.id != conversation.id,
            Conversation.assignee_id.is_not(None),
            Conversation.last_message_at >= conversation.created_at - within,
        )
        .order_by(Conversation.last_message_at.desc(), Conversation.id.desc())
        .limit(1)
    ).first()
    return None if row is None or row[0] is None else (row[0], row[1])


def load_engine(
    session: Session, *, clock: Clock, waiting_limit: int = 100_000, engine: Router | None = None
) -> Router:
    """Rebuild the routing state from the database (run under a system scope)."""
    groups = load_groups(session)
    router = engine or RoutingEngine(clock=clock, policies=groups.policies)
    presence = {row.user_id: row for row in session.scalars(select(AdvisorPresence))}
    for profile in advisor_profiles(session, groups=groups):
        row = presence.get(profile.advisor_id)
        router.add_advisor(profile, presence=Presence(row.state) if row else Presence.OFFLINE)
        if row is not None and row.handling_since is not None:
            router.restore_history(profile.advisor_id, handling_since=seconds(row.handling_since))
    held = session.scalars(
        select(Conversation).where(
            Conversation.status.in_(HELD_STATES), Conversation.assignee_id.is_not(None)
        )
    ).all()
    abusive = abusive_conversations(session, (c.id for c in held))
    for conversation in held:
        assert conversation.assignee_id is not None
        if conversation.assignee_id in router.advisors:
            item = work_item(
                conversation,
                group=groups.group_of(conversation),
                abusive=conversation.id in abusive,
            )
            router.restore_assignment(conversation.assignee_id, item)
    _requeue_waiting(session, router, waiting_limit, groups)
    return router


def _requeue_waiting(session: Session, router: Router, limit: int, groups: Groups) -> None:
    locales = {row[0]: row[1] for row in session.execute(select(Client.id, Client.locale))}
    waiting = session.scalars(
        select(Conversation)
        .where(
            Conversation.status == ConversationStatus.OPEN.value,
            Conversation.assignee_id.is_(None),
        )
        .order_by(Conversation.last_message_at, Conversation.id)
        .limit(limit)
    ).all()
    contacts = _vip_contacts(session, (c.contact_id for c in waiting))
    abusive = abusive_conversations(session, (c.id for c in waiting))
    for conversation in waiting:
        language = (locales.get(conversation.client_id) or "fr").split("-")[0]
        item = work_item(
            conversation, vip=conversation.contact_id in contacts, default_language=language,
            group=groups.group_of(conversation), abusive=conversation.id in abusive,
        )  # fmt: skip
        router.requeue(item)


def _vip_contacts(session: Session, contact_ids: Iterable[int]) -> set[int]:
    ids = sorted(set(contact_ids))
    if not ids:
        return set()
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found.update(
            session.scalars(
                select(Contact.id).where(Contact.id.in_(chunk), Contact.is_vip.is_(True))
            )
        )
    return found


def sync_loads(session: Session, profiles: Iterable[AdvisorProfile]) -> None:
    """Make `advisor_loads` match the skills and the conversations actually held."""
    held: dict[tuple[int, str], int] = {}
    counts = session.execute(
        select(Conversation.assignee_id, Conversation.channel, func.count())
        .where(Conversation.status.in_(HELD_STATES), Conversation.assignee_id.is_not(None))
        .group_by(Conversation.assignee_id, Conversation.channel)
    )
    for advisor_id, channel, count in counts:
        held[(advisor_id, channel)] = count
    existing = {(row.user_id, row.channel): row for row in session.scalars(select(AdvisorLoad))}
    for profile in profiles:
        for channel, capacity in profile.channel_capacity.items():
            active = held.get((profile.advisor_id, channel), 0)
            row = existing.get((profile.advisor_id, channel))
            if row is None:
                session.add(
                    AdvisorLoad(
                        user_id=profile.advisor_id,
                        channel=channel,
                        active=active,
                        capacity=capacity,
                    )
                )
            else:
                row.active, row.capacity = active, capacity


def ensure_loads(session: Session, profile: AdvisorProfile) -> None:
    """Give a newly routable advisor their load rows; existing rows only follow capacity.

    Unlike `sync_loads`, never rewrites ``active``: other processes may be claiming on the
    row right now, and only their conditional updates may move it.
    """
    existing = {
        row.channel: row
        for row in session.scalars(
            select(AdvisorLoad).where(AdvisorLoad.user_id == profile.advisor_id)
        )
    }
    for channel, capacity in profile.channel_capacity.items():
        row = existing.get(channel)
        if row is not None:
            row.capacity = capacity
            continue
        active = session.scalar(
            select(func.count()).where(
                Conversation.assignee_id == profile.advisor_id,
                Conversation.channel == channel,
                Conversation.status.in_(HELD_STATES),
            )
        )
        session.add(
            AdvisorLoad(
                user_id=profile.advisor_id, channel=channel, active=active or 0, capacity=capacity
            )
        )


def claim(session: Session, *, conversation_id: int, advisor_id: int, channel: str) -> bool:
    """Reserve a conversation for an advisor, or say another process got there first.

    The conversation row is locked only if it is still open and unassigned (SKIP LOCKED:
    a competing node moves on instead of waiting), then the advisor's load on the channel
    grows only if it is below capacity. Both hold until the caller's transaction ends.

    Neither row is waited for: the caller holds the audit chain's head already (lock
    order), and a request changing this load row takes the head after it, so waiting here
    would deadlock. A busy row is a failed claim; the caller resynchronises and retries.
    """
    locked = session.execute(
        select(Conversation.id)
        .where(
            Conversation.id == conversation_id,
            Conversation.assignee_id.is_(None),
            Conversation.status == ConversationStatus.OPEN.value,
        )
        .with_for_update(skip_locked=True)
    ).first()
    if locked is None or not load_free(session, advisor_id=advisor_id, channel=channel):
        return False
    grown = session.execute(
        update(AdvisorLoad)
        .where(
            AdvisorLoad.user_id == advisor_id,
            AdvisorLoad.channel == channel,
            AdvisorLoad.active < AdvisorLoad.capacity,
        )
        .values(active=AdvisorLoad.active + 1)
        .execution_options(synchronize_session=False)
    )
    return grown.rowcount == 1  # type: ignore[attr-defined]


def load_free(session: Session, *, advisor_id: int, channel: str) -> bool:
    """Lock the advisor's load row on the channel unless a request holds it (SKIP LOCKED)."""
    found = session.execute(
        select(AdvisorLoad.id)
        .where(AdvisorLoad.user_id == advisor_id, AdvisorLoad.channel == channel)
        .with_for_update(skip_locked=True)
    ).first()
    return found is not None


def load_busy(session: Session, *, advisor_id: int, channel: str) -> bool:
    """Whether a request holds the advisor's load row (which exists); else it is now locked."""
    if load_free(session, advisor_id=advisor_id, channel=channel):
        return False
    where = (AdvisorLoad.user_id == advisor_id, AdvisorLoad.channel == channel)
    return session.scalar(select(AdvisorLoad.id).where(*where)) is not None


def hold(session: Session, *, advisor_id: int, channel: str) -> None:
    """Count a conversation given outside routing's claim (no capacity check)."""
    session.execute(
        update(AdvisorLoad)
        .where(AdvisorLoad.user_id == advisor_id, AdvisorLoad.channel == channel)
        .values(active=AdvisorLoad.active + 1)
        .execution_options(synchronize_session=False)
    )


def unclaim(session: Session, *, advisor_id: int, channel: str) -> None:
    """The advisor no longer holds one conversation on this channel."""
    session.execute(
        update(AdvisorLoad)
        .where(
            AdvisorLoad.user_id == advisor_id,
            AdvisorLoad.channel == channel,
            AdvisorLoad.active > 0,
        )
        .values(active=AdvisorLoad.active - 1)
        .execution_options(synchronize_session=False)
    )
