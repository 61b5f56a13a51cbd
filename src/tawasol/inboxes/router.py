"""JSON API for inboxes."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.clients.access import access_client_by_id
from tawasol.db.types import DbId
from tawasol.inboxes.access import access_inbox_by_id
from tawasol.inboxes.actions import do_create_inbox, do_update_inbox
from tawasol.inboxes.schemas import InboxIn, InboxOut, InboxPatch
from tawasol.models.inbox import Inbox
from tawasol.models.vocabulary import Channel

router = APIRouter(prefix="/inboxes", tags=["inboxes"])


@router.get("", response_model=list[InboxOut])
def list_inboxes(
    session: SessionDep,
    client_id: DbId | None = None,
    channel: Channel | None = None,
    actor=require(P.INBOXES_READ),
) -> list[Inbox]:
    query = select(Inbox).order_by(Inbox.client_id, Inbox.id)
    if client_id is not None:
        query = query.where(Inbox.client_id == client_id)
    if channel is not None:
        query = query.where(Inbox.channel == channel.value)
    return list(session.scalars(query))


@router.post("", response_model=InboxOut, status_code=201)
def create_inbox(body: InboxIn, session: SessionDep, actor=require(P.INBOXES_MANAGE)) -> Inbox:
    client = access_client_by_id(session, body.client_id)
    return do_create_inbox(session, actor=actor, client=client, data=body)


@router.get("/{inbox_id}", response_model=InboxOut)
def get_inbox(inbox_id: DbId, session: SessionDep, actor=require(P.INBOXES_READ)) -> Inbox:
    return access_inbox_by_id(session, inbox_id)


@router.patch("/{inbox_id}", response_model=InboxOut)
def update_inbox(
    inbox_id: DbId, body: InboxPatch, session: SessionDep, actor=require(P.INBOXES_MANAGE)
) -> Inbox:
    inbox = access_inbox_by_id(session, inbox_id)
    do_update_inbox(session, actor=actor, inbox=inbox, patch=body)
    return inbox
