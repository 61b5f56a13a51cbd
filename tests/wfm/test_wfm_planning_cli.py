"""JSON contracts of `wfm synth | forecast | plan | schedule`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tawasol.wfm.cli import wfm_app

RUNNER = CliRunner()


def _json(args: list[str]) -> dict[str, Any]:
    result = RUNNER.invoke(wfm_app, args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    payload: dict[str, Any] = json.loads(lines[0])
    return payload


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wfm") / "history.csv"
    report = _json(["synth", "--out", str(path), "--days", "28", "--scale", "0.2", "--json"])
    assert report["series"] == 8 and report["days"] == 28 and report["contacts"] > 5_000
    return path


def test_forecast_json_with_backtest(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "forecast.csv"
    report = _json(
        ["forecast", "--history-csv", str(history), "--interval", "30", "--horizon-days", "7",
         "--backtest", "--folds", "2", "--out", str(out), "--json"]
    )  # fmt: skip
    assert report.keys() >= {
        "interval_minutes",
        "start",
        "horizon_days",
        "total_contacts",
        "series",
        "backtest",
    }
    assert report["start"] == "2025-02-03" and report["history_days"] == 28
    assert len(report["series"]) == 8
    assert report["series"][0].keys() >= {
        "client",
        "channel",
        "language",
        "forecast_contacts",
        "aht_seconds",
        "peak_start",
    }
    backtest = report["backtest"]
    assert set(backtest["model"]) == set(backtest["baseline"]) == {"wape", "mape"}
    assert backtest["model"]["wape"] < backtest["baseline"]["wape"]
    assert len(out.read_text().splitlines()) == 1 + 8 * 7 * 48


def test_forecast_without_backtest_has_no_backtest_key(history: Path) -> None:
    report = _json(["forecast", "--history-csv", str(history), "--horizon-days", "2", "--json"])
    assert "backtest" not in report and report["horizon_days"] == 2


def test_plan_then_schedule(history: Path, tmp_path: Path) -> None:
    requirements = tmp_path / "requirements.csv"
    plan = _json(
        ["plan", "--history-csv", str(history), "--horizon-days", "1", "--shrinkage", "0.2",
         "--out", str(requirements), "--json"]
    )  # fmt: skip
    assert set(plan["skills"]) == {"ar", "en", "es", "fr"}
    assert plan["intervals"] == 48 and plan["rows"] == 4 * 48
    schedule = _json(
        ["schedule", "--requirements-csv", str(requirements), "--advisors", "60",
         "--time-limit", "4", "--json"]
    )  # fmt: skip
    assert schedule.keys() >= {
        "status",
        "advisors_used",
        "understaffed_hours",
        "overstaffed_hours",
        "shifts",
        "coverage",
        "understaffed_interval_hours",
        "solve_seconds",
    }
    assert len(schedule["coverage"]) == 48
    assert schedule["coverage"][0].keys() == {"start", "required", "scheduled", "lowest"}
    assert schedule["shifts"] and schedule["shifts"][0].keys() == {
        "advisor",
        "start",
        "end",
        "breaks",
    }


def test_schedule_reads_a_simple_requirements_file(tmp_path: Path) -> None:
    path = tmp_path / "simple.csv"
    rows = [f"2025-01-06T{h:02d}:{m:02d},2" for h in range(8, 16) for m in (0, 30)]
    path.write_text("start,required\n" + "\n".join(rows) + "\n")
    report = _json(
        [
            "schedule",
            "--requirements-csv",
            str(path),
            "--advisors",
            "5",
            "--time-limit",
            "3",
            "--json",
        ]
    )
    assert report["first_day"] == "2025-01-06" and report["interval_minutes"] == 30
    assert report["understaffed_hours"] == 0 and report["status"] == "covered"
    result = RUNNER.invoke(
        wfm_app,
        ["schedule", "--requirements-csv", str(path), "--advisors", "5", "--time-limit", "2"],
    )
    assert result.exit_code == 0 and "Schedule from 2025-01-06" in result.stdout


def test_forecast_table_and_bad_interval(history: Path) -> None:
    result = RUNNER.invoke(
        wfm_app, ["forecast", "--history-csv", str(history), "--horizon-days", "1"]
    )
    assert result.exit_code == 0 and "Forecast from 2025-02-03" in result.stdout
    bad = RUNNER.invoke(wfm_app, ["forecast", "--history-csv", str(history), "--interval", "20"])
    assert bad.exit_code != 0
