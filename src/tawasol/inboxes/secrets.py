"""Inbox settings hold credentials (IMAP/SMTP passwords, provider secrets and tokens): they are
write-only. Reads and audit entries show only that a secret is set; a patch that omits a secret,
or sends back the mask, keeps the stored value."""

from __future__ import annotations

from typing import Any

MASK = "********"
_SECRET_SUFFIXES = ("password", "secret", "token", "api_key", "auth_token")


def is_secret_key(key: str) -> bool:
    return key.lower().endswith(_SECRET_SUFFIXES)


def masked(settings: dict[str, Any] | None) -> dict[str, Any]:
    """Settings as they may be shown: every non-empty secret replaced by the mask."""
    return {
        key: (MASK if is_secret_key(key) and value not in (None, "") else value)
        for key, value in (settings or {}).items()
    }


def merged(stored: dict[str, Any] | None, incoming: dict[str, Any]) -> dict[str, Any]:
    """The new settings, keeping stored secrets the caller did not send or sent back masked.

    An explicit empty string or null clears a secret."""
    result = dict(incoming)
    for key, value in (stored or {}).items():
        if is_secret_key(key) and (key not in incoming or incoming[key] == MASK):
            result[key] = value
    return result
