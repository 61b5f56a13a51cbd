"""Whether a visitor can expect an advisor now: business hours, then a certified advisor.

There is no presence yet, so "an advisor" means an active advisor certified for the client.
Malformed business hours never hide the chat: they count as "always open" (and are logged),
because a wrong setting must not turn every visitor away to the offline form.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.models.client import Client
from tawasol.models.user import User, UserClient
from tawasol.models.vocabulary import Role

log = logging.getLogger(__name__)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$|^24:00$")


@dataclass(frozen=True)
class Availability:
    available: bool
    reason: Literal["open", "closed", "no_advisor"]


def _clock(value: Any) -> time | None:
    if not isinstance(value, str) or not _CLOCK.match(value):
        return None
    return time.max if value == "24:00" else time.fromisoformat(value)


def within_business_hours(hours: Any, *, now: datetime, default_timezone: str) -> bool:
    """`hours` is {"timezone": ..., "mon": [["09:00", "18:00"], ...], ...}; a missing day is
    closed; no hours at all means always open."""
    if not hours:
        return True
    try:
        zone = ZoneInfo(str(hours.get("timezone") or default_timezone))
        local = now.astimezone(zone)
        spans = hours.get(DAYS[local.weekday()], [])
        for start_text, end_text in spans:
            start, end = _clock(start_text), _clock(end_text)
            if start is None or end is None:
                raise ValueError(f"bad time span {start_text!r}-{end_text!r}")
            if start <= local.time().replace(tzinfo=None) < end:
                return True
        return False
    except (AttributeError, TypeError, ValueError, ZoneInfoNotFoundError):
        log.warning("ignoring malformed webchat business_hours: %r", hours)
        return True


def has_certified_advisor(session: Session, *, client_id: int) -> bool:
    found = session.scalars(
        select(UserClient.user_id)
        .join(User, User.id == UserClient.user_id)
        .where(
            UserClient.client_id == client_id,
            UserClient.certified.is_(True),
            User.is_active.is_(True),
            User.role == Role.ADVISOR.value,
        )
        .limit(1)
    ).first()
    return found is not None


def availability(
    session: Session, *, client_id: int, settings: dict[str, Any], now: datetime
) -> Availability:
    client = session.get(Client, client_id)
    timezone = client.timezone if client is not None else "UTC"
    if not within_business_hours(
        settings.get("business_hours"), now=now, default_timezone=timezone
    ):
        return Availability(False, "closed")
    if not has_certified_advisor(session, client_id=client_id):
        return Availability(False, "no_advisor")
    return Availability(True, "open")
