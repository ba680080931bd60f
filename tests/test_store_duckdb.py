"""The DuckDB store: schema versions and migrations, batches, stats, export, re-clustering."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from dyads.store import SCHEMA_VERSION, TABLES, DedupRules, DuckDBStore, StoreError, ingest
from dyads.store.schema import MIGRATIONS
from dyads.store.synthetic import articles
from dyads.store.synthetic_coder import HashCoder


def test_new_store_is_at_the_latest_schema_version(tmp_path: Path) -> None:
    with DuckDBStore.open(tmp_path / "s.duckdb") as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.stats()["articles"] == 0


def test_migration_upgrades_an_old_store_in_place_keeping_its_data(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with DuckDBStore.open(db) as store:
        ingest(articles(20), store, HashCoder(), batch_size=8)
        before = store.stats()
    v2 = (SCHEMA_VERSION + 1, ("ALTER TABLE articles ADD COLUMN language VARCHAR",))
    with DuckDBStore.open(db, migrations=(*MIGRATIONS, v2)) as store:
        assert store.schema_version() == SCHEMA_VERSION + 1
        after = store.stats()
        assert {k: v for k, v in after.items() if k != "schema_version"} == {
            k: v for k, v in before.items() if k != "schema_version"
        }
        assert store.con.execute("SELECT count(language) FROM articles").fetchone() == (0,)


def test_store_from_a_newer_dyads_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    v2 = (SCHEMA_VERSION + 1, ("CREATE TABLE extra (x INTEGER)",))
    DuckDBStore.open(db, migrations=(*MIGRATIONS, v2)).close()
    with pytest.raises(StoreError, match="newer"):
        DuckDBStore.open(db)


def test_failed_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    DuckDBStore.open(db).close()
    bad = (SCHEMA_VERSION + 1, ("CREATE TABLE ok_table (x INTEGER)", "THIS IS NOT SQL"))
    with pytest.raises(duckdb.Error):
        DuckDBStore.open(db, migrations=(*MIGRATIONS, bad))
    with DuckDBStore.open(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
        tables = {
            r[0]
            for r in store.con.execute(
                "SELECT table_name FROM information_schema.tables"
            ).fetchall()
        }
        assert "ok_table" not in tables


def test_every_table_exports_to_parquet(tmp_path: Path) -> None:
    with DuckDBStore.open(tmp_path / "s.duckdb") as store:
        ingest(articles(30), store, HashCoder(), batch_size=10)
        counts = store.export_all(tmp_path / "out")
        stats = store.stats()
    assert set(counts) == set(TABLES)
    for table, n in counts.items():
        assert pq.read_table(tmp_path / "out" / f"{table}.parquet").num_rows == n
    assert counts["events"] == stats["events"] and counts["mentions"] == stats["mentions"]


def test_every_mention_links_to_a_stored_event_and_back(tmp_path: Path) -> None:
    with DuckDBStore.open(tmp_path / "s.duckdb") as store:
        ingest(articles(60), store, HashCoder(), batch_size=7)
        orphans = store.con.execute(
            "SELECT count(*) FROM mentions m LEFT JOIN events e ON e.id = m.event_id WHERE e.id IS NULL"
        ).fetchone()
        listed = store.con.execute(
            "SELECT sum(n_mentions), sum(len(mention_ids)) FROM events"
        ).fetchone()
        assert orphans == (0,)
        assert listed == (store.stats()["mentions"],) * 2


def test_recluster_with_new_rules_changes_events_and_reverts(tmp_path: Path) -> None:
    with DuckDBStore.open(tmp_path / "s.duckdb") as store:
        ingest(articles(80), store, HashCoder(), batch_size=16)
        base = sorted(r["id"] for r in store.rows("events"))
        loose = dataclasses.replace(DedupRules.default(), window_days=30, require_same_mode=False)
        assert store.recluster(loose) < len(base)
        assert store.recluster(DedupRules.default()) == len(base)
        assert sorted(r["id"] for r in store.rows("events")) == base


def test_rows_rejects_unknown_tables(tmp_path: Path) -> None:
    with DuckDBStore.open(tmp_path / "s.duckdb") as store, pytest.raises(StoreError):
        list(store.rows("meta; DROP TABLE articles"))


def test_parquet_export_into_a_missing_directory_is_a_store_error(tmp_path: Path) -> None:
    with (
        DuckDBStore.open(tmp_path / "s.duckdb") as store,
        pytest.raises(StoreError, match="cannot write Parquet"),
    ):
        store.export_parquet("events", tmp_path / "no" / "events.parquet")
