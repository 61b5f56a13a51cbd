"""From a client's history to a staffed week: forecast, per-skill plan, schedule of real advisors.

Reads only (the caller stores the result, see :mod:`tawasol.wfm.actions`):

1. arrivals of the last ``history_weeks`` weeks (``conversation_created`` reporting events),
   bucketed per channel and language in the client's timezone;
2. a forecast of the week from ``first_day`` and a plan per language (Erlang, single-skill
   queues, see :mod:`tawasol.wfm.plan`);
3. the client's active advisors (certified for the client) with their languages; contacts of
   unknown language can go to anyone;
4. shifts and breaks for the heads required *on the floor* (``agents``: breaks are placed by
   the scheduler itself, so the break part of shrinkage is not added again), rostered per
   language (:mod:`tawasol.wfm.skill_schedule`); during Ramadan the meal break of evening
   shifts sits around sunset at the request's location (:mod:`tawasol.wfm.sunset`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.models.skill import AdvisorLanguage
from tawasol.models.user import User, UserClient
from tawasol.models.vocabulary import Role
from tawasol.wfm.forecast import SeriesForecast, forecast
from tawasol.wfm.history import (
    UNKNOWN_LANGUAGE,
    SeriesKey,
    arrivals_from_db,
    bucket_arrivals,
    client_timezone,
)
from tawasol.wfm.plan import ServiceTarget, StaffingPlan, plan_from_forecast
from tawasol.wfm.shifts import ShiftRules
from tawasol.wfm.skill_roster import SkilledAdvisor
from tawasol.wfm.skill_schedule import SkilledSchedule, solve_skilled_schedule
from tawasol.wfm.sunset import CASABLANCA, IftarRule, Location

DEFAULT_TARGET = ServiceTarget(target_service_level=0.8, answer_within_seconds=20.0, shrinkage=0.3)


@dataclass(frozen=True, slots=True)
class WeekRequest:
    """What to build: the week, where (sunset), the service target and the solver's time."""

    first_day: date
    location: Location = CASABLANCA
    days: int = 7
    interval_minutes: int = 30
    history_weeks: int = 8
    target: ServiceTarget = DEFAULT_TARGET
    time_limit_seconds: float = 8.0
    workers: int | None = None


@dataclass(frozen=True, slots=True)
class WeekBuild:
    """Everything a stored schedule is made of; ``staff[i]`` is the advisor ``i`` of shifts."""

    request: WeekRequest
    timezone: str
    history_contacts: int
    forecast: dict[SeriesKey, SeriesForecast]
    plan: StaffingPlan | None
    staff: list[User] = field(default_factory=list)
    schedule: SkilledSchedule | None = None


def client_advisors(session: Session, *, client_id: int) -> list[tuple[User, frozenset[str]]]:
    """Active advisors certified for the client, with their languages (ids in order)."""
    granted = select(UserClient.user_id).where(
        UserClient.client_id == client_id, UserClient.certified.is_(True)
    )
    users = list(
        session.scalars(
            select(User)
            .where(User.role == Role.ADVISOR.value, User.is_active.is_(True), User.id.in_(granted))
            .order_by(User.id)
        )
    )
    languages: dict[int, set[str]] = {user.id: {UNKNOWN_LANGUAGE} for user in users}
    rows = session.execute(
        select(AdvisorLanguage.user_id, AdvisorLanguage.language).where(
            AdvisorLanguage.user_id.in_(list(languages))
        )
    )
    for user_id, language in rows:
        languages[user_id].add(language)
    return [(user, frozenset(languages[user.id])) for user in users]


def build_week(session: Session, *, client_id: int, request: WeekRequest) -> WeekBuild:
    """Forecast, plan and schedule ``request``'s week for one client (no writes)."""
    zone = client_timezone(session, client_id)
    midnight = datetime.combine(request.first_day, time()).replace(tzinfo=ZoneInfo(zone))
    since = midnight - timedelta(weeks=request.history_weeks)
    arrivals = arrivals_from_db(session, client_id=client_id, since=since, until=midnight)
    history = bucket_arrivals(
        arrivals, interval_minutes=request.interval_minutes, timezone=zone,
        first_day=since.date(), last_day=request.first_day - timedelta(days=1),
    )  # fmt: skip
    contacts = len(arrivals)
    if not history:
        return WeekBuild(request=request, timezone=zone, history_contacts=0, forecast={}, plan=None)
    predicted = forecast(history, request.days, start=request.first_day)
    plan = plan_from_forecast(predicted, target=request.target)
    advisors = client_advisors(session, client_id=client_id)
    staff = [user for user, _ in advisors]
    team = [SkilledAdvisor(ref=user.id, skills=skills) for user, skills in advisors]
    required = {skill: [int(v) for v in heads] for skill, heads in plan.agents.items()}
    rules = ShiftRules(iftar=IftarRule(location=request.location))
    schedule = solve_skilled_schedule(
        required, team, interval_minutes=request.interval_minutes, first_day=request.first_day,
        timezone=zone, rules=rules, time_limit_seconds=request.time_limit_seconds,
        workers=request.workers,
    )  # fmt: skip
    return WeekBuild(
        request=request, timezone=zone, history_contacts=contacts, forecast=predicted,
        plan=plan, staff=staff, schedule=schedule,
    )  # fmt: skip


def next_monday(today: date) -> date:
    """The first day of next week (weeks start on Monday)."""
    return today + timedelta(days=7 - today.weekday())
