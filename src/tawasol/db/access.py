"""Fetching an object named by user input, inside the session's scope.

A foreign object and a missing one fail the same way (404), so ids reveal nothing.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.errors import NotFound

T = TypeVar("T")


def fetch_in_scope(session: Session, model: type[T], object_id: int, *, label: str) -> T:
    column: Any = model.id  # type: ignore[attr-defined]
    obj = session.scalars(select(model).where(column == object_id)).one_or_none()
    if obj is None:
        raise NotFound(f"{label} {object_id} not found", object=label)
    return obj
