"""Routing rules per inbox: overrides on top of the client's policy.

An inbox may require named skills (``required_skills``, e.g. a certification), cap how many
of its conversations an advisor handles at once (``channel_capacity``, on the inbox's
channel), and set its own priority rules, mode (push or pull), selection and overflow
threshold. Only what is given overrides; the rest follows the client. The stored document
becomes a routing group of its own (`groups.py`), and every engine rebuilds when it changes.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.errors import Invalid
from tawasol.models.inbox import Inbox
from tawasol.models.routing import InboxRouting, RoutingSettings
from tawasol.models.vocabulary import Priority
from tawasol.routing.groups import merged_document
from tawasol.routing.hooks import on_rules_changed
from tawasol.routing.policy import ClientPolicy, Mode, Selection
from tawasol.routing.settings import client_policy_document, client_policy_from

SkillName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]{0,47}$")]
Seconds = Annotated[float, Field(ge=0, le=7 * 86400, allow_inf_nan=False)]


class PriorityRulesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    target_wait_seconds: dict[Priority, Annotated[float, Field(gt=0, le=7 * 86400)]] | None = None
    vip_advance_seconds: Seconds | None = None
    negative_advance_seconds: Seconds | None = None
    sla_margin_seconds: Seconds | None = None


class InboxRoutingIn(BaseModel):
    """The whole set of overrides (a PUT replaces it); ``{}`` means "as the client"."""

    model_config = ConfigDict(extra="forbid")

    required_skills: list[SkillName] = Field(default_factory=list, max_length=20)
    channel_capacity: int | None = Field(default=None, ge=1, le=50)
    mode: Mode | None = None
    selection: Selection | None = None
    # An explicit null switches overflow off for this inbox; absent follows the client.
    overflow_after_seconds: Seconds | None = None
    priority: PriorityRulesIn | None = None

    def document(self) -> dict[str, Any]:
        document = self.model_dump(mode="json", exclude_none=True)
        if "overflow_after_seconds" in self.model_fields_set:
            document["overflow_after_seconds"] = self.overflow_after_seconds
        skills = sorted(set(self.required_skills))
        if skills:
            document["required_skills"] = skills
        else:
            document.pop("required_skills", None)
        if not document.get("priority"):
            document.pop("priority", None)
        return document


class InboxRoutingOut(BaseModel):
    inbox_id: int
    rules: dict[str, Any]
    effective_policy: dict[str, Any]


def _client_document(session: Session, client_id: int) -> dict[str, Any]:
    found = session.scalar(
        select(RoutingSettings.policy).where(RoutingSettings.client_id == client_id)
    )
    return dict(found or {})


def effective_policy(session: Session, *, inbox: Inbox, rules: dict[str, Any]) -> ClientPolicy:
    document = merged_document(
        _client_document(session, inbox.client_id), rules, channel=inbox.channel
    )
    return client_policy_from(document)


def _row(session: Session, inbox: Inbox) -> InboxRouting | None:
    return session.scalars(select(InboxRouting).where(InboxRouting.inbox_id == inbox.id)).first()


def inbox_routing_out(session: Session, *, inbox: Inbox) -> InboxRoutingOut:
    row = _row(session, inbox)
    rules = dict(row.rules) if row is not None else {}
    policy = effective_policy(session, inbox=inbox, rules=rules)
    return InboxRoutingOut(
        inbox_id=inbox.id, rules=rules, effective_policy=client_policy_document(policy)
    )


def do_set_inbox_routing(
    session: Session, *, actor: Actor, inbox: Inbox, data: InboxRoutingIn
) -> InboxRouting:
    """Replace the inbox's overrides; validated against the client's policy they modify."""
    rules = data.document()
    try:
        effective_policy(session, inbox=inbox, rules=rules)
    except (ValueError, TypeError) as error:
        raise Invalid(
            f"these rules do not make a valid policy: {error}", code="invalid_rules"
        ) from error
    row = _row(session, inbox)
    before = dict(row.rules) if row is not None else {}
    if row is None:
        row = InboxRouting(client_id=inbox.client_id, inbox_id=inbox.id, rules=rules)
        session.add(row)
    else:
        row.rules = rules
    append_audit(
        session, actor=actor, action="inbox.routing_changed", object_type="inbox",
        object_id=inbox.id, client_id=inbox.client_id,
        summary={"before": before, "after": rules},
    )  # fmt: skip
    if before != rules:
        on_rules_changed(session, client_id=inbox.client_id)
    return row
