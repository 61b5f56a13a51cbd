"""Placeholders in macros and reply frames."""

from __future__ import annotations

import pytest

from tawasol.copilot.templating import (
    FRAMES,
    REPLY_FALLBACK,
    fill,
    placeholder_values,
    reply_language,
)


def test_known_placeholders_are_filled_and_unknown_ones_kept() -> None:
    values = placeholder_values(contact_name="  Salma Idrissi ", advisor_name="Youssef",
                                client_name="Bazar Zwin", conversation_id=42)  # fmt: skip
    text = fill("Bonjour {{ contact.first_name }}, dossier {{conversation.id}} ({{order.id}}) !",
                values)  # fmt: skip
    assert text == "Bonjour Salma, dossier 42 ({{order.id}}) !"


def test_a_missing_name_leaves_no_stray_space_before_the_comma() -> None:
    values = placeholder_values(contact_name=None, advisor_name=None, client_name="X",
                                conversation_id=1)  # fmt: skip
    assert fill(FRAMES["fr"].greeting, values) == "Bonjour,"
    assert fill(FRAMES["ary"].greeting, values) == "السلام،"


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ary", "salam, bghit nlghi lcommande dyali 3afak", "ary-Latn"),
        ("ary", "السلام، بغيت نلغي الكوموند ديالي", "ary"),
        ("ary", "السلام، bghit الكوموند ديالي عافاك", "ary"),  # mostly Arabic letters
        ("ary", "", "ary"),
        ("fr", "Bonjour, je veux annuler", "fr"),
        ("ar", "salam", "ar"),  # only Darija has a Latin-letter reply
    ],
)
def test_darija_in_latin_letters_is_answered_in_latin_letters(
    language: str, text: str, expected: str
) -> None:
    assert reply_language(language, text) == expected


def test_every_reply_language_has_a_frame_first() -> None:
    assert all(chain[0] in FRAMES for chain in REPLY_FALLBACK.values())
