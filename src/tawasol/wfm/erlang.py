"""Queueing formulas for contact-center staffing: Erlang B, Erlang C and Erlang A.

Notation used throughout:

* ``traffic`` (A, in Erlangs) = arrival rate x average handle time (AHT).
* ``servers`` (N) = positions that can each handle one contact at a time.
* ``answer_within`` (T) = service-level threshold, in the same time unit as AHT.

Erlang B is computed with the classic stable recursion ``B(n) = A B(n-1) / (n + A B(n-1))``;
Erlang C is derived from it (``C = N B / (N - A (1 - B))``), so neither uses factorials or powers
and both stay finite for thousands of servers.

Erlang A (M/M/N+M: Poisson arrivals, exponential handle times, exponential patience with mean
``patience``) follows Palm / Garnett-Mandelbaum-Reiman. With ``mu = 1/AHT``, ``theta = 1/patience``,
``a = N mu / theta`` and ``y = lambda / theta`` every waiting-customer quantity reduces to the
series ``M(a, x) = sum_n x^n / ((a+1)(a+2)...(a+n)) = Gamma(a+1) e^x x^-a P(a, x)`` where ``P`` is
the regularized lower incomplete gamma function. ``M`` is evaluated in log-space: directly as a
series when ``x < a + 1`` and via a Lentz continued fraction for the upper incomplete gamma
otherwise, so neither huge nor tiny values overflow or underflow.

Erlang A conventions (documented because calculators differ):

* ``p_wait``: probability that an arriving contact finds every server busy and queues
  (whether it is eventually answered or abandons).
* ``abandon``: fraction of offered contacts that abandon.
* ``service_level``: contacts *answered* within T divided by contacts *offered*. Contacts that
  abandon count as missed, including those that abandon before T.
* ``asa``: mean wait of *answered* contacts (including those answered immediately), from a
  series over the queue length an arrival finds (Simpson quadrature over the offered-wait
  density as a fallback for heavily overloaded queues of very patient contacts).
* ``occupancy``: carried load per server, ``A (1 - abandon) / N``.

Chat concurrency: an advisor handling ``k`` conversations at once is modelled as ``k`` independent
servers, so N advisors become ``N k`` servers and AHT is the handle time of one conversation
*while running concurrently* (usually longer than a one-at-a-time handle time). This ignores the
coupling between slots of the same advisor (a busy advisor slows down on all of them) and is the
usual first-order approximation for chat staffing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

LogDensity = Callable[[float], float]

_WARM_START_SIGMAS = 12.0
_WARM_START_MIN_SERVERS = 64
_SERIES_EPSILON = 1e-17
_CF_EPSILON = 1e-16
_CF_TINY = 1e-300
_MAX_ITERATIONS = 10_000_000
_QUADRATURE_INTERVALS = 1024
_QUADRATURE_LOG_DROP = 45.0
_MAX_SERIES_TERMS = 200_000
_RESCALE_ABOVE = 1e250


@dataclass(frozen=True, slots=True)
class QueueMetrics:
    """Steady-state performance of one queue for a given number of servers."""

    p_wait: float
    service_level: float
    asa: float
    abandon: float
    occupancy: float


def chat_servers(agents: int, concurrency: int = 1) -> int:
    """Servers offered by ``agents`` advisors each handling ``concurrency`` conversations."""
    if agents < 0 or concurrency < 1:
        raise ValueError("agents must be >= 0 and concurrency >= 1")
    return agents * concurrency


def next_erlang_b(traffic: float, blocking: float, servers: int) -> float:
    """Erlang B for ``servers`` given Erlang B for ``servers - 1`` (one recursion step)."""
    carried = traffic * blocking
    return carried / (servers + carried)


def erlang_b(traffic: float, servers: int) -> float:
    """Blocking probability of an M/M/N/N loss system (Erlang B).

    For large loads the recursion is warm-started ``12 sqrt(A)`` servers below ``A`` from
    ``B = 1``: every recursion step below ``A`` contracts the starting error by at least
    ``n / A``, so by ``n = A`` it has shrunk by ``exp(-72)`` and the result is exact to machine
    precision while doing ``O(sqrt(A))`` instead of ``O(A)`` steps.
    """
    if servers < 0:
        raise ValueError("servers must be >= 0")
    if traffic < 0:
        raise ValueError("traffic must be >= 0")
    if traffic == 0.0:
        return 1.0 if servers == 0 else 0.0
    start, blocking = _erlang_b_start(traffic, servers)
    for n in range(start + 1, servers + 1):
        carried = traffic * blocking
        blocking = carried / (n + carried)
    return blocking


def _erlang_b_start(traffic: float, servers: int) -> tuple[int, float]:
    """Starting point ``(n, B(n))`` of the Erlang B recursion for ``servers``."""
    warm = int(traffic - _WARM_START_SIGMAS * math.sqrt(traffic))
    if warm >= _WARM_START_MIN_SERVERS and servers >= traffic:
        return warm, 1.0
    return 0, 1.0


def erlang_c_from_b(blocking: float, traffic: float, servers: int) -> float:
    """Erlang C (probability of waiting) from the Erlang B value for the same servers."""
    if servers <= traffic:
        return 1.0
    return servers * blocking / (servers - traffic * (1.0 - blocking))


def erlang_c(traffic: float, servers: int) -> float:
    """Probability that a contact waits in an M/M/N queue; 1.0 when the queue is unstable."""
    if servers <= traffic:
        return 1.0
    return erlang_c_from_b(erlang_b(traffic, servers), traffic, servers)


def erlang_c_service_level(
    p_wait: float, traffic: float, servers: int, aht: float, answer_within: float
) -> float:
    """Fraction answered within ``answer_within``: ``1 - C exp(-(N - A) T / AHT)``."""
    if servers <= traffic:
        return 0.0
    return 1.0 - p_wait * math.exp(-(servers - traffic) * answer_within / aht)


def erlang_c_asa(p_wait: float, traffic: float, servers: int, aht: float) -> float:
    """Average speed of answer ``C AHT / (N - A)``; infinite when the queue is unstable."""
    if servers <= traffic:
        return math.inf
    return p_wait * aht / (servers - traffic)


def erlang_c_metrics(
    traffic: float, servers: int, aht: float, answer_within: float
) -> QueueMetrics:
    """All Erlang C figures for ``servers``; an unstable queue gives SL 0 and infinite ASA."""
    _check_common(traffic, servers, aht, answer_within)
    if traffic == 0.0:
        return QueueMetrics(p_wait=0.0, service_level=1.0, asa=0.0, abandon=0.0, occupancy=0.0)
    if servers <= traffic:
        return QueueMetrics(p_wait=1.0, service_level=0.0, asa=math.inf, abandon=0.0, occupancy=1.0)
    p_wait = erlang_c(traffic, servers)
    return QueueMetrics(
        p_wait=p_wait,
        service_level=erlang_c_service_level(p_wait, traffic, servers, aht, answer_within),
        asa=erlang_c_asa(p_wait, traffic, servers, aht),
        abandon=0.0,
        occupancy=traffic / servers,
    )


def erlang_a_metrics(
    arrival_rate: float,
    aht: float,
    patience: float,
    servers: int,
    answer_within: float,
    *,
    with_asa: bool = True,
) -> QueueMetrics:
    """All Erlang A (M/M/N+M) figures; see the module docstring for the conventions.

    ``with_asa=False`` skips the numerical quadrature needed for the ASA (returns NaN for it),
    which is what a staffing search wants until it has found its answer.
    """
    traffic = arrival_rate * aht
    _check_common(traffic, servers, aht, answer_within)
    if not patience > 0.0:
        raise ValueError("patience must be > 0")
    if math.isinf(patience):
        return erlang_c_metrics(traffic, servers, aht, answer_within)
    if traffic == 0.0:
        return QueueMetrics(p_wait=0.0, service_level=1.0, asa=0.0, abandon=0.0, occupancy=0.0)
    if servers == 0:
        return QueueMetrics(p_wait=1.0, service_level=0.0, asa=math.inf, abandon=1.0, occupancy=0.0)
    queue = _ErlangAQueue(arrival_rate, aht, patience, servers)
    p_wait = queue.p_wait()
    abandon = queue.abandon(p_wait)
    asa = queue.asa(p_wait, abandon) if with_asa else math.nan
    return QueueMetrics(
        p_wait=p_wait,
        service_level=queue.service_level(p_wait, answer_within),
        asa=asa,
        abandon=abandon,
        occupancy=min(1.0, traffic * (1.0 - abandon) / servers),
    )


class _ErlangAQueue:
    """Erlang A quantities for one (arrival rate, AHT, patience, servers) point."""

    def __init__(self, arrival_rate: float, aht: float, patience: float, servers: int) -> None:
        self.arrival_rate = arrival_rate
        self.service_rate = 1.0 / aht
        self.abandon_rate = 1.0 / patience
        self.servers = servers
        self.traffic = arrival_rate * aht
        self.a = servers * self.service_rate / self.abandon_rate
        self.y = arrival_rate / self.abandon_rate
        self.log_tail = log_gamma_series(self.a, self.y)

    def p_wait(self) -> float:
        """P(all busy on arrival) = S B / (1 - B + S B) with S the relative queued mass."""
        blocking = erlang_b(self.traffic, self.servers)
        if blocking == 0.0:
            return 0.0
        if blocking == 1.0:
            return 1.0
        exponent = -(self.log_tail + math.log(blocking))
        if exponent > 700.0:
            return 0.0
        return 1.0 / (1.0 + (1.0 - blocking) * math.exp(exponent))

    def abandon(self, p_wait: float) -> float:
        """P(abandon) = P(wait) [1 + (1/S - 1) / rho] with rho = A / N."""
        rho = self.traffic / self.servers
        inverse_tail = math.exp(-self.log_tail)
        return min(1.0, max(0.0, p_wait * (1.0 + (inverse_tail - 1.0) / rho)))

    def service_level(self, p_wait: float, answer_within: float) -> float:
        """Answered within T over offered: immediate answers plus queued ones served by T."""
        a, y, theta = self.a, self.y, self.abandon_rate
        served_by_infinity = math.exp(log_gamma_series(a + 1.0, y) - self.log_tail)
        decay = theta * answer_within
        y_at_threshold = y * math.exp(-decay)
        log_late = (
            -(a + 1.0) * decay
            - y * math.expm1(-decay)
            + log_gamma_series(a + 1.0, y_at_threshold)
            - self.log_tail
        )
        served_in_time = a / (a + 1.0) * max(0.0, served_by_infinity - math.exp(log_late))
        return min(1.0, (1.0 - p_wait) + p_wait * served_in_time)

    def asa(self, p_wait: float, abandon: float) -> float:
        """Mean wait of answered contacts: ``P(wait) E[W; answered | queued] / P(answered)``."""
        if p_wait == 0.0:
            return 0.0
        if abandon >= 1.0:
            return math.inf
        served_wait = served_wait_by_series(self.a, self.y, self.abandon_rate)
        if served_wait is None:
            served_wait = served_wait_by_quadrature(
                self.arrival_rate, self.servers * self.service_rate, self.abandon_rate
            )
        return p_wait * served_wait / (1.0 - abandon)


def served_wait_by_series(a: float, y: float, abandon_rate: float) -> float | None:
    """``E[W; answered | queued]`` for Erlang A as a series over the queue length found.

    A contact finding ``j`` others queued is answered with probability ``a / (a + j + 1)`` and
    then waited ``H_j / theta`` on average, ``H_j = sum_{k=1..j+1} 1 / (a + k)``. Weighting by
    ``t_j = prod_{k<=j} y / (a + k)`` gives ``(a / (y theta)) sum_{m>=1} t_m H_{m-1} / sum t_m``.
    Terms grow until ``m ~ y - a`` and then decay, so the sum is skipped (``None``) when it would
    need more than 200,000 terms (a heavily overloaded queue of very patient contacts).
    """
    if max(0.0, y - a) + 40.0 * math.sqrt(y + 1.0) > _MAX_SERIES_TERMS:
        return None
    term = 1.0
    harmonic = 0.0
    total = 1.0
    weighted = 0.0
    denominator = a
    for _ in range(_MAX_ITERATIONS):
        denominator += 1.0
        term *= y / denominator
        harmonic += 1.0 / denominator
        total += term
        weighted += term * harmonic
        if term > _RESCALE_ABOVE:
            term, total, weighted = (
                term / _RESCALE_ABOVE,
                total / _RESCALE_ABOVE,
                weighted / _RESCALE_ABOVE,
            )
        elif y < denominator and term * harmonic < weighted * _SERIES_EPSILON:
            return a / (y * abandon_rate) * weighted / total
    raise ArithmeticError(f"served-wait series did not converge (a={a}, y={y})")


def served_wait_by_quadrature(
    arrival_rate: float, service_capacity: float, abandon_rate: float
) -> float:
    """``E[W; answered | queued]`` as ``int v e^{-theta v} g(v) dv / int g(v) dv``.

    Given that a contact queues, its offered wait V has density proportional to
    ``g(v) = exp(lambda/theta (1 - e^{-theta v}) - N mu v)``; it is answered with probability
    ``e^{-theta V}``. ``g`` is log-concave, so integrating over the window where ``log g`` is
    within 45 of its peak with composite Simpson is accurate and cheap.
    """

    def log_density(v: float) -> float:
        return -arrival_rate / abandon_rate * math.expm1(-abandon_rate * v) - service_capacity * v

    peak = 0.0
    if arrival_rate > service_capacity:
        peak = math.log(arrival_rate / service_capacity) / abandon_rate
    peak_value = log_density(peak)
    floor = peak_value - _QUADRATURE_LOG_DROP
    low = 0.0 if log_density(0.0) >= floor else _bisect_level(log_density, floor, 0.0, peak)
    high = _right_level(log_density, floor, peak)
    steps = _QUADRATURE_INTERVALS
    width = (high - low) / steps
    numerator = 0.0
    denominator = 0.0
    for i in range(steps + 1):
        v = low + i * width
        weight = 1.0 if i in (0, steps) else (4.0 if i % 2 else 2.0)
        density = math.exp(log_density(v) - peak_value)
        denominator += weight * density
        numerator += weight * v * math.exp(-abandon_rate * v) * density
    return numerator / denominator


def _right_level(log_density: LogDensity, floor: float, peak: float) -> float:
    """Smallest ``v > peak`` where the concave ``log_density`` reaches ``floor``."""
    step = 1.0
    while log_density(peak + step) > floor:
        step *= 2.0
    return _bisect_level(log_density, floor, peak + step, peak)


def _bisect_level(log_density: LogDensity, floor: float, outside: float, inside: float) -> float:
    """Bisect between a point below ``floor`` (outside) and one above it (inside)."""
    for _ in range(80):
        middle = 0.5 * (outside + inside)
        if log_density(middle) > floor:
            inside = middle
        else:
            outside = middle
    return outside


def log_gamma_series(a: float, x: float) -> float:
    """``log M(a, x)`` where ``M(a, x) = sum_{n>=0} x^n / prod_{k=1..n} (a + k)``.

    Equivalently ``M(a, x) = Gamma(a+1) e^x x^-a P(a, x)`` with ``P`` the regularized lower
    incomplete gamma function. Uses the series when ``x < a + 1`` and the continued fraction for
    the upper incomplete gamma otherwise; both stay in log-space.
    """
    if a <= 0.0:
        raise ValueError("a must be > 0")
    if x <= 0.0:
        return 0.0
    if x < a + 1.0:
        return math.log(_gamma_series_sum(a, x))
    log_q = log_regularized_upper_gamma(a, x)
    return math.lgamma(a + 1.0) + x - a * math.log(x) + math.log1p(-math.exp(log_q))


def _gamma_series_sum(a: float, x: float) -> float:
    total = 1.0
    term = 1.0
    denominator = a
    for _ in range(_MAX_ITERATIONS):
        denominator += 1.0
        term *= x / denominator
        total += term
        if term < total * _SERIES_EPSILON:
            return total
    raise ArithmeticError(f"incomplete gamma series did not converge (a={a}, x={x})")


def log_regularized_upper_gamma(a: float, x: float) -> float:
    """``log Q(a, x)`` by a modified-Lentz continued fraction (intended for ``x >= a + 1``)."""
    b = x + 1.0 - a
    c = 1.0 / _CF_TINY
    d = 1.0 / b
    fraction = d
    for i in range(1, _MAX_ITERATIONS):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        if abs(d) < _CF_TINY:
            d = _CF_TINY
        c = b + an / c
        if abs(c) < _CF_TINY:
            c = _CF_TINY
        d = 1.0 / d
        delta = d * c
        fraction *= delta
        if abs(delta - 1.0) < _CF_EPSILON:
            return -x + a * math.log(x) - math.lgamma(a) + math.log(fraction)
    raise ArithmeticError(f"incomplete gamma continued fraction did not converge (a={a}, x={x})")


def log_regularized_lower_gamma(a: float, x: float) -> float:
    """``log P(a, x)``, the regularized lower incomplete gamma function, without underflow."""
    if x <= 0.0:
        return -math.inf
    return a * math.log(x) - x - math.lgamma(a + 1.0) + log_gamma_series(a, x)


def _check_common(traffic: float, servers: int, aht: float, answer_within: float) -> None:
    if traffic < 0.0 or not math.isfinite(traffic):
        raise ValueError("traffic must be finite and >= 0")
    if servers < 0:
        raise ValueError("servers must be >= 0")
    if not aht > 0.0:
        raise ValueError("aht must be > 0")
    if answer_within < 0.0:
        raise ValueError("answer_within must be >= 0")
