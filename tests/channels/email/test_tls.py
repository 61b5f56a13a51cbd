"""Email over TLS against real servers: Dovecot with `ssl = required` (IMAPS and STARTTLS) and
aiosmtpd (SMTPS and required STARTTLS), with certificates made here by `trustme`. Verification
is on by default: an unknown CA, a wrong host name or a wrong pin is refused with one precise
sentence on the inbox's status, and the poller goes on."""

from __future__ import annotations

import hashlib
import ssl
import threading
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select

from tawasol.app import create_app
from tawasol.channels.email.dovecot import DovecotTls, DovecotUnavailable, TemporaryDovecot
from tawasol.channels.email.fetch import fetch_inbox
from tawasol.channels.email.poller import poll_all_once, watch_inbox
from tawasol.channels.email.send import smtp_send
from tawasol.channels.email.settings import EmailSettings
from tawasol.channels.email.tls import TlsFailure
from tawasol.db.tenancy import Scope
from tawasol.models import MailboxState
from tawasol.models.vocabulary import Role
from tests.channels.email.conftest import CORPUS, SmtpSink, free_port, make_email_inbox
from tests.factories import login, make_user

trustme = pytest.importorskip("trustme", reason="trustme is not installed (pip install trustme)")
HOST = "localhost"  # the certificate's only name: 127.0.0.1 is the same server, wrong name


class Pki:
    def __init__(self, folder: Path) -> None:
        self.ca = trustme.CA()
        self.cert = self.ca.issue_cert(HOST)
        self.ca_file = folder / "ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_file))
        self.cert_file, self.key_file = folder / "server.pem", folder / "server.key"
        self.cert.cert_chain_pems[0].write_to_path(str(self.cert_file))
        self.cert.private_key_pem.write_to_path(str(self.key_file))
        der = ssl.PEM_cert_to_DER_cert(self.cert.cert_chain_pems[0].bytes().decode())
        self.fingerprint = hashlib.sha256(der).hexdigest()

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.cert.configure_cert(context)
        return context


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> Pki:  # type: ignore[no-untyped-def]
    return Pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def tls_dovecot(pki: Pki) -> Iterator[TemporaryDovecot]:
    try:
        with TemporaryDovecot(accounts=20, tls=DovecotTls(pki.cert_file, pki.key_file)) as server:
            yield server
    except DovecotUnavailable as exc:
        pytest.skip(str(exc))


def _inbox(runtime, server: TemporaryDovecot, mode: str, **settings: object):  # type: ignore[no-untyped-def]
    port = server.imaps_port if mode == "imaps" else server.port
    values = {"imap_host": HOST, "imap_port": port, "imap_ssl": mode == "imaps",
              "imap_starttls": mode == "starttls", **settings}  # fmt: skip
    return make_email_inbox(runtime, server, None, **values)


def _status(runtime, inbox_id: int) -> MailboxState:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        return session.scalars(select(MailboxState).where(MailboxState.inbox_id == inbox_id)).one()


@pytest.mark.parametrize("mode", ["imaps", "starttls"])
def test_mail_is_fetched_over_verified_tls(runtime, tls_dovecot, pki, mode: str) -> None:  # type: ignore[no-untyped-def]
    box = _inbox(runtime, tls_dovecot, mode, tls_ca_file=str(pki.ca_file))
    tls_dovecot.append(box.user, (CORPUS / "01_plain_ascii.eml").read_bytes())
    report = fetch_inbox(runtime, box.inbox_id)
    assert report.error is None and report.outcomes == {"ingested": 1}


@pytest.mark.parametrize("mode", ["imaps", "starttls"])
def test_an_untrusted_certificate_is_refused_precisely(runtime, tls_dovecot, mode: str) -> None:  # type: ignore[no-untyped-def]
    box = _inbox(runtime, tls_dovecot, mode)  # no tls_ca_file: the system CAs do not know ours
    tls_dovecot.append(box.user, (CORPUS / "01_plain_ascii.eml").read_bytes())
    report = fetch_inbox(runtime, box.inbox_id)
    port = tls_dovecot.imaps_port if mode == "imaps" else tls_dovecot.port
    assert report.fetched == 0
    assert report.error == (
        f"ImapError: TLS: the certificate of {HOST}:{port} is not trusted (unable to get local "
        "issuer certificate); set tls_ca_file to the CA that signed it, or pin a self-signed "
        "certificate with tls_pinned_sha256"
    )
    state = _status(runtime, box.inbox_id)
    assert state.last_error == report.error and state.last_uid == 0
    assert any(r.inbox_id == box.inbox_id and r.error for r in poll_all_once(runtime))

    # The inbox's status, as the API shows it to the client's admin.
    _, admin_email = make_user(runtime, Role.OPERATOR_ADMIN, [box.client_id])
    shown = login(create_app(runtime.settings, runtime), admin_email).get(
        f"/api/v1/inboxes/{box.inbox_id}/email-status"
    )
    assert shown.status_code == 200, shown.text
    assert shown.json()["imap_security"] == ("tls" if mode == "imaps" else "starttls")
    assert shown.json()["trust"] == "system"
    assert shown.json()["folders"][0]["last_error"] == report.error


def test_a_wrong_host_name_is_refused(runtime, tls_dovecot, pki) -> None:  # type: ignore[no-untyped-def]
    box = _inbox(runtime, tls_dovecot, "imaps", imap_host="127.0.0.1", tls_ca_file=str(pki.ca_file))
    report = fetch_inbox(runtime, box.inbox_id)
    assert report.error and report.error.startswith(
        f"ImapError: TLS: the certificate of 127.0.0.1:{tls_dovecot.imaps_port} is not valid "
        "for the host name '127.0.0.1'"
    )


def test_a_self_signed_server_is_accepted_only_by_its_pinned_certificate(
    runtime, tls_dovecot, pki
) -> None:  # type: ignore[no-untyped-def]
    pin = ":".join(pki.fingerprint[i : i + 2].upper() for i in range(0, 64, 2))  # openssl's form
    box = _inbox(runtime, tls_dovecot, "starttls", tls_pinned_sha256=pin)
    tls_dovecot.append(box.user, (CORPUS / "01_plain_ascii.eml").read_bytes())
    assert fetch_inbox(runtime, box.inbox_id).outcomes == {"ingested": 1}

    wrong = _inbox(runtime, tls_dovecot, "imaps", tls_pinned_sha256="ab" * 32)
    report = fetch_inbox(runtime, wrong.inbox_id)
    assert report.error and "does not match tls_pinned_sha256" in report.error
    assert f"presents SHA-256 {pki.fingerprint}" in report.error


def test_an_unreadable_ca_file_is_named(runtime, tls_dovecot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "no-such-ca.pem"
    box = _inbox(runtime, tls_dovecot, "imaps", tls_ca_file=str(missing))
    report = fetch_inbox(runtime, box.inbox_id)
    assert report.error and report.error.startswith(
        f"ImapError: TLS: cannot load tls_ca_file '{missing}'"
    )


def test_imap_starttls_is_not_given_up_silently(runtime, dovecot) -> None:  # type: ignore[no-untyped-def]
    box = make_email_inbox(runtime, dovecot, None, imap_starttls=True)  # a server without TLS
    report = fetch_inbox(runtime, box.inbox_id)
    assert report.error == (
        f"ImapError: TLS: 127.0.0.1:{dovecot.port} does not offer STARTTLS; refused to log in "
        "without encryption"
    )


def test_the_watcher_shows_a_tls_failure_and_keeps_running(runtime, tls_dovecot) -> None:  # type: ignore[no-untyped-def]
    box = _inbox(runtime, tls_dovecot, "imaps")
    stop = threading.Event()
    watcher = threading.Thread(target=watch_inbox, args=(runtime, box.inbox_id),
                               kwargs={"stop": stop, "retry_seconds": 0.1})  # fmt: skip
    watcher.start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with runtime.db.unit(Scope.system(), write=False) as session:
                state = session.scalars(
                    select(MailboxState).where(MailboxState.inbox_id == box.inbox_id)
                ).first()
            if state is not None and state.last_error:
                break
            time.sleep(0.1)
        assert state is not None and "is not trusted" in (state.last_error or "")
        assert watcher.is_alive()  # it retries; nothing crashed
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert not watcher.is_alive()


# ---- SMTP ----


@pytest.fixture(scope="module")
def tls_smtp(pki: Pki) -> Iterator[dict[str, SmtpSink]]:
    controller_module = pytest.importorskip("aiosmtpd.controller")
    implicit, starttls = SmtpSink(port=free_port()), SmtpSink(port=free_port())
    controllers = [
        controller_module.Controller(implicit, hostname="127.0.0.1", port=implicit.port,
                                     ssl_context=pki.server_context(), server_hostname=HOST),
        controller_module.Controller(starttls, hostname="127.0.0.1", port=starttls.port,
                                     tls_context=pki.server_context(), require_starttls=True,
                                     server_hostname=HOST),
    ]  # fmt: skip
    for controller in controllers:
        controller.start()
    try:
        yield {"ssl": implicit, "starttls": starttls}
    finally:
        for controller in controllers:
            controller.stop()


def _mail(subject: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "support@brand.example", "c@example.net", subject
    mail.set_content("Bonjour")
    return mail


def _smtp(sink: SmtpSink, mode: str, **settings: object) -> EmailSettings:
    return EmailSettings.from_inbox_settings({
        "smtp_host": HOST, "smtp_port": sink.port, "smtp_ssl": mode == "ssl",
        "smtp_starttls": mode == "starttls", "from_address": "support@brand.example", **settings,
    })  # fmt: skip


@pytest.mark.parametrize("mode", ["ssl", "starttls"])
def test_mail_is_sent_over_verified_tls(tls_smtp, pki, mode: str) -> None:  # type: ignore[no-untyped-def]
    sink = tls_smtp[mode]
    settings = _smtp(sink, mode, tls_ca_file=str(pki.ca_file))
    smtp_send(settings, _mail(f"via {mode}"), sender="support@brand.example", to="c@example.net")
    assert [m.rcpt_tos for m in sink.messages if b"via " + mode.encode() in m.data] == [
        ["c@example.net"]
    ]


@pytest.mark.parametrize("mode", ["ssl", "starttls"])
def test_sending_to_an_untrusted_server_is_refused(tls_smtp, mode: str) -> None:  # type: ignore[no-untyped-def]
    sink = tls_smtp[mode]
    before = len(sink.messages)
    with pytest.raises(TlsFailure) as refused:
        smtp_send(_smtp(sink, mode), _mail("x"), sender="support@brand.example", to="c@example.net")
    assert str(refused.value).startswith(
        f"TLS: the certificate of {HOST}:{sink.port} is not trusted (unable to get local issuer"
    )
    assert len(sink.messages) == before


def test_starttls_is_not_given_up_silently(smtp_server, tls_smtp) -> None:  # type: ignore[no-untyped-def]
    plain = _smtp(smtp_server, "starttls")  # a server without STARTTLS
    with pytest.raises(TlsFailure, match="does not offer STARTTLS; refused to send without"):
        smtp_send(plain, _mail("x"), sender="support@brand.example", to="c@example.net")
    clear = _smtp(tls_smtp["starttls"], "none", smtp_starttls=False)
    with pytest.raises(Exception, match="STARTTLS"):  # the server requires it, too
        smtp_send(clear, _mail("x"), sender="support@brand.example", to="c@example.net")
