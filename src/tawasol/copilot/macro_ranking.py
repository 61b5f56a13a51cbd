"""The next best action: the client's macros ranked for a conversation.

Ranked by the advisors' history (`macro_history`: the conversation's own stage first,
opening or follow-up) when the conversation's intent has some, else by text similarity, which
is a weak signal and says so (``basis``). A macro is put forward as the reply only when the
history of the same stage backs it (`backs_reply`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.copilot.context import ConversationContext
from tawasol.copilot.drafts import Draft
from tawasol.copilot.macro_history import IntentHistory, Stage, best_history
from tawasol.copilot.templating import language_chain
from tawasol.models.knowledge import Macro
from tawasol.models.vocabulary import ConversationStatus
from tawasol.nlp.embeddings import Embedder
from tawasol.nlp.normalize import normalize

NEXT_ACTION_MODEL = "offline-macro-ranker"
NEXT_ACTION_VERSION = "2"  # 2: ranked by the advisors' history of the intent first
# a macro becomes the reply when at least this share of the intent's recent uses went to it
REPLY_MIN_SHARE = 0.5
CLOSING_STATUSES = {ConversationStatus.RESOLVED.value, ConversationStatus.CLOSED.value}


@dataclass(frozen=True)
class MacroScore:
    """``score`` is the macro's share of the intent's recent uses (basis ``history``) or the
    cosine between the question and the macro (basis ``similarity``)."""

    macro: Macro
    language: str
    score: float
    basis: str
    uses: int = 0  # with basis history: the macro's uses among the intent's ``of`` recent uses
    of: int = 0
    stage: Stage | None = None  # with basis history: the stage those uses were counted at

    @classmethod
    def from_history(cls, macro: Macro, language: str, history: IntentHistory) -> MacroScore:
        return cls(
            macro, language, history.share(macro.id), "history", history.by_macro[macro.id],
            history.total, history.stage,
        )  # fmt: skip


def macro_body(macro: Macro, chain: tuple[str, ...]) -> tuple[str, str]:
    """The macro's body in the first language of ``chain`` it has, else its first body."""
    for language in chain:
        if language in macro.bodies:
            return language, macro.bodies[language]
    language = sorted(macro.bodies)[0]
    return language, macro.bodies[language]


def rank_macros(
    session: Session, *, ctx: ConversationContext, vector: np.ndarray, embedder: Embedder
) -> list[MacroScore]:
    macros = list(
        session.scalars(
            select(Macro)
            .where(Macro.client_id == ctx.client.id, Macro.is_active.is_(True))
            .order_by(Macro.id)
        )
    )
    if not macros:
        return []
    chain = language_chain(ctx.reply_language, ctx.client.locale)
    bodies = [macro_body(macro, chain) for macro in macros]
    history = best_history(
        session, client_id=ctx.client.id, intent=ctx.conversation.intent, stage=stage_of(ctx)
    )
    if history is not None:  # no need to embed the macros
        scored = [
            MacroScore.from_history(macro, language, history)
            for macro, (language, _) in zip(macros, bodies, strict=True)
        ]
    else:  # compared in the customer's own language (the reply may be in another script)
        closest = language_chain(ctx.language, ctx.client.locale)
        texts = [normalize(f"{m.name}. {macro_body(m, closest)[1]}").embedding_text for m in macros]
        cosines = embedder.embed(texts, kind="passage") @ vector
        scored = [
            MacroScore(macro, language, float(cosine), "similarity")
            for macro, (language, _), cosine in zip(macros, bodies, cosines, strict=True)
        ]
    return sorted(scored, key=lambda s: (-s.score, s.macro.id))


def stage_of(ctx: ConversationContext) -> Stage:
    """``opening`` while no advisor has replied yet, then ``follow_up``."""
    replied = any(m.direction == "outbound" for m in ctx.messages)
    return "follow_up" if replied else "opening"


def backs_reply(best: MacroScore, ctx: ConversationContext) -> bool:
    """The advisors' history makes ``best`` the usual answer to this intent at this stage (a
    macro applied only once the work is done is no first answer), and it does not close the
    conversation on a customer who waits for an answer."""
    closes = best.macro.set_status in CLOSING_STATUSES
    return (
        best.basis == "history" and best.stage == stage_of(ctx)
        and best.score >= REPLY_MIN_SHARE and not (closes and ctx.waiting)
    )  # fmt: skip


def next_action_draft(
    macros: list[MacroScore], ctx: ConversationContext, embedder: Embedder
) -> Draft:
    best = macros[0]
    alternatives = [
        {"macro_id": s.macro.id, "name": s.macro.name, "score": round(s.score, 4)}
        for s in macros[:3]
    ]
    details = {
        "macro_id": best.macro.id, "score": round(best.score, 4), "language": best.language,
        "add_tags": best.macro.add_tags, "set_status": best.macro.set_status,
        "alternatives": alternatives, "basis": best.basis, "intent": ctx.conversation.intent,
        "uses": best.uses, "intent_uses": best.of, "stage": best.stage,
    }  # fmt: skip
    return Draft(
        "next_action", best.macro.name, best.language, NEXT_ACTION_MODEL,
        f"{NEXT_ACTION_VERSION}+{embedder.version}",
        sources=[{"macro_id": best.macro.id, "name": best.macro.name}], details=details,
    )  # fmt: skip
