"""The inbox's list query: `list_conversations` plus what only the console asks for — the
teams the advisor belongs to, and an SLA state.

Same keyset (last_message_at, id), same filters: the console's conditions go through the
query's public `extra` argument, so the API and the console cannot drift apart. The
indexes that keep these views index-ordered are described on `models.conversation`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, false, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import NullType

from tawasol.conversations.queries import ConversationFilters, list_conversations
from tawasol.models.conversation import Conversation
from tawasol.models.team import TeamMember


def my_team_ids(session: Session, user_id: int) -> list[int]:
    """Teams of the user in the session's scope (a withdrawn client grant hides its teams)."""
    found = select(TeamMember.team_id).where(TeamMember.user_id == user_id)
    return sorted(session.scalars(found))


class _Selective(FunctionElement[bool]):  # typed NULL: SQLite's WHERE gets no "= 1" added
    """A condition few rows meet. SQLite's statistics average a column's values, so a team
    column that is mostly empty looks unselective and SQLite would walk the whole client in
    date order; `likelihood()` tells it otherwise, so it reads the team index and sorts the
    team's rows. PostgreSQL keeps real histograms and gets the plain condition."""

    type = NullType()
    inherit_cache = True
    name = "selective"


@compiles(_Selective)
def _selective_default(element: _Selective, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(_Selective, "sqlite")
def _selective_sqlite(element: _Selective, compiler: SQLCompiler, **kw: Any) -> str:
    return f"likelihood({compiler.process(element.clauses, **kw)}, 0.01)"


def in_teams(team_ids: list[int]) -> ColumnElement[bool]:
    """The "my teams" condition (`ix_conversations_client_team`)."""
    if not team_ids:
        return false()
    if len(team_ids) == 1:
        return Conversation.team_id == team_ids[0]
    return _Selective(Conversation.team_id.in_(team_ids))


def list_inbox_conversations(
    session: Session,
    *,
    filters: ConversationFilters,
    extra: list[ColumnElement[bool]],
    after: tuple[datetime, int] | None,
    limit: int,
) -> list[Conversation]:
    """The API's query, so the console shares its per-client merge (several clients in
    reach) and its indexed search."""
    return list_conversations(session, filters=filters, after=after, limit=limit, extra=extra)
