"""Normalising identities so that one customer is recognised on every channel."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from tawasol.errors import Invalid
from tawasol.models.vocabulary import IdentityKind

DEFAULT_REGION = "MA"


def normalize_phone(value: str, region: str = DEFAULT_REGION) -> str:
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as exc:
        raise Invalid(f"{value!r} is not a phone number", code="invalid_phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise Invalid(f"{value!r} is not a valid phone number", code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_email(value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise Invalid(
            f"{value!r} is not a valid email address: {exc}", code="invalid_email"
        ) from exc


@lru_cache(maxsize=65536)
def normalize_identity(kind: IdentityKind, value: str) -> str:
    """Cached: the same senders write again and again, and phone parsing is not free."""
    value = value.strip()
    if kind == IdentityKind.EMAIL:
        return normalize_email(value)
    if kind in (IdentityKind.PHONE, IdentityKind.WHATSAPP):
        return normalize_phone(value)
    if not value or len(value) > 128:
        raise Invalid("a chat visitor id has 1 to 128 characters", code="invalid_identity")
    return value
