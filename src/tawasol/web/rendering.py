"""Rendering a page in the right language and direction."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from tawasol.i18n.catalogue import (
    SUPPORTED_LOCALES,
    direction,
    gettext,
    negotiate,
    ngettext,
    using_locale,
)
from tawasol.web.formatting import file_size, full_moment, moment, with_mentions

LANGUAGE_COOKIE = "tawasol_lang"
LANGUAGE_NAMES = {"fr": "Français", "ar": "العربية", "en": "English", "es": "Español"}

STATIC_DIR = Path(__file__).parent / "static"
# Console pages load scripts and styles from this origin only, frame nothing and are framed by
# nothing; email bodies (srcdoc iframes) inherit the policy, so remote images stay blocked.
CONSOLE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-src 'self'; frame-ancestors 'none'; form-action 'self'; object-src 'none'"
)

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.add_extension("jinja2.ext.i18n")
templates.env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]


@cache
def static_url(name: str) -> str:
    """A versioned address, so browsers may cache assets and still see each new release."""
    digest = hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:12]
    return f"/static/{name}?v={digest}"


templates.env.globals["static_url"] = static_url
templates.env.filters["moment"] = moment
templates.env.filters["full_moment"] = full_moment
templates.env.filters["file_size"] = file_size
templates.env.filters["with_mentions"] = with_mentions


def page_locale(request: Request, user_locale: str | None = None) -> str:
    """`?lang=` when the visitor just chose, then the user's setting, cookie, browser."""
    chosen = request.query_params.get("lang")
    if chosen in SUPPORTED_LOCALES:
        return chosen
    return negotiate(
        preferred=user_locale or request.cookies.get(LANGUAGE_COOKIE),
        accept_language=request.headers.get("accept-language"),
    )


def render(
    request: Request, name: str, context: dict[str, Any], *, locale: str, status: int = 200
) -> Response:
    with using_locale(locale):
        response = templates.TemplateResponse(
            request, name,
            {**context, "lang": locale, "dir": direction(locale),
             "languages": [(code, LANGUAGE_NAMES[code]) for code in SUPPORTED_LOCALES]},
            status_code=status,
        )  # fmt: skip
    if request.query_params.get("lang") in SUPPORTED_LOCALES:
        response.set_cookie(LANGUAGE_COOKIE, locale, max_age=365 * 86400, samesite="lax")
    return response
