"""The optional OpenAI-compatible endpoint a client may configure for the suggested reply.

The model is prompted only with retrieved passages and the customer's question, and personal
data is redacted from every piece of text before the request leaves the machine. Any failure
falls back to the offline reply: the endpoint can only ever improve on it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from tawasol.copilot.ranking import Hit
from tawasol.nlp.pii import redact

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 20.0
MAX_PASSAGES = 4
LANGUAGE_NAMES = {
    "fr": "French", "ar": "Modern Standard Arabic", "en": "English", "es": "Spanish",
    "ary": "Moroccan Darija written in Arabic script",
    "ary-Latn": "Moroccan Darija written in Latin letters, as the customer writes it (Arabizi)",
}  # fmt: skip


@dataclass(frozen=True)
class Endpoint:
    base_url: str
    model: str
    api_key: str | None

    @property
    def version(self) -> str:
        return f"{self.model}@{urlsplit(self.base_url).netloc}"


class EndpointError(RuntimeError):
    pass


def build_messages(*, question: str, hits: list[Hit], language: str) -> list[dict[str, str]]:
    """The chat messages sent: redacted passages and question, nothing else."""
    passages = "\n\n".join(
        f"[{n}] {redact(hit.doc.title).text}\n{redact(hit.doc.text).text}"
        for n, hit in enumerate(hits[:MAX_PASSAGES], start=1)
    )
    system = (
        "You help a contact-center advisor answer a customer. Use only the numbered passages; "
        "if they do not answer the question, say you will check and come back. Write a short, "
        f"polite reply in {LANGUAGE_NAMES.get(language, language)}. Placeholders such as "
        "[PHONE] or [EMAIL] stand for redacted personal data: never invent values for them."
    )
    user = f"Passages:\n{passages or '(none)'}\n\nCustomer message:\n{redact(question).text}"
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def complete(
    endpoint: Endpoint, messages: list[dict[str, str]], *, client: httpx.Client | None = None
) -> str:
    """POST to ``{base_url}/chat/completions``; the first choice's text, or EndpointError."""
    headers = {"content-type": "application/json"}
    if endpoint.api_key:
        headers["authorization"] = f"Bearer {endpoint.api_key}"
    body = {"model": endpoint.model, "messages": messages, "temperature": 0.2}
    url = endpoint.base_url.rstrip("/") + "/chat/completions"
    try:
        if client is None:
            with httpx.Client(timeout=TIMEOUT_SECONDS) as own:
                response = own.post(url, json=body, headers=headers)
        else:
            response = client.post(url, json=body, headers=headers)
        response.raise_for_status()
        text = response.json()["choices"][0]["message"]["content"]
    except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as error:
        log.warning("copilot endpoint %s failed: %s", endpoint.version, error)
        raise EndpointError(str(error)[:200]) from error
    if not isinstance(text, str) or not text.strip():
        raise EndpointError("the endpoint returned no text")
    return text.strip()
