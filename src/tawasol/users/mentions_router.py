"""JSON API for my @mentions: the list (optionally unread only) and marking one read."""

from __future__ import annotations

from fastapi import APIRouter, Query

from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.db.types import DbId
from tawasol.errors import Forbidden
from tawasol.pagination import Page, decode_cursor, encode_cursor
from tawasol.users.access import access_my_mention_by_id
from tawasol.users.mentions import do_mark_mention_read, list_my_mentions, mention_out
from tawasol.users.schemas import MentionOut

router = APIRouter(prefix="/mentions", tags=["mentions"])


def _person(actor) -> int:  # type: ignore[no-untyped-def]
    if actor.user_id is None:
        raise Forbidden("mentions belong to a person; this caller is none", code="no_person")
    return int(actor.user_id)


@router.get("", response_model=Page[MentionOut])
def get_my_mentions(
    session: SessionDep,
    unread: bool = False,
    cursor: str | None = Query(default=None, max_length=200),
    limit: int = Query(default=50, ge=1, le=200),
    actor=require(P.NOTES_READ),
) -> Page[MentionOut]:
    before_id = decode_cursor(cursor, (int,))[0] if cursor else None
    found = list_my_mentions(
        session, user_id=_person(actor), unread_only=unread, before_id=before_id, limit=limit + 1
    )
    items = found[:limit]
    more = len(found) > limit
    return Page[MentionOut](
        items=items, next_cursor=encode_cursor(items[-1].id) if more and items else None
    )


@router.post("/{mention_id}/read", response_model=MentionOut)
def mark_read(mention_id: DbId, session: SessionDep, actor=require(P.NOTES_WRITE)) -> MentionOut:
    mention = access_my_mention_by_id(session, mention_id, user_id=_person(actor))
    do_mark_mention_read(session, actor=actor, mention=mention)
    session.flush()
    return mention_out(session, mention)
