"""`tawasol train intents` on an embedded database, and `tawasol bench nlp --json`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tawasol.cli import app
from tawasol.nlp.enrichment.bench import run_nlp_benchmark
from tawasol.runtime import Runtime
from tests.factories import Tenant
from tests.nlp.enrichment.helpers import embedded_client
from tests.nlp.enrichment.test_training import BILLING, CANCEL, _label, _open


def test_train_intents_prints_one_json_line(tmp_path: Path) -> None:
    def labelled(runtime: Runtime, tenant: Tenant) -> None:
        for label, texts in (("cancel", CANCEL), ("billing", BILLING)):
            for text in texts:
                _label(runtime, _open(runtime, tenant.client_id, tenant.inbox_id, text),
                       intent=label)  # fmt: skip

    slug = embedded_client(tmp_path, "CL", labelled)
    runner = CliRunner()
    result = runner.invoke(
        app, ["train", "intents", "--client", slug, "--data-dir", str(tmp_path), "--json"]
    )
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert line["n"] == 12 and line["labels"] == {"billing": 6, "cancel": 6}
    assert line["version"].startswith("tawasol-intent-cascade/") and line["train_seconds"] > 0
    assert 0.0 <= line["e5_share"] <= 1.0 and line["accuracy_e5_model"] is not None
    assert 0.0 <= line["accuracy"] <= 1.0
    missing = runner.invoke(
        app, ["train", "intents", "--client", "nobody", "--data-dir", str(tmp_path), "--json"]
    )
    assert missing.exit_code == 1


def test_bench_reports_latency_throughput_memory_and_a_baseline() -> None:
    result = run_nlp_benchmark(per_kind=12, limit=12, pin=False)
    assert result["messages"] == 12 and len(result["languages"]) >= 3
    for figures in (result, result["fast"], result["full"], result["baseline"]):
        assert 0 < figures["p50_ms"] <= figures["p99_ms"]
        assert figures["messages_per_second"] > 0
    assert result["profile"] == "cascade" and 0.0 <= result["cascade_e5_share"] <= 1.0
    # the encoder runs only for the messages the cascade escalates (two views at most)
    escalated = round(result["cascade_e5_share"] * result["messages"])
    assert escalated <= result["encoder_calls"] <= 2 * escalated
    assert result["rss_mb"] > 0
    assert set(result["model_versions"]) == {
        "language", "pii", "sentiment", "offensive", "intent", "path",
    }  # fmt: skip
    assert set(result["intent_cv_accuracy"]) == set(result["intent_cv_accuracy_e5"])
    assert result["fast"]["cpu_ms_per_message"] < result["full"]["cpu_ms_per_message"]
    # the default profile again with clients whose e5 layers are fine-tuned, and its memory
    tuned = result["tuned"]
    assert 0 < tuned["p50_ms"] <= tuned["p99_ms"] and tuned["rss_mb"] > 0
