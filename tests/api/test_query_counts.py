"""List endpoints issue a fixed number of queries, whatever the page size (no N+1)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from tawasol.models.vocabulary import Role
from tests.factories import login, make_tenant, make_user


@contextmanager
def counted(engine) -> Iterator[list[str]]:  # type: ignore[no-untyped-def]
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if not statement.lstrip().upper().startswith(("BEGIN", "PRAGMA", "SAVEPOINT", "RELEASE")):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _grow(client, tenant, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        conv = client.post("/api/v1/conversations", json={
            "inbox_id": tenant.inbox_id, "contact_id": tenant.contact_id, "text": f"m{i}"}).json()  # fmt: skip
        client.post(f"/api/v1/conversations/{conv['id']}/tags", json={"tags": ["a", "b"]})
        client.post("/api/v1/contacts", json={
            "client_id": tenant.client_id, "name": f"c{i}",
            "identities": [{"kind": "email", "value": f"c{i}-{tenant.marker}@example.com"}]})  # fmt: skip


def test_list_endpoints_have_constant_query_counts(app, runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "QC")
    _, email = make_user(runtime, Role.SUPERVISOR, [tenant.client_id])
    client = login(app, email)
    urls = [
        f"/api/v1/conversations?client_id={tenant.client_id}",
        f"/api/v1/contacts?client_id={tenant.client_id}",
        f"/api/v1/users?client_id={tenant.client_id}",
        f"/api/v1/reporting-events?client_id={tenant.client_id}",
    ]

    def counts() -> list[int]:
        result = []
        for url in urls:
            with counted(runtime.db.engine) as statements:
                assert client.get(url).status_code == 200
            result.append(len(statements))
        return result

    small = counts()
    _grow(client, tenant, 12)
    make_user(runtime, Role.ADVISOR, [tenant.client_id])
    assert counts() == small
    assert max(small) <= 8


def test_several_clients_page_by_index_one_query_per_client(app, runtime) -> None:  # type: ignore[no-untyped-def]
    """A user granted several clients: one keyset query per client, each with the client's
    equality (so it walks `ix_conversations_client_*` in order), however long the list."""
    tenants = [make_tenant(runtime, f"QM{i}") for i in range(3)]
    _, email = make_user(runtime, Role.SUPERVISOR, [t.client_id for t in tenants])
    client = login(app, email)
    url = "/api/v1/conversations?status=open&limit=5"

    def lists() -> list[tuple[str, object]]:
        found: list[tuple[str, object]] = []

        def record(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
            if statement.lstrip().startswith("SELECT") and "FROM conversations" in statement:
                found.append((statement, parameters))

        event.listen(runtime.db.engine, "before_cursor_execute", record)
        try:
            assert client.get(url).status_code == 200
        finally:
            event.remove(runtime.db.engine, "before_cursor_execute", record)
        return found

    small = lists()
    _grow(client, tenants[1], 7)
    grown = lists()
    assert len(small) == len(grown) == 3
    if runtime.db.engine.dialect.name == "sqlite":
        with runtime.db.engine.connect() as conn:
            for statement, parameters in grown:
                plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
                details = " ".join(str(row[-1]) for row in plan)
                assert "ix_conversations_client_status" in details, details
                assert "TEMP B-TREE" not in details, details
