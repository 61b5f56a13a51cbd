"""Dates of birth: only dates tied to a birth cue, in every supported language and format."""

from __future__ import annotations

import pytest

from tawasol.nlp.pii import PiiKind, detect_pii


def births(text: str) -> list[tuple[str, str]]:
    return [(s.text, s.normalized) for s in detect_pii(text) if s.kind is PiiKind.DOB]


@pytest.mark.parametrize(
    ("text", "date_text", "iso"),
    [
        ("Je suis né le 14/02/1987 à Meknès", "14/02/1987", "1987-02-14"),
        ("née le 1er mars 1985", "1er mars 1985", "1985-03-01"),
        ("né(e) le 1987-11-30", "1987-11-30", "1987-11-30"),
        ("Date de naissance : 17 octobre 1968", "17 octobre 1968", "1968-10-17"),
        ("DDN 08.08.58", "08.08.58", "1958-08-08"),
        ("Date of birth: March 14, 1985", "March 14, 1985", "1985-03-14"),
        ("I was born on 07/22/1991", "07/22/1991", "1991-07-22"),  # month first, US order
        ("DOB 21st August 1988", "21st August 1988", "1988-08-21"),
        ("Fecha de nacimiento: 15/08/1990", "15/08/1990", "1990-08-15"),
        ("Nací el 3 de mayo de 1985", "3 de mayo de 1985", "1985-05-03"),
        ("تاريخ الازدياد: ١٢ مارس ١٩٨٥", "١٢ مارس ١٩٨٥", "1985-03-12"),
        ("تاريخ الميلاد 1985-07-14", "1985-07-14", "1985-07-14"),
        ("المزداد بتاريخ 15 يناير 1970", "15 يناير 1970", "1970-01-15"),
        ("من مواليد ٢٠/١١/١٩٧٦", "٢٠/١١/١٩٧٦", "1976-11-20"),
        ("تزاديت نهار 12/03/1995", "12/03/1995", "1995-03-12"),
        ("ولدي تزاد نهار 20 يوليوز 2016", "20 يوليوز 2016", "2016-07-20"),
        ("tzadit nhar 12/03/1996 f Casa", "12/03/1996", "1996-03-12"),
        ("ana mzyouda f 5 mai 1993", "5 mai 1993", "1993-05-05"),
        ("tarikh lizdiyad dyali 1988-03-09", "1988-03-09", "1988-03-09"),
        ("12/03/1985 c'est ma date de naissance", "12/03/1985", "1985-03-12"),
    ],
)
def test_birth_dates(text: str, date_text: str, iso: str) -> None:
    assert births(text) == [(date_text, iso)]


def test_listed_birth_dates() -> None:
    assert births("Mes enfants sont nés le 12/03/2015 et le 04/07/2018.") == [
        ("12/03/2015", "2015-03-12"),
        ("04/07/2018", "2018-07-04"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Livraison prévue le 18/06/2024 entre 9h et 12h.",
        "Commande passée le 12 mars 2024, toujours rien.",
        "Facture du 30/09/2023 : 1 200 DH",
        "I was born in Casablanca but live in Rabat since 12/05/2010.",
        "ولدت في الدار البيضاء وأسكن في الرباط منذ 12/05/2010",
        "Date de naissance correcte ? Mon contrat a été signé le 04/01/2022.",
        "né en 1985",  # a year is not a date
        "DOB 12/03",  # no year
        "né le 31/02/1985",  # not a calendar date
        "né le 12/03/2999",  # in the future
        "mzyan f lkhdma, 3ndi 7 snin tajriba",  # "mzyan" means "good", not "born"
    ],
)
def test_dates_that_are_not_births(text: str) -> None:
    assert births(text) == []


def test_cue_belongs_to_the_date_it_announces() -> None:
    text = "livraison le 15/06/2023, date de naissance 12/03/1985"
    assert births(text) == [("12/03/1985", "1985-03-12")]
