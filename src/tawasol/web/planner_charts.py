"""The planner's week chart: forecast contacts and advisors to schedule per half hour, as
inline SVG drawn on the server (same frame and conventions as the wallboard's charts)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from tawasol.web.wallboard_charts import HEIGHT, PAD_BOTTOM, PAD_END, PAD_START, PAD_TOP, WIDTH


def _points(values: Sequence[float], top: float) -> str:
    inner_w, inner_h = WIDTH - PAD_START - PAD_END, HEIGHT - PAD_TOP - PAD_BOTTOM
    step = inner_w / max(len(values) - 1, 1)
    return " ".join(
        f"{PAD_START + i * step:.1f},{PAD_TOP + inner_h * (1 - v / top):.1f}"
        for i, v in enumerate(values)
    )


def week_lines(volume: Sequence[float], scheduled: Sequence[int], *, title: str) -> Markup:
    """Two lines on one scale (both are counts per interval), with a tick per day."""
    top = max([*volume, *scheduled, 4.0])
    top = float(top + (-top % 4))
    parts = [
        f'<polyline points="{_points(volume, top)}" class="level" fill="none"/>',
        f'<polyline points="{_points(scheduled, top)}" class="goal" fill="none"/>',
    ]
    days = max(len(volume) // 48, 1)
    inner_w = WIDTH - PAD_START - PAD_END
    for day in range(days + 1):
        x = PAD_START + inner_w * day / days
        parts.append(f'<line x1="{x:.1f}" y1="{PAD_TOP}" x2="{x:.1f}" '
                     f'y2="{HEIGHT - PAD_BOTTOM}" class="grid"/>')  # fmt: skip
    parts.append(
        f'<text x="{PAD_START - 4}" y="{PAD_TOP + 4}" class="axis" text-anchor="end">'
        f"{top:.0f}</text>"
    )
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" direction="ltr" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
    )
