"""Tokenisation: noise removal, Arabizi digits, script tagging."""

from tawasol.nlp.language.scripts import ARABIC, LATIN, TIFINAGH, dominant_script, letter_script
from tawasol.nlp.language.tokens import tokenize


def norms(text: str) -> list[str]:
    return [token.norm for token in tokenize(text)]


def test_arabizi_digits_stay_inside_words_and_bare_numbers_go() -> None:
    assert norms("Salam 3afak, 7ta daba 2024 06 12") == ["salam", "3afak", "7ta", "daba"]


def test_links_mentions_and_hashtag_signs_are_removed() -> None:
    assert norms("@user regarde http://x.co/a #promo_ete www.site.ma") == [
        "regarde",
        "promo",
        "ete",
    ]


def test_arabic_diacritics_tatweel_and_letter_variants_are_normalised() -> None:
    assert norms("أَنَا بغيـــت إلى") == ["انا", "بغيت", "الي"]


def test_repeated_letters_are_capped() -> None:
    assert norms("mziaaaaan هههههه") == ["mziaan", "هه"]


def test_words_are_split_where_the_script_changes() -> None:
    tokens = tokenize("لfacture")
    assert [(t.norm, t.script) for t in tokens] == [("ل", ARABIC), ("facture", LATIN)]


def test_emoji_and_punctuation_give_no_tokens() -> None:
    assert tokenize("😀🙏 !!! ... 123") == []


def test_letter_scripts() -> None:
    assert letter_script("a") == LATIN
    assert letter_script("ب") == ARABIC
    assert letter_script("ⵣ") == TIFINAGH
    assert letter_script("3") is None
    assert dominant_script({}) == "Zyyy"
