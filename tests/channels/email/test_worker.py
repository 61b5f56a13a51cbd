"""A node's background workers pick up new mail by themselves (no manual fetch)."""

from __future__ import annotations

import time

from tawasol.runtime import Runtime
from tests.channels.email.conftest import make_email_inbox
from tests.channels.email.test_imap import corpus, counts
from tests.conftest import settings_for


def test_started_workers_fetch_new_mail(runtime, dovecot, smtp_server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    box = make_email_inbox(runtime, dovecot, smtp_server)
    node = Runtime.build(settings_for(tmp_path, runtime.settings.resolved_database_url))
    node.start_workers(idle_seconds=0.2)
    threads = list(node.threads)
    try:
        dovecot.append(box.user, corpus("03_base64_utf8_arabic_emoji.eml"))
        deadline = time.monotonic() + 20
        while counts(runtime, box.inbox_id)[1] == 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert counts(runtime, box.inbox_id)[:2] == (1, 1)
    finally:
        node.close()
    assert threads and all(not thread.is_alive() for thread in threads)
