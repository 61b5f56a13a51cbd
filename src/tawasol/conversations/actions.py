"""Every change to a conversation: open, assign, change status, tag, post a message.

Each action writes the change, an audit entry, the reporting events it implies and the
realtime events (to the outbox) in the caller's transaction.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.auth.permissions import Permission
from tawasol.conversations.messages import add_message
from tawasol.conversations.pii_policy import mask_closed_chat
from tawasol.conversations.schemas import AssignIn, ConversationIn, StatusIn
from tawasol.db.types import utcnow
from tawasol.errors import Conflict, Forbidden, Invalid
from tawasol.models.contact import Contact
from tawasol.models.conversation import Conversation, ConversationTag
from tawasol.models.inbox import Inbox
from tawasol.models.message import Message
from tawasol.models.team import Team
from tawasol.models.user import User, UserClient
from tawasol.models.vocabulary import (
    AuthorType,
    Channel,
    ConversationStatus,
    Direction,
    MessageKind,
    ReportingEventType,
    Role,
)
from tawasol.nlp.enrichment.job import on_message_received
from tawasol.realtime.events import agent_channel, client_channel, record_event, visitor_channel
from tawasol.reporting.record import record_reporting_event
from tawasol.routing.hooks import (
    on_conversation_assigned,
    on_conversation_opened,
    on_conversation_released,
)
from tawasol.sla.hooks import (
    on_sla_customer_message,
    on_sla_reply,
    on_sla_status,
    start_conversation_sla,
)
from tawasol.users.mentions import record_note_mentions
from tawasol.worker.jobs import enqueue_job

# The outbox job that sends a reply on each channel (after commit); web chat replies are read
# by the widget's stream instead.
OUTBOUND_JOBS = {"whatsapp": "channel.deliver", "sms": "channel.deliver", "email": "email.send"}
CLOSED_STATES = {ConversationStatus.RESOLVED.value, ConversationStatus.CLOSED.value}


def _recipients(conversation: Conversation) -> list[str]:
    channels = [client_channel(conversation.client_id)]
    if conversation.assignee_id is not None:
        channels.append(agent_channel(conversation.assignee_id))
    if conversation.channel == Channel.WEBCHAT.value:
        channels.append(visitor_channel(conversation.id))  # the visitor's open widgets
    return channels


def _announce(session: Session, conversation: Conversation, type: str, **payload: object) -> None:
    record_event(
        session,
        type=type,
        client_id=conversation.client_id,
        recipients=_recipients(conversation),
        payload={"conversation_id": conversation.id, **payload},
    )


class Opened(NamedTuple):
    conversation: Conversation
    created: bool
    first_message: Message


def do_open_conversation(
    session: Session, *, actor: Actor, inbox: Inbox, contact: Contact, data: ConversationIn
) -> Opened:
    """Open a conversation with its first inbound message; idempotent on provider id."""
    if contact.client_id != inbox.client_id:
        raise Invalid(
            "the contact and the inbox belong to different clients", code="client_mismatch"
        )
    if data.provider_message_id:
        existing = session.scalars(
            select(Message).where(
                Message.inbox_id == inbox.id,
                Message.provider_message_id == data.provider_message_id,
            )
        ).first()
        if existing is not None:
            conversation = session.get(Conversation, existing.conversation_id)
            assert conversation is not None
            return Opened(conversation, False, existing)
    now = utcnow()
    conversation = Conversation(
        client_id=inbox.client_id,
        inbox_id=inbox.id,
        contact_id=contact.id,
        channel=inbox.channel,
        subject=data.subject,
        priority=data.priority.value,
        language=data.language,
        last_message_at=now,
    )
    session.add(conversation)
    session.flush()
    message = add_message(
        session, conversation=conversation, direction=Direction.INBOUND, kind=MessageKind.MESSAGE,
        author_type=AuthorType.CONTACT, author_contact_id=contact.id, text=data.text,
        html=data.html, provider_message_id=data.provider_message_id,
    )  # fmt: skip
    record_reporting_event(
        session, type=ReportingEventType.CONVERSATION_CREATED, client_id=conversation.client_id,
        conversation_id=conversation.id, actor_user_id=actor.user_id,
        data={"channel": inbox.channel, "inbox_id": inbox.id},
    )  # fmt: skip
    append_audit(
        session, actor=actor, action="conversation.opened", object_type="conversation",
        object_id=conversation.id, client_id=conversation.client_id,
        summary={"inbox_id": inbox.id, "contact_id": contact.id},
    )  # fmt: skip
    after_conversation_opened(session, conversation=conversation, message=message)
    return Opened(conversation, True, message)


def after_conversation_opened(
    session: Session, *, conversation: Conversation, message: Message
) -> None:
    """What a new conversation tells the rest of the application (realtime, routing, SLA,
    enrichment). The webhook fast path (`channels/ingest_fast.py`) calls it too: hooks for
    an opened conversation go here, not in `do_open_conversation`, so both paths run them."""
    _announce(session, conversation, "conversation.created")
    on_conversation_opened(session, conversation=conversation)
    start_conversation_sla(session, conversation=conversation)
    on_message_received(session, message=message)


def _check_assignee(session: Session, *, conversation: Conversation, assignee: User) -> None:
    grant = session.scalars(
        select(UserClient).where(
            UserClient.user_id == assignee.id, UserClient.client_id == conversation.client_id
        )
    ).first()
    if grant is None or not assignee.is_active:
        raise Invalid("this person does not work for the conversation's client", code="not_granted")
    if assignee.role == Role.ADVISOR and not grant.certified:
        raise Invalid("this advisor is not certified for the client", code="not_certified")
    if assignee.role in (Role.CLIENT_VIEWER, Role.WORKFORCE_PLANNER):
        raise Invalid(f"a {assignee.role} cannot handle conversations", code="invalid_assignee")


def do_assign(
    session: Session,
    *,
    actor: Actor,
    conversation: Conversation,
    assignee: User | None,
    team: Team | None,
    data: AssignIn,
) -> None:
    if actor.role == Role.ADVISOR:
        mine = conversation.assignee_id in (None, actor.user_id)
        if not mine or (assignee is not None and assignee.id != actor.user_id):
            raise Forbidden("advisors may only take or release their own conversations")
    if assignee is not None:
        _check_assignee(session, conversation=conversation, assignee=assignee)
    if team is not None and team.client_id != conversation.client_id:
        raise Invalid("the team serves another client", code="client_mismatch")
    previous = conversation.assignee_id
    new_id = assignee.id if assignee else None
    if previous == new_id and (team is None or team.id == conversation.team_id):
        return
    conversation.assignee_id = new_id
    if previous != new_id and conversation.status not in CLOSED_STATES:
        if previous is not None:
            on_conversation_released(session, conversation=conversation, advisor_id=previous)
        if new_id is not None:
            on_conversation_assigned(session, conversation=conversation, advisor_id=new_id)
    if team is not None:
        conversation.team_id = team.id
    event_type = ReportingEventType.ASSIGNED if previous is None else ReportingEventType.TRANSFERRED
    record_reporting_event(
        session, type=event_type, client_id=conversation.client_id,
        conversation_id=conversation.id, actor_user_id=actor.user_id,
        data={"from": previous, "to": new_id, "team_id": conversation.team_id},
    )  # fmt: skip
    append_audit(
        session, actor=actor, action="conversation.assigned", object_type="conversation",
        object_id=conversation.id, client_id=conversation.client_id,
        summary={"before": {"assignee_id": previous}, "after": {"assignee_id": new_id},
                 "note": data.note},
    )  # fmt: skip
    recipients = _recipients(conversation)
    if previous is not None:
        recipients.append(agent_channel(previous))
    record_event(
        session, type="conversation.assigned", client_id=conversation.client_id,
        recipients=recipients,
        payload={"conversation_id": conversation.id, "from": previous, "to": new_id},
    )  # fmt: skip


def do_set_status(
    session: Session, *, actor: Actor, conversation: Conversation, data: StatusIn
) -> None:
    new, old = data.status.value, conversation.status
    if new == ConversationStatus.SNOOZED.value:
        if data.snooze_until is None or data.snooze_until <= utcnow():
            raise Invalid("snoozing needs snooze_until in the future", code="invalid_snooze")
        conversation.snoozed_until = data.snooze_until
    elif data.snooze_until is not None:
        raise Invalid("snooze_until only goes with the snoozed status", code="invalid_snooze")
    else:
        conversation.snoozed_until = None
    if new == old:
        return
    conversation.status = new
    on_sla_status(session, conversation=conversation, previous=old)
    now = utcnow()
    if new in CLOSED_STATES and old not in CLOSED_STATES:
        conversation.resolved_at = now
        event_type = ReportingEventType.RESOLVED
        on_conversation_released(
            session, conversation=conversation, advisor_id=conversation.assignee_id
        )
        mask_closed_chat(session, conversation=conversation)  # the client's policy on PII
    elif old in CLOSED_STATES and new not in CLOSED_STATES:
        conversation.resolved_at = None
        event_type = ReportingEventType.REOPENED
        if conversation.assignee_id is not None:
            on_conversation_assigned(
                session, conversation=conversation, advisor_id=conversation.assignee_id
            )
    else:
        event_type = ReportingEventType.STATUS_CHANGED
    record_reporting_event(
        session, type=event_type, client_id=conversation.client_id,
        conversation_id=conversation.id, actor_user_id=actor.user_id,
        data={"from": old, "to": new},
    )  # fmt: skip
    append_audit(
        session, actor=actor, action="conversation.status_changed", object_type="conversation",
        object_id=conversation.id, client_id=conversation.client_id,
        summary={"before": {"status": old}, "after": {"status": new}},
    )  # fmt: skip
    _announce(session, conversation, "conversation.status_changed", status=new)


def do_add_tags(
    session: Session, *, actor: Actor, conversation: Conversation, tags: list[str]
) -> None:
    present = set(
        session.scalars(
            select(ConversationTag.tag).where(ConversationTag.conversation_id == conversation.id)
        )
    )
    added = sorted({t.strip().lower() for t in tags} - present)
    for tag in added:
        session.add(
            ConversationTag(
                client_id=conversation.client_id,
                conversation_id=conversation.id,
                tag=tag,
                last_message_at=conversation.last_message_at,
            )  # fmt: skip
        )
    if added:
        append_audit(
            session, actor=actor, action="conversation.tagged", object_type="conversation",
            object_id=conversation.id, client_id=conversation.client_id, summary={"added": added},
        )  # fmt: skip
        _announce(session, conversation, "conversation.tags_changed", added=added)


def do_remove_tag(session: Session, *, actor: Actor, conversation: Conversation, tag: str) -> None:
    result = session.execute(
        delete(ConversationTag).where(
            ConversationTag.conversation_id == conversation.id,
            ConversationTag.tag == tag.strip().lower(),
        )
    )
    if not result.rowcount:
        raise Conflict(f"the conversation has no tag {tag!r}", code="tag_absent")
    append_audit(
        session, actor=actor, action="conversation.untagged", object_type="conversation",
        object_id=conversation.id, client_id=conversation.client_id, summary={"removed": tag},
    )  # fmt: skip
    _announce(session, conversation, "conversation.tags_changed", removed=[tag])


def do_post_message(
    session: Session,
    *,
    actor: Actor,
    conversation: Conversation,
    kind: MessageKind,
    text: str,
    html: str | None,
) -> Message:
    """An advisor's reply to the customer, or an internal note."""
    actor.require(Permission.NOTES_WRITE if kind == MessageKind.NOTE else Permission.MESSAGES_REPLY)
    if kind == MessageKind.MESSAGE and conversation.status == ConversationStatus.CLOSED.value:
        raise Conflict("the conversation is closed; reopen it before replying", code="closed")
    message = add_message(
        session, conversation=conversation, direction=Direction.OUTBOUND, kind=kind,
        author_type=AuthorType.USER, author_user_id=actor.user_id, text=text, html=html,
    )  # fmt: skip
    on_sla_reply(session, conversation=conversation, message=message)
    if kind == MessageKind.MESSAGE and conversation.first_response_at is None:
        conversation.first_response_at = message.created_at
        seconds = (message.created_at - conversation.created_at).total_seconds()
        record_reporting_event(
            session, type=ReportingEventType.FIRST_RESPONSE, client_id=conversation.client_id,
            conversation_id=conversation.id, actor_user_id=actor.user_id,
            data={"seconds": round(seconds, 3)},
        )  # fmt: skip
    outbound_job = OUTBOUND_JOBS.get(conversation.channel)
    if kind == MessageKind.MESSAGE and outbound_job is not None:
        message.delivery_state = "queued"
        enqueue_job(session, type=outbound_job, payload={"message_id": message.id},
                    client_id=conversation.client_id)  # fmt: skip
    append_audit(
        session, actor=actor, action=f"conversation.{kind.value}_posted",
        object_type="message", object_id=message.id, client_id=conversation.client_id,
        summary={"conversation_id": conversation.id, "chars": len(text)},
    )  # fmt: skip
    record_note_mentions(session, actor=actor, message=message)
    _announce(session, conversation, "message.created", message_id=message.id, kind=kind.value)
    return message


def do_receive_message(
    session: Session,
    *,
    actor: Actor,
    conversation: Conversation,
    text: str,
    html: str | None = None,
    provider_message_id: str | None = None,
) -> Message:
    """A customer's message on an existing conversation; a resolved one reopens."""
    message = add_message(
        session, conversation=conversation, direction=Direction.INBOUND,
        kind=MessageKind.MESSAGE, author_type=AuthorType.CONTACT,
        author_contact_id=conversation.contact_id, text=text, html=html,
        provider_message_id=provider_message_id,
    )  # fmt: skip
    if conversation.status != ConversationStatus.OPEN.value:
        do_set_status(
            session, actor=actor, conversation=conversation,
            data=StatusIn(status=ConversationStatus.OPEN),
        )  # fmt: skip
    after_customer_message(session, conversation=conversation, message=message)
    return message


def after_customer_message(
    session: Session, *, conversation: Conversation, message: Message
) -> None:
    """What a customer's message on a live conversation tells the rest of the application;
    shared with the webhook fast path like `after_conversation_opened`."""
    on_sla_customer_message(session, conversation=conversation)
    on_message_received(session, message=message)
    _announce(session, conversation, "message.created", message_id=message.id, kind="message")
