"""One routing node for the multi-process test: its own database pool, engine and service.

Run in a spawned process (no state shared with the parent but the database): load, wait
for the other node, then step and compete for the same conversations and advisors.
"""

from __future__ import annotations

from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier

from tawasol.db.database import Database
from tawasol.routing.service import RoutingService


def run_node(url: str, barrier: Barrier, rounds: int, results: Queue) -> None:
    """Put the (conversation, advisor) pairs this node applied on ``results``."""
    db = Database(url)
    try:
        service = RoutingService(db)
        service.load()
        barrier.wait(timeout=60)
        applied: list[tuple[int, int]] = []
        for _ in range(rounds):
            applied.extend((d.conversation_id, d.advisor_id) for d in service.step())
        results.put(applied)
    except BaseException as error:
        results.put(repr(error))
        raise
    finally:
        db.dispose()
