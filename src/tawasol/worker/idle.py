"""Waiting between passes of a background thread: until woken, stopped, or a while."""

from __future__ import annotations

import threading
import time

STOP_POLL_SECONDS = 0.2


def idle(stop: threading.Event, wake: threading.Event, seconds: float) -> None:
    """Return when ``wake`` is set (and clear it), when ``stop`` is set, or after ``seconds``.
    Waits in short slices: ``stop`` is another event."""
    deadline = time.monotonic() + seconds
    while not stop.is_set() and time.monotonic() < deadline:
        if wake.wait(min(STOP_POLL_SECONDS, max(0.0, deadline - time.monotonic()))):
            wake.clear()
            return
