"""What an intent model says about one message."""

from __future__ import annotations

from dataclasses import dataclass

OUT_OF_SCOPE = "out_of_scope"
"""Label returned when the model abstains; also the label tenants may give to messages that
belong to none of their intents (those examples then train an explicit "none of these" class)."""


@dataclass(frozen=True)
class IntentPrediction:
    """``label`` is the predicted intent, or `OUT_OF_SCOPE` when confidence is below the
    model's abstain threshold; ``best_guess`` is always the top-scoring intent.

    ``confidence`` is the calibrated probability of ``best_guess``; ``alternatives`` lists the
    next intents with their probabilities, best first; ``version`` names the model that spoke;
    ``path`` says which stage of a cascade answered ("lexical" or "e5"), None for one model.
    """

    label: str
    confidence: float
    best_guess: str
    alternatives: tuple[tuple[str, float], ...]
    version: str
    path: str | None = None

    @property
    def is_out_of_scope(self) -> bool:
        return self.label == OUT_OF_SCOPE
