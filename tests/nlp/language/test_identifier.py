"""Hand-written identification cases: every language and script the platform meets."""

from __future__ import annotations

import pytest

from tawasol.nlp.language import (
    LanguageIdentifier,
    LanguageResult,
    default_identifier,
)


@pytest.fixture(scope="module")
def identifier() -> LanguageIdentifier:
    return default_identifier()


@pytest.mark.parametrize(
    "text",
    [
        "salam 3afak bghit n3ref 3lach lfactura ghalya",
        "wach kayn chi promotion had simana?",
        "lconnexion maqta3a men lbare7, 3afak chofo lia lmochkil",
        "choukran bzaf khouya, daba khdam mzyan",
        "fin wslat lcommande dyali? ba9i ma wslatnich",
        "ana ma 3ndi 7ta flous, 3lach khsmtou lia",
    ],
)
def test_latin_darija(identifier: LanguageIdentifier, text: str) -> None:
    result = identifier.identify(text)
    assert (result.primary, result.script) == ("ary", "Latn")


@pytest.mark.parametrize(
    "text",
    [
        "السلام عليكم، بغيت نعرف علاش الفاتورة غالية هاد الشهر",
        "واش كاين شي واحد يعاوني؟ الكونيكسيون مقطوعة من البارح",
        "عافاك شوف ليا الملف ديالي، راه مازال ماوصلني والو",
        "شكرا بزاف خويا، دابا كلشي خدام مزيان",
    ],
)
def test_arabic_script_darija(identifier: LanguageIdentifier, text: str) -> None:
    result = identifier.identify(text)
    assert (result.primary, result.script) == ("ary", "Arab")


@pytest.mark.parametrize(
    "text",
    [
        "السلام عليكم، أريد أن أعرف لماذا ارتفعت قيمة الفاتورة هذا الشهر",
        "هل يمكنكم مساعدتي في تفعيل البطاقة من فضلكم؟",
        "أعلنت الحكومة عن إجراءات جديدة لدعم الأسر المحتاجة",
        "انا مش فاهم ليه الفاتورة غالية كده",
    ],
)
def test_standard_and_mashriqi_arabic(identifier: LanguageIdentifier, text: str) -> None:
    result = identifier.identify(text)
    assert (result.primary, result.script) == ("ar", "Arab")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Bonjour, je voudrais savoir pourquoi ma facture est si élevée", "fr"),
        ("merci beaucoup pour votre aide", "fr"),
        ("Hello, I was charged twice for my subscription this month", "en"),
        ("Hola, quiero cancelar mi contrato porque el servicio no funciona", "es"),
        ("Ich möchte mein Abonnement kündigen, bitte", "de"),
        ("Vorrei sapere perché la mia bolletta è così alta", "it"),
    ],
)
def test_general_languages(identifier: LanguageIdentifier, text: str, language: str) -> None:
    result = identifier.identify(text)
    assert (result.primary, result.script, result.secondary) == (language, "Latn", None)
    assert result.confidence > 0.5


def test_tifinagh_is_amazigh(identifier: LanguageIdentifier) -> None:
    result = identifier.identify("ⴰⵣⵓⵍ ⴼⵍⴰⵡⵏ")
    assert (result.primary, result.script) == ("zgh", "Tfng")


def test_latin_code_switching_has_shares(identifier: LanguageIdentifier) -> None:
    result = identifier.identify("bonjour, bghit nchanger mon forfait 3afak")
    assert result.primary == "ary"
    assert result.secondary == "fr"
    assert set(result.shares) == {"ary", "fr"}
    assert result.shares["ary"] >= 0.3 and result.shares["fr"] >= 0.3
    assert sum(result.shares.values()) == pytest.approx(1.0)


def test_mixed_script_code_switching(identifier: LanguageIdentifier) -> None:
    result = identifier.identify("بغيت نبدل l'abonnement ديالي عافاك")
    assert (result.primary, result.secondary, result.script) == ("ary", "fr", "Arab")
    assert result.shares["ary"] > result.shares["fr"] > 0.15


def test_french_with_one_darija_word_stays_french(identifier: LanguageIdentifier) -> None:
    result = identifier.identify("je veux annuler ma commande tout de suite s'il vous plaît 3afak")
    assert result.primary == "fr"
    assert result.shares["fr"] > 0.8


@pytest.mark.parametrize("text", ["", "   ", "😀🙏🔥", "0612345678", "12/05 - 300 DH", "ok", "?!"])
def test_too_little_text_is_undetermined(identifier: LanguageIdentifier, text: str) -> None:
    result = identifier.identify(text)
    assert result.primary == "und"
    assert result.confidence <= 0.1
    assert result.secondary is None and dict(result.shares) == {}
    assert result.version == identifier.version


def test_short_text_has_lower_confidence(identifier: LanguageIdentifier) -> None:
    short = identifier.identify("merci")
    long = identifier.identify("merci beaucoup pour votre aide, c'est réglé maintenant")
    assert short.primary == long.primary == "fr"
    assert short.confidence < long.confidence


def test_version_names_every_model(identifier: LanguageIdentifier) -> None:
    version = identifier.identify("salam 3afak").version
    assert version == identifier.version
    assert "tawasol-lid/" in version
    assert "tawasol-darija/" in version
    assert "lingua/" in version


def test_batch_matches_single_calls(identifier: LanguageIdentifier) -> None:
    texts = ["salam 3afak", "", "bonjour tout le monde", "واش كاين شي حل؟"]
    assert identifier.identify_batch(texts) == [identifier.identify(text) for text in texts]


def test_result_is_recordable(identifier: LanguageIdentifier) -> None:
    record = identifier.identify("hello, my internet is down since yesterday").as_dict()
    assert set(record) == {"primary", "script", "confidence", "secondary", "shares", "version"}
    assert record["primary"] == "en"


def test_default_identifier_is_a_language_identifier(identifier: LanguageIdentifier) -> None:
    assert isinstance(identifier, LanguageIdentifier)
    assert default_identifier() is identifier


def test_result_clamps_confidence_and_freezes_shares() -> None:
    result = LanguageResult(primary="fr", script="Latn", confidence=1.7, version="v", shares={})
    assert result.confidence == 1.0
    with pytest.raises(TypeError):
        result.shares["fr"] = 1.0  # type: ignore[index]
