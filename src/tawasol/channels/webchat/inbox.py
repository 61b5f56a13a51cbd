"""The web chat inbox a widget request names by its public key, and the inbox's settings.

Settings a web chat inbox understands (all optional):
  allowed_origins       list of site origins allowed to call the widget API ("*" = any)
  identity_secret       HMAC key shared with the client's site to verify logged-in customers
  business_hours        {"timezone": "...", "mon": [["09:00", "18:00"]], ...}; absent = always
  max_attachment_bytes  per-file upload limit (default 10 MiB; the upload route is exempt from
                        the server's 1 MiB JSON body limit and enforces this one instead)
  smtp                  {"host", "port", "from", "username", "password", "starttls", "ssl"}
  title, color, greeting  what the widget shows
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from sqlalchemy import select

from tawasol.auth.dependencies import get_runtime
from tawasol.body_limit import UploadRoute
from tawasol.db.tenancy import Scope
from tawasol.errors import Forbidden, NotFound
from tawasol.models.inbox import Inbox
from tawasol.models.vocabulary import Channel
from tawasol.runtime import Runtime

DEFAULT_ATTACHMENT_BYTES = 10 * 1024 * 1024
# No inbox setting may take one upload past this, whatever an admin types.
MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024
# Room allowed in a request for the multipart envelope around the file.
MULTIPART_OVERHEAD = 16 * 1024
UPLOAD_PATH = re.compile(r"/widget/(?P<key>[^/]+)/attachments")
MAX_PUBLIC_KEY = 64


@dataclass(frozen=True)
class WidgetInbox:
    """What widget routes need of an inbox, detached from any database session."""

    id: int
    client_id: int
    public_key: str
    name: str
    settings: dict[str, Any]

    @property
    def allowed_origins(self) -> list[str]:
        value = self.settings.get("allowed_origins", ["*"])
        if isinstance(value, str):
            value = [value]
        return [str(origin).rstrip("/") for origin in value if origin]

    @property
    def identity_secret(self) -> str | None:
        secret = self.settings.get("identity_secret")
        return str(secret) if secret else None

    @property
    def attachment_limit(self) -> int:
        configured = self.settings.get("max_attachment_bytes", DEFAULT_ATTACHMENT_BYTES)
        try:
            wanted = int(configured)
        except (TypeError, ValueError):
            wanted = DEFAULT_ATTACHMENT_BYTES
        return max(1, min(wanted, MAX_ATTACHMENT_BYTES))


def find_widget_inbox(runtime: Runtime, public_key: str) -> WidgetInbox:
    if not public_key or len(public_key) > MAX_PUBLIC_KEY:
        raise NotFound("no web chat answers to this key", code="unknown_inbox")
    with runtime.db.unit(Scope.system(), write=False) as session:
        inbox = session.scalars(
            select(Inbox).where(
                Inbox.public_key == public_key, Inbox.channel == Channel.WEBCHAT.value
            )
        ).first()
        if inbox is None or not inbox.is_active:
            raise NotFound("no web chat answers to this key", code="unknown_inbox")
        return WidgetInbox(
            id=inbox.id, client_id=inbox.client_id, public_key=inbox.public_key,
            name=inbox.name, settings=dict(inbox.settings or {}),
        )  # fmt: skip


def upload_route(runtime: Runtime) -> UploadRoute:
    """The widget's upload route for the body-limit middleware: the inbox's own file limit
    (plus the multipart envelope) instead of the server's JSON body limit."""

    def limit(match: re.Match[str]) -> int:
        return find_widget_inbox(runtime, match["key"]).attachment_limit + MULTIPART_OVERHEAD

    return UploadRoute("POST", UPLOAD_PATH, limit, what="the file upload")


def own_origins(request: Request, runtime: Runtime) -> set[str]:
    """Tawasol's own origins: the demo page and any page served by this server may call."""
    origins = {f"{request.url.scheme}://{request.url.netloc}"}
    if runtime.settings.public_url:
        parts = urlsplit(runtime.settings.public_url)
        origins.add(f"{parts.scheme}://{parts.netloc}")
    return origins


def origin_allowed(request: Request, runtime: Runtime, inbox: WidgetInbox) -> bool:
    origin = request.headers.get("origin")
    if origin is None:
        return True  # not a cross-origin browser call (server to server, same-origin GET)
    allowed = inbox.allowed_origins
    return (
        "*" in allowed or origin.rstrip("/") in allowed or origin in own_origins(request, runtime)
    )


def widget_inbox(public_key: str, request: Request) -> WidgetInbox:
    """Route dependency: the inbox, remembered on the request for the CORS headers.

    A browser refuses to show a response to a foreign site, but it still sends simple
    requests (a multipart upload needs no preflight), so foreign origins are refused here.
    """
    runtime = get_runtime(request)
    inbox = find_widget_inbox(runtime, public_key)
    request.state.widget_inbox = inbox
    if not origin_allowed(request, runtime, inbox):
        raise Forbidden(
            "this site is not allowed to use this chat (allowed_origins)", code="origin_not_allowed"
        )
    return inbox
