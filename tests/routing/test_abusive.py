"""Routing reads the enrichment's offensive flag (and an advisor's "abusive" tag): such
conversations are hard, like negative ones, and spread between advisors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import tawasol.models  # noqa: F401  (registers every table)
from tawasol.db.base import Base
from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.models.conversation import Conversation, ConversationTag
from tawasol.models.enrichment import ConversationInsight
from tawasol.routing.feed import item_for, routed_item
from tawasol.routing.hardness import ABUSIVE_TAG, abusive_conversations
from tawasol.routing.policy import ClientPolicy
from tawasol.routing.store import load_engine, seconds

from .builders import ManualClock
from .test_store import NOW, _world


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'routing.db'}")
    Base.metadata.create_all(database.engine)
    yield database
    database.dispose()


def _mark(db: Database, world: dict[str, int], *, offensive: int, tagged: int) -> None:
    with db.unit(Scope.system()) as session:
        session.add(
            ConversationInsight(
                client_id=world["client"], conversation_id=offensive, offensive=True,
                language_shares={},
            )
        )  # fmt: skip
        session.add(
            ConversationTag(client_id=world["client"], conversation_id=tagged, tag=ABUSIVE_TAG)
        )


def test_offensive_or_tagged_conversations_are_abusive_work_items(db: Database) -> None:
    world = _world(db)
    with db.unit(Scope.system(), write=False) as session:
        before = item_for(
            session, conversation=session.get(Conversation, world["waiting"]),
            policy_for=lambda _: ClientPolicy(),
        )  # fmt: skip
    assert not before.abusive and not before.hard
    _mark(db, world, offensive=world["waiting"], tagged=world["held"])
    with db.unit(Scope.system(), write=False) as session:
        assert abusive_conversations(session, [world["waiting"], world["held"], 10**9]) == {
            world["waiting"], world["held"],
        }  # fmt: skip
        waiting = item_for(
            session, conversation=session.get(Conversation, world["waiting"]),
            policy_for=lambda _: ClientPolicy(),
        )  # fmt: skip
        held = routed_item(session, session.get(Conversation, world["held"]))
    assert waiting.abusive and waiting.hard and held.abusive and held.hard


def test_a_rebuilt_engine_knows_which_conversations_are_hard(db: Database) -> None:
    world = _world(db)
    _mark(db, world, offensive=world["waiting"], tagged=world["held"])
    with db.unit(Scope.system(), write=False) as session:
        engine = load_engine(session, clock=ManualClock(seconds(NOW)))
    assert engine.waiting[world["waiting"]].item.abusive
    assert engine.assignments[world["held"]].hard
