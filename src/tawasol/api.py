"""The JSON API under /api/v1: every domain router, mounted in one place."""

from __future__ import annotations

from fastapi import APIRouter

from tawasol.audit.router import router as audit_router
from tawasol.auth.router import router as account_router
from tawasol.channels.attachment_download import router as attachment_router
from tawasol.channels.email.router import router as email_router
from tawasol.channels.webchat.advisor_typing import router as typing_router
from tawasol.clients.router import router as clients_router
from tawasol.contacts.router import router as contacts_router
from tawasol.conversations.router import router as conversations_router
from tawasol.copilot.copilot_router import router as copilot_router
from tawasol.copilot.router import router as knowledge_router
from tawasol.inboxes.router import router as inboxes_router
from tawasol.nlp.enrichment.router import router as insights_router
from tawasol.presence.router import router as presence_router
from tawasol.reporting.router import router as reporting_router
from tawasol.routing.endpoints import router as routing_router
from tawasol.sla.router import router as sla_router
from tawasol.users.mentions_router import router as mentions_router
from tawasol.users.router import router as users_router
from tawasol.users.teams_router import router as teams_router
from tawasol.wfm.router import router as wfm_router

API_PREFIX = "/api/v1"


def api_router() -> APIRouter:
    router = APIRouter(prefix=API_PREFIX)
    for domain in (
        account_router,
        clients_router,
        inboxes_router,
        email_router,
        users_router,
        teams_router,
        mentions_router,
        contacts_router,
        conversations_router,
        knowledge_router,
        copilot_router,
        insights_router,
        attachment_router,
        typing_router,
        presence_router,
        routing_router,
        sla_router,
        reporting_router,
        wfm_router,
        audit_router,
    ):
        router.include_router(domain)
    return router
