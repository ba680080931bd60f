"""SQL views over the store in the layouts other event-data users load: PLOVER, POLECAT, GDELT.

The views are created in the store (``CREATE OR REPLACE VIEW``) whenever it is opened for
writing, so DuckDB users see them next to the tables; a store opened read-only that lacks them
(written by an older dyads) gets them as temporary views. ``dyads export events --format
plover-jsonl|polecat-tsv|gdelt-tsv`` reads them. Their columns are documented in docs/EXPORTS.md.

- ``v_event_detail``: one row per clustered event, with its representative mention (highest
  confidence, then lowest id), its actor and recipient records, place, sources and the PLOVER
  score (``Ontology.score`` of type and mode).
- ``v_plover``: PLOVER 2.0 JSON fields (manual, chapter "Data Fields"), one row per event.
- ``v_polecat``: POLECAT's columns, one row per event (several actors joined with ``;``).
- ``v_gdelt``: GDELT 2.0's 61 event columns, one row per actor x recipient pair.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from typing import Any, TextIO

import duckdb

from dyads.ontology import Ontology

VIEWS: tuple[str, ...] = ("v_event_detail", "v_plover", "v_polecat", "v_gdelt")
EXPORT_VIEWS: dict[str, str] = {
    "plover-jsonl": "v_plover",
    "polecat-tsv": "v_polecat",
    "gdelt-tsv": "v_gdelt",
}
# v_plover columns holding JSON objects or lists (parsed back before writing JSONL).
PLOVER_JSON_COLUMNS = frozenset({"actor", "recipient", "event_loc", "text_info", "cite_info"})
_NEEDS = ("articles", "mentions", "events")

_ENTITY = '[{"code":"VARCHAR","country":"VARCHAR","sector":"VARCHAR","name":"VARCHAR","entity_text":"VARCHAR"}]'

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(
        f"Actor{n}{f}"
        for n in (1, 2)
        for f in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(
        f"{g}Geo_{f}"
        for g in ("Actor1", "Actor2", "Action")
        for f in (
            "Type",
            "FullName",
            "CountryCode",
            "ADM1Code",
            "ADM2Code",
            "Lat",
            "Long",
            "FeatureID",
        )
    ),
    "DATEADDED",
    "SOURCEURL",
)

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


def _sql_str(value: str | None) -> str:
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


def _scores(ontology: Ontology) -> str:
    """The PLOVER scores as a VALUES list: (event, mode, score), mode NULL for the type's own."""
    rows: list[str] = []
    for t in sorted(ontology.types.values(), key=lambda t: t.name):
        rows.append(f"({_sql_str(t.name)}, NULL, {float(t.score)!r}::DOUBLE)")
        for m in sorted(t.modes.values(), key=lambda m: m.name):
            rows.append(f"({_sql_str(t.name)}, {_sql_str(m.name)}, {float(m.score)!r}::DOUBLE)")
    return "(VALUES " + ", ".join(rows) + ") AS s(event, mode, score)"


def _detail(ontology: Ontology) -> str:
    return f"""
WITH rep AS (
    SELECT m.event_id,
        first(m.record ORDER BY m.confidence DESC NULLS LAST, m.id) AS record,
        first(m.article_id ORDER BY m.confidence DESC NULLS LAST, m.id) AS article_id
    FROM mentions m WHERE m.event_id IS NOT NULL GROUP BY m.event_id
), src AS (
    SELECT m.event_id,
        min(a.date) AS publication_date,
        first(a.url ORDER BY a.date, a.id) FILTER (WHERE a.url IS NOT NULL) AS source_url,
        list_sort(list_distinct(list(a.source))) AS sources,
        count(DISTINCT coalesce(a.source, a.near_dup_of, a.id)) AS n_outlets,
        min(a.ingested_at) AS coded_at
    FROM mentions m JOIN articles a ON a.id = m.article_id
    WHERE m.event_id IS NOT NULL GROUP BY m.event_id
), scores AS (SELECT * FROM {_scores(ontology)})
SELECT e.*,
    rep.record,
    rep.article_id,
    from_json(rep.record -> 'actor', '{_ENTITY}') AS actors,
    from_json(rep.record -> 'recipient', '{_ENTITY}') AS recipients,
    from_json(rep.record -> 'context', '["VARCHAR"]') AS contexts,
    CASE WHEN json_type(rep.record -> 'location') = 'OBJECT'
        THEN rep.record -> 'location' END AS location,
    rep.record -> 'text_info' AS text_info,
    split_part(rep.record ->> 'provenance', ';', 1) AS coder_version,
    rep.record ->> 'provenance' AS coder,
    src.publication_date,
    src.source_url,
    src.sources,
    src.n_outlets,
    src.coded_at,
    coalesce(sm.score, st.score) AS intensity,
    coalesce(e.date_min, TRY_CAST(e.date AS DATE),
        CAST(try_strptime(e.date, '%Y-%m') AS DATE), CAST(try_strptime(e.date, '%Y') AS DATE),
        src.publication_date) AS event_start,
    coalesce(e.date_max, TRY_CAST(e.date AS DATE),
        last_day(try_strptime(e.date, '%Y-%m')),
        CAST(try_strptime(e.date, '%Y') + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE),
        src.publication_date) AS event_end
FROM events e
JOIN rep ON rep.event_id = e.id
LEFT JOIN src ON src.event_id = e.id
LEFT JOIN scores st ON st.event = e.event AND st.mode IS NULL
LEFT JOIN scores sm ON sm.event = e.event AND sm.mode = e.mode
"""


_PLOVER = """
SELECT
    id,
    strftime(event_start, '%Y-%m-%d') AS date,
    CASE WHEN event_end IS DISTINCT FROM event_start
        THEN strftime(event_end, '%Y-%m-%d') END AS enddate,
    record -> 'actor' AS actor,
    record -> 'recipient' AS recipient,
    [event] AS event,
    CASE WHEN location IS NOT NULL THEN json_object(
        'extracted_place', location ->> 'text',
        'resolved_place', location ->> 'name',
        'geonameid', TRY_CAST(location ->> 'geonameid' AS BIGINT),
        'lat', TRY_CAST(location ->> 'lat' AS DOUBLE),
        'lon', TRY_CAST(location ->> 'lon' AS DOUBLE),
        'city', CASE WHEN location ->> 'feature_class' = 'P' THEN location ->> 'name' END,
        'district', location ->> 'admin2',
        'province', location ->> 'admin1',
        'country_code', location ->> 'country',
        'feature_class', location ->> 'feature_class',
        'feature_code', location ->> 'feature_code',
        'resolution', CASE location ->> 'precision' WHEN 'point' THEN 5 WHEN 'city' THEN 4
            WHEN 'admin2' THEN 3 WHEN 'admin1' THEN 2 WHEN 'region' THEN 2
            WHEN 'country' THEN 1 END
    ) END AS event_loc,
    [text_info ->> 'sentence'] AS event_text,
    quad_code,
    intensity AS event_scale,
    CASE WHEN mode IS NULL THEN []::VARCHAR[] ELSE [mode] END AS mode,
    coalesce(contexts, []::VARCHAR[]) AS context,
    json_object(
        'sequence', TRY_CAST(text_info ->> 'sentence_index' AS INTEGER),
        'start', TRY_CAST(text_info ->> 'start' AS INTEGER),
        'end', TRY_CAST(text_info ->> 'end' AS INTEGER),
        'trigger', text_info ->> 'trigger'
    ) AS text_info,
    json_object(
        'url', source_url,
        'publication', nullif(array_to_string(sources, ';'), ''),
        'language', 'en',
        'coder', coder_version
    ) AS cite_info,
    coder,
    strftime(coded_at, '%Y-%m-%d') AS coded_date,
    date AS date_timex,
    cameo,
    goldstein,
    modality,
    n_mentions,
    n_articles,
    n_outlets AS n_sources
FROM v_event_detail
"""


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


_POLECAT = f"""
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
    location ->> 'name' AS "Placename",
    CASE WHEN location ->> 'feature_class' = 'P' THEN location ->> 'name' END AS "City",
    location ->> 'admin1' AS "Province",
    location ->> 'country' AS "Country",
    TRY_CAST(location ->> 'lat' AS DOUBLE) AS "Latitude",
    TRY_CAST(location ->> 'lon' AS DOUBLE) AS "Longitude",
    TRY_CAST(location ->> 'geonameid' AS BIGINT) AS "GeoNames ID",
    location ->> 'text' AS "Raw Placename",
    location ->> 'feature_code' AS "Feature Type",
    nullif(array_to_string(sources, ';'), '') AS "Source",
    strftime(publication_date, '%Y-%m-%d') AS "Publication Date",
    NULL::VARCHAR AS "Story People",
    NULL::VARCHAR AS "Story Organizations",
    NULL::VARCHAR AS "Story Locations",
    'en' AS "Language",
    coder_version AS "Version"
FROM v_event_detail
"""


def _actor_cols(n: int, side: str) -> str:
    a = f"{side}[p.{'i' if n == 1 else 'j'}]"
    return f"""
    {a}.code AS Actor{n}Code,
    upper(coalesce({a}.name, nullif({a}.entity_text, ''), {a}.code)) AS Actor{n}Name,
    {a}.country AS Actor{n}CountryCode,
    NULL::VARCHAR AS Actor{n}KnownGroupCode,
    NULL::VARCHAR AS Actor{n}EthnicCode,
    NULL::VARCHAR AS Actor{n}Religion1Code,
    NULL::VARCHAR AS Actor{n}Religion2Code,
    {a}.sector AS Actor{n}Type1Code,
    NULL::VARCHAR AS Actor{n}Type2Code,
    NULL::VARCHAR AS Actor{n}Type3Code,"""


def _empty_geo(prefix: str) -> str:
    return (
        "\n".join(
            f"    NULL::VARCHAR AS {prefix}Geo_{f},"
            for f in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long")
        )
        + f"\n    NULL::VARCHAR AS {prefix}Geo_FeatureID,"
    )


_GDELT = f"""
SELECT
    d.id || '-' || CAST((p.i - 1) * greatest(len(d.recipients), 1) + p.j AS VARCHAR)
        AS GLOBALEVENTID,
    strftime(d.event_start, '%Y%m%d') AS SQLDATE,
    strftime(d.event_start, '%Y%m') AS MonthYear,
    strftime(d.event_start, '%Y') AS Year,
    round(year(d.event_start) + (dayofyear(d.event_start) - 1) / 365.0, 4) AS FractionDate,
{_actor_cols(1, "d.actors")}
{_actor_cols(2, "d.recipients")}
    NULL::VARCHAR AS IsRootEvent,
    d.cameo AS EventCode,
    left(d.cameo, 3) AS EventBaseCode,
    left(d.cameo, 2) AS EventRootCode,
    CASE
        WHEN TRY_CAST(left(d.cameo, 2) AS INTEGER) BETWEEN 1 AND 5 THEN 1
        WHEN TRY_CAST(left(d.cameo, 2) AS INTEGER) BETWEEN 6 AND 8 THEN 2
        WHEN TRY_CAST(left(d.cameo, 2) AS INTEGER) BETWEEN 9 AND 13 THEN 3
        WHEN TRY_CAST(left(d.cameo, 2) AS INTEGER) BETWEEN 14 AND 20 THEN 4
    END AS QuadClass,
    d.goldstein AS GoldsteinScale,
    d.n_mentions AS NumMentions,
    d.n_outlets AS NumSources,
    d.n_articles AS NumArticles,
    NULL::VARCHAR AS AvgTone,
{_empty_geo("Actor1")}
{_empty_geo("Actor2")}
    CASE d.location ->> 'precision'
        WHEN 'country' THEN 1
        WHEN 'admin1' THEN CASE WHEN d.location ->> 'country' = 'USA' THEN 2 ELSE 5 END
        WHEN 'region' THEN CASE WHEN d.location ->> 'country' = 'USA' THEN 2 ELSE 5 END
        WHEN 'city' THEN CASE WHEN d.location ->> 'country' = 'USA' THEN 3 ELSE 4 END
        WHEN 'point' THEN CASE WHEN d.location ->> 'country' = 'USA' THEN 3 ELSE 4 END
    END AS ActionGeo_Type,
    nullif(concat_ws(', ', d.location ->> 'name', d.location ->> 'admin1',
        d.location ->> 'country'), '') AS ActionGeo_FullName,
    NULL::VARCHAR AS ActionGeo_CountryCode,
    NULL::VARCHAR AS ActionGeo_ADM1Code,
    NULL::VARCHAR AS ActionGeo_ADM2Code,
    TRY_CAST(d.location ->> 'lat' AS DOUBLE) AS ActionGeo_Lat,
    TRY_CAST(d.location ->> 'lon' AS DOUBLE) AS ActionGeo_Long,
    NULL::VARCHAR AS ActionGeo_FeatureID,
    strftime(d.coded_at, '%Y%m%d%H%M%S') AS DATEADDED,
    d.source_url AS SOURCEURL
FROM v_event_detail d
CROSS JOIN LATERAL (
    SELECT i, j
    FROM range(1, greatest(len(d.actors), 1) + 1) AS ri(i),
        range(1, greatest(len(d.recipients), 1) + 1) AS rj(j)
) AS p
"""

ORDER_BY: dict[str, str] = {
    "v_plover": "id",
    "v_polecat": '"Event ID"',
    "v_gdelt": "SQLDATE, GLOBALEVENTID",
}


def view_sql(ontology: Ontology | None = None) -> dict[str, str]:
    """The body (a SELECT) of each view, by name, in creation order."""
    ont = ontology or Ontology.default()
    return {
        "v_event_detail": _detail(ont),
        "v_plover": _PLOVER,
        "v_polecat": _POLECAT,
        "v_gdelt": _GDELT,
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

    ``temporary`` creates them for this connection only (a store opened read-only); then views
    already stored are kept as they are.
    """
    if len(_existing(con, _NEEDS)) < len(_NEEDS):
        return False
    if temporary and len(_existing(con, VIEWS)) == len(VIEWS):
        return True
    kind = "TEMPORARY VIEW" if temporary else "VIEW"
    for name, body in view_sql().items():
        con.execute(f"CREATE OR REPLACE {kind} {name} AS {body}")
    return True


def _cell(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def write_export(con: duckdb.DuckDBPyConnection, fmt: str, fh: TextIO, chunk: int = 2048) -> int:
    """Write the events in one of :data:`EXPORT_VIEWS`' formats to ``fh``; returns rows written.

    ``plover-jsonl`` writes one PLOVER JSON object per line (null fields left out); the TSV
    formats write a header and one tab-separated row per record, empty cells for missing
    values, every value as text (CAMEO ``057`` stays ``057``).
    """
    view = EXPORT_VIEWS[fmt]
    cur = con.cursor()  # a cursor of its own: the caller may use the store meanwhile
    try:
        cur.execute(f"SELECT * FROM {view} ORDER BY {ORDER_BY[view]}")
        columns = [d[0] for d in cur.description or ()]
        writer = None
        if fmt.endswith("-tsv"):
            writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
            writer.writerow(columns)
        n = 0
        while rows := cur.fetchmany(chunk):
            for row in rows:
                if writer is not None:
                    writer.writerow(["" if v is None else _cell(v) for v in row])
                else:
                    obj = {
                        k: json.loads(v) if k in PLOVER_JSON_COLUMNS and isinstance(v, str) else v
                        for k, v in zip(columns, row, strict=True)
                        if v is not None
                    }
                    fh.write(json.dumps(obj, ensure_ascii=False, default=_cell) + "\n")
                n += 1
        return n
    finally:
        cur.close()
