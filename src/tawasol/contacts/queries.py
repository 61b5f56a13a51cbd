"""Searching contacts by name, email or phone, page by page."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.contacts.identities import normalize_email, normalize_phone
from tawasol.contacts.schemas import ConsentOut, ContactDetailOut, ContactOut, IdentityOut
from tawasol.models.contact import ConsentRecord, Contact, ContactIdentity
from tawasol.models.vocabulary import IdentityKind


def search_contacts(
    session: Session,
    *,
    client_id: int | None,
    q: str | None,
    email: str | None,
    phone: str | None,
    before_id: int | None,
    limit: int,
) -> list[Contact]:
    # Contacts folded into another by a merge are found through their survivor.
    query = (
        select(Contact)
        .where(Contact.merged_into_id.is_(None))
        .order_by(Contact.id.desc())
        .limit(limit)
    )
    if client_id is not None:
        query = query.where(Contact.client_id == client_id)
    if before_id is not None:
        query = query.where(Contact.id < before_id)
    if q:
        query = query.where(Contact.name.ilike(f"%{q}%"))
    for kind, raw in ((IdentityKind.EMAIL, email), (IdentityKind.PHONE, phone)):
        if raw:
            value = normalize_email(raw) if kind == IdentityKind.EMAIL else normalize_phone(raw)
            kinds = [kind.value] + (
                [IdentityKind.WHATSAPP.value] if kind == IdentityKind.PHONE else []
            )
            query = query.where(
                Contact.id.in_(
                    select(ContactIdentity.contact_id).where(
                        ContactIdentity.kind.in_(kinds), ContactIdentity.value == value
                    )
                )
            )
    return list(session.scalars(query))


def contacts_out(session: Session, contacts: list[Contact]) -> list[ContactOut]:
    ids = [c.id for c in contacts]
    identities: dict[int, list[IdentityOut]] = defaultdict(list)
    rows = session.scalars(
        select(ContactIdentity)
        .where(ContactIdentity.contact_id.in_(ids))
        .order_by(ContactIdentity.id)
    )
    for row in rows:
        identities[row.contact_id].append(IdentityOut.model_validate(row))
    return [
        ContactOut.model_validate(c).model_copy(update={"identities": identities[c.id]})
        for c in contacts
    ]


def contact_detail(session: Session, contact: Contact) -> ContactDetailOut:
    base = contacts_out(session, [contact])[0]
    consents = session.scalars(
        select(ConsentRecord)
        .where(ConsentRecord.contact_id == contact.id)
        .order_by(ConsentRecord.id)
    )
    return ContactDetailOut(
        **base.model_dump(), consents=[ConsentOut.model_validate(c) for c in consents]
    )
