"""The shipped Darija-vs-Arabic linear weights and the markers of formal written Darija."""

from __future__ import annotations

from tawasol.nlp.language.arabic_linear import (
    ArabicLinearModel,
    FusionWeights,
    load_arabic_linear,
    text_digest,
    text_features,
)
from tawasol.nlp.language.darija_markers import DARIJA_MARKERS_FILE, load_markers, pair_weight
from tawasol.nlp.language.darija_markers import darija_marker_weight as marker_weight
from tawasol.nlp.language.darija_model import load_darija_model
from tawasol.nlp.language.tokens import tokenize


def norms(text: str) -> list[str]:
    return [token.norm for token in tokenize(text)]


def test_features_are_words_pairs_and_affixes() -> None:
    features = text_features(["كيدير", "خدمتو"])
    assert {"w:كيدير", "b:<s> كيدير", "b:كيدير خدمتو", " كي", "تو "} <= features
    assert "يدي" not in features  # no inner n-grams: they learn topics, not Darija


def test_shipped_model_is_loaded_into_the_darija_model() -> None:
    linear = load_arabic_linear()
    assert len(linear.weights) > 5000 and len(linear.trained_on) > 2500
    assert linear.fusion.linear > 0 and linear.fusion.markers > 0
    assert load_darija_model().linear is linear
    assert f"linear.{linear.fingerprint}" in load_darija_model().version


def test_formal_register_darija_and_msa_are_told_apart() -> None:
    model = load_darija_model()
    darija = "المدينة ما قدراتش تستقبل الزوار اللي جاو من بعد ما تسدات الطريق الرئيسية"
    msa = "لم تتمكن المدينة من استقبال الزوار الذين قدموا بعد إغلاق الطريق الرئيسي"
    assert model.arabic_darija_probability(norms(darija)) > 0.7
    assert model.arabic_darija_probability(norms(msa)) < 0.3


def test_fusion_and_training_digests() -> None:
    model = ArabicLinearModel(
        weights={"w:ديال": 2.0},
        intercept=-0.5,
        fusion=FusionWeights(linear=1.0, markers=1.0, bias=0.0),
        fingerprint="test",
        trained_on=frozenset({text_digest("نص للتجربة")}),
    )
    assert model.score(["ديال"]) > 0 > model.score(["الذي"])
    assert model.score([]) == 0.0
    assert model.fusion.probability(3.0, 1.0) > 0.95 > 0.05 > model.fusion.probability(-3.0, -1.0)
    assert model.was_trained_on("  نص للتجربة ") and not model.was_trained_on("نص آخر")


def test_split_negation_and_future_prefix_mark_darija() -> None:
    assert pair_weight("ما", "حققوش") > 0 and pair_weight("ما", "مدهش") == 0.0
    lexicon = load_markers(DARIJA_MARKERS_FILE)
    known = load_darija_model().arabic.knows_word
    assert marker_weight("غيكون", lexicon, known) > 0
    assert marker_weight("غيرها", lexicon, known) == 0.0
    assert marker_weight("هداك", lexicon, known) > 1.0
