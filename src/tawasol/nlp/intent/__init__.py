"""Per-client intent classification: train on advisors' labelled messages, predict, abstain."""

from tawasol.nlp.intent.cascade import (
    AnyIntentModel,
    CascadeIntentModel,
    load_intent_model,
    train_cascade,
)
from tawasol.nlp.intent.config import IntentConfig
from tawasol.nlp.intent.model import IncompatibleModelError, IntentModel
from tawasol.nlp.intent.prediction import OUT_OF_SCOPE, IntentPrediction
from tawasol.nlp.intent.training import NotEnoughExamplesError, train

__all__ = [
    "OUT_OF_SCOPE",
    "AnyIntentModel",
    "CascadeIntentModel",
    "IncompatibleModelError",
    "IntentConfig",
    "IntentModel",
    "IntentPrediction",
    "NotEnoughExamplesError",
    "load_intent_model",
    "train",
    "train_cascade",
]
