"""Request and response bodies for contacts."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from tawasol.db.types import DbId
from tawasol.models.vocabulary import IdentityKind


class IdentityIn(BaseModel):
    kind: IdentityKind
    value: str = Field(min_length=1, max_length=254)


class ConsentIn(BaseModel):
    purpose: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_.-]+$")
    granted: bool
    source: str = Field(default="api", min_length=1, max_length=64)


class ContactIn(BaseModel):
    client_id: DbId
    name: str = Field(min_length=1, max_length=200)
    locale: str | None = Field(default=None, max_length=16)
    is_vip: bool = False
    identities: list[IdentityIn] = Field(default_factory=list, max_length=20)


class IdentityOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    value: str


class ConsentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    purpose: str
    granted: bool
    source: str
    recorded_at: datetime


class ContactOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: DbId
    name: str
    locale: str | None
    is_vip: bool
    merged_into_id: int | None = None
    created_at: datetime
    identities: list[IdentityOut] = Field(default_factory=list)


class ContactDetailOut(ContactOut):
    consents: list[ConsentOut] = Field(default_factory=list)


class MergeIn(BaseModel):
    other_contact_id: DbId


class MergeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    survivor_id: int
    merged_id: int
    moved: dict[str, list[int]]
    merged_at: datetime
    undone_at: datetime | None
