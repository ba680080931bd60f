"""``v_icews``: the ICEWS coded-event columns, one row per actor x recipient pair.

ICEWS names its sides Source and Target; country columns are ISO 3166 alpha-3 codes here
(ICEWS writes country names), Intensity is the CAMEO code's Goldstein value, as in ICEWS.
"""

from __future__ import annotations

from dyads.ontology import Ontology
from dyads.store.view_detail import sql_str
from dyads.store.view_gdelt import PAIRS

ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
)


def _cameo_names(ontology: Ontology) -> str:
    """The CAMEO code names as a VALUES list (code, name): ICEWS's Event Text."""
    entries = {**ontology.dropped, **ontology.cameo_entries}
    rows = [f"({sql_str(c)}, {sql_str(e.name)})" for c, e in sorted(entries.items())]
    return "(VALUES " + ", ".join(rows) + ") AS c(code, name)"


def _side(col: str, label: str) -> str:
    return f"""
    coalesce({col}.name, nullif({col}.entity_text, ''), {col}.code) AS "{label} Name",
    {col}.sector AS "{label} Sectors",
    {col}.country AS "{label} Country","""


def icews_sql(ontology: Ontology) -> str:
    """The body of ``v_icews``."""
    return f"""
WITH names AS (SELECT * FROM {_cameo_names(ontology)})
SELECT
    d.id || '-' || CAST((p.i - 1) * greatest(len(d.recipients), 1) + p.j AS VARCHAR)
        AS "Event ID",
    strftime(d.event_start, '%Y-%m-%d') AS "Event Date",
    {_side("d.actors[p.i]", "Source")}
    names.name AS "Event Text",
    d.cameo AS "CAMEO Code",
    d.goldstein AS "Intensity",
    {_side("d.recipients[p.j]", "Target")}
    d.article_id AS "Story ID",
    TRY_CAST(d.text_info ->> 'sentence_index' AS INTEGER) + 1 AS "Sentence Number",
    nullif(array_to_string(d.sources, ';'), '') AS "Publisher",
    CASE WHEN d.place_feature_class = 'P' THEN d.place_name END AS "City",
    d.place_admin2 AS "District",
    d.place_admin1 AS "Province",
    d.place_country AS "Country",
    d.place_lat AS "Latitude",
    d.place_lon AS "Longitude"
FROM v_event_detail d
LEFT JOIN names ON names.code = d.cameo
{PAIRS}"""
