"""The discrete-event simulator against the Erlang formulas and on its own terms."""

from __future__ import annotations

import math

import pytest

from tawasol.wfm.erlang import erlang_a_metrics, erlang_c_metrics
from tawasol.wfm.simulate import SimulationConfig, simulate


def _config(**changes: object) -> SimulationConfig:
    fields: dict[str, object] = {
        "contacts_per_interval": [100.0],
        "interval_seconds": 1800.0,
        "aht_seconds": 180.0,
        "agents": 14,
        "answer_within_seconds": 20.0,
        "contacts_total": 20_000,
        "warmup_contacts": 200,
        "seed": 11,
    }
    fields.update(changes)
    return SimulationConfig(**fields)


def test_two_hundred_thousand_contacts_agree_with_erlang_c_and_erlang_a() -> None:
    # The one long validation run: 200,000 contacts per model, +/- 0.01 service level
    # (its speed: bench/wfm_simulation.py).
    erlang_c = simulate(_config(contacts_total=200_000, warmup_contacts=1_000, seed=2024))
    analytic_c = erlang_c_metrics(10.0, 14, 180.0, 20.0)
    assert erlang_c.offered == 199_000
    assert erlang_c.service_level == pytest.approx(analytic_c.service_level, abs=0.01)
    assert erlang_c.p_wait == pytest.approx(analytic_c.p_wait, abs=0.01)
    assert erlang_c.occupancy == pytest.approx(analytic_c.occupancy, abs=0.01)
    assert erlang_c.asa == pytest.approx(analytic_c.asa, rel=0.1)

    erlang_a = simulate(
        _config(
            agents=11,
            patience_seconds=90.0,
            contacts_total=200_000,
            warmup_contacts=1_000,
            seed=2025,
        )
    )
    analytic_a = erlang_a_metrics(100 / 1800, 180.0, 90.0, 11, 20.0)
    assert erlang_a.service_level == pytest.approx(analytic_a.service_level, abs=0.01)
    assert erlang_a.abandon_rate == pytest.approx(analytic_a.abandon, abs=0.01)
    assert erlang_a.p_wait == pytest.approx(analytic_a.p_wait, abs=0.01)
    assert erlang_a.occupancy == pytest.approx(analytic_a.occupancy, abs=0.01)
    assert erlang_a.asa == pytest.approx(analytic_a.asa, rel=0.1)


@pytest.mark.parametrize(
    ("agents", "patience", "answer_within"),
    [(8, 60.0, 20.0), (12, 300.0, 20.0), (10, 30.0, 60.0)],
)
def test_erlang_a_agreement_at_small_scale(
    agents: int, patience: float, answer_within: float
) -> None:
    result = simulate(
        _config(
            agents=agents,
            patience_seconds=patience,
            answer_within_seconds=answer_within,
            contacts_total=30_000,
        )
    )
    analytic = erlang_a_metrics(100 / 1800, 180.0, patience, agents, answer_within)
    assert result.service_level == pytest.approx(analytic.service_level, abs=0.03)
    assert result.abandon_rate == pytest.approx(analytic.abandon, abs=0.02)
    assert result.answered + result.abandoned == result.offered


def test_concurrency_simulates_n_times_k_servers() -> None:
    result = simulate(_config(contacts_per_interval=[300.0], agents=11, concurrency=3))
    analytic = erlang_c_metrics(30.0, 33, 180.0, 20.0)
    assert result.service_level == pytest.approx(analytic.service_level, abs=0.03)
    assert result.occupancy == pytest.approx(analytic.occupancy, abs=0.02)


def test_lognormal_handle_times_have_the_requested_mean_and_spread() -> None:
    result = simulate(
        _config(handle_distribution="lognormal", handle_cv=0.5, agents=20, contacts_total=20_000)
    )
    assert result.mean_handle_seconds == pytest.approx(180.0, rel=0.03)
    # Less variable handle times than exponential: at least as good a service level.
    exponential = simulate(_config(agents=20, contacts_total=20_000))
    assert result.service_level >= exponential.service_level - 0.01


def test_same_seed_same_result_and_different_seed_differs() -> None:
    assert simulate(_config(seed=5)) == simulate(_config(seed=5))
    assert simulate(_config(seed=5)) != simulate(_config(seed=6))


def test_time_varying_arrivals_played_once() -> None:
    profile = [50.0, 200.0, 0.0, 120.0]
    result = simulate(
        _config(
            contacts_per_interval=profile,
            contacts_total=None,
            warmup_contacts=0,
            agents=30,
            seed=3,
        )
    )
    expected = sum(profile)
    assert abs(result.offered - expected) < 4 * math.sqrt(expected)
    assert result.horizon_seconds == pytest.approx(4 * 1800.0)
    assert result.answered == result.offered


def test_time_varying_arrivals_follow_the_profile() -> None:
    # Busy and quiet intervals alternate; the busy one is overloaded for 14 agents.
    quiet = simulate(_config(contacts_per_interval=[40.0], seed=9))
    mixed = simulate(_config(contacts_per_interval=[40.0, 160.0], seed=9))
    assert mixed.service_level < quiet.service_level
    assert mixed.occupancy > quiet.occupancy


def test_no_agents_with_patience_means_everyone_abandons() -> None:
    result = simulate(_config(agents=0, patience_seconds=30.0, contacts_total=1_000))
    assert result.abandoned == result.offered
    assert result.service_level == 0.0
    assert result.occupancy == 0.0


def test_warmup_contacts_are_not_counted() -> None:
    result = simulate(_config(contacts_total=5_000, warmup_contacts=1_000))
    assert result.offered == 4_000


@pytest.mark.parametrize(
    "changes",
    [
        {"contacts_per_interval": []},
        {"contacts_per_interval": [-1.0]},
        {"agents": -1},
        {"handle_distribution": "uniform"},
        {"patience_seconds": 0.0},
        {"contacts_total": 0},
        {"contacts_per_interval": [0.0]},
    ],
)
def test_invalid_configs_rejected(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        _config(**changes)
