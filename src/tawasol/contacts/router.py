"""JSON API for contacts."""

from __future__ import annotations

from fastapi import APIRouter, Query

from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.clients.access import access_client_by_id
from tawasol.contacts.access import access_contact_by_id
from tawasol.contacts.actions import do_add_identity, do_create_contact, do_record_consent
from tawasol.contacts.merging import do_merge_contacts, do_unmerge_contacts
from tawasol.contacts.queries import contact_detail, contacts_out, search_contacts
from tawasol.contacts.schemas import (
    ConsentIn,
    ConsentOut,
    ContactDetailOut,
    ContactIn,
    ContactOut,
    IdentityIn,
    IdentityOut,
    MergeIn,
    MergeOut,
)
from tawasol.db.access import fetch_in_scope
from tawasol.db.types import DbId
from tawasol.models.contact import ContactMerge
from tawasol.pagination import Page, decode_cursor, encode_cursor

router = APIRouter(prefix="/contacts", tags=["contacts"])


@router.get("", response_model=Page[ContactOut])
def list_contacts(
    session: SessionDep,
    client_id: DbId | None = None,
    q: str | None = Query(default=None, max_length=100),
    email: str | None = Query(default=None, max_length=254),
    phone: str | None = Query(default=None, max_length=40),
    cursor: str | None = Query(default=None, max_length=200),
    limit: int = Query(default=50, ge=1, le=200),
    actor=require(P.CONTACTS_READ),
) -> Page[ContactOut]:
    before_id = decode_cursor(cursor, (int,))[0] if cursor else None
    rows = search_contacts(
        session, client_id=client_id, q=q, email=email, phone=phone,
        before_id=before_id, limit=limit + 1,
    )  # fmt: skip
    more = len(rows) > limit
    rows = rows[:limit]
    return Page[ContactOut](
        items=contacts_out(session, rows),
        next_cursor=encode_cursor(rows[-1].id) if more and rows else None,
    )


@router.post("", response_model=ContactOut, status_code=201)
def create_contact(
    body: ContactIn, session: SessionDep, actor=require(P.CONTACTS_WRITE)
) -> ContactOut:
    client = access_client_by_id(session, body.client_id)
    contact = do_create_contact(session, actor=actor, client=client, data=body)
    return contacts_out(session, [contact])[0]


@router.get("/{contact_id}", response_model=ContactDetailOut)
def get_contact(
    contact_id: DbId, session: SessionDep, actor=require(P.CONTACTS_READ)
) -> ContactDetailOut:
    return contact_detail(session, access_contact_by_id(session, contact_id))


@router.post("/{contact_id}/identities", response_model=IdentityOut, status_code=201)
def add_identity(
    contact_id: DbId, body: IdentityIn, session: SessionDep, actor=require(P.CONTACTS_WRITE)
) -> IdentityOut:
    contact = access_contact_by_id(session, contact_id)
    return IdentityOut.model_validate(
        do_add_identity(session, actor=actor, contact=contact, identity=body)
    )


@router.post("/{contact_id}/consents", response_model=ConsentOut, status_code=201)
def record_consent(
    contact_id: DbId, body: ConsentIn, session: SessionDep, actor=require(P.CONTACTS_WRITE)
) -> ConsentOut:
    contact = access_contact_by_id(session, contact_id)
    return ConsentOut.model_validate(
        do_record_consent(session, actor=actor, contact=contact, consent=body)
    )


@router.post("/{contact_id}/merge", response_model=MergeOut, status_code=201)
def merge_contacts(
    contact_id: DbId, body: MergeIn, session: SessionDep, actor=require(P.CONTACTS_WRITE)
) -> MergeOut:
    """Fold `other_contact_id` into this contact (identities, conversations, consents)."""
    survivor = access_contact_by_id(session, contact_id)
    merged = access_contact_by_id(session, body.other_contact_id)
    return MergeOut.model_validate(
        do_merge_contacts(session, actor=actor, survivor=survivor, merged=merged)
    )


@router.post("/merges/{merge_id}/undo", response_model=MergeOut)
def undo_merge(merge_id: DbId, session: SessionDep, actor=require(P.CONTACTS_WRITE)) -> MergeOut:
    merge = fetch_in_scope(session, ContactMerge, merge_id, label="merge")
    do_unmerge_contacts(session, actor=actor, merge=merge)
    return MergeOut.model_validate(merge)
