"""Staffing plan from a forecast, and multi-skill pooling checked by simulation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from tawasol.wfm.forecast import SeriesForecast
from tawasol.wfm.history import SeriesKey
from tawasol.wfm.plan import (
    ServiceTarget,
    SkillDemand,
    demand_by_skill,
    plan_from_forecast,
    pooling_check,
    read_requirements_csv,
    staffing_plan,
    write_requirements_csv,
)
from tawasol.wfm.simulate_skills import MultiSkillConfig, SkillQueue, simulate_skills
from tawasol.wfm.staffing import StaffingInput, evaluate

MONDAY = date(2025, 1, 6)


def _forecast(key: SeriesKey, level: float, aht: float) -> SeriesForecast:
    shape = np.linspace(0.0, 1.0, 48)
    return SeriesForecast(
        key=key, start=MONDAY, interval_minutes=30, timezone="Africa/Casablanca",
        volume=np.tile(shape * level, (2, 1)), aht=np.full((2, 48), aht),
    )  # fmt: skip


def test_demand_by_language_adds_channels_and_weights_aht() -> None:
    forecasts = {
        k.key: k
        for k in (
            _forecast(SeriesKey("c", "webchat", "fr"), 30.0, 400.0),
            _forecast(SeriesKey("c", "email", "fr"), 10.0, 800.0),
            _forecast(SeriesKey("c", "voice", "ar"), 20.0, 240.0),
        )
    }
    demand = demand_by_skill(forecasts)
    assert set(demand) == {"ar", "fr"}
    assert demand["fr"].contacts[-1] == pytest.approx(40.0)
    assert demand["fr"].aht_seconds[-1] == pytest.approx((30 * 400 + 10 * 800) / 40)
    assert demand["fr"].aht_seconds[0] == pytest.approx(400.0)  # no contacts: first series' AHT


def test_requirements_are_monotone_in_volume() -> None:
    contacts = np.array([0.0, 1.0, 5.0, 20.0, 50.0, 120.0, 300.0])
    plan = staffing_plan(
        {"fr": SkillDemand("fr", contacts, np.full(7, 300.0))},
        start=MONDAY, interval_minutes=30, timezone="UTC", target=ServiceTarget(shrinkage=0.3),
    )  # fmt: skip
    agents = plan.agents["fr"]
    assert agents[0] == 0 and np.all(np.diff(agents) >= 0) and agents[-1] > agents[3]
    assert np.all(plan.scheduled["fr"] >= agents)
    for contacts_now, needed in zip(contacts[1:], agents[1:], strict=True):
        inp = StaffingInput(contacts_now, 1800.0, 300.0, 0.8, 20.0)
        assert evaluate(inp, int(needed)).meets_target
        assert not evaluate(inp, int(needed) - 1).meets_target


def test_plan_rows_and_requirements_csv(tmp_path: Path) -> None:
    forecasts = {
        f.key: f
        for f in (
            _forecast(SeriesKey("c", "webchat", "fr"), 60.0, 400.0),
            _forecast(SeriesKey("c", "webchat", "ar"), 30.0, 400.0),
        )
    }
    plan = plan_from_forecast(forecasts)
    assert plan.intervals == 96
    rows = list(plan.rows())
    assert len(rows) == 192 and rows[0].start.isoformat() == "2025-01-06T00:00:00+01:00"
    path = tmp_path / "requirements.csv"
    assert write_requirements_csv(plan, path) == 192
    requirements = read_requirements_csv(path)
    assert requirements.interval_minutes == 30
    assert requirements.required == list(plan.total_scheduled())


def test_multiskill_simulation_matches_erlang_c_for_one_skill() -> None:
    result = simulate_skills(
        MultiSkillConfig(
            queues=[SkillQueue("fr", 100.0, 180.0)],
            advisors=[frozenset({"fr"})] * 14,
            contacts_total=30_000,
            seed=3,
        )
    )
    analytic = evaluate(StaffingInput(100.0, 1800.0, 180.0, 0.8, 20.0), 14)
    assert result.skills["fr"].service_level == pytest.approx(analytic.service_level, abs=0.02)
    assert result.occupancy == pytest.approx(analytic.occupancy, abs=0.02)


def test_unqualified_advisors_never_serve_a_language() -> None:
    result = simulate_skills(
        MultiSkillConfig(
            queues=[SkillQueue("fr", 50.0, 300.0), SkillQueue("en", 5.0, 300.0)],
            advisors=[frozenset({"fr"})] * 15,
            contacts_total=5_000,
            warmup_contacts=100,
        )
    )
    assert result.skills["en"].answered == 0 and result.skills["en"].offered > 0
    assert result.skills["fr"].service_level > 0.8
    assert not result.meets(0.8)


def test_pooled_multiskill_team_needs_fewer_advisors() -> None:
    queues = [
        SkillQueue("fr", 60.0, 300.0),
        SkillQueue("ar", 40.0, 300.0),
        SkillQueue("en", 8.0, 300.0),
    ]
    check = pooling_check(queues, contacts_total=20_000, seed=1)
    assert check.single_skill == {"fr": 14, "ar": 10, "en": 3}
    assert check.pooled_agents < check.single_skill_total
    assert check.saved >= 2
    assert check.pooled.meets(0.8)
