"""A full email thread through real servers: customer mail in by IMAP, the advisor's reply
out by SMTP with threading headers, the customer's answer back into the same conversation,
and a bounce of the reply marking it failed without opening anything."""

from __future__ import annotations

import email
from email import policy

from sqlalchemy import func, select

from tawasol.channels.email.fetch import fetch_inbox
from tawasol.channels.email.send import enqueue_email_send
from tawasol.conversations.actions import do_post_message
from tawasol.db.tenancy import Scope
from tawasol.models import Client, Conversation, EmailEnvelope, Message, OutboxEvent
from tawasol.models.vocabulary import MessageKind
from tests.channels.email.conftest import ACTOR

CUSTOMER = "rachid.customer@example.net"


def _customer_mail(to: str, message_id: str, subject: str, body: str, **headers: str) -> bytes:
    extra = "".join(f"{name.replace('_', '-')}: {value}\r\n" for name, value in headers.items())
    return (
        f"From: Rachid <{CUSTOMER}>\r\nTo: {to}\r\nSubject: {subject}\r\n"
        f"Message-ID: {message_id}\r\n{extra}Content-Type: text/plain; charset=utf-8\r\n\r\n"
        f"{body}\r\n"
    ).encode()


def _reply(runtime, conversation_id: int, text: str) -> int:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system()) as session:
        conversation = session.get(Conversation, conversation_id)
        message = do_post_message(
            session, actor=ACTOR, conversation=conversation, kind=MessageKind.MESSAGE,
            text=text, html=None,
        )  # fmt: skip
        enqueue_email_send(session, message=message)  # what the do_post_message hook does
        return message.id


def _opened_by(runtime, dovecot, mail_inbox, mail: bytes) -> int:  # type: ignore[no-untyped-def]
    """The customer's first mail, fetched over IMAP: the conversation it opened."""
    dovecot.append(mail_inbox.user, mail)
    assert fetch_inbox(runtime, mail_inbox.inbox_id).outcomes == {"ingested": 1}
    with runtime.db.unit(Scope.system(), write=False) as session:
        return session.scalars(
            select(Conversation.id).where(Conversation.inbox_id == mail_inbox.inbox_id)
        ).one()


def test_reply_threads_in_both_directions(runtime, dovecot, smtp_server, mail_inbox) -> None:  # type: ignore[no-untyped-def]
    first = _customer_mail(mail_inbox.address, "<c1@example.net>", "Coupure fibre",
                           "Plus de fibre depuis ce matin.", References="<c0@example.net>")  # fmt: skip
    conversation_id = _opened_by(runtime, dovecot, mail_inbox, first)

    reply_id = _reply(runtime, conversation_id, "Bonjour, un technicien passe demain à 10h.")
    runtime.relay.drain()
    runtime.relay.drain()  # a second run of the job sends nothing more (idempotent)
    sent = [m for m in smtp_server.messages if CUSTOMER in m.rcpt_tos]
    assert len(sent) == 1 and sent[0].mail_from == mail_inbox.address
    mail = email.message_from_bytes(sent[0].data, policy=policy.default)
    assert mail["To"].addresses[0].addr_spec == CUSTOMER
    assert mail["From"].addresses[0].addr_spec == mail_inbox.address
    assert mail["Subject"] == "Re: Coupure fibre"
    assert mail["In-Reply-To"] == "<c1@example.net>"
    assert str(mail["References"]).split() == ["<c0@example.net>", "<c1@example.net>"]
    assert "technicien passe demain à 10h" in mail.get_body(("plain",)).get_content()
    assert "technicien" in mail.get_body(("html",)).get_content()
    with runtime.db.unit(Scope.system(), write=False) as session:
        reply = session.get(Message, reply_id)
        assert reply.provider_message_id == mail["Message-ID"]
        envelope = session.scalars(
            select(EmailEnvelope).where(EmailEnvelope.message_id == reply_id)
        ).one()
        assert envelope.delivery_state == "sent"

    # The customer answers from their mail client: new subject, but In-Reply-To our reply.
    answer = _customer_mail(mail_inbox.address, "<c2@example.net>", "merci mais",
                            "Demain je suis absent.\r\n\r\n> Bonjour, un technicien",
                            In_Reply_To=mail["Message-ID"],
                            References=f"<c0@example.net> <c1@example.net> {mail['Message-ID']}")  # fmt: skip
    dovecot.append(mail_inbox.user, answer)
    assert fetch_inbox(runtime, mail_inbox.inbox_id).outcomes == {"ingested": 1}
    with runtime.db.unit(Scope.system(), write=False) as session:
        texts = session.scalars(
            select(Message.text)
            .where(Message.conversation_id == conversation_id)
            .order_by(Message.id)
        ).all()
    assert texts[1:] == ["Bonjour, un technicien passe demain à 10h.", "Demain je suis absent."]

    # The reply bounces: its delivery fails, no conversation is opened, nobody is answered.
    bounce = (
        f"From: MAILER-DAEMON@mx.example.net\r\nTo: {mail_inbox.address}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <bounce-1@mx.example.net>\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="R"\r\n\r\n'
        "--R\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
        "--R\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
        "Final-Recipient: rfc822; rachid.customer@example.net\r\nAction: failed\r\n"
        "Status: 5.2.2\r\nDiagnostic-Code: smtp; 552 mailbox full\r\n"
        f"--R\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: {mail['Message-ID']}\r\n--R--\r\n"
    ).encode()
    before = len(smtp_server.messages)
    dovecot.append(mail_inbox.user, bounce)
    assert fetch_inbox(runtime, mail_inbox.inbox_id).outcomes == {"bounce": 1}
    runtime.relay.drain()
    assert len(smtp_server.messages) == before  # no mail loop
    with runtime.db.unit(Scope.system(), write=False) as session:
        reply = session.get(Message, reply_id)
        envelope = session.scalars(
            select(EmailEnvelope).where(EmailEnvelope.message_id == reply_id)
        ).one()
        conversations = session.scalar(
            select(func.count())
            .select_from(Conversation)
            .where(Conversation.inbox_id == mail_inbox.inbox_id)
        )
    assert reply.delivery_state == "failed" and "mailbox full" in (reply.delivery_detail or "")
    assert envelope.delivery_state == "failed"
    assert conversations == 1


def test_inbox_without_smtp_fails_the_reply_once(runtime, dovecot, mail_inbox) -> None:  # type: ignore[no-untyped-def]
    from tests.channels.email.conftest import make_email_inbox

    box = make_email_inbox(runtime, dovecot, None)
    dovecot.append(box.user, _customer_mail(box.address, "<n1@example.net>", "Sans SMTP", "Allo"))
    fetch_inbox(runtime, box.inbox_id)
    with runtime.db.unit(Scope.system(), write=False) as session:
        conversation_id = session.scalars(
            select(Conversation.id).where(Conversation.inbox_id == box.inbox_id)
        ).one()
    reply_id = _reply(runtime, conversation_id, "Réponse")
    runtime.relay.drain()
    with runtime.db.unit(Scope.system(), write=False) as session:
        reply = session.get(Message, reply_id)
    assert reply.delivery_state == "failed" and "smtp_host" in (reply.delivery_detail or "")
    assert reply.provider_message_id is None


def test_a_sent_reply_is_stored_masked_under_the_policy(
    runtime, dovecot, smtp_server, mail_inbox
) -> None:  # type: ignore[no-untyped-def]
    """The customer receives what the advisor wrote; the stored copy keeps no personal data
    once the mail has left (the client's `redact_stored_pii` policy)."""
    with runtime.db.unit(Scope.system()) as session:
        client = session.get(Client, mail_inbox.client_id)
        client.redact_stored_pii = True
    first = _customer_mail(mail_inbox.address, "<p1@example.net>", "Remboursement", "Bonjour")
    conversation_id = _opened_by(runtime, dovecot, mail_inbox, first)
    iban = "MA64011519000001205000534921"
    masked = _reply(runtime, conversation_id, f"Le virement part sur l'IBAN {iban} demain.")
    plain = _reply(runtime, conversation_id, "Bonne journée.")
    runtime.relay.drain()
    sent = [m for m in smtp_server.messages if CUSTOMER in m.rcpt_tos]
    bodies = [email.message_from_bytes(m.data, policy=policy.default) for m in sent]
    assert any(iban in b.get_body(("plain",)).get_content() for b in bodies)  # as written
    with runtime.db.unit(Scope.system(), write=False) as session:
        stored = session.get(Message, masked)
        assert stored.redacted and stored.html is None and stored.delivery_state == "sent"
        assert stored.text == "Le virement part sur l'IBAN [IBAN] demain."
        assert session.get(Message, plain).redacted is False  # nothing personal in it
        events = session.scalars(
            select(OutboxEvent).where(
                OutboxEvent.type == "message.redacted",
                OutboxEvent.client_id == mail_inbox.client_id,
            )
        ).all()
        assert [e.payload["message_id"] for e in events] == [masked]
