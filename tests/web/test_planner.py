"""The planner page: a week's forecast and staffing from the client's own history."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from tawasol.auth.actor import Actor
from tawasol.conversations.actions import do_open_conversation
from tawasol.conversations.schemas import ConversationIn
from tawasol.db.tenancy import Scope
from tawasol.db.types import clock_at, utcnow
from tawasol.models import Contact, Inbox
from tawasol.models.vocabulary import Role
from tests.factories import PASSWORD, make_tenant, make_user


def _history(runtime, tenant, days: int = 21, per_day: int = 12) -> None:  # type: ignore[no-untyped-def]
    now = utcnow().replace(minute=0, second=0, microsecond=0)
    with runtime.db.unit(Scope.system()) as session:
        inbox = session.get(Inbox, tenant.inbox_id)
        contact = session.get(Contact, tenant.contact_id)
        for day in range(1, days + 1):
            for n in range(per_day):
                moment = now - timedelta(days=day) + timedelta(minutes=37 * n)
                with clock_at(moment):
                    do_open_conversation(
                        session, actor=Actor.system(), inbox=inbox, contact=contact,
                        data=ConversationIn(inbox_id=inbox.id, contact_id=contact.id,
                                            text=f"j{day} n{n}"),
                    )  # fmt: skip


def _browser(app, email: str) -> TestClient:  # type: ignore[no-untyped-def]
    client = TestClient(app)
    client.get("/login")
    token = client.cookies.get("tawasol_login_csrf")
    client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    return client


def test_planner_forecasts_from_history(app, runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "PLAN")
    other = make_tenant(runtime, "PLANB")
    _history(runtime, tenant)
    _, email = make_user(runtime, Role.WORKFORCE_PLANNER, [tenant.client_id])
    page = _browser(app, email).get(f"/planner?client={other.client_id}")
    assert page.status_code == 200
    assert other.marker.lower() not in page.text.lower()  # another client's id falls back to own
    assert "<svg" in page.text and "Semaine à venir" in page.text
    assert page.text.count("<tr><td>") >= 7 + 7  # coming week and last week's backtest
    assert "WAPE" in page.text


def test_planner_is_for_planning_roles_and_speaks_arabic(app, runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "PLAR")
    _, advisor = make_user(runtime, Role.ADVISOR, [tenant.client_id])
    assert _browser(app, advisor).get("/planner").status_code == 403
    _, planner = make_user(runtime, Role.WORKFORCE_PLANNER, [tenant.client_id])
    arabic = _browser(app, planner).get("/planner?lang=ar")
    assert 'dir="rtl"' in arabic.text and "التخطيط" in arabic.text
    assert "لا يوجد بعد سجل كافٍ للتنبؤ" in arabic.text  # this client has one day of history
