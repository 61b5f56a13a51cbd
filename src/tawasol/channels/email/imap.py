"""A small IMAP client over the standard library's `imaplib`: select a folder, list UIDs
after a mark, fetch without marking seen, mark seen later, and wait with IDLE.

`imaplib` has no IDLE before Python 3.14, so `idle()` speaks the command itself (RFC 2177):
it waits on the socket with `select` (never a socket timeout, which would poison imaplib's
buffered reader) and always ends with DONE so the connection stays usable.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import select
import ssl
import threading
import time
from types import TracebackType

from tawasol.channels.email.settings import EmailSettings
from tawasol.channels.email.tls import TlsFailure, check_pin, client_context, describe

FETCH_BATCH = 20
_UID = re.compile(rb"\bUID (\d+)")
_ACTIVITY = re.compile(rb"^\* \d+ (EXISTS|RECENT)\b|^\* \d+ FETCH\b", re.I)


class ImapError(RuntimeError):
    """The server refused a command or the connection broke."""


def _check(typ: str, data: list[object], what: str) -> list[object]:
    if typ != "OK":
        raise ImapError(f"IMAP {what} failed: {data!r}"[:300])
    return data


class ImapMailbox:
    def __init__(self, settings: EmailSettings, *, timeout: float = 30.0) -> None:
        host = settings.require_imap()
        self.timeout = timeout
        self.folder = settings.imap_folder
        self.conn = _connect(settings, host, timeout)
        try:
            _check(*self.conn.login(settings.imap_user, settings.imap_password), "LOGIN")
            typ, data = self.conn.capability()
            capabilities = b" ".join(x for x in data if isinstance(x, bytes)).upper().split()
        except (OSError, imaplib.IMAP4.error, ImapError) as exc:
            with contextlib.suppress(OSError):
                self.conn.shutdown()  # no socket left behind by a refused login
            raise ImapError(f"cannot log in to {host}:{settings.imap_port}: {exc}") from exc
        self.supports_idle = settings.imap_idle and b"IDLE" in capabilities
        self.uidvalidity: int | None = None

    def __enter__(self) -> ImapMailbox:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def select_folder(self) -> int:
        """Open the folder read-write (we set \\Seen) and return its UIDVALIDITY."""
        typ, data = self.conn.select(_quote(self.folder))
        _check(typ, data, f"SELECT {self.folder}")
        _, values = self.conn.response("UIDVALIDITY")
        if not values or values[0] is None:
            raise ImapError("the server did not announce UIDVALIDITY")
        self.uidvalidity = int(values[-1])
        return self.uidvalidity

    def uids_after(self, last_uid: int) -> list[int]:
        # "n:*" always matches the last message, even when its UID is below n: filter.
        data = _check(*self.conn.uid("SEARCH", "UID", f"{last_uid + 1}:*"), "UID SEARCH")
        raw = b" ".join(x for x in data if isinstance(x, bytes))
        return sorted(uid for uid in map(int, raw.split()) if uid > last_uid)

    def fetch(self, uids: list[int]) -> dict[int, bytes]:
        """The raw bytes of each UID still present (an expunged one is simply absent)."""
        found: dict[int, bytes] = {}
        for start in range(0, len(uids), FETCH_BATCH):
            chunk = ",".join(str(u) for u in uids[start : start + FETCH_BATCH])
            data = _check(*self.conn.uid("FETCH", chunk, "(UID BODY.PEEK[])"), "UID FETCH")
            for item in data:
                if isinstance(item, tuple) and len(item) == 2:
                    match = _UID.search(item[0])
                    if match:
                        found[int(match.group(1))] = item[1]
        return found

    def mark_seen(self, uids: list[int]) -> None:
        if uids:
            joined = ",".join(str(u) for u in uids)
            _check(*self.conn.uid("STORE", joined, "+FLAGS.SILENT", "(\\Seen)"), "UID STORE")

    def idle(self, timeout: float, stop: threading.Event | None = None) -> bool:
        """Wait up to `timeout` seconds for new mail; True when the server announced some."""
        if not self.supports_idle:
            return False
        tag = self.conn._new_tag()  # imaplib's tag counter keeps later commands in step
        self.conn.send(tag + b" IDLE\r\n")
        if not self.conn.readline().startswith(b"+"):
            raise ImapError("the server refused IDLE")
        activity = False
        deadline = time.monotonic() + timeout
        try:
            while not activity and (remaining := deadline - time.monotonic()) > 0:
                if stop is not None and stop.is_set():
                    break
                if self._readable(min(remaining, 1.0)):
                    line = self.conn.readline()
                    if not line:
                        raise ImapError("the server closed the connection during IDLE")
                    activity = bool(_ACTIVITY.match(line))
        finally:
            self.conn.send(b"DONE\r\n")
            while True:  # drain until our tag: late EXISTS lines count as activity too
                line = self.conn.readline()
                if not line:
                    raise ImapError("the server closed the connection after IDLE")
                activity = activity or bool(_ACTIVITY.match(line))
                if line.startswith(tag + b" "):
                    break
        return activity

    def _readable(self, seconds: float) -> bool:
        sock = self.conn.socket()
        if isinstance(sock, ssl.SSLSocket) and sock.pending():
            return True
        ready, _, _ = select.select([sock], [], [], seconds)
        return bool(ready)

    def close(self) -> None:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            self.conn.logout()


def _connect(settings: EmailSettings, host: str, timeout: float) -> imaplib.IMAP4:
    """Open the connection, in TLS unless the inbox says otherwise; a TLS failure is one clear
    sentence (`tls.describe`), never a traceback."""
    port = settings.imap_port
    conn: imaplib.IMAP4 | None = None
    try:
        if not (settings.imap_ssl or settings.imap_starttls):
            conn = imaplib.IMAP4(host, port, timeout=timeout)
            return conn
        context = client_context(settings)
        if settings.imap_ssl:
            conn = imaplib.IMAP4_SSL(host, port, ssl_context=context, timeout=timeout)
        else:
            conn = imaplib.IMAP4(host, port, timeout=timeout)
            if "STARTTLS" not in conn.capabilities:
                raise TlsFailure(f"TLS: {host}:{port} does not offer STARTTLS; refused to log "
                                 "in without encryption")  # fmt: skip
            conn.starttls(ssl_context=context)
        check_pin(conn.sock, settings, host, port)
        return conn
    except (TlsFailure, ssl.SSLError) as exc:
        _drop(conn)
        raise ImapError(describe(exc, host, port)) from exc
    except (OSError, imaplib.IMAP4.error) as exc:
        _drop(conn)
        raise ImapError(f"cannot reach {host}:{port}: {exc}") from exc


def _drop(conn: imaplib.IMAP4 | None) -> None:
    if conn is not None:
        with contextlib.suppress(OSError):
            conn.shutdown()


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'
