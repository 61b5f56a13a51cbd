"""Filling `{{contact.name}}`-style placeholders, and the reply frames in each customer language.

The frames are customer-facing text in the *customer's* language (not the advisor's interface
language), so they live here as data rather than in the interface catalogue."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from tawasol.nlp.language.scripts import ARABIC, LATIN, letter_script

_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+(?:\.[a-z_]+)?)\s*\}\}")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([,.،])")
_DOUBLE_SPACE = re.compile(r"[ \t]{2,}")

# Reply languages the frames cover; anything else falls back along REPLY_FALLBACK.
# "ary-Latn" (BCP 47: Darija in Latin letters) is the reply language of a customer who writes
# Darija in Latin letters: an Arabizi frame around the French article or macro (the way
# advisors answer them: "Salam Khadija, [French] ... Nharek mabrouk"), then Arabic script.
REPLY_FALLBACK: dict[str, tuple[str, ...]] = {
    "ary-Latn": ("ary-Latn", "fr", "ary", "ar"),
    "ary": ("ary", "ar", "fr"),
    "ar": ("ar", "ary", "fr"),
    "fr": ("fr", "en"),
    "en": ("en", "fr"),
    "es": ("es", "fr", "en"),
}


@dataclass(frozen=True)
class Frame:
    greeting: str
    closing: str
    holding: str  # the customer waits and no passage answers: "I am checking"
    anything_else: str  # nobody waits (the advisor answered last): "anything else?"


FRAMES: dict[str, Frame] = {
    "fr": Frame("Bonjour {{contact.name}},", "Belle journée,\n{{advisor.name}}",
                "Merci pour votre message. Je vérifie votre demande et je reviens vers vous.",
                "Puis-je vous aider pour autre chose ?"),
    "ar": Frame("مرحبا {{contact.name}}،", "مع تحياتنا،\n{{advisor.name}}",
                "شكرا على رسالتك. سأتحقق من طلبك وأعود إليك.",
                "هل يمكنني مساعدتك في شيء آخر؟"),
    "ary": Frame("السلام {{contact.name}}،", "نهارك مبروك،\n{{advisor.name}}",
                 "شكرا على الميساج ديالك. غادي نشوف الطلب ديالك ونرجع ليك.",
                 "واش نقدر نعاونك فشي حاجة أخرى؟"),
    "ary-Latn": Frame("Salam {{contact.name}},", "Nharek mabrouk,\n{{advisor.name}}",
                      "Chokran 3la l-message dyalek. Ghadi nchouf la demande dyalek w nrje3 lik.",
                      "Wach n9der n3awnek f chi haja khra?"),
    "en": Frame("Hello {{contact.name}},", "Kind regards,\n{{advisor.name}}",
                "Thank you for your message. I am checking your request and will get back to you.",
                "Is there anything else I can help you with?"),
    "es": Frame("Hola {{contact.name}}:", "Un saludo,\n{{advisor.name}}",
                "Gracias por su mensaje. Reviso su solicitud y vuelvo con usted.",
                "¿Puedo ayudarle en algo más?"),
}  # fmt: skip


def reply_language(language: str, customer_text: str) -> str:
    """The language (and script) to answer in: Darija written mostly in Latin letters is
    answered as ``ary-Latn``; anything else as ``language``."""
    if language != "ary":
        return language
    scripts = Counter(letter_script(char) for char in customer_text)
    return "ary-Latn" if scripts[LATIN] > scripts[ARABIC] else language


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace known placeholders; unknown ones stay visible so the advisor notices them."""

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        return values[key] if key in values else match.group(0)

    text = _PLACEHOLDER.sub(replace, template)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return "\n".join(_DOUBLE_SPACE.sub(" ", line).strip() for line in text.split("\n")).strip()


def placeholder_values(
    *, contact_name: str | None, advisor_name: str | None, client_name: str, conversation_id: int
) -> dict[str, str]:
    name = (contact_name or "").strip()
    return {
        "contact.name": name,
        "contact.first_name": name.split()[0] if name else "",
        "advisor.name": (advisor_name or "").strip(),
        "advisor.first_name": (advisor_name or "").strip().split(" ")[0],
        "client.name": client_name,
        "conversation.id": str(conversation_id),
    }


def language_chain(language: str, client_locale: str) -> tuple[str, ...]:
    """The languages to answer in, best first: the customer's, then its fall-backs."""
    return REPLY_FALLBACK.get(language, (client_locale, "fr"))
