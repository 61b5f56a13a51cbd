"""Batched fetching from a real Dovecot: a crash inside a batch commits nothing of it and the
next pass takes every mail exactly once; a mail that breaks the receive step is kept raw while
the rest of its batch goes in."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tawasol.channels.email import fetch as fetch_module
from tawasol.channels.email.fetch import fetch_inbox
from tawasol.db.tenancy import Scope
from tawasol.models import MailboxState, RawEmail
from tests.channels.email.conftest import make_email_inbox
from tests.channels.email.test_imap import counts


def _mail(number: int) -> bytes:
    return (f"From: Client {number} <client{number}@example.net>\r\nTo: support@brand.example\r\n"
            f"Subject: Demande {number}\r\nMessage-ID: <batch-{number}@example.net>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour, demande {number}.\r\n"
            ).encode()  # fmt: skip


def _unseen(dovecot, user: str) -> list[int]:  # type: ignore[no-untyped-def]
    conn = dovecot.connect(user)
    conn.select("INBOX")
    _, data = conn.uid("SEARCH", "UNSEEN")
    conn.logout()
    return [int(uid) for uid in data[0].split()]


def _mark(runtime, inbox_id: int) -> int:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        state = session.scalars(
            select(MailboxState).where(MailboxState.inbox_id == inbox_id)
        ).first()
        return state.last_uid if state else 0


class WorkerKilled(BaseException):
    """Stands for the process dying: not an error any code is allowed to catch."""


def test_a_crash_inside_a_batch_loses_and_doubles_nothing(runtime, dovecot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(fetch_module, "FETCH_BATCH", 4)
    box = make_email_inbox(runtime, dovecot, None)
    dovecot.append_many(box.user, [_mail(n) for n in range(1, 11)])
    real = fetch_module.do_receive_email
    taken: list[int] = []

    def dies_on_the_sixth(session, **kwargs):  # type: ignore[no-untyped-def]
        taken.append(kwargs["uid"])
        if kwargs["uid"] == 6:
            raise WorkerKilled
        return real(session, **kwargs)

    monkeypatch.setattr(fetch_module, "do_receive_email", dies_on_the_sixth)
    with pytest.raises(WorkerKilled):
        fetch_inbox(runtime, box.inbox_id)
    assert taken == [1, 2, 3, 4, 5, 6]
    # The first batch (UIDs 1-4) is committed and seen; nothing of the second (5-8) is.
    assert counts(runtime, box.inbox_id)[1] == 4
    assert _mark(runtime, box.inbox_id) == 4
    assert _unseen(dovecot, box.user) == [5, 6, 7, 8, 9, 10]

    monkeypatch.setattr(fetch_module, "do_receive_email", real)  # the worker restarts
    report = fetch_inbox(runtime, box.inbox_id)
    assert report.error is None and report.outcomes == {"ingested": 6}
    assert counts(runtime, box.inbox_id)[:2] == (10, 10)
    assert _mark(runtime, box.inbox_id) == 10 and _unseen(dovecot, box.user) == []


def test_a_poison_mail_is_kept_raw_and_its_batch_goes_in(runtime, dovecot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    box = make_email_inbox(runtime, dovecot, None)
    dovecot.append_many(box.user, [_mail(n) for n in range(20, 25)])
    real = fetch_module.do_receive_email

    def fails_on_the_third(session, **kwargs):  # type: ignore[no-untyped-def]
        result = real(session, **kwargs)  # writes, then fails: the savepoint must undo it
        if kwargs["uid"] == 3:
            raise RuntimeError("a bug in the receive step")
        return result

    monkeypatch.setattr(fetch_module, "do_receive_email", fails_on_the_third)
    report = fetch_inbox(runtime, box.inbox_id)
    assert report.outcomes == {"ingested": 4, "quarantined": 1}
    assert counts(runtime, box.inbox_id) == (4, 4, 1)
    with runtime.db.unit(Scope.system(), write=False) as session:
        kept = session.scalars(select(RawEmail).where(RawEmail.inbox_id == box.inbox_id)).one()
    assert (kept.uid, kept.reason, kept.resolved) == (3, "error", False)
    assert "a bug in the receive step" in (kept.error or "")
    assert _mark(runtime, box.inbox_id) == 5 and _unseen(dovecot, box.user) == []
