"""The actor network: country-key nodes and directed edges weighted by event counts."""

from __future__ import annotations

import math
from typing import Any

import duckdb

from dyads.explore.db import fetch
from dyads.explore.filters import Filters

EDGE_COLUMNS: tuple[str, ...] = ("source", "target", "n", "goldstein", "conflict")


def network(
    con: duckdb.DuckDBPyConnection, filters: Filters, max_edges: int = 100, min_n: int = 1
) -> dict[str, Any]:
    """``{"nodes": [...], "edges": [...]}`` of the matching events.

    An edge ``source → target`` counts the events with ``source`` among the actors and
    ``target`` among the recipients; ``goldstein`` is their mean and ``conflict`` the share in
    quad classes 3-4. Only the ``max_edges`` heaviest edges with at least ``min_n`` events are
    kept; nodes are the actors those edges touch.
    """
    where, params = filters.where()
    sql = f"""
    WITH f AS (
        -- Grouped by the joined keys first: few distinct pairs to split, not every event.
        SELECT e.actor, e.recipient, count(*) AS n, sum(e.goldstein) AS g,
            count(e.goldstein) AS ng, count(*) FILTER (WHERE e.quad_code >= 3) AS nc
        FROM events e WHERE {where} AND e.actor <> '-' AND e.recipient <> '-'
        GROUP BY e.actor, e.recipient
    ), pairs AS (
        SELECT unnest(string_split(actor, '+')) AS source, recipient, n, g, ng, nc FROM f
    ), edges AS (
        SELECT source, unnest(string_split(recipient, '+')) AS target, n, g, ng, nc FROM pairs
    )
    SELECT source, target, sum(n) AS n, sum(g) / nullif(sum(ng), 0) AS goldstein,
        sum(nc) / sum(n) AS conflict
    FROM edges WHERE source <> target
    GROUP BY source, target HAVING sum(n) >= ?
    ORDER BY n DESC, source, target LIMIT ?
    """
    edges = fetch(con, sql, [*params, max(1, int(min_n)), max(1, int(max_edges))])
    nodes: dict[str, dict[str, Any]] = {}
    for e in edges:
        for key, side in ((e["source"], "n_out"), (e["target"], "n_in")):
            node = nodes.setdefault(key, {"id": key, "n_out": 0, "n_in": 0})
            node[side] += e["n"]
    return {"nodes": sorted(nodes.values(), key=lambda n: n["id"]), "edges": edges}


def circle_layout(
    nodes: list[dict[str, Any]], size: float = 600.0, margin: float = 60.0
) -> dict[str, tuple[float, float]]:
    """Node positions on a circle (sorted by id, so stable between runs) for the SVG view."""
    n = max(1, len(nodes))
    radius = size / 2 - margin
    centre = size / 2
    out: dict[str, tuple[float, float]] = {}
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / n - math.pi / 2
        out[node["id"]] = (
            round(centre + radius * math.cos(angle), 1),
            round(centre + radius * math.sin(angle), 1),
        )
    return out


def node_radius(node: dict[str, Any]) -> float:
    """The drawn radius of a node: grows with the square root of its events, 5 to 25."""
    return round(min(25.0, 5.0 + math.sqrt(node["n_out"] + node["n_in"])), 1)


def edge_lines(
    edges: list[dict[str, Any]],
    layout: dict[str, tuple[float, float]],
    radius: dict[str, float],
) -> list[tuple[float, float, float, float]]:
    """Each edge's line, ending at the target's rim so that its arrow stays visible."""
    out = []
    for e in edges:
        (x1, y1), (x2, y2) = layout[e["source"]], layout[e["target"]]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        k = max(0.0, (length - radius.get(e["target"], 5.0) - 2.0) / length)
        out.append((x1, y1, round(x1 + (x2 - x1) * k, 1), round(y1 + (y2 - y1) * k, 1)))
    return out
