"""The store's tables, as a list of migrations keyed by schema version.

A database records its version in ``meta``; opening it applies every later migration in order,
each in its own transaction, so an old store is upgraded in place and a crash mid-upgrade leaves
it at the last complete version. Never edit a released migration: append a new one.
"""

from __future__ import annotations

Migration = tuple[int, tuple[str, ...]]

TABLES: tuple[str, ...] = ("articles", "mentions", "events", "actors", "skipped")

_V1: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    """CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        url VARCHAR,
        title VARCHAR,
        date DATE,
        source VARCHAR,
        path VARCHAR,
        text_hash VARCHAR,
        minhash BLOB,
        near_dup_of VARCHAR,
        similarity DOUBLE,
        coded BOOLEAN,
        n_chars INTEGER,
        n_mentions INTEGER,
        ingested_at TIMESTAMP
    )""",
    # LSH buckets of the MinHash signatures: near-duplicate candidates by exact lookup.
    "CREATE TABLE article_bands (band BIGINT, article_id VARCHAR)",
    """CREATE TABLE mentions (
        id VARCHAR PRIMARY KEY,
        article_id VARCHAR,
        event VARCHAR,
        mode VARCHAR,
        context VARCHAR[],
        cameo VARCHAR,
        quad_code INTEGER,
        goldstein DOUBLE,
        actor_codes VARCHAR[],
        actor_countries VARCHAR[],
        recipient_codes VARCHAR[],
        recipient_countries VARCHAR[],
        actor VARCHAR,
        recipient VARCHAR,
        date VARCHAR,
        date_text VARCHAR,
        date_basis VARCHAR,
        date_min DATE,
        date_max DATE,
        date_precision INTEGER,
        modality VARCHAR,
        attributed_to VARCHAR[],
        location_name VARCHAR,
        location_country VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        geonameid BIGINT,
        sentence VARCHAR,
        sentence_index INTEGER,
        start_char INTEGER,
        end_char INTEGER,
        trigger VARCHAR,
        trigger_start INTEGER,
        trigger_end INTEGER,
        confidence DOUBLE,
        block_key VARCHAR,
        event_id VARCHAR,
        record JSON
    )""",
    """CREATE TABLE events (
        id VARCHAR,
        block_key VARCHAR,
        event VARCHAR,
        mode VARCHAR,
        cameo VARCHAR,
        quad_code INTEGER,
        goldstein DOUBLE,
        actor VARCHAR,
        recipient VARCHAR,
        modality VARCHAR,
        date VARCHAR,
        date_min DATE,
        date_max DATE,
        location_country VARCHAR,
        location_name VARCHAR,
        n_mentions INTEGER,
        n_articles INTEGER,
        n_sources INTEGER,
        first_report DATE,
        last_report DATE,
        mention_ids VARCHAR[]
    )""",
    """CREATE TABLE actors (
        code VARCHAR PRIMARY KEY,
        country VARCHAR,
        sector VARCHAR,
        name VARCHAR,
        n_mentions BIGINT
    )""",
    """CREATE TABLE skipped (
        id VARCHAR PRIMARY KEY,
        path VARCHAR,
        line INTEGER,
        reason VARCHAR,
        skipped_at TIMESTAMP
    )""",
)

# Version 2: an article id reused with different text is stored as a new version linked to
# the first (``version_of``); a skipped article remembers its id, so that an article the coder
# failed on is not retried on every run (``dyads ingest --retry-failed`` retries it).
_V2: tuple[str, ...] = (
    "ALTER TABLE articles ADD COLUMN version_of VARCHAR",
    "ALTER TABLE skipped ADD COLUMN article_id VARCHAR",
)

# The place parts of each mention's location as columns (the record's JSON has held them since
# the gazetteer gained admin levels), and the coder that made it: SQL users filter on them
# without JSON paths. Filled from the stored records for mentions written before.
LOCATION_COLUMNS: tuple[tuple[str, str, str], ...] = (
    # (column, type, field of the record's location)
    ("location_text", "VARCHAR", "text"),
    ("location_start", "INTEGER", "start"),
    ("location_end", "INTEGER", "end"),
    ("location_admin1", "VARCHAR", "admin1"),
    ("location_admin2", "VARCHAR", "admin2"),
    ("location_feature_class", "VARCHAR", "feature_class"),
    ("location_feature_code", "VARCHAR", "feature_code"),
    ("location_precision", "VARCHAR", "precision"),
)
_V3: tuple[str, ...] = (
    *(f"ALTER TABLE mentions ADD COLUMN {c} {t}" for c, t, _ in LOCATION_COLUMNS),
    "ALTER TABLE mentions ADD COLUMN coder VARCHAR",
    "UPDATE mentions SET "
    + ", ".join(
        f"{c} = TRY_CAST(record -> 'location' ->> '{f}' AS {t})" for c, t, f in LOCATION_COLUMNS
    )
    + ", coder = record ->> 'provenance'",
)

MIGRATIONS: tuple[Migration, ...] = ((1, _V1), (2, _V2), (3, _V3))
SCHEMA_VERSION = MIGRATIONS[-1][0]
