"""The database handle: engine, session factory and units of work under a tenant scope.

SQLite runs in WAL mode; units that write start with BEGIN IMMEDIATE so that two writers
queue on the lock (busy timeout) instead of failing when one upgrades a stale read snapshot.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from tawasol.db.tenancy import Scope, install_tenant_guard


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
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


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

    def open(self, scope: Scope, *, write: bool = True) -> Session:
        session = self.factory()
        session.info["scope"] = scope
        if write and self.is_sqlite:
            session.connection(execution_options={"sqlite_write": True})
        return session

    def commit(self, session: Session) -> None:
        session.commit()
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
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
