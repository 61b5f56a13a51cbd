"""Charts drawn on the server as inline SVG: no chart library, nothing to run in the browser,
and the same picture with or without script. Each chart carries a text alternative (title and
a visually hidden table in the template) for screen readers.

Only numbers and translated labels go into the markup, and every text node is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape

WIDTH, HEIGHT = 560, 180
PAD_START, PAD_END, PAD_TOP, PAD_BOTTOM = 34, 8, 10, 22


def _frame(title: str, body: list[str]) -> Markup:
    # direction="ltr": time runs left to right in every language; the axis labels are digits.
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" direction="ltr" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _grid(top: float, label: str) -> list[str]:
    inner = HEIGHT - PAD_TOP - PAD_BOTTOM
    parts = []
    for step in range(5):
        y = PAD_TOP + inner * step / 4
        value = top * (4 - step) / 4
        text = f"{value:.0f}{label}"
        parts.append(
            f'<line x1="{PAD_START}" y1="{y:.1f}" x2="{WIDTH - PAD_END}" y2="{y:.1f}" '
            f'class="grid"/><text x="{PAD_START - 4}" y="{y + 4:.1f}" class="axis" '
            f'text-anchor="end">{escape(text)}</text>'
        )
    return parts


def hourly_bars(today: Sequence[int], yesterday: Sequence[int], *, title: str) -> Markup:
    """Conversations created per hour: today (solid) beside yesterday (light)."""
    top = max([*today, *yesterday, 4])
    top = top + (-top % 4)
    inner_w = WIDTH - PAD_START - PAD_END
    inner_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    slot = inner_w / 24
    bar = slot * 0.38
    parts = _grid(top, "")
    for hour in range(24):
        x = PAD_START + hour * slot
        for offset, value, css in (
            (0.1, yesterday[hour], "yesterday"),
            (0.5, today[hour], "today"),
        ):
            h = inner_h * value / top
            parts.append(
                f'<rect x="{x + slot * offset:.1f}" y="{PAD_TOP + inner_h - h:.1f}" '
                f'width="{bar:.1f}" height="{h:.1f}" class="{css}"/>'
            )
        if hour % 3 == 0:
            parts.append(
                f'<text x="{x + slot / 2:.1f}" y="{HEIGHT - 6}" class="axis" '
                f'text-anchor="middle">{hour:02d}h</text>'
            )
    return _frame(title, parts)


def level_line(days: Sequence[tuple[date, float | None]], *, title: str, goal: float) -> Markup:
    """Service level per day (percent); days without any counted conversation leave a gap."""
    inner_w = WIDTH - PAD_START - PAD_END
    inner_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    step = inner_w / max(len(days) - 1, 1)
    parts = _grid(100, "%")
    goal_y = PAD_TOP + inner_h * (1 - goal)
    parts.append(
        f'<line x1="{PAD_START}" y1="{goal_y:.1f}" x2="{WIDTH - PAD_END}" y2="{goal_y:.1f}" '
        f'class="goal"/>'
    )
    segment: list[str] = []
    segments: list[list[str]] = []
    for index, (day, share) in enumerate(days):
        x = PAD_START + index * step
        if share is None:
            if segment:
                segments.append(segment)
            segment = []
        else:
            y = PAD_TOP + inner_h * (1 - share)
            segment.append(f"{x:.1f},{y:.1f}")
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" class="point"/>')
        if (len(days) - 1 - index) % 2 == 0:  # every other day, ending on today
            parts.append(
                f'<text x="{x:.1f}" y="{HEIGHT - 6}" class="axis" text-anchor="middle">'
                f"{day.day:02d}/{day.month:02d}</text>"
            )
    if segment:
        segments.append(segment)
    for points in segments:
        parts.append(f'<polyline points="{" ".join(points)}" class="level"/>')
    return _frame(title, parts)
