"""Reading what the routing service needs about single conversations and advisors.

`store.load_engine` reads everything at start; these read one conversation or one advisor
when a signal arrives or a claim fails, so the engine can be corrected piecemeal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.models.client import Client
from tawasol.models.contact import Contact
from tawasol.models.conversation import Conversation
from tawasol.models.presence import AdvisorPresence
from tawasol.models.routing import InboxRouting
from tawasol.routing.advisor import AdvisorProfile
from tawasol.routing.groups import inbox_group, team_group
from tawasol.routing.hardness import abusive_conversations
from tawasol.routing.policy import ClientPolicy
from tawasol.routing.store import HELD_STATES, advisor_profiles, previous_advisor, work_item
from tawasol.routing.work import WorkItem


def group_for(session: Session, conversation: Conversation) -> int:
    """The routing group the conversation waits in (as `groups.Groups.group_of` decides)."""
    if conversation.team_id is not None:
        return team_group(conversation.team_id)
    return rules_group(session, conversation)


def rules_group(session: Session, conversation: Conversation) -> int:
    """The conversation's inbox group when its inbox has rules, else its client."""
    rules = session.scalar(
        select(InboxRouting.rules).where(InboxRouting.inbox_id == conversation.inbox_id)
    )
    return inbox_group(conversation.inbox_id) if rules else conversation.client_id


def routed_item(session: Session, conversation: Conversation) -> WorkItem:
    """The conversation as the engine holds it once assigned (group, channel, hardness)."""
    return work_item(
        conversation,
        abusive=is_abusive(session, conversation),
        group=group_for(session, conversation),
    )


def is_abusive(session: Session, conversation: Conversation) -> bool:
    """The enrichment found it offensive, or an advisor tagged it abusive."""
    return bool(abusive_conversations(session, [conversation.id]))


def item_for(
    session: Session, *, conversation: Conversation, policy_for: Callable[[int], ClientPolicy]
) -> WorkItem:
    """The routing view of one waiting conversation: its group, VIP, stickiness, language,
    hardness (negative sentiment, offensive or tagged abusive)."""
    group = group_for(session, conversation)
    policy = policy_for(group)
    locale = session.scalar(select(Client.locale).where(Client.id == conversation.client_id))
    vip = bool(session.scalar(select(Contact.is_vip).where(Contact.id == conversation.contact_id)))
    previous = previous_advisor(
        session, conversation=conversation, within=timedelta(seconds=policy.sticky_seconds)
    )
    return work_item(
        conversation,
        vip=vip,
        abusive=is_abusive(session, conversation),
        previous=previous,
        default_language=(locale or "fr").split("-")[0],
        group=group,
    )


def held_by(session: Session, *, advisor_id: int) -> list[Conversation]:
    """Conversations the advisor holds according to the database."""
    return list(
        session.scalars(
            select(Conversation).where(
                Conversation.assignee_id == advisor_id, Conversation.status.in_(HELD_STATES)
            )
        )
    )


def profile_of(session: Session, *, advisor_id: int) -> AdvisorProfile | None:
    """The advisor's current routing profile, or None when nothing is routable to them."""
    found = advisor_profiles(session, advisor_ids=[advisor_id])
    return found[0] if found else None


def presence_of(session: Session, *, advisor_id: int) -> str | None:
    return session.scalar(
        select(AdvisorPresence.state).where(AdvisorPresence.user_id == advisor_id)
    )
