"""A synthetic but realistic contact centre for the routing benchmark.

Ten client brands of very different sizes; advisors who mostly speak French and Darija,
fewer Arabic, English and Spanish; channels with their usual concurrency (1 call, 3 chats,
5 e-mails); a share of advisors on break or in after-contact work; a minority already close
to the occupancy cap or to an enforced break, so the guardrails are exercised.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from tawasol.routing.advisor import AdvisorProfile
from tawasol.routing.policy import ClientPolicy, Mode, Selection
from tawasol.routing.presence import Presence
from tawasol.routing.work import WorkItem

CLIENT_WEIGHTS = (30, 18, 12, 10, 8, 7, 5, 4, 3, 3)
# Share of advisors speaking each language, and share of conversations in it.
ADVISOR_LANGUAGES = {"fr": 0.92, "ary": 0.65, "ar": 0.35, "en": 0.30, "es": 0.12}
ITEM_LANGUAGES = {"fr": 0.45, "ary": 0.28, "ar": 0.12, "en": 0.09, "es": 0.06}
CAPACITY = {"voice": 1, "webchat": 3, "whatsapp": 3, "email": 5}
ADVISOR_CHANNELS = {"voice": 0.35, "webchat": 0.60, "whatsapp": 0.35, "email": 0.50}
ITEM_CHANNELS = {"webchat": 0.35, "email": 0.30, "whatsapp": 0.20, "voice": 0.15}
PRIORITIES = {"normal": 0.75, "high": 0.15, "low": 0.07, "urgent": 0.03}
PRESENCES = {
    Presence.AVAILABLE: 0.80,
    Presence.BUSY: 0.05,
    Presence.ON_BREAK: 0.08,
    Presence.AFTER_CONTACT_WORK: 0.07,
}


def _pick(rng: random.Random, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def client_ids() -> list[int]:
    return list(range(1, len(CLIENT_WEIGHTS) + 1))


def policies() -> dict[int, ClientPolicy]:
    """Mixed rules: both selection policies, one pull-mode client, some cool-downs."""
    result = {}
    for client_id in client_ids():
        result[client_id] = ClientPolicy(
            mode=Mode.PULL if client_id == 10 else Mode.PUSH,
            selection=Selection.LEAST_OCCUPIED if client_id % 2 else Selection.LONGEST_IDLE,
            overflow_after_seconds=180.0,
            hard_cool_down_seconds=60.0 if client_id % 3 == 0 else 0.0,
        )
    return result


def advisor_profiles(rng: random.Random, count: int) -> Iterator[AdvisorProfile]:
    clients = client_ids()
    for advisor_id in range(1, count + 1):
        certified = set(rng.choices(clients, weights=CLIENT_WEIGHTS, k=rng.choice((1, 1, 2, 3))))
        languages = {
            lang: rng.randint(2, 5)
            for lang, share in ADVISOR_LANGUAGES.items()
            if rng.random() < share
        } or {"fr": 5}
        channels = {c: CAPACITY[c] for c, share in ADVISOR_CHANNELS.items() if rng.random() < share}
        channels = channels or {"webchat": 3}
        secondary_channels = set()
        if len(channels) > 1 and rng.random() < 0.15:
            secondary_channels.add(rng.choice(sorted(channels)))
        yield AdvisorProfile(
            advisor_id=advisor_id,
            certified_clients=frozenset(certified),
            languages=languages,
            channel_capacity=channels,
            secondary_languages=frozenset(lang for lang, p in languages.items() if p <= 2),
            secondary_channels=frozenset(secondary_channels),
        )


def presence(rng: random.Random) -> Presence:
    return Presence(_pick(rng, {p.value: share for p, share in PRESENCES.items()}))


class Arrivals:
    """New conversations with realistic mixes of client, language, channel and flags."""

    def __init__(self, rng: random.Random, first_id: int = 1) -> None:
        self.rng = rng
        self.next_id = first_id
        self.clients = client_ids()

    def next(self, now: float, advisor_ids: int) -> WorkItem:
        rng = self.rng
        self.next_id += 1
        returning = rng.random() < 0.2
        return WorkItem(
            conversation_id=self.next_id,
            client_id=rng.choices(self.clients, weights=CLIENT_WEIGHTS)[0],
            channel=_pick(rng, ITEM_CHANNELS),
            language=_pick(rng, ITEM_LANGUAGES),
            enqueued_at=now - rng.uniform(0.0, 240.0),
            priority=_pick(rng, PRIORITIES),
            negative=rng.random() < 0.15,
            abusive=rng.random() < 0.02,
            vip=rng.random() < 0.05,
            previous_advisor_id=rng.randint(1, advisor_ids) if returning else None,
            previous_at=now - rng.uniform(600.0, 20000.0) if returning else None,
            first_response_due_at=now + rng.uniform(300.0, 3600.0) if rng.random() < 0.5 else None,
        )
