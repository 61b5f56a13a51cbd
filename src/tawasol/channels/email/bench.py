"""`tawasol bench email`: mail fetched from a real IMAP server into the embedded default.

A temporary Dovecot (`dovecot.py`) gets N mails appended (not timed), then one `fetch_inbox`
pass takes them all exactly as the inbox watcher does: UID SEARCH, batched UID FETCH
(BODY.PEEK), parse, store (message, contact, conversation, attachments, audit, outbox) with
the folder mark in the same commit, then \\Seen. The rate is mails handled per second of that
pass; `p99_ms` is the parse + store + commit time of one mail. The baseline, measured in the
same run on the same bytes, is `parse_email` alone: what the rate would be if storing and
IMAP cost nothing.

The mix is the test corpus (tricky mail of every kind, when run from a checkout) or a small
built-in set of ordinary mail; each copy gets its own Message-ID and sender so every mail is
new work, not a duplicate.
"""

from __future__ import annotations

import base64
import contextlib
import os
import platform
import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from tawasol.auth.actor import Actor
from tawasol.channels.email.dovecot import TemporaryDovecot
from tawasol.channels.email.fetch import fetch_inbox
from tawasol.channels.email.parse import UnparseableEmail, parse_email
from tawasol.clients.actions import do_create_client
from tawasol.clients.schemas import ClientIn
from tawasol.config import Settings
from tawasol.db.tenancy import Scope
from tawasol.inboxes.actions import do_create_inbox
from tawasol.inboxes.schemas import InboxIn
from tawasol.migrations_runner import upgrade
from tawasol.models.vocabulary import Channel
from tawasol.runtime import Runtime

CHECKOUT_CORPUS = Path(__file__).resolve().parents[4] / "tests" / "channels" / "email" / "corpus"
_MESSAGE_ID = re.compile(rb"^message-id:.*(?:\r?\n[ \t].*)*\r?\n", re.I | re.M)
_PDF = base64.b64encode(b"%PDF-1.7\n" + b"facture 2026-1142\n" * 200).decode()
BUILTIN = [
    "Subject: Commande 1142\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    "Bonjour, ma commande n'est pas arrivée. Merci de vérifier.\r\n",
    "Subject: =?utf-8?b?2LfZhNioINmF2LPYp9i52K/YqQ==?=\r\nContent-Type: text/plain; "
    "charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    + base64.encodebytes("السلام عليكم، الطلبية ما وصلاتش 🙏".encode()).decode(),
    "Subject: Factura\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    "La factura est=E1 mal, =BFpueden revisarla?\r\n",
    'Subject: Re: Livraison\r\nContent-Type: multipart/alternative; boundary="a"\r\n\r\n--a\r\n'
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "Toujours rien.\r\n\r\n> Le colis part demain.\r\n"
    "--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Toujours <b>rien</b>.</p>"
    "<blockquote>Le colis part demain.</blockquote><script>x()</script>\r\n--a--\r\n",
    'Subject: Justificatif\r\nContent-Type: multipart/mixed; boundary="m"\r\n\r\n--m\r\n'
    "Content-Type: text/plain; charset=utf-8\r\n\r\nCi-joint la facture.\r\n--m\r\n"
    'Content-Type: application/pdf; name="facture.pdf"\r\nContent-Transfer-Encoding: base64\r\n'
    f'Content-Disposition: attachment; filename="facture.pdf"\r\n\r\n{_PDF}\r\n--m--\r\n',
]


def _builtin(index: int) -> bytes:
    return f"From: Client {index % 300} <client{index % 300}@example.net>\r\n".encode() + (
        BUILTIN[index % len(BUILTIN)].encode()
    )


def _without_message_id(raw: bytes) -> bytes:
    """The mail with its own Message-ID header removed (headers only: a forwarded or bounced
    mail quotes other Message-IDs in its body, which stay)."""
    match = re.search(rb"\r?\n\r?\n", raw)
    end = raw.index(b"\n", match.start()) + 1 if match else len(raw)  # past the last header
    return _MESSAGE_ID.sub(b"", raw[:end], count=1) + raw[end:]


def mail_mix(count: int, corpus: Path | None = None) -> tuple[list[bytes], str]:
    """`count` distinct mails: the corpus repeated (or the built-in set), each re-identified."""
    folder = corpus or (CHECKOUT_CORPUS if CHECKOUT_CORPUS.is_dir() else None)
    sources = sorted(folder.glob("*.eml")) if folder else []
    templates = [p.read_bytes() for p in sources]
    mails = []
    for index in range(count):
        raw = templates[index % len(templates)] if templates else _builtin(index)
        raw = _without_message_id(raw)
        mails.append(f"Message-ID: <bench-{index}@bench.tawasol>\r\n".encode() + raw)
    label = f"corpus:{len(templates)}" if templates else f"builtin:{len(BUILTIN)}"
    return mails, label


def _parse_only(mails: list[bytes]) -> float:
    started = time.perf_counter()
    for raw in mails:
        with contextlib.suppress(UnparseableEmail):  # kept raw in production: still handled
            parse_email(raw)
    return len(mails) / (time.perf_counter() - started)


def _email_inbox(runtime: Runtime, server: TemporaryDovecot) -> tuple[int, str]:
    user, password = server.new_account()
    settings = {"imap_host": "127.0.0.1", "imap_port": server.port, "imap_user": user,
                "imap_password": password, "imap_ssl": False, "imap_idle": False,
                "from_address": "support@bench.example"}  # fmt: skip
    with runtime.db.unit(Scope.system()) as session:
        client = do_create_client(
            session, actor=Actor.system(), data=ClientIn(name="Bench mail", slug="bench-mail")
        )
        data = InboxIn(client_id=client.id, name="mail", channel=Channel.EMAIL, settings=settings)
        inbox = do_create_inbox(session, actor=Actor.system(), client=client, data=data)
        return inbox.id, user


def run_email_benchmark(*, messages: int = 1000, corpus: Path | None = None) -> dict[str, Any]:
    mails, mix = mail_mix(messages, corpus)
    data_dir = Path(tempfile.mkdtemp(prefix="tawasol-bench-email-"))
    settings = Settings(data_dir=data_dir, run_worker=False, secret_key="bench")
    upgrade(settings.resolved_database_url)
    runtime = Runtime.build(settings)
    try:
        with TemporaryDovecot(accounts=2) as server:
            inbox_id, user = _email_inbox(runtime, server)
            server.append_many(user, mails)
            parse_rate = _parse_only(mails)
            started, cpu = time.perf_counter(), time.process_time()
            report = fetch_inbox(runtime, inbox_id)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        runtime.close()
    if report.error:
        raise RuntimeError(f"the fetch failed: {report.error}")
    ordered = sorted(report.store_ms)
    return {
        "benchmark": "email_ingest_imap",
        "database": "sqlite (embedded default)",
        "imap_server": "dovecot on loopback",
        "messages": report.fetched,
        "mix": mix,
        "outcomes": report.outcomes,
        "messages_per_second": round(report.fetched / wall, 1),
        "p50_ms": round(statistics.median(ordered), 2),
        "p99_ms": round(ordered[max(0, int(len(ordered) * 0.99) - 1)], 2),
        "seconds": round(wall, 2),
        # Tawasol's own CPU time (Dovecot's is not counted): the rate on a machine not shared.
        "cpu_seconds": round(cpu, 2),
        "messages_per_cpu_second": round(report.fetched / cpu, 1),
        "baseline": {
            "name": "parse_email only, same mails",
            "messages_per_second": round(parse_rate, 1),
        },
        "target_messages_per_second": 100,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
    }
