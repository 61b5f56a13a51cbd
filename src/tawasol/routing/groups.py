"""Routing groups: what the engine calls a "client" is a group of work with one policy.

The engine knows a client only as an integer with a policy, certified advisors and queues.
Three kinds of group share that shape:
- a client brand is its own group (its id, positive);
- an inbox with routing rules (`InboxRouting`) is a group of its own: the client's policy
  with the inbox's overrides, served by the client's certified advisors who also hold every
  skill the inbox requires;
- a team is a group: a conversation transferred to a team (``team_id`` set) waits for the
  team's members certified for the client, under the client's policy.
Inbox and team ids are encoded as negative numbers so they never meet a client id; every
node derives the same groups from the database, so their engines agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.models.conversation import Conversation
from tawasol.models.inbox import Inbox
from tawasol.models.routing import AdvisorSkill, InboxRouting, RoutingSettings
from tawasol.models.team import Team, TeamMember
from tawasol.routing.policy import ClientPolicy
from tawasol.routing.settings import client_policy_from

# Keys of an inbox's rules that are not policy fields.
REQUIRED_SKILLS = "required_skills"
CHANNEL_CAPACITY = "channel_capacity"


def inbox_group(inbox_id: int) -> int:
    return -2 * inbox_id


def team_group(team_id: int) -> int:
    return -2 * team_id - 1


def describe(group: int) -> tuple[str, int]:
    """("client" | "inbox" | "team", id) for a group id."""
    if group > 0:
        return "client", group
    return ("inbox", -group // 2) if group % 2 == 0 else ("team", (-group - 1) // 2)


def merged_document(
    client_document: Mapping[str, Any], rules: Mapping[str, Any], *, channel: str
) -> dict[str, Any]:
    """The client's policy document with an inbox's overrides on top."""
    document = dict(client_document)
    for key, value in rules.items():
        if key == REQUIRED_SKILLS:
            continue
        if key == CHANNEL_CAPACITY:
            document[CHANNEL_CAPACITY] = {**document.get(CHANNEL_CAPACITY, {}), channel: value}
        elif key == "priority":
            document["priority"] = {**(document.get("priority") or {}), **value}
        else:
            document[key] = value
    return document


@dataclass(frozen=True, slots=True)
class InboxGroup:
    client_id: int
    required_skills: frozenset[str]


@dataclass
class Groups:
    """Every group's policy, and who may serve the inbox and team groups."""

    policies: dict[int, ClientPolicy] = field(default_factory=dict)
    inboxes: dict[int, InboxGroup] = field(default_factory=dict)
    # team id -> (client id, member user ids)
    teams: dict[int, tuple[int, frozenset[int]]] = field(default_factory=dict)

    def memberships(
        self, advisor_id: int, certified: frozenset[int], skills: frozenset[str]
    ) -> frozenset[int]:
        """The groups an advisor serves, given their certified clients and named skills."""
        groups = set(certified)
        for inbox_id, inbox in self.inboxes.items():
            if inbox.client_id in certified and inbox.required_skills <= skills:
                groups.add(inbox_group(inbox_id))
        for team_id, (client_id, members) in self.teams.items():
            if client_id in certified and advisor_id in members:
                groups.add(team_group(team_id))
        return frozenset(groups)

    def group_of(self, conversation: Conversation) -> int:
        if conversation.team_id is not None and conversation.team_id in self.teams:
            return team_group(conversation.team_id)
        if conversation.inbox_id in self.inboxes:
            return inbox_group(conversation.inbox_id)
        return conversation.client_id


def load_groups(session: Session, *, members_of: list[int] | None = None) -> Groups:
    """Read every group from the database (system scope).

    ``members_of`` reads team memberships of those users only: enough to compute their
    `memberships`, far less to read when one advisor's profile is refreshed.
    """
    documents = {
        row.client_id: row.policy or {} for row in session.scalars(select(RoutingSettings))
    }
    groups = Groups(
        policies={client_id: client_policy_from(doc) for client_id, doc in documents.items()}
    )
    rows = session.execute(
        select(InboxRouting.inbox_id, InboxRouting.client_id, InboxRouting.rules, Inbox.channel)
        .join(Inbox, Inbox.id == InboxRouting.inbox_id)
    )  # fmt: skip
    for inbox_id, client_id, rules, channel in rows:
        if not rules:
            continue
        document = merged_document(documents.get(client_id, {}), rules, channel=channel)
        groups.policies[inbox_group(inbox_id)] = client_policy_from(document)
        groups.inboxes[inbox_id] = InboxGroup(client_id, frozenset(rules.get(REQUIRED_SKILLS, ())))
    members: dict[int, set[int]] = defaultdict(set)
    query = select(TeamMember.team_id, TeamMember.user_id)
    if members_of is not None:
        query = query.where(TeamMember.user_id.in_(members_of))
    for team_id, user_id in session.execute(query):
        members[team_id].add(user_id)
    for team_id, client_id in session.execute(select(Team.id, Team.client_id)):
        groups.teams[team_id] = (client_id, frozenset(members[team_id]))
        if client_id in groups.policies:
            groups.policies[team_group(team_id)] = groups.policies[client_id]
    return groups


def advisor_skills(session: Session, advisor_ids: list[int] | None = None) -> dict[int, set[str]]:
    query = select(AdvisorSkill.user_id, AdvisorSkill.skill)
    if advisor_ids is not None:
        query = query.where(AdvisorSkill.user_id.in_(advisor_ids))
    found: dict[int, set[str]] = defaultdict(set)
    for user_id, skill in session.execute(query):
        found[user_id].add(skill)
    return found


def group_explanation(session: Session, group: int) -> dict[str, Any]:
    """What a decision's explanation says about the group: the inbox rule or the team."""
    kind, ident = describe(group)
    if kind == "inbox":
        rules = session.scalar(select(InboxRouting.rules).where(InboxRouting.inbox_id == ident))
        return {"inbox_rule": {"inbox_id": ident, "rules": sorted(rules or {})}}
    if kind == "team":
        return {"team_id": ident}
    return {}
