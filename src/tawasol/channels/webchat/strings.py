"""Every text the widget shows, from the translation catalogue, in the visitor's language.

The widget script holds no sentence of its own: it receives `strings` (and the language's
direction) in its configuration (`GET /widget/{key}/availability?lang=…`) and asks again when
the visitor picks another language. Keys are what the script names; values are the French
source text, translated through the .po catalogues. Errors are shown by their stable code,
never by the API's English message. Placeholders use the catalogue's `%(name)s` form.
"""

from __future__ import annotations

from functools import cache

from tawasol.i18n.catalogue import SUPPORTED_LOCALES, direction, gettext, using_locale

# Each language named in itself: the same in every locale, so not translated.
LANGUAGE_NAMES = {"fr": "Français", "ar": "العربية", "en": "English", "es": "Español"}

WIDGET_TEXT: dict[str, str] = {
    "open": "Ouvrir la discussion",
    "close": "Fermer la discussion",
    "unread": "%(n)s non lu(s)",
    "name": "Votre nom",
    "email": "E-mail (facultatif)",
    "emailRequired": "E-mail",
    "language": "Langue",
    "start": "Commencer la discussion",
    "placeholder": "Écrivez votre message…",
    "send": "Envoyer",
    "attach": "Joindre un fichier",
    "typing": "l'agent écrit…",
    "pending": "Envoi…",
    "sent": "Envoyé",
    "failed": "Non envoyé",
    "transcript": "Recevoir la transcription par e-mail",
    "transcriptAsk": "Envoyer",
    "cancel": "Annuler",
    "transcriptSent": "La transcription vous sera envoyée par e-mail.",
    "transcriptRecorded": "Demande enregistrée : un conseiller vous enverra la transcription.",
    "offlineTitle": "Nos conseillers sont absents pour le moment.",
    "offlineIntro": "Laissez-nous un message : nous vous répondrons par e-mail.",
    "message": "Votre message",
    "leave": "Laisser un message",
    "offlineThanks": "Merci, votre message a bien été reçu.",
    "reconnecting": "Connexion perdue, reconnexion…",
    "tooLarge": "Fichier trop volumineux (max %(max)s Ko).",
    "kilobytes": "%(n)s Ko",
    "you": "Vous",
    "advisor": "Conseiller",
    "welcome": "Bonjour ! Comment pouvons-nous vous aider ?",
    "ended": "Conversation terminée. Écrivez-nous pour la reprendre.",
    "log": "Messages de la discussion",
    "error": "Une erreur est survenue.",
    "error_network": "Connexion impossible. Réessayez dans un instant.",
    "error_validation_error": "Vérifiez les champs du formulaire.",
    "error_unsupported_attachment": "Seuls les images (PNG, JPEG, GIF, WebP) et les documents "
    "PDF peuvent être envoyés.",
    "error_invalid_attachment": "Ce fichier n'est plus disponible : envoyez-le à nouveau.",
    "error_empty_attachment": "Ce fichier est vide.",
    "error_payload_too_large": "Cet envoi est trop volumineux.",
    "error_unknown_inbox": "Cette discussion n'est plus disponible.",
    "error_origin_not_allowed": "Cette discussion n'est pas disponible sur ce site.",
    "error_invalid_visitor": "Votre session a expiré : recommencez la discussion.",
    "error_transcript_limit": "Trop de demandes de transcription : réessayez plus tard.",
    "error_identity_unverified": "Votre identité n'a pas pu être vérifiée.",
}


@cache
def widget_strings(locale: str) -> dict[str, str]:
    """The widget's texts in `locale` (French for an unsupported one)."""
    with using_locale(locale if locale in SUPPORTED_LOCALES else "fr"):
        return {key: gettext(text) for key, text in WIDGET_TEXT.items()}


def widget_language(locale: str) -> dict[str, object]:
    """What the configuration carries for one language."""
    return {
        "language": locale,
        "direction": direction(locale),
        "strings": widget_strings(locale),
        "languages": [{"code": code, "name": name} for code, name in LANGUAGE_NAMES.items()],
    }
