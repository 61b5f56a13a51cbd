"""Migrations: one head, and the migrated schema matches the models exactly (no drift)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

import tawasol.models  # noqa: F401
from tawasol.conversations.search import is_search_object
from tawasol.db.base import Base
from tawasol.migrations_runner import alembic_config


def test_one_head() -> None:
    assert len(ScriptDirectory.from_config(alembic_config()).get_heads()) == 1


def _declared(name: str | None, type_: str, parent_names: object) -> bool:
    """Search objects of migration 0015 (FTS5 tables, trigram indexes) have no model."""
    return not is_search_object(name)


def test_migrated_schema_matches_the_models(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": _declared})
            drift = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert drift == []
