"""`arrivals_from_db`: conversation_created events joined to conversations, handle times from
the first assignment to the resolution. Runs on the real migrated database (root conftest)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tawasol.conversations.actions import do_assign, do_open_conversation, do_set_status
from tawasol.conversations.schemas import AssignIn, ConversationIn, StatusIn
from tawasol.db.tenancy import Scope
from tawasol.db.types import clock_at
from tawasol.models.contact import Contact
from tawasol.models.inbox import Inbox
from tawasol.models.user import User
from tawasol.models.vocabulary import ConversationStatus
from tawasol.runtime import Runtime
from tawasol.wfm.history import arrivals_from_db, bucket_arrivals, client_timezone
from tests.factories import SYSTEM, make_tenant

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def _open(
    runtime: Runtime,
    tenant,
    at: datetime,
    language: str | None,
    *,
    assign_after: timedelta | None = None,
    resolve_after: timedelta | None = None,
) -> int:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system()) as session:
        inbox = session.get(Inbox, tenant.inbox_id)
        contact = session.get(Contact, tenant.contact_id)
        assert inbox is not None and contact is not None
        with clock_at(at):
            conversation, _, _ = do_open_conversation(
                session, actor=SYSTEM, inbox=inbox, contact=contact,
                data=ConversationIn(inbox_id=inbox.id, contact_id=contact.id, text="Salam", language=language),
            )  # fmt: skip
        if assign_after is not None:
            advisor = session.get(User, tenant.advisor_id)
            with clock_at(at + assign_after):
                do_assign(session, actor=SYSTEM, conversation=conversation, assignee=advisor,
                          team=None, data=AssignIn(assignee_id=tenant.advisor_id))  # fmt: skip
        if resolve_after is not None:
            with clock_at(at + resolve_after):
                do_set_status(session, actor=SYSTEM, conversation=conversation,
                              data=StatusIn(status=ConversationStatus.RESOLVED))  # fmt: skip
        return conversation.id


def test_arrivals_from_db(runtime: Runtime) -> None:
    tenant = make_tenant(runtime, "WfmA")
    other = make_tenant(runtime, "WfmB")
    _open(
        runtime,
        tenant,
        T0,
        "fr",
        assign_after=timedelta(minutes=2),
        resolve_after=timedelta(minutes=9),
    )
    _open(runtime, tenant, T0 + timedelta(minutes=40), "ar", assign_after=timedelta(minutes=1))
    _open(runtime, tenant, T0 + timedelta(hours=1), None)
    _open(runtime, tenant, T0 + timedelta(days=3), "fr")  # outside the window
    _open(
        runtime,
        other,
        T0 + timedelta(minutes=5),
        "fr",
        assign_after=timedelta(minutes=1),
        resolve_after=timedelta(minutes=3),
    )

    with runtime.db.unit(Scope.system(), write=False) as session:
        arrivals = arrivals_from_db(
            session, client_id=tenant.client_id, since=T0, until=T0 + timedelta(days=1)
        )
        zone = client_timezone(session, tenant.client_id)

    assert [a.at for a in arrivals] == [T0, T0 + timedelta(minutes=40), T0 + timedelta(hours=1)]
    assert {a.client for a in arrivals} == {str(tenant.client_id)}
    assert [a.channel for a in arrivals] == ["email"] * 3
    assert [a.language for a in arrivals] == ["fr", "ar", None]
    assert arrivals[0].handle_seconds == 7 * 60  # resolved 9 min after opening, assigned at 2
    assert arrivals[1].handle_seconds is None  # assigned, never resolved
    assert arrivals[2].handle_seconds is None  # never assigned
    assert zone == "Africa/Casablanca"

    grid = bucket_arrivals(arrivals, interval_minutes=30, timezone=zone)
    # 3 March 2025 is in Ramadan: Casablanca is on UTC+0, so 09:00 UTC is the 09:00 slot.
    assert sum(series.counts[0, 18] for series in grid.values()) == 1
    assert sum(series.total for series in grid.values()) == 3


def test_arrivals_respect_the_session_scope(runtime: Runtime) -> None:
    tenant = make_tenant(runtime, "WfmC")
    _open(runtime, tenant, T0, "fr")
    with runtime.db.unit(Scope.clients({tenant.client_id + 10_000}), write=False) as session:
        assert (
            arrivals_from_db(
                session, client_id=tenant.client_id, since=T0, until=T0 + timedelta(hours=1)
            )
            == []
        )
    with runtime.db.unit(Scope.clients({tenant.client_id}), write=False) as session:
        assert (
            len(
                arrivals_from_db(
                    session, client_id=tenant.client_id, since=T0, until=T0 + timedelta(hours=1)
                )
            )
            == 1
        )
