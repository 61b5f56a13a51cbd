"""A suggestion before it is stored (`CopilotSuggestion`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Draft:
    """A suggestion before it is stored."""

    kind: str
    content: str
    language: str | None
    model: str
    model_version: str
    sources: list[dict[str, Any]] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
