"""Training settings of the per-client intent classifier."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class IntentConfig:
    """Defaults chosen on banking77/arbanking77 (see bench/intent.py).

    * ``char_ngrams`` / ``word_ngrams``: TF-IDF views of the normalised text.
    * ``embedding_weight``: scale of the (unit-norm) sentence embedding next to the
      (unit-norm) TF-IDF blocks; 0 trains a lexical-only model and skips the embedder.
    * ``c``: inverse regularisation of the linear SVM.
    * ``target_precision``: the abstain threshold is the lowest confidence at which
      held-out predictions reach this precision.
    * ``calibration_folds``: folds for out-of-fold scores (temperature and threshold).
    * ``embedding_weight_candidates``: when given, training tries each weight and keeps the
      one with the best out-of-fold accuracy on the client's own examples (costs one extra
      round of fold fits per candidate).
    * ``cascade_tolerance``: a cascade (`cascade.train_cascade`) sends the least confident
      messages to the e5 model until its out-of-fold accuracy is within this of the e5
      model's own.
    * ``tuned_layers``: with at least ``tuning_min_examples`` examples, PyTorch installed and
      e5 as the embedder, e5's top layers are fine-tuned on the examples (``tuning_epochs``)
      and the tuned network's log-probabilities are averaged with the SVM's
      (``tuned_weight``; the SVM's decision values divided by ``svm_temperature`` first).
      0 never tunes. See `tuned_training`.
    """

    char_ngrams: tuple[int, int] = (1, 4)
    word_ngrams: tuple[int, int] = (1, 2)
    min_df: int = 2
    embedding_weight: float = 4.0
    c: float = 0.5
    target_precision: float = 0.95
    calibration_folds: int = 3
    max_alternatives: int = 3
    seed: int = 0
    embedding_weight_candidates: tuple[float, ...] = ()
    cascade_tolerance: float = 0.0
    tuned_layers: int = 4
    tuning_epochs: int = 4
    tuning_min_examples: int = 1000
    tuned_weight: float = 0.5
    svm_temperature: float = 0.2

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IntentConfig:
        values = dict(data)
        values["char_ngrams"] = tuple(values["char_ngrams"])
        values["word_ngrams"] = tuple(values["word_ngrams"])
        values["embedding_weight_candidates"] = tuple(values.get("embedding_weight_candidates", ()))
        return cls(**values)
