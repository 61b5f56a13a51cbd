"""`tawasol train intents` and `tawasol bench nlp`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

train_app = typer.Typer(help="Train a client's models from its labelled history.")
console = Console(stderr=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON line.")]
DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Where the embedded database lives (TAWASOL_DATA_DIR)."),
]


@train_app.command("intents")
def train_intents(
    client: Annotated[str, typer.Option("--client", help="The client's slug.")],
    data_dir: DataDir = None,
    json_output: JsonFlag = False,
) -> None:
    """Train CLIENT's intent model from advisors' labels and store it (newest is used)."""
    from tawasol.auth.actor import Actor
    from tawasol.config import Settings
    from tawasol.db.database import Database
    from tawasol.errors import ApiError
    from tawasol.migrations_runner import upgrade
    from tawasol.nlp.enrichment.training import client_by_slug, train_and_store

    settings = Settings(data_dir=data_dir) if data_dir else Settings()
    settings.ensure_data_dir()
    upgrade(settings.resolved_database_url)
    db = Database(settings.resolved_database_url)
    actor = Actor.system("cli")
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=console, disable=json_output) as progress:
            task = progress.add_task(f"training intents of {client}", total=2)
            with db.unit(actor.scope, write=False) as session:
                client_id = client_by_slug(session, client).id
            progress.advance(task)
            report = train_and_store(db, actor=actor, client_id=client_id)
            progress.advance(task)
    except ApiError as error:
        console.print(f"[red]{error.message}[/]")
        raise typer.Exit(1) from error
    finally:
        db.dispose()
    if json_output:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    _show_training(report.as_dict())


def _show_training(report: dict[str, Any]) -> None:
    table = Table(title=f"Intent model of {report['client']}")
    table.add_column("intent")
    table.add_column("examples", justify="right")
    for label, count in report["labels"].items():
        table.add_row(label, str(count))
    console.print(table)
    console.print(
        f"n={report['n']}  cross-validated accuracy={report['accuracy']}  "
        f"coverage={report['coverage']}  train_seconds={report['train_seconds']}\n"
        f"e5 model accuracy={report.get('accuracy_e5_model')}  "
        f"lexical accuracy={report.get('accuracy_lexical_model')}  "
        f"share sent to e5={report.get('e5_share')}\n"
        f"version={report['version']}"
    )


def bench_nlp(
    per_kind: Annotated[int, typer.Option(help="Conversations per client kind.")] = 120,
    limit: Annotated[int, typer.Option(help="Messages measured.")] = 600,
    json_output: JsonFlag = False,
) -> None:
    """Enrichment per message on one core (p50/p99, messages/s, RSS) per profile vs language ID."""
    from tawasol.nlp.enrichment.bench import run_nlp_benchmark

    result = run_nlp_benchmark(per_kind=per_kind, limit=limit)
    if json_output:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    table = Table(title=f"Enrichment on one core ({result['messages']} messages)")
    for column in ("run", "p50_ms", "p99_ms", "messages_per_second"):
        table.add_column(column, justify="left" if column == "run" else "right")
    for name, figures in (
        (f"cascade (e5 on {result['cascade_e5_share']:.0%})", result),
        ("full (e5 always)", result["full"]),
        ("fast (lexical)", result["fast"]),
        ("baseline: language ID", result["baseline"]),
    ):
        table.add_row(name, *(str(figures[k]) for k in ("p50_ms", "p99_ms", "messages_per_second")))
    console.print(table)
    console.print(f"rss_mb={result['rss_mb']}  peak_rss_mb={result['peak_rss_mb']}")
