"""Moroccan CIN and passport numbers: context cues, strict shapes, look-alikes."""

from __future__ import annotations

import pytest

from tawasol.nlp.pii import PiiKind, detect_pii

from .detections import found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Numéro de CIN : BK123456", "BK123456"),
        ("ma C.I.N. BK123456", "BK123456"),
        ("CNIE n° AB 654321", "AB 654321"),
        ("carte nationale EE98765", "EE98765"),
        ("cin bk123456 svp", "bk123456"),
        ("رقم البطاقة الوطنية: BK654321", "BK654321"),
        ("lbita9a dyali J 445566", "J 445566"),
        ("lcarte nationale dyali BK998877", "BK998877"),
        ("my national ID card number is BJ387452", "BJ387452"),
        ("Documento de identidad: BB 112233", "BB 112233"),
    ],
)
def test_cin_with_cue(text: str, expected: str) -> None:
    assert found(text) == [("CIN", expected)]


def test_cin_strict_shape_without_cue() -> None:
    assert found("Titulaire M. Berrada, BH445566.") == [("CIN", "BH445566")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("passeport AZ4517283", "AZ4517283"),
        ("رقم جواز السفر AK1234567", "AK1234567"),
        ("Número de pasaporte: PAA123456", "PAA123456"),  # Spanish format, cue needed
        ("Passeport 18AB34567", "18AB34567"),  # French format, cue needed
        ("passport number 532718849", "532718849"),  # US format, cue needed
        ("my passport no. is 12AB34567", "12AB34567"),
        ("lpasseport dyali BE5566778", "BE5566778"),
        ("Voici AB1234567 pour le dossier", "AB1234567"),  # Moroccan shape alone
    ],
)
def test_passports(text: str, expected: str) -> None:
    assert found(text) == [("PASSPORT", expected)]


def test_nearest_cue_decides_between_cin_and_passport() -> None:
    assert found("CIN BK123456 et passeport AB1234567") == [
        ("CIN", "BK123456"),
        ("PASSPORT", "AB1234567"),
    ]
    assert found("passeport BK123456") == [("PASSPORT", "BK123456")]


@pytest.mark.parametrize(
    "text",
    [
        "Le modèle SM125478 n'est plus disponible",
        "La commande CM123456 est partie",
        "Booking reference AB123456",
        "colis LX123456789FR bloqué",
        "tracking RR123456785MA",
        "vol AT 512 annulé, vol AT205 retardé",
        "Airbus A380, MP3, COVID19, H1N1, PS5, iPhone 15",
        "code promo RAMADAN2024",
        "La version V123456 du firmware",
        "numéro de lot L123456",
        "le 123456 est mon code",
        "cin 123456",  # digits only: not a CIN
        "la cin bk12",  # too short
        "passeport 12345",  # too short even with a cue
        "الكوموند CM123456 فين وصلات؟",
        "Passeport perdu. Commande 123456789 en attente",  # cue in another sentence
        "passeport et commande 123456789",  # reference word between cue and number
    ],
)
def test_look_alikes_are_not_ids(text: str) -> None:
    assert [s for s in detect_pii(text) if s.kind in {PiiKind.CIN, PiiKind.PASSPORT}] == []
