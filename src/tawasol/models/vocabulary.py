"""The closed vocabularies of the domain, shared by models, schemas and checks."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    EMAIL = "email"
    WEBCHAT = "webchat"
    WHATSAPP = "whatsapp"
    SMS = "sms"
    VOICE = "voice"
    API = "api"


class Role(StrEnum):
    OPERATOR_ADMIN = "operator_admin"
    SUPERVISOR = "supervisor"
    ADVISOR = "advisor"
    QUALITY_ANALYST = "quality_analyst"
    WORKFORCE_PLANNER = "workforce_planner"
    MODERATOR = "moderator"
    CLIENT_VIEWER = "client_viewer"


class ConversationStatus(StrEnum):
    OPEN = "open"
    PENDING = "pending"
    SNOOZED = "snoozed"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Sentiment(StrEnum):
    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class MessageKind(StrEnum):
    MESSAGE = "message"
    NOTE = "note"


class AuthorType(StrEnum):
    CONTACT = "contact"
    USER = "user"
    SYSTEM = "system"


class IdentityKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    CHAT_VISITOR = "chat_visitor"
    WHATSAPP = "whatsapp"


class ReportingEventType(StrEnum):
    CONVERSATION_CREATED = "conversation_created"
    FIRST_RESPONSE = "first_response"
    ASSIGNED = "assigned"
    TRANSFERRED = "transferred"
    RESOLVED = "resolved"
    REOPENED = "reopened"
    STATUS_CHANGED = "status_changed"
    SLA_WARNING = "sla_warning"
    SLA_BREACHED = "sla_breached"
    SLA_ESCALATED = "sla_escalated"
    # A routing decision reminded the advisor of a due break (or told them it is enforced).
    BREAK_REMINDER = "break_reminder"


class TokenScope(StrEnum):
    READ = "read"
    WRITE = "write"
    ADMIN = "admin"
