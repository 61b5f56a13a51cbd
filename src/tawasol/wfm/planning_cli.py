"""``tawasol wfm forecast | plan | schedule | synth``: the planning commands.

Registered on ``wfm_app`` by :mod:`tawasol.wfm.cli`. As there, each command prints rich tables
by default or exactly one JSON line with ``--json``; long work shows a progress bar on stderr
(never with ``--json``).

* ``synth`` writes a synthetic history CSV (timestamp, client, channel, language,
  handle_seconds), for demos and trials.
* ``forecast`` reads such a CSV, forecasts every (client, channel, language) series and, with
  ``--backtest``, compares the model with the seasonal-naive baseline.
* ``plan`` forecasts and turns the forecast into advisors per interval and language, optionally
  written as a requirements CSV.
* ``schedule`` reads a requirements CSV (``start`` plus ``scheduled`` or ``required``) and
  builds shifts and breaks for a team.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from tawasol.wfm.backtest import backtest
from tawasol.wfm.forecast import SeriesForecast, forecast
from tawasol.wfm.history import (
    DEFAULT_TIMEZONE,
    IntervalSeries,
    SeriesKey,
    arrivals_from_csv,
    bucket_arrivals,
    slot_start,
    write_arrivals_csv,
)
from tawasol.wfm.plan import (
    ServiceTarget,
    StaffingPlan,
    plan_from_forecast,
    read_requirements_csv,
    write_requirements_csv,
)
from tawasol.wfm.schedule import ScheduleProblem, solve_schedule
from tawasol.wfm.schedule_problem import Schedule
from tawasol.wfm.shifts import AdvisorRules, ShiftRules
from tawasol.wfm.synth import default_portfolio, synthetic_arrivals

HistoryCsv = Annotated[
    Path,
    typer.Option(
        "--history-csv", exists=True, dir_okay=False, help="CSV of contacts (see `synth`)."
    ),
]
IntervalMinutes = Annotated[
    int, typer.Option("--interval", help="Interval length in minutes (15 or 30).")
]
HorizonDays = Annotated[int, typer.Option("--horizon-days", help="Days to forecast.")]
Timezone = Annotated[str, typer.Option("--timezone", help="Local timezone of the clients.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print one JSON line instead of tables.")]


def _json_line(payload: dict[str, Any]) -> str:
    return json.dumps(_finite(payload), allow_nan=False, separators=(",", ":"))


def _finite(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


@contextmanager
def _progress(enabled: bool, label: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr (a no-op when disabled); yields ``advance(steps)``."""
    if not enabled:
        yield lambda steps: None
        return
    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda steps: progress.advance(task, steps)


def _check_interval(interval: int) -> None:
    if interval not in (15, 30):
        raise typer.BadParameter("must be 15 or 30", param_hint="--interval")


def _load_history(path: Path, interval: int, timezone: str) -> dict[SeriesKey, IntervalSeries]:
    _check_interval(interval)
    try:
        history = bucket_arrivals(
            arrivals_from_csv(path), interval_minutes=interval, timezone=timezone
        )
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--history-csv") from error
    if not history:
        raise typer.BadParameter("the history has no contacts", param_hint="--history-csv")
    return history


def _forecast(
    history: dict[SeriesKey, IntervalSeries], horizon_days: int, show: bool
) -> dict[SeriesKey, SeriesForecast]:
    if horizon_days < 1:
        raise typer.BadParameter("must be >= 1", param_hint="--horizon-days")
    with _progress(show, "Forecasting", 1) as advance:
        result = forecast(history, horizon_days)
        advance(1)
    return result


def _series_summary(
    key: SeriesKey, history: IntervalSeries, predicted: SeriesForecast
) -> dict[str, Any]:
    row, slot = np.unravel_index(int(predicted.volume.argmax()), predicted.volume.shape)
    volume = predicted.volume
    weighted_aht = float((volume * predicted.aht).sum() / volume.sum()) if volume.sum() else None
    peak_start = slot_start(
        predicted.start + timedelta(days=int(row)),
        int(slot),
        predicted.interval_minutes,
        predicted.timezone,
    )
    return {
        "client": key.client,
        "channel": key.channel,
        "language": key.language,
        "history_contacts": history.total,
        "forecast_contacts": round(predicted.total, 1),
        "aht_seconds": None if weighted_aht is None else round(weighted_aht, 1),
        "peak_start": peak_start.isoformat(),
        "peak_contacts": round(float(volume.max()), 2),
    }


def _write_forecast_csv(forecasts: dict[SeriesKey, SeriesForecast], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("start", "client", "channel", "language", "contacts", "aht_seconds"))
        for key, item in forecasts.items():
            for row, day in enumerate(item.dates()):
                for slot in range(item.volume.shape[1]):
                    start = slot_start(day, slot, item.interval_minutes, item.timezone)
                    writer.writerow(
                        (
                            start.isoformat(timespec="minutes"),
                            *key,
                            f"{item.volume[row, slot]:.3f}",
                            f"{item.aht[row, slot]:.0f}",
                        )
                    )


def forecast_command(
    history_csv: HistoryCsv,
    interval: IntervalMinutes = 30,
    horizon_days: HorizonDays = 7,
    timezone: Timezone = DEFAULT_TIMEZONE,
    run_backtest: Annotated[
        bool, typer.Option("--backtest", help="Also backtest against the seasonal naive.")
    ] = False,
    folds: Annotated[int, typer.Option("--folds", help="Backtest origins.")] = 4,
    out: Annotated[
        Path | None, typer.Option("--out", dir_okay=False, help="Write the interval forecast CSV.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Forecast contacts and AHT per client, channel and language, interval by interval."""
    history = _load_history(history_csv, interval, timezone)
    first = next(iter(history.values()))
    forecasts = _forecast(history, horizon_days, not as_json)
    report: dict[str, Any] = {
        "interval_minutes": interval,
        "timezone": timezone,
        "history_start": first.start.isoformat(),
        "history_days": first.days,
        "start": next(iter(forecasts.values())).start.isoformat(),
        "horizon_days": horizon_days,
        "total_contacts": round(sum(f.total for f in forecasts.values()), 1),
        "series": [_series_summary(k, history[k], forecasts[k]) for k in forecasts],
    }
    if run_backtest:
        with _progress(not as_json, "Backtesting", folds) as advance:
            try:
                result = backtest(history, horizon_days, folds, on_fold=lambda _: advance(1))
            except ValueError as error:
                raise typer.BadParameter(str(error), param_hint="--folds") from error
        report["backtest"] = result.as_dict()
    if out is not None:
        _write_forecast_csv(forecasts, out)
        report["out"] = str(out)
    if as_json:
        typer.echo(_json_line(report))
        return
    _print_forecast(report)


def _print_forecast(report: dict[str, Any]) -> None:
    console = Console()
    table = Table(
        title=f"Forecast from {report['start']} for {report['horizon_days']} day(s), "
        f"{report['interval_minutes']}-minute intervals"
    )
    for column in ("Client", "Channel", "Language", "Contacts", "AHT (s)", "Peak interval"):
        table.add_column(column, justify="right" if column in ("Contacts", "AHT (s)") else "left")
    for row in report["series"]:
        table.add_row(
            row["client"],
            row["channel"],
            row["language"],
            f"{row['forecast_contacts']:.0f}",
            "n/a" if row["aht_seconds"] is None else f"{row['aht_seconds']:.0f}",
            f"{row['peak_start'][:16]} ({row['peak_contacts']:.1f})",
        )
    console.print(table)
    result = report.get("backtest")
    if result:
        errors = Table(
            title=f"Backtest: {result['folds']} fold(s) of {result['horizon_days']} day(s)"
        )
        errors.add_column("Method")
        errors.add_column("WAPE", justify="right")
        errors.add_column("MAPE (non-zero actuals)", justify="right")
        for name in ("model", "baseline"):
            figures = result[name]
            mape = "n/a" if figures["mape"] is None else f"{figures['mape']:.1%}"
            label = "seasonal naive (last week)" if name == "baseline" else "model"
            errors.add_row(label, f"{figures['wape']:.1%}", mape)
        console.print(errors)


def plan_command(
    history_csv: HistoryCsv,
    interval: IntervalMinutes = 30,
    horizon_days: HorizonDays = 7,
    timezone: Timezone = DEFAULT_TIMEZONE,
    service_level: Annotated[
        float, typer.Option("--service-level", help="Target fraction answered in time.")
    ] = 0.8,
    answer_within: Annotated[
        float, typer.Option("--answer-within", help="Service-level threshold in seconds.")
    ] = 20.0,
    shrinkage: Annotated[float, typer.Option("--shrinkage", help="Unavailable share.")] = 0.0,
    max_occupancy: Annotated[float, typer.Option("--max-occupancy")] = 1.0,
    concurrency: Annotated[int, typer.Option("--concurrency", help="Contacts at once.")] = 1,
    out: Annotated[
        Path | None, typer.Option("--out", dir_okay=False, help="Write the requirements CSV.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Advisors required per interval and language from the forecast (Erlang C)."""
    history = _load_history(history_csv, interval, timezone)
    forecasts = _forecast(history, horizon_days, not as_json)
    try:
        target = ServiceTarget(
            target_service_level=service_level,
            answer_within_seconds=answer_within,
            shrinkage=shrinkage,
            max_occupancy=max_occupancy,
            concurrency=concurrency,
        )
        with _progress(not as_json, "Staffing", 1) as advance:
            plan = plan_from_forecast(forecasts, target=target)
            advance(1)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    report = _plan_report(plan)
    if out is not None:
        report["rows"] = write_requirements_csv(plan, out)
        report["out"] = str(out)
    if as_json:
        typer.echo(_json_line(report))
        return
    table = Table(title=f"Staffing plan from {report['start']}, {report['intervals']} intervals")
    for column in ("Skill", "Contacts", "Peak agents", "Agent hours", "Scheduled hours"):
        table.add_column(column, justify="left" if column == "Skill" else "right")
    for skill, figures in report["skills"].items():
        table.add_row(
            skill,
            f"{figures['contacts']:.0f}",
            str(figures["peak_agents"]),
            f"{figures['agent_hours']:.1f}",
            f"{figures['scheduled_hours']:.1f}",
        )
    Console().print(table)


def _plan_report(plan: StaffingPlan) -> dict[str, Any]:
    hours = plan.interval_minutes / 60
    total = plan.total_scheduled()
    return {
        "start": plan.start.isoformat(),
        "interval_minutes": plan.interval_minutes,
        "intervals": plan.intervals,
        "skills": {
            skill: {
                "contacts": round(float(plan.demand[skill].contacts.sum()), 1),
                "peak_agents": int(plan.agents[skill].max(initial=0)),
                "agent_hours": round(float(plan.agents[skill].sum()) * hours, 1),
                "scheduled_hours": round(float(plan.scheduled[skill].sum()) * hours, 1),
            }
            for skill in plan.demand
        },
        "peak_scheduled": int(total.max(initial=0)),
        "scheduled_hours": round(float(total.sum()) * hours, 1),
    }


def _day_aligned(start: datetime, interval: int, required: list[int]) -> tuple[date, list[int]]:
    """Pad the requirement with zeros to whole days from midnight."""
    per_day = 24 * 60 // interval
    lead = (start.hour * 60 + start.minute) // interval
    padded = [0] * lead + list(required)
    padded += [0] * (-len(padded) % per_day)
    return start.date(), padded


def schedule_command(
    requirements_csv: Annotated[
        Path,
        typer.Option(
            "--requirements-csv",
            exists=True,
            dir_okay=False,
            help="CSV with start and scheduled (or required) heads per interval.",
        ),
    ],
    advisors: Annotated[int, typer.Option("--advisors", help="Advisors in the team.")],
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Solver time limit in seconds.")
    ] = 10.0,
    timezone: Timezone = DEFAULT_TIMEZONE,
    max_hours: Annotated[float, typer.Option("--max-hours", help="Weekly hours cap.")] = 44.0,
    max_days: Annotated[int, typer.Option("--max-days", help="Working days cap.")] = 6,
    min_rest_hours: Annotated[
        float, typer.Option("--min-rest-hours", help="Rest between shifts.")
    ] = 11.0,
    meal_minutes: Annotated[
        int, typer.Option("--meal-minutes", help="Meal / prayer break length (30-60).")
    ] = 30,
    seed: Annotated[int, typer.Option("--seed", help="Solver random seed.")] = 0,
    as_json: AsJson = False,
) -> None:
    """Shifts and breaks covering a week of requirements (OR-Tools)."""
    try:
        requirements = read_requirements_csv(requirements_csv)
        first_day, required = _day_aligned(
            requirements.start, requirements.interval_minutes, requirements.required
        )
        if len(required) * requirements.interval_minutes > 7 * 24 * 60:
            raise ValueError("schedule one week (7 days) at a time")
        rules = AdvisorRules(
            max_minutes_per_week=int(round(max_hours * 60)),
            max_days=max_days,
            min_rest_minutes=int(round(min_rest_hours * 60)),
        )
        problem = ScheduleProblem(
            required=required,
            interval_minutes=requirements.interval_minutes,
            first_day=first_day,
            advisors=[rules] * advisors,
            rules=ShiftRules(meal_minutes=meal_minutes),
            timezone=timezone,
            time_limit_seconds=time_limit,
            seed=seed,
        )
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    with _progress(not as_json, "Scheduling", 2) as advance:
        schedule = solve_schedule(problem, on_phase=lambda phase: advance(phase == "roster"))
    report = schedule_report(schedule)
    if as_json:
        typer.echo(_json_line(report))
        return
    _print_schedule(report)


def schedule_report(schedule: Schedule) -> dict[str, Any]:
    """The JSON form of a schedule (summary, shifts with breaks, coverage per interval)."""
    return {
        "status": schedule.status,
        "first_day": schedule.first_day.isoformat(),
        "interval_minutes": schedule.interval_minutes,
        "advisors_available": schedule.advisors_available,
        "advisors_used": schedule.advisors_used,
        "required_hours": schedule.required_hours,
        "understaffed_hours": schedule.understaffed_hours,
        "understaffed_interval_hours": schedule.understaffed_interval_hours,
        "overstaffed_hours": schedule.overstaffed_hours,
        "unplaced_shifts": schedule.unplaced_shifts,
        "solve_seconds": round(schedule.solve_seconds, 3),
        "shifts": [
            {
                "advisor": shift.advisor,
                "start": shift.start.isoformat(),
                "end": shift.end.isoformat(),
                "breaks": [
                    {"kind": b.kind, "start": b.start.isoformat(), "end": b.end.isoformat()}
                    for b in shift.breaks
                ],
            }
            for shift in schedule.shifts
        ],
        "coverage": [
            {
                "start": item.start.isoformat(),
                "required": item.required,
                "scheduled": item.scheduled,
                "lowest": item.lowest,
            }
            for item in schedule.coverage
        ],
    }


def _print_schedule(report: dict[str, Any]) -> None:
    console = Console()
    summary = Table(title=f"Schedule from {report['first_day']} ({report['status']})")
    summary.add_column("Figure")
    summary.add_column("Value", justify="right")
    for name in (
        "advisors_available",
        "advisors_used",
        "required_hours",
        "understaffed_hours",
        "understaffed_interval_hours",
        "overstaffed_hours",
        "unplaced_shifts",
        "solve_seconds",
    ):
        value = report[name]
        summary.add_row(
            name.replace("_", " "), f"{value:.2f}" if isinstance(value, float) else str(value)
        )
    console.print(summary)
    shifts = Table(title="Shifts")
    for column in ("Advisor", "Start", "End", "Breaks"):
        shifts.add_column(column)
    for shift in report["shifts"]:
        breaks = ", ".join(
            f"{b['kind']} {b['start'][11:16]}-{b['end'][11:16]}" for b in shift["breaks"]
        )
        shifts.add_row(str(shift["advisor"]), shift["start"][:16], shift["end"][11:16], breaks)
    console.print(shifts)


def synth_command(
    out: Annotated[Path, typer.Option("--out", dir_okay=False, help="CSV to write.")],
    days: Annotated[int, typer.Option("--days", help="Days of history.")] = 56,
    start: Annotated[
        datetime, typer.Option("--start", formats=["%Y-%m-%d"], help="First local day.")
    ] = datetime(2025, 1, 6),
    clients: Annotated[int, typer.Option("--clients", help="Client brands.")] = 1,
    scale: Annotated[float, typer.Option("--scale", help="Volume multiplier.")] = 1.0,
    interval: IntervalMinutes = 30,
    timezone: Timezone = DEFAULT_TIMEZONE,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    as_json: AsJson = False,
) -> None:
    """Write a synthetic contact history (weekly and intraday seasonality, holidays, Ramadan)."""
    _check_interval(interval)
    if days < 1 or clients < 1 or scale <= 0:
        raise typer.BadParameter("days and clients must be >= 1 and scale > 0")
    specs = default_portfolio(clients, scale=scale)
    with _progress(not as_json, "Generating", 1) as advance:
        arrivals = synthetic_arrivals(
            specs,
            start=start.date(),
            days=days,
            interval_minutes=interval,
            seed=seed,
            timezone=timezone,
        )
        rows = write_arrivals_csv(arrivals, out)
        advance(1)
    report = {
        "out": str(out),
        "contacts": rows,
        "series": len(specs),
        "start": start.date().isoformat(),
        "days": days,
    }
    if as_json:
        typer.echo(_json_line(report))
    else:
        Console().print(f"Wrote {rows} contacts of {len(specs)} series to {out}.")
