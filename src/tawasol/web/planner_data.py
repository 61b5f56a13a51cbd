"""What the planner page shows: the next week's forecast and staffing from the client's own
history, and how last week's forecast compared with what happened."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy.orm import Session

from tawasol.wfm.forecast import forecast
from tawasol.wfm.history import IntervalSeries, arrivals_from_db, bucket_arrivals, client_timezone
from tawasol.wfm.plan import ServiceTarget, plan_from_forecast

INTERVAL_MINUTES = 30
HISTORY_WEEKS = 8
HORIZON_DAYS = 7
TARGET = ServiceTarget(target_service_level=0.8, answer_within_seconds=20.0, shrinkage=0.3)


@dataclass
class DayFigures:
    day: date
    contacts: float
    peak_agents: int
    peak_scheduled: int


@dataclass
class PlannerView:
    timezone: str
    history_days: int
    history_contacts: int
    days: list[DayFigures] = field(default_factory=list)
    volume: list[float] = field(default_factory=list)  # per interval, next week
    scheduled: list[int] = field(default_factory=list)  # per interval, next week
    backtest: list[tuple[date, float, float]] = field(default_factory=list)  # day, fcst, actual

    @property
    def wape(self) -> float | None:
        actual = sum(a for _, _, a in self.backtest)
        if not actual:
            return None
        return sum(abs(f - a) for _, f, a in self.backtest) / actual


def _history(session: Session, client_id: int, zone: str, today: date) -> dict:  # type: ignore[type-arg]
    local_midnight = datetime.combine(today, time()).replace(tzinfo=ZoneInfo(zone))
    since = local_midnight - timedelta(weeks=HISTORY_WEEKS)
    arrivals = arrivals_from_db(session, client_id=client_id, since=since, until=local_midnight)
    return bucket_arrivals(
        arrivals, interval_minutes=INTERVAL_MINUTES, timezone=zone,
        first_day=since.date(), last_day=today - timedelta(days=1),
    )  # fmt: skip


def _backtest(history: dict[object, IntervalSeries]) -> list[tuple[date, float, float]]:
    """Forecast the last week from the weeks before it; compare day by day."""
    days = next(iter(history.values())).days
    if days < 2 * HORIZON_DAYS:
        return []
    past = {key: series.head(days - HORIZON_DAYS) for key, series in history.items()}
    predicted = forecast(past, HORIZON_DAYS)  # type: ignore[arg-type]
    rows = []
    for offset in range(HORIZON_DAYS):
        row = days - HORIZON_DAYS + offset
        day = next(iter(history.values())).start + timedelta(days=row)
        fcst = sum(float(f.volume[offset].sum()) for f in predicted.values())
        actual = sum(float(s.counts[row].sum()) for s in history.values())
        rows.append((day, fcst, actual))
    return rows


def planner_view(session: Session, *, client_id: int, today: date) -> PlannerView:
    zone = client_timezone(session, client_id)
    history = _history(session, client_id, zone, today)
    total = int(sum(s.total for s in history.values()))
    view = PlannerView(timezone=zone, history_days=HISTORY_WEEKS * 7, history_contacts=total)
    if not history or total == 0:
        return view
    predicted = forecast(history, HORIZON_DAYS, start=today)
    plan = plan_from_forecast(predicted, target=TARGET)
    volume = np.sum([f.volume.reshape(-1) for f in predicted.values()], axis=0)
    scheduled = plan.total_scheduled()
    agents = np.sum(list(plan.agents.values()), axis=0).astype(int)
    slots = 24 * 60 // INTERVAL_MINUTES
    for offset in range(HORIZON_DAYS):
        window = slice(offset * slots, (offset + 1) * slots)
        view.days.append(DayFigures(
            day=today + timedelta(days=offset), contacts=float(volume[window].sum()),
            peak_agents=int(agents[window].max()), peak_scheduled=int(scheduled[window].max()),
        ))  # fmt: skip
    view.volume = [round(float(v), 2) for v in volume]
    view.scheduled = [int(v) for v in scheduled]
    view.backtest = _backtest(history)
    return view
