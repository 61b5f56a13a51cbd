"""The routing benchmark's contract: one JSON line with the figures and a baseline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tawasol.routing.bench import run_benchmark

REPO = Path(__file__).resolve().parents[2]


def test_run_benchmark_reports_engine_and_baseline() -> None:
    result = run_benchmark(150, 1500, decisions=400, baseline_decisions=30)
    assert result["decisions"] >= 400
    for key in ("p50_ms", "p99_ms", "assignments_per_second"):
        assert result[key] > 0
        assert result["baseline"][key] > 0
    assert result["baseline"]["agrees"] is True
    assert result["machine"]["cores"] >= 1


def test_the_script_prints_one_json_line() -> None:
    command = [
        sys.executable, str(REPO / "bench" / "routing.py"), "--agents", "100", "--waiting", "800",
        "--decisions", "200", "--baseline-decisions", "10", "--json",
    ]  # fmt: skip
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    lines = output.strip().splitlines()
    assert len(lines) == 1
    payload = json.loads(lines[0])
    assert {"p50_ms", "p99_ms", "assignments_per_second", "decisions", "baseline"} <= set(payload)
