"""Seeding the demo instance: three client brands, their inboxes and teams, the operator's
staff (20 advisors with real language skills), and 360 multilingual conversations.

Everything goes through the same actions as the API, so the audit chain, the reporting
events and the outbox are those a real instance would have. Seeding twice changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.clients.actions import do_create_client
from tawasol.clients.schemas import Branding, ClientIn
from tawasol.demo.corpus import CLIENT_BRANDS, ClientBrand, advisor_profiles
from tawasol.demo.seed_conversations import seed_conversations
from tawasol.demo.seed_knowledge import seed_knowledge
from tawasol.demo.seed_sla import seed_sla
from tawasol.inboxes.actions import do_create_inbox
from tawasol.inboxes.schemas import InboxIn
from tawasol.models.client import Client
from tawasol.models.inbox import Inbox
from tawasol.models.vocabulary import Channel, Role
from tawasol.runtime import Runtime
from tawasol.users.actions import do_create_user, do_set_skills
from tawasol.users.schemas import ChannelSkill, ClientGrant, LanguageSkill, SkillsIn, UserIn
from tawasol.users.team_actions import do_create_team, do_set_team_members

DEMO_PASSWORD = "tawasol-demo-2026"
CONVERSATIONS_PER_CLIENT = 120
SEED = 2026
ACTOR = Actor.system("demo-seed")

STAFF: tuple[tuple[Role, str, str, bool], ...] = (
    (Role.OPERATOR_ADMIN, "admin@tawasol.demo", "Amina Admin", True),
    (Role.SUPERVISOR, "supervisor@tawasol.demo", "Karim Superviseur", True),
    (Role.QUALITY_ANALYST, "quality@tawasol.demo", "Leila Qualité", False),
    (Role.WORKFORCE_PLANNER, "planner@tawasol.demo", "Driss Planning", False),
    (Role.MODERATOR, "moderator@tawasol.demo", "Sara Modération", False),
)


@dataclass
class SeedSummary:
    created: bool
    clients: int = 0
    users: int = 0
    conversations: int = 0
    messages: int = 0
    logins: list[tuple[str, str]] = field(default_factory=list)
    chat_demos: list[tuple[str, str]] = field(default_factory=list)  # (brand, inbox public key)

    def describe(self) -> str:
        if not self.created:
            return "already seeded, nothing changed"
        return (
            f"{self.clients} clients, {self.users} users, {self.conversations} conversations, "
            f"{self.messages} messages"
        )


def _logins(advisor_email: str) -> list[tuple[str, str]]:
    staff = [(role.value, email) for role, email, _, _ in STAFF]
    viewers = [("client_viewer", f"viewer@{brand.slug}.demo") for brand in CLIENT_BRANDS]
    return staff + viewers + [("advisor", advisor_email)]


def _create_client(session: Session, runtime: Runtime, brand: ClientBrand) -> Client:
    client = do_create_client(
        session, actor=ACTOR,
        data=ClientIn(name=brand.name, slug=brand.slug, locale=brand.locale,
                      timezone=brand.timezone, branding=Branding(**brand.branding)),
    )  # fmt: skip
    for channel in brand.channels:
        do_create_inbox(
            session, actor=ACTOR, client=client,
            data=InboxIn(client_id=client.id, name=f"{brand.name} · {channel}",
                         channel=Channel(channel)),
        )  # fmt: skip
    _create_user(session, runtime, Role.CLIENT_VIEWER, f"viewer@{brand.slug}.demo",
                 f"{brand.name} (lecture)", [ClientGrant(client_id=client.id)])  # fmt: skip
    return client


def _create_user(
    session: Session, runtime: Runtime, role: Role, email: str, name: str,
    grants: list[ClientGrant], all_clients: bool = False,
) -> int:  # fmt: skip
    data = UserIn(email=email, full_name=name, role=role, password=DEMO_PASSWORD,
                  all_clients=all_clients, clients=grants)  # fmt: skip
    return do_create_user(session, actor=ACTOR, hasher=runtime.hasher, data=data).id


def _create_staff(session: Session, runtime: Runtime, clients: dict[str, Client]) -> list[int]:
    every_client = [ClientGrant(client_id=c.id) for c in clients.values()]
    for role, email, name, operator_wide in STAFF:
        _create_user(session, runtime, role, email, name, [] if operator_wide else every_client,
                     all_clients=operator_wide)  # fmt: skip
    advisor_ids = []
    for profile in advisor_profiles():
        grants = [
            ClientGrant(client_id=clients[s].id, certified=True) for s in profile.client_slugs
        ]
        user_id = _create_user(
            session, runtime, Role.ADVISOR, profile.email, profile.full_name, grants
        )
        languages = profile.languages.items()
        skills = SkillsIn(
            languages=[LanguageSkill(language=k, proficiency=v) for k, v in languages],
            channels=[ChannelSkill(channel=Channel(k), max_concurrent=v)
                      for k, v in profile.channels.items()],
        )  # fmt: skip
        from tawasol.models.user import User

        user = session.get(User, user_id)
        assert user is not None
        do_set_skills(session, actor=ACTOR, user=user, skills=skills)
        advisor_ids.append(user_id)
    return advisor_ids


def _create_teams(session: Session, clients: dict[str, Client]) -> None:
    from tawasol.models.user import User, UserClient

    for client in clients.values():
        members = session.scalars(
            select(User.id).join(UserClient, UserClient.user_id == User.id)
            .where(UserClient.client_id == client.id, User.role == Role.ADVISOR.value)
        ).all()  # fmt: skip
        for index, name in enumerate(("Équipe Darija & FR", "Équipe internationale")):
            team = do_create_team(session, actor=ACTOR, client=client, name=name)
            do_set_team_members(session, actor=ACTOR, team=team, user_ids=list(members[index::2]))


def chat_demo_pages(runtime: Runtime) -> list[tuple[str, str]]:
    """The web chat inboxes of the demo brands, for the widget's demo page links."""
    with runtime.db.unit(ACTOR.scope, write=False) as session:
        rows = session.execute(
            select(Client.name, Inbox.public_key)
            .join(Inbox, Inbox.client_id == Client.id)
            .where(Inbox.channel == Channel.WEBCHAT.value)
            .order_by(Client.name)
        ).all()
    return [(name, key) for name, key in rows]


def seed_demo(runtime: Runtime, *, per_client: int = CONVERSATIONS_PER_CLIENT) -> SeedSummary:
    """Create the demo data once; later calls find it and return without changes."""
    first_advisor = advisor_profiles()[0].email
    with runtime.db.unit(ACTOR.scope) as session:
        existing = session.scalars(select(Client.id).where(Client.slug == CLIENT_BRANDS[0].slug))
        if existing.first() is not None:
            return SeedSummary(created=False, logins=_logins(first_advisor))
        clients = {b.slug: _create_client(session, runtime, b) for b in CLIENT_BRANDS}
        _create_staff(session, runtime, clients)
        _create_teams(session, clients)
    summary = SeedSummary(created=True, clients=len(clients), logins=_logins(first_advisor))
    summary.users = len(STAFF) + len(CLIENT_BRANDS) + len(advisor_profiles())
    rng = random.Random(SEED)
    start = datetime.now(UTC) - timedelta(days=14)
    for brand in CLIENT_BRANDS:
        with runtime.db.unit(ACTOR.scope) as session:
            inboxes = {
                i.channel: i
                for i in session.scalars(
                    select(Inbox).where(Inbox.client_id == clients[brand.slug].id)
                )
            }
            seed_sla(session, actor=ACTOR, brand=brand, client=clients[brand.slug], inboxes=inboxes)
            counts = seed_conversations(
                session, actor=ACTOR, brand=brand, client=clients[brand.slug], inboxes=inboxes,
                count=per_client, seed=SEED, rng=rng, start=start,
            )  # fmt: skip
            seed_knowledge(session, actor=ACTOR, brand=brand, client=clients[brand.slug])
        summary.conversations += counts[0]
        summary.messages += counts[1]
    return summary
