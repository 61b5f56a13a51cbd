"""The SLA administration page: the same action as the API, in the reader's language."""

from __future__ import annotations

from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models.client import Client
from tawasol.models.routing import RoutingSettings
from tawasol.models.vocabulary import Role
from tawasol.sla.queries import sla_settings_of
from tawasol.sla.settings import load_settings
from tests.factories import make_client
from tests.web.staff_world import page_token, staff_login

FORM = {
    "enabled": "on",
    "business_hours": "on",
    "warn_at": "75",
    "target-normal-first_response": "60",
    "target-normal-resolution": "480",
    "target-urgent-first_response": "15",
    "esc-urgent-breached-reassign": "on",
    "esc-default-warning-notify_supervisor": "on",
    "timezone": "Europe/Paris",
    "hours-mon": "09:00-12:30,14:00-18:00",
    "hours-fri": "09:00-12:00",
    "holidays": "2026-12-25\n2027-01-01",
    "period-0-name": "Ramadan",
    "period-0-first_day": "2027-02-08",
    "period-0-last_day": "2027-03-09",
    "period-0-hours": "mon-fri=09:00-15:00",
}


def test_an_admin_sets_targets_escalations_and_hours(app, runtime) -> None:  # type: ignore[no-untyped-def]
    client_id = make_client(runtime)
    browser = staff_login(app, runtime, Role.OPERATOR_ADMIN, [client_id])
    page = browser.get(f"/admin/sla?client_id={client_id}")
    assert page.status_code == 200 and "Niveaux de service" in page.text
    saved = browser.post(
        f"/admin/sla/{client_id}", data={**FORM, "csrf_token": page_token(page.text)},
        follow_redirects=True,
    )  # fmt: skip
    assert saved.status_code == 200 and "Modification enregistrée." in saved.text
    assert 'value="09:00-12:30,14:00-18:00"' in saved.text
    with runtime.db.unit(Scope.system(), write=False) as session:
        settings = load_settings(session, client_id=client_id)
    assert settings is not None
    assert settings.policy.warn_at == 0.75
    assert settings.policy.seconds_for("normal", "first_response") == 3600  # type: ignore[arg-type]
    assert [a.value for a in settings.actions_for("urgent", "sla.breached")] == ["reassign"]  # type: ignore[arg-type]
    assert [a.value for a in settings.actions_for("low", "sla.warning")] == ["notify_supervisor"]  # type: ignore[arg-type]
    assert settings.calendar.timezone == "Europe/Paris"
    assert len(settings.calendar.weekly[0]) == 2 and 1 not in settings.calendar.weekly
    assert settings.calendar.special_periods[0].name == "Ramadan"
    with runtime.db.unit(Scope.system(), write=False) as session:
        assert (
            sla_settings_of(session, client=session.get(Client, client_id)).policy["name"]
            == "default"
        )
    with runtime.db.unit(Scope.system()) as session:  # a policy named elsewhere (the API)
        row = session.scalars(
            select(RoutingSettings).where(RoutingSettings.client_id == client_id)
        ).one()
        row.sla_policy = {**row.sla_policy, "name": "Contrat Or"}
    again = browser.post(
        f"/admin/sla/{client_id}", data={**FORM, "csrf_token": page_token(page.text)},
        follow_redirects=True,
    )  # fmt: skip
    assert again.status_code == 200
    with runtime.db.unit(Scope.system(), write=False) as session:
        assert (
            sla_settings_of(session, client=session.get(Client, client_id)).policy["name"]
            == "Contrat Or"
        )
    english = browser.get(f"/admin/sla?client_id={client_id}&lang=en")
    assert "Service levels" in english.text and "Return to the queue" in english.text


def test_refusals_come_back_with_what_was_typed(app, runtime) -> None:  # type: ignore[no-untyped-def]
    client_id = make_client(runtime)
    browser = staff_login(app, runtime, Role.OPERATOR_ADMIN, [client_id])
    token = page_token(browser.get(f"/admin/sla?client_id={client_id}").text)
    bad = {**FORM, "timezone": "Mars/Olympus", "csrf_token": token}
    refused = browser.post(f"/admin/sla/{client_id}", data=bad)
    assert refused.status_code == 422 and "timezone" in refused.text
    assert 'value="Mars/Olympus"' in refused.text
    closed = {**FORM, "hours-mon": "", "hours-fri": "", "csrf_token": token}
    refused = browser.post(f"/admin/sla/{client_id}", data=closed)
    assert refused.status_code == 422


def test_supervisors_read_but_do_not_change(app, runtime) -> None:  # type: ignore[no-untyped-def]
    client_id = make_client(runtime)
    browser = staff_login(app, runtime, Role.SUPERVISOR, [client_id])
    page = browser.get(f"/admin/sla?client_id={client_id}")
    assert page.status_code == 200 and "<fieldset disabled>" in page.text
    assert "Enregistrer" not in page.text
    posted = browser.post(
        f"/admin/sla/{client_id}", data={**FORM, "csrf_token": page_token(page.text)}
    )
    assert posted.status_code == 403
