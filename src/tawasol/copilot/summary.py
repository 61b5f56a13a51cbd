"""The extractive handover summary: who, what, what was done, what is pending.

Every sentence comes from the conversation itself (customer text is PII-redacted first);
the labels are in the requesting advisor's interface language."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from tawasol.conversations.queries import tags_by_conversation
from tawasol.copilot.context import ConversationContext
from tawasol.copilot.drafts import Draft
from tawasol.i18n.catalogue import gettext as _
from tawasol.i18n.catalogue import using_locale
from tawasol.nlp.pii import redact

SUMMARY_MODEL = "offline-extractive-summary"
SUMMARY_VERSION = "3"  # 2: a sentence of greetings only ("Salam cv?") is not the request;
# 3: a pending question that is the request itself is not repeated
SNIPPET_CHARS = 220
_SENTENCE = re.compile(r"(?<=[.!?؟])\s+|\n+")
_WORD = re.compile(r"[\w']+")
# Words of greeting and courtesy, in the customers' languages: a sentence made only of them
# opens a message but says nothing about the request.
_COURTESY_WORDS = """
salam slm salamo salut bonjour bonsoir hello hi hey hola buenos buenas dias días tardes noches
cv ça ca va vous allez comment how are you good morning evening afternoon merci thanks thank
gracias svp please por favor 3afak 3afakom afak lah yhfdk yhfdek labas bikhir sba7 sbah lkhir
lkheir msa masa mse ahlan marhaba wa w alaykom 3alaykom alaikum assalamu khouya khoya lalla
sidi monsieur madame bonne journée journee soirée ok allo allô alo
السلام سلام عليكم مرحبا أهلا اهلا صباح مساء الخير النور شكرا عافاك الله يخليك لاباس بخير
كيداير داير ألو الو آلو خويا تحياتي و
"""
COURTESY = frozenset(_COURTESY_WORDS.split())


def _courtesy_only(sentence: str) -> bool:
    words = _WORD.findall(sentence.casefold())
    return bool(words) and all(word in COURTESY for word in words)


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` that is more than greetings (else the first one),
    PII-redacted and shortened."""
    sentences = [" ".join(s.split()) for s in _SENTENCE.split(redact(text).text)]
    sentences = [s for s in sentences if s]
    if not sentences:
        return ""
    sentence = next((s for s in sentences if not _courtesy_only(s)), sentences[0])
    if len(sentence) > SNIPPET_CHARS:
        return sentence[: SNIPPET_CHARS - 1].rstrip() + "…"
    return sentence


def build_summary(session: Session, *, ctx: ConversationContext, locale: str) -> Draft:
    conversation = ctx.conversation
    inbound = [m for m in ctx.messages if m.direction == "inbound"]
    outbound = [m for m in ctx.messages if m.direction == "outbound"]
    tags = tags_by_conversation(session, [conversation.id]).get(conversation.id, [])
    parts = {
        "who": ctx.contact_name or "",
        "channel": conversation.channel,
        "language": ctx.language,
        "what": first_sentence(inbound[0].text) if inbound else "",
        "intent": conversation.intent,
        "replies": len(outbound),
        "notes": ctx.notes,
        "last_reply": first_sentence(outbound[-1].text) if outbound else "",
        "tags": tags,
        "status": conversation.status,
        "pending": first_sentence(ctx.question) if ctx.waiting else "",
    }
    cited = inbound[:1] + outbound[-1:] + inbound[-1:]
    with using_locale(locale):
        who = _("Qui : %(name)s (%(channel)s, langue %(language)s)") % {
            "name": parts["who"] or _("client sans nom"), "channel": parts["channel"],
            "language": parts["language"],
        }  # fmt: skip
        lines = [who, _("Demande : %(text)s") % {"text": parts["what"] or "—"}]
        if parts["intent"]:
            lines.append(_("Intention : %(intent)s") % {"intent": parts["intent"]})
        done = _("réponses envoyées : %(count)s") % {"count": len(outbound)}
        if parts["last_reply"]:
            done += " — " + _("dernière : %(text)s") % {"text": parts["last_reply"]}
        if tags:
            done += " — " + _("étiquettes : %(tags)s") % {"tags": ", ".join(tags)}
        lines.append(_("Fait : %(done)s") % {"done": done})
        if parts["pending"] and parts["pending"] == parts["what"]:  # one question, not twice
            pending = _("le client attend une réponse à cette demande")
        elif parts["pending"]:
            pending = _("le client attend une réponse à : %(text)s") % {"text": parts["pending"]}
        else:
            pending = _("rien en attente côté conseiller")
        lines.append(_("En attente : %(pending)s") % {"pending": pending})
    return Draft(
        "summary", "\n".join(lines), ctx.language, SUMMARY_MODEL, SUMMARY_VERSION,
        sources=[{"message_id": i} for i in dict.fromkeys(m.id for m in cited)],
        details=parts,
    )  # fmt: skip
