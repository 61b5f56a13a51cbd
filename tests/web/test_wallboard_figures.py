"""The wallboard's service level, charts and alerts, checked against hand-made events.

Scenario (client in UTC; webchat target 60 s, email 3600 s; "now" is 10 March, 15:00):
  1 webchat 09:00:00 answered 09:00:30  → met
  2 webchat 10:00:00 answered 10:02:00  → missed
  3 webchat 11:00:00 never answered     → missed (past target; also a first-response breach)
  4 webchat 14:59:30 not yet answered   → pending (still inside its minute)
  5 email   12:00:00 answered 12:50:00  → met
  6 email   yesterday 10:00 answered +10 s → met, on yesterday's figures
Today: 2 met of 4 counted, 1 pending → 50 %; webchat 1/3, email 1/1; yesterday 100 %.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tawasol.clients.actions import do_create_client
from tawasol.clients.schemas import ClientIn
from tawasol.contacts.actions import do_create_contact
from tawasol.contacts.schemas import ContactIn
from tawasol.conversations.actions import do_assign, do_open_conversation, do_post_message
from tawasol.conversations.schemas import AssignIn, ConversationIn
from tawasol.db.types import clock_at
from tawasol.inboxes.actions import do_create_inbox
from tawasol.inboxes.schemas import InboxIn
from tawasol.models.conversation import Conversation
from tawasol.models.routing import RoutingSettings
from tawasol.models.skill import AdvisorChannel
from tawasol.models.user import User
from tawasol.models.vocabulary import Channel, MessageKind, Role
from tawasol.web.wallboard_charts import hourly_bars, level_line
from tawasol.web.wallboard_data import load_boards
from tawasol.web.wallboard_figures import Created, ServiceLevel, clock, service_level
from tests.factories import SYSTEM, make_user, unique

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def at(hour: int, minute: int = 0, second: int = 0, day: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, minute, second, tzinfo=UTC)


def test_service_level_by_hand() -> None:
    created = [Created(1, at(9), "webchat", 1), Created(2, at(10), "webchat", 1),
               Created(3, at(11), "webchat", 1), Created(4, at(14, 59, 30), "webchat", 1),
               Created(5, at(12), "email", 2)]  # fmt: skip
    answered = {1: at(9, 0, 30), 2: at(10, 2), 5: at(12, 50)}
    targets = {"webchat": 60.0, "email": 3600.0}
    level = service_level(created, answered, target_for=targets, now=NOW)
    assert level == ServiceLevel(met=2, counted=4, pending=1) and level.share == 0.5
    edge = service_level([Created(9, at(9), "webchat", 1)], {9: at(9, 1)},
                         target_for=targets, now=NOW)  # fmt: skip
    assert edge.share == 1.0  # exactly on target counts as met
    assert ServiceLevel().share is None
    assert (clock(59), clock(61), clock(3725)) == ("0:59", "1:01", "1:02:05")


def _world(runtime):  # type: ignore[no-untyped-def]
    """The scenario, made through the real actions with the clock set for each event."""
    with runtime.db.unit(SYSTEM.scope) as session:
        client = do_create_client(session, actor=SYSTEM, data=ClientIn(
            name="Niveau de service", slug=unique("sl").lower(), timezone="UTC"))  # fmt: skip
        chat = do_create_inbox(session, actor=SYSTEM, client=client, data=InboxIn(
            client_id=client.id, name="Chat", channel=Channel.WEBCHAT))  # fmt: skip
        mail = do_create_inbox(session, actor=SYSTEM, client=client, data=InboxIn(
            client_id=client.id, name="Mail", channel=Channel.EMAIL))  # fmt: skip
        contact = do_create_contact(session, actor=SYSTEM, client=client,
                                    data=ContactIn(client_id=client.id, name="Client"))  # fmt: skip
        plan = [(chat, at(9), at(9, 0, 30)), (chat, at(10), at(10, 2)), (chat, at(11), None),
                (chat, at(14, 59, 30), None), (mail, at(12), at(12, 50)),
                (mail, at(10, day=9), at(10, 0, 10, day=9))]  # fmt: skip
        ids = []
        for inbox, opened, answered in plan:
            with clock_at(opened):
                conversation = do_open_conversation(session, actor=SYSTEM, inbox=inbox,
                    contact=contact, data=ConversationIn(inbox_id=inbox.id,
                    contact_id=contact.id, text="Bonjour")).conversation  # fmt: skip
            if answered:
                with clock_at(answered):
                    do_post_message(session, actor=SYSTEM, conversation=conversation,
                                    kind=MessageKind.MESSAGE, text="Oui ?", html=None)  # fmt: skip
            ids.append(conversation.id)
        session.get(Conversation, ids[2]).first_response_due_at = at(11, 1)  # type: ignore[union-attr]
        return client.id, chat.id, mail.id, ids


def test_wallboard_figures_from_events(runtime) -> None:  # type: ignore[no-untyped-def]
    client_id, chat_id, mail_id, ids = _world(runtime)
    advisor_id, _ = make_user(runtime, Role.ADVISOR, [client_id])
    with runtime.db.unit(SYSTEM.scope) as session:
        session.add(AdvisorChannel(user_id=advisor_id, channel="webchat", max_concurrent=1))
        advisor = session.get(User, advisor_id)
        for conversation_id in ids[:2]:
            conversation = session.get(Conversation, conversation_id)
            do_assign(session, actor=SYSTEM, conversation=conversation, assignee=advisor,
                      team=None, data=AssignIn(assignee_id=advisor_id))  # fmt: skip
    with runtime.db.unit(SYSTEM.scope, write=False) as session:
        (board,) = load_boards(session, actor=SYSTEM, now=NOW, client_id=client_id)
    assert board.level == ServiceLevel(met=2, counted=4, pending=1)
    per_inbox = {f.inbox.id: f for f in board.inboxes}
    assert per_inbox[chat_id].level == ServiceLevel(met=1, counted=3, pending=1)
    assert per_inbox[mail_id].level == ServiceLevel(met=1, counted=1, pending=0)
    # Waiting = open and unassigned: 3 and 4 on chat (3 since 11:00), 5 and 6 on mail.
    assert (per_inbox[chat_id].waiting, per_inbox[chat_id].longest_wait) == (2, 4 * 3600)
    assert per_inbox[mail_id].waiting == 2
    assert board.daily[-1] == (NOW.date(), 0.5) and board.daily[-2] == (at(0, day=9).date(), 1.0)
    assert all(share is None for _, share in board.daily[:-2]) and len(board.daily) == 14
    assert [board.hours_today[h] for h in (9, 10, 11, 12, 14)] == [1, 1, 1, 1, 1]
    assert sum(board.hours_today) == 5 and board.hours_yesterday[10] == 1
    breaches = [(a.conversation.id, a.breach) for a in board.attention if a.breach]
    assert breaches == [(ids[2], "first_response")]
    (row,) = board.advisors
    assert (row.state, row.load, row.capacity, row.overloaded) == ("offline", 2, 1, True)
    bars = str(hourly_bars(board.hours_today, board.hours_yesterday, title="<b>"))
    assert bars.count('class="today"') == 24 and "<title>&lt;b&gt;</title>" in bars
    assert str(level_line(board.daily, title="t", goal=0.8)).count("<circle") == 2


def test_the_client_sla_policy_replaces_channel_defaults(runtime) -> None:  # type: ignore[no-untyped-def]
    client_id, _, _, _ = _world(runtime)
    with runtime.db.unit(SYSTEM.scope) as session:
        session.add(RoutingSettings(client_id=client_id,
                                    sla_policy={"targets": {"normal": {"first_response": 150}}}))  # fmt: skip
    with runtime.db.unit(SYSTEM.scope, write=False) as session:
        (board,) = load_boards(session, actor=SYSTEM, now=NOW + timedelta(seconds=0),
                               client_id=client_id)  # fmt: skip
    # 150 s everywhere: 1 and 2 met, 3 and 5 (3000 s) missed, 4 still pending.
    assert board.level == ServiceLevel(met=2, counted=4, pending=1)
    assert {f.inbox.channel: f.level.met for f in board.inboxes} == {"webchat": 2, "email": 0}
