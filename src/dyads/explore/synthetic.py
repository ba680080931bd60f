"""A generated store of any size (a million events in seconds) for explore tests and benchmarks.

Rows are written straight into the store's tables with SQL (no coding, no clustering): each
event has one to three mentions in made-up articles, actors drawn from a fixed list of country
keys with sectors, CAMEO codes from the ontology, dates over three years. The values are drawn
from hashes of the row number, so the same ``n`` and ``seed`` give the same store.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from dyads.ontology import Ontology
from dyads.store.duck import DuckDBStore

COUNTRIES: tuple[str, ...] = tuple(
    [
        "USA",
        "RUS",
        "UKR",
        "CHN",
        "TUR",
        "IRN",
        "ISR",
        "PSE",
        "SYR",
        "IRQ",
        "SAU",
        "EGY",
        "SDN",
        "ETH",
        "KEN",
        "NGA",
        "ZAF",
        "IND",
        "PAK",
        "AFG",
        "JPN",
        "KOR",
        "PRK",
        "IDN",
        "PHL",
        "VNM",
        "MMR",
        "THA",
        "BRA",
        "MEX",
        "COL",
        "VEN",
        "ARG",
        "FRA",
        "DEU",
        "GBR",
        "POL",
        "BLR",
        "GEO",
        "KGZ",
    ]
) + ("IGOUNO", "IGOEUR", "IGOASN")
SECTORS: tuple[str, ...] = ("GOV", "MIL", "REB", "OPP", "BUS", "CVL", "")
START = "2023-01-01"
DAYS = 3 * 365


def _codes_table() -> pa.Table:
    entries = sorted(Ontology.default().cameo_entries.values(), key=lambda e: e.code)
    return pa.table(
        {
            "k": list(range(len(entries))),
            "cameo": [e.code for e in entries],
            "event": [e.plover for e in entries],
            "mode": [e.mode for e in entries],
            "quad_code": [e.quad_code for e in entries],
            "goldstein": [e.goldstein for e in entries],
        }
    )


def fake_store(path: str | Path, n_events: int, seed: int = 1) -> dict[str, int]:
    """Write a new store of ``n_events`` generated events at ``path``; returns the counts."""
    target = Path(path)
    if target.exists():
        raise FileExistsError(f"{target}: exists; the generated store must be a new file")
    store = DuckDBStore.open(target, memory_limit="1GB")
    con = store.con
    con.execute("SET enable_progress_bar = false")
    try:
        con.register("codes", _codes_table())
        con.register(
            "countries", pa.table({"k": list(range(len(COUNTRIES))), "c": list(COUNTRIES)})
        )
        nc, ns, nk = len(COUNTRIES), len(SECTORS), len(_codes_table())
        sectors = "[" + ", ".join(f"'{s}'" for s in SECTORS) + "]"
        con.execute("BEGIN TRANSACTION")
        # One row per event with its random draws; h* are independent hashes of the row.
        con.execute(
            f"""
            CREATE TEMP TABLE draw AS
            SELECT i,
                'v' || lpad(to_hex(hash(i, {seed}, 'id')), 16, '0') AS id,
                (hash(i, {seed}, 'a') % {nc})::BIGINT AS ai,
                (hash(i, {seed}, 'r') % {nc})::BIGINT AS ri,
                (hash(i, {seed}, 'k') % {nk})::BIGINT AS ki,
                (hash(i, {seed}, 's') % {ns})::BIGINT AS si,
                (hash(i, {seed}, 't') % {ns})::BIGINT AS ti,
                CAST(hash(i, {seed}, 'n') % 3 + 1 AS INTEGER) AS n_mentions,
                (hash(i, {seed}, 'x') % 10)::BIGINT AS x,
                (hash(i, {seed}, 'c') % 1000) / 1000.0 AS confidence,
                DATE '{START}' + CAST(hash(i, {seed}, 'd') % {DAYS} AS INTEGER) AS day
            FROM range({int(n_events)}) t(i)
            """
        )
        con.execute(
            f"""
            CREATE TEMP TABLE ev AS
            SELECT d.*, ca.c AS actor,
                CASE WHEN d.x = 0 OR d.ri = d.ai THEN '-' ELSE cr.c END AS recipient,
                CASE WHEN length(ca.c) > 3 THEN ca.c ELSE ca.c || {sectors}[d.si + 1] END AS actor_code,
                CASE WHEN d.x = 0 OR d.ri = d.ai THEN NULL
                    WHEN length(cr.c) > 3 THEN cr.c
                    ELSE cr.c || {sectors}[d.ti + 1] END AS recipient_code,
                k.cameo, k.event, k.mode, k.quad_code, k.goldstein,
                CASE WHEN d.x < 6 THEN 'asserted' WHEN d.x < 8 THEN 'future'
                    WHEN d.x = 8 THEN 'alleged' ELSE 'negated' END AS modality
            FROM draw d JOIN countries ca ON ca.k = d.ai JOIN countries cr ON cr.k = d.ri
            JOIN codes k ON k.k = d.ki
            """
        )
        con.execute(
            """
            INSERT INTO events BY NAME
            SELECT id, event || '|' || actor || '|' || recipient || '|pos' AS block_key,
                event, mode, cameo, quad_code, goldstein, actor, recipient, modality,
                strftime(day, '%Y-%m-%d') AS date, day AS date_min, day AS date_max,
                r AS location_country, NULL AS location_name,
                n_mentions, n_mentions AS n_articles, n_mentions AS n_sources,
                day AS first_report, day + n_mentions - 1 AS last_report,
                [id || '-' || j FOR j IN range(n_mentions)] AS mention_ids
            FROM (SELECT *, CASE WHEN recipient = '-' THEN NULL ELSE recipient END AS r FROM ev)
            """
        )
        con.execute(
            """
            INSERT INTO mentions BY NAME
            SELECT ev.id || '-' || j AS id, 'a' || ((ev.i * 7 + j) // 5) AS article_id,
                event, mode, [] AS context, cameo, quad_code, goldstein,
                [actor_code] AS actor_codes, [actor] AS actor_countries,
                CASE WHEN recipient_code IS NULL THEN [] ELSE [recipient_code] END
                    AS recipient_codes,
                CASE WHEN recipient_code IS NULL THEN [] ELSE [recipient] END
                    AS recipient_countries,
                actor, recipient, strftime(day, '%Y-%m-%d') AS date, 'publication' AS date_basis,
                day AS date_min, day AS date_max, 0 AS date_precision, modality,
                [] AS attributed_to, nullif(recipient, '-') AS location_country,
                'Generated sentence ' || ev.i || ': ' || actor_code || ' and '
                    || coalesce(recipient_code, 'no one') || ', event ' || event || '.'
                    AS sentence,
                0 AS sentence_index, 0 AS start_char, 60 AS end_char,
                greatest(0.0, confidence - j * 0.1) AS confidence, block_key, ev.id AS event_id,
                json_object('provenance', 'dyads synthetic') AS record
            FROM (SELECT *, event || '|' || actor || '|' || recipient || '|pos' AS block_key
                  FROM ev) ev, range(n_mentions) r(j)
            """
        )
        con.execute(
            f"""
            INSERT INTO articles BY NAME
            SELECT DISTINCT article_id AS id, 'Generated article ' || article_id AS title,
                DATE '{START}' + CAST(hash(article_id) % {DAYS} AS INTEGER) AS date,
                'outlet' || (hash(article_id) % 50) AS source, true AS coded
            FROM mentions
            """
        )
        con.execute(
            """
            INSERT INTO actors BY NAME
            SELECT code, CASE WHEN length(code) = 3 OR code NOT LIKE 'IGO%' THEN left(code, 3) END
                    AS country,
                CASE WHEN code NOT LIKE 'IGO%' THEN nullif(substr(code, 4), '') END AS sector, NULL AS name, count(*) AS n_mentions
            FROM (SELECT unnest(list_concat(actor_codes, recipient_codes)) AS code FROM mentions)
            GROUP BY code
            """
        )
        con.execute("COMMIT")
        counts = {
            t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # type: ignore[index]
            for t in ("events", "mentions", "articles")
        }
    finally:
        store.close()
    return counts
