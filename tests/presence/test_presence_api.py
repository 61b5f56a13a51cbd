"""Presence over HTTP: an advisor's own changes, a supervisor's override, the board."""

from __future__ import annotations

from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models.audit import AuditEntry
from tawasol.models.outbox import OutboxEvent
from tawasol.models.presence import PresenceEvent
from tawasol.models.vocabulary import Role
from tests.factories import login, make_client, make_user
from tests.routing.world import make_world


def _events(runtime, user_id: int) -> list[PresenceEvent]:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        return list(
            session.scalars(
                select(PresenceEvent)
                .where(PresenceEvent.user_id == user_id)
                .order_by(PresenceEvent.id)
            )
        )


def _audits(runtime, user_id: int) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        return list(
            session.scalars(
                select(AuditEntry)
                .where(AuditEntry.action == "presence.changed",
                       AuditEntry.object_id == str(user_id))
                .order_by(AuditEntry.id)
            )
        )  # fmt: skip


def test_an_advisor_changes_their_presence_and_everyone_hears(app, runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime)
    advisor_id = world.advisors[0]
    advisor = login(app, world.advisor_emails[0])

    response = advisor.put("/api/v1/presence/me", json={"state": "break", "break_type": "lunch"})
    assert response.status_code == 200, response.text
    assert response.json()["state"] == "break" and response.json()["break_type"] == "lunch"
    again = advisor.put("/api/v1/presence/me", json={"state": "available"})
    assert again.json()["state"] == "available" and again.json()["break_type"] is None

    events = _events(runtime, advisor_id)
    assert [(e.previous_state, e.state, e.break_kind) for e in events] == [
        (None, "on_break", "lunch"),
        ("on_break", "available", None),
    ]
    audits = _audits(runtime, advisor_id)
    assert len(audits) == 2 and {a.client_id for a in audits} == {world.client_id}
    assert not any(a.summary["forced"] for a in audits)
    with runtime.db.unit(Scope.system(), write=False) as session:
        published = session.scalars(
            select(OutboxEvent).where(OutboxEvent.type == "presence.changed")
            .order_by(OutboxEvent.id.desc()).limit(1)
        ).one()  # fmt: skip
    assert set(published.recipients) == {f"agent:{advisor_id}", f"client:{world.client_id}"}
    assert published.payload["state"] == "available"


def test_break_type_goes_only_with_a_break(app, runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime)
    advisor = login(app, world.advisor_emails[0])
    response = advisor.put("/api/v1/presence/me", json={"state": "busy", "break_type": "prayer"})
    assert response.status_code == 422
    assert advisor.put("/api/v1/presence/me", json={"state": "nap"}).status_code == 422


def test_a_supervisor_overrides_presence_audited_and_flagged(app, runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime)
    advisor_id = world.advisors[0]
    supervisor = login(app, world.supervisor_email)
    response = supervisor.put(
        f"/api/v1/presence/{advisor_id}", json={"state": "break", "break_type": "coaching"}
    )
    assert response.status_code == 200, response.text
    [audit] = _audits(runtime, advisor_id)
    assert audit.actor_user_id == world.supervisor_id and audit.summary["forced"] is True
    assert _events(runtime, advisor_id)[-1].actor_user_id == world.supervisor_id

    board = supervisor.get("/api/v1/presence").json()
    mine = {row["user_id"]: row for row in board}
    assert mine[advisor_id]["state"] == "break"
    assert mine[advisor_id]["break_type"] == "coaching"
    # Advisors change their own presence, never someone else's, and do not see the board.
    advisor = login(app, world.advisor_emails[0])
    assert (
        advisor.put(f"/api/v1/presence/{advisor_id}", json={"state": "available"}).status_code
        == 403
    )
    assert advisor.get("/api/v1/presence").status_code == 403


def test_presence_stays_within_the_clients(app, runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime)
    other_client = make_client(runtime)
    _, other_email = make_user(runtime, Role.SUPERVISOR, [other_client])
    other = login(app, other_email)
    refused = other.put(f"/api/v1/presence/{world.advisors[0]}", json={"state": "offline"})
    assert refused.status_code == 404
    assert world.advisors[0] not in {row["user_id"] for row in other.get("/api/v1/presence").json()}
    assert _audits(runtime, world.advisors[0]) == []
