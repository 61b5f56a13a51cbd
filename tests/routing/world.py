"""A routable world for the wiring tests: one client, an email inbox, advisors with skills.

Built through the real actions where they exist (clients, users, contacts) and with the
skill and policy rows written directly, as the skills API would.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.contacts.actions import do_create_contact
from tawasol.contacts.schemas import ContactIn
from tawasol.db.database import Database
from tawasol.inboxes.actions import do_create_inbox
from tawasol.inboxes.schemas import InboxIn
from tawasol.models.client import Client
from tawasol.models.routing import RoutingSettings
from tawasol.models.skill import AdvisorChannel, AdvisorLanguage
from tawasol.models.user import User
from tawasol.models.vocabulary import Channel, Role
from tawasol.routing import Presence
from tawasol.routing.actions import do_set_presence
from tawasol.runtime import Runtime
from tests.factories import SYSTEM, make_client, make_user


@dataclass
class World:
    client_id: int
    inbox_id: int
    contact_id: int
    advisors: list[int]
    advisor_emails: list[str]
    supervisor_id: int
    supervisor_email: str


def add_skills(session: Session, user_id: int, *, capacity: int, languages: dict[str, int]) -> None:
    for language, level in languages.items():
        session.add(AdvisorLanguage(user_id=user_id, language=language, proficiency=level))
    session.add(AdvisorChannel(user_id=user_id, channel="email", max_concurrent=capacity))


def make_world(
    runtime: Runtime,
    *,
    advisors: int = 1,
    capacity: int = 2,
    policy: dict[str, Any] | None = None,
    available: bool = False,
) -> World:
    client_id = make_client(runtime)
    made = [make_user(runtime, Role.ADVISOR, [client_id]) for _ in range(advisors)]
    supervisor_id, supervisor_email = make_user(runtime, Role.SUPERVISOR, [client_id])
    with runtime.db.unit(SYSTEM.scope) as session:
        client = session.get(Client, client_id)
        assert client is not None
        inbox = do_create_inbox(
            session, actor=SYSTEM, client=client,
            data=InboxIn(client_id=client_id, name="Support", channel=Channel.EMAIL),
        )  # fmt: skip
        contact = do_create_contact(
            session, actor=SYSTEM, client=client,
            data=ContactIn(client_id=client_id, name="Salma"),
        )  # fmt: skip
        session.add(RoutingSettings(client_id=client_id, policy=policy or {}))
        for user_id, _ in made:
            add_skills(session, user_id, capacity=capacity, languages={"fr": 5, "ary": 4})
        session.flush()
        if available:
            for user_id, _ in made:
                advisor = session.get(User, user_id)
                assert advisor is not None
                do_set_presence(session, actor=SYSTEM, advisor=advisor, presence=Presence.AVAILABLE)
        return World(
            client_id=client_id, inbox_id=inbox.id, contact_id=contact.id,
            advisors=[u for u, _ in made], advisor_emails=[e for _, e in made],
            supervisor_id=supervisor_id, supervisor_email=supervisor_email,
        )  # fmt: skip


def open_conversation(db: Database, world: World, *, language: str = "fr") -> int:
    from tawasol.conversations.actions import do_open_conversation
    from tawasol.conversations.schemas import ConversationIn
    from tawasol.models.contact import Contact
    from tawasol.models.inbox import Inbox

    system = Actor.system("tests")
    with db.unit(system.scope) as session:
        inbox, contact = session.get(Inbox, world.inbox_id), session.get(Contact, world.contact_id)
        assert inbox is not None and contact is not None
        opened = do_open_conversation(
            session, actor=system, inbox=inbox, contact=contact,
            data=ConversationIn(inbox_id=inbox.id, contact_id=contact.id, text="salam",
                                language=language),
        )  # fmt: skip
        return opened.conversation.id


def add_advisor(
    runtime: Runtime,
    world: World,
    *,
    languages: dict[str, int] | None = None,
    capacity: int = 2,
    skills: tuple[str, ...] = (),
    available: bool = True,
) -> tuple[int, str]:
    """One more advisor for the world's client, with their own skills."""
    from tawasol.models.routing import AdvisorSkill

    user_id, email = make_user(runtime, Role.ADVISOR, [world.client_id])
    with runtime.db.unit(SYSTEM.scope) as session:
        add_skills(session, user_id, capacity=capacity, languages=languages or {"fr": 5})
        for skill in skills:
            session.add(AdvisorSkill(user_id=user_id, skill=skill))
        session.flush()
        if available:
            advisor = session.get(User, user_id)
            assert advisor is not None
            do_set_presence(session, actor=SYSTEM, advisor=advisor, presence=Presence.AVAILABLE)
    return user_id, email


def add_team(runtime: Runtime, world: World, members: list[int]) -> int:
    from tawasol.models.team import Team, TeamMember

    with runtime.db.unit(SYSTEM.scope) as session:
        team = Team(client_id=world.client_id, name=f"Team {len(members)}-{members[0]}")
        session.add(team)
        session.flush()
        for user_id in members:
            session.add(TeamMember(client_id=world.client_id, team_id=team.id, user_id=user_id))
        return team.id


def set_presence(runtime: Runtime, user_id: int, presence: Presence) -> None:
    with runtime.db.unit(SYSTEM.scope) as session:
        advisor = session.get(User, user_id)
        assert advisor is not None
        do_set_presence(session, actor=SYSTEM, advisor=advisor, presence=presence)
