"""`tawasol eval ...` and `tawasol pii ...`: the copilot's command-line contracts.

Each evaluation reads JSONL files, prints one JSON line with `--json`, otherwise a progress bar
and a readable table.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
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
StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--embedding-store", dir_okay=False,
        help="Keep e5 vectors in this SQLite file: a rerun on the same texts skips e5.",
    ),
]  # fmt: skip


def _embedder(store: Path | None):  # type: ignore[no-untyped-def]
    """The process's embedder, behind an on-disk store when one is given (None: the default)."""
    if store is None:
        return None
    from tawasol.nlp.embeddings import StoredEmbedder, default_embedder

    return StoredEmbedder(default_embedder(), store)


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
    for language, scores in report.get("by_lang", {}).items():
        console.print(f"  {language}: n={scores['n']}  macro_f1={scores['macro_f1']}")


@eval_app.command("langid")
def eval_langid(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False)],
    json_output: JsonFlag = False,
) -> None:
    """Language identification (incl. Darija in both scripts) on JSONL with `text` and `lang`.

    Rows the shipped models were trained on (part of NLLB-Seed ary, say) are left out and
    counted in `excluded_training_rows`: the figures are held-out figures."""
    from tawasol.nlp.language import default_identifier
    from tawasol.nlp.language.held_out import held_out_rows

    rows, excluded = held_out_rows(read_jsonl(files, fields=("text", "lang")))
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
    report["excluded_training_rows"] = excluded
    if json_output:
        typer.echo(json.dumps(report))
        return
    _show({**report, "per_label": report["per_lang"]}, "Language identification")


def _lines(jsonl: bool) -> Iterator[str | BadLine]:
    """The texts on stdin: all of it, or one per JSONL line (a bad line yields a `BadLine`)."""
    if not jsonl:
        yield sys.stdin.read()
        return
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadLine(number, f"line {number}: not JSON ({exc.msg})")
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            yield BadLine(number, f"line {number}: expected an object with a 'text' string")
            continue
        yield row["text"]


@dataclass(frozen=True)
class BadLine:
    number: int
    message: str


@pii_app.command("redact")
def pii_redact(
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One {'text'} object per line.")] = False,
    region: Annotated[str, typer.Option(help="Region for numbers without a country code.")] = "MA",
) -> None:
    """Text on stdin → {"redacted", "entities": [{"type", "start", "end", "text"}]}.

    With --jsonl, a line that is not an object with a 'text' string gets
    {"error", "line"} in its place (and on stderr), the other lines are still redacted, and
    the exit code is 2."""
    from tawasol.nlp.pii import redact

    bad = 0
    for text in _lines(jsonl):
        if isinstance(text, BadLine):
            bad += 1
            typer.echo(text.message, err=True)
            typer.echo(json.dumps({"error": text.message, "line": text.number}))
            continue
        result = redact(text, default_region=region)
        entities = [
            {"type": s.kind.value, "start": s.start, "end": s.end, "text": s.text}
            for s in result.spans
        ]
        typer.echo(json.dumps({"redacted": result.text, "entities": entities}, ensure_ascii=False))
    if bad:
        raise typer.Exit(code=2)


def _report(
    gold: list[str], predicted: list[str], *, seconds: float, train_seconds: float, **extra: Any
) -> dict[str, Any]:
    report = classification_report(gold, predicted)
    report["ms_per_text"] = round(seconds * 1000 / len(gold), 3)
    report["train_seconds"] = round(train_seconds, 3)
    report.update(extra)
    return report


def _by_language(rows: list[dict[str, Any]], predicted: list[str]) -> dict[str, Any]:
    """Per-language figures when the test rows carry a ``lang`` (targets are per language)."""
    groups: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        if isinstance(row.get("lang"), str):
            groups.setdefault(row["lang"], []).append(index)
    out = {}
    for language, indexes in sorted(groups.items()):
        scores = classification_report(
            [rows[i]["label"] for i in indexes], [predicted[i] for i in indexes]
        )
        out[language] = {k: scores[k] for k in ("n", "accuracy", "macro_f1")}
    return out


def _emit(report: dict[str, Any], title: str, json_output: bool) -> None:
    if json_output:
        typer.echo(json.dumps(report))
    else:
        _show(report, title)


TrainFile = Annotated[Path, typer.Option("--train", exists=True, dir_okay=False)]
TestFile = Annotated[Path, typer.Option("--test", exists=True, dir_okay=False)]
OptionalTrain = Annotated[
    Path | None,
    typer.Option("--train", exists=True, dir_okay=False, help="Adapt on it (tenant training)."),
]


@eval_app.command("intents")
def eval_intents(
    train: TrainFile, test: TestFile, json_output: JsonFlag = False, store: StoreOption = None
) -> None:
    """Train an intent model on `--train` (JSONL text/label), score it on `--test`."""
    from tawasol.nlp.intent import train as train_intents

    training = read_jsonl([train], fields=("text", "label"))
    testing = read_jsonl([test], fields=("text", "label"))
    started = time.perf_counter()
    model = train_intents(
        ((row["text"], row["label"]) for row in training), embedder=_embedder(store)
    )
    train_seconds = time.perf_counter() - started
    texts = [row["text"] for row in testing]
    started = time.perf_counter()
    predictions = model.predict(texts)
    seconds = time.perf_counter() - started
    abstained = sum(1 for p in predictions if p.label != p.best_guess)
    report = _report(
        [row["label"] for row in testing], [p.best_guess for p in predictions],
        seconds=seconds, train_seconds=train_seconds,
        abstain_rate=round(abstained / len(predictions), 4), model_version=predictions[0].version,
    )  # fmt: skip
    _emit(report, "Intents", json_output)


def _eval_labeler(
    task: str, train: Path | None, test: Path, json_output: bool, store: Path | None
) -> None:
    from tawasol.nlp.sentiment import adapt, default_offensive_model, default_sentiment_model

    testing = read_jsonl([test], fields=("text", "label"))
    started = time.perf_counter()
    if train is None:
        model = default_sentiment_model() if task == "sentiment" else default_offensive_model()
    else:
        training = read_jsonl([train], fields=("text", "label"))
        model = adapt(
            task, [(row["text"], row["label"]) for row in training], embedder=_embedder(store)
        )
    train_seconds = time.perf_counter() - started
    started = time.perf_counter()
    predictions = model.predict([row["text"] for row in testing])
    seconds = time.perf_counter() - started
    labels = [p.label for p in predictions]
    report = _report(
        [row["label"] for row in testing], labels,
        seconds=seconds, train_seconds=train_seconds, model_version=predictions[0].version,
        adapted=train is not None,
    )  # fmt: skip
    if by_lang := _by_language(testing, labels):
        report["by_lang"] = by_lang
    _emit(report, task.capitalize(), json_output)


@eval_app.command("sentiment")
def eval_sentiment(
    test: TestFile,
    train: OptionalTrain = None,
    json_output: JsonFlag = False,
    store: StoreOption = None,
) -> None:
    """Sentiment (negative/neutral/positive): the shipped model, or adapted on `--train`."""
    _eval_labeler("sentiment", train, test, json_output, store)


@eval_app.command("toxicity")
def eval_toxicity(
    test: TestFile,
    train: OptionalTrain = None,
    json_output: JsonFlag = False,
    store: StoreOption = None,
) -> None:
    """Offensive language: the shipped model, or adapted on `--train`."""
    _eval_labeler("offensive", train, test, json_output, store)
