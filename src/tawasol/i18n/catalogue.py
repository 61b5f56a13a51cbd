"""Loading the .po catalogues and translating in the current locale."""

from __future__ import annotations

import gettext as gettext_module
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

SOURCE_LOCALE = "fr"
SUPPORTED_LOCALES = ("fr", "ar", "en", "es")
RTL_LOCALES = frozenset({"ar"})
LOCALES_DIR = Path(__file__).parent / "locales"

_current: ContextVar[str] = ContextVar("tawasol_locale", default=SOURCE_LOCALE)


@cache
def catalogue(locale: str) -> Catalog | None:
    path = LOCALES_DIR / locale / "LC_MESSAGES" / "messages.po"
    if locale == SOURCE_LOCALE or not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def gettext(message: str) -> str:
    found = catalogue(_current.get())
    if found is None:
        return message
    entry = found.get(message)
    return str(entry.string) if entry is not None and entry.string else message


def ngettext(singular: str, plural: str, n: int) -> str:
    found = catalogue(_current.get())
    entry = found.get(singular) if found is not None else None
    if found is None or entry is None or not isinstance(entry.string, tuple):
        return singular if n == 1 else plural
    index = min(_plural_rule(found.plural_expr)(n), len(entry.string) - 1)
    return str(entry.string[index] or (singular if n == 1 else plural))


@cache
def _plural_rule(expression: str) -> Callable[[int], int]:
    # The standard library parses gettext's C-like plural expressions safely.
    return gettext_module.c2py(expression)


def current_locale() -> str:
    return _current.get()


def direction(locale: str | None = None) -> str:
    return "rtl" if (locale or _current.get()) in RTL_LOCALES else "ltr"


@contextmanager
def using_locale(locale: str) -> Iterator[None]:
    token = _current.set(locale if locale in SUPPORTED_LOCALES else SOURCE_LOCALE)
    try:
        yield
    finally:
        _current.reset(token)


def negotiate(*, preferred: str | None, accept_language: str | None) -> str:
    """The user's setting first, then the browser's Accept-Language, then French."""
    if preferred in SUPPORTED_LOCALES:
        return preferred
    weighted: list[tuple[float, str]] = []
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        weighted.append((quality, tag.strip().lower().split("-")[0]))
    for _quality, language in sorted(weighted, key=lambda item: -item[0]):
        if language in SUPPORTED_LOCALES:
            return language
    return SOURCE_LOCALE
