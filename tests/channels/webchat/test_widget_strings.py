"""The widget's texts come from the translation catalogue, in the visitor's language; the
script itself carries none."""

from __future__ import annotations

import json
import re

import pytest

from tawasol.channels.webchat.pages import CSS_PLACEHOLDER, HERE, widget_script
from tawasol.channels.webchat.strings import WIDGET_TEXT, widget_strings
from tawasol.i18n.catalogue import SUPPORTED_LOCALES

PLACEHOLDER = re.compile(r"%\(\w+\)s")
STYLE = (HERE / "static" / "widget.css").read_text(encoding="utf-8")


@pytest.mark.parametrize("locale", [loc for loc in SUPPORTED_LOCALES if loc != "fr"])
def test_every_widget_text_is_translated(locale: str) -> None:
    translated = widget_strings(locale)
    assert set(translated) == set(WIDGET_TEXT)
    untranslated = [key for key, text in WIDGET_TEXT.items() if translated[key] == text]
    assert untranslated == []
    for key, text in WIDGET_TEXT.items():  # placeholders survive translation
        assert PLACEHOLDER.findall(text) == PLACEHOLDER.findall(translated[key]), key


def test_the_configuration_speaks_the_visitor_language(widget, chat) -> None:  # type: ignore[no-untyped-def]
    url = f"/widget/{chat.key}/availability"
    arabic = widget.get(url, params={"lang": "ar"}).json()
    assert (arabic["language"], arabic["direction"]) == ("ar", "rtl")
    assert arabic["strings"]["open"] == "فتح المحادثة"
    assert arabic["strings"] == widget_strings("ar")
    assert [lang["code"] for lang in arabic["languages"]] == ["fr", "ar", "en", "es"]

    browser = widget.get(url, headers={"accept-language": "de-DE,es;q=0.8"}).json()
    assert (browser["language"], browser["direction"]) == ("es", "ltr")
    assert browser["strings"]["send"] == "Enviar"
    chosen = widget.get(url, params={"lang": "en-GB"}, headers={"accept-language": "ar"}).json()
    assert chosen["language"] == "en"  # the visitor's choice wins over the browser
    fallback = widget.get(url, params={"lang": "de"}).json()
    assert fallback["language"] == "fr" and fallback["strings"]["open"] == "Ouvrir la discussion"


def test_the_script_holds_no_user_facing_text() -> None:
    script = (HERE / "static" / "widget.js").read_text(encoding="utf-8")
    assert script in widget_script().decode().replace(json.dumps(STYLE), CSS_PLACEHOLDER)
    literals = set(re.findall(r'"((?:[^"\\]|\\.)*)"', script))
    for locale in SUPPORTED_LOCALES:
        for key, text in widget_strings(locale).items():
            assert text not in literals, (locale, key, text)
            if " " in text:  # a sentence, even inside a longer literal
                assert text not in script, (locale, key, text)
