"""`GET /api/v1/mentions` (mine, keyset-paged, unread only on request) and
`POST /api/v1/mentions/{id}/read`."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models.audit import AuditEntry
from tawasol.models.vocabulary import Role
from tests.factories import login, make_tenant, make_user
from tests.users.factories import make_mention

pytestmark = pytest.mark.db


def test_my_mentions_newest_first_paged_and_marked_read(app, runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "M")
    author_id, _ = make_user(runtime, Role.SUPERVISOR, [tenant.client_id])
    made = [
        make_mention(runtime, conversation_id=tenant.conversation_id, author_id=author_id,
                     named_id=tenant.advisor_id, text=f"Note {n} <b>")
        for n in range(3)
    ]  # fmt: skip
    other_id, other_email = make_user(runtime, Role.ADVISOR, [tenant.client_id])
    make_mention(runtime, conversation_id=tenant.conversation_id, author_id=author_id,
                 named_id=other_id)  # fmt: skip
    me = login(app, tenant.advisor_email)

    first = me.get("/api/v1/mentions?unread=true&limit=2")
    assert first.status_code == 200, first.text
    page = first.json()
    assert [m["id"] for m in page["items"]] == [made[2], made[1]]
    assert page["items"][0]["excerpt"].startswith("Note 2 <b>")
    assert page["items"][0]["conversation_id"] == tenant.conversation_id
    assert page["items"][0]["author_user_id"] == author_id and page["items"][0]["read_at"] is None
    rest = me.get(f"/api/v1/mentions?unread=true&limit=2&cursor={page['next_cursor']}").json()
    assert [m["id"] for m in rest["items"]] == [made[0]] and rest["next_cursor"] is None

    read = me.post(f"/api/v1/mentions/{made[1]}/read")
    assert read.status_code == 200 and read.json()["read_at"] is not None
    again = me.post(f"/api/v1/mentions/{made[1]}/read")
    assert again.json()["read_at"] == read.json()["read_at"]  # reading twice changes nothing
    unread = me.get("/api/v1/mentions?unread=true").json()["items"]
    assert [m["id"] for m in unread] == [made[2], made[0]]
    everything = me.get("/api/v1/mentions").json()["items"]
    assert [m["id"] for m in everything] == [made[2], made[1], made[0]]
    with runtime.db.unit(Scope.system(), write=False) as session:
        audited = session.scalars(
            select(AuditEntry.object_id).where(AuditEntry.action == "mention.read")
        ).all()
    assert audited.count(str(made[1])) == 1

    # Someone else's mention, even on a conversation I can read: the same 404 as a missing one.
    other = login(app, other_email)
    assert other.post(f"/api/v1/mentions/{made[0]}/read").status_code == 404
    assert other.get("/api/v1/mentions").json()["items"][0]["id"] not in made
    assert me.get("/api/v1/mentions?cursor=not-a-cursor").status_code == 422
