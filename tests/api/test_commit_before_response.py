"""A request's unit of work is committed before its response leaves: a client told 201 can read
what it wrote at once (the console loads the timeline right after a send), and a commit that
fails answers an error instead of a success. Checked on the wire, through a real uvicorn, with
the commit slowed down so that a response sent before it would be seen first."""

from __future__ import annotations

import time

import httpx
import pytest
from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models.message import Message
from tests.factories import PASSWORD, make_tenant
from tests.live_server import serve


@pytest.fixture(scope="module")
def live(app):  # type: ignore[no-untyped-def]
    with serve(app, "commit-order-server") as url:
        yield url


def _signed_in(url: str, email: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=30)
    answer = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    client.headers["x-csrf-token"] = answer.json()["csrf_token"]
    return client


def test_a_posted_note_is_committed_before_the_201(live, runtime, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "CommitOrder")
    client = _signed_in(live, tenant.advisor_email)
    commit = runtime.db.commit

    def slow_commit(session) -> None:  # type: ignore[no-untyped-def]
        time.sleep(0.4)
        commit(session)

    monkeypatch.setattr(runtime.db, "commit", slow_commit)
    text = f"note {tenant.marker} committed first"
    answer = client.post(f"/api/v1/conversations/{tenant.conversation_id}/messages",
                         json={"kind": "note", "text": text})  # fmt: skip
    assert answer.status_code == 201, answer.text
    with runtime.db.unit(Scope.system(), write=False) as session:
        stored = session.scalars(select(Message.id).where(Message.text == text)).all()
    assert stored == [answer.json()["id"]]
    timeline = client.get(f"/api/v1/conversations/{tenant.conversation_id}/messages")
    assert text in [m["text"] for m in timeline.json()["items"]]


def test_a_failed_commit_answers_an_error_not_a_success(live, runtime, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "CommitFails")
    client = _signed_in(live, tenant.advisor_email)

    commit = runtime.db.commit

    text = f"note {tenant.marker} never stored"

    def failing_commit(session) -> None:  # type: ignore[no-untyped-def]
        if session.scalars(select(Message.id).where(Message.text == text)).first() is not None:
            raise RuntimeError("disk full")  # only the unit that wrote the note fails
        commit(session)

    monkeypatch.setattr(runtime.db, "commit", failing_commit)
    answer = client.post(f"/api/v1/conversations/{tenant.conversation_id}/messages",
                         json={"kind": "note", "text": text})  # fmt: skip
    monkeypatch.undo()
    assert answer.status_code >= 500
    with runtime.db.unit(Scope.system(), write=False) as session:
        assert session.scalars(select(Message.id).where(Message.text == text)).all() == []
