"""The database handle: engine, session factory and units of work under a tenant scope.

SQLite runs in WAL mode; units that write start with BEGIN IMMEDIATE so that two writers
queue on the lock instead of failing when one upgrades a stale read snapshot. Inside one
process, writers also queue on a Python lock first: SQLite's busy handler polls with sleeps,
which under many threads turns a millisecond of waiting into hundreds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from tawasol.db.tenancy import Scope, install_tenant_guard
from tawasol.errors import ApiError

WRITER_WAIT_SECONDS = 30.0


OUTBOX_WRITTEN = "outbox_written"


def mark_outbox_written(session: Session) -> None:
    """Tell `Database.commit` that this session added outbox rows (events or jobs)."""
    session.info[OUTBOX_WRITTEN] = True


class DatabaseBusy(ApiError):
    status_code = 503
    code = "unavailable"


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("sqlite_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _configure_sqlite(engine)
        return engine
    # Keyset pages read a few dozen rows: starting parallel workers costs more than it saves
    # (measured: a tag-filtered page 26.6 ms with workers, 2.9 ms without).
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=20,
        connect_args={"options": "-c max_parallel_workers_per_gather=0"},
    )


class Database:
    def __init__(self, url: str) -> None:
        install_tenant_guard()
        self.url = url
        self.engine = make_engine(url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self.factory: sessionmaker[Session] = sessionmaker(
            bind=self.engine, expire_on_commit=False, autoflush=False
        )
        self.after_commit_hooks: list[Callable[[], None]] = []
        self._sqlite_writer = threading.Lock()

    def open(self, scope: Scope, *, write: bool = True) -> Session:
        """A session in `scope`; give it back with `close` (it may hold the writer lock)."""
        session = self.factory()
        session.info["scope"] = scope
        if write and self.is_sqlite:
            if not self._sqlite_writer.acquire(timeout=WRITER_WAIT_SECONDS):
                session.close()
                raise DatabaseBusy("the database is busy; retry shortly")
            session.info["holds_writer"] = True
            try:
                session.connection(execution_options={"sqlite_write": True})
            except BaseException:
                self.close(session)
                raise
        return session

    def close(self, session: Session) -> None:
        try:
            session.close()
        finally:
            if session.info.pop("holds_writer", False):
                self._sqlite_writer.release()

    def commit(self, session: Session) -> None:
        # Hooks (the relay's wake-up) run only after a commit that wrote outbox rows: waking
        # on every commit would make the relay wake itself with its own commits, forever.
        wrote_outbox = session.info.pop(OUTBOX_WRITTEN, False)
        session.commit()
        if wrote_outbox:
            for hook in self.after_commit_hooks:
                hook()

    @contextmanager
    def unit(self, scope: Scope, *, write: bool = True) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on error."""
        session = self.open(scope, write=write)
        try:
            yield session
            self.commit(session)
        except BaseException:
            session.rollback()
            raise
        finally:
            self.close(session)

    def dispose(self) -> None:
        self.engine.dispose()
