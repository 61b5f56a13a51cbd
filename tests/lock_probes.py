"""Probes for lock-order tests: one connection holds a request's locks while a background
writer runs on another; these tell whether that writer is blocked (PostgreSQL only)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from tawasol.runtime import Runtime


def needs_postgresql(runtime: Runtime) -> None:
    if runtime.db.is_sqlite:
        pytest.skip("needs PostgreSQL (row locks; SQLite has one writer)")


def waiting_on_a_lock(session: Session) -> bool:
    """Whether another backend of this database is blocked on a lock."""
    # The statistics views are read once per transaction unless the snapshot is dropped.
    session.execute(text("SELECT pg_stat_clear_snapshot()"))
    found = session.execute(
        text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
        )
    ).scalar_one()
    return bool(found)


def wait_until(condition: Callable[[], bool], *, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def in_thread(work: Callable[[], Any], outcomes: list[Any]) -> threading.Thread:
    """Run `work` in a thread; its result, or the error it raised, lands in `outcomes`."""

    def run() -> None:
        try:
            outcomes.append(work())
        except BaseException as error:  # reported by the test: a thread cannot fail it
            outcomes.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread
