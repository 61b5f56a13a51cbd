"""A temporary Dovecot IMAP server on loopback, for the email tests and `tawasol bench email`.

It runs Debian's `dovecot` binary from a temporary directory with its own configuration and a
passwd file of numbered accounts (`user1`… with one password), optionally with TLS: a STARTTLS
capable plain port plus an implicit-TLS (IMAPS) port, and `ssl = required` so that nothing is
accepted in clear. Never used by a running Tawasol: only by code that needs a real server.
"""

from __future__ import annotations

import imaplib
import itertools
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

PASSWORD = "secret"

_CONF = """\
protocols = imap
listen = 127.0.0.1
base_dir = {d}/run
state_dir = {d}/state
instance_name = tawasol-{port}
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
log_path = {d}/dovecot.log
default_login_user = dovenull
default_internal_user = dovecot
default_internal_group = dovecot
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={d}/mail/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
    ssl = {imaps_ssl}
  }}
}}
"""


class DovecotUnavailable(RuntimeError):
    """Dovecot is not installed or did not start; the message says which."""


@dataclass(frozen=True)
class DovecotTls:
    """PEM files of the server's certificate chain and private key."""

    cert_file: Path
    key_file: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def dovecot_binary() -> str | None:
    found = shutil.which("dovecot")
    return found or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None)


def _running(pid: int) -> bool:
    """Alive and not a zombie (a daemon's parent may be an init that never reaps)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


class TemporaryDovecot:
    """`with TemporaryDovecot(tls=...) as server:` — accounts are written before start, since
    Dovecot may not notice a passwd file edited within the same second."""

    def __init__(self, *, accounts: int = 200, tls: DovecotTls | None = None) -> None:
        self.accounts = accounts
        self.tls = tls
        self.port = free_port()
        self.imaps_port = free_port() if tls else 0
        self.directory = Path(tempfile.mkdtemp(prefix="tawasol-dovecot-"))
        self._numbers = itertools.count(1)

    def start(self) -> TemporaryDovecot:
        binary = dovecot_binary()
        if binary is None:
            raise DovecotUnavailable("dovecot is not installed (apt-get install -y dovecot-imapd)")
        d = self.directory
        d.chmod(0o755)  # dovecot's unprivileged users must reach the mail
        (d / "mail").mkdir()
        (d / "passwd").write_text(
            "".join(f"user{n}:{{PLAIN}}{PASSWORD}\n" for n in range(1, self.accounts + 1))
        )
        if os.geteuid() == 0:
            shutil.chown(d / "mail", "nobody", "nogroup")
        tls = "ssl = no"
        if self.tls:
            tls = (f"ssl = required\nssl_cert = <{self.tls.cert_file}\n"
                   f"ssl_key = <{self.tls.key_file}\nssl_min_protocol = TLSv1.2")  # fmt: skip
        conf = d / "dovecot.conf"
        conf.write_text(
            _CONF.format(
                d=d,
                port=self.port,
                imaps_port=self.imaps_port,
                ssl=tls,
                imaps_ssl="yes" if self.tls else "no",
            )
        )
        # Dovecot daemonizes with our stdio still open: a pipe here would never reach EOF.
        with (d / "start.log").open("w") as output:
            result = subprocess.run([binary, "-c", str(conf)], stdout=output, stderr=output)
        if result.returncode != 0:
            self.stop()
            raise DovecotUnavailable(f"dovecot did not start: {self._log('start.log')[:300]}")
        try:
            for port in (self.port, self.imaps_port):
                if port:
                    self._wait_for(port)
        except BaseException:
            self.stop()
            raise
        return self

    def _log(self, name: str) -> str:
        path = self.directory / name
        return path.read_text(errors="replace") if path.exists() else ""

    def _wait_for(self, port: int) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.05)
        raise DovecotUnavailable(f"dovecot did not listen: {self._log('dovecot.log')[-500:]}")

    def stop(self) -> None:
        pid_file = self.directory / "run" / "master.pid"
        if pid_file.exists():
            pid = int(pid_file.read_text().strip())
            os.kill(pid, signal.SIGTERM)
            for _ in range(100):
                if not _running(pid):
                    break
                time.sleep(0.05)
        shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self) -> TemporaryDovecot:
        return self.start()

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stop()

    def new_account(self) -> tuple[str, str]:
        number = next(self._numbers)
        if number > self.accounts:
            raise RuntimeError("no account left: raise `accounts` (all are written at start)")
        return f"user{number}", PASSWORD

    def connect(self, user: str, password: str = PASSWORD) -> imaplib.IMAP4:
        """A plain connection (test set-up only; with TLS the server wants STARTTLS first)."""
        conn = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        if self.tls:  # our own server, reached on loopback to seed mail: no check needed
            context = ssl.create_default_context()
            context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
            conn.starttls(ssl_context=context)
        conn.login(user, password)
        return conn

    def append(self, user: str, raw: bytes, folder: str = "INBOX") -> None:
        self.append_many(user, [raw], folder)

    def append_many(self, user: str, raws: Iterable[bytes], folder: str = "INBOX") -> int:
        conn = self.connect(user)
        count = 0
        try:
            if folder != "INBOX":
                conn.create(folder)  # answers NO when it exists: fine
            for raw in raws:
                typ, data = conn.append(folder, None, None, raw)
                if typ != "OK":
                    raise RuntimeError(f"APPEND refused: {data!r}")
                count += 1
        finally:
            conn.logout()
        return count
