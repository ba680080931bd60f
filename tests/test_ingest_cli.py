"""`dyads ingest`, `dyads stats` and `dyads export` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner

from dyads.cli import main
from dyads.store.synthetic import articles
from dyads.store.synthetic_files import write_corpus

FAKE = ["--coder", "dyads.store.synthetic_coder:HashCoder"]


def test_ingest_then_stats_and_export_in_every_format(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", articles(25, seed=8))
    db = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", str(tmp_path / "corpus"), "--db", db, *FAKE])
    assert res.exit_code == 0, res.output
    assert "read 25 articles" in res.output and "progress" not in res.output
    stats = json.loads(runner.invoke(main, ["stats", "--db", db, "--format", "json"]).output)
    assert stats["articles"] == 25 and stats["events"] > 0
    table = runner.invoke(main, ["stats", "--db", db, "--format", "table"]).output
    assert table.splitlines()[0].split() == ["what", "count"]
    again = runner.invoke(main, ["ingest", str(tmp_path / "corpus"), "--db", db, *FAKE])
    assert "0 coded, 25 already stored" in again.output
    assert (
        json.loads(runner.invoke(main, ["stats", "--db", db, "--format", "json"]).output) == stats
    )
    out = runner.invoke(main, ["export", "events", "--db", db])
    rows = [json.loads(line) for line in out.output.splitlines() if line.startswith("{")]
    assert len(rows) == stats["events"] and all(r["n_mentions"] >= 1 for r in rows)
    csv_out = tmp_path / "mentions.csv"
    runner.invoke(
        main, ["export", "mentions", "--db", db, "--format", "csv", "--out", str(csv_out)]
    )
    assert len(csv_out.read_text().splitlines()) == stats["mentions"] + 1
    res = runner.invoke(
        main, ["export", "all", "--db", db, "--format", "parquet", "--out", str(tmp_path / "pq")]
    )
    assert res.exit_code == 0, res.output
    assert pq.read_table(tmp_path / "pq" / "articles.parquet").num_rows == 25


def test_stats_on_a_missing_store_fails_cleanly(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["stats", "--db", str(tmp_path / "absent.duckdb")])
    assert res.exit_code != 0 and "no such store" in res.output
