"""Tenant scope, enforced in one place.

Every ORM statement run by a session passes through `_apply_scope`: rows of client-owned
tables (the `TenantScoped` mixin), the clients themselves and the users are filtered to the
acting user's clients. A session without a declared scope refuses to query at all, so a
forgotten scope fails loudly instead of leaking. Writes are checked before flush.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import event, or_, select
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from tawasol.db.base import TenantScoped

# Execution option for the rare read that must see across clients (e.g. unique emails).
BYPASS_SCOPE = {"bypass_tenant_scope": True}


class TenantScopeError(RuntimeError):
    """A session queried without a scope, or wrote a row outside its scope."""


@dataclass(frozen=True)
class Scope:
    """What a unit of work may see: all clients (`client_ids is None`) or a fixed set."""

    client_ids: frozenset[int] | None
    user_id: int | None = None

    @classmethod
    def system(cls) -> Scope:
        return cls(client_ids=None)

    @classmethod
    def clients(cls, client_ids: set[int] | frozenset[int], user_id: int | None = None) -> Scope:
        return cls(client_ids=frozenset(client_ids), user_id=user_id)

    @property
    def is_unrestricted(self) -> bool:
        return self.client_ids is None

    def allows(self, client_id: int | None) -> bool:
        if self.client_ids is None:
            return True
        return client_id is not None and client_id in self.client_ids


def session_scope(session: Session) -> Scope:
    scope = session.info.get("scope")
    if not isinstance(scope, Scope):
        raise TenantScopeError("this session has no tenant scope; declare one before querying")
    return scope


@lru_cache(maxsize=4096)
def _scope_options(scope: Scope) -> tuple[Any, ...]:
    """Built once per scope. Lambdas keep the ids as bound parameters, so SQLAlchemy's
    compiled-statement cache is shared by every scope instead of recompiling per client set."""
    from tawasol.models.audit import AuditEntry
    from tawasol.models.client import Client
    from tawasol.models.user import User, UserClient

    ids = tuple(sorted(scope.client_ids or ()))
    actor = scope.user_id if scope.user_id is not None else -1
    return (
        with_loader_criteria(
            TenantScoped, lambda cls: cls.client_id.in_(ids), include_aliases=True
        ),
        with_loader_criteria(Client, lambda cls: cls.id.in_(ids), include_aliases=True),
        # Operator-level audit entries (no client) stay with operator-wide actors.
        with_loader_criteria(AuditEntry, lambda cls: cls.client_id.in_(ids), include_aliases=True),
        with_loader_criteria(
            User,
            lambda cls: or_(
                cls.id == actor,
                cls.id.in_(select(UserClient.user_id).where(UserClient.client_id.in_(ids))),
            ),
            include_aliases=True,
        ),
    )


def _apply_scope(state: ORMExecuteState) -> None:
    options = state.execution_options
    if options.get("tenant_scope_applied") or options.get("bypass_tenant_scope"):
        return
    scope = session_scope(state.session)
    if scope.is_unrestricted:
        return
    if state.is_select or state.is_update or state.is_delete:
        state.statement = state.statement.options(*_scope_options(scope)).execution_options(
            tenant_scope_applied=True
        )


def _check_writes(session: Session, _context: Any, _instances: Any) -> None:
    scope = session_scope(session)
    for obj in session.new:
        if isinstance(obj, TenantScoped) and not scope.allows(obj.client_id):
            raise TenantScopeError(
                f"{type(obj).__name__} for client {obj.client_id} is outside this scope"
            )
    for obj in session.dirty:
        if getattr(obj, "__append_only__", False) and session.is_modified(obj):
            raise TenantScopeError(f"{type(obj).__name__} rows are append-only")
        if isinstance(obj, TenantScoped):
            history = _client_history(obj)
            if history:
                raise TenantScopeError(f"{type(obj).__name__} cannot move to another client")
    for obj in session.deleted:
        if getattr(obj, "__append_only__", False):
            raise TenantScopeError(f"{type(obj).__name__} rows are append-only")


def _client_history(obj: Any) -> bool:
    from sqlalchemy import inspect

    history = inspect(obj).attrs.client_id.history
    return bool(history.deleted)


_installed = False


def install_tenant_guard() -> None:
    """Attach the guard to every Session (idempotent)."""
    global _installed
    if _installed:
        return
    event.listen(Session, "do_orm_execute", _apply_scope)
    event.listen(Session, "before_flush", _check_writes)
    _installed = True
