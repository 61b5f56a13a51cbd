"""Language-ID evaluation that leaves out the texts the shipped models were trained on.

The Darija-vs-Arabic weights are trained on part of NLLB-Seed `ary_Arab` (and on ArBanking77
and MLMA samples); an evaluation file such as `nllb_seed_ary/all.jsonl` contains those rows.
`held_out_rows` drops them (by digest, see `ArabicLinearModel.was_trained_on`);
`tawasol eval langid` scores only what remains and reports `excluded_training_rows`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tawasol.nlp.language.arabic_linear import load_arabic_linear


def held_out_rows(rows: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The rows whose text no shipped model was trained on, and how many were left out."""
    model = load_arabic_linear()
    kept = [row for row in rows if not model.was_trained_on(str(row.get("text", "")))]
    return kept, len(rows) - len(kept)
