"""All ORM models, one module per aggregate; importing this package registers every table."""

from tawasol.models.audit import AuditEntry, AuditHead
from tawasol.models.client import Client, Organization
from tawasol.models.contact import ConsentRecord, Contact, ContactIdentity, ContactMerge
from tawasol.models.conversation import Conversation, ConversationTag
from tawasol.models.credentials import ApiToken, LoginAttempt, UserSession
from tawasol.models.enrichment import (
    ConversationInsight,
    EnrichmentTask,
    IntentModelRecord,
    LabelerModelRecord,
    MessageEnrichment,
    ModelTraining,
    ReadingReview,
)
from tawasol.models.inbox import Inbox
from tawasol.models.knowledge import (
    CopilotSettings,
    CopilotSuggestion,
    KnowledgeArticle,
    KnowledgePassage,
    Macro,
    MacroUse,
    SuggestionFeedback,
)
from tawasol.models.mailbox import EmailEnvelope, MailboxState, RawEmail
from tawasol.models.mention import Mention
from tawasol.models.message import Message
from tawasol.models.outbox import OutboxEvent
from tawasol.models.presence import AdvisorPresence, PresenceEvent
from tawasol.models.reporting import ReportingEvent
from tawasol.models.routing import (
    AdvisorLoad,
    AdvisorSkill,
    InboxRouting,
    RoutingDecision,
    RoutingSettings,
)
from tawasol.models.skill import AdvisorChannel, AdvisorLanguage
from tawasol.models.sla import ConversationSla
from tawasol.models.team import Team, TeamMember
from tawasol.models.user import User, UserClient
from tawasol.models.wfm import WfmForecast, WfmPlan, WfmSchedule, WfmShift

__all__ = [
    "AdvisorLoad",
    "AdvisorSkill",
    "InboxRouting",
    "AdvisorPresence",
    "PresenceEvent",
    "RoutingDecision",
    "RoutingSettings",
    "AdvisorChannel",
    "AdvisorLanguage",
    "ApiToken",
    "AuditEntry",
    "AuditHead",
    "Client",
    "ConsentRecord",
    "ConversationSla",
    "Contact",
    "ContactIdentity",
    "ContactMerge",
    "Conversation",
    "ConversationTag",
    "ConversationInsight",
    "EnrichmentTask",
    "IntentModelRecord",
    "LabelerModelRecord",
    "ModelTraining",
    "MessageEnrichment",
    "ReadingReview",
    "EmailEnvelope",
    "Inbox",
    "CopilotSettings",
    "CopilotSuggestion",
    "KnowledgeArticle",
    "KnowledgePassage",
    "Macro",
    "MacroUse",
    "SuggestionFeedback",
    "LoginAttempt",
    "MailboxState",
    "Mention",
    "Message",
    "Organization",
    "OutboxEvent",
    "RawEmail",
    "ReportingEvent",
    "Team",
    "TeamMember",
    "User",
    "UserClient",
    "UserSession",
    "WfmForecast",
    "WfmPlan",
    "WfmSchedule",
    "WfmShift",
]
