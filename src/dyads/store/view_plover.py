"""``v_plover``: PLOVER 2.0 JSON fields (manual, chapter "Data Fields"), one row per event."""

from __future__ import annotations

# v_plover columns holding JSON objects or lists (parsed back before writing JSONL).
PLOVER_JSON_COLUMNS = frozenset({"actor", "recipient", "event_loc", "text_info", "cite_info"})

PLOVER_SQL = """
SELECT
    id,
    strftime(event_start, '%Y-%m-%d') AS date,
    CASE WHEN event_end IS DISTINCT FROM event_start
        THEN strftime(event_end, '%Y-%m-%d') END AS enddate,
    record -> 'actor' AS actor,
    record -> 'recipient' AS recipient,
    [event] AS event,
    CASE WHEN location IS NOT NULL THEN json_object(
        'extracted_place', place_text,
        'resolved_place', place_name,
        'geonameid', place_geonameid,
        'lat', place_lat,
        'lon', place_lon,
        'city', CASE WHEN place_feature_class = 'P' THEN place_name END,
        'district', place_admin2,
        'province', place_admin1,
        'country_code', place_country,
        'feature_class', place_feature_class,
        'feature_code', place_feature_code,
        'resolution', CASE place_precision WHEN 'point' THEN 5 WHEN 'city' THEN 4
            WHEN 'admin2' THEN 3 WHEN 'admin1' THEN 2 WHEN 'region' THEN 2
            WHEN 'country' THEN 1 END,
        'start', place_start,
        'end', place_end,
        'precision', place_precision
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
    n_outlets AS n_sources,
    date_precision
FROM v_event_detail
"""
