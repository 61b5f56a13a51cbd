"""An email inbox's connection settings and limits, read from `Inbox.settings`.

Keys: imap_host, imap_port, imap_user, imap_password, imap_ssl, imap_starttls, imap_folder,
imap_idle, smtp_host, smtp_port, smtp_user, smtp_password, smtp_starttls, smtp_ssl,
tls_ca_file, tls_pinned_sha256, from_address, from_name, max_attachment_mb, max_message_mb,
accept_list_mail.

IMAP: `imap_ssl` (default) is implicit TLS (IMAPS, port 993); with `imap_ssl: false`,
`imap_starttls: true` upgrades the plain port (143) and refuses a server that cannot. SMTP:
`smtp_ssl` is implicit TLS (465), otherwise STARTTLS (587) unless `smtp_starttls: false`.
Certificates are always verified (see `tls.py` for `tls_ca_file` and `tls_pinned_sha256`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tawasol.channels.email.tls import normalise_fingerprint
from tawasol.errors import ApiError

_TRUE = {"1", "true", "yes", "on"}


def _flag(value: Any, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in _TRUE


def _address_or_none(value: Any) -> str | None:
    return str(value) if value and "@" in str(value) else None


class EmailNotConfigured(ApiError):
    status_code = 422
    code = "inbox_not_configured"


@dataclass(frozen=True)
class EmailSettings:
    imap_host: str | None
    imap_port: int
    imap_user: str
    imap_password: str
    imap_ssl: bool
    imap_starttls: bool
    imap_folder: str
    imap_idle: bool
    smtp_host: str | None
    smtp_port: int
    smtp_user: str | None
    smtp_password: str | None
    smtp_starttls: bool
    smtp_ssl: bool
    from_address: str | None
    from_name: str | None
    max_attachment_bytes: int
    max_message_bytes: int
    accept_list_mail: bool
    tls_ca_file: str | None = None
    tls_pinned_sha256: str | None = None

    @classmethod
    def from_inbox_settings(cls, settings: dict[str, Any] | None) -> EmailSettings:
        s = settings or {}
        imap_ssl = _flag(s.get("imap_ssl"), True)
        smtp_ssl = _flag(s.get("smtp_ssl"), False)
        smtp_starttls = _flag(s.get("smtp_starttls"), not smtp_ssl)
        return cls(
            imap_host=s.get("imap_host") or None,
            imap_port=int(s.get("imap_port") or (993 if imap_ssl else 143)),
            imap_user=str(s.get("imap_user") or ""),
            imap_password=str(s.get("imap_password") or ""),
            imap_ssl=imap_ssl,
            imap_starttls=not imap_ssl and _flag(s.get("imap_starttls"), False),
            imap_folder=str(s.get("imap_folder") or "INBOX"),
            imap_idle=_flag(s.get("imap_idle"), True),
            smtp_host=s.get("smtp_host") or None,
            smtp_port=int(s.get("smtp_port") or (465 if smtp_ssl else 587)),
            smtp_user=s.get("smtp_user") or None,
            smtp_password=s.get("smtp_password") or None,
            smtp_starttls=smtp_starttls,
            smtp_ssl=smtp_ssl,
            from_address=s.get("from_address") or _address_or_none(s.get("imap_user")),
            from_name=s.get("from_name") or None,
            max_attachment_bytes=int(float(s.get("max_attachment_mb") or 10) * 1024 * 1024),
            max_message_bytes=int(float(s.get("max_message_mb") or 30) * 1024 * 1024),
            accept_list_mail=_flag(s.get("accept_list_mail"), False),
            tls_ca_file=str(s["tls_ca_file"]) if s.get("tls_ca_file") else None,
            tls_pinned_sha256=normalise_fingerprint(s.get("tls_pinned_sha256")),
        )

    def require_imap(self) -> str:
        if not self.imap_host:
            raise EmailNotConfigured("the inbox has no imap_host setting")
        return self.imap_host

    def require_smtp(self) -> tuple[str, str]:
        if not self.smtp_host or not self.from_address:
            raise EmailNotConfigured("the inbox needs smtp_host and from_address to send mail")
        return self.smtp_host, self.from_address
