"""Memory per worker over a long run (issue 15: flat from 10k to 50k articles).

    python benchmarks/memory_long.py [--n 50000] [--workers 2]

The corpus holds about 3,000 real articles, too few for 50,000 distinct inputs, and repeating
them would let any cache keyed by text look flat. So each input here is a distinct text made at
run time from real news: one paragraph of a Reuters or BBC story followed by four random wire
sentences (seeded), with its own id. The inputs go through ``PoolCoder`` exactly as
``dyads code --workers N`` sends them, and each worker's resident memory is sampled every 1,000
articles. Writes ``benchmarks/memory_long_results.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dyads.readers.base import text_article  # noqa: E402
from dyads.records import Article  # noqa: E402
from scale import pool_run  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
OUT = Path(__file__).resolve().parent / "memory_long_results.json"


def inputs(n: int, seed: int = 15) -> list[Article]:
    """``n`` distinct news texts built from the corpus (see the module docstring)."""
    paragraphs: list[str] = []
    for name in ("reuters1987.jsonl", "bbc2005_politics.jsonl"):
        with (CORPUS / name).open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    text = json.loads(line)["text"]
                    paragraphs += [p.strip() for p in text.split("\n\n") if len(p.strip()) > 80]
    with (CORPUS / "news_sentences.jsonl").open(encoding="utf-8") as fh:
        sentences = [json.loads(line)["text"].strip() for line in fh if line.strip()]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        body = " ".join([rng.choice(paragraphs), *rng.sample(sentences, 4)])
        out.append(text_article(f"Report {i}\n\n{body}", f"<memory-long-{i}>", None))
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the long pool and write the memory curve."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=50_000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    arts = inputs(args.n)
    t0 = time.perf_counter()
    run = pool_run(arts, args.workers)
    curve = [c for c in run.pop("rss_mb_as_run_goes") if c["articles"] % 1000 == 0]
    at = {c["articles"]: {k: v for k, v in c.items() if k != "articles"} for c in curve}

    def mean_rss(n: int) -> float | None:
        row = at.get(n)
        return round(sum(row.values()) / len(row), 1) if row else None

    report: dict[str, Any] = {
        "inputs": f"{args.n} distinct texts: a corpus paragraph + 4 wire sentences each",
        **run,
        "total_s": round(time.perf_counter() - t0, 1),
        "mean_rss_mb_at": {str(n): mean_rss(n) for n in (1_000, 10_000, 20_000, 30_000,
                                                         40_000, 50_000) if n in at},
        "rss_mb_every_1000": curve,
    }  # fmt: skip
    OUT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "rss_mb_every_1000"}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
