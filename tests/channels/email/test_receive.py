"""Receiving mail into the database: conversations, kept raw mail, robots, attachments."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import func, select

from tawasol.channels.email.attachments import attachment_path
from tawasol.channels.email.quarantine import do_resolve_raw_email, list_raw_emails
from tawasol.channels.email.receive import ReceiveOutcome, do_receive_email
from tawasol.db.tenancy import Scope
from tawasol.inboxes.actions import do_create_inbox
from tawasol.inboxes.schemas import InboxIn
from tawasol.models import Client, Conversation, EmailEnvelope, Inbox, Message, RawEmail
from tawasol.models.vocabulary import Channel
from tests.channels.email.conftest import ACTOR, CORPUS
from tests.factories import make_client


@pytest.fixture
def inbox_id(runtime) -> int:  # type: ignore[no-untyped-def]
    client_id = make_client(runtime)
    with runtime.db.unit(Scope.system()) as session:
        client = session.get(Client, client_id)
        data = InboxIn(client_id=client_id, name="mail", channel=Channel.EMAIL,
                       settings={"from_address": "support@brand.example"})  # fmt: skip
        return do_create_inbox(session, actor=ACTOR, client=client, data=data).id


def receive(runtime, inbox_id: int, raw: bytes) -> ReceiveOutcome:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system()) as session:
        inbox = session.get(Inbox, inbox_id)
        return do_receive_email(session, actor=ACTOR, inbox=inbox, raw=raw,
                                data_dir=runtime.settings.data_dir)  # fmt: skip


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def count(runtime, model, **where) -> int:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        query = select(func.count()).select_from(model)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        return session.scalar(query) or 0


def test_every_corpus_mail_leaves_a_trace(runtime, inbox_id) -> None:  # type: ignore[no-untyped-def]
    statuses = {}
    for path in sorted(CORPUS.glob("*.eml")):
        statuses[path.name] = receive(runtime, inbox_id, path.read_bytes()).status
    assert statuses["14_no_sender_at_all.eml"] == "quarantined"
    robots = {"19_auto_reply_out_of_office.eml", "21_mailing_list.eml", "31_x_autoreply_header.eml"}
    assert {n for n, s in statuses.items() if s == "ignored"} == robots
    bounces = {n for n, s in statuses.items() if s == "bounce"}
    assert bounces == {"20_dsn_bounce.eml", "32_plain_mailer_daemon_bounce.eml"}
    ingested = [n for n, s in statuses.items() if s == "ingested"]
    assert len(ingested) == len(statuses) - 6
    assert count(runtime, Message, inbox_id=inbox_id) == len(ingested)
    assert count(runtime, RawEmail, inbox_id=inbox_id) == 6
    # Robots opened nothing: every conversation belongs to a person's mail.
    with runtime.db.unit(Scope.system(), write=False) as session:
        senders = session.scalars(
            select(EmailEnvelope.from_address).where(EmailEnvelope.inbox_id == inbox_id)
        ).all()
    assert not {"mailer-daemon@mx.example.net", "sara.tazi@example.ma"} & set(senders)
    # A second pass (a refetch) duplicates nothing.
    again = {receive(runtime, inbox_id, p.read_bytes()).status for p in CORPUS.glob("*.eml")}
    assert again == {"duplicate"}
    assert count(runtime, Message, inbox_id=inbox_id) == len(ingested)
    assert count(runtime, RawEmail, inbox_id=inbox_id) == 6


def test_folded_history_and_attachments_are_kept(runtime, inbox_id) -> None:  # type: ignore[no-untyped-def]
    outcome = receive(runtime, inbox_id, corpus("22_outlook_reply_fr.eml"))
    nested = receive(runtime, inbox_id, corpus("09_nested_alternative_in_mixed.eml"))
    with runtime.db.unit(Scope.system(), write=False) as session:
        message = session.get(Message, outcome.message_id)
        envelope = session.scalars(
            select(EmailEnvelope).where(EmailEnvelope.message_id == outcome.message_id)
        ).one()
        assert message.text == "Merci, le problème persiste toujours."
        assert "avez-vous redémarré la box" in envelope.quoted_text
        assert envelope.signature == "Envoyé de mon iPhone"
        files = session.get(Message, nested.message_id).attachments
    assert [a["content_type"] for a in files][0] == "application/pdf"
    assert files[0]["declared_type"] == "application/octet-stream"
    stored = runtime.settings.data_dir / files[0]["storage_key"]
    assert stored == attachment_path(runtime.settings.data_dir, files[0]["sha256"])
    assert stored.read_bytes().startswith(b"%PDF-")


def test_huge_attachment_is_described_not_stored(runtime, inbox_id) -> None:  # type: ignore[no-untyped-def]
    blob = os.urandom(25 * 1024 * 1024)  # made at test time: 25 MB are never committed
    raw = (
        b"From: Big <big.sender@example.com>\r\nTo: support@brand.example\r\n"
        b"Subject: Scan\r\nMessage-ID: <big-25mb@example.com>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\n'
        b"Content-Type: text/plain\r\n\r\nLe scan est joint.\r\n--B\r\n"
        b'Content-Type: application/pdf; name="scan.pdf"\r\nContent-Transfer-Encoding: base64\r\n'
        b"Content-Disposition: attachment\r\n\r\n"
    )
    import base64

    raw += base64.encodebytes(b"%PDF-1.7\n" + blob) + b"--B--\r\n"
    outcome = receive(runtime, inbox_id, raw)
    assert outcome.status == "ingested"
    with runtime.db.unit(Scope.system(), write=False) as session:
        (meta,) = session.get(Message, outcome.message_id).attachments
        envelope = session.scalars(
            select(EmailEnvelope).where(EmailEnvelope.message_id == outcome.message_id)
        ).one()
    assert meta["size"] == len(blob) + 9 and meta["content_type"] == "application/pdf"
    assert meta["storage_key"] is None and "larger than" in meta["skipped"]
    assert not attachment_path(runtime.settings.data_dir, meta["sha256"]).exists()
    assert any("scan.pdf not stored" in flag for flag in envelope.flags)


def _subject_mail(mid: str, subject: str) -> bytes:
    return (f"From: Hind <hind@example.ma>\r\nSubject: {subject}\r\nMessage-ID: <{mid}>\r\n"
            f"Content-Type: text/plain\r\n\r\n{subject} body\r\n").encode()  # fmt: skip


def test_same_subject_continues_the_conversation(runtime, inbox_id) -> None:  # type: ignore[no-untyped-def]
    first = receive(runtime, inbox_id, _subject_mail("s1@x", "Coupure internet"))
    receive(runtime, inbox_id, _subject_mail("s2@x", "Autre sujet"))
    same = receive(runtime, inbox_id, _subject_mail("s3@x", "RE : TR: coupure  Internet"))
    assert same.conversation_id == first.conversation_id and not same.opened_conversation


# The shared ingest path falls back to the contact's live conversation unless told not to;
# email asks it not to (`extra["thread_by_contact"]`).
def test_new_subject_opens_a_new_conversation(runtime, inbox_id) -> None:  # type: ignore[no-untyped-def]
    first = receive(runtime, inbox_id, _subject_mail("n1@x", "Coupure internet"))
    other = receive(runtime, inbox_id, _subject_mail("n2@x", "Question facture"))
    assert other.opened_conversation and other.conversation_id != first.conversation_id


def test_quarantined_mail_is_listed_and_resolved(runtime, inbox_id) -> None:  # type: ignore[no-untyped-def]
    garbage = b"\x00\xff\xfe this is not an email at all \x00"
    outcome = receive(runtime, inbox_id, garbage)
    assert outcome.status == "quarantined"
    assert receive(runtime, inbox_id, garbage).raw_email_id == outcome.raw_email_id
    with runtime.db.unit(Scope.system()) as session:
        (row,) = list_raw_emails(session, inbox_id=inbox_id)
        assert row.raw == garbage and row.reason == "unparseable" and row.error
        do_resolve_raw_email(session, actor=ACTOR, raw_email=row)
    with runtime.db.unit(Scope.system(), write=False) as session:
        assert list_raw_emails(session, inbox_id=inbox_id) == []
        assert len(list_raw_emails(session, inbox_id=inbox_id, include_resolved=True)) == 1
    with runtime.db.unit(Scope.clients({-1}), write=False) as session:
        assert list_raw_emails(session, inbox_id=inbox_id, include_resolved=True) == []
    assert count(runtime, Conversation, inbox_id=inbox_id) == 0


@pytest.mark.parametrize(("limit_mb", "stored"), [(None, True), (0.004, False)])
def test_the_attachment_limit_is_the_inbox_own(runtime, limit_mb, stored: bool) -> None:  # type: ignore[no-untyped-def]
    client_id = make_client(runtime)
    settings = {"from_address": "support@brand.example"}
    if limit_mb is not None:
        settings["max_attachment_mb"] = limit_mb  # 0.004 MiB = 4194 bytes
    with runtime.db.unit(Scope.system()) as session:
        data = InboxIn(client_id=client_id, name="mail", channel=Channel.EMAIL, settings=settings)
        box = do_create_inbox(
            session, actor=ACTOR, client=session.get(Client, client_id), data=data
        )
        box_id = box.id
    pdf = b"%PDF-1.7\n" + os.urandom(6000)
    import base64

    raw = (
        b"From: Nadia <nadia@example.com>\r\nTo: support@brand.example\r\nSubject: Devis\r\n"
        + f"Message-ID: <limit-{limit_mb}@example.com>\r\n".encode()
        + b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\n'
        b"Content-Type: text/plain\r\n\r\nLe devis.\r\n--B\r\nContent-Type: application/pdf; "
        b'name="devis.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + base64.encodebytes(pdf)
        + b"--B--\r\n"
    )
    outcome = receive(runtime, box_id, raw)
    assert outcome.status == "ingested"
    with runtime.db.unit(Scope.system(), write=False) as session:
        (meta,) = session.get(Message, outcome.message_id).attachments
    assert (meta["storage_key"] is not None) is stored
    assert attachment_path(runtime.settings.data_dir, meta["sha256"]).exists() is stored
    if not stored:
        assert meta["skipped"] == "larger than 4194 bytes"
