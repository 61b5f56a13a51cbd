"""The SMS adapter for Twilio-compatible providers.

Inbound: form-encoded posts signed with `X-Twilio-Signature`: base64 HMAC-SHA1, keyed with
the auth token, over the full webhook URL followed by each parameter name and value in name
order. Outbound: `POST {api_base_url}/Accounts/{sid}/Messages.json` with basic auth.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import parse_qsl

import httpx

from tawasol.channels.base import (
    DeliveryReport,
    DeliveryState,
    Identity,
    InboundMessage,
    Parsed,
    required_setting,
)
from tawasol.errors import BadRequest, Invalid, Unauthorized
from tawasol.models.inbox import Inbox
from tawasol.models.message import Message
from tawasol.models.vocabulary import IdentityKind

DEFAULT_API = "https://api.twilio.com/2010-04-01"
_STATES = {
    "sent": DeliveryState.SENT,
    "delivered": DeliveryState.DELIVERED,
    "undelivered": DeliveryState.FAILED,
    "failed": DeliveryState.FAILED,
    "queued": DeliveryState.QUEUED,
}


def _form(payload: bytes) -> dict[str, str]:
    try:
        return dict(
            parse_qsl(payload.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        )
    except UnicodeDecodeError as exc:
        raise BadRequest("the form body is not UTF-8", code="malformed_payload") from exc


def signature(token: str, url: str, params: dict[str, str]) -> str:
    signed = url + "".join(f"{key}{params[key]}" for key in sorted(params))
    digest = hmac.new(token.encode(), signed.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class SmsAdapter:
    channel = "sms"

    def verify(self, inbox: Inbox, *, headers: dict[str, str], body: bytes) -> None:
        url = headers.get("x-tawasol-webhook-url", "")
        expected = signature(required_setting(inbox, "auth_token"), url, _form(body))
        if not hmac.compare_digest(headers.get("x-twilio-signature", ""), expected):
            raise Unauthorized("the webhook signature does not match", code="bad_signature")

    def parse(self, inbox: Inbox, payload: bytes) -> Parsed:
        form = _form(payload)
        if "MessageStatus" in form and "Body" not in form:
            return Parsed()  # a status callback, handled by delivery_reports
        sid, sender = form.get("MessageSid") or form.get("SmsSid"), form.get("From")
        if not sid or not sender:
            raise Invalid("the SMS lacks MessageSid or From", code="malformed_message")
        return Parsed(
            messages=[
                InboundMessage(
                    provider_message_id=sid,
                    identities=(Identity(IdentityKind.PHONE, sender),),
                    text=form.get("Body", ""),
                    extra={"to": form.get("To")},
                )
            ]
        )

    def delivery_reports(self, inbox: Inbox, payload: bytes) -> list[DeliveryReport]:
        form = _form(payload)
        state = _STATES.get(form.get("MessageStatus", ""))
        sid = form.get("MessageSid")
        if state is None or not sid or "Body" in form:
            return []
        return [DeliveryReport(sid, state, form.get("ErrorCode"))]

    def send(self, inbox: Inbox, message: Message, *, to: str) -> str:
        base = (inbox.settings or {}).get("api_base_url") or DEFAULT_API
        sid = required_setting(inbox, "account_sid")
        response = httpx.post(
            f"{base.rstrip('/')}/Accounts/{sid}/Messages.json",
            data={"To": to, "From": required_setting(inbox, "from_number"), "Body": message.text},
            auth=(sid, required_setting(inbox, "auth_token")),
            timeout=15,
        )
        response.raise_for_status()
        return str(response.json()["sid"])
