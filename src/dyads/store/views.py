"""SQL views over the store in the layouts event-data users load: flat, PLOVER, POLECAT, GDELT,
ICEWS.

The views are created in the store (``CREATE OR REPLACE VIEW``) whenever it is opened for
writing, so DuckDB users see them next to the tables; a store opened read-only that lacks them
(written by an older dyads) gets them as temporary views. ``dyads export events --format ...``
reads them. Their columns are documented in docs/EXPORTS.md. One module per view:

- ``v_event_detail`` (:mod:`~dyads.store.view_detail`): one row per clustered event with its
  representative mention, actors, place (typed ``place_*`` columns), sources, PLOVER score.
- ``v_plover`` (:mod:`~dyads.store.view_plover`): PLOVER 2.0 JSON fields, one row per event.
- ``v_polecat`` (:mod:`~dyads.store.view_polecat`): POLECAT's columns, one row per event.
- ``v_gdelt`` (:mod:`~dyads.store.view_gdelt`): GDELT 2.0's 61 event columns, one row per
  actor x recipient pair.
- ``v_events_flat`` (:mod:`~dyads.store.view_flat`): plain typed columns for CSV and Parquet.
- ``v_icews`` (:mod:`~dyads.store.view_icews`): ICEWS's columns, one row per pair.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from dyads.ontology import Ontology
from dyads.store.export_files import EXPORT_VIEWS, ORDER_BY, write_export, write_parquet
from dyads.store.view_detail import detail_sql
from dyads.store.view_flat import FLAT_COLUMNS, FLAT_SCHEMA
from dyads.store.view_flat import flat_sql as _flat_sql
from dyads.store.view_gdelt import GDELT_COLUMNS, GDELT_SQL
from dyads.store.view_icews import ICEWS_COLUMNS, icews_sql
from dyads.store.view_plover import PLOVER_JSON_COLUMNS, PLOVER_SQL
from dyads.store.view_polecat import POLECAT_COLUMNS, POLECAT_SQL

# In creation order (each reads v_event_detail). New views go at the end.
VIEWS: tuple[str, ...] = (
    "v_event_detail",
    "v_plover",
    "v_polecat",
    "v_gdelt",
    "v_events_flat",
    "v_icews",
)
_NEEDS = ("articles", "mentions", "events")

__all__ = [
    "EXPORT_VIEWS",
    "FLAT_COLUMNS",
    "FLAT_SCHEMA",
    "GDELT_COLUMNS",
    "ICEWS_COLUMNS",
    "ORDER_BY",
    "PLOVER_JSON_COLUMNS",
    "POLECAT_COLUMNS",
    "VIEWS",
    "create_views",
    "view_sql",
    "write_export",
    "write_parquet",
]


def view_sql(ontology: Ontology | None = None) -> dict[str, str]:
    """The body (a SELECT) of each view, by name, in creation order."""
    ont = ontology or Ontology.default()
    return {
        "v_event_detail": detail_sql(ont),
        "v_plover": PLOVER_SQL,
        "v_polecat": POLECAT_SQL,
        "v_gdelt": GDELT_SQL,
        "v_events_flat": _flat_sql(),
        "v_icews": icews_sql(ont),
    }


def _existing(con: duckdb.DuckDBPyConnection, names: Iterable[str]) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_name IN (SELECT unnest(?::VARCHAR[]))",
        [list(names)],
    ).fetchall()
    return {r[0] for r in rows}


def create_views(con: duckdb.DuckDBPyConnection, temporary: bool = False) -> bool:
    """Create (or replace) the export views; False when the store lacks the tables they read.

    ``temporary`` creates them for this connection only (a store opened read-only). Temporary
    views shadow stored ones, so a store written by an older dyads, whose stored views lack
    columns or views added since, is read through this version's views.
    """
    if len(_existing(con, _NEEDS)) < len(_NEEDS):
        return False
    kind = "TEMPORARY VIEW" if temporary else "VIEW"
    for name, body in view_sql().items():
        con.execute(f"CREATE OR REPLACE {kind} {name} AS {body}")
    return True
