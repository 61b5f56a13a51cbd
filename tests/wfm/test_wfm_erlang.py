"""Erlang B / C / A formulas against published values, an independent CTMC and limits."""

from __future__ import annotations

import math

import pytest

from tawasol.wfm.erlang import (
    chat_servers,
    erlang_a_metrics,
    erlang_b,
    erlang_c,
    erlang_c_metrics,
    log_regularized_lower_gamma,
    log_regularized_upper_gamma,
    served_wait_by_quadrature,
    served_wait_by_series,
)

# Standard Erlang B table (e.g. the "Erlang's B-formula" table in V. B. Iversen, Teletraffic
# Engineering and Network Planning, DTU): offered traffic giving 1 %, 2 %, 5 % and 10 % blocking.
ERLANG_B_TABLE = [
    (10, 4.461, 0.01),
    (10, 5.084, 0.02),
    (10, 6.216, 0.05),
    (10, 7.511, 0.10),
    (20, 12.031, 0.01),
    (50, 37.901, 0.01),
]


def test_erlang_b_known_value() -> None:
    assert erlang_b(10.0, 10) == pytest.approx(0.2146, abs=5e-5)
    assert erlang_b(1.0, 1) == pytest.approx(0.5)
    assert erlang_b(2.0, 3) == pytest.approx(4 / 19)


@pytest.mark.parametrize(("servers", "traffic", "blocking"), ERLANG_B_TABLE)
def test_erlang_b_matches_published_table(servers: int, traffic: float, blocking: float) -> None:
    assert erlang_b(traffic, servers) == pytest.approx(blocking, rel=2e-3)


def _cold_erlang_b(traffic: float, servers: int) -> float:
    blocking = 1.0
    for n in range(1, servers + 1):
        blocking = traffic * blocking / (n + traffic * blocking)
    return blocking


@pytest.mark.parametrize("traffic", [80.0, 250.5, 1000.0, 4321.0, 20000.0])
def test_erlang_b_warm_start_matches_full_recursion(traffic: float) -> None:
    for servers in range(math.ceil(traffic), math.ceil(traffic + 6 * math.sqrt(traffic)), 7):
        assert erlang_b(traffic, servers) == pytest.approx(
            _cold_erlang_b(traffic, servers), rel=1e-12
        )


def test_reference_example_erlang_c() -> None:
    # PRODUCT.md: 100 contacts / 30 min, AHT 180 s -> A = 10 Erlangs; 14 agents, 80/20 target.
    metrics = erlang_c_metrics(10.0, 14, 180.0, 20.0)
    assert metrics.p_wait == pytest.approx(0.174, abs=1e-3)
    assert metrics.service_level == pytest.approx(0.888, abs=1e-3)
    assert metrics.asa == pytest.approx(7.8, abs=0.1)
    assert metrics.occupancy == pytest.approx(0.714, abs=1e-3)


def test_westbay_worked_example() -> None:
    # Westbay Engineers, "The Erlang-C formula" worked example (mitan.co.uk/erlang/elgcmath.htm):
    # 360 calls per half hour, 240 s average duration, 55 agents, 15 s target ->
    # probability of waiting 0.2387, average speed of answer 8.18 s, service level 84.6 %.
    metrics = erlang_c_metrics(360 * 240 / 1800, 55, 240.0, 15.0)
    assert metrics.p_wait == pytest.approx(0.2387, abs=1e-4)
    assert metrics.asa == pytest.approx(8.184, abs=1e-3)
    assert metrics.service_level == pytest.approx(0.8459, abs=1e-4)
    assert metrics.occupancy == pytest.approx(0.873, abs=1e-3)


def test_erlang_c_matches_textbook_formula_for_small_systems() -> None:
    for traffic in (0.5, 2.0, 7.3, 15.0):
        for servers in range(math.floor(traffic) + 1, math.floor(traffic) + 8):
            head = sum(traffic**k / math.factorial(k) for k in range(servers))
            tail = traffic**servers / math.factorial(servers) * servers / (servers - traffic)
            assert erlang_c(traffic, servers) == pytest.approx(tail / (head + tail), rel=1e-12)


def test_erlang_c_stable_at_five_thousand_agents() -> None:
    for traffic, servers in [(4900.0, 5000), (4990.5, 5000), (1000.0, 5000), (10.0, 5000)]:
        metrics = erlang_c_metrics(traffic, servers, 300.0, 20.0)
        for value in (metrics.p_wait, metrics.service_level, metrics.asa, metrics.occupancy):
            assert math.isfinite(value)
        assert 0.0 <= metrics.p_wait <= 1.0
        assert 0.0 <= metrics.service_level <= 1.0
    assert erlang_c(4990.5, 5000) > erlang_c(4900.0, 5000) > erlang_c(1000.0, 5000)


def test_unstable_queue_is_reported_cleanly() -> None:
    for servers in (0, 5, 10):
        metrics = erlang_c_metrics(10.0, servers, 180.0, 20.0)
        assert metrics.p_wait == 1.0
        assert metrics.service_level == 0.0
        assert metrics.asa == math.inf
    assert erlang_c(10.0, 10) == 1.0


def test_zero_traffic() -> None:
    metrics = erlang_c_metrics(0.0, 3, 180.0, 20.0)
    assert (metrics.p_wait, metrics.service_level, metrics.asa) == (0.0, 1.0, 0.0)


def test_erlang_c_monotone_in_servers_and_threshold() -> None:
    previous = erlang_c_metrics(10.0, 11, 180.0, 20.0)
    for servers in range(12, 30):
        current = erlang_c_metrics(10.0, servers, 180.0, 20.0)
        assert current.p_wait < previous.p_wait
        assert current.service_level > previous.service_level
        assert current.asa < previous.asa
        assert current.occupancy < previous.occupancy
        previous = current
    levels = [erlang_c_metrics(10.0, 14, 180.0, t).service_level for t in (0, 10, 20, 60, 300)]
    assert levels == sorted(levels)
    assert levels[0] == pytest.approx(1 - erlang_c(10.0, 14))


def test_erlang_c_increases_with_traffic() -> None:
    values = [erlang_c(traffic, 20) for traffic in (5.0, 10.0, 15.0, 18.0, 19.9)]
    assert values == sorted(values)


def test_incomplete_gamma_closed_forms() -> None:
    for x in (0.1, 1.0, 2.5, 10.0, 40.0):
        assert math.exp(log_regularized_lower_gamma(1.0, x)) == pytest.approx(
            -math.expm1(-x), rel=1e-12
        )
        assert math.exp(log_regularized_lower_gamma(0.5, x)) == pytest.approx(
            math.erf(math.sqrt(x)), rel=1e-12
        )
    for x in (4.5, 9.0, 30.0):
        expected = math.exp(-x) * (1 + x + x * x / 2)
        assert math.exp(log_regularized_upper_gamma(3.0, x)) == pytest.approx(expected, rel=1e-12)


def test_incomplete_gamma_does_not_underflow() -> None:
    # P(10000, 5000) ~ 1e-841: representable only in log space. Leading-order asymptotics:
    # log P(a, x) ~ -a (x/a - 1 - log(x/a)) - log(2 pi a) / 2 - log(1 - x/a).
    a, x = 10_000.0, 5_000.0
    rho = x / a
    expected = -a * (rho - 1 - math.log(rho)) - 0.5 * math.log(2 * math.pi * a) - math.log(1 - rho)
    value = log_regularized_lower_gamma(a, x)
    assert value == pytest.approx(expected, abs=0.01)


def _ctmc_erlang_a(
    arrival_rate: float, aht: float, patience: float, servers: int, threshold: float
) -> tuple[float, float, float]:
    """Independent M/M/N+M solution: truncated birth-death chain plus an RK4 solve of the
    tagged contact's progress through the queue (no incomplete gamma involved)."""
    mu, theta = 1.0 / aht, 1.0 / patience
    log_weights = [0.0]
    for n in range(1, servers + 2000):
        death = n * mu if n <= servers else servers * mu + (n - servers) * theta
        log_weights.append(log_weights[-1] + math.log(arrival_rate / death))
    peak = max(log_weights)
    weights = [math.exp(w - peak) for w in log_weights]
    total = sum(weights)
    pi = [w / total for w in weights]
    p_wait = sum(pi[servers:])
    queue_length = sum((n - servers) * pi[n] for n in range(servers, len(pi)))
    abandon = theta * queue_length / arrival_rate
    # u[i](t): P(answered by t | i contacts ahead); du_i = -(r_i + theta) u_i + r_i u_{i-1}.
    depth = 300
    rates = [servers * mu + i * theta for i in range(depth)]
    u = [0.0] * depth
    steps = 2000
    h = threshold / steps

    def slope(values: list[float]) -> list[float]:
        return [
            -(rates[i] + theta) * values[i] + rates[i] * (values[i - 1] if i else 1.0)
            for i in range(depth)
        ]

    for _ in range(steps):
        k1 = slope(u)
        k2 = slope([u[i] + h / 2 * k1[i] for i in range(depth)])
        k3 = slope([u[i] + h / 2 * k2[i] for i in range(depth)])
        k4 = slope([u[i] + h * k3[i] for i in range(depth)])
        u = [u[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) for i in range(depth)]
    service_level = sum(pi[:servers]) + sum(pi[servers + j] * u[j] for j in range(depth))
    return p_wait, abandon, service_level


@pytest.mark.parametrize(
    ("arrival_rate", "aht", "patience", "servers", "threshold"),
    [
        (100 / 1800, 180.0, 60.0, 8, 20.0),
        (100 / 1800, 180.0, 300.0, 12, 20.0),
        (1.0, 300.0, 120.0, 250, 30.0),
        (0.5, 200.0, 30.0, 60, 10.0),
    ],
)
def test_erlang_a_matches_independent_ctmc(
    arrival_rate: float, aht: float, patience: float, servers: int, threshold: float
) -> None:
    p_wait, abandon, service_level = _ctmc_erlang_a(arrival_rate, aht, patience, servers, threshold)
    metrics = erlang_a_metrics(arrival_rate, aht, patience, servers, threshold)
    assert metrics.p_wait == pytest.approx(p_wait, abs=1e-9)
    assert metrics.abandon == pytest.approx(abandon, abs=1e-9)
    assert metrics.service_level == pytest.approx(service_level, abs=1e-7)


def test_erlang_a_approaches_erlang_c_as_patience_grows() -> None:
    reference = erlang_c_metrics(10.0, 14, 180.0, 20.0)
    gaps = []
    for patience in (1e3, 1e5, 1e7, 1e9):
        metrics = erlang_a_metrics(100 / 1800, 180.0, patience, 14, 20.0)
        gaps.append(abs(metrics.service_level - reference.service_level))
        assert metrics.abandon < 10.0 / patience * 180
    assert gaps == sorted(gaps, reverse=True)
    near = erlang_a_metrics(100 / 1800, 180.0, 1e9, 14, 20.0)
    assert near.p_wait == pytest.approx(reference.p_wait, abs=1e-6)
    assert near.service_level == pytest.approx(reference.service_level, abs=1e-6)
    assert near.asa == pytest.approx(reference.asa, abs=1e-3)
    assert erlang_a_metrics(100 / 1800, 180.0, math.inf, 14, 20.0) == reference


def test_erlang_a_low_patience_means_high_abandonment() -> None:
    impatient = erlang_a_metrics(100 / 1800, 180.0, 5.0, 10, 20.0)
    patient = erlang_a_metrics(100 / 1800, 180.0, 600.0, 10, 20.0)
    assert impatient.abandon > 0.15
    assert impatient.abandon > 2 * patient.abandon
    # Zero patience turns the queue into a loss system: abandonment -> Erlang B.
    instant = erlang_a_metrics(100 / 1800, 180.0, 1e-4, 10, 20.0)
    assert instant.abandon == pytest.approx(erlang_b(10.0, 10), rel=1e-3)


def test_erlang_a_overloaded_queue_is_stable() -> None:
    # 20 Erlangs on 10 servers: half the contacts must abandon in the fluid limit.
    metrics = erlang_a_metrics(20 / 180, 180.0, 120.0, 10, 20.0)
    assert metrics.abandon == pytest.approx(0.5, abs=0.02)
    assert metrics.p_wait > 0.95
    assert math.isfinite(metrics.asa)
    # Very patient contacts in a heavily overloaded queue: log-space keeps this finite.
    extreme = erlang_a_metrics(2.0, 240.0, 1e6, 400, 20.0)
    assert extreme.abandon == pytest.approx(1 - 400 / 480, abs=1e-6)
    assert extreme.service_level < 1e-6


def test_erlang_a_monotone_in_servers() -> None:
    previous = erlang_a_metrics(100 / 1800, 180.0, 90.0, 4, 20.0)
    for servers in range(5, 25):
        current = erlang_a_metrics(100 / 1800, 180.0, 90.0, servers, 20.0)
        assert current.service_level > previous.service_level
        assert current.abandon < previous.abandon
        assert current.p_wait < previous.p_wait
        assert current.asa < previous.asa
        previous = current


def test_erlang_a_service_level_counts_abandons_as_missed() -> None:
    metrics = erlang_a_metrics(100 / 1800, 180.0, 60.0, 8, 1e6)
    # With an unreachable threshold the service level is exactly the answered fraction.
    assert metrics.service_level == pytest.approx(1 - metrics.abandon, abs=1e-9)


def test_chat_concurrency_is_more_servers() -> None:
    assert chat_servers(5, 3) == 15
    with pytest.raises(ValueError):
        chat_servers(5, 0)


def test_invalid_inputs_rejected() -> None:
    with pytest.raises(ValueError):
        erlang_b(-1.0, 3)
    with pytest.raises(ValueError):
        erlang_c_metrics(1.0, 3, 0.0, 20.0)
    with pytest.raises(ValueError):
        erlang_a_metrics(1.0, 180.0, 0.0, 3, 20.0)


@pytest.mark.parametrize(
    ("arrival_rate", "aht", "patience", "servers"),
    [
        (100 / 1800, 180.0, 60.0, 8),
        (1.0, 300.0, 120.0, 250),
        (2.0, 240.0, 600.0, 400),
        (20 / 180, 180.0, 120.0, 10),
        (100 / 1800, 180.0, 1e7, 14),
    ],
)
def test_erlang_a_served_wait_series_matches_quadrature(
    arrival_rate: float, aht: float, patience: float, servers: int
) -> None:
    a = servers * patience / aht
    y = arrival_rate * patience
    series = served_wait_by_series(a, y, 1.0 / patience)
    assert series is not None
    quadrature = served_wait_by_quadrature(arrival_rate, servers / aht, 1.0 / patience)
    assert series == pytest.approx(quadrature, rel=1e-6)


def test_erlang_a_served_wait_falls_back_to_quadrature_when_series_is_too_long() -> None:
    # 480 Erlangs on 400 servers with ~12-day patience: the series would need ~10^6 terms.
    assert served_wait_by_series(400 * 1e6 / 240, 2.0 * 1e6, 1e-6) is None
    metrics = erlang_a_metrics(2.0, 240.0, 1e6, 400, 20.0)
    assert math.isfinite(metrics.asa) and metrics.asa > 0
