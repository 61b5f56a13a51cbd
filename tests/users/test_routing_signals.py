"""Changes to an advisor reach the routing engines at once, without waiting for a rebuild.

The service is stepped by hand: `settle` relays what was committed and lets the service
absorb the signals; nothing here calls `load()` again after the first one.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tawasol.routing.groups import team_group
from tawasol.routing.service import RoutingService
from tests.factories import login
from tests.routing.builders import ManualClock
from tests.routing.conftest import conversation_of, settle
from tests.routing.world import add_advisor, add_team, make_world, open_conversation

pytestmark = pytest.mark.db


@pytest.fixture
def service(runtime) -> Iterator[RoutingService]:  # type: ignore[no-untyped-def]
    runtime.relay.drain()  # earlier tests' signals are not this service's business
    started = RoutingService(runtime.db, bus=runtime.bus, clock=ManualClock(time.time()))
    started.load()
    started.attach()
    yield started
    started.detach()


def _skills(languages: dict[str, int]) -> dict[str, object]:
    return {
        "languages": [
            {"language": code, "proficiency": level} for code, level in languages.items()
        ],
        "channels": [{"channel": "email", "max_concurrent": 2}],
    }


def test_a_language_added_through_the_api_makes_the_advisor_eligible(
    app, runtime, service: RoutingService
) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, advisors=0)
    advisor_id, _ = add_advisor(runtime, world, languages={"fr": 5})
    settle(runtime, service)
    conversation_id = open_conversation(runtime.db, world, language="es")
    assert settle(runtime, service) == []  # nobody speaks Spanish yet
    assert conversation_of(runtime, conversation_id).assignee_id is None

    supervisor = login(app, world.supervisor_email)
    response = supervisor.put(
        f"/api/v1/users/{advisor_id}/skills", json=_skills({"fr": 5, "es": 4})
    )
    assert response.status_code == 200, response.text
    applied = settle(runtime, service)
    assert [(d.conversation_id, d.advisor_id) for d in applied] == [(conversation_id, advisor_id)]
    assert conversation_of(runtime, conversation_id).assignee_id == advisor_id


def test_a_removed_language_stops_routing_to_the_advisor(
    app, runtime, service: RoutingService
) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, advisors=0)
    advisor_id, _ = add_advisor(runtime, world, languages={"fr": 5, "es": 4})
    settle(runtime, service)
    supervisor = login(app, world.supervisor_email)
    response = supervisor.put(f"/api/v1/users/{advisor_id}/skills", json=_skills({"fr": 5}))
    assert response.status_code == 200, response.text
    settle(runtime, service)
    conversation_id = open_conversation(runtime.db, world, language="es")
    assert settle(runtime, service) == []
    assert conversation_of(runtime, conversation_id).assignee_id is None


def test_joining_a_team_reaches_the_engine(app, runtime, service: RoutingService) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, advisors=0)
    first, _ = add_advisor(runtime, world)
    second, _ = add_advisor(runtime, world)
    team_id = add_team(runtime, world, [first])
    settle(runtime, service)
    supervisor = login(app, world.supervisor_email)
    response = supervisor.put(
        f"/api/v1/teams/{team_id}/members", json={"user_ids": [first, second]}
    )
    assert response.status_code == 200, response.text
    engine = service._engine  # noqa: SLF001
    assert team_group(team_id) not in engine.advisors[second].profile.certified_clients
    settle(runtime, service)
    assert team_group(team_id) in engine.advisors[second].profile.certified_clients
