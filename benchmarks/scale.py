"""Scale benchmarks: spaCy batch sizes, `--workers 1|2`, the Dask path, memory per worker.

Called by ``benchmarks/run.py`` (sections ``spacy_batch``, ``workers``, ``dask``) on the real
news the harness drew; ``python benchmarks/scale.py [--n 200]`` runs them alone and prints JSON.
Each figure comes with CPU seconds as well as wall seconds: on a shared machine the wall clock
measures the neighbours too, articles per CPU-second does not.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "src"))

from dyads.records import Article  # noqa: E402

GDELT_PER_DAY = 586_000  # GDELT's average articles per day, all languages
SECONDS_PER_DAY = 86_400
_TICK = os.sysconf("SC_CLK_TCK")
BATCH_SAMPLE = 150  # articles parsed at each batch size


def _proc_cpu_s(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK


def _proc_mem_mb(pid: int) -> dict[str, float]:
    """Current (VmRSS) and peak (VmHWM) resident memory of process ``pid`` in MiB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key = line.split(":")[0]
        if key in ("VmRSS", "VmHWM"):
            out["rss_mb" if key == "VmRSS" else "peak_mb"] = round(int(line.split()[1]) / 1024, 1)
    return out


def _self_mem() -> dict[str, float]:
    return _proc_mem_mb(os.getpid())


def spacy_batches(articles: list[Article], sizes: tuple[int, ...] = (4, 8, 16, 32, 64)) -> dict:
    """Our parse path (``parse_many``: paragraphs, unwrapping) at several batch sizes."""
    from dyads.nlp import load_nlp, parse_many

    nlp = load_nlp()
    texts = [a.text for a in articles[:BATCH_SAMPLE]]
    list(parse_many(nlp, texts[:8], batch_size=8))  # warm up
    out: dict[str, Any] = {"articles": len(texts), "pipes": list(nlp.pipe_names), "by_batch": {}}
    for size in sizes:
        w0, c0 = time.perf_counter(), time.process_time()
        n_tokens = sum(len(d) for d in parse_many(nlp, texts, batch_size=size))
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        out["by_batch"][str(size)] = {
            "wall_s": round(wall, 2),
            "cpu_s": round(cpu, 2),
            "articles_per_s": round(len(texts) / wall, 2),
            "articles_per_cpu_s": round(len(texts) / cpu, 2),
            "tokens": n_tokens,
        }
    best = max(out["by_batch"].items(), key=lambda kv: kv[1]["articles_per_cpu_s"])
    out["best_batch"] = int(best[0])
    out["maxrss_mb"] = _self_mem().get("peak_mb")
    return out


def pool_run(articles: list[Article], workers: int, chunk: int = 16) -> dict[str, Any]:
    """``PoolCoder`` with ``workers`` processes over ``articles``: throughput (after the model
    loads), worker CPU, and each worker's resident memory as the run goes."""
    from dyads.scale import CoderSpec, PoolCoder

    with PoolCoder(CoderSpec(), workers, chunk=chunk) as pool:
        t0 = time.perf_counter()
        # One tiny task per worker starts them all and waits for every model load.
        ex = pool._executor()
        futs = [ex.submit(os.getpid) for _ in range(workers * 4)]
        pids = sorted({f.result() for f in futs})
        while len(pids) < workers:
            pids = sorted(set(pids) | {ex.submit(os.getpid).result()})
        load_s = time.perf_counter() - t0
        cpu0 = sum(_proc_cpu_s(p) for p in pids)
        curve: list[dict[str, Any]] = []
        n_events = n_failed = 0
        t0 = time.perf_counter()
        for i, (_art, result) in enumerate(pool.code_isolated(articles), 1):
            if isinstance(result, Exception):
                n_failed += 1
            else:
                n_events += len(result)
            if i % 100 == 0 or i == len(articles):
                curve.append({"articles": i, **{str(p): _proc_mem_mb(p)["rss_mb"] for p in pids}})
        wall = time.perf_counter() - t0
        cpu = sum(_proc_cpu_s(p) for p in pids) - cpu0
        mem = {str(p): _proc_mem_mb(p) for p in pids}
    return {
        "workers": workers,
        "articles": len(articles),
        "events": n_events,
        "failed": n_failed,
        "start_and_load_s": round(load_s, 2),
        "wall_s": round(wall, 2),
        "articles_per_s": round(len(articles) / wall, 2),
        "worker_cpu_s": round(cpu, 2),
        "articles_per_cpu_s": round(len(articles) / cpu, 2) if cpu else None,
        "peak_rss_mb_per_worker": max(m["peak_mb"] for m in mem.values()),
        "rss_mb_as_run_goes": curve,
    }


def workers(articles: list[Article], counts: tuple[int, ...] = (1, 2)) -> dict[str, Any]:
    """``dyads code --workers N`` for each N, the speed-up, and articles/day next to GDELT."""
    runs = {str(n): pool_run(articles, n) for n in counts}
    one, top = runs[str(counts[0])], runs[str(counts[-1])]
    per_day = top["articles_per_s"] * SECONDS_PER_DAY
    return {
        "runs": runs,
        "speedup": round(top["articles_per_s"] / one["articles_per_s"], 2),
        "articles_per_day": int(per_day),
        # What the cores could do with the machine to themselves: CPU-bound workers, one per core.
        "articles_per_day_if_idle": int(
            top["articles_per_cpu_s"] * min(top["workers"], os.cpu_count() or 1) * SECONDS_PER_DAY
        ),
        "gdelt_per_day": GDELT_PER_DAY,
        "share_of_gdelt": round(per_day / GDELT_PER_DAY, 3),
    }


def dask_run(articles: list[Article], n_workers: int = 2, partition_size: int = 50) -> dict:
    """``ingest --engine dask`` on a local cluster: throughput, per-partition costs (coding on a
    worker, Parquet size, loading), and each worker's peak memory."""
    from distributed import Client, LocalCluster, get_task_stream

    from dyads.scale import CoderSpec
    from dyads.scale.dask_engine import ingest_dask
    from dyads.store import DuckDBStore

    spec = CoderSpec()
    with tempfile.TemporaryDirectory() as tmp:
        parts = Path(tmp) / "parts"
        t0 = time.perf_counter()
        with (
            LocalCluster(
                n_workers=n_workers, threads_per_worker=1, dashboard_address=":0", silence_logs=40
            ) as lc,
            Client(lc) as client,
        ):
            from dyads.scale.spec import coder_for

            client.run(coder_for, spec)  # load the model on every worker before timing
            start_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            with get_task_stream(client) as ts, DuckDBStore.open(Path(tmp) / "a.duckdb") as st:
                summary, files = ingest_dask(
                    articles, st, spec, parts, scheduler=lc.scheduler_address,
                    partition_size=partition_size,
                )  # fmt: skip
            wall = time.perf_counter() - t0
            compute = [
                ss["stop"] - ss["start"]
                for task in ts.data
                for ss in task.get("startstops", [])
                if ss.get("action") == "compute"
            ]
            mem = client.run(_self_mem)
        # The load step alone: a fresh store, every partition file already there.
        t0 = time.perf_counter()
        with DuckDBStore.open(Path(tmp) / "b.duckdb") as st:
            ingest_dask(articles, st, spec, parts, scheduler=None, workers=1,
                        partition_size=partition_size)  # fmt: skip
        reload_s = time.perf_counter() - t0
        sizes = [Path(f).stat().st_size for f in files]
    n_parts = len(files)
    return {
        "workers": n_workers,
        "articles": len(articles),
        "coded": summary.coded,
        "partition_size": partition_size,
        "partitions": n_parts,
        "cluster_start_and_load_s": round(start_s, 2),
        "wall_s": round(wall, 2),
        "articles_per_s": round(len(articles) / wall, 2),
        "partition_compute_s_mean": round(sum(compute) / len(compute), 2) if compute else None,
        "worker_s_per_article": round(sum(compute) / len(articles), 3) if compute else None,
        "parquet_kb_per_partition": round(sum(sizes) / max(1, n_parts) / 1024, 1),
        "rerun_with_all_partitions_present_s": round(reload_s, 2),
        "peak_rss_mb_per_worker": max(m["peak_mb"] for m in mem.values()),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the scale benchmarks alone on ``--n`` real articles and print JSON."""
    import corpus

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--only", default="spacy_batch,workers,dask")
    args = ap.parse_args(argv)
    arts = corpus.real(args.n, args.seed)
    out: dict[str, Any] = {}
    for name, fn in (("spacy_batch", spacy_batches), ("workers", workers), ("dask", dask_run)):
        if name in args.only.split(","):
            out[name] = fn(arts)  # type: ignore[operator]
            print(json.dumps({name: out[name]}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
