"""`tawasol eval ...` and `tawasol pii ...`: the copilot's command-line contracts.

Each evaluation reads JSONL files, prints one JSON line with `--json`, otherwise a progress bar
and a readable table.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import track
from rich.table import Table

from tawasol.nlp.metrics import classification_report

eval_app = typer.Typer(
    help="Evaluate the offline models on labelled JSONL files.", no_args_is_help=True
)
pii_app = typer.Typer(help="Personal data detection and redaction.", no_args_is_help=True)
console = Console(stderr=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON line.")]


def read_jsonl(paths: list[Path], *, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise typer.BadParameter(f"{path}:{number}: not JSON ({exc.msg})") from exc
                missing = [f for f in fields if not isinstance(row.get(f), str)]
                if missing:
                    raise typer.BadParameter(f"{path}:{number}: missing field(s) {missing}")
                rows.append(row)
    if not rows:
        raise typer.BadParameter("no examples in the given files")
    return rows


def _show(report: dict[str, Any], title: str) -> None:
    table = Table(title=title)
    for column in ("label", "precision", "recall", "f1", "support"):
        table.add_column(column, justify="left" if column == "label" else "right")
    for label, scores in report["per_label"].items():
        table.add_row(label, *(str(scores[k]) for k in ("precision", "recall", "f1", "support")))
    console.print(table)
    console.print(
        f"n={report['n']}  accuracy={report['accuracy']}  macro_f1={report['macro_f1']}  "
        f"ms_per_text={report['ms_per_text']}"
    )


@eval_app.command("langid")
def eval_langid(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False)],
    json_output: JsonFlag = False,
) -> None:
    """Language identification (incl. Darija in both scripts) on JSONL with `text` and `lang`."""
    from tawasol.nlp.language import default_identifier

    rows = read_jsonl(files, fields=("text", "lang"))
    identifier = default_identifier()
    identifier.identify("warm up")  # builds the Darija model outside the timing
    texts = [r["text"] for r in rows]
    iterable = texts if json_output else track(texts, description="identifying", console=console)
    started = time.perf_counter()
    predicted = [identifier.identify(text).primary for text in iterable]
    elapsed = time.perf_counter() - started
    report = classification_report([r["lang"] for r in rows], predicted)
    report["per_lang"] = report.pop("per_label")
    report["ms_per_text"] = round(elapsed * 1000 / len(rows), 3)
    report["model_version"] = identifier.identify("bonjour").version
    if json_output:
        typer.echo(json.dumps(report))
        return
    _show({**report, "per_label": report["per_lang"]}, "Language identification")


def _lines(jsonl: bool) -> Iterator[str]:
    if not jsonl:
        yield sys.stdin.read()
        return
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise typer.BadParameter(f"line {number}: not JSON ({exc.msg})") from exc
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise typer.BadParameter(f"line {number}: expected an object with a 'text' string")
        yield row["text"]


@pii_app.command("redact")
def pii_redact(
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One {'text'} object per line.")] = False,
    region: Annotated[str, typer.Option(help="Region for numbers without a country code.")] = "MA",
) -> None:
    """Text on stdin → {"redacted", "entities": [{"type", "start", "end", "text"}]}."""
    from tawasol.nlp.pii import redact

    for text in _lines(jsonl):
        result = redact(text, default_region=region)
        entities = [
            {"type": s.kind.value, "start": s.start, "end": s.end, "text": s.text}
            for s in result.spans
        ]
        typer.echo(json.dumps({"redacted": result.text, "entities": entities}, ensure_ascii=False))
