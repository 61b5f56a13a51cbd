"""The planner page: a week's forecast and staffing from the client's own history."""

from __future__ import annotations

import time
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select

from tawasol.auth.actor import Actor
from tawasol.conversations.actions import do_open_conversation
from tawasol.conversations.schemas import ConversationIn
from tawasol.db.tenancy import Scope
from tawasol.db.types import clock_at, utcnow
from tawasol.models import Contact, Inbox, User
from tawasol.models.outbox import OutboxEvent
from tawasol.models.vocabulary import Role
from tawasol.web.planner import SCHEDULE_SECONDS
from tawasol.wfm.generation import GENERATE_JOB
from tawasol.wfm.generation_solver import SOLVER
from tests.factories import PASSWORD, make_client, make_tenant, make_user, unique


def _history(runtime, tenant, days: int = 21, per_day: int = 12) -> None:  # type: ignore[no-untyped-def]
    # Contacts during the working day (10:00 UTC onwards), whatever the hour the suite runs at:
    # history written at night would forecast night traffic and leave the week's days unstaffed.
    now = utcnow().replace(hour=10, minute=0, second=0, microsecond=0)
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


def _csrf(page_text: str) -> str:
    marker = 'name="csrf_token" value="'
    start = page_text.index(marker) + len(marker)
    return page_text[start : page_text.index('"', start)]


def test_planner_generates_and_shows_next_weeks_schedule(app, runtime, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tawasol.web.planner as planner

    monkeypatch.setattr(planner, "SCHEDULE_SECONDS", 2.0)
    tenant = make_tenant(runtime, "PLGEN")
    _history(runtime, tenant, days=14, per_day=6)
    with runtime.db.unit(Scope.system()) as session:
        session.get(User, tenant.advisor_id).full_name = "Test advisor <b>Amal</b>"
    _, email = make_user(runtime, Role.WORKFORCE_PLANNER, [tenant.client_id])
    browser = _browser(app, email)
    page = browser.get(f"/planner?client={tenant.client_id}")
    assert "Aucun planning enregistré pour ce client." in page.text
    form = {"client_id": str(tenant.client_id), "latitude": "33.5731", "longitude": "-7.5898"}
    forged = browser.post("/planner/schedule", data={**form, "csrf_token": "forged"})
    assert forged.status_code == 403
    bad = browser.post("/planner/schedule", data={**form, "latitude": "north",
                                                  "csrf_token": _csrf(page.text)})  # fmt: skip
    assert bad.status_code == 422
    token = _csrf(page.text)
    user_id = _user_id(runtime, email)
    stream = runtime.bus.subscribe([f"agent:{user_id}"])  # a planner may not follow the client
    started = time.monotonic()
    done = browser.post(
        "/planner/schedule", data={**form, "csrf_token": token}, follow_redirects=False
    )
    assert done.status_code == 303, done.text
    assert time.monotonic() - started < SCHEDULE_SECONDS  # answered before any solve
    pending = browser.get(done.headers["location"])
    assert "Planning en cours de génération" in pending.text
    assert 'data-pending="1"' in pending.text and "planner.js" in pending.text
    assert "Aucun planning enregistré pour ce client." in pending.text
    second = browser.post("/planner/schedule", data={**form, "csrf_token": token})
    assert "Un planning est déjà en cours de génération" in second.text
    assert _requests(runtime, tenant.client_id) == 1  # the second click queued nothing
    _solve(runtime)
    generated = _events(stream, "wfm.schedule_generated")
    assert generated and generated[0]["payload"]["request_id"] is not None
    shown = browser.get(f"/planner?client={tenant.client_id}")
    assert 'data-pending="0"' in shown.text
    assert "Horaires et pauses par jour" in shown.text and "Test advisor" in shown.text
    assert shown.text.count('class="chart"') >= 3  # forecast, total, and the "und" language
    assert "–" in shown.text and "Pause" in shown.text
    assert "Test advisor &lt;b&gt;Amal&lt;/b&gt;" in shown.text and "<b>Amal" not in shown.text
    monday = shown.text.split('<th scope="col"><bdi>')[1][:10]
    upcoming = browser.get(f"/planner?client={tenant.client_id}&day={monday}")
    adherence = upcoming.text.split('id="adherence-title"')[1]
    assert "Test advisor" in adherence and "—" in adherence  # scheduled, not started yet
    browser.post("/planner/schedule", data={**form, "csrf_token": token})
    assert _requests(runtime, tenant.client_id) == 2  # a new request once the last is answered
    _solve(runtime)
    again = browser.get(f"/planner?client={tenant.client_id}&lang=ar")
    assert 'dir="rtl"' in again.text and "جدول عمل المستشارين" in again.text
    assert "مُستبدل" in again.text  # the first schedule is kept as superseded


def _user_id(runtime, email: str) -> int:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        return session.scalars(select(User.id).where(User.email == email)).one()


def _requests(runtime, client_id: int) -> int:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        rows = select(OutboxEvent.id).where(
            OutboxEvent.type == GENERATE_JOB, OutboxEvent.client_id == client_id
        )
        return len(session.scalars(rows).all())


def _solve(runtime) -> None:  # type: ignore[no-untyped-def]
    """What a node's workers do: the relay hands the job over, the solver thread runs it."""
    runtime.relay.drain()
    assert SOLVER.wait_idle(timeout=60)
    runtime.relay.drain()  # publishes the solver's event


def _events(stream, kind: str) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    seen = []
    while (message := stream.get(0.2)) is not None:
        if message["type"] == kind:
            seen.append(message)
    return seen


def test_planner_schedule_form_is_refused_to_other_clients_and_roles(app, runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "PLREF")
    other = make_tenant(runtime, "PLREFB")
    _, email = make_user(runtime, Role.WORKFORCE_PLANNER, [tenant.client_id])
    browser = _browser(app, email)
    token = _csrf(browser.get("/planner").text)
    foreign = browser.post("/planner/schedule", data={
        "client_id": str(other.client_id), "latitude": "33.5", "longitude": "-7.5",
        "csrf_token": token})  # fmt: skip
    assert foreign.status_code == 404
    outside = browser.post("/planner/schedule", data={
        "client_id": str(tenant.client_id), "latitude": "95", "longitude": "-7.5",
        "csrf_token": token})  # fmt: skip
    assert outside.status_code == 422  # latitude beyond the polar circle
    _, advisor = make_user(runtime, Role.ADVISOR, [tenant.client_id])
    assert _browser(app, advisor).post("/planner/schedule", data={}).status_code == 403
    quiet = make_client(runtime, name=unique("quiet-brand").lower())  # no contact ever
    _, quiet_planner = make_user(runtime, Role.WORKFORCE_PLANNER, [quiet])
    browser = _browser(app, quiet_planner)
    queued = browser.post("/planner/schedule", data={
        "client_id": str(quiet), "latitude": "33.5", "longitude": "-7.5",
        "csrf_token": _csrf(browser.get("/planner").text)})  # fmt: skip
    assert queued.status_code == 200 and "Planning en cours de génération" in queued.text
    _solve(runtime)
    failed = browser.get("/planner").text  # the failure is stored and shown, never lost
    assert "Pas assez d'historique pour générer un planning." in failed
    assert 'data-pending="0"' in failed and "disabled" not in failed.split("schedule-title")[1]
