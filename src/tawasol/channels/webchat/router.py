"""The widget's public API under `/widget/{inbox public key}/...`: no user session; the
inbox key names the client, the signed visitor token names the visitor. CORS per inbox."""

from __future__ import annotations

import re
import time
from contextlib import AbstractContextManager
from typing import Annotated

from fastapi import APIRouter, Depends, File, Header, Path, Query, Request, Response, UploadFile
from fastapi.responses import FileResponse, StreamingResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tawasol.auth.dependencies import RuntimeDep, client_ip
from tawasol.channels.webchat import transcript as _transcript_job  # noqa: F401 (registers it)
from tawasol.channels.webchat.actions import (
    do_receive_visitor_message,
    do_request_transcript,
    do_start_session,
    do_submit_offline_form,
    visitor_actor,
)
from tawasol.channels.webchat.attachments import (
    attachment_path,
    read_reference,
    sign_reference,
    store_upload,
)
from tawasol.channels.webchat.availability import availability
from tawasol.channels.webchat.cors import WidgetRoute, cors_headers
from tawasol.channels.webchat.events import publish_typing
from tawasol.channels.webchat.feed import visitor_file, watched_conversations
from tawasol.channels.webchat.inbox import WidgetInbox, widget_inbox
from tawasol.channels.webchat.pages import router as pages_router
from tawasol.channels.webchat.schemas import (
    AckOut,
    AttachmentOut,
    AvailabilityOut,
    Limits,
    OfflineIn,
    OfflineOut,
    SessionIn,
    SessionOut,
    TranscriptIn,
    TranscriptOut,
    TypingIn,
    VisitorMessageIn,
)
from tawasol.channels.webchat.stream import MAX_STREAM_SECONDS, VisitorStream
from tawasol.channels.webchat.strings import widget_language
from tawasol.channels.webchat.transcript import smtp_settings
from tawasol.channels.webchat.visitor import (
    MAX_TOKEN_CHARS,
    QueryVisitorDep,
    Visitor,
    VisitorDep,
    VisitorToken,
    read_visitor_token,
    sign_visitor_token,
    verify_user_hash,
    visitor_from_header,
)
from tawasol.db.tenancy import Scope
from tawasol.db.types import utcnow
from tawasol.errors import ApiError, Invalid, NotFound
from tawasol.i18n.catalogue import negotiate
from tawasol.runtime import Runtime

router = APIRouter(prefix="/widget", tags=["webchat"], route_class=WidgetRoute)
router.include_router(pages_router)
InboxDep = Annotated[WidgetInbox, Depends(widget_inbox)]
VisitorHeader = Annotated[str | None, Header(max_length=MAX_TOKEN_CHARS)]
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_COLOR = "#0b6e4f"


def _limits(inbox: WidgetInbox) -> Limits:
    return Limits(max_attachment_bytes=inbox.attachment_limit)


def _unit(runtime: Runtime, inbox: WidgetInbox) -> AbstractContextManager[Session]:
    """A writing unit of work inside the inbox's client, as every widget write needs."""
    return runtime.db.unit(Scope.clients({inbox.client_id}))


@router.get("/{public_key}/availability", response_model=AvailabilityOut)
def get_availability(
    inbox: InboxDep, runtime: RuntimeDep,
    lang: Annotated[str | None, Query(max_length=35)] = None,
    accept_language: Annotated[str | None, Header(max_length=500)] = None,
) -> AvailabilityOut:  # fmt: skip
    """The widget's configuration; `lang` is the visitor's choice (pre-chat form, or what the
    site or browser says), else the browser's Accept-Language, else French."""
    chosen = negotiate(preferred=(lang or "")[:2].lower() or None, accept_language=accept_language)
    with runtime.db.unit(Scope.clients({inbox.client_id}), write=False) as session:
        now = availability(session, client_id=inbox.client_id, settings=inbox.settings,
                           now=utcnow())  # fmt: skip
    color = str(inbox.settings.get("color") or "")
    greeting = inbox.settings.get("greeting")
    return AvailabilityOut(
        available=now.available, reason=now.reason,
        title=str(inbox.settings.get("title") or inbox.name)[:200],
        color=color if _COLOR.match(color) else DEFAULT_COLOR,
        greeting=str(greeting)[:500] if greeting else None, limits=_limits(inbox),
        **widget_language(chosen),
    )  # fmt: skip


@router.post("/{public_key}/sessions", response_model=SessionOut, status_code=201)
def start_session(
    body: SessionIn, request: Request, inbox: InboxDep, runtime: RuntimeDep,
    x_tawasol_visitor: VisitorHeader = None,
) -> SessionOut:  # fmt: skip
    """The pre-chat form. A verified `user_id` links the visitor across devices; a valid
    anonymous token already held by the widget keeps the same visitor and conversation."""
    verified_user = body.user_id if body.user_id and verify_user_hash(
        inbox, user_id=body.user_id, user_hash=body.user_hash) else None  # fmt: skip
    secret = runtime.settings.resolved_secret_key
    resumed = None
    if x_tawasol_visitor:
        try:
            held = read_visitor_token(secret, x_tawasol_visitor, inbox=inbox)
            resumed = held.visitor if not held.verified else None
        except ApiError:
            resumed = None  # an expired token just means a new visitor
    actor = visitor_actor(inbox, label="session", ip=client_ip(request))
    with _unit(runtime, inbox) as session:
        started = do_start_session(session, actor=actor, inbox=inbox, data=body,
                                   verified_user=verified_user, resumed=resumed)  # fmt: skip
    token = VisitorToken(
        inbox_id=inbox.id,
        visitor=started.visitor,
        language=body.language,
        verified=verified_user is not None,
        issued_at=int(time.time()),
    )
    return SessionOut(
        token=sign_visitor_token(secret, token), name=body.name, language=body.language,
        verified=token.verified, conversation_id=started.conversation_id,
        limits=_limits(inbox),
    )  # fmt: skip


@router.post("/{public_key}/messages", response_model=AckOut, status_code=201)
def post_message(
    body: VisitorMessageIn, request: Request, response: Response, visitor: VisitorDep,
    runtime: RuntimeDep,
) -> AckOut:  # fmt: skip
    """Stored before the acknowledgement; a resend of the same `client_id` is a no-op that
    returns the same acknowledgement (200 instead of 201)."""
    secret = runtime.settings.resolved_secret_key
    files = [read_reference(secret, inbox_id=visitor.inbox.id, ref=r) for r in body.attachments]
    for stored in files:
        if not attachment_path(runtime.settings.data_dir, stored.sha256).exists():
            raise Invalid("an attachment is no longer available; upload it again",
                          code="invalid_attachment")  # fmt: skip
    actor = visitor_actor(visitor.inbox, label=visitor.token.visitor, ip=client_ip(request))
    for attempt in (1, 2):
        try:
            with _unit(runtime, visitor.inbox) as session:
                result = do_receive_visitor_message(
                    session, actor=actor, visitor=visitor, data=body, files=files
                )
                ack = AckOut(
                    client_id=str(body.client_id), message_id=result.message.id,
                    conversation_id=result.conversation.id,
                    created_at=result.message.created_at, duplicate=not result.created_message,
                )  # fmt: skip
            break
        except IntegrityError:
            if attempt == 2:  # two resends raced: the second attempt finds the first's row
                raise
    if ack.duplicate:
        response.status_code = 200
    return ack


@router.get("/{public_key}/stream", response_class=StreamingResponse)
def stream(
    visitor: QueryVisitorDep, runtime: RuntimeDep,
    after: Annotated[int | None, Query(ge=0, le=2**63 - 1)] = None,
    max_seconds: Annotated[int, Query(ge=1, le=MAX_STREAM_SECONDS)] = 600,
    last_event_id: Annotated[str | None, Header(max_length=32)] = None,
) -> StreamingResponse:  # fmt: skip
    """SSE. Without `after` the stream starts with the latest messages (a fresh page); the
    browser's reconnect sends Last-Event-ID and gets exactly what it missed."""
    resume = [v for v in (after, _event_id(last_event_id)) if v is not None]
    events = VisitorStream(runtime, visitor, after=max(resume) if resume else None)
    return StreamingResponse(
        events.events(max_seconds=max_seconds), media_type="text/event-stream",
        headers={"cache-control": "no-cache", "x-accel-buffering": "no"},
    )  # fmt: skip


def _event_id(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and len(raw) < 19 else None


@router.post("/{public_key}/typing", status_code=204, response_class=Response)
def visitor_typing(body: TypingIn, visitor: VisitorDep, runtime: RuntimeDep) -> Response:
    with runtime.db.unit(Scope.clients({visitor.inbox.client_id}), write=False) as session:
        watched = watched_conversations(
            session, inbox_id=visitor.inbox.id, contact_id=visitor.contact_id
        )
    if watched:  # before the first message there is no one to tell
        publish_typing(
            runtime.bus, client_id=visitor.inbox.client_id, conversation_id=watched[0],
            assignee_id=None,
            payload={"conversation_id": watched[0], "typing": body.typing,
                     "author": "visitor", "name": None},
        )  # fmt: skip
    return Response(status_code=204)


@router.post("/{public_key}/attachments", response_model=AttachmentOut, status_code=201)
def upload_attachment(
    visitor: VisitorDep, runtime: RuntimeDep, file: Annotated[UploadFile, File()]
) -> AttachmentOut:
    limit = visitor.inbox.attachment_limit
    stored = store_upload(file.file, filename=file.filename, data_dir=runtime.settings.data_dir,
                          limit=limit)  # fmt: skip
    secret = runtime.settings.resolved_secret_key
    return AttachmentOut(
        ref=sign_reference(secret, inbox_id=visitor.inbox.id, stored=stored),
        filename=stored.filename, content_type=stored.content_type, size=stored.size,
        sha256=stored.sha256,
    )  # fmt: skip


@router.get("/{public_key}/attachments/{sha256}", response_class=FileResponse)
def download_attachment(
    sha256: Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")], visitor: QueryVisitorDep,
    runtime: RuntimeDep,
) -> FileResponse:  # fmt: skip
    with runtime.db.unit(Scope.clients({visitor.inbox.client_id}), write=False) as session:
        item = visitor_file(session, inbox_id=visitor.inbox.id, contact_id=visitor.contact_id,
                            sha256=sha256)  # fmt: skip
    path = attachment_path(runtime.settings.data_dir, sha256)
    if item is None or not path.exists():
        raise NotFound("no such file in your conversations", code="unknown_attachment")
    return FileResponse(
        path, media_type=str(item.get("content_type") or "application/octet-stream"),
        filename=str(item.get("filename") or "fichier"), content_disposition_type="attachment",
        headers={"x-content-type-options": "nosniff", "cache-control": "private, max-age=3600"},
    )  # fmt: skip


@router.post("/{public_key}/transcript", response_model=TranscriptOut, status_code=202)
def request_transcript(
    body: TranscriptIn, request: Request, visitor: VisitorDep, runtime: RuntimeDep
) -> TranscriptOut:
    by_email = smtp_settings(visitor.inbox.settings) is not None
    actor = visitor_actor(visitor.inbox, label=visitor.token.visitor, ip=client_ip(request))
    with _unit(runtime, visitor.inbox) as session:
        do_request_transcript(
            session, actor=actor, visitor=visitor, email=body.email,
            language=body.language or visitor.token.language,
            delivery="email" if by_email else "advisor",
        )  # fmt: skip
    if by_email:
        return TranscriptOut(status="queued", delivery="email",
                             note="the transcript will be emailed shortly")  # fmt: skip
    return TranscriptOut(
        status="queued",
        delivery="advisor",
        note="no SMTP server is configured for this inbox: the request is recorded on the "
        "conversation and an advisor will send the transcript",
    )


def _optional_visitor(
    request: Request, inbox: InboxDep, x_tawasol_visitor: VisitorHeader = None
) -> Visitor | None:
    if not x_tawasol_visitor:
        return None
    try:
        return visitor_from_header(request, inbox, x_tawasol_visitor)
    except ApiError:
        return None  # the form is still taken, by its email alone


@router.post("/{public_key}/offline", response_model=OfflineOut, status_code=201)
def offline_form(
    body: OfflineIn, request: Request, response: Response, inbox: InboxDep, runtime: RuntimeDep,
    visitor: Annotated[Visitor | None, Depends(_optional_visitor)],
) -> OfflineOut:  # fmt: skip
    actor = visitor_actor(inbox, label="offline_form", ip=client_ip(request))
    with _unit(runtime, inbox) as session:
        result = do_submit_offline_form(session, actor=actor, inbox=inbox, data=body,
                                        visitor=visitor)  # fmt: skip
        out = OfflineOut(conversation_id=result.conversation.id, message_id=result.message.id,
                         duplicate=not result.created_message)  # fmt: skip
    if out.duplicate:
        response.status_code = 200
    return out


@router.options("/{public_key}/{rest:path}", include_in_schema=False)
def preflight(request: Request, inbox: InboxDep) -> Response:
    """The browser's CORS preflight; a foreign origin was already refused by `widget_inbox`."""
    return Response(status_code=204, headers=cors_headers(request, inbox))
