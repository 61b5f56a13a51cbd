"""Creating users, changing their role, client grants (certification) and skills.

Whatever changes what an advisor may be routed (role, deactivation, grants, languages,
channels) signals routing (`on_advisor_changed`) so every engine re-reads the profile at
once instead of at its next rebuild.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.auth.login import check_password_strength
from tawasol.clients.access import access_client_by_id
from tawasol.clients.actions import operator_organization
from tawasol.db.tenancy import BYPASS_SCOPE
from tawasol.db.types import utcnow
from tawasol.errors import Conflict, Forbidden, Invalid
from tawasol.models.skill import AdvisorChannel, AdvisorLanguage
from tawasol.models.user import User, UserClient
from tawasol.models.vocabulary import Role
from tawasol.routing.hooks import on_advisor_changed
from tawasol.users.schemas import ClientGrant, SkillsIn, UserIn, UserPatch

OPERATOR_WIDE_ROLES = {Role.OPERATOR_ADMIN, Role.SUPERVISOR}


def _check_role_shape(role: Role, *, all_clients: bool, grant_count: int) -> None:
    if all_clients and role not in OPERATOR_WIDE_ROLES:
        raise Invalid(f"the role {role.value} cannot span every client", code="invalid_role")
    if role == Role.CLIENT_VIEWER and grant_count != 1:
        raise Invalid("a client viewer belongs to exactly one client", code="invalid_role")


def do_create_user(session: Session, *, actor: Actor, hasher: PasswordHasher, data: UserIn) -> User:
    if data.all_clients and actor.client_ids is not None:
        raise Forbidden("granting every client needs operator-wide reach", code="needs_all_clients")
    _check_role_shape(data.role, all_clients=data.all_clients, grant_count=len(data.clients))
    email = data.email.lower()
    existing = session.execute(
        select(User.id).where(User.email == email).execution_options(**BYPASS_SCOPE)
    ).first()  # emails are unique across the install, whoever can see the other account
    if existing:
        raise Conflict("a user with this email already exists", code="email_taken")
    check_password_strength(data.password, email=email)
    clients = [access_client_by_id(session, g.client_id) for g in data.clients]
    user = User(
        organization_id=operator_organization(session).id,
        email=email,
        full_name=data.full_name,
        role=data.role.value,
        password_hash=hasher.hash(data.password),
        locale=data.locale,
        all_clients=data.all_clients,
    )
    session.add(user)
    session.flush()
    for client, grant in zip(clients, data.clients, strict=True):
        _add_grant(session, user=user, client_id=client.id, certified=grant.certified)
    append_audit(
        session, actor=actor, action="user.created", object_type="user", object_id=user.id,
        client_id=None, summary={"after": data.model_dump(exclude={"password"})},
    )  # fmt: skip
    return user


def _add_grant(session: Session, *, user: User, client_id: int, certified: bool) -> None:
    session.add(
        UserClient(
            user_id=user.id,
            client_id=client_id,
            certified=certified,
            certified_at=utcnow() if certified else None,
        )
    )


def check_within_reach(session: Session, *, actor: Actor, user: User) -> None:
    """A client admin changes only people who work for their clients alone: the role or
    the account of someone another client relies on is that client's business too."""
    if actor.client_ids is None:
        return
    # Looks across clients on purpose: the grants the actor cannot see are the question.
    grants = session.scalars(
        select(UserClient.client_id)
        .where(UserClient.user_id == user.id)
        .execution_options(**BYPASS_SCOPE)
    ).all()
    if user.all_clients or not set(grants) <= actor.client_ids:
        raise Forbidden("this person also works for other clients", code="user_beyond_reach")


def do_update_user(session: Session, *, actor: Actor, user: User, patch: UserPatch) -> None:
    changes = patch.model_dump(exclude_unset=True)
    if ("role" in changes or "is_active" in changes) and user.id == actor.user_id:
        raise Forbidden("you cannot change your own role or disable yourself")
    if "role" in changes or "is_active" in changes:
        check_within_reach(session, actor=actor, user=user)
    if patch.role is not None:
        grants = session.scalars(select(UserClient).where(UserClient.user_id == user.id)).all()
        _check_role_shape(patch.role, all_clients=user.all_clients, grant_count=len(grants))
        changes["role"] = patch.role.value
    before = {key: getattr(user, key) for key in changes}
    for key, value in changes.items():
        setattr(user, key, value)
    append_audit(
        session, actor=actor, action="user.updated", object_type="user", object_id=user.id,
        client_id=None, summary={"before": before, "after": changes},
    )  # fmt: skip
    if "role" in changes or "is_active" in changes:
        on_advisor_changed(session, advisor_id=user.id)


def do_set_grants(session: Session, *, actor: Actor, user: User, grants: list[ClientGrant]) -> None:
    """Replace the user's grants on the clients the actor can see; others stay untouched."""
    wanted = {g.client_id: g for g in grants}
    for client_id in wanted:
        access_client_by_id(session, client_id)
    current = {
        g.client_id: g
        for g in session.scalars(select(UserClient).where(UserClient.user_id == user.id))
    }
    for client_id, row in current.items():
        if client_id not in wanted:
            session.delete(row)
        elif row.certified != wanted[client_id].certified:
            row.certified = wanted[client_id].certified
            row.certified_at = utcnow() if row.certified else None
    for client_id, grant in wanted.items():
        if client_id not in current:
            _add_grant(session, user=user, client_id=client_id, certified=grant.certified)
    session.flush()
    if Role(user.role) == Role.CLIENT_VIEWER:
        remaining = session.execute(
            select(UserClient.id)
            .where(UserClient.user_id == user.id)
            .execution_options(**BYPASS_SCOPE)
        ).all()
        if len(remaining) != 1:
            raise Invalid("a client viewer belongs to exactly one client", code="invalid_role")
    for client_id in sorted(set(wanted) | set(current)):
        append_audit(
            session, actor=actor, action="user.grants_changed", object_type="user",
            object_id=user.id, client_id=client_id,
            summary={"before": _grant_summary(current.get(client_id)),
                     "after": wanted[client_id].model_dump() if client_id in wanted else None},
        )  # fmt: skip
    on_advisor_changed(session, advisor_id=user.id)


def _grant_summary(row: UserClient | None) -> dict[str, object] | None:
    return None if row is None else {"client_id": row.client_id, "certified": row.certified}


def do_set_skills(session: Session, *, actor: Actor, user: User, skills: SkillsIn) -> None:
    codes = [s.language for s in skills.languages]
    if len(codes) != len(set(codes)):
        raise Invalid("a language is listed twice", code="duplicate_language")
    channels = [s.channel for s in skills.channels]
    if len(channels) != len(set(channels)):
        raise Invalid("a channel is listed twice", code="duplicate_channel")
    session.execute(delete(AdvisorLanguage).where(AdvisorLanguage.user_id == user.id))
    session.execute(delete(AdvisorChannel).where(AdvisorChannel.user_id == user.id))
    for lang in skills.languages:
        session.add(
            AdvisorLanguage(user_id=user.id, language=lang.language, proficiency=lang.proficiency)
        )
    for ch in skills.channels:
        session.add(
            AdvisorChannel(
                user_id=user.id, channel=ch.channel.value, max_concurrent=ch.max_concurrent
            )
        )
    append_audit(
        session, actor=actor, action="user.skills_changed", object_type="user",
        object_id=user.id, client_id=None, summary={"after": skills.model_dump(mode="json")},
    )  # fmt: skip
    on_advisor_changed(session, advisor_id=user.id)
