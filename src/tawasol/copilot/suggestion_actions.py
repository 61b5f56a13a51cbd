"""Asking the copilot, recording the advisor's decision, and applying a macro."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.auth.permissions import Permission
from tawasol.conversations.actions import do_add_tags, do_post_message, do_set_status
from tawasol.conversations.schemas import StatusIn
from tawasol.copilot.actions import copilot_settings
from tawasol.copilot.context import ConversationContext, load_context
from tawasol.copilot.drafts import Draft
from tawasol.copilot.endpoint import Endpoint, EndpointError, build_messages, complete
from tawasol.copilot.macro_history import record_use
from tawasol.copilot.macro_ranking import macro_body
from tawasol.copilot.schemas import Decision, FeedbackIn, MacroApplied, SuggestionKind
from tawasol.copilot.suggest import build_reply_and_action
from tawasol.copilot.summary import build_summary
from tawasol.copilot.templating import REPLY_FALLBACK, fill, placeholder_values
from tawasol.errors import Conflict, Invalid
from tawasol.models.conversation import Conversation
from tawasol.models.knowledge import CopilotSuggestion, Macro, SuggestionFeedback
from tawasol.models.user import User
from tawasol.models.vocabulary import MessageKind
from tawasol.nlp.embeddings import Embedder


def _endpoint_reply(session: Session, ctx: ConversationContext, draft: Draft, hits: list) -> Draft:
    """The endpoint's reply when the client has one and it answers; the offline one otherwise."""
    settings = copilot_settings(session, client_id=ctx.client.id)
    if settings is None or not settings.endpoint_url or not settings.model or not ctx.question:
        return draft
    endpoint = Endpoint(settings.endpoint_url, settings.model, settings.api_key)
    language = draft.language or ctx.language
    try:
        text = complete(endpoint, build_messages(question=ctx.question, hits=hits,
                                                 language=language))  # fmt: skip
    except EndpointError as error:
        return replace(draft, details={**draft.details, "endpoint_error": str(error)})
    sources = [s for s in draft.sources if "passage_id" in s] or draft.sources
    return Draft(
        "reply", text, language, "openai-compatible", endpoint.version, sources=sources,
        details={"grounded": bool(hits), "from": "endpoint", "pii_redacted": True},
    )  # fmt: skip


def basis_of(draft: Draft) -> str | None:
    """What a suggestion went by, as reported in the acceptance rates."""
    source = draft.details.get("from")
    if source in ("macro", "endpoint"):
        return str(source)
    basis = draft.details.get("basis")
    return str(basis) if basis else None


def do_request_suggestions(
    session: Session,
    *,
    actor: Actor,
    conversation: Conversation,
    kinds: list[SuggestionKind],
    locale: str,
    embedder: Embedder | None = None,
) -> list[CopilotSuggestion]:
    """Build and store the requested suggestions (reply, summary, next action)."""
    ctx = load_context(session, conversation=conversation, actor_user_id=actor.user_id)
    drafts: list[Draft] = []
    if SuggestionKind.REPLY in kinds or SuggestionKind.NEXT_ACTION in kinds:
        reply, action, hits = build_reply_and_action(session, ctx=ctx, embedder=embedder)
        if SuggestionKind.REPLY in kinds:
            drafts.append(_endpoint_reply(session, ctx, reply, hits))
        if SuggestionKind.NEXT_ACTION in kinds and action is not None:
            drafts.append(action)
    if SuggestionKind.SUMMARY in kinds:
        drafts.append(build_summary(session, ctx=ctx, locale=locale))
    stored = [
        CopilotSuggestion(
            client_id=conversation.client_id,
            conversation_id=conversation.id,
            kind=d.kind,
            content=d.content,
            language=d.language,
            sources=d.sources,
            details=d.details,
            model=d.model,
            model_version=d.model_version,
            requested_by_id=actor.user_id,
            basis=basis_of(d),
        )  # fmt: skip
        for d in drafts
    ]
    session.add_all(stored)
    session.flush()
    append_audit(
        session, actor=actor, action="copilot.suggested", object_type="conversation",
        object_id=conversation.id, client_id=conversation.client_id,
        summary={"suggestions": [{"id": s.id, "kind": s.kind, "model_version": s.model_version}
                                 for s in stored]},
    )  # fmt: skip
    return stored


def feedback_of(session: Session, suggestion: CopilotSuggestion) -> SuggestionFeedback | None:
    return session.scalars(
        select(SuggestionFeedback).where(SuggestionFeedback.suggestion_id == suggestion.id)
    ).one_or_none()


def do_record_feedback(
    session: Session,
    *,
    actor: Actor,
    suggestion: CopilotSuggestion,
    conversation: Conversation,
    data: FeedbackIn,
) -> SuggestionFeedback:
    """Record the one decision on a suggestion; a used reply is sent through do_post_message."""
    actor.require(Permission.COPILOT_USE)
    if feedback_of(session, suggestion) is not None:
        raise Conflict("this suggestion already has its feedback", code="feedback_recorded")
    if data.send and suggestion.kind != SuggestionKind.REPLY:
        raise Invalid("only a suggested reply can be sent", code="not_a_reply")
    final_text = data.final_text if data.decision == Decision.EDITED else None
    if data.decision == Decision.ACCEPTED and data.final_text not in (None, suggestion.content):
        final_text = data.final_text  # accepted after a change is an edit: keep what was used
    decision = Decision.EDITED if final_text is not None else data.decision
    message_id = None
    if data.send:
        message = do_post_message(
            session, actor=actor, conversation=conversation, kind=MessageKind.MESSAGE,
            text=final_text or suggestion.content, html=None,
        )  # fmt: skip
        message_id = message.id
    feedback = SuggestionFeedback(
        client_id=suggestion.client_id, suggestion_id=suggestion.id, kind=suggestion.kind,
        decision=decision.value, final_text=final_text, model_version=suggestion.model_version,
        message_id=message_id, user_id=actor.user_id,
    )  # fmt: skip
    session.add(feedback)
    session.flush()
    append_audit(
        session, actor=actor, action="copilot.feedback", object_type="copilot_suggestion",
        object_id=suggestion.id, client_id=suggestion.client_id,
        summary={"decision": decision.value, "kind": suggestion.kind, "message_id": message_id,
                 "model_version": suggestion.model_version},
    )  # fmt: skip
    return feedback


def do_apply_macro(
    session: Session,
    *,
    actor: Actor,
    conversation: Conversation,
    macro: Macro,
    language: str | None,
) -> MacroApplied:
    """Apply the macro's actions (tags, status) and return its body with placeholders filled."""
    if macro.client_id != conversation.client_id or not macro.is_active:
        raise Invalid("this macro does not apply to this conversation", code="foreign_macro")
    ctx = load_context(session, conversation=conversation, actor_user_id=actor.user_id)
    wanted = language or ctx.reply_language
    chain = (wanted, *REPLY_FALLBACK.get(wanted, ()), ctx.client.locale)
    chosen, body = macro_body(macro, chain)
    advisor = session.get(User, actor.user_id) if actor.user_id else None
    values = placeholder_values(
        contact_name=ctx.contact_name, advisor_name=advisor.full_name if advisor else None,
        client_name=ctx.client.name, conversation_id=conversation.id,
    )  # fmt: skip
    if macro.add_tags:
        actor.require(Permission.CONVERSATIONS_WRITE)
        do_add_tags(session, actor=actor, conversation=conversation, tags=macro.add_tags)
    if macro.set_status and macro.set_status != conversation.status:
        actor.require(Permission.CONVERSATIONS_WRITE)
        do_set_status(session, actor=actor, conversation=conversation,
                      data=StatusIn.model_validate({"status": macro.set_status}))  # fmt: skip
    record_use(
        session, macro_id=macro.id, client_id=conversation.client_id,
        conversation_id=conversation.id, user_id=actor.user_id, intent=conversation.intent,
    )  # fmt: skip
    append_audit(
        session, actor=actor, action="copilot.macro_applied", object_type="conversation",
        object_id=conversation.id, client_id=conversation.client_id,
        summary={"macro_id": macro.id, "language": chosen},
    )  # fmt: skip
    return MacroApplied(
        macro_id=macro.id, language=chosen, text=fill(body, values),
        added_tags=list(macro.add_tags), status=conversation.status,
    )  # fmt: skip
