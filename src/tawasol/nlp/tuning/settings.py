"""Settings of fine-tuning e5's top layers on a client's labels (chosen on banking77's
validation fifth: docs/ai-evaluation.md, "Fine-tuning the top layers of e5")."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class TuningSettings:
    """* ``layers``: how many of e5's top layers are trained (the rest run as shipped, 4-bit).
    * ``scale``: the unit-norm sentence vector is multiplied by it before the linear head.
    * ``max_pieces``: longer messages are read by their first pieces when training.
    """

    layers: int = 4
    epochs: int = 4
    batch_size: int = 32
    layer_rate: float = 1e-4
    head_rate: float = 3e-3
    weight_decay: float = 0.01
    warmup: float = 0.06
    decay: bool = True
    label_smoothing: float = 0.1
    dropout: float = 0.0
    scale: float = 20.0
    max_pieces: int = 256
    seed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TuningSettings:
        known = cls.__dataclass_fields__
        return cls(**{key: value for key, value in data.items() if key in known})
