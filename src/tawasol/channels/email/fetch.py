"""Fetching one inbox's new mail over IMAP, exactly once across restarts.

Each mail is committed in its own unit of work together with the folder's new `last_uid`, so
a crash between two mails refetches nothing that was stored and skips nothing that was not.
UIDs are only compared under the same UIDVALIDITY; when the server changes it we start again
from UID 1 and the Message-ID idempotency of ingest (and of kept raw mail) absorbs the
repeats. Mails are fetched with BODY.PEEK and marked \\Seen only after their commit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.channels.email.imap import ImapError, ImapMailbox
from tawasol.channels.email.quarantine import keep_raw_email
from tawasol.channels.email.receive import do_receive_email
from tawasol.channels.email.settings import EmailSettings
from tawasol.db.tenancy import Scope
from tawasol.db.types import utcnow
from tawasol.models.inbox import Inbox
from tawasol.models.mailbox import MailboxState
from tawasol.runtime import Runtime

log = logging.getLogger(__name__)
ACTOR = Actor.system("email-fetcher")


@dataclass
class FetchReport:
    inbox_id: int
    uidvalidity: int | None = None
    uidvalidity_reset: bool = False
    last_uid: int = 0
    fetched: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    error: str | None = None

    def count(self, status: str) -> int:
        return self.outcomes.get(status, 0)


def _state(session: Session, inbox: Inbox, folder: str) -> MailboxState:
    state = session.scalars(
        select(MailboxState).where(MailboxState.inbox_id == inbox.id, MailboxState.folder == folder)
    ).first()
    if state is None:
        state = MailboxState(client_id=inbox.client_id, inbox_id=inbox.id, folder=folder)
        session.add(state)
        session.flush()
    return state


def _load(runtime: Runtime, inbox_id: int) -> tuple[EmailSettings, int, int | None]:
    with runtime.db.unit(Scope.system()) as session:
        inbox = session.get(Inbox, inbox_id)
        if inbox is None:
            raise LookupError(f"no inbox {inbox_id}")
        settings = EmailSettings.from_inbox_settings(inbox.settings)
        state = _state(session, inbox, settings.imap_folder)
        return settings, state.last_uid, state.uidvalidity


def _record_error(runtime: Runtime, inbox_id: int, folder: str, error: str) -> None:
    with runtime.db.unit(Scope.system()) as session:
        inbox = session.get(Inbox, inbox_id)
        if inbox is not None:
            state = _state(session, inbox, folder)
            state.last_error = error[:500]
            state.last_poll_at = utcnow()


def fetch_inbox(
    runtime: Runtime, inbox_id: int, *, mailbox: ImapMailbox | None = None
) -> FetchReport:
    """Take every mail newer than the stored mark; errors end up in the report and state."""
    report = FetchReport(inbox_id=inbox_id)
    settings, last_uid, known_validity = _load(runtime, inbox_id)
    owned = mailbox is None
    try:
        mailbox = mailbox or ImapMailbox(settings)
        validity = mailbox.select_folder()
        report.uidvalidity = validity
        if known_validity is not None and known_validity != validity:
            log.warning("inbox %s: UIDVALIDITY %s -> %s, refetching", inbox_id,
                        known_validity, validity)  # fmt: skip
            report.uidvalidity_reset, last_uid = True, 0
        uids = mailbox.uids_after(last_uid)
        for start in range(0, len(uids), 20):
            chunk = uids[start : start + 20]
            raws = mailbox.fetch(chunk)
            for uid in chunk:
                _take(runtime, report, inbox_id, settings.imap_folder, validity, uid, raws.get(uid))
            mailbox.mark_seen([uid for uid in chunk if uid in raws])  # after their commits
        if not uids:
            _advance(runtime, inbox_id, settings.imap_folder, validity, last_uid)
        report.last_uid = uids[-1] if uids else last_uid
    except (ImapError, OSError) as exc:
        report.error = f"{type(exc).__name__}: {exc}"
        log.warning("inbox %s: fetch failed: %s", inbox_id, report.error)
        _record_error(runtime, inbox_id, settings.imap_folder, report.error)
    finally:
        if owned and mailbox is not None:
            mailbox.close()
    return report


def _take(
    runtime: Runtime,
    report: FetchReport,
    inbox_id: int,
    folder: str,
    validity: int,
    uid: int,
    raw: bytes | None,
) -> None:
    """One mail and the mark that follows it, in one commit.

    A mail that makes the receive step fail unexpectedly (a bug, not bad mail) is kept raw
    in a second unit and the mark moves on, so one poison mail cannot stall the inbox.
    """
    try:
        with runtime.db.unit(Scope.system()) as session:
            inbox = session.get(Inbox, inbox_id)
            assert inbox is not None
            if raw is not None:  # None: expunged between SEARCH and FETCH, nothing to keep
                outcome = do_receive_email(
                    session, actor=ACTOR, inbox=inbox, raw=raw,
                    data_dir=runtime.settings.data_dir, uid=uid, uidvalidity=validity,
                )  # fmt: skip
                status = outcome.status
            _mark(session, inbox, folder, validity, uid)
    except Exception as exc:
        if raw is None:
            raise
        log.exception("inbox %s: UID %s could not be received; kept raw", inbox_id, uid)
        with runtime.db.unit(Scope.system()) as session:
            inbox = session.get(Inbox, inbox_id)
            assert inbox is not None
            keep_raw_email(
                session, actor=ACTOR, inbox=inbox, raw=raw, reason="error",
                error=f"{type(exc).__name__}: {exc}"[:2000], resolved=False, uid=uid,
                uidvalidity=validity,
            )  # fmt: skip
            _mark(session, inbox, folder, validity, uid)
        status = "quarantined"
    if raw is not None:
        report.outcomes[status] = report.outcomes.get(status, 0) + 1
        report.fetched += 1


def _mark(session: Session, inbox: Inbox, folder: str, validity: int, uid: int) -> None:
    state = _state(session, inbox, folder)
    state.uidvalidity, state.last_uid = validity, uid
    state.last_poll_at, state.last_error = utcnow(), None


def _advance(runtime: Runtime, inbox_id: int, folder: str, validity: int, last_uid: int) -> None:
    with runtime.db.unit(Scope.system()) as session:
        inbox = session.get(Inbox, inbox_id)
        assert inbox is not None
        _mark(session, inbox, folder, validity, last_uid)
