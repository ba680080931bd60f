"""Directed dyads (A→B and B→A over time) and the top partners of an actor."""

from __future__ import annotations

from typing import Any

import duckdb

from dyads.explore.db import fetch
from dyads.explore.filters import Filters
from dyads.explore.timeline import timeline

PARTNER_COLUMNS: tuple[str, ...] = (
    "partner",
    "n",
    "n_out",
    "n_in",
    "goldstein_out",
    "goldstein_in",
)
DYAD_COLUMNS: tuple[str, ...] = ("direction", "period", "quad_code", "n", "goldstein", "intensity")


def _summary(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, Any]:
    where, params = filters.where()
    rows = fetch(
        con,
        f"""SELECT count(*) AS n, avg(e.goldstein) AS goldstein,
            count(*) FILTER (WHERE e.quad_code = 1) AS quad_1,
            count(*) FILTER (WHERE e.quad_code = 2) AS quad_2,
            count(*) FILTER (WHERE e.quad_code = 3) AS quad_3,
            count(*) FILTER (WHERE e.quad_code = 4) AS quad_4
        FROM events e WHERE {where}""",
        params,
    )
    return rows[0]


def dyad(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    filters: Filters | None = None,
    interval: str = "month",
) -> dict[str, Any]:
    """Both directions of the pair: totals per quad class, mean Goldstein, and timelines.

    ``filters``' own actor and recipient are replaced by the pair.
    """
    base = filters or Filters()
    ab = base.with_(actor=(a.upper(),), recipient=(b.upper(),))
    ba = base.with_(actor=(b.upper(),), recipient=(a.upper(),))
    return {
        "a": a.upper(),
        "b": b.upper(),
        "interval": interval,
        "a_to_b": {**_summary(con, ab), "timeline": timeline(con, ab, interval, by_quad=False)},
        "b_to_a": {**_summary(con, ba), "timeline": timeline(con, ba, interval, by_quad=False)},
    }


def dyad_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """A :func:`dyad` result flattened to rows (one per direction and period) for csv/table."""
    rows = []
    for key, label in (("a_to_b", "{a}->{b}"), ("b_to_a", "{b}->{a}")):
        direction = label.format(a=result["a"], b=result["b"])
        for r in result[key]["timeline"]:
            rows.append({"direction": direction, **r})
    return rows


def top_partners(
    con: duckdb.DuckDBPyConnection, actor: str, filters: Filters | None = None, top: int = 20
) -> list[dict[str, Any]]:
    """The actors ``actor`` most often acts on or is acted on by (country keys), with counts
    and mean Goldstein in each direction."""
    base = filters or Filters()
    code = actor.upper()
    w_out, p_out = base.with_(actor=(code,), recipient=()).where()
    w_in, p_in = base.with_(actor=(), recipient=(code,)).where()
    sql = f"""
    WITH grouped AS (
        -- Grouped by the joined keys first, then split: few distinct values to unnest.
        SELECT e.recipient AS other, 'out' AS dir, count(*) AS n, sum(e.goldstein) AS g,
            count(e.goldstein) AS ng
        FROM events e WHERE {w_out} GROUP BY e.recipient
        UNION ALL
        SELECT e.actor, 'in', count(*), sum(e.goldstein), count(e.goldstein)
        FROM events e WHERE {w_in} GROUP BY e.actor
    ), pairs AS (
        SELECT unnest(string_split(other, '+')) AS partner, dir, n, g, ng FROM grouped
    )
    SELECT partner, sum(n) AS n,
        coalesce(sum(n) FILTER (WHERE dir = 'out'), 0) AS n_out,
        coalesce(sum(n) FILTER (WHERE dir = 'in'), 0) AS n_in,
        sum(g) FILTER (WHERE dir = 'out') / nullif(sum(ng) FILTER (WHERE dir = 'out'), 0)
            AS goldstein_out,
        sum(g) FILTER (WHERE dir = 'in') / nullif(sum(ng) FILTER (WHERE dir = 'in'), 0)
            AS goldstein_in
    FROM pairs WHERE partner <> '-' AND partner <> ? AND partner <> left(?, 3)
    GROUP BY partner ORDER BY n DESC, partner LIMIT ?
    """
    return fetch(con, sql, [*p_out, *p_in, code, code, max(1, int(top))])
