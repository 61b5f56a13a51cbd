"""Password hashing (argon2id) and opaque credential tokens (stored only as hashes)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from tawasol.config import Settings

API_TOKEN_PREFIX = "tws_"
MIN_PASSWORD_LENGTH = 10


def make_password_hasher(settings: Settings) -> PasswordHasher:
    return PasswordHasher(
        time_cost=settings.argon2_time_cost, memory_cost=settings.argon2_memory_kib, parallelism=1
    )


def verify_password(hasher: PasswordHasher, password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# A fixed hash to verify against when the account does not exist, so timing reveals nothing.
_DUMMY_PASSWORD = "not-a-real-password-" + secrets.token_hex(8)


def dummy_verify(hasher: PasswordHasher) -> None:
    verify_password(hasher, hasher.hash(_DUMMY_PASSWORD), "x")


def new_api_token() -> str:
    return API_TOKEN_PREFIX + secrets.token_urlsafe(32)


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(24)


def token_digest(token: str) -> str:
    """High-entropy tokens need no slow hash: SHA-256 keeps look-ups indexable."""
    return hashlib.sha256(token.encode()).hexdigest()


def same_secret(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))
