"""The copilot's command-line contracts: `tawasol pii redact` and `tawasol eval langid`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tawasol.cli import app
from tawasol.nlp.metrics import classification_report


def test_pii_redact_plain_text() -> None:
    result = CliRunner().invoke(app, ["pii", "redact"], input="Appelez le 06 12 34 56 78 svp")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["redacted"] == "Appelez le [PHONE] svp"
    assert out["entities"] == [{"type": "PHONE", "start": 11, "end": 25, "text": "06 12 34 56 78"}]


def test_pii_redact_jsonl_keeps_order_and_reports_bad_lines_in_place() -> None:
    lines = [{"text": "mail: a.b@example.org"}, {"text": "commande 12345678"}, {"text": "عافاك"}]
    stdin = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n"
    result = CliRunner().invoke(app, ["pii", "redact", "--jsonl"], input=stdin)
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["redacted"] for o in outputs] == ["mail: [EMAIL]", "commande 12345678", "عافاك"]
    stdin = '{"text": "ok"}\n{oops\n{"txt": 1}\n{"text": "rappel 0612345678"}\n'
    bad = CliRunner().invoke(app, ["pii", "redact", "--jsonl"], input=stdin)
    assert bad.exit_code == 2  # bad lines are reported in place; the good ones still redacted
    outputs = [json.loads(line) for line in bad.stdout.splitlines()]
    assert outputs == [
        {"redacted": "ok", "entities": []},
        {"error": "line 2: not JSON (Expecting property name enclosed in double quotes)", "line": 2},
        {"error": "line 3: expected an object with a 'text' string", "line": 3},
        {"redacted": "rappel [PHONE]",
         "entities": [{"type": "PHONE", "start": 7, "end": 17, "text": "0612345678"}]},
    ]  # fmt: skip
    assert "line 2: not JSON" in bad.stderr


def test_eval_langid_contract(tmp_path: Path) -> None:
    data = tmp_path / "lid.jsonl"
    rows = [("bghit nchri telephone jdid 3afak", "ary"), ("Je voudrais annuler ma commande", "fr"),
            ("I would like to cancel my order", "en"), ("Quiero cancelar mi pedido, por favor", "es"),
            ("أريد إلغاء الطلب من فضلكم", "ar"), ("بغيت نلغي الكوموند ديالي عافاك", "ary")]  # fmt: skip
    data.write_text("\n".join(json.dumps({"text": t, "lang": lang}) for t, lang in rows))
    result = CliRunner().invoke(app, ["eval", "langid", str(data), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"n", "accuracy", "macro_f1", "per_lang", "ms_per_text"} <= set(report)
    assert report["n"] == 6 and set(report["per_lang"]) == {"ary", "fr", "en", "es", "ar"}
    assert {"precision", "recall", "f1", "support"} == set(report["per_lang"]["ary"])
    assert report["accuracy"] >= 5 / 6


def test_metrics_by_hand() -> None:
    report = classification_report(["a", "a", "b", "b"], ["a", "b", "b", "b"])
    assert report["accuracy"] == 0.75
    assert report["per_label"]["a"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert report["per_label"]["b"]["precision"] == round(2 / 3, 4)
    assert report["macro_f1"] == round((0.6667 + 0.8) / 2, 4)


def _jsonl(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("\n".join(json.dumps({"text": t, "label": lab}) for t, lab in rows))
    return path


INTENT_ROWS = [
    ("je veux annuler ma commande", "cancel"), ("annulez mon abonnement svp", "cancel"),
    ("bghit nlghi lcommande", "cancel"), ("I want to cancel my order", "cancel"),
    ("quiero cancelar mi pedido", "cancel"), ("بغيت نلغي الكوموند", "cancel"),
    ("où est mon colis ?", "tracking"), ("fin wslat lcommande dyali", "tracking"),
    ("where is my parcel", "tracking"), ("¿dónde está mi paquete?", "tracking"),
    ("mon colis n'est pas arrivé", "tracking"), ("فين وصلات الكوموند ديالي", "tracking"),
    ("ma facture est trop chère", "billing"), ("3lach lfactura ghalya", "billing"),
    ("my bill is too high", "billing"), ("la factura es demasiado alta", "billing"),
    ("erreur sur ma facture", "billing"), ("الفاتورة غالية بزاف", "billing"),
]  # fmt: skip


def test_eval_intents_contract(tmp_path: Path) -> None:
    train = _jsonl(tmp_path / "train.jsonl", INTENT_ROWS)
    test = _jsonl(tmp_path / "test.jsonl", INTENT_ROWS[::3])
    result = CliRunner().invoke(
        app, ["eval", "intents", "--train", str(train), "--test", str(test), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"n", "accuracy", "macro_f1", "ms_per_text", "train_seconds"} <= set(report)
    assert report["n"] == 6 and report["accuracy"] >= 0.5


def test_eval_sentiment_and_toxicity_contract(tmp_path: Path) -> None:
    rows = [("merci beaucoup, service parfait", "positive"), ("c'est nul, je suis très déçu", "negative"),
            ("je voudrais connaître mon solde", "neutral"), ("shukran bzaf, mzyan", "positive")]  # fmt: skip
    test = _jsonl(tmp_path / "s.jsonl", rows)
    result = CliRunner().invoke(app, ["eval", "sentiment", "--test", str(test), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["n"] == 4 and {"accuracy", "macro_f1", "ms_per_text", "train_seconds"} <= set(
        report
    )
    assert "by_lang" not in report  # the rows carry no language
    with_lang = tmp_path / "l.jsonl"
    with_lang.write_text("".join(
        json.dumps({"text": text, "label": label, "lang": lang}) + "\n"
        for (text, label), lang in zip(rows, ["fr", "fr", "fr", "ary"], strict=True)
    ), encoding="utf-8")  # fmt: skip
    result = CliRunner().invoke(app, ["eval", "sentiment", "--test", str(with_lang), "--json"])
    by_lang = json.loads(result.stdout.strip().splitlines()[-1])["by_lang"]
    assert {k: v["n"] for k, v in by_lang.items()} == {"ary": 1, "fr": 3}
    assert {"accuracy", "macro_f1"} <= set(by_lang["fr"])
    toxic = _jsonl(tmp_path / "t.jsonl", [("merci pour votre aide", "not_offensive"),
                                          ("espèce d'idiot incompétent", "offensive")])  # fmt: skip
    result = CliRunner().invoke(app, ["eval", "toxicity", "--test", str(toxic), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.strip().splitlines()[-1])["n"] == 2
