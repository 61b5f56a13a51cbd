"""The offline suggested reply and next best action: retrieval plus templating, with sources.

The reply answers the customer's open question with the best knowledge passage in their
language (following the article's translations when the best hit is in another language), or,
when no passage is close enough, with the macro the client's advisors mostly applied in
conversations of the same intent; passages are framed by a greeting and a closing in the
customer's language. No text is generated: every sentence is either a frame, a macro or a
cited passage.

The macros are ranked, and the next best action drafted, in `macro_ranking`."""

from __future__ import annotations

import numpy as np
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tawasol.copilot.context import ConversationContext
from tawasol.copilot.drafts import Draft
from tawasol.copilot.intent_grounding import choose_for_intent
from tawasol.copilot.macro_ranking import backs_reply, macro_body, next_action_draft, rank_macros
from tawasol.copilot.ranking import Hit, HybridIndex, query_vector
from tawasol.copilot.retrieval import citation, client_index
from tawasol.copilot.templating import FRAMES, fill, language_chain, placeholder_values
from tawasol.models.knowledge import KnowledgeArticle
from tawasol.nlp.embeddings import Embedder, default_embedder

REPLY_MODEL = "offline-retrieval-templates"
REPLY_VERSION = "3"  # 2: a macro is the reply only when the advisors' history backs it;
# 3: without a passage, a conversation nobody waits in gets "anything else?", not "I am checking"
# e5-small's cosines are compressed (unrelated texts score ~0.80): a passage grounds a reply
# when it is very close, or when both rankers agree on it.
SURE_COSINE = 0.86
AGREEING_DENSE_RANK = 5
INTENT_BASES = {"intent_tag", "intent_reading", "none"}


def grounded(hit: Hit) -> bool:
    agree = hit.lexical_rank is not None and (hit.dense_rank or 99) <= AGREEING_DENSE_RANK
    return agree or hit.cosine >= SURE_COSINE


def _values(ctx: ConversationContext) -> dict[str, str]:
    return placeholder_values(
        contact_name=ctx.contact_name, advisor_name=ctx.advisor_name,
        client_name=ctx.client.name, conversation_id=ctx.conversation.id,
    )  # fmt: skip


def _translation_group(session: Session, article_id: int) -> set[int]:
    article = session.get(KnowledgeArticle, article_id)
    root = (article.translation_of_id or article.id) if article else article_id
    ids = session.scalars(
        select(KnowledgeArticle.id).where(
            or_(KnowledgeArticle.id == root, KnowledgeArticle.translation_of_id == root)
        )
    )
    return set(ids)


def _passage_in_language(
    session: Session, index: HybridIndex, top: Hit, cosines: np.ndarray, chain: tuple[str, ...]
) -> int | None:
    """Index of the best passage answering like ``top`` in the customer's language, if any."""
    group = _translation_group(session, top.doc.article_id)
    for language in chain:
        found = [
            i
            for i, doc in enumerate(index.docs)
            if doc.article_id in group and doc.language == language
        ]
        if found:
            return max(found, key=lambda i: cosines[i])
    return None


def build_reply_and_action(
    session: Session, *, ctx: ConversationContext, embedder: Embedder | None = None
) -> tuple[Draft, Draft | None, list[Hit]]:
    """The reply draft, the next-action draft (None without macros) and the hits an endpoint
    may be prompted with."""
    embedder = embedder or default_embedder()
    chain = language_chain(ctx.reply_language, ctx.client.locale)
    frame_language = next((lang for lang in chain if lang in FRAMES), "fr")
    values = _values(ctx)
    index = client_index(session, client_id=ctx.client.id, embedder=embedder)
    hits = index.search(ctx.question, limit=5) if ctx.question else []
    vector = query_vector(embedder, ctx.question or " ")
    macros = rank_macros(session, ctx=ctx, vector=vector, embedder=embedder)
    version = f"{REPLY_VERSION}+{embedder.version}"
    base = {"language": frame_language, "model": REPLY_MODEL, "model_version": version}
    best_macro = macros[0] if macros else None
    cosines = index.cosines(vector)
    top, basis = _grounding(session, ctx, index, hits, cosines)
    # what an endpoint may be prompted with: the hits the intent did not rule out
    vouched = hits if basis == "retrieval" else [top] if top is not None else []
    action = next_action_draft(macros, ctx, embedder) if macros else None
    if top is None and best_macro is not None and backs_reply(best_macro, ctx):
        content = fill(macro_body(best_macro.macro, chain)[1], values)
        source = {"macro_id": best_macro.macro.id, "name": best_macro.macro.name,
                  "score": round(best_macro.score, 4), "basis": best_macro.basis,
                  "uses": best_macro.uses}  # fmt: skip
        details = {"grounded": True, "from": "macro", "intent": ctx.conversation.intent,
                   "stage": best_macro.stage}  # fmt: skip
        return Draft("reply", content, sources=[source], details=details, **base), action, vouched
    if top is None:
        frame = FRAMES[frame_language]
        body = frame.holding if ctx.waiting else frame.anything_else  # answered: no "I am checking"
        content = fill(f"{frame.greeting}\n\n{body}\n\n{frame.closing}", values)
        details = {"grounded": False, "from": "frame", "basis": basis, "waiting": ctx.waiting,
                   **_intent(ctx, basis)}  # fmt: skip
        return Draft("reply", content, details=details, **base), action, vouched
    chosen = top
    if top.doc.language != chain[0]:
        better = _passage_in_language(session, index, top, cosines, chain)
        if better is not None and index.docs[better].language != top.doc.language:
            doc = index.docs[better]
            chosen = Hit(doc, top.score, None, None, float(cosines[better]))
    frame = FRAMES[frame_language]
    content = fill(f"{frame.greeting}\n\n{chosen.doc.text}\n\n{frame.closing}", values)
    cited: dict[int, Hit] = {chosen.doc.article_id: chosen}
    if basis == "retrieval":  # hits the intent did not vouch for are not cited (nor prompted)
        for hit in hits[:3]:
            cited.setdefault(hit.doc.article_id, hit)  # one citation per article
    sources = [citation(h) for h in cited.values()]
    details = {"grounded": True, "from": "passage", "cosine": round(chosen.cosine, 4),
               "basis": basis, **_intent(ctx, basis)}  # fmt: skip
    return Draft("reply", content, sources=sources, details=details, **base), action, vouched


def _intent(ctx: ConversationContext, basis: str) -> dict[str, str | None]:
    """The intent the grounding went by, when it did."""
    return {"intent": ctx.conversation.intent} if basis in INTENT_BASES else {}


def _grounding(
    session: Session, ctx: ConversationContext, index: HybridIndex, hits: list[Hit],
    cosines: np.ndarray,
) -> tuple[Hit | None, str]:  # fmt: skip
    """The passage that answers, and why: through the conversation's intent when it is known
    (`intent_grounding`), else when the rankers agree or the cosine is very high."""
    if not ctx.question:
        return None, "no_question"
    choice = choose_for_intent(
        session, client_id=ctx.client.id, intent=ctx.conversation.intent, index=index,
        hits=hits, cosines=cosines,
    )  # fmt: skip
    if choice is not None:
        return choice.hit, choice.basis
    if hits and grounded(hits[0]):
        return hits[0], "retrieval"
    return None, "retrieval"
