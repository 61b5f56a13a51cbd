"""Request and response bodies for users, their client grants and their skills."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from tawasol.db.types import DbId
from tawasol.models.vocabulary import Channel, Role


class ClientGrant(BaseModel):
    client_id: DbId
    certified: bool = False


class LanguageSkill(BaseModel):
    language: str = Field(pattern=r"^[a-z]{2,3}$", description="ISO 639 code; ary = Darija")
    proficiency: int = Field(ge=1, le=5)


class ChannelSkill(BaseModel):
    channel: Channel
    max_concurrent: int = Field(ge=1, le=20)


class UserIn(BaseModel):
    email: EmailStr
    full_name: str = Field(min_length=1, max_length=200)
    role: Role
    password: str = Field(min_length=1, max_length=1024)
    locale: str = Field(default="fr", pattern=r"^(fr|ar|en|es)$")
    all_clients: bool = False
    clients: list[ClientGrant] = Field(default_factory=list)


class UserPatch(BaseModel):
    full_name: str | None = Field(default=None, min_length=1, max_length=200)
    role: Role | None = None
    locale: str | None = Field(default=None, pattern=r"^(fr|ar|en|es)$")
    is_active: bool | None = None


class GrantsIn(BaseModel):
    clients: list[ClientGrant]


class SkillsIn(BaseModel):
    languages: list[LanguageSkill] = Field(default_factory=list, max_length=30)
    channels: list[ChannelSkill] = Field(default_factory=list, max_length=10)


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    full_name: str
    role: str
    locale: str
    is_active: bool
    all_clients: bool
    created_at: datetime
    clients: list[ClientGrant] = Field(default_factory=list)
    languages: list[LanguageSkill] = Field(default_factory=list)
    channels: list[ChannelSkill] = Field(default_factory=list)


class TeamIn(BaseModel):
    client_id: DbId
    name: str = Field(min_length=1, max_length=200)


class TeamMembersIn(BaseModel):
    user_ids: list[DbId] = Field(max_length=500)


class TeamOut(BaseModel):
    id: int
    client_id: DbId
    name: str
    member_ids: list[int]


class MentionOut(BaseModel):
    """A note that names me: where, by whom, the start of the note, and whether I read it."""

    id: int
    client_id: int
    conversation_id: int
    message_id: int
    author_user_id: int | None
    author_name: str | None
    excerpt: str
    created_at: datetime
    read_at: datetime | None
