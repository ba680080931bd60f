"""The timeline chart, drawn with matplotlib: the CLI's ``--plot`` and the web app's image.

Stacked bars count events per period by quad class; a line on the right axis shows the mean
Goldstein score. The same function draws the PNG/SVG file and the web page's SVG.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
# Colour-blind-safe (Okabe-Ito): cooperation in blues/greens, conflict in orange/vermillion.
QUAD_COLOURS = {1: "#56B4E9", 2: "#009E73", 3: "#E69F00", 4: "#D55E00"}
PLOT_FORMATS = ("png", "svg")


def plot_format(path: str | Path) -> str:
    """``png`` or ``svg`` from a file name, else ValueError naming the accepted suffixes."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in PLOT_FORMATS:
        raise ValueError(f"{path}: the chart is written as .png or .svg (got {suffix or 'none'!r})")
    return suffix


def render_timeline(rows: Sequence[dict[str, Any]], fmt: str = "svg", title: str = "") -> bytes:
    """The chart of :func:`dyads.explore.timeline.timeline` rows (by quad class or overall)
    as PNG or SVG bytes."""
    import matplotlib

    matplotlib.use("Agg")  # no display: files and web pages only
    import matplotlib.pyplot as plt

    periods = sorted({r["period"] for r in rows})
    index = {p: i for i, p in enumerate(periods)}
    fig, ax = plt.subplots(figsize=(9, 3.6), dpi=100)
    try:
        bottom = [0.0] * len(periods)
        quads = sorted({r["quad_code"] for r in rows if r["quad_code"] is not None})
        groups: list[tuple[int | None, str, str]] = [
            (q, QUAD_NAMES.get(q, str(q)), QUAD_COLOURS.get(q, "#999999")) for q in quads
        ]
        if not quads:
            groups = [(None, "events", "#0072B2")]
        for quad, label, colour in groups:
            heights = [0.0] * len(periods)
            for r in rows:
                if r["quad_code"] == quad:
                    heights[index[r["period"]]] = float(r["n"])
            ax.bar(range(len(periods)), heights, bottom=bottom, color=colour, label=label)
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        ax.set_ylabel("events")
        ax.set_ylim(0, max(bottom, default=0.0) * 1.3 or 1.0)  # headroom for the legend
        _ticks(ax, periods)
        means = _mean_goldstein(rows, periods)
        if any(m is not None for m in means):
            ax2 = ax.twinx()
            xs = [i for i, m in enumerate(means) if m is not None]
            ax2.plot(
                xs, [float(means[i] or 0.0) for i in xs], color="#333333", marker="o", ms=3, lw=1.2
            )
            ax2.set_ylim(-10.5, 10.5)
            ax2.axhline(0, color="#999999", lw=0.6, ls=":")
            ax2.set_ylabel("mean Goldstein")
        if rows:
            ax.legend(loc="upper left", fontsize=8, frameon=False, ncol=4)
        else:
            ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
        if title:
            ax.set_title(title, fontsize=10)
        fig.tight_layout()
        buf = io.BytesIO()
        # A fixed hash salt and no date keep the SVG identical between runs.
        metadata: dict[str, Any] = {"Date": None} if fmt == "svg" else {}
        with matplotlib.rc_context({"svg.hashsalt": "dyads"}):
            fig.savefig(buf, format=fmt, metadata=metadata)
        return buf.getvalue()
    finally:
        plt.close(fig)


def _ticks(ax: Any, periods: Sequence[str]) -> None:
    step = max(1, len(periods) // 12)
    ticks = list(range(0, len(periods), step))
    ax.set_xticks(ticks)
    ax.set_xticklabels([periods[i] for i in ticks], rotation=30, ha="right", fontsize=8)


def _mean_goldstein(rows: Sequence[dict[str, Any]], periods: Sequence[str]) -> list[float | None]:
    """The count-weighted mean Goldstein of each period over its quad-class rows."""
    total = {p: 0.0 for p in periods}
    weight = {p: 0 for p in periods}
    for r in rows:
        if r["goldstein"] is not None:
            total[r["period"]] += float(r["goldstein"]) * int(r["n"])
            weight[r["period"]] += int(r["n"])
    return [total[p] / weight[p] if weight[p] else None for p in periods]


def write_timeline_plot(rows: Sequence[dict[str, Any]], path: str | Path, title: str = "") -> Path:
    """Draw the chart into ``path`` (.png or .svg by its suffix) and return the path."""
    fmt = plot_format(path)
    out = Path(path)
    out.write_bytes(render_timeline(rows, fmt, title))
    return out
