"""The `tawasol` command: serve, demo, migrate, create-admin, worker, audit verify."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from tawasol.config import Settings
from tawasol.nlp.cli import eval_app, pii_app
from tawasol.nlp.enrichment.commands import bench_nlp, train_app
from tawasol.wfm.cli import wfm_app

app = typer.Typer(
    help="Tawasol — contact center where AI amplifies the advisor.", no_args_is_help=True
)
audit_app = typer.Typer(help="The tamper-evident audit trail.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
app.add_typer(wfm_app, name="wfm")
app.add_typer(eval_app, name="eval")
app.add_typer(pii_app, name="pii")
bench_app = typer.Typer(help="Benchmarks that print one JSON line.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")
app.add_typer(train_app, name="train")
bench_app.command("nlp")(bench_nlp)
console = Console(stderr=True)

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Where the embedded database lives (TAWASOL_DATA_DIR)."),
]


def _settings(data_dir: Path | None) -> Settings:
    settings = Settings(data_dir=data_dir) if data_dir else Settings()
    settings.ensure_data_dir()
    return settings


def _migrate(settings: Settings) -> None:
    from tawasol.migrations_runner import upgrade

    upgrade(settings.resolved_database_url)


def _serve(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    from tawasol.app import create_app

    # Open /events streams would otherwise hold a shutdown until they end (up to 10 minutes).
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info",
                timeout_graceful_shutdown=5)  # fmt: skip


@app.command()
def migrate(data_dir: DataDir = None) -> None:
    """Upgrade the database to the latest schema."""
    _migrate(_settings(data_dir))
    console.print("[green]database at the latest migration[/]")


@app.command()
def serve(
    host: str = "127.0.0.1", port: int = 8000, data_dir: DataDir = None, migrate_first: bool = True
) -> None:
    """Serve the web app and API (workers run in-process unless TAWASOL_RUN_WORKER=false)."""
    settings = _settings(data_dir)
    if migrate_first:
        _migrate(settings)
    _serve(settings, host, port)


@app.command()
def demo(
    host: str = "127.0.0.1",
    port: int = 8000,
    data_dir: DataDir = None,
    seed_only: Annotated[bool, typer.Option(help="Seed and exit without serving.")] = False,
) -> None:
    """Migrate, seed the demo (idempotently), print the logins and serve."""
    from tawasol.demo.seed import DEMO_PASSWORD, chat_demo_pages, seed_demo
    from tawasol.runtime import Runtime

    settings = _settings(data_dir)
    _migrate(settings)
    runtime = Runtime.build(settings)
    started = time.perf_counter()
    summary = seed_demo(runtime)
    runtime.relay.drain()
    chat_pages = chat_demo_pages(runtime)
    runtime.close()
    console.print(
        f"[green]demo ready[/] in {time.perf_counter() - started:.1f}s: {summary.describe()}"
    )
    console.print(f"Logins (password [bold]{DEMO_PASSWORD}[/] for all):")
    for role, email in summary.logins:
        console.print(f"  {role:<18} {email}")
    for brand, key in chat_pages:
        console.print(
            f"  web chat demo    {brand}: http://{host}:{port}/widget/{key}/demo", soft_wrap=True
        )
    if not seed_only:
        console.print(f"Open http://{host}:{port}/login")
        _serve(settings, host, port)


@app.command("create-admin")
def create_admin(
    email: Annotated[str, typer.Option(prompt=True)],
    full_name: Annotated[str, typer.Option(prompt=True)],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
    data_dir: DataDir = None,
) -> None:
    """Create an operator admin who reaches every client."""
    from tawasol.auth.actor import Actor
    from tawasol.errors import ApiError
    from tawasol.models.vocabulary import Role
    from tawasol.runtime import Runtime
    from tawasol.users.actions import do_create_user
    from tawasol.users.schemas import UserIn

    settings = _settings(data_dir)
    _migrate(settings)
    runtime = Runtime.build(settings)
    try:
        with runtime.db.unit(Actor.system().scope) as session:
            data = UserIn(email=email, full_name=full_name, role=Role.OPERATOR_ADMIN,
                          password=password, all_clients=True)  # fmt: skip
            user = do_create_user(
                session, actor=Actor.system("cli"), hasher=runtime.hasher, data=data
            )
    except ApiError as exc:
        console.print(f"[red]{exc.message}[/]")
        raise typer.Exit(1) from exc
    finally:
        runtime.close()
    console.print(f"[green]admin {user.email} created (id {user.id})[/]")


@app.command()
def worker(data_dir: DataDir = None, idle_seconds: float = 1.0) -> None:
    """Run the outbox relay, jobs and email inbox watchers in this process."""
    from tawasol.runtime import Runtime

    runtime = Runtime.build(_settings(data_dir))
    runtime.start_workers(idle_seconds=idle_seconds)
    console.print("worker running; Ctrl-C to stop")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        runtime.close()


@audit_app.command("verify")
def audit_verify(data_dir: DataDir = None) -> None:
    """Walk the audit hash chain; exit 1 naming the first broken entry."""
    from tawasol.audit.chain import verify_chain
    from tawasol.db.database import Database
    from tawasol.db.tenancy import Scope

    settings = _settings(data_dir)
    db = Database(settings.resolved_database_url)
    try:
        with db.unit(Scope.system(), write=False) as session:
            report = verify_chain(session)
    finally:
        db.dispose()
    if report.ok:
        typer.echo(f"audit chain intact: {report.checked} entries verified")
        return
    assert report.broken is not None
    typer.echo(
        f"audit chain BROKEN at entry {report.broken.entry_id}: {report.broken.reason} "
        f"({report.checked} entries verified before it)",
        err=True,
    )
    raise typer.Exit(1)


@bench_app.command("ingest")
def bench_ingest(
    messages: int = 3000,
    concurrency: int = 16,
    json_output: Annotated[bool, typer.Option("--json", help="One JSON line.")] = False,
) -> None:
    """Signed WhatsApp webhook ingest over real HTTP on the embedded default."""
    import json

    from tawasol.channels.bench import run_ingest_benchmark

    result = run_ingest_benchmark(messages=messages, concurrency=concurrency)
    if json_output:
        typer.echo(json.dumps(result))
        return
    for key in ("messages_per_second", "p50_ack_ms", "p99_ack_ms"):
        console.print(f"{key:<22} {result[key]:>10}  (baseline {result['baseline'][key]})")


@bench_app.command("email")
def bench_email(
    messages: int = 1000,
    json_output: Annotated[bool, typer.Option("--json", help="One JSON line.")] = False,
) -> None:
    """Email ingest from a temporary Dovecot (IMAP) into the embedded default."""
    import json

    from tawasol.channels.email.bench import run_email_benchmark

    result = run_email_benchmark(messages=messages)
    if json_output:
        typer.echo(json.dumps(result))
        return
    for key in ("messages_per_second", "p50_ms", "p99_ms"):
        console.print(f"{key:<22} {result[key]:>10}")
    console.print(f"baseline (parse only)  {result['baseline']['messages_per_second']:>10}")


@bench_app.command("routing")
def bench_routing(
    agents: int = 2000,
    waiting: int = 20000,
    json_output: Annotated[bool, typer.Option("--json", help="One JSON line.")] = False,
) -> None:
    """Routing decisions per second and latency, against a naive full scan."""
    import json

    from tawasol.routing.bench import run_benchmark

    result = run_benchmark(agents, waiting)
    if json_output:
        typer.echo(json.dumps(result))
        return
    for key in ("p50_ms", "p99_ms", "assignments_per_second"):
        console.print(f"{key:<24} {result[key]:>10}  (baseline {result['baseline'].get(key)})")
