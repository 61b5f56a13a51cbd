"""Stored forecasts, plans and schedules from a client's history, superseding, and adherence
from stored presence events (query, JSON API and CLI). Runs on the migrated database."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from typer.testing import CliRunner

from tawasol.conversations.actions import do_open_conversation
from tawasol.conversations.schemas import ConversationIn
from tawasol.db.tenancy import Scope
from tawasol.db.types import clock_at
from tawasol.models import AuditEntry, Client, Contact, Inbox, PresenceEvent
from tawasol.models.skill import AdvisorLanguage
from tawasol.models.vocabulary import Role
from tawasol.models.wfm import WfmForecast, WfmPlan, WfmSchedule, WfmShift
from tawasol.wfm.actions import do_generate_schedule
from tawasol.wfm.cli import wfm_app
from tawasol.wfm.generate import WeekRequest
from tawasol.wfm.queries import day_adherence
from tests.factories import SYSTEM, login, make_tenant, make_user

FIRST_DAY = date(2026, 11, 2)  # a Monday in the past of the test run
ZONE = ZoneInfo("Africa/Casablanca")


def _world(runtime):  # type: ignore[no-untyped-def]
    """A client with two weeks of French and Arabic contacts and three advisors."""
    tenant = make_tenant(runtime, "WfmStore")
    arabic, _ = make_user(runtime, Role.ADVISOR, [tenant.client_id])
    both, _ = make_user(runtime, Role.ADVISOR, [tenant.client_id])
    with runtime.db.unit(Scope.system()) as session:
        session.add_all([
            AdvisorLanguage(user_id=tenant.advisor_id, language="fr"),
            AdvisorLanguage(user_id=arabic, language="ar"),
            AdvisorLanguage(user_id=both, language="fr"),
            AdvisorLanguage(user_id=both, language="ar"),
        ])  # fmt: skip
        inbox, contact = (
            session.get(Inbox, tenant.inbox_id),
            session.get(Contact, tenant.contact_id),
        )
        for day in range(1, 15):
            for n, language in enumerate(("fr", "ar", "fr", "ar", "fr")):
                local = datetime.combine(FIRST_DAY - timedelta(days=day), time(10 + n, 10))
                with clock_at(local.replace(tzinfo=ZONE).astimezone(UTC)):
                    do_open_conversation(
                        session, actor=SYSTEM, inbox=inbox, contact=contact,
                        data=ConversationIn(inbox_id=inbox.id, contact_id=contact.id,
                                            text=f"c{day}{n}", language=language),
                    )  # fmt: skip
    return tenant, {tenant.advisor_id: {"fr"}, arabic: {"ar"}, both: {"fr", "ar"}}


def _generate(runtime, tenant) -> int:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system()) as session:
        client = session.get(Client, tenant.client_id)
        request = WeekRequest(first_day=FIRST_DAY, time_limit_seconds=3, workers=1)
        return do_generate_schedule(session, actor=SYSTEM, client=client, request=request).id


def test_generate_store_supersede_and_adherence(runtime, app, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tenant, skills = _world(runtime)
    first = _generate(runtime, tenant)
    with runtime.db.unit(Scope.system(), write=False) as session:
        schedule = session.get(WfmSchedule, first)
        plan = session.get(WfmPlan, schedule.plan_id)
        forecast = session.get(WfmForecast, plan.forecast_id)
        assert {s["language"] for s in forecast.series} == {"fr", "ar"}
        assert len(forecast.series[0]["contacts"]) == 7 * 48
        assert set(plan.agents) == {"fr", "ar"} and max(plan.agents["ar"]) >= 1
        assert set(schedule.coverage) == {"fr", "ar"} and schedule.status == "current"
        shifts = list(session.scalars(select(WfmShift).where(WfmShift.schedule_id == first)))
        assert shifts and all(s.client_id == tenant.client_id for s in shifts)
        for shift in shifts:  # only advisors of the client, each with a language in demand
            assert shift.user_id in skills and skills[shift.user_id] & {"fr", "ar"}
        actions = set(session.scalars(select(AuditEntry.action).where(
            AuditEntry.client_id == tenant.client_id, AuditEntry.action.like("wfm.%"))))  # fmt: skip
        assert actions == {"wfm.forecast_stored", "wfm.plan_stored", "wfm.schedule_generated"}
    second = _generate(runtime, tenant)
    with runtime.db.unit(Scope.system(), write=False) as session:
        assert session.get(WfmSchedule, first).status == "superseded"
        assert session.get(WfmSchedule, second).status == "current"
        shift = session.scalars(
            select(WfmShift).where(WfmShift.schedule_id == second).order_by(WfmShift.starts_at)
        ).first()
        user_id, day = shift.user_id, shift.day
        start, end = shift.starts_at, shift.ends_at
        breaks = [(datetime.fromisoformat(b["start"]), datetime.fromisoformat(b["end"]))
                  for b in shift.breaks]  # fmt: skip
    # Follows the schedule exactly, but logs off an hour early.
    with runtime.db.unit(Scope.system()) as session:
        events = [(start - timedelta(minutes=5), "available")]
        for pause_start, pause_end in breaks:
            events += [(pause_start, "on_break"), (pause_end, "available")]
        events.append((end - timedelta(hours=1), "offline"))
        session.add_all(PresenceEvent(user_id=user_id, state=s, at=at) for at, s in events)
    minutes = (end - start).total_seconds() / 60
    with runtime.db.unit(Scope.system(), write=False) as session:
        rows = day_adherence(session, client_id=tenant.client_id, day=day)
    mine = next(r for r in rows if r.user_id == user_id)
    assert mine.scheduled_minutes == minutes
    assert abs(mine.adherent_minutes - (minutes - 60)) < 0.01
    assert rows[-1].user_id is None and rows[-1].scheduled_minutes >= minutes

    _, email = make_user(runtime, Role.SUPERVISOR, [tenant.client_id])
    body = (
        login(app, email)
        .get(f"/api/v1/wfm/adherence?client_id={tenant.client_id}&date={day.isoformat()}")
        .json()
    )
    api = next(a for a in body["advisors"] if a["user_id"] == user_id)
    assert api["scheduled_minutes"] == round(minutes, 1)
    assert api["adherence"] == round((minutes - 60) / minutes, 4)

    outsider = make_tenant(runtime, "WfmOut")
    _, foreign = make_user(runtime, Role.OPERATOR_ADMIN, [outsider.client_id])
    refused = login(app, foreign).get(
        f"/api/v1/wfm/adherence?client_id={tenant.client_id}&date={day.isoformat()}"
    )
    assert refused.status_code == 404 and tenant.marker not in refused.text

    with runtime.db.unit(Scope.system(), write=False) as session:
        slug = session.get(Client, tenant.client_id).slug
    monkeypatch.setenv("TAWASOL_DATABASE_URL", runtime.settings.resolved_database_url)
    result = CliRunner().invoke(wfm_app, ["adherence", "--client", slug, "--date",
                                          day.isoformat(), "--data-dir", str(tmp_path), "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output.strip().splitlines()[-1])
    assert printed["advisors"] == body["advisors"]
    missing = CliRunner().invoke(wfm_app, ["adherence", "--client", "nope", "--date", "2026-11-02"])
    assert missing.exit_code == 2
