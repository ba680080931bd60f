"""``v_event_detail``: one row per clustered event with everything the export views need.

Each event of the ``events`` table gets its **representative mention** (highest confidence,
then lowest id): its actor and recipient records, contexts, place and evidence come from that
mention's stored record (JSON), so the view works on a store of any schema version, including
one opened read-only that was written by an older dyads. Sources, outlets and the coding time
come from all the event's articles; the PLOVER score from the ontology.

The place is given both as the record's JSON object (``location``) and as typed columns
(``place_*``), so SQL users can filter on ``place_admin1`` or ``place_precision`` directly.
"""

from __future__ import annotations

from dyads.ontology import Ontology


def sql_str(value: str | None) -> str:
    """A SQL string literal (or NULL)."""
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


ENTITY_TYPE = (
    '[{"code":"VARCHAR","country":"VARCHAR","sector":"VARCHAR","name":"VARCHAR",'
    '"entity_text":"VARCHAR"}]'
)

# GDELT's QuadClass comes from the CAMEO root, not from the PLOVER type (43 CAMEO codes
# differ), so users comparing with GDELT get GDELT's rule.
QUAD_CLASS = """CASE
        WHEN TRY_CAST(left({c}, 2) AS INTEGER) BETWEEN 1 AND 5 THEN 1
        WHEN TRY_CAST(left({c}, 2) AS INTEGER) BETWEEN 6 AND 8 THEN 2
        WHEN TRY_CAST(left({c}, 2) AS INTEGER) BETWEEN 9 AND 13 THEN 3
        WHEN TRY_CAST(left({c}, 2) AS INTEGER) BETWEEN 14 AND 20 THEN 4
    END"""


def _scores(ontology: Ontology) -> str:
    """The PLOVER scores as a VALUES list: (event, mode, score), mode NULL for the type's own."""
    rows: list[str] = []
    for t in sorted(ontology.types.values(), key=lambda t: t.name):
        rows.append(f"({sql_str(t.name)}, NULL, {float(t.score)!r}::DOUBLE)")
        for m in sorted(t.modes.values(), key=lambda m: m.name):
            rows.append(f"({sql_str(t.name)}, {sql_str(m.name)}, {float(m.score)!r}::DOUBLE)")
    return "(VALUES " + ", ".join(rows) + ") AS s(event, mode, score)"


def _loc(field: str, cast: str = "") -> str:
    value = f"location ->> '{field}'"
    return f"TRY_CAST({value} AS {cast})" if cast else value


# The TIMEX value's precision, named: what a user needs to know before trusting date_start.
DATE_PRECISION = """CASE
        WHEN e.date IS NULL THEN NULL
        WHEN regexp_matches(e.date, '^\\d{4}-\\d{2}-\\d{2}') THEN 'day'
        WHEN regexp_matches(e.date, '^\\d{4}-W\\d{2}$') THEN 'week'
        WHEN regexp_matches(e.date, '^\\d{4}-\\d{2}$') THEN 'month'
        WHEN regexp_matches(e.date, '^\\d{4}-Q[1-4]$') THEN 'quarter'
        WHEN regexp_matches(e.date, '^\\d{4}-(SP|SU|FA|WI)$') THEN 'season'
        WHEN regexp_matches(e.date, '^\\d{4}$') THEN 'year'
        WHEN regexp_matches(e.date, '^\\d{3}$') THEN 'decade'
        ELSE 'other'
    END"""

_QUARTER = "regexp_matches(e.date, '^\\d{4}-Q[1-4]$')"
_Q_YEAR = "CAST(left(e.date, 4) AS INTEGER)"
_Q_NUM = "CAST(right(e.date, 1) AS INTEGER)"


def detail_sql(ontology: Ontology) -> str:
    """The body of ``v_event_detail``. New columns go at the end: others build on these."""
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
), scores AS (SELECT * FROM {_scores(ontology)}),
base AS (
SELECT e.*,
    rep.record,
    rep.article_id,
    from_json(rep.record -> 'actor', '{ENTITY_TYPE}') AS actors,
    from_json(rep.record -> 'recipient', '{ENTITY_TYPE}') AS recipients,
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
        CASE WHEN {_QUARTER} THEN make_date({_Q_YEAR}, {_Q_NUM} * 3 - 2, 1) END,
        src.publication_date) AS event_start,
    coalesce(e.date_max, TRY_CAST(e.date AS DATE),
        last_day(try_strptime(e.date, '%Y-%m')),
        CAST(try_strptime(e.date, '%Y') + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE),
        CASE WHEN {_QUARTER} THEN last_day(make_date({_Q_YEAR}, {_Q_NUM} * 3, 1)) END,
        src.publication_date) AS event_end,
    {DATE_PRECISION} AS date_precision,
    rep.record ->> 'date_basis' AS date_basis,
    {QUAD_CLASS.format(c="e.cameo")} AS quad_class
FROM events e
JOIN rep ON rep.event_id = e.id
LEFT JOIN src ON src.event_id = e.id
LEFT JOIN scores st ON st.event = e.event AND st.mode IS NULL
LEFT JOIN scores sm ON sm.event = e.event AND sm.mode = e.mode
)
SELECT *,
    {_loc("name")} AS place_name,
    {_loc("text")} AS place_text,
    {_loc("start", "INTEGER")} AS place_start,
    {_loc("end", "INTEGER")} AS place_end,
    {_loc("country")} AS place_country,
    {_loc("admin1")} AS place_admin1,
    {_loc("admin2")} AS place_admin2,
    {_loc("lat", "DOUBLE")} AS place_lat,
    {_loc("lon", "DOUBLE")} AS place_lon,
    {_loc("geonameid", "BIGINT")} AS place_geonameid,
    {_loc("feature_class")} AS place_feature_class,
    {_loc("feature_code")} AS place_feature_code,
    {_loc("precision")} AS place_precision
FROM base
"""
