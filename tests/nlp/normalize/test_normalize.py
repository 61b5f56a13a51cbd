"""Darija normalisation: Arabizi transliteration, Arabic orthography, elongation."""

import pytest

from tawasol.nlp.normalize import (
    DarijaNormalizer,
    digit_letter_word,
    fold_arabic,
    light_arabic,
    normalize,
    squash_elongation,
    transliterate_token,
)


def test_the_two_bghit_sentences_share_one_form():
    latin = normalize("bghit nlghi lcommande")
    arabic = normalize("بغيت نلغي الكوموند")
    assert latin.text == arabic.text == "بغيت نلغي الكوموند"
    assert latin.embedding_text == arabic.embedding_text
    assert latin.darija_latin and not arabic.darija_latin


@pytest.mark.parametrize(
    ("arabizi", "arabic"),
    [
        ("Bghit nlghi lcommande dyali 3afak!!", "بغيت نلغي الكوموند ديالي عافاك"),
        ("mabghitch lfactura", "مابغيتش الفاكتوره"),
        ("lfactura ghalia bzzzaf", "الفاكتوره غاليه بزاف"),
        ("wach kayn chi mochkil f reseau?", "واش كاين شي مشكل ف ريزو"),
        ("kolchi mzyan hamdoulah", "كلشي مزيان الحمد لله"),
        ("ma3reftch chno ndir", "ماعرفتش شنو ندير"),
    ],
)
def test_arabizi_sentences_become_arabic_script(arabizi, arabic):
    assert normalize(arabizi).text == arabic


def test_lexicon_spelling_variants_share_an_entry():
    forms = {normalize(word).text for word in ("mzyan", "mezyan", "mzian")}
    assert forms == {"مزيان"}


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("3afak", "عافاك"),
        ("s7a7", "سحاح"),
        ("khdma", "خدما"),
        ("chwiya", "شويا"),
        ("bzzaf", "بزاف"),
    ],
)
def test_rule_transliteration_of_digits_and_digraphs(token, expected):
    assert transliterate_token(token) == expected


def test_french_english_and_spanish_stay_latin():
    for sentence in (
        "Je veux annuler ma commande",
        "I want to cancel my order #12345 please",
        "La factura está mal",
    ):
        result = normalize(sentence)
        assert not result.darija_latin
        assert result.transliterated_words == 0
        assert result.embedding_text == sentence


def test_code_switched_french_keeps_french_words():
    result = normalize("merci 3afak, ma commande n'est pas arrivée")
    assert "عافاك" in result.text
    assert "commande" in result.text and "merci" in result.text


def test_numbers_and_units_are_not_letters():
    assert not digit_letter_word("15h30")
    assert not digit_letter_word("0612345678")
    assert not digit_letter_word("2eme")
    assert digit_letter_word("m9wda")
    assert normalize("appel au 0612345678 à 15h30").text == "appel au 0612345678 a 15h30"


def test_arabic_orthography():
    assert fold_arabic("أإآٱ") == "اااا"
    assert fold_arabic("مدرسة") == "مدرسه"
    assert fold_arabic("على") == "علي"
    assert fold_arabic("ڭال") == "كال"
    assert light_arabic("شُكْراً") == "شكرا"
    assert light_arabic("جمـــيل") == "جميل"
    assert light_arabic("٠٦١٢") == "0612"
    assert normalize("أريد إلغاء الطلبية ، شكراً").text == "اريد الغاء الطلبيه شكرا"


def test_elongation():
    assert squash_elongation("bzzzaf") == "bzaf"
    assert squash_elongation("merciiii") == "merci"
    assert squash_elongation("بزااااف") == "بزاف"
    assert squash_elongation("bzzaf 0600000000") == "bzzaf 0600000000"
    assert normalize("bzzzaf").text == "بزاف"


def test_odd_input_never_raises():
    normalizer = DarijaNormalizer()
    for text in ("", "   ", "😀😀", "!!!", "123", "ـــ"):
        assert isinstance(normalizer.normalize(text).text, str)
    assert normalizer.version.startswith("darija-normalizer-")


@pytest.mark.parametrize(
    "sentence",
    [
        "I like the red one, ready when you are",
        "Nadie debe saberlo, la fiebre es fine",
        "See you at 7pm for the U2 show, co2 levels and the 49ers",
    ],
)
def test_foreign_words_whose_skeleton_is_darija_stay_latin(sentence):
    result = normalize(sentence)
    assert result.transliterated_words == 0
    assert result.embedding_text == sentence


def test_skeleton_variants_still_count_in_darija():
    assert normalize("bghite nchri telephone").embedding_text.startswith("بغيت")
    assert "عافاك" in normalize("I need help 3afak").embedding_text
