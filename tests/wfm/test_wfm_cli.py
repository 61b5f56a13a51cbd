"""The ``wfm`` Typer app: JSON contract and readable output."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from tawasol.wfm.cli import wfm_app

RUNNER = CliRunner()
REFERENCE_ARGS = [
    "--contacts",
    "100",
    "--interval",
    "1800",
    "--aht",
    "180",
    "--service-level",
    "0.8",
    "--answer-within",
    "20",
]
CONTRACT_KEYS = {"agents", "scheduled", "service_level", "p_wait", "asa", "occupancy", "abandon"}


def _json_line(args: list[str]) -> dict[str, Any]:
    result = RUNNER.invoke(wfm_app, args)
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    payload: dict[str, Any] = json.loads(lines[0])
    return payload


def test_staff_json_reference_example() -> None:
    payload = _json_line(["staff", *REFERENCE_ARGS, "--shrinkage", "0.3", "--json"])
    assert payload.keys() >= CONTRACT_KEYS
    assert payload["agents"] == 14
    assert payload["scheduled"] == 20
    assert payload["service_level"] == pytest.approx(0.888, abs=1e-3)
    assert payload["p_wait"] == pytest.approx(0.174, abs=1e-3)
    assert payload["occupancy"] == pytest.approx(0.714, abs=1e-3)
    assert payload["asa"] == pytest.approx(7.8, abs=0.1)
    assert payload["abandon"] == 0.0


def test_staff_with_every_option() -> None:
    payload = _json_line(
        [
            "staff",
            *REFERENCE_ARGS,
            "--shrinkage",
            "0.3",
            "--max-occupancy",
            "0.85",
            "--patience",
            "120",
            "--concurrency",
            "2",
            "--json",
        ]
    )
    assert payload.keys() >= CONTRACT_KEYS
    assert payload["abandon"] > 0.0
    assert payload["occupancy"] <= 0.85


def test_evaluate_json() -> None:
    payload = _json_line(["evaluate", "--agents", "13", *REFERENCE_ARGS, "--json"])
    assert payload.keys() >= CONTRACT_KEYS
    assert payload["agents"] == 13
    assert payload["service_level"] < 0.8


def test_evaluate_unstable_queue_gives_null_asa() -> None:
    payload = _json_line(["evaluate", "--agents", "9", *REFERENCE_ARGS, "--json"])
    assert payload["asa"] is None
    assert payload["service_level"] == 0.0


def test_simulate_json_side_by_side() -> None:
    payload = _json_line(
        [
            "simulate",
            "--agents",
            "14",
            *REFERENCE_ARGS,
            "--contacts-total",
            "5000",
            "--seed",
            "4",
            "--handle-distribution",
            "lognormal",
            "--json",
        ]
    )
    simulated, analytic = payload["simulated"], payload["analytic"]
    assert isinstance(simulated, dict) and isinstance(analytic, dict)
    assert simulated.keys() >= CONTRACT_KEYS - {"agents", "scheduled"}
    assert analytic.keys() >= CONTRACT_KEYS
    assert simulated["offered"] == 5000
    assert payload["model"] == "erlang_c"
    assert payload["handle_distribution"] == "lognormal"
    assert payload["difference"]["service_level"] == pytest.approx(
        simulated["service_level"] - analytic["service_level"]
    )


def test_simulate_is_reproducible() -> None:
    args = ["simulate", "--agents", "11", *REFERENCE_ARGS, "--patience", "60"]
    args += ["--contacts-total", "3000", "--seed", "8", "--json"]
    assert _json_line(args) == _json_line(args)
    assert _json_line(args)["model"] == "erlang_a"


def test_tables_without_json() -> None:
    staffed = RUNNER.invoke(wfm_app, ["staff", *REFERENCE_ARGS, "--shrinkage", "0.3"])
    assert staffed.exit_code == 0
    assert "scheduled" in staffed.output and "20" in staffed.output
    simulated = RUNNER.invoke(
        wfm_app, ["simulate", "--agents", "14", *REFERENCE_ARGS, "--contacts-total", "2000"]
    )
    assert simulated.exit_code == 0
    assert "Simulated" in simulated.output and "Analytic" in simulated.output


@pytest.mark.parametrize(
    "args",
    [
        ["staff", *REFERENCE_ARGS, "--shrinkage", "1.5"],
        ["staff", *REFERENCE_ARGS, "--service-level", "1.0"],
        ["evaluate", "--agents", "-1", *REFERENCE_ARGS],
        ["simulate", "--agents", "5", *REFERENCE_ARGS, "--handle-distribution", "uniform"],
        ["staff", "--aht", "180"],
    ],
)
def test_invalid_arguments_exit_with_usage_error(args: list[str]) -> None:
    assert RUNNER.invoke(wfm_app, args).exit_code == 2
