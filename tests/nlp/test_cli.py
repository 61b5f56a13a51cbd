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


def test_pii_redact_jsonl_keeps_order_and_rejects_bad_lines() -> None:
    lines = [{"text": "mail: a.b@example.org"}, {"text": "commande 12345678"}, {"text": "عافاك"}]
    stdin = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n"
    result = CliRunner().invoke(app, ["pii", "redact", "--jsonl"], input=stdin)
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["redacted"] for o in outputs] == ["mail: [EMAIL]", "commande 12345678", "عافاك"]
    bad = CliRunner().invoke(app, ["pii", "redact", "--jsonl"], input='{"text": "ok"}\n{oops\n')
    assert bad.exit_code != 0 and "line 2" in bad.output


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
