"""Creating contacts, attaching identities, recording consents."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.contacts.identities import normalize_identity
from tawasol.contacts.schemas import ConsentIn, ContactIn, IdentityIn
from tawasol.errors import Conflict
from tawasol.models.client import Client
from tawasol.models.contact import ConsentRecord, Contact, ContactIdentity


def identity_owner(session: Session, *, client_id: int, kind: str, value: str) -> int | None:
    return session.scalars(
        select(ContactIdentity.contact_id).where(
            ContactIdentity.client_id == client_id,
            ContactIdentity.kind == kind,
            ContactIdentity.value == value,
        )
    ).first()


def do_add_identity(
    session: Session, *, actor: Actor, contact: Contact, identity: IdentityIn, audit: bool = True
) -> ContactIdentity:
    value = normalize_identity(identity.kind, identity.value)
    owner = identity_owner(session, client_id=contact.client_id, kind=identity.kind, value=value)
    if owner is not None and owner != contact.id:
        raise Conflict(
            f"this {identity.kind.value} already belongs to contact {owner}",
            code="identity_taken",
            contact_id=owner,
        )
    existing = session.scalars(
        select(ContactIdentity).where(
            ContactIdentity.contact_id == contact.id,
            ContactIdentity.kind == identity.kind.value,
            ContactIdentity.value == value,
        )
    ).first()
    if existing:
        return existing
    row = ContactIdentity(
        client_id=contact.client_id, contact_id=contact.id, kind=identity.kind.value, value=value
    )
    session.add(row)
    session.flush()
    if not audit:
        return row
    append_audit(
        session, actor=actor, action="contact.identity_added", object_type="contact",
        object_id=contact.id, client_id=contact.client_id,
        summary={"kind": identity.kind.value},
    )  # fmt: skip
    return row


def attach_identity_if_free(
    session: Session, *, actor: Actor, contact: Contact, identity: IdentityIn
) -> None:
    """Add an identity unless it belongs to another contact: merging customers is a human
    decision (an explicit merge), never a side effect of a message or a claim."""
    try:
        with session.begin_nested():
            do_add_identity(session, actor=actor, contact=contact, identity=identity)
    except Conflict:
        pass


def do_create_contact(
    session: Session, *, actor: Actor, client: Client, data: ContactIn, owners_checked: bool = False
) -> Contact:
    """A new contact with its identities; `owners_checked` when the caller has just looked
    every identity up (the ingest path), so the look-ups are not repeated."""
    contact = Contact(client_id=client.id, name=data.name, locale=data.locale, is_vip=data.is_vip)
    session.add(contact)
    session.flush()
    unique = {(i.kind, normalize_identity(i.kind, i.value)) for i in data.identities}
    for kind, value in sorted(unique):
        owner = None if owners_checked else identity_owner(
            session, client_id=client.id, kind=kind, value=value
        )  # fmt: skip
        if owner is not None:
            raise Conflict(
                f"this {kind.value} already belongs to contact {owner}",
                code="identity_taken",
                contact_id=owner,
            )
        session.add(
            ContactIdentity(
                client_id=client.id, contact_id=contact.id, kind=kind.value, value=value
            )
        )
    # One entry for the contact and the identities it was created with (kinds, not values).
    kinds = sorted(kind.value for kind, _ in unique)
    append_audit(
        session, actor=actor, action="contact.created", object_type="contact",
        object_id=contact.id, client_id=client.id, summary={"identities": kinds},
    )  # fmt: skip
    return contact


def do_record_consent(
    session: Session, *, actor: Actor, contact: Contact, consent: ConsentIn
) -> ConsentRecord:
    row = ConsentRecord(
        client_id=contact.client_id,
        contact_id=contact.id,
        purpose=consent.purpose,
        granted=consent.granted,
        source=consent.source,
    )
    session.add(row)
    session.flush()
    append_audit(
        session, actor=actor, action="contact.consent_recorded", object_type="contact",
        object_id=contact.id, client_id=contact.client_id, summary=consent.model_dump(),
    )  # fmt: skip
    return row
