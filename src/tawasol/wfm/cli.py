"""``tawasol wfm``: staffing, evaluation and simulation from the command line.

Mounted by the main CLI as ``app.add_typer(wfm_app, name="wfm")``. Every command prints a rich
table by default, or exactly one JSON line with ``--json`` (non-finite figures such as the ASA of
an unstable queue are written as ``null``).
"""

from __future__ import annotations

import functools
import inspect
import json
import math
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from tawasol.wfm.simulate import SimulationConfig, SimulationResult, simulate
from tawasol.wfm.staffing import StaffingInput, StaffingResult, evaluate, required_staff

wfm_app = typer.Typer(
    help="Workforce management: forecasting, Erlang staffing, scheduling and simulation.",
    no_args_is_help=True,
)


class HandleDistributionChoice(StrEnum):
    """Handle-time distributions the simulator supports."""

    exponential = "exponential"
    lognormal = "lognormal"


Contacts = Annotated[float, typer.Option("--contacts", help="Contacts offered per interval.")]
Interval = Annotated[float, typer.Option("--interval", help="Interval length in seconds.")]
Aht = Annotated[float, typer.Option("--aht", help="Average handle time in seconds.")]
ServiceLevel = Annotated[
    float, typer.Option("--service-level", help="Target fraction answered within the threshold.")
]
AnswerWithin = Annotated[
    float, typer.Option("--answer-within", help="Service-level threshold in seconds.")
]
Shrinkage = Annotated[
    float, typer.Option("--shrinkage", help="Fraction of paid time not available for contacts.")
]
MaxOccupancy = Annotated[
    float, typer.Option("--max-occupancy", help="Highest acceptable agent occupancy.")
]
Patience = Annotated[
    float | None,
    typer.Option("--patience", help="Mean patience in seconds (Erlang A); omit for Erlang C."),
]
Concurrency = Annotated[
    int, typer.Option("--concurrency", help="Conversations an advisor handles at once.")
]
Agents = Annotated[int, typer.Option("--agents", help="Advisors on the queue.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print one JSON line instead of a table.")]


_QUEUE_OPTIONS: tuple[tuple[str, Any, Any], ...] = (
    ("contacts", Contacts, inspect.Parameter.empty),
    ("aht", Aht, inspect.Parameter.empty),
    ("interval", Interval, 1800.0),
    ("service_level", ServiceLevel, 0.8),
    ("answer_within", AnswerWithin, 20.0),
    ("shrinkage", Shrinkage, 0.0),
    ("max_occupancy", MaxOccupancy, 1.0),
    ("patience", Patience, None),
    ("concurrency", Concurrency, 1),
)
_QUEUE_FIELDS = {
    "contacts": "contacts", "aht": "aht_seconds", "interval": "interval_seconds",
    "service_level": "target_service_level", "answer_within": "answer_within_seconds",
    "shrinkage": "shrinkage", "max_occupancy": "max_occupancy", "patience": "patience_seconds",
    "concurrency": "concurrency",
}  # fmt: skip


def queue_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give ``command`` the queue options every staffing command shares (``--contacts``,
    ``--aht``, ``--interval``, ...); it receives them as one ``queue: StaffingInput``.

    Typer reads a command's options from its signature, so the wrapper's signature is the
    command's own parameters (``queue`` left out) followed by the shared ones."""
    own = [
        parameter
        for parameter in inspect.signature(command, eval_str=True).parameters.values()
        if parameter.name != "queue"
    ]
    shared = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=kind, default=default)
        for name, kind, default in _QUEUE_OPTIONS
    ]

    @functools.wraps(command)
    def with_queue(**values: Any) -> None:
        figures = {_QUEUE_FIELDS[name]: values.pop(name) for name, _, _ in _QUEUE_OPTIONS}
        try:
            queue = StaffingInput(**figures)
        except ValueError as error:
            raise typer.BadParameter(str(error)) from error
        command(queue=queue, **values)

    keyword_only = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own]
    with_queue.__signature__ = inspect.Signature(shared + keyword_only)  # type: ignore[attr-defined]
    return with_queue


@wfm_app.command()
@queue_options
def staff(*, queue: StaffingInput, as_json: AsJson = False) -> None:
    """Smallest staffing that meets the service level and the occupancy cap."""
    _print_staffing(required_staff(queue), as_json, "Required staff")


@wfm_app.command("evaluate")
@queue_options
def evaluate_command(*, queue: StaffingInput, agents: Agents, as_json: AsJson = False) -> None:
    """Service level, ASA and occupancy for a given number of advisors."""
    if agents < 0:
        raise typer.BadParameter("agents must be >= 0", param_hint="--agents")
    _print_staffing(evaluate(queue, agents), as_json, f"{agents} agents")


@wfm_app.command("simulate")
@queue_options
def simulate_command(
    *,
    queue: StaffingInput,
    agents: Agents,
    contacts_total: Annotated[
        int, typer.Option("--contacts-total", help="Contacts to simulate.")
    ] = 100_000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    handle_distribution: Annotated[
        HandleDistributionChoice,
        typer.Option("--handle-distribution", help="Handle-time distribution."),
    ] = HandleDistributionChoice.exponential,
    handle_cv: Annotated[
        float, typer.Option("--handle-cv", help="Coefficient of variation (lognormal only).")
    ] = 1.0,
    warmup: Annotated[
        int, typer.Option("--warmup", help="Initial contacts simulated but not counted.")
    ] = 0,
    as_json: AsJson = False,
) -> None:
    """Simulate the queue and show simulated and analytic figures side by side."""
    try:
        config = SimulationConfig(
            contacts_per_interval=[queue.contacts],
            interval_seconds=queue.interval_seconds,
            aht_seconds=queue.aht_seconds,
            agents=agents,
            answer_within_seconds=queue.answer_within_seconds,
            patience_seconds=queue.patience_seconds,
            concurrency=queue.concurrency,
            handle_distribution=handle_distribution.value,
            handle_cv=handle_cv,
            contacts_total=contacts_total,
            warmup_contacts=warmup,
            seed=seed,
        )
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    report = _simulation_report(config, simulate(config), evaluate(queue, agents))
    if as_json:
        typer.echo(_json_line(report))
    else:
        _print_simulation_table(report)


_FIGURES = ("service_level", "p_wait", "asa", "occupancy", "abandon")


def _simulation_report(
    config: SimulationConfig, simulated: SimulationResult, analytic: StaffingResult
) -> dict[str, Any]:
    simulated_figures = {
        "service_level": simulated.service_level,
        "p_wait": simulated.p_wait,
        "asa": simulated.asa,
        "occupancy": simulated.occupancy,
        "abandon": simulated.abandon_rate,
        "offered": simulated.offered,
        "answered": simulated.answered,
        "abandoned": simulated.abandoned,
        "answered_within_threshold": simulated.answered_within_threshold,
        "waited": simulated.waited,
        "mean_handle_seconds": simulated.mean_handle_seconds,
        "horizon_seconds": simulated.horizon_seconds,
    }
    analytic_figures = analytic.as_dict()
    return {
        "model": "erlang_c" if config.patience_seconds is None else "erlang_a",
        "agents": config.agents,
        "contacts_total": config.contacts_total,
        "seed": config.seed,
        "handle_distribution": config.handle_distribution,
        "simulated": simulated_figures,
        "analytic": analytic_figures,
        "difference": {
            name: _difference(simulated_figures[name], analytic_figures[name]) for name in _FIGURES
        },
    }


def _difference(simulated: float, analytic: float | None) -> float | None:
    if analytic is None or not math.isfinite(simulated):
        return None
    return simulated - analytic


def _json_line(payload: dict[str, Any]) -> str:
    return json.dumps(_finite(payload), allow_nan=False, separators=(",", ":"))


def _finite(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _print_staffing(result: StaffingResult, as_json: bool, title: str) -> None:
    if as_json:
        typer.echo(_json_line(result.as_dict()))
        return
    table = Table(title=title)
    table.add_column("Figure")
    table.add_column("Value", justify="right")
    for name, value in result.as_dict().items():
        table.add_row(name.replace("_", " "), _format(name, value))
    Console().print(table)


def _print_simulation_table(report: dict[str, Any]) -> None:
    table = Table(title=f"Simulation vs {report['model'].replace('_', ' ').title()}")
    table.add_column("Figure")
    table.add_column("Simulated", justify="right")
    table.add_column("Analytic", justify="right")
    table.add_column("Difference", justify="right")
    for name in _FIGURES:
        table.add_row(
            name.replace("_", " "),
            _format(name, report["simulated"][name]),
            _format(name, report["analytic"][name]),
            _format(name, report["difference"][name]),
        )
    Console().print(table)
    simulated = report["simulated"]
    Console().print(
        f"{simulated['offered']} contacts offered, {simulated['answered']} answered, "
        f"{simulated['abandoned']} abandoned (seed {report['seed']})."
    )


def _format(name: str, value: object) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, int):  # bool included
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return "n/a"
        return f"{value:.1f} s" if name == "asa" else f"{value:.4f}"
    return str(value)


# Planning commands (forecast, plan, schedule, synth) live in their own module.
from tawasol.wfm.planning_cli import (  # noqa: E402
    forecast_command,
    plan_command,
    schedule_command,
    synth_command,
)

wfm_app.command("forecast")(forecast_command)
wfm_app.command("plan")(plan_command)
wfm_app.command("schedule")(schedule_command)
wfm_app.command("synth")(synth_command)

from tawasol.wfm.adherence_cli import adherence_command  # noqa: E402

wfm_app.command("adherence")(adherence_command)
