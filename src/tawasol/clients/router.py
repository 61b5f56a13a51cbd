"""JSON API for client brands."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.clients.access import access_client_by_id
from tawasol.clients.actions import do_create_client, do_update_client
from tawasol.clients.schemas import ClientIn, ClientOut, ClientPatch
from tawasol.db.types import DbId
from tawasol.models.client import Client

router = APIRouter(prefix="/clients", tags=["clients"])


@router.get("", response_model=list[ClientOut])
def list_clients(session: SessionDep, actor=require(P.CLIENTS_READ)) -> list[Client]:
    return list(session.scalars(select(Client).order_by(Client.name, Client.id)))


@router.post("", response_model=ClientOut, status_code=201)
def create_client(body: ClientIn, session: SessionDep, actor=require(P.CLIENTS_MANAGE)) -> Client:
    return do_create_client(session, actor=actor, data=body)


@router.get("/{client_id}", response_model=ClientOut)
def get_client(client_id: DbId, session: SessionDep, actor=require(P.CLIENTS_READ)) -> Client:
    return access_client_by_id(session, client_id)


@router.patch("/{client_id}", response_model=ClientOut)
def update_client(
    client_id: DbId, body: ClientPatch, session: SessionDep, actor=require(P.CLIENTS_MANAGE)
) -> Client:
    client = access_client_by_id(session, client_id)
    do_update_client(session, actor=actor, client=client, patch=body)
    return client
