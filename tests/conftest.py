"""Test fixtures: a real database per run (SQLite file, or a fresh PostgreSQL database when
TAWASOL_TEST_DATABASE_URL is set), the real app, and factories for a two-client world."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tawasol.config import Settings
from tawasol.migrations_runner import upgrade
from tawasol.runtime import Runtime

PG_URL = os.environ.get("TAWASOL_TEST_DATABASE_URL") or None
REDIS_URL = os.environ.get("TAWASOL_TEST_REDIS_URL") or None
REPO_ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Tests that touch the database are marked `db`: the PostgreSQL pass runs only those.
    for item in items:
        if {"runtime", "app", "database_url"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "db: touches the database (run on SQLite and PostgreSQL)")


def _pg_admin_url(url: str) -> str:
    return make_url(url).set(database="postgres").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def make_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """Factory of empty, migrated databases on the engine under test; dropped at the end."""
    created: list[str] = []

    def make(label: str = "main") -> str:
        if PG_URL is None:
            path = tmp_path_factory.mktemp(f"db-{label}") / "tawasol.db"
            url = f"sqlite:///{path}"
        else:
            name = f"tawasol_test_{label}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
            admin = create_engine(_pg_admin_url(PG_URL), isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            admin.dispose()
            created.append(name)
            url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        upgrade(url)
        return url

    yield make
    if PG_URL is not None and created:
        admin = create_engine(_pg_admin_url(PG_URL), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for name in created:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def settings_for(data_dir: Path, database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": data_dir,
        "database_url": database_url,
        "argon2_time_cost": 1,
        "argon2_memory_kib": 8192,
        "run_worker": False,
        "login_ip_max_failures": 10_000,
        "secret_key": "test-secret",
        "outbox_retry_seconds": 0.0,
        "retrain_interval_seconds": 0.0,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def database_url(make_database) -> str:  # type: ignore[no-untyped-def]
    return make_database("main")


@pytest.fixture(scope="session")
def runtime(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    rt = Runtime.build(settings_for(tmp_path_factory.mktemp("data"), database_url))
    yield rt
    rt.close()


@pytest.fixture(scope="session")
def app(runtime: Runtime):  # type: ignore[no-untyped-def]
    from tawasol.app import create_app

    return create_app(runtime.settings, runtime)
