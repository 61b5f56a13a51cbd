"""Automatic retraining: a client's models are retrained when its labels grow (intents) or
when enough reviews exist (sentiment, offensive); refusals are not retried until the labels
change; a model another node is training is left to it; `tawasol train auto` runs a pass."""

from __future__ import annotations

import html
import json
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from tawasol.cli import app
from tawasol.db.tenancy import Scope
from tawasol.db.types import utcnow
from tawasol.migrations_runner import upgrade
from tawasol.models.audit import AuditEntry
from tawasol.models.client import Client
from tawasol.models.conversation import Conversation
from tawasol.models.enrichment import IntentModelRecord, LabelerModelRecord, ModelTraining
from tawasol.models.vocabulary import Role
from tawasol.nlp.embeddings import default_embedder
from tawasol.nlp.enrichment import retraining
from tawasol.nlp.enrichment.intent_store import do_store_intent_model, intent_models
from tawasol.nlp.enrichment.retraining import Retrainer, grew
from tawasol.nlp.enrichment.reviews import do_review_reading
from tawasol.nlp.enrichment.schemas import ReviewIn
from tawasol.nlp.enrichment.training import train_and_store
from tawasol.nlp.enrichment.worker import EnrichmentWorker
from tawasol.nlp.intent import IntentConfig, train
from tawasol.runtime import Runtime
from tests.conftest import settings_for
from tests.factories import SYSTEM, Tenant, login, make_tenant, make_user
from tests.nlp.enrichment.helpers import customer_writes, embedded_client, enrichments
from tests.nlp.enrichment.test_labeler_training import EXAMPLES, _reviewed
from tests.nlp.enrichment.test_training import BILLING, CANCEL, _label, _open
from tests.web.console_world import form_login, page_csrf

MORE_CANCEL = ["je veux arrêter mon contrat", "bghit n7bes l forfait", "résiliation svp"]


def _labelled(runtime: Runtime, tenant: Tenant, pairs: list[tuple[str, str]]) -> None:
    for text, intent in pairs:
        _label(runtime, _open(runtime, tenant.client_id, tenant.inbox_id, text), intent=intent)


def _with_model(runtime: Runtime, label: str) -> Tenant:
    tenant = make_tenant(runtime, label)
    _labelled(runtime, tenant, [(t, "cancel") for t in CANCEL] + [(t, "billing") for t in BILLING])
    train_and_store(runtime.db, actor=SYSTEM, client_id=tenant.client_id)
    return tenant


def _records(runtime: Runtime, model: type, client_id: int) -> list:  # type: ignore[type-arg]
    with runtime.db.unit(Scope.system(), write=False) as session:
        rows = session.scalars(
            select(model).where(model.client_id == client_id).order_by(model.id)  # type: ignore[attr-defined]
        ).all()
        session.expunge_all()
        return list(rows)


def _state(runtime: Runtime, client_id: int, task: str) -> ModelTraining | None:
    with runtime.db.unit(Scope.system(), write=False) as session:
        state = session.scalars(
            select(ModelTraining).where(
                ModelTraining.client_id == client_id, ModelTraining.task == task
            )
        ).first()
        session.expunge_all()
        return state


def test_growth_rule() -> None:
    assert not grew(12, 12, min_new=3, growth=0.2)
    assert grew(15, 12, min_new=3, growth=0.2)  # 3 new ≥ max(3, ceil(2.4))
    assert not grew(119, 100, min_new=3, growth=0.2)  # 19 new < 20% of 100
    assert grew(120, 100, min_new=3, growth=0.2)
    assert not grew(39, 20, min_new=20, growth=0.2)


def test_intent_model_is_retrained_when_labels_grow(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = _with_model(runtime, "RG")
    retrainer = Retrainer(runtime.db, min_new=3)
    only = [tenant.client_id]
    assert retrainer.run_once(client_ids=only) == []  # 12 labels, model trained on 12

    _labelled(runtime, tenant, [(t, "cancel") for t in MORE_CANCEL])
    (planned,) = retrainer.run_once(dry_run=True, client_ids=only)
    assert (planned.task, planned.reason, planned.outcome) == ("intents", "labels_grew", "due")
    assert (planned.examples, planned.trained_on) == (15, 12)
    assert len(_records(runtime, IntentModelRecord, tenant.client_id)) == 1  # dry run

    (attempt,) = retrainer.run_once(client_ids=only)
    assert attempt.outcome == "trained" and attempt.record_id is not None
    records = _records(runtime, IntentModelRecord, tenant.client_id)
    assert [r.examples for r in records] == [12, 15] and records[-1].id == attempt.record_id
    state = _state(runtime, tenant.client_id, "intents")
    assert state is not None and state.outcome == "trained" and state.claimed_until is None
    assert state.record_id == attempt.record_id and state.reason == "labels_grew"
    with runtime.db.unit(Scope.system(), write=False) as session:
        audit = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "intent_model.trained",
                AuditEntry.object_id == str(attempt.record_id),
            )
        ).one()
        assert audit.actor_label == "retrainer" and audit.client_id == tenant.client_id
    assert retrainer.run_once(client_ids=only) == []  # up to date again


def test_model_status_shows_each_clients_models_and_nothing_of_others(app, runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = _with_model(runtime, "RM")
    _labelled(runtime, tenant, [(t, "cancel") for t in MORE_CANCEL])
    Retrainer(runtime.db, min_new=3).run_once(client_ids=[tenant.client_id])
    other = make_tenant(runtime, "RN")
    (record,) = _records(runtime, IntentModelRecord, tenant.client_id)[-1:]
    _, email = make_user(runtime, Role.SUPERVISOR, [tenant.client_id])
    (row,) = login(app, email).get("/api/v1/insights/models").json()
    assert (row["client_id"], row["task"], row["record_id"]) == (
        tenant.client_id,
        "intents",
        record.id,
    )
    assert row["examples"] == 15 and row["in_use"] and 0.0 <= row["score"] <= 1.0
    assert (
        row["retraining"]["outcome"] == "trained" and row["retraining"]["reason"] == "labels_grew"
    )
    browser = form_login(app, email)
    page = browser.get("/admin/knowledge").text
    table = page.split('id="client-models"', 1)[1].split("</table>", 1)[0]
    assert html.escape(record.version) in table and "réentraîné — étiquettes en hausse" in table
    # the page's form asks for a retraining (CSRF-checked), shown as requested
    form = {"csrf_token": page_csrf(page), "client_id": str(tenant.client_id), "task": "sentiment"}
    asked = browser.post("/admin/knowledge/models/retrain", data=form, follow_redirects=False)
    assert asked.status_code == 303 and asked.headers["location"] == "/admin/knowledge?done=1"
    state = _state(runtime, tenant.client_id, "sentiment")
    assert state is not None and state.requested_at is not None
    assert "demandé" in browser.get("/admin/knowledge").text
    refused = browser.post("/admin/knowledge/models/retrain", data=form | {"task": "mood"})
    assert refused.status_code == 422
    _, stranger = make_user(runtime, Role.SUPERVISOR, [other.client_id])
    client = login(app, stranger)
    assert client.get("/api/v1/insights/models").json() == []
    assert client.get(f"/api/v1/insights/models?client_id={tenant.client_id}").json() == []
    outsider = form_login(app, stranger)
    page = outsider.get("/admin/knowledge").text
    assert "Aucun modèle propre" in page and html.escape(record.version) not in page
    form = {"csrf_token": page_csrf(page), "client_id": str(tenant.client_id), "task": "intents"}
    assert outsider.post("/admin/knowledge/models/retrain", data=form).status_code == 404


def test_a_large_first_intent_model_is_left_to_the_retrainer(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "RF")
    _labelled(runtime, tenant, [(t, "cancel") for t in CANCEL] + [(t, "billing") for t in BILLING])
    conversation_id = _open(runtime, tenant.client_id, tenant.inbox_id, "bghit nlghi l contrat")
    runtime.relay.drain()
    EnrichmentWorker(runtime.db, first_use_max_examples=10).drain()  # 12 labels: not here
    assert _records(runtime, IntentModelRecord, tenant.client_id) == []
    assert enrichments(runtime, conversation_id)[-1].model_versions.get("intent") is None
    retrainer = Retrainer(runtime.db, first_use_max_examples=10)
    (attempt,) = retrainer.run_once(client_ids=[tenant.client_id])
    assert (attempt.task, attempt.reason, attempt.outcome) == ("intents", "first_model", "trained")
    customer_writes(runtime, conversation_id, "bghit nlghi l abonnement dyali")
    runtime.relay.drain()
    EnrichmentWorker(runtime.db, first_use_max_examples=10).drain()
    assert enrichments(runtime, conversation_id)[-1].model_versions["intent"] == attempt.version
    # a small history stays with the enrichment worker, which trains it on first use
    small = make_tenant(runtime, "RE")
    _labelled(runtime, small, [(t, "cancel") for t in CANCEL] + [(t, "billing") for t in BILLING])
    assert Retrainer(runtime.db).plan(client_ids=[small.client_id]) == []
    assert Retrainer(runtime.db, first_use_max_examples=11).plan(client_ids=[small.client_id])


def test_a_model_of_an_older_normaliser_is_retrained(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "RV")
    examples = [(t, "cancel") for t in CANCEL] + [(t, "billing") for t in BILLING]
    _labelled(runtime, tenant, examples)
    model = train(examples, config=IntentConfig(embedding_weight=0.0))
    model.normalizer_version = "darija-normalizer-1"
    with runtime.db.unit(SYSTEM.scope) as session:
        client = session.get(Client, tenant.client_id)
        assert client is not None
        do_store_intent_model(session, actor=SYSTEM, client=client, model=model)
    (attempt,) = Retrainer(runtime.db).run_once(client_ids=[tenant.client_id])
    assert (attempt.reason, attempt.outcome, attempt.trained_on) == (
        "normalizer_changed", "trained", 12,
    )  # fmt: skip
    assert Retrainer(runtime.db).run_once(client_ids=[tenant.client_id]) == []


def test_a_model_of_another_embedding_engine_is_retrained(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "RG")
    examples = [(t, "cancel") for t in CANCEL] + [(t, "billing") for t in BILLING]
    _labelled(runtime, tenant, examples)
    model = train(examples, config=IntentConfig())
    current = default_embedder().version
    # the same weights run by an older engine: the model still loads and serves, but is stale
    model.embedder_version = current.split("+", 1)[0] + "+older-engine-0"
    with runtime.db.unit(SYSTEM.scope) as session:
        client = session.get(Client, tenant.client_id)
        assert client is not None
        do_store_intent_model(session, actor=SYSTEM, client=client, model=model)
    planned = Retrainer(runtime.db).plan(client_ids=[tenant.client_id])
    assert [(due.task, due.reason) for due in planned] == [("intents", "embedder_changed")]
    (attempt,) = Retrainer(runtime.db).run_once(client_ids=[tenant.client_id])
    assert (attempt.reason, attempt.outcome) == ("embedder_changed", "trained")
    with runtime.db.unit(Scope.system(), write=False) as session:
        served = intent_models.model_for(session, client_id=tenant.client_id)
        assert served is not None and served.embedder_version == current
    assert Retrainer(runtime.db).run_once(client_ids=[tenant.client_id]) == []


def test_a_person_asks_for_a_retraining(app, runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = _with_model(runtime, "RQ")
    other = make_tenant(runtime, "RO")
    _, email = make_user(runtime, Role.SUPERVISOR, [tenant.client_id])
    supervisor = login(app, email)
    url = "/api/v1/insights/models/retrain"
    wrong = supervisor.post(url, json={"client_id": tenant.client_id, "task": "mood"})
    assert wrong.status_code == 422 and "intents" in wrong.text
    assert (
        supervisor.post(url, json={"client_id": other.client_id, "task": "intents"}).status_code
        == 404
    )
    _, advisor_email = make_user(runtime, Role.ADVISOR, [tenant.client_id])
    refused = login(app, advisor_email).post(
        url, json={"client_id": tenant.client_id, "task": "intents"}
    )
    assert refused.status_code == 403
    retraining._wake.clear()
    asked = supervisor.post(url, json={"client_id": tenant.client_id, "task": "intents"})
    assert asked.status_code == 202 and asked.json()["requested_at"]
    runtime.relay.drain()  # the job wakes this node's retrainer after the commit
    assert retraining._wake.is_set()
    retraining._wake.clear()
    (attempt,) = Retrainer(runtime.db).run_once(client_ids=[tenant.client_id])
    assert (attempt.reason, attempt.outcome) == ("requested", "trained")  # no label was added
    state = _state(runtime, tenant.client_id, "intents")
    assert state is not None and state.requested_at is None and state.outcome == "trained"
    with runtime.db.unit(Scope.system(), write=False) as session:
        audit = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "model.retrain_requested",
                AuditEntry.client_id == tenant.client_id,
            )
        ).one()
        assert audit.summary == {"task": "intents"}
    assert Retrainer(runtime.db).run_once(client_ids=[tenant.client_id]) == []


def test_labels_seen_once_do_not_count_as_growth(runtime) -> None:  # type: ignore[no-untyped-def]
    """Training drops labels seen once; they must not make the model look stale forever."""
    tenant = make_tenant(runtime, "RS1")
    singles = [("je déménage le mois prochain", "moving"), ("roaming en Espagne ?", "roaming"),
               ("un geste commercial svp", "goodwill")]  # fmt: skip
    _labelled(
        runtime,
        tenant,
        [(t, "cancel") for t in CANCEL] + [(t, "billing") for t in BILLING] + singles,
    )
    report = train_and_store(runtime.db, actor=SYSTEM, client_id=tenant.client_id)
    (record,) = _records(runtime, IntentModelRecord, tenant.client_id)
    assert report.n == 15 and record.examples == 12 and record.metrics["labels_collected"] == 15
    assert Retrainer(runtime.db, min_new=3).run_once(client_ids=[tenant.client_id]) == []


def test_a_model_another_node_is_training_is_left_to_it(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = _with_model(runtime, "RL")
    _labelled(runtime, tenant, [(t, "cancel") for t in MORE_CANCEL])
    with runtime.db.unit(SYSTEM.scope) as session:
        session.add(ModelTraining(client_id=tenant.client_id, task="intents",
                                  claimed_until=utcnow() + timedelta(hours=1)))  # fmt: skip
    (attempt,) = Retrainer(runtime.db, min_new=3).run_once(client_ids=[tenant.client_id])
    assert attempt.outcome == "claimed_elsewhere"
    assert len(_records(runtime, IntentModelRecord, tenant.client_id)) == 1
    with runtime.db.unit(SYSTEM.scope) as session:  # the lease expired: the work is taken up
        state = session.scalars(
            select(ModelTraining).where(ModelTraining.client_id == tenant.client_id)
        ).one()
        state.claimed_until = utcnow() - timedelta(seconds=1)
    (attempt,) = Retrainer(runtime.db, min_new=3).run_once(client_ids=[tenant.client_id])
    assert attempt.outcome == "trained"


def test_first_sentiment_model_and_a_refusal_not_retried(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "RS")
    _reviewed(runtime, tenant, EXAMPLES)  # 36 sentiment reviews, three labels
    with runtime.db.unit(SYSTEM.scope) as session:  # 36 offensive reviews, all one verdict
        conversations = session.scalars(
            select(Conversation).where(
                Conversation.client_id == tenant.client_id,
                Conversation.id != tenant.conversation_id,
            )
        ).all()
        for conversation in conversations:
            do_review_reading(session, actor=SYSTEM, conversation=conversation,
                              data=ReviewIn(field="offensive", decision="accepted"))  # fmt: skip
    retrainer = Retrainer(runtime.db)
    attempts = {a.task: a for a in retrainer.run_once(client_ids=[tenant.client_id])}
    assert set(attempts) == {"sentiment", "offensive"}  # no intent model: first use trains it
    sentiment, offensive = attempts["sentiment"], attempts["offensive"]
    assert (sentiment.reason, sentiment.outcome, sentiment.examples) == (
        "first_model",
        "trained",
        36,
    )
    (record,) = _records(runtime, LabelerModelRecord, tenant.client_id)
    assert record.id == sentiment.record_id and record.task == "sentiment"
    assert offensive.outcome == "not_enough_examples" and "two labels" in (offensive.detail or "")
    state = _state(runtime, tenant.client_id, "offensive")
    assert state is not None and state.outcome == "not_enough_examples" and state.examples == 36
    assert retrainer.run_once(client_ids=[tenant.client_id]) == []  # nothing changed since


def test_train_auto_command(tmp_path: Path) -> None:
    def populate(runtime: Runtime, tenant: Tenant) -> None:
        _labelled(
            runtime, tenant, [(t, "cancel") for t in CANCEL] + [(t, "billing") for t in BILLING]
        )
        train_and_store(runtime.db, actor=SYSTEM, client_id=tenant.client_id)
        _labelled(runtime, tenant, [(f"{t} ({n})", "billing") for n in range(4) for t in BILLING])

    slug = embedded_client(tmp_path, "RC", populate)
    runner = CliRunner()
    args = ["train", "auto", "--data-dir", str(tmp_path), "--json"]
    result = runner.invoke(app, [*args, "--dry-run"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["dry_run"] is True
    assert [(a["client"], a["task"], a["reason"], a["examples"], a["trained_on"], a["outcome"])
            for a in report["attempts"]] == [(slug, "intents", "labels_grew", 36, 12, "due")]  # fmt: skip
    result = runner.invoke(app, [*args, "--client", slug])
    assert result.exit_code == 0, result.output
    (attempt,) = json.loads(result.stdout)["attempts"]
    assert attempt["outcome"] == "trained" and attempt["version"] and attempt["record_id"]
    result = runner.invoke(app, ["train", "auto", "--data-dir", str(tmp_path)])
    assert result.exit_code == 0 and "No model is due" in result.output
    result = runner.invoke(app, [*args, "--client", "nope"])
    assert result.exit_code == 1 and "no client with slug 'nope'" in result.output


def test_each_node_runs_a_retrainer_unless_disabled(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tawasol.db'}"
    upgrade(url)
    for interval, expected in ((600.0, True), (0.0, False)):
        node = Runtime.build(settings_for(tmp_path, url, retrain_interval_seconds=interval))
        node.start_workers(idle_seconds=0.2)
        threads = list(node.threads)
        try:
            names = {thread.name for thread in threads}
            assert ("retrainer" in names) is expected and "enrichment" in names
        finally:
            node.close()
        assert not any(t.is_alive() for t in threads if t.name == "retrainer")  # stops at once
