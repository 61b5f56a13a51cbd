"""The copilot panel of the conversation page and its plain form posts (so that it works
without its script): ask for suggestions, record accept / edit / reject, send a macro,
confirm or correct the AI reading (language, intent, sentiment, offensive).

`copilot.js` does the same through the JSON API and re-reads the panel fragment from
`GET /conversations/{id}/copilot`. Each post checks the CSRF field and the same permissions as
the API, reaches the conversation in the actor's scope, and redirects back (303)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.auth.dependencies import get_runtime
from tawasol.auth.permissions import Permission
from tawasol.conversations.access import access_conversation_by_id
from tawasol.conversations.actions import do_post_message
from tawasol.copilot.access import access_macro_by_id, access_suggestion_by_id
from tawasol.copilot.macro_history import picker_order
from tawasol.copilot.queries import list_macros, list_suggestions
from tawasol.copilot.schemas import FeedbackIn, SuggestionKind, SuggestionOut
from tawasol.copilot.suggestion_actions import (
    do_apply_macro,
    do_record_feedback,
    do_request_suggestions,
)
from tawasol.db.types import DbId
from tawasol.errors import ApiError, Conflict, Forbidden, NotFound
from tawasol.models.conversation import Conversation
from tawasol.models.vocabulary import MessageKind
from tawasol.nlp.enrichment.queries import conversation_insights
from tawasol.nlp.enrichment.reviews import do_review_reading
from tawasol.nlp.enrichment.schemas import ReviewIn
from tawasol.web.console import ConsoleUser, form_session, page_actor, render_console
from tawasol.web.staff import int_or_none

router = APIRouter(include_in_schema=False)
MACRO_LIMIT = 100


@dataclass(frozen=True)
class CopilotPanel:
    """What `_copilot.html` shows."""

    enabled: bool
    language: str | None
    secondary_language: str | None
    intent: str | None
    intent_confidence: float | None
    sentiment: str | None
    offensive: bool = False
    latest: dict[str, SuggestionOut] = field(default_factory=dict)
    macros: list[dict[str, Any]] = field(default_factory=list)
    reviews: dict[str, str] = field(default_factory=dict)  # field -> latest decision


def copilot_panel(session: Session, me: ConsoleUser, conversation: Conversation) -> CopilotPanel:
    insights = conversation_insights(session, conversation=conversation)
    enabled = me.may(Permission.COPILOT_USE)
    latest: dict[str, SuggestionOut] = {}
    macros: list[dict[str, Any]] = []
    if enabled:
        for suggestion in list_suggestions(session, conversation=conversation, limit=12):
            latest.setdefault(suggestion.kind, suggestion)
    if me.may(Permission.KNOWLEDGE_READ) and me.may(Permission.MESSAGES_REPLY):
        rows = list_macros(session, client_id=conversation.client_id, active_only=True,
                           limit=MACRO_LIMIT)  # fmt: skip
        recommended = _recommended_macros(latest.get("next_action"))
        ordered = picker_order(session, client_id=conversation.client_id,
                               intent=conversation.intent, macros=list(rows),
                               recommended=recommended)  # fmt: skip
        macros = [{"id": m.id, "name": m.name} for m in ordered]
    return CopilotPanel(
        enabled=enabled, language=insights.language.code or _suggested_language(latest),
        secondary_language=insights.language.secondary,
        intent=insights.intent.label if insights.intent else None,
        intent_confidence=insights.intent.confidence if insights.intent else None,
        sentiment=insights.sentiment, offensive=insights.offensive, latest=latest,
        macros=macros, reviews={r.field: r.decision for r in insights.reviews},
    )  # fmt: skip


def _recommended_macros(next_action: SuggestionOut | None) -> list[int]:
    """The macros of the copilot's latest next action, best first (none once rejected)."""
    if next_action is None:
        return []
    if next_action.feedback is not None and next_action.feedback.decision == "rejected":
        return []
    details = next_action.details or {}
    ids = [details.get("macro_id")] + [a.get("macro_id") for a in details.get("alternatives", [])]
    return [i for i in ids if isinstance(i, int)]


def _suggested_language(latest: dict[str, SuggestionOut]) -> str | None:
    """Before the enrichment job has read the conversation, the copilot's own reading."""
    summary = latest.get("summary")
    language = summary.details.get("language") if summary else None
    return language if language and language != "und" else None


@router.get("/conversations/{conversation_id}/copilot", response_class=HTMLResponse)
def copilot_fragment(conversation_id: DbId, request: Request) -> Response:
    """The panel alone, re-read by the script after each change."""
    actor = page_actor(request)
    if actor is None:
        return Response(status_code=401)
    if not actor.can(Permission.CONVERSATIONS_READ):
        return Response(status_code=404)
    with get_runtime(request).db.unit(actor.scope, write=False) as session:
        me = ConsoleUser.load(session, request, actor)
        try:
            conversation = access_conversation_by_id(session, conversation_id)
        except NotFound:
            return Response(status_code=404)
        panel = copilot_panel(session, me, conversation)
    context = {"copilot": panel, "header": {"conversation": conversation}}
    return render_console(request, "_copilot.html", me, context)


def _suggest(session: Session, actor: Actor, conversation: Conversation, form: dict) -> None:
    actor.require(Permission.COPILOT_USE)
    do_request_suggestions(
        session, actor=actor, conversation=conversation, kinds=list(SuggestionKind),
        locale=form.get("_locale", "fr"),
    )  # fmt: skip


def _feedback(session: Session, actor: Actor, conversation: Conversation, form: dict) -> None:
    suggestion = access_suggestion_by_id(session, int_or_none(form.get("suggestion_id")) or 0)
    if suggestion.conversation_id != conversation.id:
        raise NotFound("suggestion not found", object="suggestion")
    data = FeedbackIn.model_validate(
        {"decision": form.get("decision"), "final_text": form.get("final_text") or None,
         "send": form.get("send") == "1"}
    )  # fmt: skip
    do_record_feedback(
        session, actor=actor, suggestion=suggestion, conversation=conversation, data=data
    )


def _macro(session: Session, actor: Actor, conversation: Conversation, form: dict) -> None:
    """Without the script a macro is a canned response: its actions, then its text is sent."""
    actor.require(Permission.KNOWLEDGE_READ)
    macro = access_macro_by_id(session, int_or_none(form.get("macro_id")) or 0)
    applied = do_apply_macro(
        session, actor=actor, conversation=conversation, macro=macro, language=None
    )
    do_post_message(session, actor=actor, conversation=conversation, kind=MessageKind.MESSAGE,
                    text=applied.text, html=None)  # fmt: skip


def _review(session: Session, actor: Actor, conversation: Conversation, form: dict) -> None:
    """Confirm or correct one field of the AI reading (the form always carries the value
    field; only a correction sends it)."""
    decision = form.get("decision")
    data = ReviewIn.model_validate(
        {"field": form.get("field"), "decision": decision,
         "value": (form.get("value") or None) if decision == "corrected" else None}
    )  # fmt: skip
    do_review_reading(session, actor=actor, conversation=conversation, data=data)


CHANGES = {"suggest": _suggest, "feedback": _feedback, "macro": _macro, "review": _review}


@router.post("/conversations/{conversation_id}/copilot/{change}")
async def copilot_change(conversation_id: DbId, change: str, request: Request) -> Response:
    if change not in CHANGES:
        return Response(status_code=404)
    actor, form = await form_session(request)
    if isinstance(actor, Response):
        return actor
    runtime = get_runtime(request)
    target = f"/conversations/{conversation_id}"
    try:
        with runtime.db.unit(actor.scope) as session:
            actor.require(Permission.CONVERSATIONS_READ)
            form["_locale"] = ConsoleUser.load(session, request, actor).locale
            conversation = access_conversation_by_id(session, conversation_id)
            CHANGES[change](session, actor, conversation, form)
    except NotFound:
        return Response(status_code=404)
    except (ApiError, ValidationError) as exc:
        code = "forbidden" if isinstance(exc, Forbidden) else (
            "conflict" if isinstance(exc, Conflict) else "invalid")  # fmt: skip
        return RedirectResponse(f"{target}?error={code}#copilot-title", status_code=303)
    return RedirectResponse(f"{target}#copilot-title", status_code=303)
