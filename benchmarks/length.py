"""Length benchmark: coding time per KB of one long article, and peak memory of a real ingest.

Issue 16 asks that coding time grow linearly with article length (time per KB flat within 2x
from 50 KB to 2 MB) and that ingesting real news stay under 1 GB at the default batch size.

- ``length``: for each size (50 KB, 200 KB, 500 KB, 1 MB, 2 MB) one article is made at run
  time by joining real articles from ``../shared/corpus`` (BBC 2005 politics and Reuters 1987,
  seeded order, blank lines between) and cut at the size. It is coded by
  ``Coder.default().code`` directly: the readers skip articles over ``MAX_ARTICLE_CHARS``
  (200,000 characters), so going through them would code nothing above 200 KB; the limit is
  recorded beside each size instead. Each size runs in a fresh process after a warm-up article,
  so the time is coding alone (parse, actors, events, time, places), and that process's peak
  memory is its own. Wall and CPU seconds are both given: on a shared machine the CPU time is
  the steadier figure.
- ``ingest``: 500 real articles written to a temporary JSONL file and ingested through the
  readers into a fresh DuckDB store with the real coder at ``ingest``'s default batch size, in
  a fresh process; its peak resident memory (``VmHWM``) is reported against the 1 GB target.

Usage: ``python benchmarks/length.py [--sizes 50 200 500 1024 2048] [--ingest-n 500]
[--skip-ingest]``; writes ``benchmarks/length_results.json`` and prints it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(1, str(ROOT / "benchmarks"))

CORPUS = ROOT.parent / "shared" / "corpus"
FILES = ("bbc2005_politics.jsonl", "reuters1987.jsonl")
RESULTS = ROOT / "benchmarks" / "length_results.json"
SIZES_KB = (50, 200, 500, 1024, 2048)
KB = 1024
# The 1 GB target of issue 16, in MiB as VmHWM is read.
MEMORY_TARGET_MB = 1024
# Time per KB may vary by this factor across sizes and still count as linear (issue 16).
FLAT_WITHIN = 2.0


def _peak_rss_mb() -> float:
    """Peak resident memory of this process in MiB (``VmHWM``; ``ru_maxrss`` elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def long_text(chars: int, seed: int = 16) -> str:
    """About ``chars`` characters of real news: whole corpus articles joined in a seeded order
    (blank lines between), the last one cut at ``chars``; the corpus repeats if too short."""
    rows: list[str] = []
    for name in FILES:
        with (CORPUS / name).open(encoding="utf-8") as fh:
            texts = (json.loads(line)["text"].strip() for line in fh if line.strip())
            rows += list(texts)
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < chars:
        order = rows[:]
        rng.shuffle(order)
        for text in order:
            parts.append(text)
            total += len(text) + 2
            if total >= chars:
                break
    return "\n\n".join(parts)[:chars]


def _child_length(size_kb: int) -> dict[str, Any]:
    """Code one ``size_kb`` article in this (fresh) process; time it and read peak memory."""
    from dyads.pipeline import Coder
    from dyads.readers.limits import MAX_ARTICLE_CHARS
    from dyads.records import Article

    text = long_text(size_kb * KB)
    coder = Coder.default()
    # Warm-up: the first article pays for lazily loaded tables, which is not length's cost.
    coder.code(Article(id="warm", text="Russia said it would talk to Ukraine.", date=None))
    article = Article(id=f"length-{size_kb}", text=text, date=dt.date(2005, 3, 1))
    wall, cpu = time.perf_counter(), time.process_time()
    events = coder.code(article)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "kb": size_kb,
        "chars": len(text),
        "over_article_limit": len(text) > MAX_ARTICLE_CHARS,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "wall_ms_per_kb": round(1000 * wall / size_kb, 1),
        "cpu_ms_per_kb": round(1000 * cpu / size_kb, 1),
        "events": len(events),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
    }


def _child_ingest(n: int) -> dict[str, Any]:
    """Ingest ``n`` real articles from a JSONL file through the readers into a fresh store."""
    import corpus  # benchmarks/corpus.py
    from dyads.pipeline import Coder
    from dyads.readers import read_tree
    from dyads.store import DuckDBStore, ingest

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "real.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for a in corpus.real(n, seed=16, corpus_dir=CORPUS):
                date = a.date.isoformat() if a.date else None
                fh.write(json.dumps({"id": a.id, "text": a.text, "date": date}) + "\n")
        db = Path(tmp) / "length.duckdb"
        coder = Coder.default()
        loaded = _peak_rss_mb()
        wall = time.perf_counter()
        with DuckDBStore.open(db) as store:
            summary = ingest(read_tree([src]), store, coder, progress=False)
            stats = store.stats()
        wall = time.perf_counter() - wall
    peak = _peak_rss_mb()
    return {
        "n": n,
        "read": summary.read,
        "coded": summary.coded,
        "skipped": dict(summary.skipped),
        "events": stats["events"],
        "seconds": round(wall, 1),
        "coder_loaded_rss_mb": round(loaded, 1),
        "peak_rss_mb": round(peak, 1),
        "under_1gb": peak < MEMORY_TARGET_MB,
    }


def _in_child(*args: str) -> dict[str, Any]:
    """Run this file with ``args`` in a fresh process (its own memory) and parse its JSON."""
    proc = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        return {"args": list(args), "error": proc.stderr.strip().splitlines()[-3:]}
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def _spread(rows: list[dict[str, Any]], key: str) -> float | None:
    """Largest over smallest time per KB across sizes: 1.0 is perfectly linear."""
    values = [r[key] for r in rows if key in r and r[key] > 0]
    return round(max(values) / min(values), 2) if len(values) > 1 else None


def run(sizes_kb: tuple[int, ...] = SIZES_KB, ingest_n: int | None = 500) -> dict[str, Any]:
    """Every size (and the ingest unless ``ingest_n`` is None), each in its own process."""
    from dyads.readers.limits import MAX_ARTICLE_CHARS

    rows = []
    for kb in sizes_kb:
        rows.append(_in_child("--child-length", str(kb)))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    cpu_spread, wall_spread = _spread(rows, "cpu_ms_per_kb"), _spread(rows, "wall_ms_per_kb")
    out: dict[str, Any] = {
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "note": "shared CPUs: wall times are noisy; CPU time is the steadier figure",
        "article_limit_chars": MAX_ARTICLE_CHARS,
        "length": rows,
        "cpu_per_kb_spread": cpu_spread,
        "wall_per_kb_spread": wall_spread,
        "flat_within_2x": cpu_spread is not None and cpu_spread <= FLAT_WITHIN,
    }
    if ingest_n:
        out["ingest"] = _in_child("--child-ingest", str(ingest_n))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES_KB), help="KB")
    parser.add_argument("--ingest-n", type=int, default=500)
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--child-length", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-ingest", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_length is not None:
        print(json.dumps(_child_length(args.child_length)))
        return
    if args.child_ingest is not None:
        print(json.dumps(_child_ingest(args.child_ingest)))
        return
    if not all((CORPUS / f).exists() for f in FILES):
        sys.exit(f"benchmarks/length.py: {CORPUS} is not beside the checkout")
    result = run(tuple(args.sizes), None if args.skip_ingest else args.ingest_n)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
