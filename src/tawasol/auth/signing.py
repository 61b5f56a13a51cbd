"""Signed values handed out by the install (widget visitor tokens, attachment references,
invitation links).

`version.payload.mac`, with an HMAC-SHA256 key derived per purpose from the server secret,
so a value signed for one purpose never verifies for another. (A small, dependency-free
stand-in for itsdangerous; payloads are readable, never secret.) The key label keeps its
original "tawasol/webchat/" prefix: values signed before the module moved here still verify.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from typing import Any

VERSION = "v1"
MAX_SIGNED_CHARS = 1024


def _key(secret_key: str, purpose: str) -> bytes:
    label = f"tawasol/webchat/{purpose}".encode()
    return hmac.new(secret_key.encode(), label, hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(secret_key: str, purpose: str, body: dict[str, Any]) -> str:
    payload = f"{VERSION}.{_b64(json.dumps(body, separators=(',', ':')).encode())}"
    mac = hmac.new(_key(secret_key, purpose), payload.encode(), hashlib.sha256).digest()
    return f"{payload}.{_b64(mac)}"


def unsign(secret_key: str, purpose: str, raw: str) -> dict[str, Any] | None:
    """The signed body, or None when the value was altered, truncated or signed elsewhere."""
    parts = raw.split(".")
    if len(raw) > MAX_SIGNED_CHARS or len(parts) != 3 or parts[0] != VERSION:
        return None
    payload = f"{parts[0]}.{parts[1]}"
    expected = hmac.new(_key(secret_key, purpose), payload.encode(), hashlib.sha256).digest()
    try:
        if not hmac.compare_digest(_unb64(parts[2]), expected):
            return None
        body = json.loads(_unb64(parts[1]))
    except (binascii.Error, ValueError):
        return None
    return body if isinstance(body, dict) else None
