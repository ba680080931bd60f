"""Timelines: event counts, mean Goldstein and mean PLOVER intensity per day, week, month or
year, overall or by quad class, for any filter."""

from __future__ import annotations

import functools
from typing import Any

import duckdb

from dyads.explore.db import fetch
from dyads.explore.filters import EVENT_DAY, FilterError, Filters
from dyads.ontology import Ontology

INTERVALS: tuple[str, ...] = ("day", "week", "month", "year")
TIMELINE_COLUMNS: tuple[str, ...] = ("period", "quad_code", "n", "goldstein", "intensity")


@functools.lru_cache(maxsize=1)
def scores_sql() -> str:
    """The PLOVER scores as a SQL VALUES list ``s(event, mode, score)``; mode '' for the type's
    own score. Built from the ontology, so no user text is involved."""
    onto = Ontology.default()
    rows: list[str] = []
    for t in sorted(onto.types.values(), key=lambda t: t.name):
        name = t.name.replace("'", "''")
        rows.append(f"('{name}', '', {float(t.score)!r})")
        for m in sorted(t.modes.values(), key=lambda m: m.name):
            mode = m.name.replace("'", "''")
            rows.append(f"('{name}', '{mode}', {float(m.score)!r})")
    return "(VALUES " + ", ".join(rows) + ") AS s(event, mode, score)"


def check_interval(interval: str) -> str:
    """``interval`` if it is one of :data:`INTERVALS`, else a :class:`FilterError`."""
    if interval not in INTERVALS:
        raise FilterError(f"interval: {interval[:20]!r} is not one of {', '.join(INTERVALS)}")
    return interval


def timeline(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    interval: str = "month",
    by_quad: bool = True,
) -> list[dict[str, Any]]:
    """One row per period (and quad class when ``by_quad``): ``period`` (its first day),
    ``quad_code`` (None when not by quad), ``n``, mean ``goldstein`` and mean ``intensity``.
    Events without any date are left out."""
    check_interval(interval)
    where, params = filters.where()
    quad = "e.quad_code" if by_quad else "CAST(NULL AS INTEGER)"
    sql = f"""
    WITH s AS (SELECT * FROM {scores_sql()})
    SELECT CAST(date_trunc('{interval}', {EVENT_DAY}) AS DATE) AS period,
        {quad} AS quad_code,
        count(*) AS n,
        avg(e.goldstein) AS goldstein,
        avg(coalesce(sm.score, st.score)) AS intensity
    FROM events e
    LEFT JOIN s st ON st.event = e.event AND st.mode = ''
    LEFT JOIN s sm ON sm.event = e.event AND sm.mode = e.mode
    WHERE ({where}) AND {EVENT_DAY} IS NOT NULL
    GROUP BY ALL ORDER BY period, quad_code
    """
    return fetch(con, sql, params)


def period_end(period: str, interval: str) -> str:
    """The last day (ISO) of the period starting on ``period`` (ISO), to link to its events."""
    import datetime as dt

    start = dt.date.fromisoformat(period)
    if interval == "day":
        end = start
    elif interval == "week":
        end = start + dt.timedelta(days=6)
    elif interval == "month":
        end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    else:
        end = dt.date(start.year, 12, 31)
    return end.isoformat()
