"""Folding quoted history and signatures out of a reply, in the languages our customers write.

Advisors read what the customer wrote now; the quoted thread and the signature are kept in
separate fields (never discarded) and can be unfolded. Heuristics are conservative: when
folding would leave nothing, the whole text stays visible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "On <date>, <name> wrote:" in English, French, Spanish, German, Arabic; the header may wrap
# onto two lines (Gmail does), so candidates are tried on one line and on two joined lines.
_QUOTE_HEADERS = [
    re.compile(r"^on\b.{0,300}\bwrote\s*:$", re.I),
    re.compile(r"^le\b.{0,300}\ba\s+écrit\s*:$", re.I),
    re.compile(r"^el\b.{0,300}\bescribió\s*:$", re.I),
    re.compile(r"^am\b.{0,300}\bschrieb\b.{0,200}:$", re.I),
    re.compile(r"^.{0,300}\bكتب\b.{0,300}[:：]$"),
    re.compile(r"^-{2,}\s*(original message|message d'origine|mensaje original)\s*-{2,}$", re.I),
    re.compile(r"^_{10,}$"),
]
# Outlook's quoted header block: a "From:" line followed shortly by a "Sent:"/"Date:" line.
_OUTLOOK_FROM = re.compile(r"^\*?(from|de|von|من)\s*\*?\s*[:：]", re.I)
_OUTLOOK_NEXT = re.compile(
    r"^\*?(sent|envoyé|date|enviado|fecha|gesendet|to|à|para|an|subject|objet|asunto|"
    r"التاريخ|أرسل|إلى|الموضوع)\s*\*?\s*[:：]",
    re.I,
)
_SIGNATURE_DELIMITER = re.compile(r"^--\s?$")
_MOBILE_SIGNATURE = re.compile(
    r"^(sent from my|sent from|envoyé de mon|envoyé depuis|enviado desde|von meinem|"
    r"get outlook for|obtenir outlook pour|télécharger outlook pour|"
    r"أرسلت من|أُرسلت من|مرسل من|تم الإرسال من)\b.{0,80}$",
    re.I,
)
_SIGNATURE_MAX_LINES = 20
_HTML_QUOTE_MARKERS = re.compile(
    r"<div[^>]*class=[\"'][^\"']*\b(gmail_quote|yahoo_quoted|moz-cite-prefix)\b"
    r"|<blockquote[^>]*type=[\"']?cite"
    r"|<div[^>]*id=[\"']?(divRplyFwdMsg|appendonsend)\b"
    r"|<hr[^>]*id=[\"']?stopSpelling",
    re.I,
)
_HTML_SIGNATURE_MARKERS = re.compile(
    r"<div[^>]*class=[\"'][^\"']*\b(gmail_signature|moz-signature)\b", re.I
)


@dataclass(frozen=True)
class Folded:
    body: str
    quoted: str = ""
    signature: str = ""


def _quote_start(lines: list[str]) -> int | None:
    for index, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        joined = f"{text} {lines[index + 1].strip()}" if index + 1 < len(lines) else text
        if any(p.match(text) or p.match(joined) for p in _QUOTE_HEADERS):
            return index
        if _OUTLOOK_FROM.match(text):
            following = [n.strip() for n in lines[index + 1 : index + 5] if n.strip()]
            if following and _OUTLOOK_NEXT.match(following[0]):
                return index
    return _trailing_quote_block(lines)


def _trailing_quote_block(lines: list[str]) -> int | None:
    """The start of a final run of "> " lines; inline replies between quotes stay visible."""
    start = None
    for index in range(len(lines) - 1, -1, -1):
        text = lines[index].strip()
        if text.startswith(">"):
            start = index
        elif text:
            break
    return start


def _signature_start(lines: list[str]) -> int | None:
    for index in range(len(lines) - 1, max(-1, len(lines) - 1 - _SIGNATURE_MAX_LINES), -1):
        text = lines[index].strip()
        if _SIGNATURE_DELIMITER.match(lines[index].rstrip("\r")) or _MOBILE_SIGNATURE.match(text):
            return index
    return None


def fold_text(text: str) -> Folded:
    lines = text.replace("\r\n", "\n").split("\n")
    quoted = ""
    cut = _quote_start(lines)
    if cut is not None:
        quoted = "\n".join(lines[cut:]).strip()
        lines = lines[:cut]
    signature = ""
    cut = _signature_start(lines)
    if cut is not None:
        signature = "\n".join(lines[cut:]).strip()
        lines = lines[:cut]
    body = "\n".join(lines).strip()
    if not body:  # a reply with nothing of its own: show everything rather than nothing
        return Folded(text.strip())
    return Folded(body, quoted, signature)


def fold_html(html: str) -> Folded:
    """Split HTML at the first quote marker the big mail clients write; the sanitizer run
    afterwards closes whatever tags the cut left open."""
    quote = _HTML_QUOTE_MARKERS.search(html)
    body, quoted = (html[: quote.start()], html[quote.start() :]) if quote else (html, "")
    signature = ""
    mark = _HTML_SIGNATURE_MARKERS.search(body)
    if mark:
        body, signature = body[: mark.start()], body[mark.start() :]
    if not re.sub(r"<[^>]*>|&nbsp;|\s", "", body):
        return Folded(html)
    return Folded(body, quoted, signature)
