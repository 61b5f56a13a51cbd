"""Tawasol's own Darija model, trained on the corpus shipped in `data/`.

* Arabic script: Darija (`ary`) against MSA and the Mashriqi dialects (both reported as `ar`).
  A naive Bayes model over words and affixes, trained on the corpus, is combined with the
  hand-written grammatical markers of `darija_markers` into one Darija evidence score, which
  is fused with the shipped linear model of `arabic_linear` (needed for formal written Darija)
  by a calibration fitted on validation data.
* Latin script: Arabizi Darija (`ary`) against French, English, Spanish and a pooled class of
  other Latin-script languages, with a character n-gram naive Bayes model.

The naive Bayes models are trained on first use (well under a second) and kept in memory, so
they cannot drift from their corpus; the linear weights ship in `data/` (trained offline, see
`train_arabic_linear`). Nothing is downloaded. The version string carries a fingerprint of the
corpus and of the weights file.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tawasol.nlp.language.arabic_linear import ArabicLinearModel, load_arabic_linear
from tawasol.nlp.language.arabizi_spelling import spelling_variants
from tawasol.nlp.language.corpus import (
    ARABIC_DIALECT,
    LabelledLine,
    corpus_fingerprint,
    load_corpus,
)
from tawasol.nlp.language.darija_markers import (
    DARIJA_MARKERS_FILE,
    MASHRIQI_MARKERS_FILE,
    MarkerLexicon,
    darija_marker_weight,
    load_markers,
    pair_weight,
)
from tawasol.nlp.language.features import affix_features, char_ngram_features
from tawasol.nlp.language.naive_bayes import NaiveBayesSettings, TokenNaiveBayes, train_naive_bayes
from tawasol.nlp.language.scripts import ARABIC, LATIN
from tawasol.nlp.language.tokens import tokenize

MODEL_NAME = "tawasol-darija"
MODEL_REVISION = "2"
DARIJA = "ary"
ARABIC_CODE = "ar"
ARABIZI_VARIANTS_PER_LINE = 3
TOKEN_CACHE_SIZE = 200_000

ARABIC_NB_SETTINGS = NaiveBayesSettings(smoothing=1.0, word_weight=1.0, max_feature_evidence=6.0)
LATIN_NB_SETTINGS = NaiveBayesSettings(smoothing=0.1, word_weight=3.0, max_feature_evidence=4.0)


@dataclass(frozen=True, slots=True)
class ArabicDecision:
    """How Arabic-script evidence is weighed into a probability of Darija.

    Only evidence above `evidence_floor` counts, so that the many words Darija shares with MSA
    add nothing; `threshold` is the score at which Darija and Arabic are equally likely.
    The values were chosen on development data only (UMSAB train/validation Arabic tweets and
    the `half=0` part of NLLB-Seed ary, see `evaluate.in_half`), never on the test sets, and
    trade Darija recall against false Darija on Mashriqi Arabic: lowering `threshold` to 0.3
    buys ~3 points of Darija recall for ~2-3 points of Arabic accuracy.
    """

    model_weight: float = 0.1
    evidence_floor: float = 3.0
    mashriqi_model_weight: float = 0.1
    threshold: float = 0.5
    slope: float = 3.0


@dataclass(frozen=True, slots=True)
class DarijaModel:
    """The per-script classifiers, the marker lexicons and the version that names them."""

    arabic: TokenNaiveBayes
    latin: TokenNaiveBayes
    darija_markers: MarkerLexicon
    mashriqi_markers: MarkerLexicon
    version: str
    decision: ArabicDecision = ArabicDecision()
    linear: ArabicLinearModel | None = None
    _token_cache: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    def arabic_token_score(self, norm: str) -> float:
        """Signed Darija evidence of one Arabic-script token (negative: Mashriqi dialect).

        Each side counts only what sets its class apart from *both* others: a plain MSA word
        such as هذا is evidence for neither Darija nor a Mashriqi dialect (the linear model
        weighs MSA against Darija).
        """
        cached = self._token_cache.get(norm)
        if cached is None:
            cached = self._arabic_token_score(norm)
            if len(self._token_cache) < TOKEN_CACHE_SIZE:
                self._token_cache[norm] = cached
        return cached

    def _arabic_token_score(self, norm: str) -> float:
        scores = self.arabic.token_scores(norm)
        darija = scores[self.arabic.index(DARIJA)]
        msa = scores[self.arabic.index(ARABIC_CODE)]
        mashriqi = scores[self.arabic.index(ARABIC_DIALECT)]
        decision = self.decision
        floor = decision.evidence_floor
        return (
            darija_marker_weight(norm, self.darija_markers, self.arabic.knows_word)
            + decision.model_weight * max(0.0, darija - max(msa, mashriqi) - floor)
            - self.mashriqi_markers.weight(norm)
            - decision.mashriqi_model_weight * max(0.0, mashriqi - max(darija, msa) - floor)
        )

    def latin_darija_contest(self, norm: str) -> tuple[float, float]:
        """(Darija score, best other language's score) of one Latin-script token."""
        scores = self.latin.token_scores(norm)
        darija = self.latin.index(DARIJA)
        return scores[darija], max(v for i, v in enumerate(scores) if i != darija)

    def arabic_evidence(self, norms: Sequence[str]) -> float:
        """Summed Darija evidence of the naive Bayes model and the markers (before calibration)."""
        score = sum(self.arabic_token_score(norm) for norm in norms)
        return score + sum(pair_weight(a, b) for a, b in itertools.pairwise(norms))

    def arabic_darija_probability(self, norms: Sequence[str]) -> float:
        """Probability that Arabic-script tokens are Darija rather than other Arabic.

        With the shipped linear model, its logit and the marker evidence are fused by the
        calibration fitted on validation data; without it, the evidence alone is calibrated by
        `decision`.
        """
        evidence = self.arabic_evidence(norms)
        if self.linear is not None:
            return self.linear.fusion.probability(self.linear.score(norms), evidence)
        exponent = -self.decision.slope * (evidence - self.decision.threshold)
        return 1.0 / (1.0 + math.exp(max(-50.0, min(50.0, exponent))))


def _norms(text: str, script: str) -> list[str]:
    return [token.norm for token in tokenize(text) if token.script == script]


def _documents(lines: Sequence[LabelledLine], script: str) -> Iterator[tuple[str, list[str]]]:
    for index, line in enumerate(lines):
        if line.script != script:
            continue
        yield line.label, _norms(line.text, script)
        if script == LATIN and line.label == DARIJA:
            for variant in spelling_variants(line.text, ARABIZI_VARIANTS_PER_LINE, seed=index):
                yield line.label, _norms(variant, script)


def train_darija_model(
    lines: Sequence[LabelledLine] | None = None, linear: ArabicLinearModel | None = None
) -> DarijaModel:
    """Train both classifiers (default: on the shipped corpus), optionally with `linear`."""
    corpus = tuple(lines) if lines is not None else load_corpus()
    fingerprint = corpus_fingerprint() if lines is None else "custom"
    if linear is not None:
        fingerprint += f"+linear.{linear.fingerprint}"
    return DarijaModel(
        arabic=train_naive_bayes(_documents(corpus, ARABIC), affix_features, ARABIC_NB_SETTINGS),
        latin=train_naive_bayes(_documents(corpus, LATIN), char_ngram_features, LATIN_NB_SETTINGS),
        darija_markers=load_markers(DARIJA_MARKERS_FILE),
        mashriqi_markers=load_markers(MASHRIQI_MARKERS_FILE),
        version=f"{MODEL_NAME}/{MODEL_REVISION}+{fingerprint}",
        linear=linear,
    )


@lru_cache(maxsize=1)
def load_darija_model() -> DarijaModel:
    """The model trained on the shipped corpus with the shipped linear weights, once per process."""
    return train_darija_model(linear=load_arabic_linear())
