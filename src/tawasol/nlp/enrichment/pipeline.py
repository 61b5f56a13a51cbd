"""The enrichment pipeline: every offline model over a batch of customer messages.

Personal data is detected on the message as written; every other model reads the redacted
copy (placeholders instead of phone numbers, IBANs...), and language identification reads it
without the placeholders. Models load once per process, on first use, under a lock.

Profiles (the e5 sentence encoder costs ≈40 ms per text on one core, everything else ≈2 ms per
message; see docs/performance.md):

* ``cascade`` (default): lexicon sentiment and offensive models and the client's intent
  cascade (`nlp.intent.cascade`), whose lexical stage answers when it is confident. Messages
  it sends to the e5 stage are also read by the e5 sentiment/offensive models, which then
  find the message's embeddings in the cache. Each result records the path taken.
* ``full``: every message through the e5 models (sentiment, offensive, and the intent
  model's e5 stage).
* ``fast``: lexicon and lexical models only, never the encoder.

A client that trained its own sentiment or offensive-language model (`labeler_training`) has it
read every message outside ``fast``: its messages all take the e5 path.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from tawasol.nlp.intent import AnyIntentModel, CascadeIntentModel, IntentPrediction
from tawasol.nlp.intent.cascade import E5, LEXICAL
from tawasol.nlp.language import LanguageIdentifier, LanguageResult, default_identifier
from tawasol.nlp.pii import PII_VERSION, redact
from tawasol.nlp.sentiment import (
    OFFENSIVE,
    LabelPrediction,
    TextLabeler,
    default_offensive_model,
    default_sentiment_model,
    lexicon_offensive_model,
    lexicon_sentiment_model,
)

CASCADE, FULL, FAST = "cascade", "full", "fast"
PROFILES = (CASCADE, FULL, FAST)
PROFILE_ENV = "TAWASOL_ENRICHMENT_PROFILE"
# Long e-mails: the request is in the first lines, and the encoder's cost grows with length.
MAX_MODEL_CHARS = 600
_PLACEHOLDER = re.compile(r"\[(?:EMAIL|PHONE|IBAN|RIB|CARD|CIN|PASSPORT|DOB)\]")


@dataclass(frozen=True, slots=True)
class MessageAnalysis:
    """What the models said about one message, with the version of each model."""

    language: LanguageResult
    intent: IntentPrediction | None
    sentiment: LabelPrediction
    offensive: LabelPrediction
    pii_types: tuple[str, ...]
    redacted_text: str
    versions: dict[str, str | None]

    @property
    def is_offensive(self) -> bool:
        return self.offensive.label == OFFENSIVE

    def as_dict(self) -> dict[str, Any]:
        intent = self.intent
        return {
            "language": self.language.primary,
            "secondary_language": self.language.secondary,
            "intent": None if intent is None or intent.is_out_of_scope else intent.label,
            "intent_confidence": None if intent is None else round(intent.confidence, 4),
            "sentiment": self.sentiment.label,
            "offensive": self.is_offensive,
            "pii_types": list(self.pii_types),
            "path": self.versions.get("path"),
            "model_versions": self.versions,
        }


class Enricher:
    """Runs language ID, PII, sentiment, offensive and (given a model) intent on messages."""

    def __init__(self, profile: str = CASCADE, *, identifier: LanguageIdentifier | None = None):
        if profile not in PROFILES:
            raise ValueError(f"unknown enrichment profile {profile!r}; expected one of {PROFILES}")
        self.profile = profile
        self._identifier = identifier
        self._sentiment: TextLabeler | None = None
        self._offensive: TextLabeler | None = None
        self._e5_sentiment: TextLabeler | None = None
        self._e5_offensive: TextLabeler | None = None
        self._lock = threading.Lock()

    def load(self) -> Enricher:
        """Load every shipped model now (otherwise the first message pays for it)."""
        with self._lock:
            if self._identifier is None:
                self._identifier = default_identifier()
            if self._sentiment is None:
                if self.profile != FULL:
                    self._sentiment = lexicon_sentiment_model()
                    self._offensive = lexicon_offensive_model()
                if self.profile != FAST:
                    self._e5_sentiment = default_sentiment_model()
                    self._e5_offensive = default_offensive_model()
                self._sentiment = self._sentiment or self._e5_sentiment
                self._offensive = self._offensive or self._e5_offensive
        return self

    def enrich(
        self,
        texts: list[str],
        *,
        intent_model: AnyIntentModel | None = None,
        settled: Sequence[bool] | None = None,
        labelers: Mapping[str, TextLabeler] | None = None,
    ) -> list[MessageAnalysis]:
        """One analysis per text, in order; the models run once over the whole batch.

        ``settled[i]`` says message i belongs to a conversation whose intent is already read
        (from an earlier message, which keeps it: `actions.refresh_conversation`); the
        cascade profile then reads its intent with the lexical stage only. ``labelers`` are
        the client's own "sentiment" / "offensive" models (`_labels`)."""
        if not texts:
            return []
        self.load()
        assert self._identifier and self._sentiment and self._offensive
        redactions = [redact(text) for text in texts]
        ai_texts = [r.text[:MAX_MODEL_CHARS] for r in redactions]
        languages = self._identifier.identify_batch(
            [_PLACEHOLDER.sub(" ", r.text) for r in redactions]
        )
        intents = self._intents(ai_texts, intent_model, settled)
        paths = [_path(intent, intent_model, self.profile) for intent in intents]
        own = labelers or {}
        if own and self.profile != FAST:
            paths = [E5] * len(texts)  # the client's own models read every message with e5
        sentiments, offensive = self._labels(ai_texts, paths, own)
        common = {
            "language": self._identifier.version,
            "pii": f"tawasol-pii/{PII_VERSION}",
            "intent": intent_model.version if intent_model else None,
        }
        return [
            MessageAnalysis(
                language=languages[i],
                intent=intents[i],
                sentiment=sentiments[i],
                offensive=offensive[i],
                pii_types=tuple(sorted({span.kind.value for span in redactions[i].spans})),
                redacted_text=redactions[i].text,
                versions=common
                | {
                    "sentiment": sentiments[i].version,
                    "offensive": offensive[i].version,
                    "path": paths[i],
                },
            )  # fmt: skip
            for i in range(len(texts))
        ]

    def _labels(
        self, texts: list[str], paths: list[str], own: Mapping[str, TextLabeler]
    ) -> tuple[list[LabelPrediction], list[LabelPrediction]]:
        """Sentiment and offensive readings: the client's own model of a task on every message
        (outside ``fast``), else the shipped e5 model where the profile runs it (every message
        in ``full``, the messages the cascade escalated), else the lexicon model."""
        readings = []
        for task, lexical, deep in (
            ("sentiment", self._sentiment, self._e5_sentiment),
            ("offensive", self._offensive, self._e5_offensive),
        ):
            assert lexical is not None
            if self.profile != FAST and (mine := own.get(task)) is not None:
                readings.append(mine.predict(texts))
                continue
            found = lexical.predict(texts)
            if self.profile == CASCADE and deep is not None:
                # these messages' embeddings are in the cache: the e5 readings cost little more
                deeper = [i for i, path in enumerate(paths) if path == E5]
                for i, label in zip(deeper, deep.predict([texts[i] for i in deeper]), strict=True):
                    found[i] = label
            readings.append(found)
        return readings[0], readings[1]

    def _intents(
        self, texts: list[str], model: AnyIntentModel | None, settled: Sequence[bool] | None
    ) -> list[IntentPrediction | None]:
        if model is None:
            return [None] * len(texts)
        if isinstance(model, CascadeIntentModel):
            if self.profile == FULL:
                return [
                    replace(p, version=model.version, path=E5) for p in model.full.predict(texts)
                ]
            if self.profile == FAST:
                return [
                    replace(p, version=model.version, path=LEXICAL)
                    for p in model.lexical.predict(texts)
                ]
            open_ = None if settled is None else [not done for done in settled]
            return list(model.predict(texts, may_escalate=open_))
        return list(model.predict(texts))


def _path(intent: IntentPrediction | None, model: AnyIntentModel | None, profile: str) -> str:
    """Which models read the message: "e5" when the sentence encoder ran on it."""
    if intent is not None and intent.path is not None:
        return intent.path
    uses_e5 = profile == FULL or (model is not None and model.embedder_version is not None)
    return E5 if uses_e5 else LEXICAL


_default: Enricher | None = None
_default_lock = threading.Lock()


def default_enricher() -> Enricher:
    """The process-wide enricher; ``TAWASOL_ENRICHMENT_PROFILE`` (cascade|full|fast) picks
    the models."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Enricher(os.environ.get(PROFILE_ENV, CASCADE).strip().lower() or CASCADE)
        return _default
