"""Grid comparison with an independent Erlang C implementation (pyworkforce), when installed."""

from __future__ import annotations

import itertools

import pytest

from tawasol.wfm.staffing import StaffingInput, evaluate, required_staff

queuing = pytest.importorskip("pyworkforce.queuing")

GRID = list(
    itertools.product(
        (5, 40, 100, 250, 600),  # contacts per 30 minutes
        (90.0, 180.0, 420.0),  # AHT seconds
        (0.7, 0.8, 0.9),  # target service level
        (10.0, 20.0, 60.0),  # answer within, seconds
        (0.85, 1.0),  # max occupancy
    )
)


@pytest.mark.parametrize(("contacts", "aht", "target", "answer_within", "max_occupancy"), GRID)
def test_staffing_matches_pyworkforce(
    contacts: int, aht: float, target: float, answer_within: float, max_occupancy: float
) -> None:
    reference = queuing.ErlangC(
        transactions=contacts, aht=aht, asa=answer_within, interval=1800, shrinkage=0.3
    )
    expected = reference.required_positions(service_level=target, max_occupancy=max_occupancy)
    inp = StaffingInput(
        contacts=contacts,
        interval_seconds=1800,
        aht_seconds=aht,
        target_service_level=target,
        answer_within_seconds=answer_within,
        shrinkage=0.3,
        max_occupancy=max_occupancy,
    )
    result = required_staff(inp)
    assert result.agents == expected["raw_positions"]
    assert result.scheduled == expected["positions"]
    assert result.service_level == pytest.approx(expected["service_level"], rel=1e-9)
    assert result.p_wait == pytest.approx(expected["waiting_probability"], rel=1e-9)
    assert result.occupancy == pytest.approx(expected["occupancy"], rel=1e-9)
    for agents in (result.agents - 1, result.agents + 2):
        if agents <= inp.traffic:
            continue  # pyworkforce is only defined for stable queues
        other = evaluate(inp, agents)
        assert other.service_level == pytest.approx(reference.service_level(agents), abs=1e-9)
        assert other.p_wait == pytest.approx(reference.waiting_probability(agents), abs=1e-9)
