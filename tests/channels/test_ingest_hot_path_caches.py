"""What the ingest hot path no longer pays per message: the client's SLA settings (cached
until a change commits, or the TTL for another node's change) and the body-limit look-up
for routes that are not uploads."""

from __future__ import annotations

import asyncio
import re

import pytest
from sqlalchemy import func, select, update

from tawasol.body_limit import BodySizeLimit, UploadRoute, literal_prefix
from tawasol.channels.group_commit import run_batch
from tawasol.db.tenancy import Scope
from tawasol.models import Inbox
from tawasol.models.routing import RoutingSettings
from tawasol.models.sla import ConversationSla
from tawasol.sla import settings as sla_settings
from tests.channels.test_ingest_statements import _job, _message, inbox, statements

__all__ = ["inbox"]  # the fixture, imported for these tests
POLICY = {"targets": {"normal": {"first_response": 3600.0, "resolution": 28800.0}}}


def _open(runtime, inbox: Inbox, pid: str, phone: str) -> list[str]:  # type: ignore[no-untyped-def]
    with statements(runtime) as seen:
        run_batch(runtime.db, [job := _job(inbox, _message(pid, phone))])
    assert job.future.result() == [True]
    return seen


def _reads_settings(seen: list[str]) -> bool:
    return any("routing_settings" in statement for statement in seen)


def _tracked(runtime, inbox: Inbox) -> int:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        query = select(func.count(ConversationSla.id))
        return session.scalar(query.where(ConversationSla.client_id == inbox.client_id)) or 0


def test_sla_settings_are_read_once_until_a_change_commits(runtime, inbox) -> None:  # type: ignore[no-untyped-def]
    assert _reads_settings(_open(runtime, inbox, "wamid.c1", "+212661000021"))
    assert not _reads_settings(_open(runtime, inbox, "wamid.c2", "+212661000022"))
    with runtime.db.unit(Scope.system()) as session:  # the client starts tracking
        session.add(RoutingSettings(client_id=inbox.client_id, sla_policy=POLICY, calendar={}))
    assert _tracked(runtime, inbox) == 0
    assert _reads_settings(_open(runtime, inbox, "wamid.c3", "+212661000023"))
    assert _tracked(runtime, inbox) == 1
    # A change rolled back changes nothing (the cache is dropped all the same: rare).
    with runtime.db.unit(Scope.system()) as session:
        mine = RoutingSettings.client_id == inbox.client_id
        row = session.scalars(select(RoutingSettings).where(mine)).one()
        row.sla_policy = {}
        session.flush()
        session.rollback()
    _open(runtime, inbox, "wamid.c4", "+212661000024")
    assert _tracked(runtime, inbox) == 2


def test_another_nodes_change_is_seen_within_the_ttl(runtime, inbox, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system()) as session:
        session.add(RoutingSettings(client_id=inbox.client_id, sla_policy=POLICY, calendar={}))
    _open(runtime, inbox, "wamid.t1", "+212661000031")
    with runtime.db.engine.begin() as conn:  # not through this process's ORM: unseen
        table = RoutingSettings.__table__
        conn.execute(
            update(table).where(table.c.client_id == inbox.client_id).values(sla_policy={})
        )
    _open(runtime, inbox, "wamid.t2", "+212661000032")
    assert _tracked(runtime, inbox) == 2  # stale, as documented: bounded by the TTL
    later = sla_settings.time.monotonic() + sla_settings.CACHE_TTL_SECONDS + 1

    class Clock:
        @staticmethod
        def monotonic() -> float:
            return later

    monkeypatch.setattr(sla_settings, "time", Clock)
    assert _reads_settings(_open(runtime, inbox, "wamid.t3", "+212661000033"))
    assert _tracked(runtime, inbox) == 2


def _call(middleware: BodySizeLimit, method: str, path: str) -> list[dict]:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"x" * 20, "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": []}
    asyncio.run(middleware(scope, receive, send))
    return sent


@pytest.mark.parametrize(
    ("method", "path", "resolved", "status"),
    [
        ("POST", "/webhooks/whatsapp/abc", False, 413),  # no upload route starts so
        ("GET", "/widget/abc/attachments", False, 413),  # another method
        ("POST", "/widget/abc/other", False, 413),  # the prefix, not the route
        ("POST", "/widget/abc/attachments", True, 200),  # the upload's own limit
    ],
)
def test_only_an_upload_route_resolves_its_limit(method, path, resolved, status) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def limit(match: re.Match[str]) -> int:
        asked.append(match["key"])
        return 100

    async def app(scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        await receive()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    route = UploadRoute("POST", re.compile(r"/widget/(?P<key>[^/]+)/attachments"), limit)
    sent = _call(BodySizeLimit(app, max_bytes=10, uploads=[route]), method, path)
    assert asked == (["abc"] if resolved else [])
    assert sent[0]["status"] == status


@pytest.mark.parametrize(
    ("pattern", "prefix"),
    [
        (r"/widget/(?P<key>[^/]+)/attachments", "/widget/"),
        (r"/ab?c", "/a"),  # "b" is optional: not part of the prefix
        (r"/x{2}", "/"),
        (r"/a|/b", ""),
        (r"(?i)/upload", ""),
        (r"/a\.b", "/a"),
    ],
)
def test_the_prefix_never_rules_out_a_matching_path(pattern: str, prefix: str) -> None:
    assert literal_prefix(re.compile(pattern)) == prefix
