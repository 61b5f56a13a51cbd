"""Who a widget visitor is: a signed visitor token, and optional identity verification.

Where the token lives, and why: the widget runs on the client's site, so a cookie set by
Tawasol would be a third-party cookie, which browsers now block or partition. The token is
returned to the widget, kept in the site's localStorage and sent back in the
`X-Tawasol-Visitor` header. The trade-off: no CSRF (the browser never attaches the token by
itself, so a foreign page cannot ride on it), but any script running on the client's page
can read it; an XSS on that site can read that one visitor's chat, nothing more (a token
names one inbox and one visitor, and grants no advisor right). The stream and attachment
downloads carry it in the query string because EventSource and links cannot set headers.

Identity verification (as Intercom and Chatwoot do it): the client's server computes
hex HMAC-SHA256(identity_secret, user_id) for its logged-in customer; the widget passes
user_id and user_hash; a verified visitor is `chat_visitor:<user_id>` on every device.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Query, Request
from sqlalchemy import select

from tawasol.auth.dependencies import get_runtime
from tawasol.auth.signing import MAX_SIGNED_CHARS, sign, unsign
from tawasol.channels.webchat.inbox import WidgetInbox, widget_inbox
from tawasol.db.tenancy import Scope
from tawasol.errors import Invalid, Unauthorized
from tawasol.models.contact import ContactIdentity
from tawasol.models.vocabulary import IdentityKind

TOKEN_PURPOSE = "visitor-token"
TOKEN_MAX_AGE_SECONDS = 180 * 86400
MAX_TOKEN_CHARS = MAX_SIGNED_CHARS
ANONYMOUS_PREFIX = "anon:"


@dataclass(frozen=True)
class VisitorToken:
    inbox_id: int
    visitor: str  # the value of the visitor's `chat_visitor` identity
    language: str
    verified: bool
    issued_at: int


@dataclass(frozen=True)
class Visitor:
    """An authenticated visitor of one inbox, resolved to the contact that owns the identity."""

    inbox: WidgetInbox
    token: VisitorToken
    contact_id: int


def new_anonymous_visitor() -> str:
    return ANONYMOUS_PREFIX + secrets.token_hex(16)


def sign_visitor_token(secret_key: str, token: VisitorToken) -> str:
    body = {"i": token.inbox_id, "v": token.visitor, "l": token.language,
            "u": token.verified, "t": token.issued_at}  # fmt: skip
    return sign(secret_key, TOKEN_PURPOSE, body)


def read_visitor_token(secret_key: str, raw: str, *, inbox: WidgetInbox) -> VisitorToken:
    refused = Unauthorized(
        "the visitor token is invalid or expired; start a new chat session", code="invalid_visitor"
    )
    body = unsign(secret_key, TOKEN_PURPOSE, raw)
    if body is None:
        raise refused
    try:
        token = VisitorToken(
            inbox_id=int(body["i"]), visitor=str(body["v"]), language=str(body["l"]),
            verified=bool(body["u"]), issued_at=int(body["t"]),
        )  # fmt: skip
    except (ValueError, KeyError, TypeError) as exc:
        raise refused from exc
    if token.inbox_id != inbox.id or time.time() - token.issued_at > TOKEN_MAX_AGE_SECONDS:
        raise refused
    return token


def verify_user_hash(inbox: WidgetInbox, *, user_id: str, user_hash: str | None) -> bool:
    """True when the site proved `user_id`; False when the inbox does not verify identities.

    Without an identity secret a user id proves nothing, so it is ignored (anonymous visitor)
    rather than trusted; with one, a missing or wrong hash is refused outright.
    """
    secret = inbox.identity_secret
    if secret is None:
        return False
    if user_id.startswith(ANONYMOUS_PREFIX):
        raise Invalid(f"user ids may not start with {ANONYMOUS_PREFIX!r}", code="invalid_user_id")
    expected = hmac.new(secret.encode(), user_id.encode(), hashlib.sha256).hexdigest()
    given = (user_hash or "").strip().lower().encode()
    if not hmac.compare_digest(expected.encode(), given):
        raise Unauthorized(
            "identity verification failed: user_hash must be the hex HMAC-SHA256 of user_id "
            "computed with this inbox's identity secret on your server",
            code="identity_unverified",
        )
    return True


def _visitor(request: Request, inbox: WidgetInbox, raw: str | None) -> Visitor:
    if not raw:
        raise Unauthorized("start a chat session first (no visitor token)", code="no_visitor")
    runtime = get_runtime(request)
    token = read_visitor_token(runtime.settings.resolved_secret_key, raw, inbox=inbox)
    with runtime.db.unit(Scope.clients({inbox.client_id}), write=False) as session:
        contact_id = session.scalars(
            select(ContactIdentity.contact_id).where(
                ContactIdentity.client_id == inbox.client_id,
                ContactIdentity.kind == IdentityKind.CHAT_VISITOR.value,
                ContactIdentity.value == token.visitor,
            )
        ).first()
    if contact_id is None:  # the contact was erased: the visitor starts afresh
        raise Unauthorized("this chat session no longer exists", code="invalid_visitor")
    return Visitor(inbox=inbox, token=token, contact_id=contact_id)


def visitor_from_header(
    request: Request,
    inbox: Annotated[WidgetInbox, Depends(widget_inbox)],
    x_tawasol_visitor: Annotated[str | None, Header(max_length=MAX_TOKEN_CHARS)] = None,
) -> Visitor:
    return _visitor(request, inbox, x_tawasol_visitor)


def visitor_from_query(
    request: Request,
    inbox: Annotated[WidgetInbox, Depends(widget_inbox)],
    token: Annotated[str | None, Query(max_length=MAX_TOKEN_CHARS)] = None,
) -> Visitor:
    return _visitor(request, inbox, token)


VisitorDep = Annotated[Visitor, Depends(visitor_from_header)]
QueryVisitorDep = Annotated[Visitor, Depends(visitor_from_query)]
