"""Staffing search: the PRODUCT.md reference example, constraints, minimality and speed."""

from __future__ import annotations

import math

import pytest

from tawasol.wfm.staffing import (
    StaffingInput,
    evaluate,
    required_staff,
    scheduled_headcount,
)

REFERENCE = StaffingInput(
    contacts=100,
    interval_seconds=1800,
    aht_seconds=180,
    target_service_level=0.8,
    answer_within_seconds=20,
    shrinkage=0.3,
)


def _with(**changes: object) -> StaffingInput:
    fields = {
        "contacts": REFERENCE.contacts,
        "interval_seconds": REFERENCE.interval_seconds,
        "aht_seconds": REFERENCE.aht_seconds,
        "target_service_level": REFERENCE.target_service_level,
        "answer_within_seconds": REFERENCE.answer_within_seconds,
        "shrinkage": REFERENCE.shrinkage,
    }
    fields.update(changes)
    return StaffingInput(**fields)


def test_reference_example() -> None:
    result = required_staff(REFERENCE)
    assert result.agents == 14
    assert result.scheduled == 20
    assert result.service_level == pytest.approx(0.888, abs=1e-3)
    assert result.p_wait == pytest.approx(0.174, abs=1e-3)
    assert result.occupancy == pytest.approx(0.714, abs=1e-3)
    assert result.asa == pytest.approx(7.8, abs=0.1)
    assert result.abandon == 0.0
    assert result.traffic == pytest.approx(10.0)
    assert result.meets_target
    assert evaluate(REFERENCE, 14) == result


def test_one_fewer_agent_misses_the_target() -> None:
    below = evaluate(REFERENCE, 13)
    assert below.service_level < 0.8
    assert not below.meets_target


def test_scheduled_headcount_is_exact_for_round_figures() -> None:
    # 14 / 0.7 is 20.000000000000004 in floating point; it must still schedule 20.
    assert scheduled_headcount(14, 0.3) == 20
    assert scheduled_headcount(15, 0.3) == 22
    assert scheduled_headcount(10, 0.0) == 10
    assert scheduled_headcount(0, 0.5) == 0


def test_occupancy_cap_adds_agents() -> None:
    capped = required_staff(_with(contacts=400, max_occupancy=0.85))
    uncapped = required_staff(_with(contacts=400))
    assert uncapped.occupancy > 0.85
    assert capped.occupancy <= 0.85
    assert capped.agents > uncapped.agents
    assert evaluate(_with(contacts=400, max_occupancy=0.85), capped.agents - 1).occupancy > 0.85


def test_result_is_minimal_over_a_grid() -> None:
    for contacts in (1, 7, 40, 100, 333, 900):
        for target in (0.5, 0.8, 0.95):
            for answer_within in (0.0, 20.0, 120.0):
                inp = _with(
                    contacts=contacts,
                    target_service_level=target,
                    answer_within_seconds=answer_within,
                    max_occupancy=0.9,
                )
                result = required_staff(inp)
                assert result.meets_target
                assert result.service_level >= target
                assert result.occupancy <= 0.9
                assert not evaluate(inp, result.agents - 1).meets_target


def test_erlang_a_staffing_is_minimal_and_needs_fewer_agents() -> None:
    inp = _with(patience_seconds=120.0)
    result = required_staff(inp)
    assert result.meets_target
    assert 0.0 < result.abandon < 0.2
    assert math.isfinite(result.asa)
    assert not evaluate(inp, result.agents - 1).meets_target
    assert result.agents <= required_staff(REFERENCE).agents
    for contacts in (5, 50, 300, 2000):
        for patience in (15.0, 60.0, 600.0):
            grid = _with(contacts=contacts, patience_seconds=patience, max_occupancy=0.9)
            found = required_staff(grid)
            assert found.meets_target
            assert found.agents == 1 or not evaluate(grid, found.agents - 1).meets_target


def test_chat_concurrency_divides_staffing() -> None:
    single = required_staff(_with(contacts=300))
    chat = required_staff(_with(contacts=300, concurrency=3))
    assert chat.agents < single.agents
    assert chat.meets_target
    assert not evaluate(_with(contacts=300, concurrency=3), chat.agents - 1).meets_target
    # k-concurrent advisors are evaluated as N k independent servers.
    assert evaluate(_with(contacts=300, concurrency=3), 10).occupancy == pytest.approx(
        evaluate(_with(contacts=300), 30).occupancy
    )


def test_zero_contacts_needs_nobody() -> None:
    result = required_staff(_with(contacts=0))
    assert (result.agents, result.scheduled, result.service_level) == (0, 0, 1.0)


def test_understaffed_evaluation_is_json_safe() -> None:
    result = evaluate(REFERENCE, 8)
    assert result.asa == math.inf
    assert result.as_dict()["asa"] is None
    assert result.service_level == 0.0
    assert not result.meets_target


def test_large_queue_staffing() -> None:
    result = required_staff(_with(contacts=60_000, aht_seconds=300))  # 10,000 Erlangs
    assert result.meets_target
    assert 10_000 < result.agents < 10_100
    assert not evaluate(_with(contacts=60_000, aht_seconds=300), result.agents - 1).meets_target


@pytest.mark.parametrize(
    "changes",
    [
        {"contacts": -1},
        {"interval_seconds": 0},
        {"aht_seconds": 0},
        {"target_service_level": 1.0},
        {"answer_within_seconds": -5},
        {"shrinkage": 1.0},
        {"max_occupancy": 0.0},
        {"patience_seconds": 0.0},
        {"concurrency": 0},
    ],
)
def test_invalid_inputs_rejected(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        _with(**changes)


def test_day_of_fifty_queues_meets_every_target() -> None:
    # 96 half-hour intervals x 50 queues; its speed (budget 200 ms) is a benchmark figure,
    # bench/wfm_staffing.py, not a timed test.
    inputs = [
        _with(
            contacts=round(20 + 300 * math.exp(-(((i - 44) / 14) ** 2)), 1),
            aht_seconds=120 + 9 * q,
            max_occupancy=0.9,
        )
        for q in range(50)
        for i in range(96)
    ]
    results = [required_staff(inp) for inp in inputs]
    assert all(result.meets_target for result in results)
