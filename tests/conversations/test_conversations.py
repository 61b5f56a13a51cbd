"""Conversations through the API: opening, replying, notes, assignment, status, tags,
reporting events, events after commit, and keyset pagination."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.db.types import utcnow
from tawasol.models.conversation import Conversation
from tawasol.models.outbox import OutboxEvent
from tawasol.models.vocabulary import Role
from tests.factories import login, make_tenant, make_user


def _supervisor(app, runtime):  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "CV")
    _, email = make_user(runtime, Role.SUPERVISOR, [tenant.client_id])
    return login(app, email), tenant


def _events(client, tenant, conversation_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    response = client.get(
        "/api/v1/reporting-events",
        params={"client_id": tenant.client_id, "conversation_id": conversation_id},
    )
    return [e["type"] for e in response.json()["items"]]


def test_reply_note_assign_resolve_reopen(app, runtime) -> None:  # type: ignore[no-untyped-def]
    client, t = _supervisor(app, runtime)
    opened = client.post("/api/v1/conversations", json={
        "inbox_id": t.inbox_id, "contact_id": t.contact_id, "subject": "Facture",
        "text": "salam, bghit n3ref 3lach lfactura ghalya had chhar", "language": "ary",
        "provider_message_id": "prov-1"})  # fmt: skip
    assert opened.status_code == 201
    conv = opened.json()["id"]
    again = client.post("/api/v1/conversations", json={
        "inbox_id": t.inbox_id, "contact_id": t.contact_id, "text": "same message",
        "provider_message_id": "prov-1"})  # fmt: skip
    assert again.status_code == 200 and again.json()["id"] == conv  # redelivery, no duplicate

    reply = client.post(f"/api/v1/conversations/{conv}/messages",
                        json={"text": "Merhba, ghadi nchouf m3ak.", "html": "<b>Merhba</b>"})  # fmt: skip
    assert reply.status_code == 201 and reply.json()["direction"] == "outbound"
    client.post(f"/api/v1/conversations/{conv}/messages", json={"kind": "note", "text": "@lead"})
    assert client.get(f"/api/v1/conversations/{conv}").json()["first_response_at"]

    assigned = client.post(f"/api/v1/conversations/{conv}/assign",
                           json={"assignee_id": t.advisor_id, "team_id": t.team_id})  # fmt: skip
    assert assigned.json()["assignee_id"] == t.advisor_id
    assert assigned.json()["team_id"] == t.team_id
    assert client.post(f"/api/v1/conversations/{conv}/status",
                       json={"status": "resolved"}).json()["resolved_at"]  # fmt: skip
    reopened = client.post(f"/api/v1/conversations/{conv}/status", json={"status": "open"})
    assert reopened.json()["resolved_at"] is None
    assert _events(client, t, conv) == [
        "conversation_created", "first_response", "assigned", "resolved", "reopened"]  # fmt: skip

    messages = client.get(f"/api/v1/conversations/{conv}/messages").json()["items"]
    assert [m["kind"] for m in messages] == ["message", "message", "note"]
    assert messages[1]["html"] == "<b>Merhba</b>"


def test_snooze_needs_a_future_time(app, runtime) -> None:  # type: ignore[no-untyped-def]
    client, t = _supervisor(app, runtime)
    url = f"/api/v1/conversations/{t.conversation_id}/status"
    bad = client.post(url, json={"status": "snoozed"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_snooze"
    until = (utcnow() + timedelta(hours=2)).isoformat()
    ok = client.post(url, json={"status": "snoozed", "snooze_until": until})
    assert ok.status_code == 200 and ok.json()["snoozed_until"]


def test_closed_conversation_refuses_replies(app, runtime) -> None:  # type: ignore[no-untyped-def]
    client, t = _supervisor(app, runtime)
    client.post(f"/api/v1/conversations/{t.conversation_id}/status", json={"status": "closed"})
    refused = client.post(f"/api/v1/conversations/{t.conversation_id}/messages",
                          json={"text": "hello"})  # fmt: skip
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "closed"


def test_advisor_takes_only_for_self_and_only_if_certified(app, runtime) -> None:  # type: ignore[no-untyped-def]
    t = make_tenant(runtime, "AS")
    other, _ = make_user(runtime, Role.ADVISOR, [t.client_id])
    uncertified, _ = make_user(runtime, Role.ADVISOR, [t.client_id], certified=False)
    advisor = login(app, t.advisor_email)
    url = f"/api/v1/conversations/{t.conversation_id}/assign"
    assert advisor.post(url, json={"assignee_id": other}).status_code == 403
    assert advisor.post(url, json={"assignee_id": t.advisor_id}).status_code == 200
    _, sup_email = make_user(runtime, Role.SUPERVISOR, [t.client_id])
    supervisor = login(app, sup_email)
    refused = supervisor.post(url, json={"assignee_id": uncertified})
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "not_certified"
    transferred = supervisor.post(url, json={"assignee_id": other, "note": "langue: es"})
    assert transferred.status_code == 200
    assert _events(supervisor, t, t.conversation_id)[-1] == "transferred"


def test_tags_are_normalised_and_filterable(app, runtime) -> None:  # type: ignore[no-untyped-def]
    client, t = _supervisor(app, runtime)
    url = f"/api/v1/conversations/{t.conversation_id}/tags"
    assert client.post(url, json={"tags": [" Roaming ", "roaming", "VIP"]}).json()["tags"] == [
        "roaming", "tagcv", "vip"]  # fmt: skip
    found = client.get("/api/v1/conversations", params={"client_id": t.client_id, "tag": "VIP"})
    assert [c["id"] for c in found.json()["items"]] == [t.conversation_id]
    assert client.delete(f"{url}/vip").status_code == 200
    assert client.delete(f"{url}/vip").status_code == 409
    bad = client.post(url, json={"tags": ["<script>"]})
    assert bad.status_code == 422 and bad.json()["error"]["fields"][0]["path"] == "body.tags.0"


def test_keyset_pagination_walks_every_row_once(app, runtime) -> None:  # type: ignore[no-untyped-def]
    client, t = _supervisor(app, runtime)
    for i in range(23):
        client.post("/api/v1/conversations", json={
            "inbox_id": t.inbox_id, "contact_id": t.contact_id, "text": f"message {i}"})  # fmt: skip
    seen: list[int] = []
    cursor = None
    while True:
        params = {"client_id": t.client_id, "limit": 5, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/conversations", params=params).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 24
    with runtime.db.unit(Scope.system(), write=False) as session:
        ordered = session.scalars(
            select(Conversation.id)
            .where(Conversation.client_id == t.client_id)
            .order_by(Conversation.last_message_at.desc(), Conversation.id.desc())
        ).all()
    assert seen == list(ordered)


def test_events_reach_the_bus_only_after_commit(app, runtime) -> None:  # type: ignore[no-untyped-def]
    client, t = _supervisor(app, runtime)
    runtime.relay.drain()
    subscription = runtime.bus.subscribe([f"client:{t.client_id}", f"agent:{t.advisor_id}"])
    try:
        client.post(f"/api/v1/conversations/{t.conversation_id}/assign",
                    json={"assignee_id": t.advisor_id})  # fmt: skip
        # A failed request leaves nothing behind in the outbox.
        before = _pending(runtime)
        client.post(f"/api/v1/conversations/{t.conversation_id}/status", json={"status": "zzz"})
        assert _pending(runtime) == before
        assert runtime.relay.drain() >= 1
        got = [subscription.get(timeout=1) for _ in range(2)]
        assert {m["type"] for m in got if m} == {"conversation.assigned"}
        assert all(m["payload"]["conversation_id"] == t.conversation_id for m in got if m)
    finally:
        subscription.close()


def _pending(runtime) -> int:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        return len(
            session.scalars(select(OutboxEvent.id).where(OutboxEvent.published_at.is_(None))).all()
        )
