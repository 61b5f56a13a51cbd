"""Turning mail bytes into text whatever charset they claim, and RFC 2047 header words.

Mail lies about its charset: UTF-8 labelled ISO-8859-1, 8-bit bytes under US-ASCII, charset
names no codec knows. Decoding never raises: it tries the label, corrects the common lies,
asks charset-normalizer when the label is useless, and replaces as a last resort. Each
correction is reported so the message can be flagged.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from email.header import decode_header

from charset_normalizer import from_bytes

# Labels that browsers and mail clients treat as Windows-1252 (WHATWG encoding standard).
_LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "cp819", "iso_8859-1"}
_ASCII_LABELS = {"us-ascii", "ascii", "ansi_x3.4-1968", "646", "us"}
_USELESS_LABELS = {"", "unknown", "unknown-8bit", "x-unknown", "default", "8bit", "binary"}
_ALIASES = {"windows-1256": "cp1256", "windows-1252": "cp1252", "ks_c_5601-1987": "cp949"}
_LIKELY = ["cp1252", "cp1256", "iso8859_6"]  # French/Spanish, Arabic (Windows, ISO)
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bqBQ]\?[^?\s]*\?=")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Decoded:
    text: str
    charset: str
    note: str | None = None  # set when the declared charset was not the one used


def _codec(label: str | None) -> str | None:
    name = (label or "").strip().strip("\"'").lower()
    if name in _USELESS_LABELS:
        return None
    name = _ALIASES.get(name, name)
    if name in _LATIN1_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _is_utf8(payload: bytes) -> bool:
    try:
        payload.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _guess(payload: bytes) -> Decoded | None:
    # Short texts fool open detection (French reads as Central European): try the charsets
    # our customers really write in first, and the full detector only when none fits.
    sample = payload[:65536]
    best = from_bytes(sample, cp_isolation=_LIKELY).best() or from_bytes(sample).best()
    if best is None or best.encoding is None:
        return None
    try:
        return Decoded(payload.decode(best.encoding), best.encoding, "detected")
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(payload: bytes, declared: str | None = None) -> Decoded:
    """Decode a body or header; the declared charset is a hint, never a crash."""
    if payload.isascii():
        return Decoded(payload.decode("ascii"), "us-ascii")
    codec = _codec(declared)
    label = (declared or "").strip().strip("\"'").lower()
    # UTF-8 sent under a single-byte label is the most common lie; valid multi-byte UTF-8
    # sequences almost never occur in genuine Latin-1 text, so the check is safe.
    if (codec in (None, "cp1252", "ascii") or label in _ASCII_LABELS) and _is_utf8(payload):
        note = None if codec is None and not label else f"declared {label or 'none'}, was utf-8"
        return Decoded(payload.decode("utf-8"), "utf-8", note)
    if codec is not None and codec != "ascii":
        try:
            return Decoded(payload.decode(codec), codec)
        except UnicodeDecodeError:
            if codec == "cp1252":  # bytes 0x81, 0x8d... are unassigned in 1252, not in 8859-1
                return Decoded(payload.decode("latin-1"), "iso-8859-1")
    guessed = _guess(payload)
    if guessed is not None:
        return Decoded(guessed.text, guessed.charset, f"declared {label or 'none'}, guessed")
    return Decoded(payload.decode(codec or "utf-8", errors="replace"), codec or "utf-8", "lossy")


def header_text(raw: str | None) -> str:
    """A header's text: raw 8-bit bytes and RFC 2047 words decoded, folded onto one line.

    Control characters (CR and LF included) are replaced by spaces, so a decoded header can
    never inject another header when it is written back out.
    """
    if not raw:
        return ""
    value = str(raw)
    if any("\udc80" <= ch <= "\udcff" for ch in value):
        value = decode_bytes(value.encode("ascii", "surrogateescape")).text
    if "=?" in value and _ENCODED_WORD.search(value):
        value = _decode_words(value)
    value = _CONTROL.sub(" ", value.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))
    return " ".join(value.split())


def _decode_words(value: str) -> str:
    try:
        chunks = decode_header(value)
    except Exception:  # a malformed encoded word keeps its raw form
        return value
    parts: list[str] = []
    for chunk, charset in chunks:
        if isinstance(chunk, str):
            parts.append(chunk)
        else:
            parts.append(decode_bytes(chunk, charset).text)
    return "".join(parts)
