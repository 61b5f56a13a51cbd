"""Named skills and certifications of an advisor, which inbox rules may require.

Languages and channels are set with the user's other skills (`users`); these free-form names
(``insurance_certified``, ``billing``) exist for routing only. A change reaches every engine
through the advisor's refresh signal.
"""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.errors import Invalid
from tawasol.models.routing import AdvisorSkill
from tawasol.models.user import User
from tawasol.models.vocabulary import Role
from tawasol.routing.hooks import on_advisor_changed
from tawasol.routing.inbox_rules import SkillName


class AdvisorSkillsIn(BaseModel):
    skills: list[SkillName] = Field(default_factory=list, max_length=50)


class AdvisorSkillsOut(BaseModel):
    user_id: int
    skills: list[str]


def advisor_skills_out(session: Session, *, user: User) -> AdvisorSkillsOut:
    skills = session.scalars(
        select(AdvisorSkill.skill)
        .where(AdvisorSkill.user_id == user.id)
        .order_by(AdvisorSkill.skill)
    )
    return AdvisorSkillsOut(user_id=user.id, skills=list(skills))


def do_set_advisor_skills(
    session: Session, *, actor: Actor, user: User, data: AdvisorSkillsIn
) -> None:
    """Replace the advisor's named skills; audited, and every engine refreshes them."""
    if user.role != Role.ADVISOR.value:
        raise Invalid("only advisors have routing skills", code="not_an_advisor")
    before = advisor_skills_out(session, user=user).skills
    after = sorted(set(data.skills))
    session.execute(delete(AdvisorSkill).where(AdvisorSkill.user_id == user.id))
    for skill in after:
        session.add(AdvisorSkill(user_id=user.id, skill=skill))
    append_audit(
        session, actor=actor, action="user.routing_skills_changed", object_type="user",
        object_id=user.id, client_id=None, summary={"before": before, "after": after},
    )  # fmt: skip
    if before != after:
        on_advisor_changed(session, advisor_id=user.id)
