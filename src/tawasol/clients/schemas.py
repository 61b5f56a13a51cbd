"""Request and response bodies for client brands."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

LOCALE_PATTERN = r"^[a-z]{2,3}(-[A-Z]{2})?$"


def _valid_timezone(value: str) -> str:
    try:
        if len(value) > 64:
            raise ValueError
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValueError(f"unknown time zone {value!r}") from exc
    return value


class Branding(BaseModel):
    primary_color: str | None = Field(default=None, pattern=r"^#[0-9a-fA-F]{6}$")
    logo_text: str | None = Field(default=None, max_length=60)
    logo_url: str | None = Field(default=None, max_length=500, pattern=r"^https://")


class ClientIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    slug: str = Field(min_length=2, max_length=80, pattern=r"^[a-z0-9][a-z0-9-]*$")
    locale: str = Field(default="fr", pattern=LOCALE_PATTERN)
    timezone: str = "Africa/Casablanca"
    branding: Branding = Field(default_factory=Branding)
    redact_stored_pii: bool = False

    _tz = field_validator("timezone")(_valid_timezone)


class ClientPatch(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    locale: str | None = Field(default=None, pattern=LOCALE_PATTERN)
    timezone: str | None = None
    branding: Branding | None = None
    is_active: bool | None = None
    redact_stored_pii: bool | None = None

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str | None) -> str | None:
        return None if value is None else _valid_timezone(value)

    @model_validator(mode="after")
    def _no_nulls(self) -> ClientPatch:
        for name in ("name", "locale", "timezone", "is_active", "redact_stored_pii"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null: leave it out to keep it")
        return self


class ClientOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    slug: str
    locale: str
    timezone: str
    branding: dict[str, Any]
    is_active: bool
    redact_stored_pii: bool
    created_at: datetime
