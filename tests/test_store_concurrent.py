"""Reading a store while ``dyads ingest`` writes it (docs/LIMITS.md, "Reading during an ingest").

The ingest runs in a child process over the repo's ``examples/`` with a slowed stand-in coder;
meanwhile this process runs ``dyads stats`` and ``dyads export`` again and again. Every read
must succeed, see whole batches only, and the final store must equal one ingested alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from dyads.cli import main
from dyads.store import DuckDBStore, StoreError
from dyads.store.sharing import LOCK_WAIT_ENV, lock_path, reader_wait, writer_active

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
VOLATILE = {"ingested_at", "skipped_at"}  # wall-clock timestamps differ between runs
TABLES = ("articles", "mentions", "events", "actors", "skipped")
BATCH = "2"
# The stand-in coder, slowed so that the ingest lasts about 12 s, long enough for two rounds
# of reads mid-run on a loaded 2-core machine (at 0.5 s a round of reads under load could
# outlast the ingest and the test failed by timing alone; its events do not depend
# on the delay, so a store made without it is the reference).
SLOW_CODER = """
from dyads.store.synthetic_coder import HashCoder


def slow() -> HashCoder:
    return HashCoder(delay=1.0)
"""
INGEST = "from dyads.cli import main; main()"
# Bounded waits, so that a hang fails the test instead of stalling the suite.
START_S = 60.0
RUN_S = 180.0


def run(*args: str) -> Result:
    """``dyads ARGS`` in this process."""
    return CliRunner().invoke(main, list(args))


def snapshot(db: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table of the store, minus timestamps: equal snapshots are equal stores."""
    with DuckDBStore.open(db, read_only=True) as store:
        return {
            t: [{k: v for k, v in r.items() if k not in VOLATILE} for r in store.rows(t)]
            for t in TABLES
        }


def start_ingest(tmp_path: Path, db: Path) -> subprocess.Popen[str]:
    """``dyads ingest examples/`` in a child process with the slowed coder."""
    (tmp_path / "slowcoder.py").write_text(SLOW_CODER, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path), env.get("PYTHONPATH")]))
    args = ["ingest", str(EXAMPLES), "--db", str(db), "--batch-size", BATCH]
    return subprocess.Popen(
        [sys.executable, "-c", INGEST, *args, "--coder", "slowcoder:slow", "--no-progress"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def read_all(db: Path, out: Path) -> dict[str, Any]:
    """One round of reads: stats, the events as CSV, and every table (one consistent view)."""
    stats = run("stats", "--db", str(db), "--format", "json")
    assert stats.exit_code == 0, stats.output
    csv = run("export", "events", "--db", str(db), "--format", "csv")
    assert csv.exit_code == 0, csv.output
    dump = run("export", "all", "--db", str(db), "--out", str(out))
    assert dump.exit_code == 0, dump.output
    tables = {t: pq.read_table(out / f"{t}.parquet").to_pylist() for t in TABLES}
    return {
        "stats": json.loads(stats.stdout),
        "csv_events": len(csv.stdout.splitlines()) - 1 if csv.stdout else 0,
        "tables": tables,
    }


def test_stats_and_export_work_while_an_ingest_runs(tmp_path: Path) -> None:
    alone = tmp_path / "alone.duckdb"
    res = run("ingest", str(EXAMPLES), "--db", str(alone), "--batch-size", BATCH, "--coder",
              "dyads.store.synthetic_coder:HashCoder")  # fmt: skip
    assert res.exit_code in (0, 3), res.output
    want = snapshot(alone)
    assert want["articles"] and want["mentions"] and want["events"]

    db = tmp_path / "shared.duckdb"
    proc = start_ingest(tmp_path, db)
    rounds: list[dict[str, Any]] = []
    try:
        deadline = time.monotonic() + START_S
        while not db.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert db.exists(), "the ingest did not start"
        deadline = time.monotonic() + RUN_S
        while proc.poll() is None and time.monotonic() < deadline:
            rounds.append(read_all(db, tmp_path / f"round{len(rounds)}"))
            time.sleep(0.05)
        _out, err = proc.communicate(timeout=RUN_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    assert proc.returncode == res.exit_code, err

    # The final store is the store made without readers.
    assert snapshot(db) == want

    final = run("export", "all", "--db", str(db), "--out", str(tmp_path / "final"))
    assert final.exit_code == 0, final.output
    articles = pq.read_table(tmp_path / "final" / "articles.parquet").to_pylist()
    mentions = pq.read_table(tmp_path / "final" / "mentions.parquet").to_pylist()
    # Each batch's articles share one ingested_at: the batches, as committed.
    batch_of = {a["id"]: a["ingested_at"] for a in articles}
    batch_size = Counter(batch_of.values())
    mentions_of = Counter(m["article_id"] for m in mentions)
    # (articles, mentions) after each batch, in commit order: what a whole-batch view counts.
    prefixes = {(0, 0)}
    n_articles = n_mentions = 0
    for when in sorted(batch_size):
        n_articles += batch_size[when]
        n_mentions += sum(mentions_of[a] for a, w in batch_of.items() if w == when)
        prefixes.add((n_articles, n_mentions))
    mid_run = 0
    for r in rounds:
        stored = r["tables"]["articles"]
        seen = Counter(a["ingested_at"] for a in stored)
        # Whole batches only: every batch seen is seen complete.
        assert all(seen[k] == batch_size[k] for k in seen), seen
        # Each stored article has all its mentions, and no mention lacks its article.
        have = Counter(m["article_id"] for m in r["tables"]["mentions"])
        assert have == {a["id"]: mentions_of[a["id"]] for a in stored if mentions_of[a["id"]]}
        # Events are clustered at the end of the run, in one transaction for a store this size.
        assert r["csv_events"] in (0, len(want["events"]))
        # stats ran first, in a view of its own: whole batches, no more than the dump saw.
        counts = (r["stats"]["articles"], r["stats"]["mentions"])
        assert counts in prefixes and counts[0] <= len(stored), (counts, prefixes)
        mid_run += 0 < len(stored) < len(articles)
    # The reads happened while batches were still being written, not only before or after.
    assert mid_run >= 2, [len(r["tables"]["articles"]) for r in rounds]


def test_a_reader_waits_for_a_dyads_writer_only_up_to_the_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s.duckdb"
    holder = (
        "import sys; from dyads.store import DuckDBStore\n"
        "s = DuckDBStore.open(sys.argv[1]); print('ready', flush=True); sys.stdin.read()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        assert writer_active(db) and lock_path(db).exists()
        monkeypatch.setenv(LOCK_WAIT_ENV, "0.3")
        res = run("stats", "--db", str(db))
        assert res.exit_code == 1
        assert f"another dyads process is writing {db}; wait for it or use another --db" in (
            res.stderr
        )
        assert "DYADS_LOCK_WAIT" in res.stderr
        # A second writer is refused at once, whatever the wait.
        with pytest.raises(StoreError, match="another dyads process is writing"):
            DuckDBStore.open(db)
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)
    assert not writer_active(db)
    monkeypatch.setenv(LOCK_WAIT_ENV, "0.3")
    assert run("stats", "--db", str(db)).exit_code == 0


@pytest.mark.parametrize("raw", ["soon", "-1", "nan"])
def test_a_bad_lock_wait_is_refused(raw: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LOCK_WAIT_ENV, raw)
    with pytest.raises(StoreError, match=f"{LOCK_WAIT_ENV}="):
        reader_wait()


WRITER = """
import sys
from dyads.store import DuckDBStore
print("opening", flush=True)
with DuckDBStore.open(sys.argv[1]) as s:
    print("writing", flush=True)
    sys.stdin.read()
"""


def test_a_long_lived_reader_makes_way_for_a_writer_between_uses(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    DuckDBStore.open(db).close()
    with DuckDBStore.open(db, read_only=True) as reader:
        with reader.reading() as con:
            assert con.execute("SELECT count(*) FROM articles").fetchone() == (0,)
        # No writer: the connection stays open between uses.
        with reader.reading() as again:
            assert again is con
        # The writer waits for readers 10 x DYADS_LOCK_WAIT: 20 s, then fails the test.
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=dict(os.environ, **{LOCK_WAIT_ENV: "2"}),
        )
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "opening"
            # The writer now waits for this reader (bounded: the test fails, never hangs).
            deadline = time.monotonic() + START_S
            while not writer_active(db) and time.monotonic() < deadline:
                time.sleep(0.02)
            assert writer_active(db)
            with reader.reading():
                pass  # the use ends while a writer waits: the store is released
            assert proc.stdout.readline().strip() == "writing"
        finally:
            assert proc.stdin is not None
            proc.stdin.close()
            proc.wait(timeout=60)
        assert proc.returncode == 0
        # The next use reopens the store, with the export views of a read-only open.
        with reader.reading() as con:
            assert con.execute("SELECT count(*) FROM v_events_flat").fetchone() == (0,)
