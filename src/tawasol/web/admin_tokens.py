"""`/admin/tokens`: the signed-in user's own API tokens. The secret is shown once, in the
answer to the creating post (never in an address, a log or a later page); revoking is a post."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from tawasol.auth.dependencies import get_runtime
from tawasol.auth.schemas import TokenIn
from tawasol.auth.tokens import access_token_by_id, do_create_token, do_revoke_token, list_tokens
from tawasol.db.types import DbId
from tawasol.errors import ApiError, NotFound
from tawasol.models.vocabulary import Role, TokenScope
from tawasol.web.console import ConsoleUser
from tawasol.web.staff import back, form_actor, int_or_none, open_page, render_staff

router = APIRouter(include_in_schema=False)
EVERYONE = frozenset(Role)


def _list(session: Session, me: ConsoleUser) -> dict[str, Any]:
    return {"tokens": list_tokens(session, actor=me.actor), "scopes": [s.value for s in TokenScope]}


@router.get("/admin/tokens", response_class=HTMLResponse)
def tokens_page(request: Request) -> Response:
    actor = open_page(request, EVERYONE)
    if isinstance(actor, Response):
        return actor
    return render_staff(request, actor, "admin_tokens.html", "tokens", _list, secret=None, typed={})


@router.post("/admin/tokens")
async def create_token(request: Request) -> Response:
    actor, form = await form_actor(request, EVERYONE)
    if isinstance(actor, Response):
        return actor
    try:
        body = TokenIn.model_validate(
            {"name": form.get("name", "").strip(), "scopes": [form.get("scope", "read")],
             "expires_in_days": int_or_none(form.get("expires_in_days"))}
        )  # fmt: skip
        with get_runtime(request).db.unit(actor.scope) as session:
            _, secret = do_create_token(
                session, actor=actor, name=body.name, scopes=[s.value for s in body.scopes],
                expires_in_days=body.expires_in_days,
            )  # fmt: skip
    except (ApiError, ValidationError) as exc:
        return render_staff(request, actor, "admin_tokens.html", "tokens", _list,
                            flash=exc, status=422, secret=None, typed=form)  # fmt: skip
    response = render_staff(request, actor, "admin_tokens.html", "tokens", _list,
                            status=201, secret=secret, typed={})  # fmt: skip
    return response


@router.post("/admin/tokens/{token_id}/revoke")
async def revoke_token(token_id: DbId, request: Request) -> Response:
    actor, _ = await form_actor(request, EVERYONE)
    if isinstance(actor, Response):
        return actor
    try:
        with get_runtime(request).db.unit(actor.scope) as session:
            token = access_token_by_id(session, actor=actor, token_id=token_id)
            do_revoke_token(session, actor=actor, token=token)
    except NotFound:
        return Response(status_code=404)
    return back("/admin/tokens", done=1)
