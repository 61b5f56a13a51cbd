"""TLS for an inbox's IMAP and SMTP connections: verification on by default, per-inbox trust.

Certificates are verified against the system's CAs, or against the PEM bundle named by the
inbox's `tls_ca_file` (a company CA). A self-signed server is accepted only when its exact
certificate is pinned with `tls_pinned_sha256` (the SHA-256 of its DER form, as
`openssl x509 -noout -fingerprint -sha256` prints it): that connection skips the CA check but
refuses any other certificate, and each such connection is logged. Failures become one
sentence naming the host and what to change, stored on the inbox's status.
"""

from __future__ import annotations

import hashlib
import logging
import re
import ssl
from typing import Protocol

log = logging.getLogger(__name__)
_HEX = re.compile(r"^[0-9a-f]{64}$")
# OpenSSL's X509_V_ERR_* codes that mean "no trusted issuer" (self-signed, unknown CA).
_UNTRUSTED = {2, 18, 19, 20, 21, 27}
_EXPIRED, _NOT_YET_VALID = 10, 9
_NAME_MISMATCH = {62, 64}  # host name, IP address


class TlsFailure(RuntimeError):
    """The TLS handshake or the certificate check failed; the message says why and what to do."""


class TlsSettings(Protocol):
    @property
    def tls_ca_file(self) -> str | None: ...

    @property
    def tls_pinned_sha256(self) -> str | None: ...


def normalise_fingerprint(value: object) -> str | None:
    """`AB:CD:…` or `abcd…` as 64 lowercase hex digits; None when absent or malformed."""
    if not value:
        return None
    text = str(value).replace(":", "").replace(" ", "").strip().lower()
    return text if _HEX.match(text) else None


def client_context(settings: TlsSettings) -> ssl.SSLContext:
    if settings.tls_pinned_sha256:
        # The pin replaces the CA check (done after the handshake by `check_pin`).
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    else:
        try:
            context = ssl.create_default_context(cafile=settings.tls_ca_file or None)
        except (OSError, ssl.SSLError) as exc:
            wanted = settings.tls_ca_file
            raise TlsFailure(f"TLS: cannot load tls_ca_file {wanted!r}: {exc}") from exc
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def check_pin(sock: object, settings: TlsSettings, host: str, port: int) -> None:
    """After the handshake: with a pin, the server must present exactly that certificate."""
    pin = settings.tls_pinned_sha256
    if not pin:
        return
    der = sock.getpeercert(binary_form=True) if isinstance(sock, ssl.SSLSocket) else None
    seen = hashlib.sha256(der).hexdigest() if der else "none"
    if seen != pin:
        raise TlsFailure(
            f"TLS: the certificate of {host}:{port} does not match tls_pinned_sha256 "
            f"(the server presents SHA-256 {seen}); refused"
        )
    log.warning("%s:%s: CA check skipped, certificate accepted by its pinned SHA-256", host, port)


def describe(exc: BaseException, host: str, port: int) -> str:
    """One sentence for the inbox's status: what failed, on which server, and the remedy."""
    where = f"{host}:{port}"
    if isinstance(exc, TlsFailure):
        return str(exc)
    if isinstance(exc, ssl.SSLCertVerificationError):
        code, reason = exc.verify_code, exc.verify_message or exc.reason or str(exc)
        if code in _NAME_MISMATCH:
            return (f"TLS: the certificate of {where} is not valid for the host name {host!r} "
                    f"({reason}); use the name the certificate was issued for")  # fmt: skip
        if code in _UNTRUSTED:
            return (f"TLS: the certificate of {where} is not trusted ({reason}); set tls_ca_file "
                    "to the CA that signed it, or pin a self-signed certificate with "
                    "tls_pinned_sha256")  # fmt: skip
        if code in (_EXPIRED, _NOT_YET_VALID):
            return f"TLS: the certificate of {where} is outside its validity dates ({reason})"
        return f"TLS: the certificate of {where} was refused ({reason})"
    if isinstance(exc, ssl.SSLError):
        return f"TLS: the handshake with {where} failed ({exc.reason or exc})"
    return f"TLS: {where}: {exc}"
