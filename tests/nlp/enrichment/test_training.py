"""Per-client intent models: labels from the client's history, training, storage, and the
enrichment job switching to the newest model."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tawasol.contacts.actions import do_create_contact
from tawasol.contacts.schemas import ContactIn, IdentityIn
from tawasol.conversations.actions import do_add_tags, do_open_conversation
from tawasol.conversations.schemas import ConversationIn
from tawasol.copilot.macro_history import record_use
from tawasol.db.tenancy import Scope
from tawasol.errors import Invalid
from tawasol.models.audit import AuditEntry
from tawasol.models.client import Client
from tawasol.models.conversation import Conversation
from tawasol.models.enrichment import ConversationInsight, IntentModelRecord
from tawasol.models.inbox import Inbox
from tawasol.models.knowledge import MacroUse
from tawasol.nlp.enrichment.intent_store import (
    IntentModelCache,
    do_store_intent_model,
    intent_models,
)
from tawasol.nlp.enrichment.labels import count_intent_examples, intent_examples
from tawasol.nlp.enrichment.training import train_client_intents
from tawasol.nlp.intent import IntentConfig, train
from tawasol.runtime import Runtime
from tests.copilot.factories import make_knowledge
from tests.factories import SYSTEM, detached, make_tenant, unique
from tests.nlp.enrichment.helpers import customer_writes, enrichments, settle

CANCEL = [
    "je veux résilier mon abonnement",
    "bghit nlghi l abonnement dyali",
    "merci d'annuler mon forfait",
    "kifach nlghi l contrat",
    "annulez mon abonnement svp",
    "bghit nsed l compte dyali",
]
BILLING = [
    "ma facture est trop élevée",
    "lfactura ghalya bzaf had chhar",
    "pourquoi ma facture a augmenté",
    "3lach khlesst had lflous f lfactura",
    "erreur sur ma facture de mars",
    "facture incorrecte, montant double",
]


def _open(runtime: Runtime, client_id: int, inbox_id: int, text: str) -> int:
    with runtime.db.unit(SYSTEM.scope) as session:
        client, inbox = session.get(Client, client_id), session.get(Inbox, inbox_id)
        assert client is not None and inbox is not None
        contact = do_create_contact(
            session, actor=SYSTEM, client=client,
            data=ContactIn(client_id=client_id, name="C", identities=[
                IdentityIn(kind="email", value=f"{unique('c')}@example.com")]),
        )  # fmt: skip
        conversation, _, _ = do_open_conversation(
            session, actor=SYSTEM, inbox=inbox, contact=contact,
            data=ConversationIn(inbox_id=inbox_id, contact_id=contact.id, text=text),
        )  # fmt: skip
        return conversation.id


def _label(runtime: Runtime, conversation_id: int, *, intent: str | None = None,
           tag: str | None = None, machine: bool = False) -> None:  # fmt: skip
    with runtime.db.unit(SYSTEM.scope) as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        if intent:
            conversation.intent = intent
        if machine:
            session.add(ConversationInsight(client_id=conversation.client_id,
                                            conversation_id=conversation_id, language_shares={},
                                            machine_intent=intent))  # fmt: skip
        if tag:
            do_add_tags(session, actor=SYSTEM, conversation=conversation, tags=[tag])


@pytest.fixture()
def labelled(runtime: Runtime):  # type: ignore[no-untyped-def]
    settle(runtime)
    tenant = make_tenant(runtime, "IT")
    for label, texts in (("cancel", CANCEL), ("billing", BILLING)):
        for index, text in enumerate(texts):
            conversation_id = _open(runtime, tenant.client_id, tenant.inbox_id, text)
            if index == 0:  # labelled by a tag that names a known intent
                _label(runtime, conversation_id, tag=label)
            else:
                _label(runtime, conversation_id, intent=label)
    return tenant


def test_labels_come_from_people_not_from_the_model(runtime, labelled) -> None:  # type: ignore[no-untyped-def]
    phone = _open(runtime, labelled.client_id, labelled.inbox_id, "appelez-moi au 0612345678")
    _label(runtime, phone, intent="callback")
    guessed = _open(runtime, labelled.client_id, labelled.inbox_id, "bonjour")
    _label(runtime, guessed, intent="cancel", machine=True)
    other = make_tenant(runtime, "IO")
    _label(runtime, other.conversation_id, intent="cancel")
    with runtime.db.unit(Scope.system(), write=False) as session:
        examples = intent_examples(session, client_id=labelled.client_id)
        counted = count_intent_examples(session, client_id=labelled.client_id)
    assert counted == len(examples)  # the retrainer's count, without reading any text
    assert ("appelez-moi au [PHONE]", "callback") in examples  # redacted before training
    assert ("bonjour", "cancel") not in examples  # the model's own guess
    assert {text for text, _ in examples} >= set(CANCEL) | set(BILLING)  # tags included
    assert all(other.marker not in text for text, _ in examples)  # never another client's


def test_trained_model_is_stored_and_used_by_the_job(runtime, labelled) -> None:  # type: ignore[no-untyped-def]
    with runtime.db.unit(SYSTEM.scope) as session:
        client = session.get(Client, labelled.client_id)
        assert client is not None
        report = train_client_intents(session, actor=SYSTEM, client=client)
    assert report.n == 12 and report.labels == {"billing": 6, "cancel": 6}
    assert report.accuracy is not None and 0.5 <= report.accuracy <= 1.0
    with runtime.db.unit(Scope.system(), write=False) as session:
        record = session.scalars(
            select(IntentModelRecord).where(IntentModelRecord.client_id == labelled.client_id)
        ).one()
        assert record.version == report.version and record.examples == 12
        model = intent_models.model_for(session, client_id=labelled.client_id)
        assert model is not None and model.version == report.version

    conversation_id = _open(runtime, labelled.client_id, labelled.inbox_id, "salam")
    customer_writes(runtime, conversation_id, "bghit nlghi l abonnement dyali 3afak")
    # an advisor applied a macro before the intent was read: the use follows the intent
    kb = make_knowledge(runtime, client_id=labelled.client_id, conversation_id=conversation_id)
    with runtime.db.unit(Scope.system()) as session:
        use = record_use(session, macro_id=kb.macro_id, client_id=labelled.client_id,
                         conversation_id=conversation_id, user_id=None, intent=None)  # fmt: skip
        session.flush()
        use_id = use.id
    settle(runtime)
    assert detached(runtime, MacroUse, use_id).intent == "cancel"
    latest = enrichments(runtime, conversation_id)[-1]
    assert latest.model_versions["intent"] == report.version
    assert latest.intent == "cancel" and latest.intent_confidence
    with runtime.db.unit(Scope.system(), write=False) as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None and conversation.intent == "cancel"
        insight = session.scalars(
            select(ConversationInsight).where(
                ConversationInsight.conversation_id == conversation_id
            )
        ).one()
        assert insight.machine_intent == "cancel"  # so it never becomes a training label


def test_too_few_labels_is_a_clear_error(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "IN")
    with runtime.db.unit(SYSTEM.scope) as session:
        client = session.get(Client, tenant.client_id)
        assert client is not None
        with pytest.raises(Invalid, match="too few labelled"):
            train_client_intents(session, actor=SYSTEM, client=client)


def test_the_worker_trains_a_client_without_a_model_on_first_use(runtime, labelled) -> None:  # type: ignore[no-untyped-def]
    conversation_id = _open(runtime, labelled.client_id, labelled.inbox_id, "bghit nlghi l contrat")
    settle(runtime)
    with runtime.db.unit(Scope.system(), write=False) as session:
        record = session.scalars(
            select(IntentModelRecord).where(IntentModelRecord.client_id == labelled.client_id)
        ).one()
        assert record.examples == 12
        audit = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "intent_model.trained", AuditEntry.object_id == str(record.id)
            )
        ).one()
        assert audit.client_id == labelled.client_id
    latest = enrichments(runtime, conversation_id)[-1]
    assert latest.model_versions["intent"] == record.version and latest.intent == "cancel"


def test_a_model_trained_with_an_older_normaliser_is_flagged(runtime, caplog) -> None:  # type: ignore[no-untyped-def]
    client_id = make_tenant(runtime, "NV").client_id
    examples = [(text, "cancel") for text in CANCEL] + [(text, "billing") for text in BILLING]
    cache = IntentModelCache()
    for normaliser, flagged in ((None, False), ("darija-normalizer-1", True)):
        model = train(examples, config=IntentConfig(embedding_weight=0.0))
        if normaliser:
            model.normalizer_version = normaliser
        with runtime.db.unit(SYSTEM.scope) as session:
            client = session.get(Client, client_id)
            assert client is not None
            do_store_intent_model(session, actor=SYSTEM, client=client, model=model)
        caplog.clear()
        with runtime.db.unit(Scope.system(), write=False) as session:
            assert cache.model_for(session, client_id=client_id) is not None
        warned = [
            r.getMessage() for r in caplog.records if "trained with normaliser" in r.getMessage()
        ]
        assert bool(warned) is flagged
        if flagged:
            assert "darija-normalizer-1" in warned[0] and "tawasol train intents" in warned[0]
