"""The database side of routing: rebuild after restart, guarded claims, presence, decisions.

Runs on a fresh SQLite file built from the models (the routing tables have no migration
yet), without the shared fixtures.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

import tawasol.models  # noqa: F401  (registers every table)
from tawasol.auth.actor import Actor
from tawasol.db.base import Base
from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.db.types import clock_at
from tawasol.models.audit import AuditEntry
from tawasol.models.client import Client, Organization
from tawasol.models.contact import Contact
from tawasol.models.conversation import Conversation
from tawasol.models.inbox import Inbox
from tawasol.models.presence import AdvisorPresence, PresenceEvent
from tawasol.models.reporting import ReportingEvent
from tawasol.models.routing import AdvisorLoad, RoutingDecision, RoutingSettings
from tawasol.models.skill import AdvisorChannel, AdvisorLanguage
from tawasol.models.user import User, UserClient
from tawasol.models.vocabulary import Role
from tawasol.routing import BreakKind, Presence, Rule
from tawasol.routing.actions import do_apply_decision, do_set_presence
from tawasol.routing.settings import client_policy_document
from tawasol.routing.store import (
    advisor_profiles,
    claim,
    load_engine,
    seconds,
    sync_loads,
    unclaim,
)

from .builders import ManualClock

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
SYSTEM = Actor.system("routing")
_ids = itertools.count(1)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'routing.db'}")
    Base.metadata.create_all(database.engine)
    yield database
    database.dispose()


def _world(db: Database) -> dict[str, int]:
    """One client, an fr/ary chat advisor (available), an fr-only one (offline)."""
    with clock_at(NOW), db.unit(Scope.system()) as session:
        org = Organization(name="Operator")
        session.add(org)
        session.flush()
        client = Client(organization_id=org.id, name="Banque", slug=f"banque-{next(_ids)}")
        session.add(client)
        session.flush()
        inbox = Inbox(
            client_id=client.id, name="Chat", channel="webchat", public_key=f"k{next(_ids)}"
        )
        contact = Contact(client_id=client.id, name="Salma", is_vip=True)
        session.add_all([inbox, contact])
        advisors = []
        for name, languages, presence in (
            ("amina", {"fr": 5, "ary": 5}, "available"),
            ("youssef", {"fr": 4}, "offline"),
        ):
            user = User(
                organization_id=org.id, email=f"{name}{next(_ids)}@t.ma", full_name=name,
                role=Role.ADVISOR.value, password_hash="x",
            )  # fmt: skip
            session.add(user)
            session.flush()
            session.add(UserClient(user_id=user.id, client_id=client.id, certified=True))
            for language, level in languages.items():
                session.add(AdvisorLanguage(user_id=user.id, language=language, proficiency=level))
            session.add(AdvisorChannel(user_id=user.id, channel="webchat", max_concurrent=2))
            session.add(AdvisorPresence(user_id=user.id, state=presence, since=NOW))
            advisors.append(user.id)
        session.add(RoutingSettings(client_id=client.id, policy={"occupancy_cap": None}))
        session.flush()

        def conversation(**values: object) -> int:
            row = Conversation(
                client_id=client.id, inbox_id=inbox.id, contact_id=contact.id,
                channel="webchat", last_message_at=NOW - timedelta(minutes=5), **values,
            )  # fmt: skip
            session.add(row)
            session.flush()
            return row.id

        held = conversation(assignee_id=advisors[0], language="fr")
        waiting = conversation(language="ary", priority="high")
        return {
            "client": client.id, "amina": advisors[0], "youssef": advisors[1],
            "held": held, "waiting": waiting,
        }  # fmt: skip


def test_the_engine_is_rebuilt_from_the_database(db: Database) -> None:
    world = _world(db)
    clock = ManualClock(seconds(NOW))
    with db.unit(Scope.system(), write=False) as session:
        engine = load_engine(session, clock=clock)
    amina, youssef = engine.advisors[world["amina"]], engine.advisors[world["youssef"]]
    assert amina.presence is Presence.AVAILABLE and youssef.presence is Presence.OFFLINE
    assert amina.load == {"webchat": 1}
    assert set(engine.waiting) == {world["waiting"]}
    waiting = engine.waiting[world["waiting"]].item
    assert waiting.vip and waiting.language == "ary" and waiting.priority == "high"
    [decision] = engine.tick()
    assert decision.advisor_id == world["amina"]
    assert decision.conversation_id == world["waiting"]


def test_a_decision_is_stored_with_its_explanation(db: Database) -> None:
    world = _world(db)
    clock = ManualClock(seconds(NOW))
    with db.unit(Scope.system()) as session:
        engine = load_engine(session, clock=clock)
        sync_loads(session, advisor_profiles(session))
    [decision] = engine.tick()
    with clock_at(NOW), db.unit(Scope.system()) as session:
        assert do_apply_decision(session, actor=SYSTEM, decision=decision)
    with db.unit(Scope.system(), write=False) as session:
        conversation = session.get(Conversation, world["waiting"])
        assert conversation is not None and conversation.assignee_id == world["amina"]
        stored = session.scalars(select(RoutingDecision)).one()
        assert stored.rule == Rule.LONGEST_IDLE.value
        assert stored.explanation["candidates"][-1] == {
            "advisor_id": world["amina"], "skipped": None, "note": "chosen",
        }  # fmt: skip
        assert "vip" in stored.explanation["priority"]
        assigned = session.scalars(
            select(ReportingEvent).where(ReportingEvent.type == "assigned")
        ).all()
        assert [e.conversation_id for e in assigned] == [world["waiting"]]
        load = session.scalars(
            select(AdvisorLoad).where(AdvisorLoad.user_id == world["amina"])
        ).one()
        assert (load.active, load.capacity) == (2, 2)
    # A second process holding the same (stale) decision cannot apply it again.
    with clock_at(NOW), db.unit(Scope.system()) as session:
        assert not do_apply_decision(session, actor=SYSTEM, decision=decision)


def test_claims_never_exceed_capacity(db: Database) -> None:
    world = _world(db)
    with clock_at(NOW), db.unit(Scope.system()) as session:
        sync_loads(session, advisor_profiles(session))
        inbox_id, contact_id = session.execute(
            select(Conversation.inbox_id, Conversation.contact_id).limit(1)
        ).one()
        extra = []
        for _ in range(3):
            row = Conversation(
                client_id=world["client"], inbox_id=inbox_id, contact_id=contact_id,
                channel="webchat",
            )  # fmt: skip
            session.add(row)
            session.flush()
            extra.append(row.id)
    amina = world["amina"]
    outcomes = []
    for conversation_id in [world["waiting"], *extra]:
        with db.unit(Scope.system()) as session:
            outcomes.append(
                claim(session, conversation_id=conversation_id, advisor_id=amina, channel="webchat")
            )
    assert outcomes == [True, False, False, False]  # 1 held + 1 claimed = capacity 2
    with db.unit(Scope.system()) as session:
        unclaim(session, advisor_id=amina, channel="webchat")
    with db.unit(Scope.system()) as session:
        assert claim(session, conversation_id=extra[0], advisor_id=amina, channel="webchat")
        # The conversation is no longer "open and unassigned" only once assigned; claiming
        # an assigned one fails whatever the load.
        session.get(Conversation, extra[0]).assignee_id = amina  # type: ignore[union-attr]
    with db.unit(Scope.system()) as session:
        assert not claim(session, conversation_id=extra[0], advisor_id=amina, channel="webchat")


def test_presence_changes_are_logged_and_audited_when_forced(db: Database) -> None:
    world = _world(db)
    supervisor = Actor(user_id=None, label="supervisor", role=Role.SUPERVISOR, client_ids=None)
    with clock_at(NOW), db.unit(Scope.system()) as session:
        advisor = session.get(User, world["youssef"])
        assert advisor is not None
        own = Actor(user_id=advisor.id, label="youssef", role=Role.ADVISOR, client_ids=None)
        assert do_set_presence(session, actor=own, advisor=advisor, presence=Presence.AVAILABLE)
        assert (
            do_set_presence(session, actor=own, advisor=advisor, presence=Presence.AVAILABLE)
            is None
        )
        do_set_presence(
            session, actor=supervisor, advisor=advisor, presence=Presence.ON_BREAK,
            break_kind=BreakKind.PRAYER,
        )  # fmt: skip
    with db.unit(Scope.system(), write=False) as session:
        events = session.scalars(select(PresenceEvent).order_by(PresenceEvent.id)).all()
        assert [(e.previous_state, e.state, e.break_kind) for e in events] == [
            ("offline", "available", None),
            ("available", "on_break", "prayer"),
        ]
        row = session.get(AdvisorPresence, world["youssef"])
        assert row is not None and row.state == "on_break"
        audited = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "presence.changed")
        )
        assert audited == 2  # every change, forced or not


def test_policy_documents_round_trip() -> None:
    from tawasol.routing import ClientPolicy, Mode, Selection
    from tawasol.routing.settings import client_policy_from

    policy = ClientPolicy(mode=Mode.PULL, selection=Selection.LEAST_OCCUPIED, occupancy_cap=0.8)
    assert client_policy_from(client_policy_document(policy)) == policy
    assert client_policy_from({"unknown": 1}) == ClientPolicy()
