"""Ingest: every input format, idempotent re-runs, near duplicates, malformed inputs skipped."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from dyads.readers import read_tree
from dyads.records import Article, Event
from dyads.store import DuckDBStore, IngestSummary, ingest
from dyads.store.synthetic import articles, render, reports, take
from dyads.store.synthetic_coder import HashCoder
from dyads.store.synthetic_files import write_corpus, write_warc

ROOT = Path(__file__).parents[1]
VOLATILE = {"ingested_at", "skipped_at"}  # wall-clock timestamps differ between runs


def snapshot(store: DuckDBStore) -> dict[str, list[dict[str, Any]]]:
    """Full contents of every table, minus timestamps: two equal snapshots are equal stores."""
    return {
        t: [{k: v for k, v in r.items() if k not in VOLATILE} for r in store.rows(t)]
        for t in ("articles", "mentions", "events", "actors", "skipped")
    }


def run(db: Path, paths: list[Path], batch_size: int = 16, coder: Any = None) -> IngestSummary:
    with DuckDBStore.open(db) as store:
        return ingest(read_tree(paths), store, coder or HashCoder(), batch_size, progress=False)


def real_coder() -> Any:
    """The lead's pipeline Coder, or a skip while it is not importable."""
    try:
        from dyads.pipeline import Coder
    except ImportError as exc:
        pytest.skip(f"dyads.pipeline.Coder is not importable yet: {exc}")
    return Coder.default()


@pytest.fixture(scope="module")
def malformed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of good files in every format plus one of each kind of broken input."""
    d = tmp_path_factory.mktemp("corpus")
    write_corpus(d, articles(60, seed=5))
    bad = d / "bad"
    bad.mkdir()
    good = list(articles(8, seed=99))
    write_warc(bad / "truncated.warc.gz", good[:6])
    data = (bad / "truncated.warc.gz").read_bytes()
    (bad / "truncated.warc.gz").write_bytes(data[: int(len(data) * 0.6)])
    (bad / "broken.rss").write_text(
        "<?xml version='1.0'?><rss><channel><title>x</title><item><titl", encoding="utf-8"
    )
    # A page declaring the wrong charset: either decoded right or skipped, never stored garbled.
    page = (
        "<html><head><meta charset='utf-8'><title>Talks</title></head><body><article>"
        + (
            "<p>The minister’s visit to Bogotá was postponed on Monday, officials said, after "
            "protests blocked the road from the airport to the city centre.</p>" * 3
        )
        + "</article></body></html>"
    )
    (bad / "wrong-charset.html").write_bytes(page.encode("cp1252"))
    with (bad / "huge.txt").open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    (bad / "loop").mkdir()
    os.symlink("..", bad / "loop" / "back-up")
    (bad / "french.txt").write_text(
        "Visite officielle\n\nLe président est arrivé mardi à Dakar pour une visite de deux jours "
        "consacrée à la coopération économique et à la sécurité dans la région du Sahel, a "
        "indiqué la présidence dans un communiqué publié dans la soirée.\n",
        encoding="utf-8",
    )
    (bad / "mojibake.txt").write_text(
        "Talks resume\n\nThe ministerâ€™s visit to SÃ£o Paulo and BogotÃ¡ resumed on Monday, "
        "officials in BrasÃ­lia said, and talks on the trade dispute would continue.\n",
        encoding="utf-8",
    )
    (bad / "notes.docx").write_bytes(b"PK\x03\x04")
    return d


def test_ingest_reports_and_skips_malformed_inputs_and_stores_the_rest(
    malformed: Path, tmp_path: Path
) -> None:
    summary = run(tmp_path / "s.duckdb", [malformed])
    reasons = " | ".join(summary.skipped)
    for expected in (
        "WARC truncated",
        "feed XML is malformed",
        "over the N MB limit",
        "symbolic link loop",
        "not English",
        "garbled",
        "unknown file type",
    ):
        assert expected in reasons, (expected, reasons)
    with DuckDBStore.open(tmp_path / "s.duckdb") as store:
        stats = store.stats()
        paths = [r["path"] or "" for r in store.rows("articles")]
        texts = [r for r in store.rows("skipped")]
    # 60 good articles + the records before the WARC damage + the wrong-charset page.
    assert stats["articles"] >= 62 and summary.read == stats["articles"] + sum(
        n for r, n in summary.skipped.items() if r.startswith(("not English", "text is garbled"))
    )
    assert any("truncated.warc.gz" in p for p in paths)
    assert stats["skipped"] == len(texts) == sum(summary.skipped.values())
    with DuckDBStore.open(tmp_path / "s.duckdb") as store:
        charset = [
            r for r in store.rows("articles") if (r["path"] or "").endswith("wrong-charset.html")
        ]
    assert len(charset) == 1 and charset[0]["n_chars"] > 100


def test_ingesting_twice_adds_nothing_and_keeps_identical_tables(
    malformed: Path, tmp_path: Path
) -> None:
    db = tmp_path / "s.duckdb"
    run(db, [malformed])
    with DuckDBStore.open(db) as store:
        first = snapshot(store)
    again = run(db, [malformed])
    assert (
        again.coded == 0
        and again.mentions == 0
        and again.already_stored
        == again.read
        - sum(
            n for r, n in again.skipped.items() if r.startswith(("not English", "text is garbled"))
        )
    )
    with DuckDBStore.open(db) as store:
        assert snapshot(store) == first


def test_result_does_not_depend_on_batch_size(tmp_path: Path) -> None:
    reps = take(reports(seed=21), 80)
    arts = [render(r)[0] for r in reps]
    snaps = []
    for bs in (3, 10, 64):
        with DuckDBStore.open(tmp_path / f"b{bs}.duckdb") as store:
            ingest(arts, store, HashCoder(), batch_size=bs, progress=False)
            snaps.append(snapshot(store))
    assert snaps[0] == snaps[1] == snaps[2]


def test_near_duplicates_are_linked_and_copies_not_coded(tmp_path: Path) -> None:
    reps = take(reports(seed=13), 300)
    by_id = {r.id: r for r in reps}
    arts = {r.id: render(r)[0] for r in reps}
    with DuckDBStore.open(tmp_path / "s.duckdb") as store:
        summary = ingest(arts.values(), store, HashCoder(), batch_size=32, progress=False)
        rows = {r["id"]: r for r in store.rows("articles")}
    copies = [r for r in reps if r.copy_of]
    updates = [r for r in reps if r.update_of]
    linked = [r for r in copies + updates if rows[arts[r.id].id]["near_dup_of"] is not None]
    assert len(linked) == len(copies) + len(updates)
    for r in copies + updates:
        original = by_id[r.copy_of or r.update_of or ""]
        assert rows[arts[r.id].id]["near_dup_of"] == arts[original.id].id
    not_coded = [r for r in copies if not rows[arts[r.id].id]["coded"]]
    assert len(not_coded) >= 0.8 * len(copies) and summary.copies_not_coded == len(
        [r for r in rows.values() if not r["coded"]]
    )


def test_skipped_inputs_are_recorded_once_per_input(malformed: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    run(db, [malformed / "bad"])
    run(db, [malformed / "bad"])
    with DuckDBStore.open(db) as store:
        skipped = list(store.rows("skipped"))
    keys = [(r["path"], r["line"], r["reason"]) for r in skipped]
    assert len(keys) == len(set(keys)) >= 6


def test_summary_line_names_counts_and_reasons(malformed: Path, tmp_path: Path) -> None:
    line = run(tmp_path / "s.duckdb", [malformed / "bad"]).line()
    assert line.startswith("read ") and "events in store" in line and "symbolic link loop" in line


@pytest.mark.slow
def test_bundled_examples_ingest_twice_with_identical_counts(tmp_path: Path) -> None:
    coder = real_coder()
    db = tmp_path / "s.duckdb"
    first = run(db, [ROOT / "examples"], coder=coder)
    with DuckDBStore.open(db) as store:
        stats1, snap1 = store.stats(), snapshot(store)
    second = run(db, [ROOT / "examples"], coder=coder)
    with DuckDBStore.open(db) as store:
        assert store.stats() == stats1 and snapshot(store) == snap1
    assert first.coded > 0 and stats1["mentions"] > 0 and second.coded == 0


class FlakyCoder(HashCoder):
    """Fails on articles whose text mentions Kenya, like a coder bug on some inputs."""

    def code(self, art: Article) -> list[Event]:
        if "Kenya" in art.text:
            raise RuntimeError("boom")
        return super().code(art)


def test_a_coder_failure_skips_that_article_only_and_retry_failed_retries_it(
    tmp_path: Path,
) -> None:
    arts = list(articles(40, seed=31))
    db = tmp_path / "s.duckdb"
    with DuckDBStore.open(db) as store:
        summary = ingest(arts, store, FlakyCoder(), batch_size=8, progress=False)
        missing = [a for a in arts if a.id not in store.known_ids([a.id for a in arts])]
        # Copies are not coded, so a Kenya copy is stored; every other Kenya article failed.
        assert missing and all("Kenya" in a.text for a in missing)
        assert summary.skipped["coder failed"] == len(missing)
        # A plain rerun does not code them again (it would fail again): it counts them.
        plain = ingest(arts, store, HashCoder(), batch_size=8, progress=False)
        assert plain.coded == 0 and plain.failed_before == len(missing)
        retry = ingest(arts, store, HashCoder(), batch_size=8, progress=False, retry_failed=True)
        assert store.stats()["skipped"] == 0, "a failure retried with success is forgotten"
        assert retry.coded + retry.copies_not_coded == len(missing)
        assert retry.already_stored == len(arts) - len(missing)
