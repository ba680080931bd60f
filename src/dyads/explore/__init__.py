"""Explore a store: filtered events, timelines, dyads, top partners and the actor network.

One library used by both the CLI (``dyads events|timeline|dyad|network``) and the web app
(``dyads serve``). Every query takes a read-only connection and a :class:`Filters`:

    from dyads.explore import Explorer, Filters, list_events, timeline
    with Explorer("news.duckdb") as x, x.cursor() as con:
        rows = timeline(con, Filters.from_params({"country": "RUS"}), "month")
"""

from __future__ import annotations

from dyads.explore.db import Explorer
from dyads.explore.dyad import dyad, dyad_rows, top_partners
from dyads.explore.events import count_events, facets, get_event, list_events, search
from dyads.explore.filters import FilterError, Filters
from dyads.explore.network import network
from dyads.explore.timeline import INTERVALS, timeline

__all__ = [
    "INTERVALS",
    "Explorer",
    "FilterError",
    "Filters",
    "count_events",
    "dyad",
    "dyad_rows",
    "facets",
    "get_event",
    "list_events",
    "network",
    "search",
    "timeline",
    "top_partners",
]
