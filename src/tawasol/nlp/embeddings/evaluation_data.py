"""Locating and reading the shared evaluation datasets (``../shared/datasets`` from the repo).

These datasets carry research-only or share-alike licences: they are read at evaluation time
only, never copied into the package, and never used to train a shipped artefact.
"""

from __future__ import annotations

import json
import os
import random
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ENV_VAR = "TAWASOL_DATASETS_DIR"


def shared_datasets_dir() -> Path | None:
    """``$TAWASOL_DATASETS_DIR``, else ``shared/datasets`` beside the repository; None if absent."""
    override = os.environ.get(ENV_VAR)
    candidates = [Path(override)] if override else []
    here = Path(__file__).resolve()
    candidates += [parent.parent / "shared" / "datasets" for parent in here.parents]
    candidates.append(Path.cwd().parent / "shared" / "datasets")
    for candidate in candidates:
        if candidate.is_dir() and any(candidate.iterdir()):
            return candidate
    return None


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield one object per non-empty line."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def load_split(dataset: str, split: str, *, root: Path | None = None) -> list[dict[str, Any]]:
    """All rows of ``<root>/<dataset>/<split>.jsonl``; raises FileNotFoundError if missing."""
    base = root or shared_datasets_dir()
    if base is None:
        raise FileNotFoundError("shared datasets directory not found")
    return list(read_jsonl(base / dataset / f"{split}.jsonl"))


def stratified_sample(
    rows: list[dict[str, Any]], per_label: int, *, seed: int = 0, key: str = "label"
) -> list[dict[str, Any]]:
    """Up to ``per_label`` rows of each label, chosen reproducibly, in original order."""
    by_label: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        by_label[str(row[key])].append(index)
    rng = random.Random(seed)
    chosen: list[int] = []
    for label in sorted(by_label):
        indexes = by_label[label]
        chosen += indexes if len(indexes) <= per_label else rng.sample(indexes, per_label)
    return [rows[i] for i in sorted(chosen)]
