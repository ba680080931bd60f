"""``v_polecat``: POLECAT's weekly-file columns, one row per event (several actors joined
with ``;``)."""

from __future__ import annotations

POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Intensity",
    "Quad Code",
    "Contexts",
    "Actor Name",
    "Actor Country",
    "Actor COW",
    "Primary Actor Sector",
    "Actor Sectors",
    "Actor Title",
    "Actor Name Raw",
    "Wikipedia Actor ID",
    "Recipient Name",
    "Recipient Country",
    "Recipient COW",
    "Primary Recipient Sector",
    "Recipient Sectors",
    "Recipient Title",
    "Recipient Name Raw",
    "Wikipedia Recipient ID",
    "Placename",
    "City",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
    "GeoNames ID",
    "Raw Placename",
    "Feature Type",
    "Source",
    "Publication Date",
    "Story People",
    "Story Organizations",
    "Story Locations",
    "Language",
    "Version",
)


def _polecat_party(col: str, label: str) -> str:
    """POLECAT's columns for one side (actor or recipient), from a list of entities."""
    return f"""
    array_to_string([coalesce(x.name, nullif(x.entity_text, ''), x.code) FOR x IN {col}], ';')
        AS "{label} Name",
    array_to_string([x.country FOR x IN {col}], ';') AS "{label} Country",
    NULL::VARCHAR AS "{label} COW",
    {col}[1].sector AS "Primary {label} Sector",
    array_to_string([x.sector FOR x IN {col}], ';') AS "{label} Sectors",
    NULL::VARCHAR AS "{label} Title",
    array_to_string([x.entity_text FOR x IN {col}], ';') AS "{label} Name Raw",
    NULL::VARCHAR AS "Wikipedia {label} ID","""


POLECAT_SQL = f"""
SELECT
    id AS "Event ID",
    strftime(event_start, '%Y-%m-%d') AS "Event Date",
    event AS "Event Type",
    mode AS "Event Mode",
    intensity AS "Intensity",
    quad_code AS "Quad Code",
    nullif(array_to_string(contexts, ';'), '') AS "Contexts",
    {_polecat_party("actors", "Actor")}
    {_polecat_party("recipients", "Recipient")}
    place_name AS "Placename",
    CASE WHEN place_feature_class = 'P' THEN place_name END AS "City",
    place_admin1 AS "Province",
    place_country AS "Country",
    place_lat AS "Latitude",
    place_lon AS "Longitude",
    place_geonameid AS "GeoNames ID",
    place_text AS "Raw Placename",
    place_feature_code AS "Feature Type",
    nullif(array_to_string(sources, ';'), '') AS "Source",
    strftime(publication_date, '%Y-%m-%d') AS "Publication Date",
    NULL::VARCHAR AS "Story People",
    NULL::VARCHAR AS "Story Organizations",
    NULL::VARCHAR AS "Story Locations",
    'en' AS "Language",
    coder_version AS "Version"
FROM v_event_detail
"""
