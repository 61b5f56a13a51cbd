"""Advisors download a file a customer sent, whatever the channel (web chat upload, email).

`GET /api/v1/conversations/{conversation_id}/attachments/{sha256}`: the conversation is
fetched inside the advisor's scope (404 for foreign or missing) and the file must be one of
its messages' attachments, so a hash known from elsewhere opens nothing. Files are always
served as downloads with `nosniff` and a sandboxing CSP: a customer's HTML or SVG is never
rendered in the console's origin.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import FileResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.auth.dependencies import RuntimeDep, SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.conversations.access import access_conversation_by_id
from tawasol.db.types import DbId
from tawasol.errors import NotFound
from tawasol.models.message import Message
from tawasol.models.vocabulary import MessageKind

router = APIRouter(prefix="/conversations/{conversation_id}/attachments", tags=["attachments"])
SHA256 = r"^[0-9a-f]{64}$"
# Types a browser would run or render as a page: served as opaque bytes, never as themselves.
ACTIVE_TYPES = frozenset({
    "text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml",
    "text/javascript", "application/javascript",
})  # fmt: skip


def find_attachment(
    session: Session, *, conversation_id: int, sha256: str, include_notes: bool
) -> dict[str, Any] | None:
    """The stored attachment of that hash among the conversation's messages (a message whose
    text was redacted under the client's PII policy keeps its attachments)."""
    query = select(Message.attachments).where(Message.conversation_id == conversation_id)
    if not include_notes:
        query = query.where(Message.kind == MessageKind.MESSAGE.value)
    for attachments in session.scalars(query):
        for item in attachments or []:
            if item.get("sha256") == sha256 and item.get("storage_key"):
                return item
    return None


def served_type(item: dict[str, Any]) -> str:
    content_type = str(item.get("content_type") or "").split(";")[0].strip().lower()
    if not content_type or "/" not in content_type or content_type in ACTIVE_TYPES:
        return "application/octet-stream"
    return content_type


@router.get("/{sha256}", response_class=FileResponse)
def download_conversation_attachment(
    conversation_id: DbId,
    sha256: Annotated[str, Path(pattern=SHA256)],
    session: SessionDep,
    runtime: RuntimeDep,
    actor=require(P.MESSAGES_READ),
) -> FileResponse:
    conversation = access_conversation_by_id(session, conversation_id)
    item = find_attachment(
        session, conversation_id=conversation.id, sha256=sha256,
        include_notes=actor.can(P.NOTES_READ),
    )  # fmt: skip
    path = runtime.settings.data_dir / "attachments" / sha256
    if item is None or not path.is_file():
        raise NotFound("no such file in this conversation", code="unknown_attachment")
    return FileResponse(
        path, media_type=served_type(item), filename=str(item.get("filename") or "fichier"),
        content_disposition_type="attachment",
        headers={
            "x-content-type-options": "nosniff",
            "content-security-policy": "default-src 'none'; sandbox",
            "cache-control": "private, max-age=3600",
        },
    )  # fmt: skip
