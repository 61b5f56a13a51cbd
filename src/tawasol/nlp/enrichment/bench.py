"""`tawasol bench nlp`: the enrichment job's models over realistic mixed-language messages.

Messages are the customer turns of the demo corpus (French, Arabic, Darija in both scripts,
Spanish, English, code-switched), one client kind's intent model per message, in conversation
order: as in the worker, once a conversation's intent is read its later messages are
"settled" (the cascade reads them with its lexical stage only). Each client's
intent model is trained on other conversations (another corpus seed), and texts seen in
training are left out, and the embedding cache is emptied before each profile's run, so every
measured message starts cold. The
process is pinned to one core and the encoder to one thread: figures are per core.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from typing import Any

KINDS = ("telecom", "airline", "ecommerce")
TRAIN_SEED, MEASURE_SEED = 11, 29
WARM_UP = 5


def pin_to_one_core() -> int | None:
    """Pin this process to one CPU (and the encoder to one thread); returns the CPU."""
    os.environ["OMP_NUM_THREADS"] = "1"  # read when the encoder's engine loads
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def rss_mb() -> dict[str, float]:
    """Resident set size now and at its peak, from /proc (Linux)."""
    values: dict[str, float] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = round(int(rest.split()[0]) / 1024, 1)
    except OSError:
        return {}
    return {"rss_mb": values.get("VmRSS", 0.0), "peak_rss_mb": values.get("VmHWM", 0.0)}


def corpus(
    per_kind: int,
) -> tuple[dict[str, list[tuple[str, str]]], list[tuple[str, str]], dict[str, tuple[str, int]]]:
    """(training examples per kind, measured (kind, text) pairs unseen in training, each
    measured text's conversation)."""
    from tawasol.demo.corpus import conversation_scripts
    from tawasol.nlp.pii import redact

    training: dict[str, list[tuple[str, str]]] = {}
    seen: set[str] = set()
    for kind in KINDS:
        scripts = conversation_scripts(client_kind=kind, count=per_kind, seed=TRAIN_SEED)
        training[kind] = [(redact(s.turns[0].text).text, s.intent) for s in scripts]
        seen.update(text for script in scripts for text in (t.text for t in script.turns))
    measured: dict[str, str] = {}
    conversation_of: dict[str, tuple[str, int]] = {}
    for kind in KINDS:
        scripts = conversation_scripts(client_kind=kind, count=per_kind, seed=MEASURE_SEED)
        for number, script in enumerate(scripts):
            for turn in script.turns:
                if turn.direction == "inbound" and turn.text not in seen:
                    measured.setdefault(turn.text, kind)
                    conversation_of.setdefault(turn.text, (kind, number))
    return training, [(kind, text) for text, kind in measured.items()], conversation_of


def _timed(messages: list[tuple[str, str]], run: Callable[[str, str], Any]) -> dict[str, float]:
    """Wall-clock percentiles and throughput, plus CPU time (robust on a shared machine)."""
    for kind, text in messages[:WARM_UP]:  # first calls load tables and fill the caches
        run(kind, text + " .")
    latencies = []
    started, cpu_started = time.perf_counter(), time.process_time()
    for kind, text in messages:
        begin = time.perf_counter()
        run(kind, text)
        latencies.append((time.perf_counter() - begin) * 1000)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    ordered = sorted(latencies)
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 2),
        "messages_per_second": round(len(messages) / elapsed, 1),
        "cpu_ms_per_message": round(cpu * 1000 / len(messages), 2),
        "messages_per_cpu_second": round(len(messages) / cpu, 1) if cpu else 0.0,
    }


def run_nlp_benchmark(*, per_kind: int = 120, limit: int = 600, pin: bool = True) -> dict[str, Any]:
    """Time the pipeline (default cascade, fast and full profiles) against language ID alone,
    on one core. Top-level figures are the default profile's."""
    load_before = os.getloadavg()[0]
    cpu = pin_to_one_core() if pin else None
    from tawasol.nlp.embeddings import CachedEmbedder, default_embedder
    from tawasol.nlp.enrichment.pipeline import CASCADE, FAST, FULL, Enricher
    from tawasol.nlp.intent import train_cascade
    from tawasol.nlp.intent.cascade import E5
    from tawasol.nlp.language import default_identifier

    training, measured, conversation_of = corpus(per_kind)
    messages = measured[:limit]
    enrichers = {profile: Enricher(profile).load() for profile in (CASCADE, FAST, FULL)}
    started = time.perf_counter()
    models = {kind: train_cascade(examples) for kind, examples in training.items()}
    train_seconds = round(time.perf_counter() - started, 2)
    identifier = default_identifier()
    paths: list[str | None] = []
    settled: set[tuple[str, int]] = set()

    def enrich(profile: str, chosen: dict[str, Any] = models) -> Callable[[str, str], Any]:
        settled.clear()
        if isinstance(cache, CachedEmbedder):
            cache.clear()

        def run(kind: str, text: str) -> None:
            conversation = conversation_of.get(text)
            (analysis,) = enrichers[profile].enrich(
                [text], intent_model=chosen[kind], settled=[conversation in settled]
            )
            paths.append(analysis.versions.get("path"))
            if conversation and analysis.intent and not analysis.intent.is_out_of_scope:
                settled.add(conversation)

        return run

    cache = default_embedder()
    baseline = _timed(messages, lambda kind, text: identifier.identify(text))
    fast_figures = _timed(messages, enrich(FAST))
    misses_before = getattr(cache, "misses", 0)
    paths.clear()
    figures = _timed(messages, enrich(CASCADE))
    measured_paths = paths[-len(messages) :]
    encoder_calls = getattr(cache, "misses", 0) - misses_before
    full_figures = _timed(messages, enrich(FULL))
    memory = rss_mb()  # the demo worker: every profile, three clients' cascades, lingua, e5
    tuned_figures = _tuned_figures(
        training, lambda chosen: _timed(messages, enrich(CASCADE, chosen))
    )
    sample = enrichers[CASCADE].enrich([messages[0][1]], intent_model=models[messages[0][0]])[0]

    def metric(name: str) -> dict[str, float]:
        return {kind: round(float(m.metrics.get(name, 0.0)), 4) for kind, m in models.items()}

    return {
        "messages": len(messages),
        "languages": _language_mix(identifier, [text for _, text in messages]),
        **figures,
        **memory,
        "cpu": cpu,
        "profile": CASCADE,
        "encoder_calls": encoder_calls,
        "cascade_e5_share": round(measured_paths.count(E5) / max(1, len(measured_paths)), 4),
        "intent_train_seconds": train_seconds,
        "intent_cv_accuracy": metric("cv_accuracy"),
        "intent_cv_accuracy_lexical": metric("cv_accuracy_lexical"),
        "intent_cv_accuracy_e5": metric("cv_accuracy_full"),
        "intent_cv_e5_share": metric("cv_e5_share"),
        "model_versions": sample.versions,
        "fast": fast_figures,
        "full": full_figures,
        "tuned": tuned_figures,
        "baseline": {"what": "language identification only", **baseline},
        "loadavg_1m_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def _tuned_figures(
    training: dict[str, list[tuple[str, str]]], timed: Callable[[dict[str, Any]], dict]
) -> dict[str, Any]:
    """The default profile again, with clients whose e5 layers are fine-tuned (what a client
    with enough labelled history gets: `nlp/intent/tuned_training.py`); the few demo examples
    are tuned anyway, so that the enrichment cost is measured."""
    from tawasol.nlp.intent import IntentConfig, train_cascade
    from tawasol.nlp.tuning import torch_available

    if not torch_available():
        return {"skipped": "PyTorch is not installed (the 'tuning' extra)"}
    started = time.perf_counter()
    config = IntentConfig(tuning_min_examples=0)
    models = {kind: train_cascade(examples, config=config) for kind, examples in training.items()}
    seconds = round(time.perf_counter() - started, 2)
    figures = timed(models)
    return {
        "what": "default profile, tuned clients",
        **figures,
        "train_seconds": seconds,
        **rss_mb(),  # the demo worker's models and the three tuned ones
    }


def _language_mix(identifier: Any, texts: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for result in identifier.identify_batch(texts):
        counts[result.primary] = counts.get(result.primary, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: -item[1]))
