"""Reading what the routing service needs about single conversations and advisors.

`store.load_engine` reads everything at start; these read one conversation or one advisor
when a signal arrives or a claim fails, so the engine can be corrected piecemeal.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.models.client import Client
from tawasol.models.contact import Contact
from tawasol.models.conversation import Conversation
from tawasol.models.presence import AdvisorPresence
from tawasol.routing.advisor import AdvisorProfile
from tawasol.routing.policy import ClientPolicy
from tawasol.routing.store import HELD_STATES, advisor_profiles, previous_advisor, work_item
from tawasol.routing.work import WorkItem


def item_for(session: Session, *, conversation: Conversation, policy: ClientPolicy) -> WorkItem:
    """The routing view of one conversation, with VIP, stickiness and the client's language."""
    locale = session.scalar(select(Client.locale).where(Client.id == conversation.client_id))
    vip = bool(session.scalar(select(Contact.is_vip).where(Contact.id == conversation.contact_id)))
    previous = previous_advisor(
        session, conversation=conversation, within=timedelta(seconds=policy.sticky_seconds)
    )
    return work_item(
        conversation,
        vip=vip,
        previous=previous,
        default_language=(locale or "fr").split("-")[0],
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
    for profile in advisor_profiles(session):
        if profile.advisor_id == advisor_id:
            return profile
    return None


def presence_of(session: Session, *, advisor_id: int) -> str | None:
    return session.scalar(
        select(AdvisorPresence.state).where(AdvisorPresence.user_id == advisor_id)
    )
