"""Provider webhooks: `/webhooks/{channel}/{inbox public key}`.

The public key names the inbox (and so the client); the provider's signature proves the
sender. Valid messages are stored before the 200 goes back, so an acknowledged message is on
disk; one malformed message in a batch is reported and the others are kept.
"""

from __future__ import annotations

import hmac
import logging

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel
from sqlalchemy import select

from tawasol.auth.actor import Actor
from tawasol.auth.dependencies import RuntimeDep
from tawasol.channels.base import ChannelAdapter
from tawasol.channels.delivery import apply_delivery_report
from tawasol.channels.ingest import ingest_in_own_unit
from tawasol.channels.registry import WEBHOOK_ADAPTERS
from tawasol.db.tenancy import Scope
from tawasol.errors import ApiError, NotFound, Unauthorized
from tawasol.models.inbox import Inbox
from tawasol.runtime import Runtime

router = APIRouter(prefix="/webhooks", tags=["webhooks"])
log = logging.getLogger(__name__)


class WebhookOut(BaseModel):
    accepted: int
    duplicates: int
    statuses: int
    rejected: list[dict[str, str]]


def _inbox_and_adapter(
    runtime: Runtime, channel: str, public_key: str
) -> tuple[Inbox, ChannelAdapter]:
    adapter = WEBHOOK_ADAPTERS.get(channel)
    if adapter is None:
        raise NotFound(f"no webhook channel {channel!r}", code="unknown_channel")
    with runtime.db.unit(Scope.system(), write=False) as session:
        inbox = session.scalars(
            select(Inbox).where(Inbox.public_key == public_key, Inbox.channel == channel)
        ).first()
    if inbox is None or not inbox.is_active:
        raise NotFound("no active inbox answers to this key", code="unknown_inbox")
    return inbox, adapter


def _webhook_url(request: Request, runtime: Runtime) -> str:
    base = runtime.settings.public_url or str(request.base_url)
    return base.rstrip("/") + request.url.path


@router.get("/whatsapp/{public_key}", response_class=PlainTextResponse)
def whatsapp_verification(
    public_key: str,
    runtime: RuntimeDep,
    mode: str = Query(alias="hub.mode", max_length=32),
    token: str = Query(alias="hub.verify_token", max_length=200),
    challenge: str = Query(alias="hub.challenge", max_length=200),
) -> str:
    """Meta's subscription handshake: echo the challenge when the verify token matches."""
    inbox, _ = _inbox_and_adapter(runtime, "whatsapp", public_key)
    expected = str((inbox.settings or {}).get("verify_token", ""))
    if mode != "subscribe" or not expected or not hmac.compare_digest(token, expected):
        raise Unauthorized("the verify token does not match", code="bad_verify_token")
    return challenge


async def raw_body(request: Request) -> bytes:
    return await request.body()


@router.post("/{channel}/{public_key}", response_model=WebhookOut)
def receive(
    channel: str,
    public_key: str,
    request: Request,
    runtime: RuntimeDep,
    body: bytes = Depends(raw_body),
) -> WebhookOut:
    try:
        return _receive(channel, public_key, request, runtime, body)
    except ApiError as exc:
        # Providers retry on errors; the log says why each delivery was refused.
        log.warning(
            "webhook %s/%s… refused (%s %s): %s",
            channel, public_key[:6], exc.status_code, exc.code, exc.message,
        )  # fmt: skip
        raise


def _receive(
    channel: str, public_key: str, request: Request, runtime: Runtime, body: bytes
) -> WebhookOut:
    inbox, adapter = _inbox_and_adapter(runtime, channel, public_key)
    headers = {k.lower(): v for k, v in request.headers.items()}
    headers["x-tawasol-webhook-url"] = _webhook_url(request, runtime)
    adapter.verify(inbox, headers=headers, body=body)
    parsed = adapter.parse(inbox, body)
    reports = adapter.delivery_reports(inbox, body)
    actor = Actor.system(f"webhook:{channel}")
    rejected = [{"id": r.reference, "error": r.error} for r in parsed.rejected]
    out = WebhookOut(accepted=0, duplicates=0, statuses=0, rejected=rejected)
    for inbound in parsed.messages:
        try:
            result = ingest_in_own_unit(runtime.db, actor=actor, inbox=inbox, inbound=inbound)
        except ApiError as exc:
            log.warning("webhook message %s refused: %s", inbound.provider_message_id, exc.message)
            out.rejected.append({"id": inbound.provider_message_id, "error": exc.message})
            continue
        if result.created_message:
            out.accepted += 1
        else:
            out.duplicates += 1
    with runtime.db.unit(Scope.clients({inbox.client_id})) as session:
        for report in reports:
            out.statuses += apply_delivery_report(session, inbox=inbox, report=report)
    return out
