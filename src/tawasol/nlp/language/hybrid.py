"""The default language identifier: Tawasol's Darija model in front of lingua.

For each message:

1. Tokens are grouped by script. Arabic-script tokens go to the Darija model (Darija vs other
   Arabic). Latin-script tokens are segmented token by token into Arabizi Darija and the rest;
   the rest is named by lingua, weighted by the Darija model's own view of French, English,
   Spanish and other languages. Tokens in other scripts are named by their script when one
   language alone uses it (Tifinagh -> Amazigh `zgh`), else by lingua when it knows them.
2. Each language's share is its share of the message's letters; the largest is `primary`, the
   next one `secondary` when it is large enough to call the message code-switched. Darija
   wins from 35% of the letters: in Moroccan code-switching Darija is the matrix language and
   French, Spanish or English supply inserted words, which are longer than Darija's grammar
   words ("w3tak les infos", "ndir lik les audios": the verb is Darija, most letters are not).
3. Confidence is the letter-weighted probability of the chosen labels, discounted for short
   messages. Too little text (fewer than three letters) gives `und`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tawasol.nlp.language.corpus import OTHER_LATIN
from tawasol.nlp.language.darija_model import DARIJA, DarijaModel, load_darija_model
from tawasol.nlp.language.general_detector import GeneralDetector
from tawasol.nlp.language.naive_bayes import softmax
from tawasol.nlp.language.result import UNDETERMINED, LanguageResult, undetermined
from tawasol.nlp.language.scripts import ARABIC, LATIN, dominant_script
from tawasol.nlp.language.segmentation import segments_of, viterbi_labels
from tawasol.nlp.language.tokens import Token, tokenize

PIPELINE_NAME = "tawasol-lid"
PIPELINE_REVISION = "1"

MIN_LETTERS = 3
MIN_SECONDARY_SHARE = 0.15
FULL_CONFIDENCE_LETTERS = 12
LATIN_TEMPERATURE = 4.0
FUSION_SOFTNESS = 4.0
LATIN_SWITCH_COST = 20.0
# 0.35 rather than 0.45 (2026-11-27, on DODa half 0 and UMSAB validation/train): 13 more of
# 5,015 Darija rows recognised, 4 of 6,500 French/English/Spanish tweets read as Darija.
DARIJA_MATRIX_SHARE = 0.35
OTHER = "not-ary"
SINGLE_LANGUAGE_SCRIPT_CONFIDENCE = 0.9

# Scripts written by (almost) one language only, so the script names the language.
SINGLE_LANGUAGE_SCRIPTS = {
    "Tfng": "zgh",
    "Hebr": "he",
    "Grek": "el",
    "Armn": "hy",
    "Geor": "ka",
    "Hang": "ko",
    "Hira": "ja",
    "Kana": "ja",
    "Thai": "th",
    "Beng": "bn",
    "Guru": "pa",
    "Gujr": "gu",
    "Taml": "ta",
    "Telu": "te",
    "Ethi": "am",
}


@dataclass(frozen=True, slots=True)
class Span:
    """Letters of the message attributed to one language, with the probability of that label."""

    label: str
    weight: int
    probability: float


def _weight(tokens: Sequence[Token]) -> int:
    return sum(token.weight for token in tokens)


def _text(tokens: Sequence[Token]) -> str:
    return " ".join(token.surface for token in tokens)


class HybridLanguageIdentifier:
    """Darija-aware language identification: own Darija model + lingua for everything else."""

    def __init__(
        self,
        general: GeneralDetector | None = None,
        darija: DarijaModel | None = None,
        switch_cost: float = LATIN_SWITCH_COST,
    ) -> None:
        self._general = general or GeneralDetector()
        self._darija = darija or load_darija_model()
        self._switch_cost = switch_cost

    @property
    def version(self) -> str:
        return f"{PIPELINE_NAME}/{PIPELINE_REVISION} {self._darija.version} {self._general.version}"

    def identify(self, text: str) -> LanguageResult:
        tokens = tokenize(text or "")
        total = _weight(tokens)
        if total < MIN_LETTERS:
            return undetermined(self.version, script=dominant_script(self._script_weights(tokens)))
        spans = [
            *self._arabic_spans([t for t in tokens if t.script == ARABIC]),
            *self._latin_spans([t for t in tokens if t.script == LATIN]),
            *self._other_script_spans([t for t in tokens if t.script not in (ARABIC, LATIN)]),
        ]
        return self._result(spans, tokens, total)

    def identify_batch(self, texts: Iterable[str]) -> list[LanguageResult]:
        return [self.identify(text) for text in texts]

    @staticmethod
    def _script_weights(tokens: Sequence[Token]) -> Counter[str]:
        weights: Counter[str] = Counter()
        for token in tokens:
            weights[token.script] += token.weight
        return weights

    def _arabic_spans(self, tokens: Sequence[Token]) -> list[Span]:
        if not tokens:
            return []
        weight = _weight(tokens)
        other = self._other_arabic_script_language(tokens)
        if other is not None:
            return [Span(label=other[0], weight=weight, probability=other[1])]
        probability = self._darija.arabic_darija_probability([t.norm for t in tokens])
        if probability >= 0.5:
            return [Span(label=DARIJA, weight=weight, probability=probability)]
        return [Span(label="ar", weight=weight, probability=1.0 - probability)]

    def _other_arabic_script_language(self, tokens: Sequence[Token]) -> tuple[str, float] | None:
        """Persian, Urdu... when lingua is configured with them and prefers them to Arabic."""
        if len(self._general.languages_of_script(ARABIC)) < 2:
            return None
        best = self._general.best(_text(tokens))
        if best is None or best[0] == "ar":
            return None
        return best

    def _latin_spans(self, tokens: Sequence[Token]) -> list[Span]:
        """Darija vs not, token by token; lingua then names the non-Darija tokens as a whole."""
        if not tokens:
            return []
        model = self._darija.latin
        darija_index = model.index(DARIJA)
        scores = [model.token_scores(token.norm) for token in tokens]
        binary = [self._darija.latin_darija_contest(token.norm) for token in tokens]
        labels = viterbi_labels(binary, (DARIJA, OTHER), self._switch_cost)
        spans: list[Span] = []
        others: list[int] = []
        for segment in segments_of(labels):
            if segment.label == OTHER:
                others.extend(range(segment.start, segment.end))
                continue
            posterior = self._latin_posterior(scores[segment.start : segment.end])
            part = tokens[segment.start : segment.end]
            spans.append(Span(DARIJA, _weight(part), posterior[darija_index]))
        if others:
            part = [tokens[index] for index in others]
            posterior = self._latin_posterior([scores[index] for index in others])
            spans.append(self._non_darija_latin_span(part, posterior))
        return spans

    def _latin_posterior(self, scores: Sequence[Sequence[float]]) -> list[float]:
        totals = [sum(column) for column in zip(*scores, strict=True)]
        return softmax([total / LATIN_TEMPERATURE for total in totals])

    def _non_darija_latin_span(self, tokens: Sequence[Token], posterior: Sequence[float]) -> Span:
        """Lingua's distribution weighted by the Darija model's view (fr/en/es/other).

        The product settles lingua's near-ties on short texts ("merci" alone is nearly as
        Italian as French to lingua, not to a model trained on French customer messages).
        """
        model = self._darija.latin
        darija_probability = posterior[model.index(DARIJA)]
        lingua = self._general.distribution(_text(tokens))
        if not lingua:
            best = max(
                (i for i in range(len(model.labels)) if model.labels[i] != DARIJA),
                key=posterior.__getitem__,
            )
            label = model.labels[best]
            label = label if label != OTHER_LATIN else UNDETERMINED
            return Span(label, _weight(tokens), posterior[best])
        soft = softmax([math.log(max(p, 1e-12)) / FUSION_SOFTNESS for p in posterior])
        weighted = {
            code: probability * soft[model.index(code if code in model.labels else OTHER_LATIN)]
            for code, probability in lingua.items()
        }
        total = sum(weighted.values()) or 1.0
        label = max(weighted, key=weighted.__getitem__)
        return Span(label, _weight(tokens), (1.0 - darija_probability) * weighted[label] / total)

    def _other_script_spans(self, tokens: Sequence[Token]) -> list[Span]:
        spans: list[Span] = []
        for script in sorted({token.script for token in tokens}):
            part = [token for token in tokens if token.script == script]
            single = SINGLE_LANGUAGE_SCRIPTS.get(script)
            if single is not None:
                spans.append(Span(single, _weight(part), SINGLE_LANGUAGE_SCRIPT_CONFIDENCE))
                continue
            best = (
                self._general.best(_text(part))
                if self._general.languages_of_script(script)
                else None
            )
            if best is None:
                spans.append(Span(UNDETERMINED, _weight(part), 0.0))
            else:
                spans.append(Span(best[0], _weight(part), best[1]))
        return spans

    def _result(self, spans: Sequence[Span], tokens: Sequence[Token], total: int) -> LanguageResult:
        weights: Counter[str] = Counter()
        for span in spans:
            weights[span.label] += span.weight
        ranked = sorted(weights, key=lambda label: (-weights[label], label != DARIJA, label))
        shares = {label: weights[label] / total for label in ranked}
        if shares.get(DARIJA, 0.0) >= DARIJA_MATRIX_SHARE:
            ranked.remove(DARIJA)
            ranked.insert(0, DARIJA)
        primary = ranked[0]
        secondary = next(
            (
                label
                for label in ranked[1:]
                if shares[label] >= MIN_SECONDARY_SHARE and label != UNDETERMINED
            ),
            None,
        )
        certainty = sum(span.weight * span.probability for span in spans) / total
        length_factor = min(1.0, math.sqrt(total / FULL_CONFIDENCE_LETTERS))
        return LanguageResult(
            primary=primary,
            script=dominant_script(self._script_weights(tokens)),
            confidence=certainty * length_factor,
            version=self.version,
            secondary=secondary,
            shares=shares,
        )
