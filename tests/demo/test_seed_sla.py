"""The demo instance tracks SLAs: every brand has a policy and hours, and clocks are running."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import func, select

from tawasol.db.tenancy import Scope
from tawasol.db.types import utcnow
from tawasol.demo.corpus import CLIENT_BRANDS
from tawasol.demo.seed import seed_demo
from tawasol.demo.seed_sla import sla_settings
from tawasol.models.client import Client
from tawasol.models.conversation import Conversation
from tawasol.models.routing import RoutingSettings
from tawasol.models.sla import ConversationSla
from tawasol.runtime import Runtime
from tawasol.sla.settings import load_settings
from tawasol.web.admin_sla_form import form_values, settings_from_form
from tawasol.web.inbox_sla import sla_clock
from tests.conftest import settings_for

pytestmark = pytest.mark.db


@pytest.fixture(scope="module")
def demo(make_database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:  # type: ignore[no-untyped-def]
    url = make_database("demo-sla")
    runtime = Runtime.build(settings_for(tmp_path_factory.mktemp("demo-sla"), url))
    seed_demo(runtime, per_client=4)
    yield runtime
    runtime.close()


def test_each_brand_has_its_own_hours_with_a_holiday_and_ramadan() -> None:
    weekly = {brand.slug: sla_settings(brand, today=date(2026, 11, 27)) for brand in CLIENT_BRANDS}
    assert len({str(s.calendar.weekly) for s in weekly.values()}) == len(CLIENT_BRANDS)
    for settings in weekly.values():
        calendar = settings.calendar.calendar("Africa/Casablanca")
        assert calendar.timezone == "Africa/Casablanca"
        assert date(2026, 11, 18) in calendar.holidays  # Independence Day
        assert any(p.name.startswith("Ramadan") and p.covers(date(2027, 2, 20))
                   for p in calendar.special_periods)  # fmt: skip
        assert settings.policy.escalations and settings.policy.warn_at == 0.75
        assert set(settings.policy.targets) == {"urgent", "high", "normal", "low"}
        # The admin page shows and saves these hours unchanged.
        typed = form_values(settings.policy.document(), settings.calendar.document())
        assert settings_from_form(typed).calendar.calendar("Africa/Casablanca") == calendar


def test_the_seeded_clocks_run_from_the_seeded_timestamps(demo: Runtime) -> None:
    now = utcnow()
    with demo.db.unit(Scope.system(), write=False) as session:
        clients = session.scalars(select(Client)).all()
        assert len(clients) == len(CLIENT_BRANDS)
        for client in clients:
            assert load_settings(session, client_id=client.id) is not None
        conversations = session.scalars(select(Conversation)).all()
        rows = session.scalar(select(func.count()).select_from(ConversationSla))
        assert rows == len(conversations)  # every conversation has its clocks
        airline = next(c for c in clients if c.slug == "zellige-airways")  # its clocks never pause
        states = Counter(
            clock.state.value
            for c in conversations
            if c.client_id == airline.id and (clock := sla_clock(c, now)) is not None
        )
        assert states["breached"] >= 2 and states["at_risk"] >= 2 and states["ok"] >= 1


def test_seeding_again_changes_no_sla_setting(demo: Runtime) -> None:
    with demo.db.unit(Scope.system(), write=False) as session:
        before = session.scalars(
            select(RoutingSettings.calendar).order_by(RoutingSettings.id)
        ).all()
        count = session.scalar(select(func.count()).select_from(ConversationSla))
    assert seed_demo(demo, per_client=4).created is False
    with demo.db.unit(Scope.system(), write=False) as session:
        assert (
            session.scalars(select(RoutingSettings.calendar).order_by(RoutingSettings.id)).all()
            == before
        )
        assert session.scalar(select(func.count()).select_from(ConversationSla)) == count
