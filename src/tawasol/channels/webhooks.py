"""Provider webhooks: `/webhooks/{channel}/{inbox public key}`.

The public key names the inbox (and so the client); the provider's signature proves the
sender. Valid messages are stored before the 200 goes back, so an acknowledged message is on
disk; one malformed message in a batch is reported and the others are kept.
"""

from __future__ import annotations

import asyncio
import hmac
import logging

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from tawasol.auth.actor import Actor
from tawasol.auth.dependencies import RuntimeDep
from tawasol.channels.base import ChannelAdapter, DeliveryReport
from tawasol.channels.delivery import apply_delivery_report
from tawasol.channels.group_commit import ingest_writer
from tawasol.channels.inbox_cache import cached_inbox, webhook_inbox
from tawasol.channels.ingest_fast import Prepared, prepare
from tawasol.channels.registry import WEBHOOK_ADAPTERS
from tawasol.db.tenancy import Scope
from tawasol.db.types import utcnow
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


def _adapter(channel: str) -> ChannelAdapter:
    adapter = WEBHOOK_ADAPTERS.get(channel)
    if adapter is None:
        raise NotFound(f"no webhook channel {channel!r}", code="unknown_channel")
    return adapter


def _active(inbox: Inbox | None) -> Inbox:
    if inbox is None or not inbox.is_active:
        raise NotFound("no active inbox answers to this key", code="unknown_inbox")
    return inbox


def _inbox_and_adapter(
    runtime: Runtime, channel: str, public_key: str
) -> tuple[Inbox, ChannelAdapter]:
    adapter = _adapter(channel)
    return _active(webhook_inbox(runtime.db, channel, public_key)), adapter


async def _inbox_and_adapter_async(
    runtime: Runtime, channel: str, public_key: str
) -> tuple[Inbox, ChannelAdapter]:
    """From the cache without leaving the event loop; a miss reads in the thread pool."""
    adapter = _adapter(channel)
    found, inbox = cached_inbox(runtime.db, channel, public_key)
    if not found:
        inbox = await run_in_threadpool(webhook_inbox, runtime.db, channel, public_key)
    return _active(inbox), adapter


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


@router.post("/{channel}/{public_key}", response_model=WebhookOut)
async def receive(channel: str, public_key: str, request: Request) -> Response:
    # Lean on purpose (this is the ingest hot path): the runtime straight from the app, as
    # `RuntimeDep` is a sync dependency FastAPI would run in a worker thread on every
    # delivery (measured: ~15% of the server's time), the body read here, and the answer
    # serialised once by its model.
    runtime: Runtime = request.app.state.runtime
    body = await request.body()
    try:
        out = await _receive(channel, public_key, request, runtime, body)
    except ApiError as exc:
        # Providers retry on errors; the log says why each delivery was refused.
        log.warning(
            "webhook %s/%s… refused (%s %s): %s",
            channel, public_key[:6], exc.status_code, exc.code, exc.message,
        )  # fmt: skip
        raise
    return Response(out.model_dump_json(), media_type="application/json")


async def _receive(
    channel: str, public_key: str, request: Request, runtime: Runtime, body: bytes
) -> WebhookOut:
    """Checks and parsing run on the event loop (no I/O once the inbox is cached); the
    messages go to the group-commit writer and the answer waits for its commit."""
    inbox, adapter = await _inbox_and_adapter_async(runtime, channel, public_key)
    headers = {k.lower(): v for k, v in request.headers.items()}
    headers["x-tawasol-webhook-url"] = _webhook_url(request, runtime)
    adapter.verify(inbox, headers=headers, body=body)
    parsed = adapter.parse(inbox, body)
    reports = adapter.delivery_reports(inbox, body)
    out = WebhookOut(accepted=0, duplicates=0, statuses=0, rejected=[
        {"id": r.reference, "error": r.error} for r in parsed.rejected])  # fmt: skip
    prepared: list[Prepared] = []
    for inbound in parsed.messages:
        try:
            prepared.append(prepare(inbound))
        except ApiError as exc:
            _refused(out, inbound.provider_message_id, exc)
    if prepared:
        job = ingest_writer(runtime.db).submit(
            actor=Actor.system(f"webhook:{channel}"), inbox=inbox, messages=prepared,
            now=utcnow(), loop=asyncio.get_running_loop(),
        )  # fmt: skip
        for item, outcome in zip(prepared, await job.outcome(), strict=True):
            if isinstance(outcome, ApiError):
                _refused(out, item.inbound.provider_message_id, outcome)
            elif outcome:
                out.accepted += 1
            else:
                out.duplicates += 1
    if reports:
        out.statuses = await run_in_threadpool(_apply_reports, runtime, inbox, reports)
    return out


def _refused(out: WebhookOut, provider_message_id: str, exc: ApiError) -> None:
    log.warning("webhook message %s refused: %s", provider_message_id, exc.message)
    out.rejected.append({"id": provider_message_id, "error": exc.message})


def _apply_reports(runtime: Runtime, inbox: Inbox, reports: list[DeliveryReport]) -> int:
    with runtime.db.unit(Scope.clients({inbox.client_id})) as session:
        return sum(apply_delivery_report(session, inbox=inbox, report=r) for r in reports)
