"""Request and response bodies for inboxes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from tawasol.db.types import DbId
from tawasol.inboxes.secrets import masked
from tawasol.models.vocabulary import Channel


class InboxIn(BaseModel):
    client_id: DbId
    name: str = Field(min_length=1, max_length=200)
    channel: Channel
    settings: dict[str, Any] = Field(default_factory=dict)


class InboxPatch(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    settings: dict[str, Any] | None = None
    is_active: bool | None = None


class InboxOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: DbId
    name: str
    channel: str
    public_key: str
    settings: dict[str, Any]
    is_active: bool
    created_at: datetime

    @field_serializer("settings")
    def _mask_secrets(self, settings: dict[str, Any]) -> dict[str, Any]:
        return masked(settings)
