"""Throughput of PII redaction, against a naive baseline measured in the same run.

Redacts the texts of ``tests/nlp/pii/cases.jsonl`` repeated to about 20,000 messages and
prints ONE JSON line: messages per second (best of ``--repeats`` runs, by wall clock and by
CPU time), microseconds per 1 KB message (typical: three pieces of personal data among
ordinary text; dense: about twenty), and a ``baseline`` object for the naive approach
(``phonenumbers.PhoneNumberMatcher`` plus simple regexes on every message), with the micro
precision/recall of both on the labelled cases.

Usage: ``python bench/pii_redaction.py [--messages 20000] [--repeats 3]``
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import phonenumbers

from tawasol.nlp.pii import PII_VERSION, detect_pii, redact

CASES = Path(__file__).resolve().parents[1] / "tests" / "nlp" / "pii" / "cases.jsonl"

_NAIVE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("EMAIL", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("IBAN", re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")),
    ("RIB", re.compile(r"\b\d{24}\b")),
    ("CARD", re.compile(r"\b(?:\d[ -]?){12,18}\d\b")),
    ("CIN", re.compile(r"\b[A-Z]{1,2}\d{5,6}\b")),
    ("PASSPORT", re.compile(r"\b[A-Z]{2}\d{7}\b")),
    ("DOB", re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b")),
)


def naive_spans(text: str) -> list[tuple[str, int, int]]:
    """The baseline: every phone the matcher finds, every regex hit, first come first kept."""
    hits = [("PHONE", m.start, m.end) for m in phonenumbers.PhoneNumberMatcher(text, "MA")]
    for kind, pattern in _NAIVE_PATTERNS:
        hits.extend((kind, m.start(), m.end()) for m in pattern.finditer(text))
    kept: list[tuple[str, int, int]] = []
    for hit in sorted(hits, key=lambda h: (h[1], h[1] - h[2])):
        if not kept or hit[1] >= kept[-1][2]:
            kept.append(hit)
    return kept


def naive_redact(text: str) -> str:
    pieces, cursor = [], 0
    for kind, start, end in naive_spans(text):
        pieces += [text[cursor:start], f"[{kind}]"]
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def throughput(
    function: Callable[[str], object], messages: list[str], repeats: int
) -> tuple[float, float]:
    """Best messages per second over ``repeats`` passes, by wall clock and by process CPU time.

    CPU time is reported too because a shared machine can slow the wall clock down.
    """
    best_wall = best_cpu = 0.0
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        for message in messages:
            function(message)
        best_wall = max(best_wall, len(messages) / (time.perf_counter() - wall))
        best_cpu = max(best_cpu, len(messages) / max(time.process_time() - cpu, 1e-9))
    return best_wall, best_cpu


def figures(function: Callable[[str], object], corpora: dict[str, list[str]], repeats: int) -> dict:
    """Throughput on the case messages and latency on typical and dense 1 KB messages."""
    wall, cpu = throughput(function, corpora["messages"], repeats)
    result = {
        "messages_per_second": round(wall),
        "us_per_message": round(1e6 / wall, 1),
        "cpu_messages_per_second": round(cpu),
    }
    for name in ("typical_1kb", "dense_1kb"):
        wall, cpu = throughput(function, corpora[name], repeats * 5)
        result[f"us_per_{name}_message"] = round(1e6 / wall, 1)
        result[f"cpu_us_per_{name}_message"] = round(1e6 / cpu, 1)
    return result


def micro_scores(cases: list[dict], spans_of: Callable[[str], list[tuple[str, str]]]) -> dict:
    tp = fp = fn = 0
    for case in cases:
        gold = Counter((span["kind"], span["text"]) for span in case["spans"])
        predicted = Counter(spans_of(case["text"]))
        matched = sum((gold & predicted).values())
        tp, fp, fn = tp + matched, fp + predicted.total() - matched, fn + gold.total() - matched
    return {
        "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 1.0,
    }


def typical_kilobyte_messages(cases: list[dict], count: int = 20) -> list[str]:
    """1 KB messages holding three labelled cases among negatives (orders, dates, amounts)."""
    positives = [case["text"] for case in cases if case["spans"]]
    negatives = [case["text"] for case in cases if not case["spans"]]
    messages = []
    for index in range(count):
        parts = [positives[(3 * index + k) % len(positives)] for k in range(3)]
        filler = index * 7
        while sum(map(len, parts)) + len(parts) < 1024:
            parts.insert(1, negatives[filler % len(negatives)])
            filler += 1
        messages.append(" ".join(parts)[:1024])
    return messages


def dense_kilobyte_messages(texts: list[str], count: int = 20) -> list[str]:
    """1 KB of consecutive cases: about twenty pieces of personal data per message."""
    step = max(1, len(texts) // count)
    return [" ".join(texts[i:] + texts[:i])[:1024] for i in range(0, step * count, step)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line]
    texts = [case["text"] for case in cases]
    corpora = {
        "messages": (texts * (args.messages // len(texts) + 1))[: args.messages],
        "typical_1kb": typical_kilobyte_messages(cases),
        "dense_1kb": dense_kilobyte_messages(texts),
    }
    ours = figures(redact, corpora, args.repeats)
    naive = figures(naive_redact, corpora, args.repeats)

    result = {
        "benchmark": "pii_redaction",
        "pii_version": PII_VERSION,
        "messages": len(corpora["messages"]),
        "mean_chars_per_message": round(sum(map(len, texts)) / len(texts), 1),
        **ours,
        **micro_scores(cases, lambda t: [(s.kind.value, s.text) for s in detect_pii(t)]),
        "baseline": {
            "name": "phonenumbers.PhoneNumberMatcher + simple regexes, per message",
            **naive,
            **micro_scores(cases, lambda t: [(k, t[s:e]) for k, s, e in naive_spans(t)]),
        },
        "speedup_vs_baseline": round(
            ours["cpu_messages_per_second"] / naive["cpu_messages_per_second"], 2
        ),
        "python": platform.python_version(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
