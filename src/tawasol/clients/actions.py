"""Creating and changing client brands."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.clients.schemas import ClientIn, ClientPatch
from tawasol.errors import Conflict, Forbidden
from tawasol.models.client import Client, Organization


def operator_organization(session: Session) -> Organization:
    org = session.scalars(select(Organization).order_by(Organization.id)).first()
    if org is None:
        org = Organization(name="Tawasol")
        session.add(org)
        session.flush()
    return org


def do_create_client(session: Session, *, actor: Actor, data: ClientIn) -> Client:
    if actor.client_ids is not None:
        raise Forbidden(
            "creating a client brand needs operator-wide reach", code="needs_all_clients"
        )
    if session.scalars(select(Client.id).where(Client.slug == data.slug)).first():
        raise Conflict(f"a client with slug {data.slug!r} already exists", code="slug_taken")
    client = Client(
        organization_id=operator_organization(session).id,
        name=data.name,
        slug=data.slug,
        locale=data.locale,
        timezone=data.timezone,
        branding=data.branding.model_dump(exclude_none=True),
        redact_stored_pii=data.redact_stored_pii,
    )
    session.add(client)
    session.flush()
    append_audit(
        session, actor=actor, action="client.created", object_type="client",
        object_id=client.id, client_id=client.id, summary={"after": data.model_dump()},
    )  # fmt: skip
    return client


def do_update_client(session: Session, *, actor: Actor, client: Client, patch: ClientPatch) -> None:
    changes = patch.model_dump(exclude_unset=True)
    before = {key: getattr(client, key) for key in changes}
    for key, value in changes.items():
        if key == "branding":
            value = patch.branding.model_dump(exclude_none=True) if patch.branding else {}
        setattr(client, key, value)
    append_audit(
        session, actor=actor, action="client.updated", object_type="client",
        object_id=client.id, client_id=client.id, summary={"before": before, "after": changes},
    )  # fmt: skip
