"""The node's schedule solver: runs the requests the relay hands over, one at a time.

The relay's job (:func:`tawasol.wfm.generation._hand_off`) submits a request once the relay's
batch has committed; the solve then runs on this thread with no transaction open while it
computes (a read-only unit reads the history; a short write unit stores the schedule), at the
lowest CPU priority so that requests and routing keep their share of the cores. Each failure
is stored (:func:`~tawasol.wfm.generation.do_record_failure`) for the page to show.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import weakref
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from tawasol.db.database import Database
from tawasol.errors import ApiError
from tawasol.models.client import Client
from tawasol.wfm.actions import do_store_week
from tawasol.wfm.generate import build_week
from tawasol.wfm.generation import do_record_failure, job_actor, still_pending, week_of

log = logging.getLogger(__name__)


def _lowest_priority() -> None:
    # Linux nice values are per thread; CP-SAT's workers inherit this thread's.
    with contextlib.suppress(AttributeError, OSError):  # elsewhere: normal priority
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


class ScheduleSolver:
    def __init__(self) -> None:
        self._databases: weakref.WeakValueDictionary[int, Database] = weakref.WeakValueDictionary()
        self._executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="wfm-solver", initializer=_lowest_priority
        )
        self._futures: list[Future[None]] = []
        self._lock = threading.Lock()

    def attach(self, db: Database) -> None:
        """Let jobs run on ``db``'s sessions reach ``db`` (its writer lock) for their units."""
        self._databases[id(db.engine)] = db

    def submit(self, session: Session, payload: dict[str, Any]) -> None:
        """Solve ``payload``'s request after ``session`` (the relay's batch) commits."""
        db = self._databases.get(id(session.get_bind()))
        if db is None:
            raise RuntimeError("no database attached to the schedule solver")

        def start(_session: Session) -> None:
            future = self._executor.submit(solve_request, db, payload)
            with self._lock:
                self._futures = [f for f in self._futures if not f.done()] + [future]

        event.listen(session, "after_commit", start, once=True)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait for the submitted solves (tests, shutdown); False on timeout."""
        with self._lock:
            futures = list(self._futures)
        _, running = wait(futures, timeout=timeout)
        return not running


SOLVER = ScheduleSolver()


def solve_request(db: Database, payload: dict[str, Any]) -> None:
    """Build, then store, the week of one request; store the failure instead if it fails."""
    actor = job_actor(payload)
    client_id, request_id = int(payload["client_id"]), int(payload["request_id"])
    try:
        with db.unit(actor.scope, write=False) as session:
            client = session.get(Client, client_id)
            if client is None or not still_pending(
                session, client_id=client_id, request_id=request_id
            ):
                return  # erased, or answered already (a job run twice)
            build = build_week(session, client_id=client_id, request=week_of(payload, client))
        with db.unit(actor.scope) as session:
            client = session.get(Client, client_id)
            if client is None or not still_pending(
                session, client_id=client_id, request_id=request_id
            ):
                return
            do_store_week(session, actor=actor, client=client, build=build, request_id=request_id)
    except ApiError as exc:
        _fail(db, payload, exc.code, str(exc))
    except Exception as exc:  # stored and shown; the thread lives on for the next request
        log.exception("schedule request %s failed", request_id)
        _fail(db, payload, "error", type(exc).__name__)


def _fail(db: Database, payload: dict[str, Any], code: str, message: str) -> None:
    actor = job_actor(payload)
    try:
        with db.unit(actor.scope) as session:
            do_record_failure(
                session, actor=actor, client_id=int(payload["client_id"]),
                request_id=int(payload["request_id"]), code=code, message=message,
            )  # fmt: skip
    except Exception:  # the request then shows as interrupted once stale
        log.exception("could not store the failure of schedule request %s", payload)
