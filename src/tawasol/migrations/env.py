"""Alembic environment: the URL comes from the caller's config or from Tawasol's settings."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

import tawasol.models  # noqa: F401  (registers every table)
from tawasol.config import Settings
from tawasol.db.base import Base

config = context.config
url = config.get_main_option("sqlalchemy.url") or Settings().resolved_database_url


def run_migrations_offline() -> None:
    context.configure(url=url, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection, target_metadata=Base.metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
