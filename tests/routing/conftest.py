"""Fixtures for the routing wiring tests: a manual clock and services stepped by hand."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tawasol.db.tenancy import Scope
from tawasol.models.conversation import Conversation
from tawasol.routing.service import RoutingService

from .builders import ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(time.time())


@pytest.fixture
def start_service(runtime, clock: ManualClock) -> Iterator:  # type: ignore[no-untyped-def]
    """Start a service on the runtime's bus, loaded and attached but without a thread."""
    started: list[RoutingService] = []

    def start() -> RoutingService:
        runtime.relay.drain()  # earlier tests' signals are not this service's business
        service = RoutingService(runtime.db, bus=runtime.bus, clock=clock)
        service.load()
        started.append(service.attach())
        return service

    yield start
    for service in started:
        service.detach()


def settle(runtime, service: RoutingService) -> list:  # type: ignore[no-untyped-def]
    """Relay what was committed, then let the service absorb it and route."""
    applied = []
    while runtime.relay.drain():
        applied.extend(service.step())
    return applied + service.step()


def conversation_of(runtime, conversation_id: int) -> Conversation:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        found = session.get(Conversation, conversation_id)
        assert found is not None
        return found
