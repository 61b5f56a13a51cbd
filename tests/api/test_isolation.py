"""Tenant isolation over every API route: a user of client A, holding every permission but
reaching only A, calls each route with client B's ids and filters. Each call must answer 404,
an empty list, or a refusal, and no response may contain anything of B."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tawasol.models.vocabulary import Role
from tests.api.test_permissions import WIDGET_ROUTES, widget_url
from tests.copilot.factories import KnowledgeIds, make_knowledge
from tests.factories import Tenant, login, make_tenant, make_user
from tests.users.factories import make_mention


@dataclass(frozen=True)
class Call:
    method: str
    route: str  # the OpenAPI path this call exercises
    url: str
    body: dict[str, Any] | None = None
    expect: str = "404"  # "404", "empty" (a list with no items), or an HTTP status as text


def _calls(
    a: Tenant, b: Tenant, b_token_id: int, b_merge_id: int, *, kb: KnowledgeIds, b_mention_id: int
) -> list[Call]:
    conv_b, conv_a = (
        f"/api/v1/conversations/{b.conversation_id}",
        f"/api/v1/conversations/{a.conversation_id}",
    )
    user_b = f"/api/v1/users/{b.advisor_id}"
    return [
        Call("GET", "/healthz", "/healthz", expect="200"),
        Call("GET", "/readyz", "/readyz", expect="200"),
        Call("POST", "/api/v1/auth/login", "/api/v1/auth/login",
             {"email": b.advisor_email, "password": "wrong-password"}, expect="401"),
        Call("POST", "/api/v1/auth/password", "/api/v1/auth/password",
             {"current_password": "not-it", "new_password": "another-long-pass"}, expect="401"),
        Call("GET", "/api/v1/me", "/api/v1/me", expect="200"),
        Call("GET", "/api/v1/tokens", "/api/v1/tokens", expect="200"),
        Call("POST", "/api/v1/tokens", "/api/v1/tokens", {"name": "mine", "scopes": ["read"]},
             expect="201"),
        Call("DELETE", "/api/v1/tokens/{token_id}", f"/api/v1/tokens/{b_token_id}"),
        Call("GET", "/api/v1/clients", "/api/v1/clients", expect="200"),
        Call("POST", "/api/v1/clients", "/api/v1/clients",
             {"name": "B again", "slug": f"brand-{b.marker}".lower()}, expect="403"),
        Call("GET", "/api/v1/clients/{client_id}", f"/api/v1/clients/{b.client_id}"),
        Call("PATCH", "/api/v1/clients/{client_id}", f"/api/v1/clients/{b.client_id}",
             {"name": "renamed"}),
        Call("GET", "/api/v1/inboxes", f"/api/v1/inboxes?client_id={b.client_id}", expect="empty"),
        Call("POST", "/api/v1/inboxes", "/api/v1/inboxes",
             {"client_id": b.client_id, "name": "x", "channel": "sms"}),
        Call("GET", "/api/v1/inboxes/{inbox_id}", f"/api/v1/inboxes/{b.inbox_id}"),
        Call("GET", "/api/v1/inboxes/{inbox_id}/raw-emails",
             f"/api/v1/inboxes/{b.inbox_id}/raw-emails"),
        Call("GET", "/api/v1/inboxes/{inbox_id}/raw-emails/{raw_email_id}",
             f"/api/v1/inboxes/{b.inbox_id}/raw-emails/1"),
        Call("POST", "/api/v1/inboxes/{inbox_id}/raw-emails/{raw_email_id}/resolve",
             f"/api/v1/inboxes/{b.inbox_id}/raw-emails/1/resolve"),
        Call("GET", "/api/v1/inboxes/{inbox_id}/email-status",
             f"/api/v1/inboxes/{b.inbox_id}/email-status"),
        Call("PATCH", "/api/v1/inboxes/{inbox_id}", f"/api/v1/inboxes/{b.inbox_id}",
             {"name": "renamed"}),
        Call("GET", "/api/v1/users", f"/api/v1/users?client_id={b.client_id}", expect="empty"),
        Call("GET", "/api/v1/users", f"/api/v1/users?q={b.advisor_email}", expect="empty"),
        Call("POST", "/api/v1/users", "/api/v1/users",
             {"email": "new.user@tests.tawasol.ma", "full_name": "N", "role": "advisor",
              "password": "a-long-password-1", "clients": [{"client_id": b.client_id}]}),
        Call("GET", "/api/v1/users/{user_id}", user_b),
        Call("PATCH", "/api/v1/users/{user_id}", user_b, {"full_name": "renamed"}),
        Call("PUT", "/api/v1/users/{user_id}/clients", f"{user_b}/clients", {"clients": []}),
        Call("PUT", "/api/v1/users/{user_id}/clients", f"/api/v1/users/{a.advisor_id}/clients",
             {"clients": [{"client_id": a.client_id}, {"client_id": b.client_id}]}),
        Call("PUT", "/api/v1/users/{user_id}/skills", f"{user_b}/skills",
             {"languages": [{"language": "ary", "proficiency": 5}]}),
        Call("GET", "/api/v1/teams", f"/api/v1/teams?client_id={b.client_id}", expect="empty"),
        Call("POST", "/api/v1/teams", "/api/v1/teams", {"client_id": b.client_id, "name": "t"}),
        Call("GET", "/api/v1/teams/{team_id}", f"/api/v1/teams/{b.team_id}"),
        Call("PUT", "/api/v1/teams/{team_id}/members", f"/api/v1/teams/{b.team_id}/members",
             {"user_ids": []}),
        Call("PUT", "/api/v1/teams/{team_id}/members", f"/api/v1/teams/{a.team_id}/members",
             {"user_ids": [b.advisor_id]}),
        Call("GET", "/api/v1/mentions", "/api/v1/mentions", expect="empty"),
        Call("POST", "/api/v1/mentions/{mention_id}/read", f"/api/v1/mentions/{b_mention_id}/read"),
        Call("GET", "/api/v1/contacts", f"/api/v1/contacts?client_id={b.client_id}", expect="empty"),
        Call("GET", "/api/v1/contacts", f"/api/v1/contacts?email={b.marker}@example.com",
             expect="empty"),
        Call("GET", "/api/v1/contacts", f"/api/v1/contacts?q={b.marker}", expect="empty"),
        Call("POST", "/api/v1/contacts", "/api/v1/contacts",
             {"client_id": b.client_id, "name": "x"}),
        Call("GET", "/api/v1/contacts/{contact_id}", f"/api/v1/contacts/{b.contact_id}"),
        Call("POST", "/api/v1/contacts/{contact_id}/identities",
             f"/api/v1/contacts/{b.contact_id}/identities", {"kind": "email", "value": "x@y.ma"}),
        # B's email on an A contact is fine (identities are per client) and must not reveal B.
        Call("POST", "/api/v1/contacts/{contact_id}/identities",
             f"/api/v1/contacts/{a.contact_id}/identities",
             {"kind": "email", "value": f"{b.marker}@example.com"}, expect="201"),
        Call("POST", "/api/v1/contacts/{contact_id}/consents",
             f"/api/v1/contacts/{b.contact_id}/consents", {"purpose": "marketing", "granted": True}),
        Call("POST", "/api/v1/contacts/{contact_id}/merge", f"/api/v1/contacts/{a.contact_id}/merge",
             {"other_contact_id": b.contact_id}),
        Call("POST", "/api/v1/contacts/{contact_id}/merge", f"/api/v1/contacts/{b.contact_id}/merge",
             {"other_contact_id": a.contact_id}),
        Call("POST", "/api/v1/contacts/merges/{merge_id}/undo",
             f"/api/v1/contacts/merges/{b_merge_id}/undo"),
        Call("GET", "/api/v1/conversations", f"/api/v1/conversations?client_id={b.client_id}",
             expect="empty"),
        Call("GET", "/api/v1/conversations", f"/api/v1/conversations?inbox_id={b.inbox_id}",
             expect="empty"),
        Call("GET", "/api/v1/conversations", "/api/v1/conversations?tag=tagb", expect="empty"),
        Call("GET", "/api/v1/conversations", f"/api/v1/conversations?assignee_id={b.advisor_id}",
             expect="empty"),
        Call("POST", "/api/v1/conversations", "/api/v1/conversations",
             {"inbox_id": b.inbox_id, "contact_id": b.contact_id, "text": "x"}),
        Call("POST", "/api/v1/conversations", "/api/v1/conversations",
             {"inbox_id": a.inbox_id, "contact_id": b.contact_id, "text": "x"}),
        Call("GET", "/api/v1/conversations/{conversation_id}", conv_b),
        Call("POST", "/api/v1/conversations/{conversation_id}/assign", f"{conv_b}/assign",
             {"assignee_id": None}),
        Call("POST", "/api/v1/conversations/{conversation_id}/assign", f"{conv_a}/assign",
             {"assignee_id": b.advisor_id}),
        Call("POST", "/api/v1/conversations/{conversation_id}/assign", f"{conv_a}/assign",
             {"assignee_id": None, "team_id": b.team_id}),
        Call("POST", "/api/v1/conversations/{conversation_id}/status", f"{conv_b}/status",
             {"status": "resolved"}),
        Call("POST", "/api/v1/conversations/{conversation_id}/tags", f"{conv_b}/tags",
             {"tags": ["x"]}),
        Call("DELETE", "/api/v1/conversations/{conversation_id}/tags/{tag}", f"{conv_b}/tags/tagb"),
        Call("GET", "/api/v1/conversations/{conversation_id}/messages", f"{conv_b}/messages"),
        Call("GET", "/api/v1/conversations/{conversation_id}/insights", f"{conv_b}/insights"),
        Call("GET", "/api/v1/conversations/{conversation_id}/attachments/{sha256}",
             f"{conv_b}/attachments/{'0' * 64}"),
        Call("POST", "/api/v1/conversations/{conversation_id}/messages", f"{conv_b}/messages",
             {"text": "hi"}),
        Call("GET", "/api/v1/reporting-events",
             f"/api/v1/reporting-events?client_id={b.client_id}", expect="empty"),
        Call("GET", "/api/v1/reporting-events",
             f"/api/v1/reporting-events?conversation_id={b.conversation_id}", expect="empty"),
        Call("GET", "/api/v1/audit-entries", f"/api/v1/audit-entries?client_id={b.client_id}",
             expect="empty"),
        Call("GET", "/api/v1/audit-entries",
             f"/api/v1/audit-entries?object_type=conversation&object_id={b.conversation_id}",
             expect="empty"),
        # Webhooks answer to an inbox key and a provider signature, never to a user's session.
        Call("GET", "/webhooks/whatsapp/{public_key}",
             f"/webhooks/whatsapp/{b.inbox_key}?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1"),
        Call("POST", "/webhooks/{channel}/{public_key}", f"/webhooks/whatsapp/{b.inbox_key}", {}),
        Call("POST", "/webhooks/{channel}/{public_key}", f"/webhooks/email/{b.inbox_key}", {},
             expect="404"),
        Call("POST", "/api/v1/conversations/{conversation_id}/typing", f"{conv_b}/typing",
             {"typing": True}),
        Call("GET", "/api/v1/presence", f"/api/v1/presence?client_id={b.client_id}",
             expect="empty"),
        Call("GET", "/api/v1/wfm/adherence",
             f"/api/v1/wfm/adherence?client_id={b.client_id}&date=2026-11-27"),
        Call("PUT", "/api/v1/presence/me", "/api/v1/presence/me", {"state": "available"},
             expect="422"),  # an admin has no routing presence
        Call("PUT", "/api/v1/presence/{user_id}", f"/api/v1/presence/{b.advisor_id}",
             {"state": "offline"}),
        Call("POST", "/api/v1/routing/take-next", "/api/v1/routing/take-next", expect="409"),
        Call("POST", "/api/v1/routing/override", "/api/v1/routing/override",
             {"conversation_id": b.conversation_id, "advisor_id": a.advisor_id}),
        Call("POST", "/api/v1/routing/override", "/api/v1/routing/override",
             {"conversation_id": a.conversation_id, "advisor_id": b.advisor_id}),
        Call("GET", "/api/v1/conversations/{conversation_id}/routing-decisions",
             f"{conv_b}/routing-decisions"),
        Call("POST", "/api/v1/conversations/{conversation_id}/transfer", f"{conv_b}/transfer",
             {"advisor_id": None}),
        Call("POST", "/api/v1/conversations/{conversation_id}/transfer", f"{conv_a}/transfer",
             {"advisor_id": b.advisor_id}),
        Call("POST", "/api/v1/conversations/{conversation_id}/transfer", f"{conv_a}/transfer",
             {"team_id": b.team_id, "note": "x"}),
        Call("GET", "/api/v1/inboxes/{inbox_id}/routing", f"/api/v1/inboxes/{b.inbox_id}/routing"),
        Call("PUT", "/api/v1/inboxes/{inbox_id}/routing", f"/api/v1/inboxes/{b.inbox_id}/routing",
             {"required_skills": ["insurance"]}),
        Call("GET", "/api/v1/users/{user_id}/routing-skills", f"{user_b}/routing-skills"),
        Call("PUT", "/api/v1/users/{user_id}/routing-skills", f"{user_b}/routing-skills",
             {"skills": ["insurance"]}),
        Call("GET", "/api/v1/clients/{client_id}/sla", f"/api/v1/clients/{b.client_id}/sla"),
        Call("PUT", "/api/v1/clients/{client_id}/sla", f"/api/v1/clients/{b.client_id}/sla",
             {"policy": {"targets": {"normal": {"first_response": 3600}}}, "calendar": {"weekly": {"mon-fri": "09:00-18:00"}}}),
        Call("GET", "/api/v1/conversations/{conversation_id}/sla", f"{conv_b}/sla"),
        # Knowledge base, macros and the copilot (B's article, macro and suggestion).
        Call("GET", "/api/v1/knowledge/articles",
             f"/api/v1/knowledge/articles?client_id={b.client_id}", expect="empty"),
        Call("POST", "/api/v1/knowledge/articles", "/api/v1/knowledge/articles",
             {"client_id": b.client_id, "title": "t", "body": "b", "language": "fr"}),
        Call("POST", "/api/v1/knowledge/articles", "/api/v1/knowledge/articles",
             {"client_id": a.client_id, "title": "t", "body": "b", "language": "fr",
              "translation_of_id": kb.article_id}),
        Call("GET", "/api/v1/knowledge/search",
             f"/api/v1/knowledge/search?client_id={b.client_id}&q=livraison"),
        Call("GET", "/api/v1/knowledge/articles/{article_id}",
             f"/api/v1/knowledge/articles/{kb.article_id}"),
        Call("PATCH", "/api/v1/knowledge/articles/{article_id}",
             f"/api/v1/knowledge/articles/{kb.article_id}", {"title": "renamed"}),
        Call("DELETE", "/api/v1/knowledge/articles/{article_id}",
             f"/api/v1/knowledge/articles/{kb.article_id}"),
        Call("GET", "/api/v1/macros", f"/api/v1/macros?client_id={b.client_id}", expect="empty"),
        Call("POST", "/api/v1/macros", "/api/v1/macros",
             {"client_id": b.client_id, "name": "m", "bodies": {"fr": "x"}}),
        Call("GET", "/api/v1/macros/{macro_id}", f"/api/v1/macros/{kb.macro_id}"),
        Call("PATCH", "/api/v1/macros/{macro_id}", f"/api/v1/macros/{kb.macro_id}", {"name": "r"}),
        Call("DELETE", "/api/v1/macros/{macro_id}", f"/api/v1/macros/{kb.macro_id}"),
        Call("POST", "/api/v1/conversations/{conversation_id}/macros/{macro_id}/apply",
             f"{conv_a}/macros/{kb.macro_id}/apply", {}),
        Call("POST", "/api/v1/conversations/{conversation_id}/macros/{macro_id}/apply",
             f"{conv_b}/macros/{kb.macro_id}/apply", {}),
        Call("GET", "/api/v1/conversations/{conversation_id}/suggestions", f"{conv_b}/suggestions"),
        Call("POST", "/api/v1/conversations/{conversation_id}/suggestions", f"{conv_b}/suggestions",
             {}),
        Call("POST", "/api/v1/suggestions/{suggestion_id}/feedback",
             f"/api/v1/suggestions/{kb.suggestion_id}/feedback", {"decision": "rejected"}),
        Call("GET", "/api/v1/copilot/stats", f"/api/v1/copilot/stats?client_id={b.client_id}",
             expect="empty"),
        Call("POST", "/api/v1/conversations/{conversation_id}/insights/reviews",
             f"{conv_b}/insights/reviews", {"field": "intent", "decision": "corrected",
                                             "value": "billing"}),
        Call("GET", "/api/v1/insights/review-stats",
             f"/api/v1/insights/review-stats?client_id={b.client_id}", expect="empty"),
        Call("GET", "/api/v1/insights/models",
             f"/api/v1/insights/models?client_id={b.client_id}", expect="empty"),
        Call("POST", "/api/v1/insights/models/retrain", "/api/v1/insights/models/retrain",
             {"client_id": b.client_id, "task": "intents"}),
        Call("GET", "/api/v1/copilot/settings/{client_id}",
             f"/api/v1/copilot/settings/{b.client_id}"),
        Call("PUT", "/api/v1/copilot/settings/{client_id}",
             f"/api/v1/copilot/settings/{b.client_id}", {"endpoint_url": None}),
        # Visitor-level isolation is in tests/channels/webchat/test_isolation.py.
        *[Call(method, route, widget_url(route, b.inbox_key), {} if method == "POST" else None)
          for method, route in WIDGET_ROUTES],
        Call("POST", "/api/v1/auth/logout", "/api/v1/auth/logout", expect="204"),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def two_tenants(runtime):  # type: ignore[no-untyped-def]
    a, b = make_tenant(runtime, "A"), make_tenant(runtime, "B")
    return a, b


def _items(payload: Any) -> list[Any]:
    return payload["items"] if isinstance(payload, dict) else payload


def test_every_route_is_sealed_between_clients(app, runtime, two_tenants) -> None:  # type: ignore[no-untyped-def]
    a, b = two_tenants
    b_client = login(app, b.advisor_email)
    b_token = b_client.post("/api/v1/tokens", json={"name": f"tok {b.marker}", "scopes": ["read"]})
    assert b_token.status_code == 201
    _, admin_a_email = make_user(runtime, Role.OPERATOR_ADMIN, [a.client_id])
    client = login(app, admin_a_email)

    b_extra = b_client.post("/api/v1/contacts", json={"client_id": b.client_id, "name": b.marker})
    b_merge = b_client.post(f"/api/v1/contacts/{b.contact_id}/merge",
                            json={"other_contact_id": b_extra.json()["id"]})  # fmt: skip
    assert b_merge.status_code == 201, b_merge.text
    kb = make_knowledge(runtime, client_id=b.client_id, conversation_id=b.conversation_id,
                        marker=b.marker)  # fmt: skip
    b_mention = make_mention(runtime, conversation_id=b.conversation_id, author_id=b.advisor_id,
                             named_id=make_user(runtime, Role.SUPERVISOR, [b.client_id])[0],
                             text=b.marker)  # fmt: skip
    calls = _calls(a, b, b_token.json()["id"], b_merge.json()["id"], kb=kb, b_mention_id=b_mention)
    openapi = app.openapi()["paths"]
    declared = {(m.upper(), path) for path, item in openapi.items() for m in item}
    assert {(c.method, c.route) for c in calls} == declared, "a route is missing from this test"

    for call in calls:
        response = client.request(call.method, call.url, json=call.body)
        where = f"{call.method} {call.url}"
        assert response.status_code < 500, where
        assert b.marker not in response.text, f"{where} leaked client B data"
        assert f"brand-{b.marker}".lower() not in response.text.lower(), where
        if call.expect == "404":
            if call.body is None and call.method in {"PUT", "POST", "PATCH"}:
                assert response.status_code in (404, 422), where
            else:
                assert response.status_code == 404, (
                    f"{where}: {response.status_code} {response.text}"
                )
        elif call.expect == "empty":
            assert response.status_code == 200, where
            assert _items(response.json()) == [], where
        else:
            assert response.status_code == int(call.expect), f"{where}: {response.text}"


def test_unfiltered_lists_hold_only_own_client(app, runtime, two_tenants) -> None:  # type: ignore[no-untyped-def]
    a, b = two_tenants
    for role in (Role.SUPERVISOR, Role.CLIENT_VIEWER, Role.QUALITY_ANALYST):
        _, email = make_user(runtime, role, [a.client_id])
        client = login(app, email)
        for url in ("/api/v1/clients", "/api/v1/inboxes", "/api/v1/users", "/api/v1/teams",
                    "/api/v1/contacts", "/api/v1/conversations", "/api/v1/reporting-events",
                    "/api/v1/audit-entries", f"/api/v1/conversations/{a.conversation_id}/messages"):  # fmt: skip
            response = client.get(url)
            assert response.status_code in (200, 403), url
            assert b.marker not in response.text, f"{role} {url} leaked client B"
            if response.status_code == 200:
                for item in _items(response.json()):
                    if "client_id" in item and item["client_id"] is not None:
                        assert item["client_id"] == a.client_id, (role, url, item)


def test_a_token_of_client_a_is_sealed_too(app, runtime, two_tenants) -> None:  # type: ignore[no-untyped-def]
    a, b = two_tenants
    session_client = login(app, a.advisor_email)
    raw = session_client.post("/api/v1/tokens", json={"name": "t", "scopes": ["read", "write"]})
    from fastapi.testclient import TestClient

    client = TestClient(app, headers={"authorization": f"Bearer {raw.json()['token']}"})
    assert client.get(f"/api/v1/conversations/{b.conversation_id}").status_code == 404
    assert client.get(f"/api/v1/conversations/{a.conversation_id}").status_code == 200
    listed = client.get("/api/v1/conversations").json()["items"]
    assert {c["client_id"] for c in listed} == {a.client_id}
