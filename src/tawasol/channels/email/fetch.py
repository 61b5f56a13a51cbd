"""Fetching one inbox's new mail over IMAP, exactly once across restarts.

Mail is taken in batches (one UID FETCH of up to `FETCH_BATCH` mails): the batch's mails and
the folder's new `last_uid` are committed together, in one unit of work, and only then marked
\\Seen. A crash inside a batch commits nothing of it and moves no mark, so the next pass
refetches exactly that batch; nothing stored is fetched again and nothing is skipped. Each
mail runs in its own savepoint, so one mail that fails unexpectedly is kept raw instead and
the others still go in. UIDs are only compared under the same UIDVALIDITY; when the server
changes it we start again from UID 1 and the Message-ID idempotency of ingest (and of kept
raw mail) absorbs the repeats. Mails are fetched with BODY.PEEK.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.channels.email.imap import FETCH_BATCH, ImapError, ImapMailbox
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
    store_ms: list[float] = field(default_factory=list)  # parse + store + commit, per mail

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


def record_error(runtime: Runtime, inbox_id: int, folder: str, error: str) -> None:
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
        for start in range(0, len(uids), FETCH_BATCH):
            chunk = uids[start : start + FETCH_BATCH]
            raws = mailbox.fetch(chunk)
            _take_batch(runtime, report, inbox_id, settings.imap_folder, validity, chunk, raws)
            mailbox.mark_seen([uid for uid in chunk if uid in raws])  # after their commit
        if not uids:
            _advance(runtime, inbox_id, settings.imap_folder, validity, last_uid)
        report.last_uid = uids[-1] if uids else last_uid
    except (ImapError, OSError) as exc:
        report.error = f"{type(exc).__name__}: {exc}"
        log.warning("inbox %s: fetch failed: %s", inbox_id, report.error)
        record_error(runtime, inbox_id, settings.imap_folder, report.error)
    finally:
        if owned and mailbox is not None:
            mailbox.close()
    return report


def _take_batch(
    runtime: Runtime,
    report: FetchReport,
    inbox_id: int,
    folder: str,
    validity: int,
    chunk: list[int],
    raws: dict[int, bytes],
) -> None:
    """The batch's mails and the mark after its last UID, in one commit (a UID absent from
    `raws` was expunged between SEARCH and FETCH: nothing to keep)."""
    timings: list[float] = []
    statuses: list[str] = []
    with runtime.db.unit(Scope.system()) as session:
        inbox = session.get(Inbox, inbox_id)
        assert inbox is not None
        for uid in chunk:
            if uid in raws:
                started = time.perf_counter()
                statuses.append(_take(session, runtime, inbox, validity, uid, raws[uid]))
                timings.append(time.perf_counter() - started)
        _mark(session, inbox, folder, validity, chunk[-1])
        committing = time.perf_counter()
    commit_share = (time.perf_counter() - committing) / max(1, len(timings))
    for status, seconds in zip(statuses, timings, strict=True):
        report.outcomes[status] = report.outcomes.get(status, 0) + 1
        report.fetched += 1
        report.store_ms.append((seconds + commit_share) * 1000)


def _take(
    session: Session, runtime: Runtime, inbox: Inbox, validity: int, uid: int, raw: bytes
) -> str:
    """One mail in its own savepoint. A mail that makes the receive step fail unexpectedly
    (a bug, not bad mail) is kept raw instead, so one poison mail cannot stall the inbox."""
    try:
        with session.begin_nested():
            return do_receive_email(
                session, actor=ACTOR, inbox=inbox, raw=raw, data_dir=runtime.settings.data_dir,
                uid=uid, uidvalidity=validity,
            ).status  # fmt: skip
    except Exception as exc:
        log.exception("inbox %s: UID %s could not be received; kept raw", inbox.id, uid)
        with session.begin_nested():
            keep_raw_email(
                session, actor=ACTOR, inbox=inbox, raw=raw, reason="error",
                error=f"{type(exc).__name__}: {exc}"[:2000], resolved=False, uid=uid,
                uidvalidity=validity,
            )  # fmt: skip
        return "quarantined"


def _mark(session: Session, inbox: Inbox, folder: str, validity: int, uid: int) -> None:
    state = _state(session, inbox, folder)
    state.uidvalidity, state.last_uid = validity, uid
    state.last_poll_at, state.last_error = utcnow(), None


def _advance(runtime: Runtime, inbox_id: int, folder: str, validity: int, last_uid: int) -> None:
    with runtime.db.unit(Scope.system()) as session:
        inbox = session.get(Inbox, inbox_id)
        assert inbox is not None
        _mark(session, inbox, folder, validity, last_uid)
