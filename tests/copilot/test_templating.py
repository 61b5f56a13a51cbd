"""Placeholders in macros and reply frames."""

from __future__ import annotations

from tawasol.copilot.templating import FRAMES, fill, placeholder_values


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
