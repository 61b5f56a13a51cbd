"""Reaching a client brand named by user input."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tawasol.db.access import fetch_in_scope
from tawasol.models.client import Client


def access_client_by_id(session: Session, client_id: int) -> Client:
    return fetch_in_scope(session, Client, client_id, label="client")
