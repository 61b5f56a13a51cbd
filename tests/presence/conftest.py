"""The routing wiring fixtures, for the presence tests that watch work being re-queued."""

from tests.routing.conftest import clock, start_service

__all__ = ["clock", "start_service"]
