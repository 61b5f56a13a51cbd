"""Fetching from a real Dovecot: exactly once across restarts, UIDVALIDITY resets, IDLE."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from tawasol.channels.email.fetch import fetch_inbox
from tawasol.channels.email.poller import poll_all_once, watch_inbox
from tawasol.db.tenancy import Scope
from tawasol.models import Conversation, MailboxState, Message, RawEmail
from tests.channels.email.conftest import CORPUS, make_email_inbox


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def counts(runtime, inbox_id: int) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """(conversations, messages, kept raw mails) of one inbox."""
    with runtime.db.unit(Scope.system(), write=False) as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(m).where(m.inbox_id == inbox_id))
            for m in (Conversation, Message, RawEmail)
        )


def test_fetch_exactly_once_across_restarts(runtime, dovecot, mail_inbox) -> None:  # type: ignore[no-untyped-def]
    for name in ("01_plain_ascii.eml", "09_nested_alternative_in_mixed.eml",
                 "19_auto_reply_out_of_office.eml"):  # fmt: skip
        dovecot.append(mail_inbox.user, corpus(name))
    dovecot.append(mail_inbox.user, b"this line is no header\r\nnor this one\r\n")
    report = fetch_inbox(runtime, mail_inbox.inbox_id)
    assert report.error is None and report.fetched == 4
    assert report.outcomes == {"ingested": 2, "ignored": 1, "quarantined": 1}
    assert counts(runtime, mail_inbox.inbox_id) == (2, 2, 2)

    restarted = fetch_inbox(runtime, mail_inbox.inbox_id)  # a new connection, as after a restart
    assert restarted.fetched == 0 and restarted.last_uid == report.last_uid

    dovecot.append(mail_inbox.user, corpus("03_base64_utf8_arabic_emoji.eml"))
    later = fetch_inbox(runtime, mail_inbox.inbox_id)
    assert later.fetched == 1 and later.outcomes == {"ingested": 1}
    assert counts(runtime, mail_inbox.inbox_id) == (3, 3, 2)

    conn = dovecot.connect(mail_inbox.user, "secret")
    conn.select("INBOX")
    _, unseen = conn.uid("SEARCH", "UNSEEN")
    conn.logout()
    assert unseen == [b""]  # every mail marked \Seen once committed


def test_uidvalidity_change_refetches_without_duplicates(runtime, dovecot, smtp_server) -> None:  # type: ignore[no-untyped-def]
    box = make_email_inbox(runtime, dovecot, smtp_server, imap_folder="Support")
    first, second = corpus("02_qp_latin1.eml"), corpus("04_windows1256_arabic.eml")
    for raw in (first, second):
        dovecot.append(box.user, raw, folder="Support")
    before = fetch_inbox(runtime, box.inbox_id)
    assert before.outcomes == {"ingested": 2}

    conn = dovecot.connect(box.user, "secret")  # the folder is rebuilt: new UIDVALIDITY
    assert conn.delete("Support")[0] == "OK"
    conn.logout()
    for raw in (first, second, corpus("05_windows1252_qp.eml")):
        dovecot.append(box.user, raw, folder="Support")
    after = fetch_inbox(runtime, box.inbox_id)
    assert after.uidvalidity_reset and after.uidvalidity != before.uidvalidity
    assert after.outcomes == {"duplicate": 2, "ingested": 1}
    assert counts(runtime, box.inbox_id)[:2] == (3, 3)
    with runtime.db.unit(Scope.system(), write=False) as session:
        state = session.scalars(
            select(MailboxState).where(MailboxState.inbox_id == box.inbox_id)
        ).one()
    assert (state.uidvalidity, state.last_uid) == (after.uidvalidity, 3)


def test_unreachable_server_is_reported_not_raised(runtime, dovecot, smtp_server) -> None:  # type: ignore[no-untyped-def]
    box = make_email_inbox(runtime, dovecot, smtp_server, imap_password="wrong")
    report = fetch_inbox(runtime, box.inbox_id)
    assert report.error and "log in" in report.error
    assert any(r.inbox_id == box.inbox_id and r.error for r in poll_all_once(runtime))
    with runtime.db.unit(Scope.system(), write=False) as session:
        state = session.scalars(
            select(MailboxState).where(MailboxState.inbox_id == box.inbox_id)
        ).one()
    assert state.last_error and state.last_uid == 0


@pytest.mark.parametrize("idle", [True, False], ids=["idle", "polling"])
def test_watcher_takes_new_mail_quickly(runtime, dovecot, smtp_server, idle: bool) -> None:  # type: ignore[no-untyped-def]
    box = make_email_inbox(runtime, dovecot, smtp_server, imap_idle=idle)
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch_inbox, args=(runtime, box.inbox_id),
        kwargs={"stop": stop, "poll_seconds": 0.2, "idle_seconds": 30, "retry_seconds": 0.2},
    )  # fmt: skip
    watcher.start()
    try:
        time.sleep(0.5)  # the first pass finds an empty folder, then waits
        dovecot.append(box.user, corpus("17_rtl_emoji_subject.eml"))
        deadline = time.monotonic() + 10
        while counts(runtime, box.inbox_id)[1] == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert counts(runtime, box.inbox_id)[1] == 1
        assert time.monotonic() < deadline
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert not watcher.is_alive()
