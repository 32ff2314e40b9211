"""Inline SVG charts for the HTML report: perspectives side by side, and scores over time.

Each function returns SVG markup as a string with every user string escaped.
Charts are images with a title and a description that say what they show in
words; the same numbers are always in a table next to them, so nothing is
told by colour or shape alone.
"""

from __future__ import annotations

from html import escape

from coscore.models.history import History

# Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by their labels too.
FACTS_COLOUR = "#1a1a1a"
PALETTE = ("#8a3b00", "#005a9c", "#2e6b30", "#6a3d9a", "#5c5c5c", "#7a2048")
LINE_COLOUR = "#005a9c"


def _label(perspective: str) -> str:
    """A perspective id ('lived_experience') in words; text that is already words is kept."""
    from coscore.scoring import PERSPECTIVE_LABELS

    return PERSPECTIVE_LABELS.get(perspective, perspective).capitalize()


def perspective_chart(gaps, max_level: int, *, chart_id: str = "perspectives-chart") -> str:
    """Horizontal bars per dimension: the level the facts support, then each perspective's average.

    ``gaps`` are ``PerspectiveGap``s or anything shaped like them (dimension_title,
    facts_level, gap, ratings with perspective, count and average), such as the
    report's disagreements. A perspective hidden by the small-group rule gets no
    bar, only the words "n people, not shown". Returns "" when there is nothing to draw.
    """
    if not gaps:
        return ""
    colours: dict[str, str] = {}
    for g in gaps:
        for r in g.ratings:
            colours.setdefault(r.perspective, PALETTE[len(colours) % len(PALETTE)])
    label_w, bar_w, value_w = 250, 300, 150
    row_h, gap_h, top = 20, 16, 30
    rows = []  # (dimension title or None, label, value or None, colour, note)
    for g in gaps:
        rows.append((g.dimension_title, None, None, None, ""))
        if g.facts_level is not None:
            rows.append((None, "Facts", float(g.facts_level), FACTS_COLOUR, f"level {g.facts_level}"))
        for r in g.ratings:
            who = "person" if r.count == 1 else "people"
            if r.average is None:
                rows.append((None, _label(r.perspective), None, None, f"{r.count} {who}, not shown"))
            else:
                rows.append((None, _label(r.perspective), r.average, colours[r.perspective], f"average {r.average:g}, {r.count} {who}"))
    height = top + sum(row_h if title is None else row_h + gap_h for title, *_ in rows) + 10
    width = label_w + bar_w + value_w
    scale = bar_w / max_level if max_level else 0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" focusable="false" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" font-family="inherit" font-size="13">',
        f'<title id="{chart_id}-title">Ratings by perspective beside the level the facts support, largest gap first</title>',
        f'<desc id="{chart_id}-desc">{escape(_perspective_summary(gaps))}</desc>',
    ]
    # Level grid lines and numbers along the top.
    for level in range(max_level + 1):
        x = label_w + level * scale
        parts.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 10}" stroke="#767676" stroke-width="0.5" stroke-dasharray="2 3"/>')
        parts.append(f'<text x="{x:.1f}" y="{top - 10}" text-anchor="middle" fill="#1a1a1a">{level}</text>')
    y = top
    for title, label, value, colour, note in rows:
        if title is not None:
            y += gap_h
            parts.append(f'<text x="0" y="{y + 14}" font-weight="bold" fill="#1a1a1a">{escape(title)}</text>')
            y += row_h
            continue
        parts.append(f'<text x="16" y="{y + 14}" fill="#1a1a1a">{escape(label)}</text>')
        if value is not None:
            w = max(value * scale, 2)
            parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="{colour}"/>')
            parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 14}" fill="#1a1a1a">{escape(note)}</text>')
        else:
            parts.append(f'<text x="{label_w + 4}" y="{y + 14}" fill="#4a4a4a" font-style="italic">{escape(note)}</text>')
        y += row_h
    parts.append("</svg>")
    return "\n".join(parts)


def _perspective_summary(gaps) -> str:
    sentences = []
    for g in gaps:
        bits = [] if g.facts_level is None else [f"facts level {g.facts_level}"]
        for r in g.ratings:
            bits.append(f"{_label(r.perspective).lower()} {'not shown' if r.average is None else f'average {r.average:g}'}")
        gap = "" if g.gap is None else f" (gap {g.gap:g})"
        sentences.append(f"{g.dimension_title}{gap}: " + ", ".join(bits) + ".")
    return " ".join(sentences)


def history_chart(history: History, *, chart_id: str = "history-chart") -> str:
    """A line of the overall score (0 to 100) at each scored version, oldest on the left."""
    points = [p for p in history.points if p.snapshot is not None]
    if len(points) < 2:
        return ""
    left, right, top, bottom, plot_w, plot_h = 40, 40, 15, 45, 560, 180
    inset = 40  # keeps the first and last points and their dates clear of the edges
    width, height = left + plot_w + right, top + plot_h + bottom
    step = (plot_w - 2 * inset) / (len(points) - 1)
    xy = [(left + inset + i * step, top + plot_h * (1 - p.snapshot.overall_score / 100)) for i, p in enumerate(points)]
    summary = ", ".join(f"{p.committed_on} ({p.short}): {p.snapshot.overall_score}" for p in points)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" focusable="false" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" font-family="inherit" font-size="12">',
        f'<title id="{chart_id}-title">Overall score at each saved version, oldest first</title>',
        f"<desc id=\"{chart_id}-desc\">{escape('Overall score out of 100 by version: ' + summary + '.')}</desc>",
    ]
    for score in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - score / 100)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#767676" stroke-width="0.5" stroke-dasharray="2 3"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#1a1a1a">{score}</text>')
    parts.append(f'<polyline fill="none" stroke="{LINE_COLOUR}" stroke-width="2.5" points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in xy)}"/>')
    every = max(1, len(points) // 8)  # keep the date labels from overlapping
    for i, ((x, y), p) in enumerate(zip(xy, points)):
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{LINE_COLOUR}"/>')
        parts.append(f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" fill="#1a1a1a">{p.snapshot.overall_score}</text>')
        if i % every == 0 or i == len(points) - 1:
            parts.append(f'<text x="{x:.1f}" y="{top + plot_h + 18}" text-anchor="middle" fill="#1a1a1a">{escape(p.committed_on)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def sparkline(levels: list[int | None], max_level: int, title: str) -> str:
    """A small line of one dimension's level across versions, with its words in a title."""
    known = [(i, lv) for i, lv in enumerate(levels) if lv is not None]
    if len(known) < 2:
        return ""
    w, h, pad = 120, 28, 4
    step = (w - 2 * pad) / (len(levels) - 1)
    pts = " ".join(f"{pad + i * step:.1f},{pad + (h - 2 * pad) * (1 - lv / max_level):.1f}" for i, lv in known)
    words = f"{title}: level " + ", then ".join(str(lv) for _, lv in known)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" focusable="false" aria-label="{escape(words)}" viewBox="0 0 {w} {h}" width="{w}" height="{h}">'
        f'<polyline fill="none" stroke="{LINE_COLOUR}" stroke-width="2" points="{pts}"/></svg>'
    )
