"""GET /conversations/{id}/insights: the conversation view's AI reading, per message."""

from __future__ import annotations

from tawasol.models.vocabulary import Role
from tests.factories import login, make_tenant, make_user
from tests.nlp.enrichment.helpers import customer_writes, settle


def test_insights_of_an_enriched_conversation(app, runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "EA")
    client = login(app, tenant.advisor_email)
    before = client.get(f"/api/v1/conversations/{tenant.conversation_id}/insights")
    assert before.status_code == 200  # not enriched yet: the relay has not run
    assert before.json()["messages"] == [] and before.json()["intent"] is None

    message_id = customer_writes(
        runtime, tenant.conversation_id,
        "salam, 3yit mn had service khayb, 3iyto liya f 0612345678 daba",
    )  # fmt: skip
    settle(runtime)
    body = client.get(f"/api/v1/conversations/{tenant.conversation_id}/insights").json()
    assert body["conversation_id"] == tenant.conversation_id
    assert body["language"]["code"] == "ary" and body["sentiment"] == "negative"
    assert body["intent"] is None and body["offensive"] is False  # no model trained yet
    latest = body["messages"][-1]
    assert latest["message_id"] == message_id and latest["pii_types"] == ["PHONE"]
    assert latest["language"] == "ary" and latest["intent"] is None
    assert set(latest["model_versions"]) >= {"language", "sentiment", "offensive", "pii"}
    assert latest["enriched_at"]
    assert "0612345678" not in str(body)


def test_insights_of_another_clients_conversation_are_not_found(app, runtime) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = make_tenant(runtime, "EM"), make_tenant(runtime, "EO")
    _, email = make_user(runtime, Role.SUPERVISOR, [mine.client_id])
    response = login(app, email).get(f"/api/v1/conversations/{theirs.conversation_id}/insights")
    assert response.status_code == 404
