"""Real mail servers for the email tests: Dovecot (IMAP) and aiosmtpd (SMTP), on loopback.

Dovecot runs from a temporary directory with its own configuration (see the recipe in the
shared TESTING.md); each test gets its own IMAP account, so tests never see each other's
mail. Both fixtures skip with the reason when the server is not installed.
"""

from __future__ import annotations

import imaplib
import itertools
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tawasol.auth.actor import Actor
from tawasol.db.tenancy import Scope
from tawasol.inboxes.actions import do_create_inbox
from tawasol.inboxes.schemas import InboxIn
from tawasol.models import Client
from tawasol.models.vocabulary import Channel
from tests.factories import make_client

CORPUS = Path(__file__).parent / "corpus"
ACTOR = Actor.system("email-tests")
_accounts = itertools.count(1)
ACCOUNTS = 200

DOVECOT_CONF = """\
protocols = imap
listen = 127.0.0.1
base_dir = {d}/run
state_dir = {d}/state
instance_name = tawasol-test-{port}
ssl = no
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
    port = 0
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Dovecot:
    directory: Path
    port: int

    def new_account(self) -> tuple[str, str]:
        number = next(_accounts)
        assert number <= ACCOUNTS, "raise ACCOUNTS: every account is written before start"
        return f"user{number}", "secret"

    def connect(self, user: str, password: str) -> imaplib.IMAP4:
        conn = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        conn.login(user, password)
        return conn

    def append(self, user: str, raw: bytes, folder: str = "INBOX") -> None:
        conn = self.connect(user, "secret")
        try:
            if folder != "INBOX":
                conn.create(folder)  # answers NO when it exists: fine
            typ, data = conn.append(folder, None, None, raw)
            assert typ == "OK", data
        finally:
            conn.logout()


def _wait_for_port(port: int, log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"dovecot did not listen: {log.read_text() if log.exists() else ''}")


def _running(pid: int) -> bool:
    """Alive and not a zombie (a daemon's parent may be an init that never reaps)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    binary = shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
    )
    if binary is None:
        pytest.skip("dovecot is not installed (apt-get install -y dovecot-imapd)")
    # Not under pytest's 0700 tmp root: dovecot's unprivileged users must reach the mail.
    directory = Path(tempfile.mkdtemp(prefix="tawasol-dovecot-"))
    directory.chmod(0o755)
    (directory / "mail").mkdir()
    # All accounts up front: dovecot may not notice a passwd file edited within one second.
    (directory / "passwd").write_text(
        "".join(f"user{n}:{{PLAIN}}secret\n" for n in range(1, ACCOUNTS + 1))
    )
    if os.geteuid() == 0:
        shutil.chown(directory / "mail", "nobody", "nogroup")
    port = free_port()
    conf = directory / "dovecot.conf"
    conf.write_text(DOVECOT_CONF.format(d=directory, port=port))
    # Dovecot daemonizes with our stdio still open: a pipe here would never reach EOF.
    with (directory / "start.log").open("w") as output:
        result = subprocess.run([binary, "-c", str(conf)], stdout=output, stderr=output)
    if result.returncode != 0:
        pytest.skip(f"dovecot did not start: {(directory / 'start.log').read_text()[:300]}")
    try:
        _wait_for_port(port, directory / "dovecot.log")
        yield Dovecot(directory, port)
    finally:
        pid_file = directory / "run" / "master.pid"
        if pid_file.exists():
            pid = int(pid_file.read_text().strip())
            os.kill(pid, signal.SIGTERM)
            for _ in range(100):
                if not _running(pid):
                    break
                time.sleep(0.05)
        shutil.rmtree(directory, ignore_errors=True)


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes


@dataclass
class SmtpSink:
    port: int
    messages: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        self.messages.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        )
        return "250 Message accepted for delivery"


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[SmtpSink]:
    controller_module = pytest.importorskip(
        "aiosmtpd.controller", reason="aiosmtpd is not installed"
    )
    sink = SmtpSink(port=free_port())
    controller = controller_module.Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


@dataclass
class MailInbox:
    inbox_id: int
    client_id: int
    user: str
    address: str


def make_email_inbox(
    runtime, dovecot: Dovecot, smtp: SmtpSink | None = None, **settings: object
) -> MailInbox:  # type: ignore[no-untyped-def]
    user, password = dovecot.new_account()
    address = f"support-{user}@brand.example"
    values: dict[str, object] = {
        "imap_host": "127.0.0.1",
        "imap_port": dovecot.port,
        "imap_user": user,
        "imap_password": password,
        "imap_ssl": False,
        "from_address": address,
        "from_name": "Support Brand",
    }
    if smtp is not None:
        values.update(smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_starttls=False)
    values.update(settings)
    client_id = make_client(runtime)
    with runtime.db.unit(Scope.system()) as session:
        client = session.get(Client, client_id)
        inbox = do_create_inbox(
            session,
            actor=ACTOR,
            client=client,
            data=InboxIn(
                client_id=client_id, name=f"mail {user}", channel=Channel.EMAIL, settings=values
            ),
        )
        return MailInbox(inbox.id, client_id, user, address)


@pytest.fixture
def mail_inbox(runtime, dovecot, smtp_server) -> MailInbox:  # type: ignore[no-untyped-def]
    return make_email_inbox(runtime, dovecot, smtp_server)
