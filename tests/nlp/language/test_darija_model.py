"""The Darija model: trained quickly from the shipped corpus, sensible on its own."""

from __future__ import annotations

from tawasol.nlp.language.corpus import CORPUS_FILES, corpus_fingerprint, load_corpus
from tawasol.nlp.language.darija_markers import (
    DARIJA_MARKERS_FILE,
    is_negated_verb,
    is_progressive_verb,
    load_markers,
)
from tawasol.nlp.language.darija_model import load_darija_model, train_darija_model
from tawasol.nlp.language.tokens import tokenize


def arabic_norms(text: str) -> list[str]:
    return [token.norm for token in tokenize(text)]


def test_training_is_versioned_and_done_once() -> None:
    # Its cost (≈2–3 s of CPU at first use) is measured by bench/language_id.py, not timed here.
    model = train_darija_model()
    assert model.version.endswith(corpus_fingerprint())
    assert load_darija_model() is load_darija_model()


def test_corpus_covers_every_class_and_stays_small() -> None:
    labels = {(line.label, line.script) for line in load_corpus()}
    assert {("ary", "Arab"), ("ar", "Arab"), ("ary", "Latn"), ("fr", "Latn")} <= labels
    assert {entry.name for entry in CORPUS_FILES} and len(load_corpus()) > 1500


def test_arabic_darija_probability() -> None:
    model = load_darija_model()
    darija = model.arabic_darija_probability(arabic_norms("واش كاين شي حل لهاد المشكل ديالي؟"))
    msa = model.arabic_darija_probability(arabic_norms("هل يوجد حل لهذه المشكلة من فضلكم؟"))
    assert darija > 0.9 > 0.1 > msa


def test_latin_model_prefers_darija_for_arabizi() -> None:
    model = load_darija_model()
    scores = model.latin.text_scores(["bghit", "n3ref", "3lach"])
    assert model.latin.labels[scores.index(max(scores))] == "ary"


def test_morphological_markers() -> None:
    assert is_progressive_verb("كيدير") and is_progressive_verb("كنشوف")
    assert not is_progressive_verb("كتابة") and not is_progressive_verb("كانت")
    assert is_negated_verb("ماكيعرفش") and not is_negated_verb("مش")
    assert load_markers(DARIJA_MARKERS_FILE).weight("وديال") > 1.0
