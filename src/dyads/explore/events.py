"""Filtered event lists, facet counts, and one event with every mention and its sentence."""

from __future__ import annotations

from typing import Any

import duckdb

from dyads.explore.db import fetch, rows_by_id
from dyads.explore.filters import EVENT_DAY, Filters

# The columns of an event row, in the order csv/table output shows them.
EVENT_COLUMNS: tuple[str, ...] = (
    "id",
    "day",
    "event",
    "mode",
    "cameo",
    "quad_code",
    "goldstein",
    "actor",
    "recipient",
    "actor_codes",
    "recipient_codes",
    "modality",
    "place",
    "n_mentions",
    "n_articles",
    "confidence",
    "sentence",
)
MAX_LIMIT = 10_000
FACETS: tuple[str, ...] = ("event", "quad_code", "modality", "actor", "recipient", "place")


def count_events(con: duckdb.DuckDBPyConnection, filters: Filters) -> int:
    """How many events match ``filters``."""
    return _count(con, *filters.where())


def _count(con: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> int:
    row = con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()
    return int(row[0]) if row else 0


def list_events(
    con: duckdb.DuckDBPyConnection, filters: Filters, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """The matching events, newest first, with their representative mention's codes, sentence
    and confidence (the mention with the highest confidence, then the lowest id)."""
    return _list(con, *filters.where(), limit, offset)


def _list(
    con: duckdb.DuckDBPyConnection, where: str, params: list[Any], limit: int, offset: int
) -> list[dict[str, Any]]:
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    # Narrow first, wide by row id after: sorting or filtering wide rows (the events' mention
    # lists, the mentions' sentences) costs several times more on a million events.
    page = con.execute(
        f"SELECT e.rowid FROM events e WHERE {where} "
        f"ORDER BY {EVENT_DAY} DESC NULLS LAST, e.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    if not page:
        return []
    events = fetch(
        con,
        f"""SELECT e.id, {EVENT_DAY} AS day, e.event, e.mode, e.cameo, e.quad_code, e.goldstein,
            e.actor, e.recipient, e.modality,
            CASE WHEN e.location_name IS NOT NULL
                THEN e.location_name || coalesce(' (' || e.location_country || ')', '')
                ELSE e.location_country END AS place,
            e.n_mentions, e.n_articles, e.mention_ids
        FROM events e WHERE e.rowid IN (SELECT unnest(?::BIGINT[]))
        ORDER BY day DESC NULLS LAST, e.id""",
        [[r[0] for r in page]],
    )
    mentions = rows_by_id(
        con,
        "mentions",
        "id, event_id, actor_codes, recipient_codes, sentence, confidence",
        [m for e in events for m in e.pop("mention_ids") or []],
    )
    # The representative mention: the highest confidence, then the lowest id.
    mentions.sort(
        key=lambda m: (-(m["confidence"] if m["confidence"] is not None else -1), m["id"])
    )
    reps: dict[str, dict[str, Any]] = {}
    for m in mentions:
        reps.setdefault(m["event_id"], m)
    out = []
    for e in events:
        rep = reps.get(e["id"], {})
        row = {
            **e,
            "actor_codes": rep.get("actor_codes"),
            "recipient_codes": rep.get("recipient_codes"),
        }
        row["confidence"] = rep.get("confidence")
        row["sentence"] = rep.get("sentence")
        out.append({k: row.get(k) for k in EVENT_COLUMNS})
    return out


def facets(
    con: duckdb.DuckDBPyConnection, filters: Filters, top: int = 10
) -> dict[str, list[dict[str, Any]]]:
    """For each facet (type, quad class, modality, actor, recipient, place country), the most
    frequent values among the matching events with their counts."""
    return _facets(con, *filters.where(), top)


def _facets(
    con: duckdb.DuckDBPyConnection, where: str, params: list[Any], top: int
) -> dict[str, list[dict[str, Any]]]:
    # One pass with grouping sets; the "+"-joined participant keys are split afterwards on
    # the (few) distinct values rather than on every event.
    sql = f"""
    SELECT GROUPING(e.event, e.quad_code, e.modality, e.actor, e.recipient, e.location_country)
            AS g,
        e.event, e.quad_code, e.modality, e.actor, e.recipient, e.location_country, count(*)
    FROM events e WHERE {where}
    GROUP BY GROUPING SETS ((e.event), (e.quad_code), (e.modality), (e.actor), (e.recipient),
        (e.location_country))
    """
    # GROUPING sets one bit per column (first column highest) when it is NOT grouped, so the
    # set grouping only column i reads 63 - 2**(5 - i).
    position = {63 - (1 << (5 - i)): name for i, name in enumerate(FACETS)}
    tally: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for g, *values, n in con.execute(sql, params).fetchall():
        name = position[int(g)]
        value = values[FACETS.index(name)]
        if value is None:
            continue
        parts = str(value).split("+") if name in ("actor", "recipient") else [str(value)]
        for part in parts:
            if part != "-":
                tally[name][part] = tally[name].get(part, 0) + int(n)
    return {
        name: [
            {"value": v, "n": n}
            for v, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[: int(top)]
        ]
        for name, counts in tally.items()
    }


def search(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    limit: int = 50,
    offset: int = 0,
    top: int = 10,
) -> dict[str, Any]:
    """The count, one page of events and the facets of ``filters`` together (the search page).

    A filter that reads the mentions (a full actor code, sector, confidence, text) is run once
    into a temporary table of this connection, not once per part.
    """
    where, params = filters.where()
    temp = filters.needs_mentions()
    if temp:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE explore_match AS "
            f"SELECT e.rowid AS rid FROM events e WHERE {where}",
            params,
        )
        # By row id: joining on the id strings again costs three times more.
        where, params = "e.rowid IN (SELECT rid FROM explore_match)", []
    try:
        return {
            "total": _count(con, where, params),
            "events": _list(con, where, params, limit, offset),
            "facets": _facets(con, where, params, top),
        }
    finally:
        if temp:
            con.execute("DROP TABLE IF EXISTS explore_match")


def get_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event with every mention (article, sentence, trigger offsets, roles), or None."""
    rows = fetch(
        con,
        f"SELECT e.*, {EVENT_DAY} AS day FROM events e WHERE e.id = ?",
        [event_id],
    )
    if not rows:
        return None
    event = rows[0]
    mention_ids = event.pop("mention_ids") or []
    mentions = rows_by_id(
        con,
        "mentions",
        "id, article_id, event, mode, cameo, actor_codes, recipient_codes, modality, date, "
        "date_text, date_basis, attributed_to, location_name, location_country, confidence, "
        "sentence, sentence_index, start_char, end_char, trigger, trigger_start, trigger_end, "
        "record ->> 'provenance' AS provenance",
        list(mention_ids),
    )
    mentions.sort(
        key=lambda m: (-(m["confidence"] if m["confidence"] is not None else -1), m["id"])
    )
    articles = {
        a["id"]: a
        for a in rows_by_id(
            con,
            "articles",
            "id, title, date AS article_date, url, source",
            [m["article_id"] for m in mentions],
        )
    }
    for m in mentions:
        art = articles.get(m["article_id"], {})
        for key in ("title", "article_date", "url", "source"):
            m[key] = art.get(key)
        m["trigger_in_sentence"] = _trigger_span(m)
    event["mentions"] = mentions
    return event


def _trigger_span(m: dict[str, Any]) -> list[int] | None:
    """The trigger's offsets inside its sentence (for highlighting), when known and valid."""
    start, end, s0 = m.get("trigger_start"), m.get("trigger_end"), m.get("start_char")
    sentence = m.get("sentence") or ""
    if start is None or end is None or s0 is None:
        return None
    a, b = start - s0, end - s0
    return [a, b] if 0 <= a < b <= len(sentence) else None
