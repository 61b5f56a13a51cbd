"""Request and response bodies for the knowledge base, macros and the copilot."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    model_validator,
)

from tawasol.conversations.schemas import TAG_PATTERN
from tawasol.db.types import DbId

LANGUAGE_PATTERN = r"^[a-z]{2,3}$"
_CONTROL = {chr(c) for c in range(32)} - {"\n", "\t", "\r"}


def _plain_text(value: str) -> str:
    """Text is stored as written (escaped when shown); control characters are refused."""
    if any(ch in _CONTROL for ch in value):
        raise ValueError("control characters are not allowed")
    return value.strip()


PlainText = Annotated[str, AfterValidator(_plain_text)]
Language = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=TAG_PATTERN)]


class SuggestionKind(StrEnum):
    REPLY = "reply"
    SUMMARY = "summary"
    NEXT_ACTION = "next_action"


class Decision(StrEnum):
    ACCEPTED = "accepted"
    EDITED = "edited"
    REJECTED = "rejected"


class MacroStatus(StrEnum):
    OPEN = "open"
    PENDING = "pending"
    RESOLVED = "resolved"


# ---- Articles ----
class ArticleIn(BaseModel):
    client_id: DbId
    title: PlainText = Field(min_length=1, max_length=300)
    body: PlainText = Field(min_length=1, max_length=50_000)
    language: Language
    tags: list[Tag] = Field(default_factory=list, max_length=20)
    is_published: bool = True
    translation_of_id: DbId | None = None


class ArticlePatch(BaseModel):
    title: PlainText | None = Field(default=None, min_length=1, max_length=300)
    body: PlainText | None = Field(default=None, min_length=1, max_length=50_000)
    language: Language | None = None
    tags: list[Tag] | None = Field(default=None, max_length=20)
    is_published: bool | None = None


class ArticleOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: DbId
    title: str
    body: str
    language: str
    tags: list[str]
    is_published: bool
    translation_of_id: int | None
    created_at: datetime
    updated_at: datetime


class Citation(BaseModel):
    """Where a passage comes from: enough to link to it and to highlight it."""

    article_id: int
    passage_id: int
    title: str
    language: str
    start: int
    end: int
    anchor: str
    score: float


class SearchHitOut(Citation):
    text: str
    lexical_rank: int | None
    dense_rank: int | None


# ---- Macros ----
class MacroIn(BaseModel):
    client_id: DbId
    name: PlainText = Field(min_length=1, max_length=200)
    bodies: dict[Language, Annotated[PlainText, Field(min_length=1, max_length=20_000)]] = Field(
        min_length=1, max_length=10
    )
    add_tags: list[Tag] = Field(default_factory=list, max_length=10)
    set_status: MacroStatus | None = None
    is_active: bool = True


class MacroPatch(BaseModel):
    name: PlainText | None = Field(default=None, min_length=1, max_length=200)
    bodies: dict[Language, Annotated[PlainText, Field(min_length=1, max_length=20_000)]] | None = (
        Field(default=None, min_length=1, max_length=10)
    )
    add_tags: list[Tag] | None = Field(default=None, max_length=10)
    set_status: MacroStatus | None = None
    is_active: bool | None = None


class MacroOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: DbId
    name: str
    bodies: dict[str, str]
    add_tags: list[str]
    set_status: str | None
    is_active: bool
    created_at: datetime
    updated_at: datetime


class MacroApplied(BaseModel):
    """The macro's body with placeholders filled, in the language chosen, after its actions."""

    macro_id: int
    language: str
    text: str
    added_tags: list[str]
    status: str | None


class MacroApplyIn(BaseModel):
    language: Language | None = None


# ---- Suggestions and feedback ----
class SuggestionRequest(BaseModel):
    kinds: list[SuggestionKind] = Field(
        default_factory=lambda: list(SuggestionKind), min_length=1, max_length=3
    )


class FeedbackIn(BaseModel):
    decision: Decision
    final_text: PlainText | None = Field(default=None, min_length=1, max_length=100_000)
    send: bool = False

    @model_validator(mode="after")
    def _text_for_edits(self) -> FeedbackIn:
        if self.decision == Decision.EDITED and not self.final_text:
            raise ValueError("an edited suggestion needs its final_text")
        if self.decision == Decision.REJECTED and self.send:
            raise ValueError("a rejected suggestion cannot be sent")
        return self


class FeedbackOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    suggestion_id: int
    decision: str
    final_text: str | None
    message_id: int | None
    model_version: str
    created_at: datetime


class SuggestionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: DbId
    conversation_id: int
    kind: str
    content: str
    language: str | None
    sources: list[dict[str, Any]]
    details: dict[str, Any]
    model: str
    model_version: str
    created_at: datetime
    feedback: FeedbackOut | None = None


class DecisionCounts(BaseModel):
    suggestions: int
    decided: int
    accepted: int
    edited: int
    rejected: int
    acceptance_rate: float | None
    use_rate: float | None


class StatsRow(DecisionCounts):
    """Per client, model version and kind; ``by_basis`` splits the same counts by what the
    suggestions went by (a reply's intent_tag, intent_reading, retrieval, macro, …; a next
    action's history or similarity)."""

    client_id: int
    model_version: str
    kind: str
    by_basis: dict[str, DecisionCounts] = {}


# ---- Per-client endpoint settings ----
class CopilotSettingsIn(BaseModel):
    endpoint_url: HttpUrl | None = None
    model: str | None = Field(default=None, min_length=1, max_length=200)
    api_key: str | None = Field(default=None, min_length=1, max_length=500)

    @model_validator(mode="after")
    def _complete(self) -> CopilotSettingsIn:
        if self.endpoint_url is not None and not self.model:
            raise ValueError("an endpoint needs a model name")
        return self


class CopilotSettingsOut(BaseModel):
    client_id: int
    endpoint_url: str | None
    model: str | None
    has_api_key: bool
