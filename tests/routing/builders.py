"""Small builders shared by the routing tests: a manual clock, advisors and work items."""

from __future__ import annotations

import itertools

from tawasol.routing import AdvisorProfile, ClientPolicy, Presence, Router, RoutingEngine, WorkItem

CLIENT = 1
OTHER_CLIENT = 2
START = 1_700_000_000.0

_conversation_ids = itertools.count(1)


class ManualClock:
    """Time that only moves when a test says so."""

    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def profile(
    advisor_id: int,
    *,
    clients: tuple[int, ...] = (CLIENT,),
    languages: tuple[str, ...] = ("fr",),
    capacity: dict[str, int] | None = None,
    secondary_languages: tuple[str, ...] = (),
    secondary_channels: tuple[str, ...] = (),
) -> AdvisorProfile:
    return AdvisorProfile(
        advisor_id=advisor_id,
        certified_clients=frozenset(clients),
        languages=dict.fromkeys(languages, 4),
        channel_capacity=capacity or {"webchat": 3, "email": 5, "voice": 1},
        secondary_languages=frozenset(secondary_languages),
        secondary_channels=frozenset(secondary_channels),
    )


def item(
    clock: ManualClock,
    *,
    client: int = CLIENT,
    channel: str = "webchat",
    language: str = "fr",
    conversation_id: int | None = None,
    enqueued_at: float | None = None,
    **extra: object,
) -> WorkItem:
    return WorkItem(
        conversation_id=conversation_id or next(_conversation_ids),
        client_id=client,
        channel=channel,
        language=language,
        enqueued_at=clock.now if enqueued_at is None else enqueued_at,
        **extra,  # type: ignore[arg-type]
    )


def engine(clock: ManualClock, policy: ClientPolicy | None = None, **kwargs: object) -> Router:
    """An engine whose guardrails are off unless the policy given turns them on."""
    quiet = ClientPolicy(
        occupancy_cap=None,
        max_hard_in_a_row=None,
        break_reminder_after_seconds=None,
        break_enforced_after_seconds=None,
    )
    policies = {CLIENT: policy or quiet, OTHER_CLIENT: policy or quiet}
    return RoutingEngine(clock=clock, policies=policies, **kwargs)


def available(router: Router, *profiles: AdvisorProfile) -> None:
    for advisor_profile in profiles:
        router.add_advisor(advisor_profile, presence=Presence.AVAILABLE)
