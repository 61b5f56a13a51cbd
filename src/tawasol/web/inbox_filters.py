"""The inbox's view and filters, read from the address bar so that every list is a link.

Pages are forgiving where the JSON API is strict: a value that does not parse is dropped (the
filter is simply not applied) rather than answered with a 422 an advisor cannot act on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urlencode

from tawasol.auth.actor import Actor
from tawasol.conversations.queries import ConversationFilters
from tawasol.errors import Invalid
from tawasol.models.vocabulary import Channel, ConversationStatus, Role
from tawasol.pagination import decode_cursor, encode_cursor
from tawasol.web.inbox_sla import SLA_STATES

# "teams": the teams I belong to; "mentions": conversations where a note names me.
VIEWS = ("mine", "teams", "unassigned", "all", "mentions")
ANY_STATUS = "any"
STATUSES = tuple(s.value for s in ConversationStatus)
CHANNELS = tuple(c.value for c in Channel)
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_MAX_ID = 2**31 - 1  # the id columns are `integer`: a larger id exists nowhere


def _text(value: str | None, limit: int) -> str | None:
    cleaned = (value or "").strip()
    return cleaned[:limit] if cleaned else None


def _choice(value: str | None, allowed: tuple[str, ...]) -> str | None:
    return value if value in allowed else None


def _id(value: str | None) -> int | None:
    if value and value.isdigit() and 0 < int(value) <= _MAX_ID:
        return int(value)
    return None


def default_view(actor: Actor) -> str:
    """Advisors start on their own conversations; everyone else sees all they may see."""
    return "mine" if actor.role == Role.ADVISOR else "all"


@dataclass(frozen=True)
class InboxQuery:
    view: str
    status: str = ConversationStatus.OPEN.value
    client_id: int | None = None
    channel: str | None = None
    language: str | None = None
    intent: str | None = None
    tag: str | None = None
    search: str | None = None
    sla: str | None = None

    @classmethod
    def parse(cls, params: Mapping[str, str], *, actor: Actor) -> InboxQuery:
        view = _choice(params.get("view"), VIEWS) or default_view(actor)
        language = (params.get("language") or "").strip().lower()
        tag = _text(params.get("tag"), 64)
        return cls(
            view=view,
            status=_choice(params.get("status"), (*STATUSES, ANY_STATUS))
            or ConversationStatus.OPEN.value,
            client_id=_id(params.get("client")),
            channel=_choice(params.get("channel"), CHANNELS),
            language=language if _LANGUAGE.match(language) else None,
            intent=_text(params.get("intent"), 64),
            tag=tag.lower() if tag else None,
            search=_text(params.get("q"), 100),
            sla=_choice(params.get("sla"), SLA_STATES),
        )

    def filters(self, actor: Actor) -> ConversationFilters:
        return ConversationFilters(
            client_id=self.client_id,
            status=None if self.status == ANY_STATUS else [self.status],
            assignee_id=actor.user_id if self.view == "mine" else None,
            unassigned=self.view == "unassigned",
            language=self.language,
            intent=self.intent,
            tag=self.tag,
            channel=self.channel,
            search=self.search,
        )

    def params(self) -> dict[str, str]:
        """The address-bar form of this query (empty filters left out)."""
        raw = {
            "view": self.view, "status": self.status, "client": self.client_id,
            "channel": self.channel, "language": self.language, "intent": self.intent,
            "tag": self.tag, "q": self.search, "sla": self.sla,
        }  # fmt: skip
        return {key: str(value) for key, value in raw.items() if value is not None}

    def query_string(self, **extra: str | int) -> str:
        return urlencode({**self.params(), **{k: str(v) for k, v in extra.items()}})

    def with_view(self, view: str) -> InboxQuery:
        return replace(self, view=view)

    @property
    def is_filtered(self) -> bool:
        extra = (
            self.client_id, self.channel, self.language, self.intent, self.tag, self.search,
            self.sla,
        )  # fmt: skip
        return any(value is not None for value in extra)


def read_cursor(raw: str | None) -> tuple[datetime, int] | None:
    """A cursor from a "more" link; a forged or stale one restarts at the top."""
    if not raw or len(raw) > 200:
        return None
    try:
        moment, conversation_id = decode_cursor(raw, (datetime, int))
    except Invalid:
        return None
    return moment, conversation_id


def make_cursor(moment: datetime, conversation_id: int) -> str:
    return encode_cursor(moment, conversation_id)
