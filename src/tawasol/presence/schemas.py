"""Presence bodies; the API says ``break``, the engine says ``on_break``."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, model_validator

from tawasol.routing.presence import BreakKind, Presence


class PresenceState(StrEnum):
    AVAILABLE = "available"
    BUSY = "busy"
    BREAK = "break"
    AFTER_CONTACT_WORK = "after_contact_work"
    OFFLINE = "offline"


_TO_ENGINE = {state: Presence(state.value) for state in PresenceState if state.value != "break"}
_TO_ENGINE[PresenceState.BREAK] = Presence.ON_BREAK
_FROM_ENGINE = {engine: api for api, engine in _TO_ENGINE.items()}


def engine_presence(state: PresenceState) -> Presence:
    return _TO_ENGINE[state]


def api_state(state: str) -> PresenceState:
    return _FROM_ENGINE[Presence(state)]


class PresenceIn(BaseModel):
    state: PresenceState
    break_type: BreakKind | None = None

    @model_validator(mode="after")
    def _break_type_only_on_break(self) -> PresenceIn:
        if self.break_type is not None and self.state is not PresenceState.BREAK:
            raise ValueError("break_type only goes with the break state")
        return self


class PresenceOut(BaseModel):
    user_id: int
    full_name: str
    state: PresenceState
    break_type: BreakKind | None
    since: datetime | None
