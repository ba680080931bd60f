"""``v_gdelt``: GDELT 2.0's 61 event columns in order, one row per actor x recipient pair.

Fields dyads lacks are left empty (docs/EXPORTS.md lists them); QuadClass follows GDELT's
CAMEO-root rule (``v_event_detail.quad_class``), not the PLOVER type.
"""

from __future__ import annotations

# One row per actor x recipient pair of ``v_event_detail d`` (``p.i``, ``p.j``, from 1): an
# event with no recipient, or a reciprocal one whose parties are all actors, gives one row per
# actor with the recipient side empty (``d.recipients[1]`` is NULL on an empty list).
PAIRS = """CROSS JOIN LATERAL (
    SELECT i, j
    FROM range(1, greatest(len(d.actors), 1) + 1) AS ri(i),
        range(1, greatest(len(d.recipients), 1) + 1) AS rj(j)
) AS p"""

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


GDELT_SQL = f"""
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
    d.quad_class AS QuadClass,
    d.goldstein AS GoldsteinScale,
    d.n_mentions AS NumMentions,
    d.n_outlets AS NumSources,
    d.n_articles AS NumArticles,
    NULL::VARCHAR AS AvgTone,
{_empty_geo("Actor1")}
{_empty_geo("Actor2")}
    CASE d.place_precision
        WHEN 'country' THEN 1
        WHEN 'admin1' THEN CASE WHEN d.place_country = 'USA' THEN 2 ELSE 5 END
        WHEN 'region' THEN CASE WHEN d.place_country = 'USA' THEN 2 ELSE 5 END
        WHEN 'admin2' THEN CASE WHEN d.place_country = 'USA' THEN 3 ELSE 4 END
        WHEN 'city' THEN CASE WHEN d.place_country = 'USA' THEN 3 ELSE 4 END
        WHEN 'point' THEN CASE WHEN d.place_country = 'USA' THEN 3 ELSE 4 END
    END AS ActionGeo_Type,
    nullif(concat_ws(', ', d.place_name,
        CASE WHEN d.place_admin1 IS DISTINCT FROM d.place_name THEN d.place_admin1 END,
        CASE WHEN d.place_precision IS DISTINCT FROM 'country' THEN d.place_country END), '')
        AS ActionGeo_FullName,
    NULL::VARCHAR AS ActionGeo_CountryCode,
    NULL::VARCHAR AS ActionGeo_ADM1Code,
    NULL::VARCHAR AS ActionGeo_ADM2Code,
    d.place_lat AS ActionGeo_Lat,
    d.place_lon AS ActionGeo_Long,
    NULL::VARCHAR AS ActionGeo_FeatureID,
    strftime(d.coded_at, '%Y%m%d%H%M%S') AS DATEADDED,
    d.source_url AS SOURCEURL
FROM v_event_detail d
{PAIRS}"""
