"""The acting context: who is doing something, from where, with which reach."""

from __future__ import annotations

from dataclasses import dataclass, field

from tawasol.auth.permissions import Permission
from tawasol.db.tenancy import Scope
from tawasol.errors import Forbidden
from tawasol.models.vocabulary import Role


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    label: str
    role: Role | None
    client_ids: frozenset[int] | None
    permissions: frozenset[Permission] = field(default_factory=frozenset)
    ip: str | None = None
    via: str = "system"
    session_id: int | None = None
    csrf_token: str | None = None

    @classmethod
    def system(cls, label: str = "system") -> Actor:
        return cls(
            user_id=None, label=label, role=None, client_ids=None, permissions=frozenset(Permission)
        )

    @property
    def scope(self) -> Scope:
        if self.client_ids is None:
            return Scope.system()
        return Scope.clients(self.client_ids, user_id=self.user_id)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise Forbidden(
                f"your role does not allow this action ({permission.value})",
                permission=permission.value,
            )
