"""Build ``cases.jsonl``, the fixed labelled evaluation set of the PII detector.

Run once, by hand, when the set changes (``python tests/nlp/pii/build_cases.py``); the tests
read the committed jsonl, never this script. Sentences are written by hand in
``case_templates.py``; account and card numbers are generated here with the checksum helpers,
valid ones labelled, broken ones (wrong RIB key, failed Luhn, wrong IBAN check) left as hard
negatives. Generation is seeded, so the output is reproducible.

Template syntax:

* ``[[KIND:text]]`` a labelled span written literally;
* ``{NAME}`` or ``{NAME:layout}`` or ``{NAME:layout:ar}`` a generated number; ``ar`` writes it
  in Eastern Arabic digits. Labelled names: ``RIB``, ``IBAN_xx``, ``CARD_VISA``, ``CARD_MC``,
  ``CARD_AMEX``. Unlabelled (negatives): ``RIB_BADKEY``, ``NUM24_BADKEY``, ``CARD_BADLUHN``,
  ``IBAN_BADCHECK_xx``.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

import phonenumbers

from tawasol.nlp.pii.cards import is_card_number
from tawasol.nlp.pii.checksums import (
    iban_check_digits,
    iban_is_valid,
    luhn_check_digit,
    rib_is_valid,
    rib_key,
)

sys.path.insert(0, str(Path(__file__).parent))
from case_templates import TEMPLATES  # noqa: E402

OUTPUT = Path(__file__).with_name("cases.jsonl")
SEED = 20240611

_MARKER = re.compile(
    r"\[\[(?P<kind>[A-Z]+):(?P<text>.+?)\]\]|\{(?P<name>[A-Z_]+)(?::(?P<opts>[a-z0-9:]+))?\}"
)
_EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_BANKS = ("007", "011", "013", "021", "022", "050", "145", "190", "225", "230", "310", "350")
_CITIES = ("780", "810", "640", "450", "360", "150", "010")
# National BBAN lengths (digits only is enough for the mod-97 check).
_BBAN_LENGTHS = {"FR": 23, "ES": 20, "DE": 18, "BE": 12, "PT": 21, "GB": 18, "NL": 14, "IT": 23}
_BANK_LETTERS = {"GB": "BARC", "NL": "ABNA", "IT": "X"}


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def _group(text: str, size: int, sep: str = " ") -> str:
    return sep.join(text[i : i + size] for i in range(0, len(text), size))


def _rib(rng: random.Random) -> str:
    body = rng.choice(_BANKS) + rng.choice(_CITIES) + _digits(rng, 16)
    return body + rib_key(body)


def _rib_layout(rib: str, layout: str) -> str:
    if layout == "compact":
        return rib
    if layout == "bank":
        return f"{rib[:3]} {rib[3:6]} {rib[6:22]} {rib[22:]}"
    return _group(rib, 4)


def _bad_rib(rng: random.Random) -> str:
    while True:
        rib = _rib(rng)
        key = f"{(int(rib[22:]) + rng.randint(1, 90)) % 100:02d}"
        candidate = rib[:22] + key
        if not rib_is_valid(candidate) and not _hides_card(candidate):
            return candidate


def _hides_card(digits: str) -> bool:
    return any(
        is_card_number(digits[i : i + n]) for n in range(13, 20) for i in range(len(digits) - n + 1)
    )


def _iban(rng: random.Random, country: str) -> str:
    if country == "MA":
        bban = _rib(rng)
    else:
        letters = _BANK_LETTERS.get(country, "")
        bban = letters + _digits(rng, _BBAN_LENGTHS[country] - len(letters))
    return country + iban_check_digits(country, bban) + bban


def _bad_iban(rng: random.Random, country: str) -> str:
    """A valid IBAN with one body digit mistyped (so a Moroccan RIB inside is broken too)."""
    while True:
        iban = _iban(rng, country)
        digit_positions = [i for i in range(4, len(iban)) if iban[i].isdigit()]
        position = rng.choice(digit_positions)
        typo = str((int(iban[position]) + rng.randint(1, 9)) % 10)
        candidate = iban[:position] + typo + iban[position + 1 :]
        if not iban_is_valid(candidate) and not _hides_card(candidate[4:]):
            return candidate


def _iban_layout(iban: str, layout: str) -> str:
    return iban if layout == "compact" else _group(iban, 4)


def _card(rng: random.Random, prefix: str, length: int) -> str:
    partial = prefix + _digits(rng, length - len(prefix) - 1)
    return partial + luhn_check_digit(partial)


def _bad_card(rng: random.Random) -> str:
    card = _card(rng, rng.choice(("4", "51", "53", "55")), 16)
    return card[:-1] + str((int(card[-1]) + rng.randint(1, 9)) % 10)


def _card_layout(card: str, layout: str) -> str:
    if layout == "compact":
        return card
    if layout == "amex":
        return f"{card[:4]} {card[4:10]} {card[10:]}"
    return _group(card, 4, "-" if layout == "dash" else " ")


def _generators(rng: random.Random) -> dict[str, tuple[Callable[[str], str], str | None]]:
    """Name -> (function of the layout, label kind or None for a negative)."""
    table: dict[str, tuple[Callable[[str], str], str | None]] = {
        "RIB": (lambda layout: _rib_layout(_rib(rng), layout), "RIB"),
        "RIB_BADKEY": (lambda layout: _rib_layout(_bad_rib(rng), layout), None),
        "NUM24_BADKEY": (lambda layout: _rib_layout(_bad_rib(rng), layout), None),
        "CARD_VISA": (lambda layout: _card_layout(_card(rng, "4", 16), layout), "CARD"),
        "CARD_MC": (
            lambda layout: _card_layout(_card(rng, "5" + rng.choice("12345"), 16), layout),
            "CARD",
        ),
        "CARD_AMEX": (
            lambda layout: _card_layout(_card(rng, rng.choice(("34", "37")), 15), layout),
            "CARD",
        ),
        "CARD_BADLUHN": (lambda layout: _card_layout(_bad_card(rng), layout), None),
    }
    for country in ("MA", *_BBAN_LENGTHS):
        table[f"IBAN_{country}"] = (
            lambda layout, c=country: _iban_layout(_iban(rng, c), layout),
            "IBAN",
        )
        table[f"IBAN_BADCHECK_{country}"] = (
            lambda layout, c=country: _iban_layout(_bad_iban(rng, c), layout),
            None,
        )
    return table


def _render(template: str, generators: dict, rng: random.Random) -> tuple[str, list[dict]]:
    pieces: list[str] = []
    spans: list[dict] = []
    cursor = 0
    for match in _MARKER.finditer(template):
        pieces.append(template[cursor : match.start()])
        cursor = match.end()
        if match.group("kind"):
            kind, value = match.group("kind"), match.group("text")
        else:
            options = (match.group("opts") or "").split(":")
            layout = options[0] if options[0] else rng.choice(("compact", "4"))
            make, kind = generators[match.group("name")]
            value = make(layout)
            if "ar" in options:
                value = value.translate(_EASTERN)
        pieces.append(value)
        if kind is not None:
            spans.append({"kind": kind, "text": value})
    pieces.append(template[cursor:])
    return "".join(pieces), spans


def _check_phone_labels(spans: list[dict], text: str) -> None:
    """Guard against typos in the hand-written phone labels."""
    folded = text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    for span in spans:
        if span["kind"] != "PHONE":
            continue
        raw = span["text"].translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
        raw = "+" + raw[2:] if raw.startswith("00") else raw
        number = phonenumbers.parse(raw, "MA")
        if not phonenumbers.is_valid_number(number):
            raise ValueError(f"labelled phone is not valid: {span['text']!r} in {folded!r}")


def build() -> list[dict]:
    rng = random.Random(SEED)
    generators = _generators(rng)
    cases = []
    for lang, template in TEMPLATES:
        text, spans = _render(template, generators, rng)
        _check_phone_labels(spans, text)
        case = {"lang": lang.split("-")[0], "text": text, "spans": spans}
        if lang == "ary-Latn":
            case["script"] = "Latn"
        elif lang == "ary":
            case["script"] = "Arab"
        cases.append(case)
    return cases


def main() -> None:
    cases = build()
    with OUTPUT.open("w", encoding="utf-8") as handle:
        for case in cases:
            handle.write(json.dumps(case, ensure_ascii=False) + "\n")
    print(f"wrote {len(cases)} cases to {OUTPUT}")


if __name__ == "__main__":
    main()
