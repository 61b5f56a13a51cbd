"""Knowledge-base material for a test client: one article, one macro, one stored suggestion."""

from __future__ import annotations

from dataclasses import dataclass

from tawasol.auth.actor import Actor
from tawasol.copilot.actions import do_create_article, do_create_macro
from tawasol.copilot.schemas import ArticleIn, MacroIn
from tawasol.db.tenancy import Scope
from tawasol.models.client import Client
from tawasol.models.conversation import Conversation
from tawasol.models.knowledge import CopilotSuggestion
from tawasol.nlp.enrichment.intent_store import do_store_intent_model
from tawasol.nlp.intent import IntentConfig, train
from tawasol.runtime import Runtime


@dataclass(frozen=True)
class KnowledgeIds:
    article_id: int
    macro_id: int
    suggestion_id: int


def make_knowledge(
    runtime: Runtime, *, client_id: int, conversation_id: int, marker: str = ""
) -> KnowledgeIds:
    system = Actor.system("tests")
    with runtime.db.unit(Scope.system()) as session:
        client = session.get(Client, client_id)
        assert client is not None
        article = do_create_article(
            session, actor=system, client=client,
            data=ArticleIn(client_id=client_id, title=f"Livraison {marker}".strip(), language="fr",
                           body="La livraison prend 48 heures.\n\nLe suivi arrive par SMS."),
        )  # fmt: skip
        macro = do_create_macro(
            session, actor=system, client=client,
            data=MacroIn(client_id=client_id, name=f"Merci {marker}".strip(),
                         bodies={"fr": "Merci {{contact.name}} !"}, add_tags=["merci"]),
        )  # fmt: skip
        suggestion = CopilotSuggestion(
            client_id=client_id, conversation_id=conversation_id, kind="reply",
            content=f"Bonjour {marker}", sources=[], details={}, model="tests", model_version="t1",
        )  # fmt: skip
        session.add(suggestion)
        session.flush()
        return KnowledgeIds(article.id, macro.id, suggestion.id)


def set_intent(runtime: Runtime, conversation_id: int, intent: str | None) -> None:
    """The conversation's intent, as the enrichment or an advisor would have set it."""
    with runtime.db.unit(Scope.system()) as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        conversation.intent = intent


def store_intent_model(runtime: Runtime, client_id: int, examples: list[tuple[str, str]]) -> None:
    """A small lexical intent model for the client, trained on ``examples`` and stored as its
    newest model."""
    model = train(examples, config=IntentConfig(embedding_weight=0.0))
    with runtime.db.unit(Scope.system()) as session:
        client = session.get(Client, client_id)
        assert client is not None
        do_store_intent_model(session, actor=Actor.system("tests"), client=client, model=model)
