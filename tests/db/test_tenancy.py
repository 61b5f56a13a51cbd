"""The tenant guard itself: every client-owned table is filtered by the session's scope,
an unscoped session cannot query, and writes outside the scope are refused."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from tawasol.db.base import Base, TenantScoped
from tawasol.db.tenancy import Scope, TenantScopeError
from tawasol.models import Client, Conversation, Message, ReportingEvent, User
from tawasol.models.contact import Contact
from tests.factories import make_tenant

TENANT_MODELS = [m.class_ for m in Base.registry.mappers if issubclass(m.class_, TenantScoped)]


@pytest.fixture(scope="module")
def pair(runtime):  # type: ignore[no-untyped-def]
    return make_tenant(runtime, "GA"), make_tenant(runtime, "GB")


def test_there_are_client_owned_tables() -> None:
    names = {m.__tablename__ for m in TENANT_MODELS}
    assert {"conversations", "messages", "contacts", "inboxes", "reporting_events"} <= names


@pytest.mark.parametrize("model", TENANT_MODELS, ids=lambda m: m.__tablename__)
def test_each_client_owned_table_is_filtered(runtime, pair, model) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    with runtime.db.unit(Scope.clients({a.client_id}), write=False) as session:
        client_ids = set(session.scalars(select(model.client_id).distinct()))
    assert b.client_id not in client_ids
    assert client_ids <= {a.client_id}


def test_unscoped_session_refuses_to_query(runtime) -> None:  # type: ignore[no-untyped-def]
    session = runtime.db.factory()
    try:
        with pytest.raises(TenantScopeError, match="no tenant scope"):
            session.execute(select(Conversation)).all()
    finally:
        session.close()


def test_clients_and_users_are_scoped(runtime, pair) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    with runtime.db.unit(Scope.clients({a.client_id}), write=False) as session:
        assert session.get(Client, b.client_id) is None
        assert session.get(User, b.advisor_id) is None
        assert session.get(User, a.advisor_id) is not None
        assert session.scalar(select(func.count()).select_from(Contact)) >= 1


def test_bulk_update_cannot_touch_other_client(runtime, pair) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    with runtime.db.unit(Scope.clients({a.client_id})) as session:
        session.execute(
            update(Message).values(redacted=True).execution_options(synchronize_session=False)
        )
    with runtime.db.unit(Scope.system(), write=False) as session:
        b_flags = set(
            session.scalars(select(Message.redacted).where(Message.client_id == b.client_id))
        )
    assert b_flags == {False}


def test_insert_outside_scope_is_refused(runtime, pair) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    with (
        pytest.raises(TenantScopeError, match="outside this scope"),
        runtime.db.unit(Scope.clients({a.client_id})) as session,
    ):
        session.add(Contact(client_id=b.client_id, name="intruder"))
        session.flush()


def test_rows_cannot_move_between_clients(runtime, pair) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    with (
        pytest.raises(TenantScopeError, match="cannot move"),
        runtime.db.unit(Scope.system()) as session,
    ):
        contact = session.get(Contact, a.contact_id)
        assert contact is not None
        contact.client_id = b.client_id
        session.flush()


def test_reporting_events_are_append_only(runtime, pair) -> None:  # type: ignore[no-untyped-def]
    a, _ = pair
    with (
        pytest.raises(TenantScopeError, match="append-only"),
        runtime.db.unit(Scope.system()) as session,
    ):
        event = session.scalars(
            select(ReportingEvent).where(ReportingEvent.client_id == a.client_id)
        ).first()
        assert event is not None
        session.delete(event)
        session.flush()
