"""Reaching a contact named by user input."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tawasol.db.access import fetch_in_scope
from tawasol.models.contact import Contact


def access_contact_by_id(session: Session, contact_id: int) -> Contact:
    return fetch_in_scope(session, Contact, contact_id, label="contact")
