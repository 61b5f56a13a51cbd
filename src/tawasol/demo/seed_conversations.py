"""Playing the demo corpus into the database: contacts, conversations, replies, assignment,
tags and outcomes, each at a plausible moment of the last two weeks."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.auth.permissions import ROLE_PERMISSIONS
from tawasol.contacts.actions import do_create_contact
from tawasol.contacts.schemas import ContactIn, IdentityIn
from tawasol.conversations.actions import (
    OUTBOUND_JOBS,
    do_add_tags,
    do_assign,
    do_open_conversation,
    do_post_message,
    do_receive_message,
    do_set_status,
)
from tawasol.conversations.schemas import AssignIn, ConversationIn, StatusIn
from tawasol.db.types import clock_at, utcnow
from tawasol.demo.corpus import ClientBrand, ConversationScript, conversation_scripts
from tawasol.models.client import Client
from tawasol.models.contact import Contact, ContactIdentity
from tawasol.models.conversation import Conversation
from tawasol.models.inbox import Inbox
from tawasol.models.message import Message
from tawasol.models.outbox import OutboxEvent
from tawasol.models.skill import AdvisorLanguage
from tawasol.models.user import User, UserClient
from tawasol.models.vocabulary import ConversationStatus, MessageKind, Role


def _advisors_by_language(session: Session, client: Client) -> dict[str, list[User]]:
    rows = session.execute(
        select(User, AdvisorLanguage.language)
        .join(UserClient, UserClient.user_id == User.id)
        .join(AdvisorLanguage, AdvisorLanguage.user_id == User.id)
        .where(UserClient.client_id == client.id, UserClient.certified.is_(True),
               User.role == Role.ADVISOR.value, AdvisorLanguage.proficiency >= 3)
        .order_by(User.id)
    ).all()  # fmt: skip
    by_language: dict[str, list[User]] = {}
    for user, language in rows:
        by_language.setdefault(language, []).append(user)
    return by_language


def _advisor_actor(user: User) -> Actor:
    return Actor(user_id=user.id, label=user.email, role=Role.ADVISOR, client_ids=None,
                 permissions=ROLE_PERMISSIONS[Role.ADVISOR])  # fmt: skip


def _contact_for(
    session: Session, *, actor: Actor, client: Client, script: ConversationScript
) -> Contact:
    owner = session.scalars(
        select(ContactIdentity.contact_id).where(
            ContactIdentity.client_id == client.id, ContactIdentity.kind == "email",
            ContactIdentity.value == script.customer.email.lower())
    ).first()  # fmt: skip
    if owner is not None:
        contact = session.get(Contact, owner)
        assert contact is not None
        return contact
    identities = [IdentityIn(kind="email", value=script.customer.email)]
    phone_taken = session.scalars(
        select(ContactIdentity.id).where(ContactIdentity.client_id == client.id,
                                         ContactIdentity.value == script.customer.phone)
    ).first()  # fmt: skip
    if not phone_taken:
        kind = "whatsapp" if script.channel == "whatsapp" else "phone"
        identities.append(IdentityIn(kind=kind, value=script.customer.phone))
    data = ContactIn(client_id=client.id, name=script.customer.full_name,
                     locale=script.language, identities=identities)  # fmt: skip
    return do_create_contact(session, actor=actor, client=client, data=data)


def _play(
    session: Session, *, actor: Actor, conversation: Conversation, script: ConversationScript,
    advisor: User | None, moment: datetime, rng: random.Random,
) -> datetime:  # fmt: skip
    for turn in script.turns[1:]:
        moment += timedelta(minutes=rng.randint(2, 45))
        with clock_at(moment):
            if turn.direction == "inbound":
                do_receive_message(session, actor=actor, conversation=conversation, text=turn.text)
            elif advisor is not None:
                do_post_message(session, actor=_advisor_actor(advisor), conversation=conversation,
                                kind=MessageKind.MESSAGE, text=turn.text, html=None)  # fmt: skip
    return moment


def _conclude(session: Session, *, actor: Actor, conversation: Conversation,
              script: ConversationScript, moment: datetime) -> None:  # fmt: skip
    if script.status_hint == "open":
        return
    with clock_at(moment + timedelta(minutes=3)):
        do_set_status(session, actor=actor, conversation=conversation,
                      data=StatusIn(status=ConversationStatus(script.status_hint)))  # fmt: skip


def seed_conversations(
    session: Session, *, actor: Actor, brand: ClientBrand, client: Client,
    inboxes: dict[str, Inbox], count: int, seed: int, rng: random.Random, start: datetime,
) -> tuple[int, int]:  # fmt: skip
    """Returns (conversations, messages) created for this client."""
    advisors = _advisors_by_language(session, client)
    fallback = advisors.get("fr", [])
    scripts = conversation_scripts(client_kind=brand.kind, count=count, seed=seed)
    messages = 0
    for index, script in enumerate(scripts):
        inbox = inboxes.get(script.channel) or next(iter(inboxes.values()))
        moment = start + timedelta(days=rng.uniform(0, 13.5), hours=rng.uniform(-4, 4))
        contact = _contact_for(session, actor=actor, client=client, script=script)
        with clock_at(moment):
            conversation, _, _ = do_open_conversation(
                session, actor=actor, inbox=inbox, contact=contact,
                data=ConversationIn(inbox_id=inbox.id, contact_id=contact.id,
                                    subject=script.subject, text=script.turns[0].text,
                                    language=script.language,
                                    provider_message_id=f"demo-{brand.slug}-{index}"),
            )  # fmt: skip
        conversation.intent, conversation.sentiment = script.intent, script.sentiment
        pool = advisors.get(script.language) or fallback
        stays_queued = script.status_hint == "open" and rng.random() < 0.4
        advisor = None if stays_queued or not pool else rng.choice(pool)
        if advisor is not None:
            moment += timedelta(minutes=rng.randint(1, 20))
            with clock_at(moment):
                do_assign(session, actor=actor, conversation=conversation, assignee=advisor,
                          team=None, data=AssignIn(assignee_id=advisor.id))  # fmt: skip
        with clock_at(moment):
            do_add_tags(session, actor=actor, conversation=conversation, tags=[script.intent])
        moment = _play(session, actor=actor, conversation=conversation, script=script,
                       advisor=advisor, moment=moment, rng=rng)  # fmt: skip
        _conclude(session, actor=actor, conversation=conversation, script=script, moment=moment)
        messages += 1 + sum(1 for t in script.turns[1:] if t.direction == "inbound" or advisor)
    _settle_history(session, client=client)
    return len(scripts), messages


def _settle_history(session: Session, *, client: Client) -> None:
    """The seeded replies are history, delivered long ago: their sending jobs are closed
    instead of trying providers the demo inboxes hold no credentials for."""
    session.flush()
    session.execute(
        update(OutboxEvent)
        .where(OutboxEvent.client_id == client.id, OutboxEvent.kind == "job",
               OutboxEvent.type.in_(set(OUTBOUND_JOBS.values())),
               OutboxEvent.published_at.is_(None))
        .values(published_at=utcnow(), last_error="demo history: not sent")
    )  # fmt: skip
    session.execute(
        update(Message)
        .where(Message.client_id == client.id, Message.delivery_state == "queued")
        .values(delivery_state="delivered")
    )
