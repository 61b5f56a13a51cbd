"""Tests for the multilingual demo corpus (``tawasol.demo.corpus``)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tawasol.demo import (
    corpus,
    corpus_texts_airline,
    corpus_texts_common,
    corpus_texts_ecommerce,
    corpus_texts_telecom,
)

KINDS = ("telecom", "airline", "ecommerce")

# (language, script, secondary_language) -> target share
TARGET_MIX = {
    ("ary", "Arab", None): 0.20,
    ("ary", "Latn", None): 0.20,
    ("ary", "Latn", "fr"): 0.15,
    ("fr", "Latn", None): 0.20,
    ("ar", "Arab", None): 0.10,
    ("es", "Latn", None): 0.08,
    ("en", "Latn", None): 0.07,
}

DIGIT_LETTER = re.compile(r"[a-z][379]|[379][a-z]")  # Arabizi: "3afak", "m3a", "7ta", "9bel"
LOCAL_MOROCCAN_PHONE = re.compile(r"\b0[67](?:[ .]?\d\d){4}\b")
E164_PHONE = re.compile(r"^\+212[67]\d{8}$|^\+34[67]\d{8}$")
CUSTOMER_EMAIL = re.compile(r"^[a-z0-9._]+@example\.(com|org|net)$")


def _scripts(kind: str, count: int = 300, seed: int = 42) -> list[corpus.ConversationScript]:
    return corpus.conversation_scripts(client_kind=kind, count=count, seed=seed)


def _full_text(script: corpus.ConversationScript) -> str:
    return " ".join(turn.text for turn in script.turns)


def _arabic_letter_ratio(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum("\u0600" <= ch <= "\u06ff" for ch in letters) / len(letters)


@pytest.mark.parametrize("kind", KINDS)
def test_same_seed_gives_same_scripts(kind: str) -> None:
    assert _scripts(kind, 50, seed=7) == _scripts(kind, 50, seed=7)


@pytest.mark.parametrize("kind", KINDS)
def test_different_seed_gives_different_scripts(kind: str) -> None:
    assert _scripts(kind, 50, seed=7) != _scripts(kind, 50, seed=8)


def test_kinds_with_same_seed_differ() -> None:
    first_messages = {kind: [s.turns[0].text for s in _scripts(kind, 20)] for kind in KINDS}
    assert len({tuple(texts) for texts in first_messages.values()}) == 3


@pytest.mark.parametrize("count", [0, 1, 7, 300])
def test_count_is_respected(count: int) -> None:
    assert len(_scripts("telecom", count)) == count


def test_invalid_arguments_are_rejected() -> None:
    with pytest.raises(ValueError):
        corpus.conversation_scripts(client_kind="bank", count=3, seed=1)
    with pytest.raises(ValueError):
        corpus.conversation_scripts(client_kind="airline", count=-1, seed=1)


@pytest.mark.parametrize("kind", KINDS)
def test_language_mix_over_1000_scripts(kind: str) -> None:
    scripts = _scripts(kind, 1000, seed=2024)
    mix = Counter((s.language, s.script, s.secondary_language) for s in scripts)
    assert set(mix) == set(TARGET_MIX)
    for key, target in TARGET_MIX.items():
        assert abs(mix[key] / 1000 - target) <= 0.03, (key, mix[key])


@pytest.mark.parametrize("kind", KINDS)
def test_arabizi_first_messages_use_digit_letters(kind: str) -> None:
    arabizi = [s for s in _scripts(kind) if (s.language, s.script) == ("ary", "Latn")]
    pure = [s for s in arabizi if s.secondary_language is None]
    assert pure
    for script in pure:
        assert DIGIT_LETTER.search(script.turns[0].text), script.turns[0].text
    assert all(s.secondary_language in (None, "fr") for s in arabizi)


@pytest.mark.parametrize("kind", KINDS)
def test_arabic_script_conversations_are_mostly_arabic_letters(kind: str) -> None:
    arabic = [s for s in _scripts(kind) if s.script == "Arab"]
    assert arabic
    ratios = [_arabic_letter_ratio(_full_text(s)) for s in arabic]
    assert min(ratios) >= 0.7
    assert sum(ratios) / len(ratios) >= 0.9


@pytest.mark.parametrize("kind", KINDS)
def test_latin_script_conversations_have_no_arabic_letters(kind: str) -> None:
    for script in _scripts(kind):
        if script.script == "Latn":
            assert _arabic_letter_ratio(_full_text(script)) == 0


@pytest.mark.parametrize("kind", KINDS)
def test_turn_structure(kind: str) -> None:
    for script in _scripts(kind):
        directions = [turn.direction for turn in script.turns]
        assert 2 <= len(directions) <= 6
        assert directions[0] == "inbound"
        assert all(a != b for a, b in zip(directions, directions[1:], strict=False))
        if script.status_hint in ("resolved", "closed"):
            assert directions[-1] == "outbound"
        assert all(turn.text.strip() for turn in script.turns)
        assert "{" not in _full_text(script) and "}" not in _full_text(script)


@pytest.mark.parametrize("kind", KINDS)
def test_first_messages_are_varied(kind: str) -> None:
    firsts = {s.turns[0].text for s in _scripts(kind, 300, seed=3)}
    assert len(firsts) >= 250


@pytest.mark.parametrize("kind", KINDS)
def test_script_fields(kind: str) -> None:
    brand = corpus.brand_for_kind(kind)
    scripts = _scripts(kind)
    for s in scripts:
        assert s.intent in corpus.INTENTS[kind]
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", s.intent)
        assert s.sentiment in corpus.SENTIMENTS
        assert s.status_hint in corpus.STATUSES
        assert s.channel in brand.channels
        assert s.subject.strip()
        assert E164_PHONE.match(s.customer.phone), s.customer.phone
        assert s.customer.phone.startswith("+34") == (s.language == "es")
        assert CUSTOMER_EMAIL.match(s.customer.email), s.customer.email
    assert {s.intent for s in scripts} == set(corpus.INTENTS[kind])
    assert len({s.sentiment for s in scripts}) == 3
    assert {s.status_hint for s in scripts} == set(corpus.STATUSES)


@pytest.mark.parametrize("kind", KINDS)
def test_some_conversations_contain_customer_pii(kind: str) -> None:
    scripts = _scripts(kind)
    with_phone = [s for s in scripts if LOCAL_MOROCCAN_PHONE.search(_full_text(s))]
    with_email = [s for s in scripts if s.customer.email in _full_text(s)]
    assert len(with_phone) >= 20
    assert len(with_email) >= 20


@pytest.mark.parametrize(
    "texts",
    [corpus_texts_telecom.TEXTS, corpus_texts_airline.TEXTS, corpus_texts_ecommerce.TEXTS],
    ids=KINDS,
)
def test_text_tables_are_complete_and_aligned(texts: corpus_texts_common.KindTexts) -> None:
    variants = set(corpus_texts_common.VARIANTS)
    assert len(texts.intents) >= 5
    for intent in texts.intents:
        openings, resolutions = texts.openings[intent], texts.resolutions[intent]
        assert set(openings) == set(resolutions) == set(texts.subjects[intent]) == variants
        answers = texts.answers[intent]
        assert max(len(o) for o in openings.values()) == len(answers)
        assert all(len(o) >= 3 for o in openings.values())
        assert len({len(r) for r in resolutions.values()}) == 1, intent
        n_resolutions = len(resolutions["fr"])
        assert all(a and all(0 <= i < n_resolutions for i in a) for a in answers)
        assert set().union(*answers) == set(range(n_resolutions))
        for opening in openings["ary-Latn"]:
            assert DIGIT_LETTER.search(opening), opening
        all_texts = [t for table in (openings, resolutions) for ts in table.values() for t in ts]
        assert len(all_texts) == len(set(all_texts))


def test_client_brands() -> None:
    assert sorted(b.kind for b in corpus.CLIENT_BRANDS) == sorted(KINDS)
    assert len({b.slug for b in corpus.CLIENT_BRANDS}) == 3
    for brand in corpus.CLIENT_BRANDS:
        assert brand.timezone == "Africa/Casablanca"
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", brand.slug)
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", brand.branding["primary_color"])
        assert brand.branding["logo_text"]
        assert brand.channels and set(brand.channels) <= set(corpus.CHANNELS)
        assert brand.locale in ("fr", "es", "ar", "en")


def test_advisor_profiles() -> None:
    advisors = corpus.advisor_profiles()
    assert len(advisors) == 20
    assert len({a.email for a in advisors}) == 20
    slugs = {b.slug for b in corpus.CLIENT_BRANDS}
    for advisor in advisors:
        assert re.fullmatch(r"[a-z]+\.[a-z]+@tawasol\.demo", advisor.email), advisor.email
        assert advisor.languages and set(advisor.languages) <= {"fr", "ar", "ary", "es", "en"}
        assert all(1 <= level <= 5 for level in advisor.languages.values())
        assert advisor.channels and set(advisor.channels) <= set(corpus.CHANNELS)
        assert all(capacity >= 1 for capacity in advisor.channels.values())
        assert advisor.client_slugs and set(advisor.client_slugs) <= slugs
    assert sum({"fr", "ary"} <= set(a.languages) for a in advisors) >= 18
    assert sum("ar" in a.languages for a in advisors) >= 12
    assert 2 <= sum("es" in a.languages for a in advisors) <= 10
    assert sum("en" in a.languages for a in advisors) >= 2


def test_each_brand_has_enough_certified_advisors() -> None:
    advisors = corpus.advisor_profiles()
    for brand in corpus.CLIENT_BRANDS:
        certified = [a for a in advisors if brand.slug in a.client_slugs]
        assert len(certified) >= 8, brand.slug
        # Every brand can serve Spanish-speaking customers.
        assert any("es" in a.languages for a in certified), brand.slug


def test_customer_phones_are_valid_numbers() -> None:
    import phonenumbers

    for kind in KINDS:
        for script in corpus.conversation_scripts(client_kind=kind, count=300, seed=3):
            number = phonenumbers.parse(script.customer.phone)
            assert phonenumbers.is_valid_number(number), script.customer.phone
