"""A client's own sentiment and offensive-language models: labels from advisors' reviews,
training with a fair comparison to the shipped model, storage, the enrichment job using a
model in use (and only then), and `tawasol train sentiment` on an embedded database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tawasol.cli import app
from tawasol.db.tenancy import Scope
from tawasol.errors import Invalid
from tawasol.models.client import Client
from tawasol.models.conversation import Conversation
from tawasol.models.enrichment import LabelerModelRecord
from tawasol.nlp.enrichment.labeler_store import do_store_labeler_model, labeler_models
from tawasol.nlp.enrichment.labeler_training import fit_labeler, train_labeler_and_store
from tawasol.nlp.enrichment.labels import intent_examples, reviewed_messages
from tawasol.nlp.enrichment.reviews import do_review_reading
from tawasol.nlp.enrichment.schemas import ReviewIn
from tawasol.nlp.sentiment import adapt
from tawasol.runtime import Runtime
from tests.factories import SYSTEM, Tenant, make_tenant
from tests.nlp.enrichment.helpers import customer_writes, embedded_client, enrichments, settle
from tests.nlp.enrichment.test_training import _open

# What an airline's advisors marked (the wording is this brand's: delays, bags, lounges).
NEGATIVE = [
    "le vol a encore 4 heures de retard, inadmissible",
    "ma valise n'est jamais arrivée",
    "tayara t3ttlat 3 sa3at w hta wa7ed ma gal lina walou",
    "on m'a refusé l'embarquement",
    "the lounge was closed and nobody told us",
    "vous avez perdu ma poussette",
    "had sharika khayba, mab9itch nsafr m3akom",
    "remboursement promis il y a 2 mois, rien",
    "siège cassé pendant 6 heures de vol",
    "ils ont annulé mon vol sans prévenir",
    "the crew was rude to my mother",
    "bagage abîmé, poignée arrachée",
]
POSITIVE = [
    "merci à l'équipage, vol parfait",
    "le surclassement était une belle surprise",
    "chokran bzaf 3la lmo3amala, l crew zwin",
    "great lounge, great staff, thank you",
    "enfin un vol à l'heure, bravo",
    "l'hôtesse a été adorable avec mon fils",
    "service impeccable, je revolerai avec vous",
    "tbarkallah 3likom, kolchi mzyan",
    "the upgrade made my honeymoon, thanks",
    "repas excellent et équipage souriant",
    "merci d'avoir retrouvé ma valise si vite",
    "dkhelt m3a lwe9t w l khedma top",
]
NEUTRAL = [
    "à quelle heure ouvre l'enregistrement",
    "je voudrais changer mon siège",
    "wach n9der nzid valise f lvol dyali",
    "what is the baggage allowance to Paris",
    "puis-je voyager avec un chat",
    "le vol AT205 part de quel terminal",
    "ch7al taman dyal l billet l Paris",
    "how do I add my frequent flyer number",
    "je dois modifier le nom sur le billet",
    "est-ce qu'il y a du wifi à bord",
    "fin kayna l agence f Casa",
    "can I pay at the airport",
]
EXAMPLES = (
    [(t, "negative") for t in NEGATIVE]
    + [(t, "positive") for t in POSITIVE]
    + [(t, "neutral") for t in NEUTRAL]
)


def _reviewed(runtime: Runtime, tenant: Tenant, examples: list[tuple[str, str]]) -> None:
    """Each example: a customer's conversation, read by the models, then reviewed."""
    opened = [
        (_open(runtime, tenant.client_id, tenant.inbox_id, t), label) for t, label in examples
    ]
    settle(runtime)
    with runtime.db.unit(SYSTEM.scope) as session:
        for conversation_id, label in opened:
            conversation = session.get(Conversation, conversation_id)
            assert conversation is not None
            data = ReviewIn(field="sentiment", decision="corrected", value=label)
            do_review_reading(session, actor=SYSTEM, conversation=conversation, data=data)


def test_reviews_are_the_labels(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant, other = make_tenant(runtime, "LA"), make_tenant(runtime, "LO")
    _reviewed(runtime, tenant, EXAMPLES[:3] + EXAMPLES[12:13])
    _reviewed(runtime, other, [("SECRET of the other brand, horrible", "negative")])
    with runtime.db.unit(SYSTEM.scope, write=False) as session:
        examples = reviewed_messages(session, client_id=tenant.client_id, field="sentiment")
    customer_writes(runtime, tenant.conversation_id, "mon numéro est 0612345678, rappelez")
    settle(runtime)
    assert sorted(examples) == sorted(EXAMPLES[:3] + EXAMPLES[12:13])
    with runtime.db.unit(SYSTEM.scope) as session:
        conversation = session.get(Conversation, tenant.conversation_id)
        assert conversation is not None
        for decision, value in (("corrected", "positive"), ("corrected", "neutral")):
            do_review_reading(session, actor=SYSTEM, conversation=conversation,
                              data=ReviewIn(field="sentiment", decision=decision, value=value))  # fmt: skip
        do_review_reading(session, actor=SYSTEM, conversation=conversation,
                          data=ReviewIn(field="intent", decision="corrected", value="callback"))  # fmt: skip
        examples = reviewed_messages(session, client_id=tenant.client_id, field="sentiment")
        intents = intent_examples(session, client_id=tenant.client_id)
    # the latest review of a message wins; its text is the redacted copy
    assert ("mon numéro est [PHONE], rappelez", "neutral") in examples
    assert len(examples) == 5 and all("SECRET" not in text for text, _ in examples)
    assert any(label == "callback" for _, label in intents)


def test_too_few_reviews_is_a_precise_refusal(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "LF")
    with runtime.db.unit(SYSTEM.scope, write=False) as session:
        client = session.get(Client, tenant.client_id)
        assert client is not None
    with pytest.raises(Invalid, match=r"has 4 reviewed messages for sentiment .* at least 30"):
        fit_labeler(client, "sentiment", EXAMPLES[:4])
    with pytest.raises(Invalid, match="unknown task"):
        fit_labeler(client, "mood", EXAMPLES)


def test_trained_model_is_compared_stored_and_used_only_when_better(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "LT")
    _reviewed(runtime, tenant, EXAMPLES)
    report = train_labeler_and_store(runtime.db, actor=SYSTEM, client_id=tenant.client_id,
                                     task="sentiment")  # fmt: skip
    assert report.n == 36 and report.labels == {"negative": 12, "neutral": 12, "positive": 12}
    assert report.cv_score is not None and 0.0 <= report.cv_score <= 1.0
    assert 0.0 <= report.shipped_score <= 1.0
    assert report.in_use == (report.cv_score >= report.shipped_score)
    assert report.version.startswith("tawasol-sentiment-adapted/1;")

    # whatever this run's comparison said, the job follows the newest record's verdict
    for in_use in (True, False):
        with runtime.db.unit(SYSTEM.scope) as session:
            client = session.get(Client, tenant.client_id)
            assert client is not None
            do_store_labeler_model(
                session, actor=SYSTEM, client=client, labeler=adapt("sentiment", EXAMPLES),
                metrics={"in_use": in_use, "cv_score": 1.0, "shipped_score": 0.5}, examples=36,
            )  # fmt: skip
        conversation_id = _open(runtime, tenant.client_id, tenant.inbox_id, "bonjour")
        customer_writes(runtime, conversation_id, "ma valise est perdue depuis 3 jours")
        settle(runtime)
        version = enrichments(runtime, conversation_id)[-1].model_versions["sentiment"]
        assert version.startswith("tawasol-sentiment-adapted/") == in_use, version
    with runtime.db.unit(Scope.system(), write=False) as session:
        records = session.scalars(
            select(LabelerModelRecord).where(LabelerModelRecord.client_id == tenant.client_id)
        ).all()
        assert len(records) == 3 and {r.task for r in records} == {"sentiment"}
        assert labeler_models.models_for(session, client_id=tenant.client_id) == {}


def test_train_sentiment_cli(tmp_path: Path) -> None:
    slug = embedded_client(tmp_path, "LC", lambda rt, tenant: _reviewed(rt, tenant, EXAMPLES))
    runner = CliRunner()
    args = ["--client", slug, "--data-dir", str(tmp_path), "--json"]
    result = runner.invoke(app, ["train", "sentiment", *args])
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert line["task"] == "sentiment" and line["n"] == 36 and line["record_id"]
    assert set(line) >= {"cv_score", "shipped_score", "in_use", "version", "train_seconds"}
    refused = runner.invoke(app, ["train", "offensive", *args])
    assert refused.exit_code == 1 and "0 reviewed messages for offensive" in refused.output


def test_profiles_decide_where_a_clients_own_model_reads() -> None:
    from tawasol.nlp.enrichment.pipeline import Enricher

    own = {"sentiment": adapt("sentiment", EXAMPLES)}
    text = ["vol annulé, personne ne répond, c'est une honte"]
    for profile, expected in (
        ("fast", "lexicon-only"),
        ("cascade", "adapted"),
        ("full", "adapted"),
    ):
        (analysis,) = Enricher(profile).enrich(text, labelers=own)
        assert expected in analysis.versions["sentiment"], (profile, analysis.versions)
        assert "adapted" not in analysis.versions["offensive"]  # no own model for that task
        assert analysis.versions["path"] == ("lexical" if profile == "fast" else "e5")
