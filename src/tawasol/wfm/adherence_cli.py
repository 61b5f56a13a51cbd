"""``tawasol wfm adherence``: a day's schedule adherence of a client's advisors, from the stored
schedule and presence events of the instance's database."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import select

from tawasol.wfm.schemas import AdherenceOut


def _day(text: str) -> date:
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError as error:
        raise typer.BadParameter("expected YYYY-MM-DD") from error


def adherence_command(
    client: Annotated[str, typer.Option("--client", help="The client's slug.")],
    day: Annotated[str, typer.Option("--date", help="Local date, YYYY-MM-DD.")],
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Where the embedded database lives (TAWASOL_DATA_DIR)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON line.")] = False,
) -> None:
    """Scheduled minutes, minutes in adherence and the percentage, per advisor."""
    from tawasol.config import Settings
    from tawasol.db.database import Database
    from tawasol.db.tenancy import Scope
    from tawasol.models.client import Client
    from tawasol.wfm.router import adherence_out

    wanted = _day(day)
    settings = Settings(data_dir=data_dir) if data_dir else Settings()
    db = Database(settings.resolved_database_url)
    try:
        with db.unit(Scope.system(), write=False) as session:
            client_id = session.scalar(select(Client.id).where(Client.slug == client))
            if client_id is None:
                typer.echo(f"no client with the slug {client!r}", err=True)
                raise typer.Exit(2)
            report = adherence_out(session, client_id=client_id, day=wanted)
    finally:
        db.dispose()
    if as_json:
        typer.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False))
        return
    _print(report)


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _print(report: AdherenceOut) -> None:
    table = Table(title=f"Adherence {report.date.isoformat()}")
    for column in ("advisor", "scheduled min", "in adherence min", "adherence"):
        table.add_column(column)
    for row in report.advisors:
        table.add_row(row.full_name, f"{row.scheduled_minutes:.0f}",
                      f"{row.adherent_minutes:.0f}", _percent(row.adherence))  # fmt: skip
    table.add_row("total", f"{report.scheduled_minutes:.0f}", f"{report.adherent_minutes:.0f}",
                  _percent(report.adherence))  # fmt: skip
    Console().print(table)
