"""Dates and sizes as each advisor reads them (their language, the client brand's time zone),
and the names a note mentions."""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date, format_datetime, format_time
from babel.units import format_unit
from markupsafe import Markup, escape

from tawasol.db.types import utcnow
from tawasol.i18n.catalogue import current_locale

DEFAULT_TIMEZONE = "Africa/Casablanca"
# Moroccan Arabic conventions (Latin digits) rather than the generic `ar` ones.
BABEL_LOCALES = {"fr": "fr", "ar": "ar_MA", "en": "en", "es": "es"}


def babel_locale() -> str:
    return BABEL_LOCALES.get(current_locale(), "fr")


@cache
def zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def moment(value: datetime | None, timezone: str | None = None) -> str:
    """A list-friendly time: only the hour today, the date otherwise."""
    if value is None:
        return ""
    tz, locale = zone(timezone), babel_locale()
    if value.astimezone(tz).date() == utcnow().astimezone(tz).date():
        return format_time(value, "short", tzinfo=tz, locale=locale)
    return format_date(value.astimezone(tz), "short", locale=locale)


def full_moment(value: datetime | None, timezone: str | None = None) -> str:
    if value is None:
        return ""
    return format_datetime(value, "short", tzinfo=zone(timezone), locale=babel_locale())


def file_size(size: int | None) -> str:
    if not size or size < 0:
        return ""
    if size < 1000:
        return format_unit(size, "digital-byte", length="long", locale=babel_locale())
    if size < 1000 * 1000:
        return format_unit(size / 1000, "digital-kilobyte", length="short", locale=babel_locale(),
                           format="#,##0.#")  # fmt: skip
    return format_unit(size / 1e6, "digital-megabyte", length="short", locale=babel_locale(),
                       format="#,##0.#")  # fmt: skip


def with_mentions(text: str, names: list[str]) -> Markup:
    """The note's text, escaped, with each stored `@Full Name` marked (longest names first)."""
    if not names:
        return escape(text)
    pattern = re.compile(
        "|".join(re.escape("@" + n) for n in sorted(names, key=len, reverse=True)), re.IGNORECASE
    )
    parts: list[str] = []
    last = 0
    for found in pattern.finditer(text):
        parts += [escape(text[last : found.start()]), Markup('<mark class="mention">')]
        parts += [escape(found.group(0)), Markup("</mark>")]
        last = found.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)
