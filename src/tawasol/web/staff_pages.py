"""The supervision and administration pages, gathered so that `views` includes them once."""

from __future__ import annotations

from fastapi import APIRouter

from tawasol.web import (
    admin_audit,
    admin_clients,
    admin_inboxes,
    admin_knowledge,
    admin_people,
    admin_sla,
    admin_tokens,
    admin_users,
    planner,
    wallboard,
)

router = APIRouter(include_in_schema=False)
for module in (
    wallboard,
    planner,
    admin_clients,
    admin_inboxes,
    admin_people,
    admin_users,
    admin_tokens,
    admin_sla,
    admin_knowledge,
    admin_audit,
):
    router.include_router(module.router)
