"""`tawasol train intents|sentiment|offensive` and `tawasol bench nlp`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

if TYPE_CHECKING:
    from tawasol.auth.actor import Actor
    from tawasol.db.database import Database

train_app = typer.Typer(help="Train a client's models from its labelled history.")
console = Console(stderr=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON line.")]
DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Where the embedded database lives (TAWASOL_DATA_DIR)."),
]


@contextmanager
def _database(data_dir: Path | None) -> Iterator[Database]:
    """The node's database, migrated to head (the embedded default unless configured)."""
    from tawasol.config import Settings
    from tawasol.db.database import Database
    from tawasol.migrations_runner import upgrade

    settings = Settings(data_dir=data_dir) if data_dir else Settings()
    settings.ensure_data_dir()
    upgrade(settings.resolved_database_url)
    db = Database(settings.resolved_database_url)
    try:
        yield db
    finally:
        db.dispose()


def _train(
    what: str, client: str, data_dir: Path | None, json_output: bool,
    train: Callable[[Database, Actor, int], Any],
) -> Any:  # fmt: skip
    """Find CLIENT, run ``train`` under a progress bar; a refusal is printed, exit code 1."""
    from tawasol.auth.actor import Actor
    from tawasol.errors import ApiError
    from tawasol.nlp.enrichment.training import client_by_slug

    actor = Actor.system("cli")
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    try:
        with (
            _database(data_dir) as db,
            Progress(*columns, console=console, disable=json_output) as progress,
        ):
            task = progress.add_task(f"training {what} of {client}", total=2)
            with db.unit(actor.scope, write=False) as session:
                client_id = client_by_slug(session, client).id
            progress.advance(task)
            report = train(db, actor, client_id)
            progress.advance(task)
    except ApiError as error:
        console.print(f"[red]{error.message}[/]")
        raise typer.Exit(1) from error
    return report


@train_app.command("intents")
def train_intents(
    client: Annotated[str, typer.Option("--client", help="The client's slug.")],
    data_dir: DataDir = None,
    json_output: JsonFlag = False,
) -> None:
    """Train CLIENT's intent model from advisors' labels and store it (newest is used)."""
    from tawasol.nlp.enrichment.training import train_and_store

    report = _train(
        "intents", client, data_dir, json_output,
        lambda db, actor, client_id: train_and_store(db, actor=actor, client_id=client_id),
    )  # fmt: skip
    if json_output:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    _show_training(report.as_dict())


def _train_labeler(task: str, client: str, data_dir: Path | None, json_output: bool) -> None:
    from tawasol.nlp.enrichment.labeler_training import train_labeler_and_store

    report = _train(
        task, client, data_dir, json_output,
        lambda db, actor, client_id: train_labeler_and_store(
            db, actor=actor, client_id=client_id, task=task),
    ).as_dict()  # fmt: skip
    if json_output:
        typer.echo(json.dumps(report, ensure_ascii=False))
        return
    table = Table(title=f"{task.capitalize()} model of {report['client']}")
    table.add_column("label")
    table.add_column("reviewed messages", justify="right")
    for label, count in report["labels"].items():
        table.add_row(label, str(count))
    console.print(table)
    verdict = "in use" if report["in_use"] else "not used: the shipped model reads them better"
    console.print(
        f"n={report['n']}  score out of fold={report['cv_score']}  shipped model on the same"
        f" messages={report['shipped_score']}  ({verdict})\n"
        f"train_seconds={report['train_seconds']}  version={report['version']}"
    )


@train_app.command("sentiment")
def train_sentiment(
    client: Annotated[str, typer.Option("--client", help="The client's slug.")],
    data_dir: DataDir = None,
    json_output: JsonFlag = False,
) -> None:
    """Train CLIENT's sentiment model from the messages whose sentiment advisors reviewed."""
    _train_labeler("sentiment", client, data_dir, json_output)


@train_app.command("offensive")
def train_offensive(
    client: Annotated[str, typer.Option("--client", help="The client's slug.")],
    data_dir: DataDir = None,
    json_output: JsonFlag = False,
) -> None:
    """Train CLIENT's offensive-language model from advisors' reviewed verdicts."""
    _train_labeler("offensive", client, data_dir, json_output)


@train_app.command("auto")
def train_auto(
    client: Annotated[
        str | None, typer.Option("--client", help="Only this client (slug); default: all.")
    ] = None,
    data_dir: DataDir = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List the models due; train nothing.")
    ] = False,
    json_output: JsonFlag = False,
) -> None:
    """Retrain every client's models whose labels grew (what each node does on its own
    every TAWASOL_RETRAIN_INTERVAL_SECONDS)."""
    from tawasol.db.tenancy import Scope
    from tawasol.errors import ApiError
    from tawasol.nlp.enrichment.retraining import Retrainer
    from tawasol.nlp.enrichment.training import client_by_slug

    with _database(data_dir) as db:
        client_ids = None
        if client is not None:
            with db.unit(Scope.system(), write=False) as session:
                try:
                    client_ids = [client_by_slug(session, client).id]
                except ApiError as error:
                    console.print(f"[red]{error.message}[/]")
                    raise typer.Exit(1) from error
        retrainer = Retrainer(db)
        attempts = [a.as_dict() for a in retrainer.run_once(dry_run=dry_run, client_ids=client_ids)]
    if json_output:
        typer.echo(json.dumps({"dry_run": dry_run, "attempts": attempts}, ensure_ascii=False))
        return
    table = Table(title="Models due for retraining" if dry_run else "Retraining")
    columns = ("client", "task", "reason", "examples", "trained_on", "outcome", "detail")
    for column in columns:
        table.add_column(column, justify="right" if column in columns[3:5] else "left")
    for attempt in attempts:
        table.add_row(*("" if attempt[k] is None else str(attempt[k]) for k in columns))
    console.print(table if attempts else "No model is due for retraining.")


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
