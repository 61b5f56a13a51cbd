"""The WhatsApp Cloud API adapter.

Inbound: Meta posts JSON signed with `X-Hub-Signature-256: sha256=<HMAC of the body with the
app secret>`; one payload may carry several messages and delivery statuses. Outbound: a POST
to `{api_base_url}/{phone_number_id}/messages` with the inbox's access token.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import httpx

from tawasol.channels.base import (
    DeliveryReport,
    DeliveryState,
    Identity,
    InboundMessage,
    Parsed,
    Rejection,
    required_setting,
)
from tawasol.errors import BadRequest, Unauthorized
from tawasol.models.inbox import Inbox
from tawasol.models.message import Message
from tawasol.models.vocabulary import IdentityKind

DEFAULT_API = "https://graph.facebook.com/v20.0"
_STATES = {
    "sent": DeliveryState.SENT,
    "delivered": DeliveryState.DELIVERED,
    "read": DeliveryState.READ,
    "failed": DeliveryState.FAILED,
}


@lru_cache(maxsize=4)
def _changes(payload: bytes) -> list[dict[str, Any]]:
    """Parsed once per delivery: `parse` and `delivery_reports` read it one after the other
    (read-only); a few entries only, since a payload may weigh up to the body limit."""
    try:
        document = json.loads(payload)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest("the body is not valid JSON", code="malformed_payload") from exc
    if not isinstance(document, dict) or not isinstance(document.get("entry"), list):
        raise BadRequest(
            "expected a WhatsApp webhook object with an 'entry' list", code="malformed_payload"
        )
    values = []
    for entry in document["entry"]:
        for change in (entry or {}).get("changes", []) if isinstance(entry, dict) else []:
            if isinstance(change, dict) and isinstance(change.get("value"), dict):
                values.append(change["value"])
    return values


def _text_of(message: dict[str, Any]) -> str:
    kind = message.get("type")
    if kind == "text":
        return str((message.get("text") or {}).get("body", ""))
    if kind in ("image", "video", "document", "audio", "sticker"):
        media = message.get(kind) or {}
        return str(media.get("caption") or f"[{kind}]")
    if kind == "location":
        where = message.get("location") or {}
        return f"[location {where.get('latitude')},{where.get('longitude')}]"
    if kind == "button":
        return str((message.get("button") or {}).get("text", ""))
    if kind == "interactive":
        reply = message.get("interactive") or {}
        chosen = reply.get("button_reply") or reply.get("list_reply") or {}
        return str(chosen.get("title", "[interactive]"))
    return f"[{kind or 'unknown'}]"


class WhatsAppAdapter:
    channel = "whatsapp"

    def verify(self, inbox: Inbox, *, headers: dict[str, str], body: bytes) -> None:
        secret = required_setting(inbox, "app_secret").encode()
        sent = headers.get("x-hub-signature-256", "")
        expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(sent, expected):
            raise Unauthorized("the webhook signature does not match", code="bad_signature")

    def parse(self, inbox: Inbox, payload: bytes) -> Parsed:
        found = Parsed()
        for value in _changes(payload):
            names = {
                c.get("wa_id"): (c.get("profile") or {}).get("name")
                for c in value.get("contacts", [])
                if isinstance(c, dict)
            }
            for index, message in enumerate(value.get("messages", [])):
                if (
                    not isinstance(message, dict)
                    or not message.get("id")
                    or not message.get("from")
                ):
                    reference = (
                        str(message.get("id") or index) if isinstance(message, dict) else str(index)
                    )
                    found.rejected.append(
                        Rejection(reference, "the message lacks its id or sender")
                    )
                    continue
                sender = "+" + str(message["from"]).lstrip("+")
                found.messages.append(
                    InboundMessage(
                        provider_message_id=str(message["id"]),
                        identities=(
                            Identity(IdentityKind.WHATSAPP, sender),
                            Identity(IdentityKind.PHONE, sender),
                        ),
                        contact_name=names.get(message["from"]),
                        text=_text_of(message),
                        received_at=_timestamp(message.get("timestamp")),
                        extra={"type": message.get("type")},
                    )
                )
        return found

    def delivery_reports(self, inbox: Inbox, payload: bytes) -> list[DeliveryReport]:
        reports = []
        for value in _changes(payload):
            for status in value.get("statuses", []):
                state = _STATES.get((status or {}).get("status", ""))
                if state is not None and status.get("id"):
                    errors = status.get("errors") or [{}]
                    reports.append(DeliveryReport(str(status["id"]), state, errors[0].get("title")))
        return reports

    def send(self, inbox: Inbox, message: Message, *, to: str) -> str:
        base = (inbox.settings or {}).get("api_base_url") or DEFAULT_API
        url = f"{base.rstrip('/')}/{required_setting(inbox, 'phone_number_id')}/messages"
        body = {"messaging_product": "whatsapp", "to": to.lstrip("+"), "type": "text",
                "text": {"body": message.text}}  # fmt: skip
        headers = {"authorization": f"Bearer {required_setting(inbox, 'access_token')}"}
        response = httpx.post(url, json=body, headers=headers, timeout=15)
        response.raise_for_status()
        return str(response.json()["messages"][0]["id"])


def _timestamp(raw: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(raw), tz=UTC)
    except (TypeError, ValueError, OverflowError):
        return None
