"""Keeping every email inbox fetched: one pass over all of them, or a watcher per inbox
that waits with IDLE where the server offers it and polls otherwise.

Nothing here starts on import: the worker calls `run_email_poller(runtime, stop=...)` (or
`poll_all_once` from a scheduler) and sets `stop` to end it.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import select

from tawasol.channels.email.fetch import FetchReport, fetch_inbox, record_error
from tawasol.channels.email.imap import ImapError, ImapMailbox
from tawasol.channels.email.settings import EmailSettings
from tawasol.db.tenancy import Scope
from tawasol.models.inbox import Inbox
from tawasol.models.vocabulary import Channel
from tawasol.runtime import Runtime

log = logging.getLogger(__name__)


def email_inbox_ids(runtime: Runtime) -> list[int]:
    """Active email inboxes that have an IMAP server configured."""
    with runtime.db.unit(Scope.system(), write=False) as session:
        inboxes = session.scalars(
            select(Inbox).where(Inbox.channel == Channel.EMAIL.value, Inbox.is_active.is_(True))
        ).all()
        return [i.id for i in inboxes if (i.settings or {}).get("imap_host")]


def poll_all_once(runtime: Runtime) -> list[FetchReport]:
    """Fetch every email inbox once (for a scheduler or the CLI); errors stay per inbox."""
    reports = []
    for inbox_id in email_inbox_ids(runtime):
        try:
            reports.append(fetch_inbox(runtime, inbox_id))
        except Exception as exc:  # one broken inbox must not stop the others
            log.exception("inbox %s: fetch crashed", inbox_id)
            reports.append(FetchReport(inbox_id=inbox_id, error=f"{type(exc).__name__}: {exc}"))
    return reports


def watch_inbox(
    runtime: Runtime,
    inbox_id: int,
    *,
    stop: threading.Event,
    poll_seconds: float = 60.0,
    idle_seconds: float = 600.0,
    retry_seconds: float = 30.0,
) -> None:
    """Fetch, then wait for news (IDLE) or for the poll interval, until `stop` is set.

    IDLE is renewed every `idle_seconds` (RFC 2177 asks for less than 29 minutes); a broken
    connection is reopened after `retry_seconds`.
    """
    while not stop.is_set():
        mailbox: ImapMailbox | None = None
        try:
            with runtime.db.unit(Scope.system(), write=False) as session:
                inbox = session.get(Inbox, inbox_id)
                if inbox is None or not inbox.is_active:
                    return
                settings = EmailSettings.from_inbox_settings(inbox.settings)
            try:
                mailbox = ImapMailbox(settings)
            except ImapError as exc:  # unreachable, refused login, TLS: shown on the status
                record_error(runtime, inbox_id, settings.imap_folder, str(exc))
                log.warning("inbox %s: %s; retrying in %ss", inbox_id, exc, retry_seconds)
                stop.wait(retry_seconds)
                continue
            while not stop.is_set():
                report = fetch_inbox(runtime, inbox_id, mailbox=mailbox)
                if report.error:
                    raise ImapError(report.error)
                if mailbox.supports_idle:
                    mailbox.idle(idle_seconds, stop=stop)
                else:
                    stop.wait(poll_seconds)
        except Exception:
            log.exception("inbox %s: watcher error, retrying in %ss", inbox_id, retry_seconds)
            stop.wait(retry_seconds)
        finally:
            if mailbox is not None:
                mailbox.close()


def run_email_poller(
    runtime: Runtime, *, stop: threading.Event, rescan_seconds: float = 300.0, **options: float
) -> None:
    """One watcher thread per email inbox; new inboxes are picked up every `rescan_seconds`."""
    watchers: dict[int, threading.Thread] = {}
    while not stop.is_set():
        for inbox_id in email_inbox_ids(runtime):
            thread = watchers.get(inbox_id)
            if thread is None or not thread.is_alive():
                thread = threading.Thread(
                    target=watch_inbox, args=(runtime, inbox_id), kwargs={"stop": stop, **options},
                    name=f"email-inbox-{inbox_id}", daemon=True,
                )  # fmt: skip
                thread.start()
                watchers[inbox_id] = thread
        stop.wait(rescan_seconds)
    for thread in watchers.values():
        thread.join(timeout=5)
