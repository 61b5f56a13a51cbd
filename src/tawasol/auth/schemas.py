"""Request and response bodies of the account endpoints."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from tawasol.db.types import DbId
from tawasol.models.vocabulary import TokenScope


class LoginIn(BaseModel):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=1024)


class LoginOut(BaseModel):
    user_id: DbId
    csrf_token: str


class PasswordChangeIn(BaseModel):
    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=1, max_length=1024)


class MeOut(BaseModel):
    id: int
    email: str
    full_name: str
    role: str
    locale: str
    client_ids: list[int] | None
    permissions: list[str]
    via: str


class TokenIn(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    scopes: list[TokenScope] = Field(min_length=1)
    expires_in_days: int | None = Field(default=None, ge=1, le=3650)


class TokenOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(description="The secret; shown only once.")
