"""The SLA admin API (policies, business hours) and a conversation's clocks."""

from __future__ import annotations

from typing import Any

import pytest

from tawasol.models.vocabulary import Role
from tests.factories import login, make_tenant, make_user

SETTINGS: dict[str, Any] = {
    "policy": {
        "targets": {"normal": {"first_response": 3600, "resolution": 28800}},
        "warn_at": 0.75,
        "escalations": {"normal": {"breached": ["notify_supervisor", "reassign"]}},
    },
    "calendar": {
        "timezone": "Africa/Casablanca",
        "weekly": {"mon-fri": "09:00-18:00", "sat": ["09:00-13:00"]},
        "holidays": ["2026-12-18"],
        "special_periods": [{"name": "Ramadan", "first_day": "2027-02-08",
                             "last_day": "2027-03-09", "hours": {"mon-fri": "09:00-15:00"}}],
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def admin(app, runtime):  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "SLA")
    _, email = make_user(runtime, Role.OPERATOR_ADMIN, [tenant.client_id])
    return login(app, email), tenant


def test_settings_round_trip_and_are_audited(admin) -> None:  # type: ignore[no-untyped-def]
    client, tenant = admin
    url = f"/api/v1/clients/{tenant.client_id}/sla"
    assert client.get(url).json()["tracked"] is False
    response = client.put(url, json=SETTINGS)
    assert response.status_code == 200, response.text
    body = client.get(url).json()
    assert body["tracked"] is True and body["timezone"] == "Africa/Casablanca"
    assert body["policy"]["targets"] == {
        "normal": {"first_response": 3600.0, "resolution": 28800.0}
    }
    assert body["policy"]["escalations"]["normal"]["breached"] == ["notify_supervisor", "reassign"]
    assert body["calendar"]["special_periods"][0]["hours"] == {"mon-fri": "09:00-15:00"}
    audit = client.get("/api/v1/audit-entries", params={"client_id": tenant.client_id}).json()
    items = audit["items"] if isinstance(audit, dict) else audit
    assert any(entry["action"] == "sla.settings_updated" for entry in items)


def test_a_new_conversation_shows_its_clocks(admin) -> None:  # type: ignore[no-untyped-def]
    client, tenant = admin
    assert client.put(f"/api/v1/clients/{tenant.client_id}/sla", json=SETTINGS).status_code == 200
    opened = client.post(
        "/api/v1/conversations",
        json={"inbox_id": tenant.inbox_id, "contact_id": tenant.contact_id, "text": "Allô"},
    )
    assert opened.status_code == 201, opened.text
    assert opened.json()["first_response_due_at"] is not None
    sla = client.get(f"/api/v1/conversations/{opened.json()['id']}/sla").json()
    assert sla["tracked"] is True and sla["priority"] == "normal"
    assert {c["target"]: c["state"] for c in sla["clocks"]} == {
        "first_response": "running",
        "resolution": "running",
    }
    untracked = client.get(f"/api/v1/conversations/{tenant.conversation_id}/sla").json()
    assert untracked == {**untracked, "tracked": False, "clocks": []}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("calendar", "timezone"), "Mars/Olympus_Mons"),
        (("calendar", "weekly"), {"mon-fri": "9h-18h"}),
        (("calendar", "weekly"), {"someday": "09:00-18:00"}),
        (("calendar", "weekly"), {"mon": "25:00-26:00"}),
        (("calendar", "holidays"), ["2026-13-01"]),
        (("calendar", "special_periods"),
         [{"name": "x", "first_day": "2027-03-09", "last_day": "2027-02-08"}]),
        (("policy", "warn_at"), 1.5),
        (("policy", "targets"), {"normal": {"first_response": -5}}),
        (("policy", "targets"), {"vip": {"first_response": 60}}),
        (("policy", "escalations"), {"normal": {"breached": ["fire_everyone"]}}),
    ],
)  # fmt: skip
def test_invalid_settings_are_refused(admin, path: tuple[str, str], value: Any) -> None:  # type: ignore[no-untyped-def]
    client, tenant = admin
    body = {key: dict(part) for key, part in SETTINGS.items()}
    body[path[0]][path[1]] = value
    response = client.put(f"/api/v1/clients/{tenant.client_id}/sla", json=body)
    assert response.status_code == 422, response.text


def test_a_calendar_that_never_opens_is_refused(admin) -> None:  # type: ignore[no-untyped-def]
    client, tenant = admin
    body = {**SETTINGS, "calendar": {"weekly": {"mon": []}}}
    response = client.put(f"/api/v1/clients/{tenant.client_id}/sla", json=body)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "calendar_closed"
