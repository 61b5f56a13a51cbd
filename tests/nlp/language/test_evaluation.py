"""Targets on the shared evaluation datasets (read-only, research licences; never trained on).

Skipped when `../shared/datasets` (next to the repository root) is absent. One report is built
per module: 1,000 rows per dataset, fixed seed, the full identifier and lingua alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tawasol.nlp.language.evaluate import EvaluationReport, evaluate_datasets

REPO_ROOT = Path(__file__).resolve().parents[3]
DATASETS = REPO_ROOT.parent / "shared" / "datasets"

pytestmark = pytest.mark.skipif(
    not (DATASETS / "doda_darija_latin" / "sample.jsonl").is_file(),
    reason="shared evaluation datasets not available",
)


@pytest.fixture(scope="module")
def report() -> EvaluationReport:
    return evaluate_datasets(DATASETS, sample_size=1000, seed=13)


def test_latin_script_darija(report: EvaluationReport) -> None:
    assert report.identifier["doda"].accuracy >= 0.90


@pytest.mark.xfail(
    reason="Arabic-script Darija recall is ~82% on NLLB-Seed (target 85%): its encyclopedic "
    "sentences are often MSA apart from one or two words; raising recall further currently "
    "costs more than 2 points of Arabic accuracy on UMSAB",
    strict=False,
)
def test_arabic_script_darija(report: EvaluationReport) -> None:
    assert report.identifier["nllb"].accuracy >= 0.85


@pytest.mark.parametrize("language", ["ar", "fr", "en", "es"])
def test_general_languages_keep_lingua_accuracy(report: EvaluationReport, language: str) -> None:
    ours = report.identifier["umsab"].recall(language)
    lingua = report.baseline["umsab"].recall(language)
    assert ours >= lingua - 0.02


def test_darija_beats_lingua_on_moroccan_tweets(report: EvaluationReport) -> None:
    assert report.identifier["mac"].accuracy > report.baseline["mac"].accuracy
