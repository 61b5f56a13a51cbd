"""What each role may do, and what each API-token scope lets through."""

from __future__ import annotations

from enum import StrEnum

from tawasol.models.vocabulary import Role, TokenScope


class Permission(StrEnum):
    CLIENTS_READ = "clients:read"
    CLIENTS_MANAGE = "clients:manage"
    INBOXES_READ = "inboxes:read"
    INBOXES_MANAGE = "inboxes:manage"
    USERS_READ = "users:read"
    USERS_MANAGE = "users:manage"
    SKILLS_MANAGE = "skills:manage"
    TEAMS_READ = "teams:read"
    TEAMS_MANAGE = "teams:manage"
    CONTACTS_READ = "contacts:read"
    CONTACTS_WRITE = "contacts:write"
    CONVERSATIONS_READ = "conversations:read"
    CONVERSATIONS_WRITE = "conversations:write"
    CONVERSATIONS_ASSIGN = "conversations:assign"
    MESSAGES_READ = "messages:read"
    MESSAGES_REPLY = "messages:reply"
    NOTES_READ = "notes:read"
    NOTES_WRITE = "notes:write"
    REPORTING_READ = "reporting:read"
    AUDIT_READ = "audit:read"
    PRESENCE_READ = "presence:read"
    PRESENCE_MANAGE = "presence:manage"
    ROUTING_READ = "routing:read"
    ROUTING_OVERRIDE = "routing:override"
    # Generate and store forecasts, staffing plans and schedules (the planner page).
    WFM_MANAGE = "wfm:manage"
    KNOWLEDGE_READ = "knowledge:read"
    KNOWLEDGE_MANAGE = "knowledge:manage"
    COPILOT_USE = "copilot:use"


P = Permission

_READ = {p for p in P if p.value.endswith(":read")}
_MANAGE = {P.CLIENTS_MANAGE, P.INBOXES_MANAGE, P.USERS_MANAGE, P.SKILLS_MANAGE, P.TEAMS_MANAGE}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OPERATOR_ADMIN: frozenset(P),
    Role.SUPERVISOR: frozenset(
        _READ
        | {
            P.SKILLS_MANAGE,
            P.TEAMS_MANAGE,
            P.CONTACTS_WRITE,
            P.CONVERSATIONS_WRITE,
            P.CONVERSATIONS_ASSIGN,
            P.MESSAGES_REPLY,
            P.NOTES_WRITE,
            P.PRESENCE_MANAGE,
            P.ROUTING_OVERRIDE,
            P.WFM_MANAGE,
            P.KNOWLEDGE_MANAGE,
            P.COPILOT_USE,
        }
    ),
    Role.ADVISOR: frozenset(
        {
            P.CLIENTS_READ,
            P.INBOXES_READ,
            P.TEAMS_READ,
            P.CONTACTS_READ,
            P.CONTACTS_WRITE,
            P.CONVERSATIONS_READ,
            P.CONVERSATIONS_WRITE,
            P.CONVERSATIONS_ASSIGN,
            P.MESSAGES_READ,
            P.MESSAGES_REPLY,
            P.NOTES_READ,
            P.NOTES_WRITE,
            P.KNOWLEDGE_READ,
            P.COPILOT_USE,
        }
    ),
    Role.QUALITY_ANALYST: frozenset(
        {
            P.CLIENTS_READ,
            P.INBOXES_READ,
            P.USERS_READ,
            P.TEAMS_READ,
            P.CONTACTS_READ,
            P.CONVERSATIONS_READ,
            P.MESSAGES_READ,
            P.NOTES_READ,
            P.NOTES_WRITE,
            P.REPORTING_READ,
        }
    ),
    Role.WORKFORCE_PLANNER: frozenset(
        {
            P.CLIENTS_READ,
            P.INBOXES_READ,
            P.USERS_READ,
            P.TEAMS_READ,
            P.REPORTING_READ,
            P.PRESENCE_READ,
            P.WFM_MANAGE,
        }
    ),
    Role.MODERATOR: frozenset(
        {
            P.CLIENTS_READ,
            P.INBOXES_READ,
            P.CONTACTS_READ,
            P.CONVERSATIONS_READ,
            P.CONVERSATIONS_WRITE,
            P.MESSAGES_READ,
            P.NOTES_READ,
            P.NOTES_WRITE,
        }
    ),
    Role.CLIENT_VIEWER: frozenset(
        {
            P.CLIENTS_READ,
            P.INBOXES_READ,
            P.CONTACTS_READ,
            P.CONVERSATIONS_READ,
            P.MESSAGES_READ,
            P.REPORTING_READ,
        }
    ),
}

SCOPE_PERMISSIONS: dict[TokenScope, frozenset[Permission]] = {
    TokenScope.READ: frozenset(_READ),
    TokenScope.WRITE: frozenset(set(P) - _MANAGE),
    TokenScope.ADMIN: frozenset(P),
}


def permissions_for(role: Role, scopes: list[str] | None = None) -> frozenset[Permission]:
    """The role's permissions, narrowed by the token's scopes when the caller uses a token."""
    granted = ROLE_PERMISSIONS[role]
    if scopes is None:
        return granted
    allowed: set[Permission] = set()
    for scope in scopes:
        allowed |= SCOPE_PERMISSIONS[TokenScope(scope)]
    return granted & frozenset(allowed)
