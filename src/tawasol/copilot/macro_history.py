"""What the client's advisors applied before: the evidence behind the next best action.

Measured on the demo data (2026-11-29), the e5 cosine between a customer's question and a
macro's body tells nothing: the macros that answer a question and those that do not score
alike (0.84-0.85 on average), because a macro is an answer or a confirmation, not a question.
What advisors did in earlier conversations of the same intent does tell. Each application of
a macro is stored with the conversation's intent (kept in step when the intent is set or
corrected later: `follow_intent`) and its stage (`MacroUse`: how many advisor replies came
before), and the share of the intent's recent uses that went to each macro ranks
the macros. The stage matters: a confirmation or closing macro is applied once the work is
done, so a macro only ever applied late is not an answer to a customer still waiting for a
first reply.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tawasol.models.knowledge import Macro, MacroUse
from tawasol.models.message import Message
from tawasol.models.vocabulary import Direction, MessageKind

RECENT_USES = 500  # the latest uses per intent: the habits of the team as it works now
MIN_USES = 3  # fewer uses than this is not history yet
Stage = Literal["opening", "follow_up", "any"]


@dataclass(frozen=True)
class IntentHistory:
    """The client's recent macro uses in conversations of one intent, at one stage."""

    intent: str
    stage: Stage
    total: int
    by_macro: Counter[int]

    def share(self, macro_id: int) -> float:
        return self.by_macro[macro_id] / self.total if self.total else 0.0

    @property
    def enough(self) -> bool:
        return self.total >= MIN_USES


def intent_history(
    session: Session, *, client_id: int, intent: str | None, stage: Stage
) -> IntentHistory | None:
    """The recent uses for ``intent`` at ``stage`` (None without an intent)."""
    if not intent:
        return None
    query = select(MacroUse.macro_id).where(
        MacroUse.client_id == client_id, MacroUse.intent == intent
    )
    if stage == "opening":
        query = query.where(MacroUse.advisor_replies == 0)
    elif stage == "follow_up":
        query = query.where(MacroUse.advisor_replies > 0)
    macro_ids = session.scalars(query.order_by(MacroUse.id.desc()).limit(RECENT_USES)).all()
    return IntentHistory(intent, stage, len(macro_ids), Counter(macro_ids))


def best_history(
    session: Session, *, client_id: int, intent: str | None, stage: Stage
) -> IntentHistory | None:
    """The history of the conversation's own stage when there is enough of it, else that of
    every stage when there is enough of that; None otherwise."""
    for wanted in (stage, "any"):
        history = intent_history(session, client_id=client_id, intent=intent, stage=wanted)
        if history is not None and history.enough:
            return history
    return None


def advisor_replies(session: Session, *, conversation_id: int) -> int:
    return (
        session.scalar(
            select(func.count(Message.id)).where(
                Message.conversation_id == conversation_id,
                Message.direction == Direction.OUTBOUND.value,
                Message.kind == MessageKind.MESSAGE.value,
            )
        )
        or 0
    )


def follow_intent(session: Session, *, conversation_id: int, intent: str | None) -> None:
    """The conversation's intent was set or corrected: its macro uses count under the new one
    (a macro applied before the intent was known, or under a wrong one, is not lost)."""
    session.execute(
        update(MacroUse)
        .where(
            MacroUse.conversation_id == conversation_id, MacroUse.intent.is_distinct_from(intent)
        )
        .values(intent=intent)
    )


def record_use(
    session: Session, *, macro_id: int, client_id: int, conversation_id: int,
    user_id: int | None, intent: str | None,
) -> MacroUse:  # fmt: skip
    use = MacroUse(
        client_id=client_id, macro_id=macro_id, conversation_id=conversation_id,
        user_id=user_id, intent=intent,
        advisor_replies=advisor_replies(session, conversation_id=conversation_id),
    )  # fmt: skip
    session.add(use)
    return use


def picker_order(
    session: Session, *, client_id: int, intent: str | None, macros: list[Macro],
    recommended: list[int],
) -> list[Macro]:  # fmt: skip
    """The composer's macro list: the copilot's next action and its alternatives first (in
    ``recommended`` order), then the macros the client's advisors apply most for ``intent``,
    then by name. The first one is the picker's default choice."""
    rank = {macro_id: position for position, macro_id in enumerate(dict.fromkeys(recommended))}
    history = intent_history(session, client_id=client_id, intent=intent, stage="any")
    uses = history.by_macro if history else Counter()
    return sorted(macros, key=lambda m: (rank.get(m.id, len(rank)), -uses[m.id], m.name.casefold()))
