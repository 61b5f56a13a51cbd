"""A conversation waiting for an advisor, as the routing engine sees it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WorkItem:
    """What routing needs to know about one conversation; instants are POSIX seconds.

    ``previous_advisor_id``/``previous_at`` name who last served this contact and when
    (stickiness); ``first_response_due_at`` is the SLA due time, which raises urgency.
    ``avoid_advisor_id`` names the advisor an SLA escalation took it from: until the
    overflow threshold it goes to anyone else (`rules.avoided`); kept in memory only.
    """

    conversation_id: int
    client_id: int
    channel: str
    language: str
    enqueued_at: float
    priority: str = "normal"
    negative: bool = False
    abusive: bool = False
    vip: bool = False
    previous_advisor_id: int | None = None
    previous_at: float | None = None
    first_response_due_at: float | None = None
    avoid_advisor_id: int | None = None

    @property
    def hard(self) -> bool:
        """Negative or abusive conversations are spread between advisors (well-being)."""
        return self.negative or self.abusive
