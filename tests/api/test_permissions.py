"""The full role × route permission matrix, written out here independently of the code's
role table: each role calls each route on its own client's data and must be refused (403)
exactly where this matrix says so."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tawasol.models.vocabulary import Role
from tests.copilot.factories import KnowledgeIds, make_knowledge
from tests.factories import Tenant, login, make_tenant, make_user

ADM, SUP, ADV = Role.OPERATOR_ADMIN, Role.SUPERVISOR, Role.ADVISOR
QA, WFM, MOD, CV = Role.QUALITY_ANALYST, Role.WORKFORCE_PLANNER, Role.MODERATOR, Role.CLIENT_VIEWER
EVERYONE = frozenset(Role)

# The web chat widget: public; the inbox key and the visitor token decide.
WIDGET_ROUTES = [
    ("GET", "/widget/{public_key}.js"),
    ("GET", "/widget/{public_key}/demo"),
    ("GET", "/widget/{public_key}/availability"),
    ("POST", "/widget/{public_key}/sessions"),
    ("POST", "/widget/{public_key}/messages"),
    ("GET", "/widget/{public_key}/stream"),
    ("POST", "/widget/{public_key}/typing"),
    ("POST", "/widget/{public_key}/attachments"),
    ("GET", "/widget/{public_key}/attachments/{sha256}"),
    ("POST", "/widget/{public_key}/transcript"),
    ("POST", "/widget/{public_key}/offline"),
]


def widget_url(route: str, public_key: str) -> str:
    return route.replace("{public_key}", public_key).replace("{sha256}", "0" * 64)


ALLOWED: dict[tuple[str, str], frozenset[Role]] = {
    ("GET", "/healthz"): EVERYONE,
    ("GET", "/readyz"): EVERYONE,
    ("POST", "/api/v1/auth/login"): EVERYONE,
    ("POST", "/api/v1/auth/logout"): EVERYONE,
    ("POST", "/api/v1/auth/password"): EVERYONE,
    ("GET", "/api/v1/me"): EVERYONE,
    ("GET", "/api/v1/tokens"): EVERYONE,
    ("POST", "/api/v1/tokens"): EVERYONE,
    ("DELETE", "/api/v1/tokens/{token_id}"): EVERYONE,
    ("GET", "/api/v1/clients"): EVERYONE,
    ("POST", "/api/v1/clients"): frozenset({ADM}),
    ("GET", "/api/v1/clients/{client_id}"): EVERYONE,
    ("PATCH", "/api/v1/clients/{client_id}"): frozenset({ADM}),
    ("GET", "/api/v1/inboxes"): EVERYONE,
    ("POST", "/api/v1/inboxes"): frozenset({ADM}),
    ("GET", "/api/v1/inboxes/{inbox_id}"): EVERYONE,
    ("PATCH", "/api/v1/inboxes/{inbox_id}"): frozenset({ADM}),
    ("GET", "/api/v1/inboxes/{inbox_id}/raw-emails"): frozenset({ADM}),
    ("GET", "/api/v1/inboxes/{inbox_id}/raw-emails/{raw_email_id}"): frozenset({ADM}),
    ("POST", "/api/v1/inboxes/{inbox_id}/raw-emails/{raw_email_id}/resolve"): frozenset({ADM}),
    ("GET", "/api/v1/inboxes/{inbox_id}/email-status"): EVERYONE,
    ("GET", "/api/v1/users"): frozenset({ADM, SUP, QA, WFM}),
    ("POST", "/api/v1/users"): frozenset({ADM}),
    ("GET", "/api/v1/users/{user_id}"): frozenset({ADM, SUP, QA, WFM}),
    ("PATCH", "/api/v1/users/{user_id}"): frozenset({ADM}),
    ("PUT", "/api/v1/users/{user_id}/clients"): frozenset({ADM}),
    ("PUT", "/api/v1/users/{user_id}/skills"): frozenset({ADM, SUP}),
    ("GET", "/api/v1/teams"): frozenset({ADM, SUP, ADV, QA, WFM}),
    ("POST", "/api/v1/teams"): frozenset({ADM, SUP}),
    ("GET", "/api/v1/teams/{team_id}"): frozenset({ADM, SUP, ADV, QA, WFM}),
    ("PUT", "/api/v1/teams/{team_id}/members"): frozenset({ADM, SUP}),
    ("GET", "/api/v1/mentions"): frozenset({ADM, SUP, ADV, QA, MOD}),
    ("POST", "/api/v1/mentions/{mention_id}/read"): frozenset({ADM, SUP, ADV, QA, MOD}),
    ("GET", "/api/v1/contacts"): frozenset({ADM, SUP, ADV, QA, MOD, CV}),
    ("POST", "/api/v1/contacts"): frozenset({ADM, SUP, ADV}),
    ("GET", "/api/v1/contacts/{contact_id}"): frozenset({ADM, SUP, ADV, QA, MOD, CV}),
    ("POST", "/api/v1/contacts/{contact_id}/identities"): frozenset({ADM, SUP, ADV}),
    ("POST", "/api/v1/contacts/{contact_id}/consents"): frozenset({ADM, SUP, ADV}),
    ("POST", "/api/v1/contacts/{contact_id}/merge"): frozenset({ADM, SUP, ADV}),
    ("POST", "/api/v1/contacts/merges/{merge_id}/undo"): frozenset({ADM, SUP, ADV}),
    ("GET", "/api/v1/conversations"): frozenset({ADM, SUP, ADV, QA, MOD, CV}),
    ("POST", "/api/v1/conversations"): frozenset({ADM, SUP, ADV, MOD}),
    ("GET", "/api/v1/conversations/{conversation_id}"): frozenset({ADM, SUP, ADV, QA, MOD, CV}),
    ("POST", "/api/v1/conversations/{conversation_id}/assign"): frozenset({ADM, SUP, ADV}),
    ("POST", "/api/v1/conversations/{conversation_id}/status"): frozenset({ADM, SUP, ADV, MOD}),
    ("POST", "/api/v1/conversations/{conversation_id}/tags"): frozenset({ADM, SUP, ADV, MOD}),
    ("DELETE", "/api/v1/conversations/{conversation_id}/tags/{tag}"): frozenset(
        {ADM, SUP, ADV, MOD}
    ),
    ("GET", "/api/v1/conversations/{conversation_id}/messages"): frozenset(
        {ADM, SUP, ADV, QA, MOD, CV}
    ),
    ("POST", "/api/v1/conversations/{conversation_id}/messages"): frozenset({ADM, SUP, ADV}),
    ("GET", "/api/v1/conversations/{conversation_id}/attachments/{sha256}"): frozenset(
        {ADM, SUP, ADV, QA, MOD, CV}
    ),
    ("GET", "/api/v1/reporting-events"): frozenset({ADM, SUP, QA, WFM, CV}),
    ("GET", "/api/v1/audit-entries"): frozenset({ADM, SUP}),
    # Provider webhooks: no user role involved (the inbox key and signature decide).
    ("GET", "/webhooks/whatsapp/{public_key}"): EVERYONE,
    ("POST", "/webhooks/{channel}/{public_key}"): EVERYONE,
    ("POST", "/api/v1/conversations/{conversation_id}/typing"): frozenset({ADM, SUP, ADV}),
    ("GET", "/api/v1/presence"): frozenset({ADM, SUP, WFM}),
    ("GET", "/api/v1/wfm/adherence"): frozenset({ADM, SUP, WFM}),
    ("PUT", "/api/v1/presence/me"): frozenset({ADM, SUP, ADV}),
    ("PUT", "/api/v1/presence/{user_id}"): frozenset({ADM, SUP}),
    ("POST", "/api/v1/routing/take-next"): frozenset({ADM, SUP, ADV}),
    ("POST", "/api/v1/routing/override"): frozenset({ADM, SUP}),
    ("GET", "/api/v1/conversations/{conversation_id}/routing-decisions"): frozenset({ADM, SUP}),
    ("GET", "/api/v1/conversations/{conversation_id}/insights"): frozenset(
        {ADM, SUP, ADV, QA, MOD, CV}
    ),
    ("POST", "/api/v1/conversations/{conversation_id}/transfer"): frozenset({ADM, SUP, ADV}),
    ("GET", "/api/v1/inboxes/{inbox_id}/routing"): frozenset({ADM, SUP}),
    ("PUT", "/api/v1/inboxes/{inbox_id}/routing"): frozenset({ADM}),
    ("GET", "/api/v1/users/{user_id}/routing-skills"): frozenset({ADM, SUP}),
    ("PUT", "/api/v1/users/{user_id}/routing-skills"): frozenset({ADM, SUP}),
    ("GET", "/api/v1/clients/{client_id}/sla"): frozenset({ADM, SUP}),
    ("PUT", "/api/v1/clients/{client_id}/sla"): frozenset({ADM}),
    ("GET", "/api/v1/conversations/{conversation_id}/sla"): frozenset({ADM, SUP, ADV, QA, MOD, CV}),
    # Knowledge base and macros: managed by admins and supervisors, read by advisors.
    ("GET", "/api/v1/knowledge/articles"): frozenset({ADM, SUP, ADV}),
    ("POST", "/api/v1/knowledge/articles"): frozenset({ADM, SUP}),
    ("GET", "/api/v1/knowledge/search"): frozenset({ADM, SUP, ADV}),
    ("GET", "/api/v1/knowledge/articles/{article_id}"): frozenset({ADM, SUP, ADV}),
    ("PATCH", "/api/v1/knowledge/articles/{article_id}"): frozenset({ADM, SUP}),
    ("DELETE", "/api/v1/knowledge/articles/{article_id}"): frozenset({ADM, SUP}),
    ("GET", "/api/v1/macros"): frozenset({ADM, SUP, ADV}),
    ("POST", "/api/v1/macros"): frozenset({ADM, SUP}),
    ("GET", "/api/v1/macros/{macro_id}"): frozenset({ADM, SUP, ADV}),
    ("PATCH", "/api/v1/macros/{macro_id}"): frozenset({ADM, SUP}),
    ("DELETE", "/api/v1/macros/{macro_id}"): frozenset({ADM, SUP}),
    ("POST", "/api/v1/conversations/{conversation_id}/macros/{macro_id}/apply"): frozenset(
        {ADM, SUP, ADV}
    ),
    # The copilot: those who answer customers; its acceptance rates are a report.
    ("GET", "/api/v1/conversations/{conversation_id}/suggestions"): frozenset({ADM, SUP, ADV}),
    ("POST", "/api/v1/conversations/{conversation_id}/suggestions"): frozenset({ADM, SUP, ADV}),
    ("POST", "/api/v1/suggestions/{suggestion_id}/feedback"): frozenset({ADM, SUP, ADV}),
    ("GET", "/api/v1/copilot/stats"): frozenset({ADM, SUP, QA, WFM, CV}),
    ("POST", "/api/v1/conversations/{conversation_id}/insights/reviews"): frozenset(
        {ADM, SUP, ADV}
    ),
    ("GET", "/api/v1/insights/review-stats"): frozenset({ADM, SUP, QA, WFM, CV}),
    ("GET", "/api/v1/insights/models"): frozenset({ADM, SUP, QA, WFM, CV}),
    ("POST", "/api/v1/insights/models/retrain"): frozenset({ADM, SUP}),
    ("GET", "/api/v1/copilot/settings/{client_id}"): frozenset({ADM}),
    ("PUT", "/api/v1/copilot/settings/{client_id}"): frozenset({ADM}),
    **{route: EVERYONE for route in WIDGET_ROUTES},
}
# Internal notes are a separate right: analysts and moderators annotate, viewers never see them.
NOTE_WRITERS = frozenset({ADM, SUP, ADV, QA, MOD})
NOTE_READERS = frozenset({ADM, SUP, ADV, QA, MOD})


def _requests(
    t: Tenant, me: int, token_id: int, extra_contact: int, merge_id: int, *, kb: KnowledgeIds
) -> dict[tuple[str, str], tuple[str, Any]]:
    conv = f"/api/v1/conversations/{t.conversation_id}"
    return {
        ("GET", "/healthz"): ("/healthz", None),
        ("GET", "/readyz"): ("/readyz", None),
        ("POST", "/api/v1/auth/login"): ("/api/v1/auth/login", {"email": "x@y.ma", "password": "z"}),
        ("POST", "/api/v1/auth/logout"): ("/api/v1/auth/logout", None),
        ("POST", "/api/v1/auth/password"): (
            "/api/v1/auth/password", {"current_password": "a", "new_password": "b"}),
        ("GET", "/api/v1/me"): ("/api/v1/me", None),
        ("GET", "/api/v1/tokens"): ("/api/v1/tokens", None),
        ("POST", "/api/v1/tokens"): ("/api/v1/tokens", {"name": "n", "scopes": ["read"]}),
        ("DELETE", "/api/v1/tokens/{token_id}"): (f"/api/v1/tokens/{token_id}", None),
        ("GET", "/api/v1/clients"): ("/api/v1/clients", None),
        ("POST", "/api/v1/clients"): ("/api/v1/clients", {"name": "n", "slug": f"new-{me}"}),
        ("GET", "/api/v1/clients/{client_id}"): (f"/api/v1/clients/{t.client_id}", None),
        ("PATCH", "/api/v1/clients/{client_id}"): (
            f"/api/v1/clients/{t.client_id}", {"locale": "fr"}),
        ("GET", "/api/v1/inboxes"): ("/api/v1/inboxes", None),
        ("POST", "/api/v1/inboxes"): (
            "/api/v1/inboxes", {"client_id": t.client_id, "name": "n", "channel": "sms"}),
        ("GET", "/api/v1/inboxes/{inbox_id}"): (f"/api/v1/inboxes/{t.inbox_id}", None),
        ("PATCH", "/api/v1/inboxes/{inbox_id}"): (f"/api/v1/inboxes/{t.inbox_id}", {"name": "n"}),
        ("GET", "/api/v1/inboxes/{inbox_id}/raw-emails"): (
            f"/api/v1/inboxes/{t.inbox_id}/raw-emails", None),
        ("GET", "/api/v1/inboxes/{inbox_id}/raw-emails/{raw_email_id}"): (
            f"/api/v1/inboxes/{t.inbox_id}/raw-emails/1", None),
        ("POST", "/api/v1/inboxes/{inbox_id}/raw-emails/{raw_email_id}/resolve"): (
            f"/api/v1/inboxes/{t.inbox_id}/raw-emails/1/resolve", None),
        ("GET", "/api/v1/inboxes/{inbox_id}/email-status"): (
            f"/api/v1/inboxes/{t.inbox_id}/email-status", None),
        ("GET", "/api/v1/users"): ("/api/v1/users", None),
        ("POST", "/api/v1/users"): ("/api/v1/users", {
            "email": f"made-by-{me}@tests.tawasol.ma", "full_name": "N", "role": "advisor",
            "password": "a-long-password-1", "clients": [{"client_id": t.client_id}]}),
        ("GET", "/api/v1/users/{user_id}"): (f"/api/v1/users/{t.advisor_id}", None),
        ("PATCH", "/api/v1/users/{user_id}"): (f"/api/v1/users/{t.advisor_id}", {"locale": "ar"}),
        ("PUT", "/api/v1/users/{user_id}/clients"): (f"/api/v1/users/{t.advisor_id}/clients",
            {"clients": [{"client_id": t.client_id, "certified": True}]}),
        ("PUT", "/api/v1/users/{user_id}/skills"): (f"/api/v1/users/{t.advisor_id}/skills",
            {"languages": [{"language": "ary", "proficiency": 5}]}),
        ("GET", "/api/v1/teams"): ("/api/v1/teams", None),
        ("POST", "/api/v1/teams"): ("/api/v1/teams", {"client_id": t.client_id, "name": f"t{me}"}),
        ("GET", "/api/v1/teams/{team_id}"): (f"/api/v1/teams/{t.team_id}", None),
        ("PUT", "/api/v1/teams/{team_id}/members"): (
            f"/api/v1/teams/{t.team_id}/members", {"user_ids": [t.advisor_id]}),
        ("GET", "/api/v1/mentions"): ("/api/v1/mentions?unread=true", None),
        ("POST", "/api/v1/mentions/{mention_id}/read"): ("/api/v1/mentions/1/read", None),
        ("GET", "/api/v1/contacts"): ("/api/v1/contacts", None),
        ("POST", "/api/v1/contacts"): ("/api/v1/contacts", {"client_id": t.client_id, "name": "n"}),
        ("GET", "/api/v1/contacts/{contact_id}"): (f"/api/v1/contacts/{t.contact_id}", None),
        ("POST", "/api/v1/contacts/{contact_id}/identities"): (
            f"/api/v1/contacts/{t.contact_id}/identities", {"kind": "phone", "value": "0661000000"}),
        ("POST", "/api/v1/contacts/{contact_id}/consents"): (
            f"/api/v1/contacts/{t.contact_id}/consents", {"purpose": "surveys", "granted": True}),
        ("POST", "/api/v1/contacts/{contact_id}/merge"): (
            f"/api/v1/contacts/{t.contact_id}/merge", {"other_contact_id": extra_contact}),
        ("POST", "/api/v1/contacts/merges/{merge_id}/undo"): (
            f"/api/v1/contacts/merges/{merge_id}/undo", None),
        ("GET", "/api/v1/conversations"): ("/api/v1/conversations", None),
        ("POST", "/api/v1/conversations"): ("/api/v1/conversations",
            {"inbox_id": t.inbox_id, "contact_id": t.contact_id, "text": "salam"}),
        ("GET", "/api/v1/conversations/{conversation_id}"): (conv, None),
        ("POST", "/api/v1/conversations/{conversation_id}/assign"): (
            f"{conv}/assign", {"assignee_id": me}),
        ("POST", "/api/v1/conversations/{conversation_id}/status"): (
            f"{conv}/status", {"status": "pending"}),
        ("POST", "/api/v1/conversations/{conversation_id}/tags"): (
            f"{conv}/tags", {"tags": ["checked"]}),
        ("DELETE", "/api/v1/conversations/{conversation_id}/tags/{tag}"): (
            f"{conv}/tags/checked", None),
        ("GET", "/api/v1/conversations/{conversation_id}/messages"): (f"{conv}/messages", None),
        ("POST", "/api/v1/conversations/{conversation_id}/messages"): (
            f"{conv}/messages", {"text": "Merci, c'est réglé."}),
        ("GET", "/api/v1/conversations/{conversation_id}/attachments/{sha256}"): (
            f"{conv}/attachments/{'0' * 64}", None),
        ("GET", "/api/v1/reporting-events"): ("/api/v1/reporting-events", None),
        ("GET", "/api/v1/audit-entries"): ("/api/v1/audit-entries", None),
        ("GET", "/webhooks/whatsapp/{public_key}"): (
            f"/webhooks/whatsapp/{t.inbox_key}?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1",
            None),
        ("POST", "/webhooks/{channel}/{public_key}"): (f"/webhooks/sms/{t.inbox_key}", {}),
        ("POST", "/api/v1/conversations/{conversation_id}/typing"): (
            f"{conv}/typing", {"typing": True}),
        ("GET", "/api/v1/presence"): ("/api/v1/presence", None),
        ("GET", "/api/v1/wfm/adherence"): (
            f"/api/v1/wfm/adherence?client_id={t.client_id}&date=2026-11-27", None),
        ("PUT", "/api/v1/presence/me"): ("/api/v1/presence/me", {"state": "available"}),
        ("PUT", "/api/v1/presence/{user_id}"): (
            f"/api/v1/presence/{t.advisor_id}", {"state": "break", "break_type": "prayer"}),
        ("POST", "/api/v1/routing/take-next"): ("/api/v1/routing/take-next", None),
        ("POST", "/api/v1/routing/override"): ("/api/v1/routing/override",
            {"conversation_id": t.conversation_id, "advisor_id": t.advisor_id}),
        ("GET", "/api/v1/conversations/{conversation_id}/routing-decisions"): (
            f"{conv}/routing-decisions", None),
        ("GET", "/api/v1/conversations/{conversation_id}/insights"): (f"{conv}/insights", None),
        ("POST", "/api/v1/conversations/{conversation_id}/transfer"): (
            f"{conv}/transfer", {"advisor_id": t.advisor_id, "note": "relais"}),
        ("GET", "/api/v1/inboxes/{inbox_id}/routing"): (
            f"/api/v1/inboxes/{t.inbox_id}/routing", None),
        ("PUT", "/api/v1/inboxes/{inbox_id}/routing"): (
            f"/api/v1/inboxes/{t.inbox_id}/routing", {"required_skills": ["insurance"]}),
        ("GET", "/api/v1/users/{user_id}/routing-skills"): (
            f"/api/v1/users/{t.advisor_id}/routing-skills", None),
        ("PUT", "/api/v1/users/{user_id}/routing-skills"): (
            f"/api/v1/users/{t.advisor_id}/routing-skills", {"skills": ["insurance"]}),
        ("GET", "/api/v1/clients/{client_id}/sla"): (f"/api/v1/clients/{t.client_id}/sla", None),
        ("PUT", "/api/v1/clients/{client_id}/sla"): (f"/api/v1/clients/{t.client_id}/sla",
            {"policy": {"targets": {"normal": {"first_response": 3600}}}, "calendar": {"weekly": {"mon-fri": "09:00-18:00"}}}),
        ("GET", "/api/v1/conversations/{conversation_id}/sla"): (f"{conv}/sla", None),
        ("GET", "/api/v1/knowledge/articles"): ("/api/v1/knowledge/articles", None),
        ("POST", "/api/v1/knowledge/articles"): ("/api/v1/knowledge/articles", {
            "client_id": t.client_id, "title": "Horaires", "body": "De 9 h à 18 h.",
            "language": "fr"}),
        ("GET", "/api/v1/knowledge/search"): (
            f"/api/v1/knowledge/search?client_id={t.client_id}&q=livraison", None),
        ("GET", "/api/v1/knowledge/articles/{article_id}"): (
            f"/api/v1/knowledge/articles/{kb.article_id}", None),
        ("PATCH", "/api/v1/knowledge/articles/{article_id}"): (
            f"/api/v1/knowledge/articles/{kb.article_id}", {"is_published": False}),
        ("DELETE", "/api/v1/knowledge/articles/{article_id}"): (
            f"/api/v1/knowledge/articles/{kb.article_id}", None),
        ("GET", "/api/v1/macros"): ("/api/v1/macros", None),
        ("POST", "/api/v1/macros"): ("/api/v1/macros", {
            "client_id": t.client_id, "name": f"macro {me}", "bodies": {"fr": "Bonjour"}}),
        ("GET", "/api/v1/macros/{macro_id}"): (f"/api/v1/macros/{kb.macro_id}", None),
        ("PATCH", "/api/v1/macros/{macro_id}"): (
            f"/api/v1/macros/{kb.macro_id}", {"is_active": True}),
        ("POST", "/api/v1/conversations/{conversation_id}/macros/{macro_id}/apply"): (
            f"{conv}/macros/{kb.macro_id}/apply", {}),
        ("DELETE", "/api/v1/macros/{macro_id}"): (f"/api/v1/macros/{kb.macro_id}", None),
        ("GET", "/api/v1/conversations/{conversation_id}/suggestions"): (
            f"{conv}/suggestions", None),
        ("POST", "/api/v1/conversations/{conversation_id}/suggestions"): (
            f"{conv}/suggestions", {"kinds": ["summary"]}),
        ("POST", "/api/v1/suggestions/{suggestion_id}/feedback"): (
            f"/api/v1/suggestions/{kb.suggestion_id}/feedback", {"decision": "rejected"}),
        ("GET", "/api/v1/copilot/stats"): (f"/api/v1/copilot/stats?client_id={t.client_id}", None),
        ("POST", "/api/v1/conversations/{conversation_id}/insights/reviews"): (
            f"{conv}/insights/reviews", {"field": "intent", "decision": "corrected",
                                         "value": "billing"}),
        ("GET", "/api/v1/insights/review-stats"): (
            f"/api/v1/insights/review-stats?client_id={t.client_id}", None),
        ("GET", "/api/v1/insights/models"): (
            f"/api/v1/insights/models?client_id={t.client_id}", None),
        ("POST", "/api/v1/insights/models/retrain"): (
            "/api/v1/insights/models/retrain", {"client_id": t.client_id, "task": "intents"}),
        ("GET", "/api/v1/copilot/settings/{client_id}"): (
            f"/api/v1/copilot/settings/{t.client_id}", None),
        ("PUT", "/api/v1/copilot/settings/{client_id}"): (
            f"/api/v1/copilot/settings/{t.client_id}", {"endpoint_url": None}),
        **{(method, route): (widget_url(route, t.inbox_key), {} if method == "POST" else None)
           for method, route in WIDGET_ROUTES},
    }  # fmt: skip


def _logged_in(app, runtime, role: Role) -> tuple[TestClient, Tenant, int]:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, role.value.upper())
    # The operator admin here is operator-wide, as in production; isolation tests use a
    # client-restricted one.
    me, email = make_user(runtime, role, [tenant.client_id], all_clients=role == ADM)
    return login(app, email), tenant, me


def _merge_material(runtime, tenant: Tenant) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """A contact to merge, and a merge already made, to undo."""
    from tawasol.auth.actor import Actor
    from tawasol.contacts.actions import do_create_contact
    from tawasol.contacts.merging import do_merge_contacts
    from tawasol.contacts.schemas import ContactIn
    from tawasol.db.tenancy import Scope
    from tawasol.models import Client, Contact

    system = Actor.system()
    with runtime.db.unit(Scope.system()) as session:
        client = session.get(Client, tenant.client_id)
        spare, extra, absorbed = (
            do_create_contact(session, actor=system, client=client,
                              data=ContactIn(client_id=tenant.client_id, name=name))
            for name in ("spare", "extra", "absorbed")
        )  # fmt: skip
        merge = do_merge_contacts(session, actor=system, survivor=spare, merged=absorbed)
        assert session.get(Contact, extra.id) is not None
        return extra.id, merge.id


def test_matrix_covers_every_route(app) -> None:  # type: ignore[no-untyped-def]
    declared = {(m.upper(), p) for p, item in app.openapi()["paths"].items() for m in item}
    assert set(ALLOWED) == declared


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_role_matrix(app, runtime, role: Role) -> None:  # type: ignore[no-untyped-def]
    client, tenant, me = _logged_in(app, runtime, role)
    token_id = client.post("/api/v1/tokens", json={"name": "x", "scopes": ["read"]}).json()["id"]
    kb = make_knowledge(runtime, client_id=tenant.client_id, conversation_id=tenant.conversation_id)
    requests = _requests(tenant, me, token_id, *_merge_material(runtime, tenant), kb=kb)
    # Logout last: it ends the session the other calls need.
    ordered = sorted(requests, key=lambda key: key == ("POST", "/api/v1/auth/logout"))
    for key in ordered:
        url, body = requests[key]
        response = client.request(key[0], url, json=body)
        where = f"{role.value} {key[0]} {url}: {response.status_code} {response.text[:200]}"
        assert response.status_code < 500, where
        if role in ALLOWED[key]:
            assert response.status_code != 403, where
        else:
            assert response.status_code == 403, where
            assert response.json()["error"]["code"] == "forbidden", where


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_internal_notes_matrix(app, runtime, role: Role) -> None:  # type: ignore[no-untyped-def]
    client, tenant, _ = _logged_in(app, runtime, role)
    url = f"/api/v1/conversations/{tenant.conversation_id}/messages"
    posted = client.post(url, json={"kind": "note", "text": "à vérifier"})
    assert posted.status_code == (201 if role in NOTE_WRITERS else 403), posted.text
    listed = client.get(url)
    if listed.status_code == 200:
        kinds = {m["kind"] for m in listed.json()["items"]}
        assert ("note" in kinds) == (role in NOTE_READERS), role


def test_token_scopes_narrow_the_role(app, runtime) -> None:  # type: ignore[no-untyped-def]
    client, tenant, _ = _logged_in(app, runtime, Role.OPERATOR_ADMIN)

    def bearer(scopes: list[str]) -> TestClient:
        raw = client.post("/api/v1/tokens", json={"name": "s", "scopes": scopes}).json()["token"]
        return TestClient(app, headers={"authorization": f"Bearer {raw}"})

    read, write = bearer(["read"]), bearer(["write"])
    conv = f"/api/v1/conversations/{tenant.conversation_id}"
    assert read.get(conv).status_code == 200
    assert read.post(f"{conv}/tags", json={"tags": ["x"]}).status_code == 403
    assert write.post(f"{conv}/tags", json={"tags": ["x"]}).status_code == 200
    assert (
        write.patch(f"/api/v1/clients/{tenant.client_id}", json={"locale": "fr"}).status_code == 403
    )
    # Tokens need no CSRF header: they are not ambient credentials.
    assert "x-csrf-token" not in write.headers
