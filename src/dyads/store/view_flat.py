"""``v_events_flat``: one row per event in plain, typed columns, for CSV and Parquet.

Every column holds one scalar, so the file loads into a data frame as it is: several actors
(a reciprocal event) are joined with ``;`` in each actor column, position by position (an
actor with no name leaves its slot empty, so ``actor_code`` and ``actor_name`` still line up).
Codes are text (CAMEO ``057`` keeps its zero), ``date_start``/``date_end`` are dates whatever
the TIMEX ``date`` says (``2024-W17``, ``2024``), the place is split into its parts. Columns
are documented in docs/EXPORTS.md; :data:`FLAT_COLUMNS` is the order and the contract.
"""

from __future__ import annotations

# (name, DuckDB type) in order. CSV writes every cell as text; Parquet keeps these types.
FLAT_SCHEMA: tuple[tuple[str, str], ...] = (
    ("event_id", "VARCHAR"),
    ("date", "VARCHAR"),
    ("date_precision", "VARCHAR"),
    ("date_basis", "VARCHAR"),
    ("date_start", "DATE"),
    ("date_end", "DATE"),
    ("event", "VARCHAR"),
    ("mode", "VARCHAR"),
    ("contexts", "VARCHAR"),
    ("cameo", "VARCHAR"),
    ("cameo_base", "VARCHAR"),
    ("cameo_root", "VARCHAR"),
    ("quad_class", "INTEGER"),
    ("quad_code", "INTEGER"),
    ("goldstein", "DOUBLE"),
    ("intensity", "DOUBLE"),
    ("modality", "VARCHAR"),
    *(
        (f"{side}_{field}", "VARCHAR")
        for side in ("actor", "recipient")
        for field in ("code", "country", "sector", "name", "text")
    ),
    ("place_name", "VARCHAR"),
    ("place_text", "VARCHAR"),
    ("place_start", "INTEGER"),
    ("place_end", "INTEGER"),
    ("place_country", "VARCHAR"),
    ("admin1", "VARCHAR"),
    ("admin2", "VARCHAR"),
    ("lat", "DOUBLE"),
    ("lon", "DOUBLE"),
    ("geonameid", "BIGINT"),
    ("feature_class", "VARCHAR"),
    ("feature_code", "VARCHAR"),
    ("place_precision", "VARCHAR"),
    ("n_mentions", "INTEGER"),
    ("n_articles", "INTEGER"),
    ("n_sources", "INTEGER"),
    ("first_report", "DATE"),
    ("last_report", "DATE"),
    ("publication_date", "DATE"),
    ("source_url", "VARCHAR"),
    ("sources", "VARCHAR"),
    ("article_id", "VARCHAR"),
    ("sentence", "VARCHAR"),
    ("sentence_index", "INTEGER"),
    ("trigger", "VARCHAR"),
    ("coder_version", "VARCHAR"),
    ("coder", "VARCHAR"),
    ("coded_at", "TIMESTAMP"),
)
FLAT_COLUMNS: tuple[str, ...] = tuple(name for name, _ in FLAT_SCHEMA)
# Columns a CSV reader would take for numbers or dates but that are codes or TIMEX text: the
# typed reads in docs/EXPORTS.md name exactly these.
FLAT_TEXT_CODES: tuple[str, ...] = ("date", "cameo", "cameo_base", "cameo_root")


def _joined(side: str, field: str) -> str:
    """One field of every entity on a side, joined with ``;`` and aligned by position."""
    return f"""CASE WHEN len([1 FOR x IN {side} IF x.{field} IS NOT NULL]) > 0
        THEN array_to_string([coalesce(x.{field}, '') FOR x IN {side}], ';') END"""


_EXPR: dict[str, str] = {
    "event_id": "id",
    "date_start": "event_start",
    "date_end": "event_end",
    "contexts": "nullif(array_to_string(contexts, ';'), '')",
    "cameo_base": "left(cameo, 3)",
    "cameo_root": "left(cameo, 2)",
    "admin1": "place_admin1",
    "admin2": "place_admin2",
    "lat": "place_lat",
    "lon": "place_lon",
    "geonameid": "place_geonameid",
    "feature_class": "place_feature_class",
    "feature_code": "place_feature_code",
    "n_sources": "n_outlets",
    "sources": "nullif(array_to_string(sources, ';'), '')",
    "sentence": "text_info ->> 'sentence'",
    "sentence_index": "text_info ->> 'sentence_index'",
    "trigger": "text_info ->> 'trigger'",
}


def _expr(name: str) -> str:
    side, _, field = name.partition("_")
    if side in ("actor", "recipient") and field:
        return _joined(side + "s", "entity_text" if field == "text" else field)
    return _EXPR.get(name, name)


def flat_sql() -> str:
    """The body of ``v_events_flat``: every column cast to its :data:`FLAT_SCHEMA` type."""
    cols = ",\n    ".join(f"CAST({_expr(name)} AS {typ}) AS {name}" for name, typ in FLAT_SCHEMA)
    return f"SELECT\n    {cols}\nFROM v_event_detail\n"
