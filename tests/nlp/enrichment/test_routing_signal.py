"""An offensive reading makes a waiting conversation hard for routing (heard again); one an
advisor already holds stays with them, and the console is told through the event."""

from __future__ import annotations

from tawasol.db.tenancy import Scope
from tawasol.models.conversation import Conversation
from tawasol.routing.feed import routed_item
from tests.factories import make_tenant
from tests.nlp.enrichment.helpers import customer_writes, outbox, settle

DISAPPOINTED = "Votre service est nul, je suis très déçu"
INSULT = "espèce de connard, vous êtes des voleurs"


def test_an_offensive_message_reroutes_a_waiting_conversation(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "RA")
    customer_writes(runtime, tenant.conversation_id, DISAPPOINTED)
    settle(runtime)
    opened = len(outbox(runtime, "routing.opened", tenant.conversation_id))
    customer_writes(runtime, tenant.conversation_id, INSULT)  # same language and mood
    settle(runtime)
    assert len(outbox(runtime, "routing.opened", tenant.conversation_id)) == opened + 1
    assert outbox(runtime, "conversation.enriched", tenant.conversation_id)[-1].payload["offensive"]
    with runtime.db.unit(Scope.system(), write=False) as session:
        conversation = session.get(Conversation, tenant.conversation_id)
        assert conversation is not None
        assert routed_item(session, conversation).abusive


def test_a_held_conversation_is_not_rerouted_but_its_advisor_is_told(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "RB")
    customer_writes(runtime, tenant.conversation_id, DISAPPOINTED)
    settle(runtime)
    with runtime.db.unit(Scope.system()) as session:
        conversation = session.get(Conversation, tenant.conversation_id)
        assert conversation is not None
        conversation.assignee_id = tenant.advisor_id
    opened = len(outbox(runtime, "routing.opened", tenant.conversation_id))
    customer_writes(runtime, tenant.conversation_id, INSULT)
    settle(runtime)
    assert len(outbox(runtime, "routing.opened", tenant.conversation_id)) == opened
    event = outbox(runtime, "conversation.enriched", tenant.conversation_id)[-1]
    assert event.payload["offensive"] is True
    assert f"agent:{tenant.advisor_id}" in event.recipients
