"""trigram search indexes for the inbox search

The inbox search finds a substring of a conversation's subject or of its contact's name.
PostgreSQL: `pg_trgm` GIN indexes on the lowered columns (they answer `LIKE '%…%'`).
SQLite: FTS5 tables with the `trigram` tokenizer over the same columns (external content:
they index the rows in place, kept in sync by triggers), searched with a phrase `MATCH`.

Neither is declared in the models (an FTS table is not a SQLAlchemy table; the indexes are
expressions with operator classes); `tawasol.conversations.search.SEARCH_OBJECTS` names them
for the schema comparison. A later SQLite `batch_alter_table` on `conversations` or
`contacts` recreates the table and drops its triggers: such a migration must re-create them
(`tests/conversations/test_search.py` checks that the head schema keeps them in sync).

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# (FTS table, content table, column)
SEARCHED = (("conversations_search", "conversations", "subject"),
            ("contacts_search", "contacts", "name"))  # fmt: skip
TRIGRAM_INDEXES = (("ix_conversations_subject_trgm", "conversations", "subject"),
                   ("ix_contacts_name_trgm", "contacts", "name"))  # fmt: skip


def _sqlite_upgrade(fts: str, table: str, column: str) -> None:
    forget = f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});"
    learn = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});"
    op.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', "
        "content_rowid='id', tokenize='trigram')"
    )
    op.execute(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {learn} END")
    op.execute(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {forget} END")
    op.execute(
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {column} ON {table} "
        f"BEGIN {forget} {learn} END"
    )
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")  # the rows already there


def upgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, table, column in TRIGRAM_INDEXES:
            op.execute(f"CREATE INDEX {name} ON {table} USING gin (lower({column}) gin_trgm_ops)")
    else:
        for fts, table, column in SEARCHED:
            _sqlite_upgrade(fts, table, column)


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for name, _, _ in TRIGRAM_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        return  # pg_trgm stays: other objects of the database may use it
    for fts, _, _ in SEARCHED:
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{event}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")
