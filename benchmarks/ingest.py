"""Ingest benchmark: articles/s and peak memory of the store path, and of the full path.

``run(n)`` ingests ``n`` synthetic articles into a fresh DuckDB store in a child process (so peak
RSS belongs to that run alone) and returns a dict. Two modes:

- ``store`` (default): the store path only: gate, near-duplicate detection, batched transactions,
  event clustering, with a fast deterministic stand-in coder (``HashCoder``). This is
  *store-only* throughput; it is what must not grow in memory with corpus size.
- ``full``: the articles are written to disk in every input format (txt, jsonl, html, rss,
  warc.gz) and ingested through the readers with the real ``dyads.pipeline.Coder``.

Usage: ``python benchmarks/ingest.py [--n 10000 50000] [--full-n 300]`` prints JSON.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _peak_rss_mb() -> float:
    """Peak resident memory of this process in MiB.

    Linux's ``ru_maxrss`` survives ``exec`` (a child started by a large parent reports the
    parent's peak), so the per-process high-water mark ``VmHWM`` is read when available.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(n: int, mode: str, batch_size: int) -> dict[str, Any]:
    from dyads.readers import read_tree
    from dyads.store import DuckDBStore, ingest
    from dyads.store.synthetic import articles
    from dyads.store.synthetic_coder import HashCoder
    from dyads.store.synthetic_files import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        if mode == "full":
            from dyads.pipeline import Coder

            write_corpus(Path(tmp) / "corpus", articles(n, seed=42))
            coder: Any = Coder.default()
            items: Any = read_tree([Path(tmp) / "corpus"])
        else:
            coder = HashCoder()
            items = articles(n, seed=42)  # generated lazily: the corpus is never all in memory
        rss_before = _peak_rss_mb()
        t0 = time.perf_counter()
        with DuckDBStore.open(db) as store:
            summary = ingest(items, store, coder, batch_size=batch_size, progress=False)
            stats = store.stats()
        seconds = time.perf_counter() - t0
        db_mb = db.stat().st_size / 2**20
    return {
        "mode": mode,
        "label": "store-only (HashCoder stand-in)" if mode == "store" else "full (readers + Coder)",
        "n": n,
        "seconds": round(seconds, 2),
        "articles_per_s": round(summary.read / seconds, 1),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "rss_before_ingest_mb": round(rss_before, 1),
        "db_mb": round(db_mb, 1),
        "mentions": stats["mentions"],
        "events": stats["events"],
        "near_duplicates": stats["near_duplicates"],
    }


def run(n: int, mode: str = "store", batch_size: int = 64) -> dict[str, Any]:
    """Ingest ``n`` synthetic articles in a fresh process and report throughput and peak RSS."""
    proc = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            str(n),
            "--mode",
            mode,
            "--batch-size",
            str(batch_size),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return {"mode": mode, "n": n, "error": proc.stderr.strip().splitlines()[-1:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def dedup_quality(n_reports: int = 3000, n_coded: int = 300, seed: int = 7) -> dict[str, Any]:
    """Cluster accuracy against the synthetic corpus's truth.

    ``records``: clustering of the mentions a faithful coder would produce (rules only).
    ``end_to_end``: articles coded by the real Coder and ingested; each coded mention is matched
    to the truth event whose generated sentence contains it (mentions in no generated sentence,
    e.g. from filler text, are left out and counted).
    """
    from dyads.store import DuckDBStore, cluster_mentions, ingest
    from dyads.store.cluster import event_id
    from dyads.store.synthetic import bcubed, exact_clusters, mention_records, render, reports, take

    out: dict[str, Any] = {}
    reps = take(reports(seed), n_reports)
    recs = mention_records(reps)
    truth = {m.id: t for m, t in recs}
    pred = {m.id: event_id(c) for c in cluster_mentions([m for m, _ in recs]) for m in c}
    p, r, f1 = bcubed(pred, truth)
    exact, n_true = exact_clusters(pred, truth)
    out["records"] = {
        "reports": n_reports,
        "mentions": len(recs),
        "true_events": n_true,
        "predicted_events": len(set(pred.values())),
        "bcubed_p": round(p, 3),
        "bcubed_r": round(r, 3),
        "bcubed_f1": round(f1, 3),
        "exact_clusters": exact,
    }
    try:
        from dyads.pipeline import Coder
    except ImportError as exc:
        out["end_to_end"] = {"skipped": str(exc)}
        return out
    rendered = [render(rep) for rep in reps[:n_coded]]
    spans = {art.id: sp for art, sp in rendered}
    with tempfile.TemporaryDirectory() as tmp, DuckDBStore.open(Path(tmp) / "q.duckdb") as store:
        ingest([a for a, _ in rendered], store, Coder.default(), progress=False)
        rows = list(store.rows("mentions"))
    truth2: dict[str, str] = {}
    pred2: dict[str, str] = {}
    unmatched = 0
    for row in rows:
        hit = next(
            (sp for s0, s1, sp in spans.get(row["article_id"], []) if s0 <= row["start_char"] < s1),
            None,
        )
        if hit is None:
            unmatched += 1
            continue
        truth2[row["id"]] = hit.truth.id
        pred2[row["id"]] = row["event_id"]
    p, r, f1 = bcubed(pred2, truth2)
    exact, n_true = exact_clusters(pred2, truth2)
    out["end_to_end"] = {
        "articles": n_coded,
        "mentions": len(rows),
        "mentions_matched": len(truth2),
        "mentions_unmatched": unmatched,
        "true_events": n_true,
        "bcubed_p": round(p, 3),
        "bcubed_r": round(r, 3),
        "bcubed_f1": round(f1, 3),
        "exact_clusters": exact,
    }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, nargs="*", default=[10_000, 50_000])
    ap.add_argument("--full-n", type=int, default=300, help="articles for the full path (0: skip)")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--quality", action="store_true", help="report dedup accuracy instead")
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--mode", default="store", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child is not None:
        print(json.dumps(_child(args.child, args.mode, args.batch_size)))
        return 0
    if args.quality:
        print(json.dumps(dedup_quality(), indent=2))
        return 0
    results = [run(n, "store", args.batch_size) for n in args.n]
    if args.full_n:
        results.append(run(args.full_n, "full", args.batch_size))
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
