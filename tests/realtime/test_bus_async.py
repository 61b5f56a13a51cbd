"""The in-process bus awaited on the event loop (`aget`): what SSE streams use, so that an
open console costs no thread and a publish from the relay's thread wakes it at once."""

from __future__ import annotations

import asyncio
import threading
import time

from tawasol.realtime.bus import InProcessBus


def test_a_publish_from_another_thread_wakes_the_waiting_stream() -> None:
    bus = InProcessBus()
    sub = bus.subscribe(["client:1"])
    other = bus.subscribe(["client:2"])

    async def wait() -> tuple[object, object, float]:
        started = time.monotonic()
        later = threading.Timer(0.05, bus.publish, ("client:1", {"type": "ping"}))
        later.start()
        got = await sub.aget(5.0)  # type: ignore[attr-defined]
        elapsed = time.monotonic() - started
        nothing = await other.aget(0.05)  # type: ignore[attr-defined]
        later.join()
        return got, nothing, elapsed

    got, nothing, elapsed = asyncio.run(wait())
    assert got == {"type": "ping"}
    assert nothing is None  # another client's stream is not woken with it
    assert elapsed < 2.0  # woken by the publish, not by the 5 s timeout
    sub.close()
    other.close()


def test_queued_messages_come_first_and_a_quiet_wait_times_out() -> None:
    bus = InProcessBus()
    sub = bus.subscribe(["agent:7"])
    bus.publish("agent:7", {"n": 1})
    bus.publish("agent:7", {"n": 2})

    async def read() -> tuple[list[object], object, float]:
        got = [await sub.aget(1.0), await sub.aget(1.0)]  # type: ignore[attr-defined]
        started = time.monotonic()
        quiet = await sub.aget(0.1)  # type: ignore[attr-defined]
        return got, quiet, time.monotonic() - started

    got, quiet, waited = asyncio.run(read())
    assert got == [{"n": 1}, {"n": 2}]
    assert quiet is None and 0.05 < waited < 2.0
    sub.close()
    bus.publish("agent:7", {"n": 3})  # a closed subscription is no longer fed
    assert sub.get(0) is None
