"""Every user-facing string has a translation in Arabic, English and Spanish."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tawasol.i18n.catalogue import SUPPORTED_LOCALES, catalogue, negotiate, ngettext, using_locale
from tawasol.web.views import LOGIN_ERRORS, ROLE_LABELS

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "tawasol" / "web" / "templates"


def source_strings() -> set[str]:
    found: set[str] = set(ROLE_LABELS.values()) | set(LOGIN_ERRORS.values())
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text()
        found |= set(re.findall(r'_\(\s*"([^"]+)"', text)) | set(
            re.findall(r"_\(\s*'([^']+)'", text)
        )
    return found


@pytest.mark.parametrize("locale", [loc for loc in SUPPORTED_LOCALES if loc != "fr"])
def test_catalogue_is_complete(locale: str) -> None:
    found = catalogue(locale)
    assert found is not None
    missing = [s for s in source_strings() if not (found.get(s) and found.get(s).string)]
    assert missing == []
    for message in found:
        if message.id and "%(" in message.id:
            assert re.findall(r"%\(\w+\)s", message.id) == re.findall(r"%\(\w+\)s", message.string)


def test_negotiation_order() -> None:
    assert negotiate(preferred="ar", accept_language="es") == "ar"
    assert negotiate(preferred=None, accept_language="de-DE,es;q=0.8,en;q=0.5") == "es"
    assert negotiate(preferred="xx", accept_language="en-GB") == "en"
    assert negotiate(preferred=None, accept_language="de;q=abc") == "fr"


def test_plural_fallback_in_source_language() -> None:
    with using_locale("fr"):
        assert ngettext("%(n)s conversation", "%(n)s conversations", 2) == "%(n)s conversations"
