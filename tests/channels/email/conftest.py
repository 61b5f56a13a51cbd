"""Real mail servers for the email tests: Dovecot (IMAP) and aiosmtpd (SMTP), on loopback.

Dovecot runs from a temporary directory with its own configuration
(`tawasol.channels.email.dovecot`, shared with `tawasol bench email`); each test gets its own
IMAP account, so tests never see each other's mail. Both fixtures skip with the reason when
the server is not installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tawasol.auth.actor import Actor
from tawasol.channels.email.dovecot import DovecotUnavailable, TemporaryDovecot, free_port
from tawasol.db.tenancy import Scope
from tawasol.inboxes.actions import do_create_inbox
from tawasol.inboxes.schemas import InboxIn
from tawasol.models import Client
from tawasol.models.vocabulary import Channel
from tests.factories import make_client

CORPUS = Path(__file__).parent / "corpus"
ACTOR = Actor.system("email-tests")
ACCOUNTS = 200


@pytest.fixture(scope="session")
def dovecot() -> Iterator[TemporaryDovecot]:
    try:
        with TemporaryDovecot(accounts=ACCOUNTS) as server:
            yield server
    except DovecotUnavailable as exc:
        pytest.skip(str(exc))


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
    runtime, dovecot: TemporaryDovecot, smtp: SmtpSink | None = None, **settings: object
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
