"""Explore benchmark: library query times and web page latency over a generated store.

1. A store of ``--events`` generated events (``dyads.explore.synthetic.fake_store``; a million
   by default, written once to ``--store`` and reused by later runs).
2. Every library query (filters, facets, timelines, dyads, partners, network, one event), run
   ``--repeat`` times: median and worst seconds (target: under 1 s each).
3. ``dyads serve`` started in a child process on 127.0.0.1; each page fetched ``--repeat``
   times in turn (target: under 1.5 s each), then ``--requests`` requests spread over
   ``--concurrency`` clients: latency percentiles and throughput. Requests go to 127.0.0.1
   only and their number is bounded.

Usage: ``python benchmarks/web_load.py [--events 1000000] [--requests 300] [--concurrency 4]
[--out benchmarks/web_results.json]`` prints the JSON it writes.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

HOST = "127.0.0.1"  # the only host this script ever sends a request to
PAGES: tuple[tuple[str, str], ...] = (
    ("home", "/"),
    ("events", "/events"),
    ("events country+quad+dates", "/events?country=RUS&quad=4&date_from=2024-01&date_to=2024-12"),
    ("events actor code", "/events?actor=RUSGOV"),
    ("events text", "/events?text=assault"),
    ("events confidence", "/events?min_confidence=0.9"),
    ("event", "/event/{event_id}"),
    ("timeline", "/timeline?interval=month"),
    ("timeline chart", "/timeline.svg?interval=month"),
    ("timeline country week", "/timeline?country=UKR&interval=week"),
    ("dyad", "/dyad?a=RUS&b=UKR"),
    ("partners", "/dyad?a=RUS"),
    ("network", "/network"),
    ("network quad 4", "/network?quad=4&max_edges=200"),
    ("api events", "/api/events?country=CHN&limit=100"),
)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return round(ordered[index], 4)


def _summary(values: list[float]) -> dict[str, float]:
    return {
        "p50": _pct(values, 0.5),
        "p90": _pct(values, 0.9),
        "p99": _pct(values, 0.99),
        "max": round(max(values), 4),
        "mean": round(statistics.fmean(values), 4),
    }


def queries(db: Path, repeat: int) -> dict[str, dict[str, float]]:
    """Median and worst seconds of each library query on ``db``."""
    from dyads.explore import (
        Explorer,
        Filters,
        count_events,
        dyad,
        facets,
        get_event,
        list_events,
        network,
        timeline,
        top_partners,
    )

    f = Filters.from_params
    cases: dict[str, Callable[[Any], Any]] = {
        "count all": lambda c: count_events(c, Filters()),
        "list all": lambda c: list_events(c, Filters(), 50),
        "facets all": lambda c: facets(c, Filters()),
        "list actor code": lambda c: list_events(c, f({"actor": "RUSGOV"}), 50),
        "count country+quad+dates": lambda c: count_events(
            c, f({"country": "UKR", "quad": "4", "date_from": "2024-01", "date_to": "2024-12"})
        ),
        "count sector": lambda c: count_events(c, f({"sector": "MIL"})),
        "count text": lambda c: count_events(c, f({"text": "assault"})),
        "count confidence": lambda c: count_events(c, f({"min_confidence": "0.9"})),
        "timeline month by quad": lambda c: timeline(c, Filters(), "month"),
        "timeline week country": lambda c: timeline(c, f({"country": "RUS"}), "week"),
        "dyad": lambda c: dyad(c, "RUS", "UKR"),
        "top partners": lambda c: top_partners(c, "RUS"),
        "network": lambda c: network(c, Filters(), 100),
        "event": lambda c: get_event(c, list_events(c, Filters(), 1)[0]["id"]),
    }
    out: dict[str, dict[str, float]] = {}
    with Explorer(db) as x, x.cursor() as con:
        for name, run in cases.items():
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                run(con)
                times.append(time.perf_counter() - start)
            out[name] = {"median": round(statistics.median(times), 4), "max": round(max(times), 4)}
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _get(port: int, path: str) -> tuple[int, float]:
    start = time.perf_counter()
    with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=60) as resp:
        resp.read()
        status = resp.status
    return status, time.perf_counter() - start


def _serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    src = str(ROOT / "src")
    code = (
        f"import sys, uvicorn; sys.path.insert(0, {src!r}); "
        "from dyads.web.app import create_app; "
        f"uvicorn.run(create_app({str(db)!r}), host={HOST!r}, port={port}, log_level='warning')"
    )
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(port, "/api")
            return proc
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("the web app did not start") from None
            time.sleep(0.2)


def pages(db: Path, repeat: int, requests: int, concurrency: int) -> dict[str, Any]:
    """Per-page latency (sequential) and percentiles under concurrent load."""
    from dyads.explore import Explorer, Filters, list_events

    with Explorer(db) as x, x.cursor() as con:
        event_id = list_events(con, Filters(), 1)[0]["id"]
    paths = [(name, p.format(event_id=event_id)) for name, p in PAGES]
    port = _free_port()
    proc = _serve(db, port)
    try:
        per_page: dict[str, dict[str, float]] = {}
        for name, path in paths:
            times = []
            for _ in range(repeat):
                status, took = _get(port, path)
                if status != 200:
                    raise RuntimeError(f"{path}: HTTP {status}")
                times.append(took)
            per_page[name] = {
                "median": round(statistics.median(times), 4),
                "max": round(max(times), 4),
            }
        latencies: list[float] = []
        errors = 0
        lock = threading.Lock()
        jobs = [paths[i % len(paths)][1] for i in range(requests)]

        def client(mine: list[str]) -> None:
            nonlocal errors
            for path in mine:
                try:
                    status, took = _get(port, path)
                except OSError:
                    status, took = 0, 0.0
                with lock:
                    if status == 200:
                        latencies.append(took)
                    else:
                        errors += 1

        start = time.perf_counter()
        threads = [
            threading.Thread(target=client, args=(jobs[i::concurrency],))
            for i in range(concurrency)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return {
        "pages": per_page,
        "load": {
            "requests": requests,
            "concurrency": concurrency,
            "errors": errors,
            "requests_per_s": round(len(latencies) / wall, 2) if wall else None,
            "latency_s": _summary(latencies) if latencies else None,
        },
    }


def main() -> None:
    """Parse options, run both parts, print and write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, default=None, help="generated store (reused)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "web_results.json")
    args = parser.parse_args()
    if not 1 <= args.requests <= 10_000 or not 1 <= args.concurrency <= 32:
        parser.error("--requests must be 1-10000 and --concurrency 1-32")
    from dyads.explore.synthetic import fake_store

    store = args.store or Path(tempfile.gettempdir()) / f"dyads-explore-{args.events}.duckdb"
    generated = None
    if not store.exists():
        start = time.perf_counter()
        fake_store(store, args.events)
        generated = round(time.perf_counter() - start, 1)
    result = {
        "events": args.events,
        "store": str(store),
        "generate_s": generated,
        "queries_s": queries(store, args.repeat),
        **pages(store, args.repeat, args.requests, args.concurrency),
    }
    slow_q = [k for k, v in result["queries_s"].items() if v["median"] >= 1.0]
    slow_p = [k for k, v in result["pages"].items() if v["median"] >= 1.5]
    result["targets"] = {
        "queries_under_1s": not slow_q,
        "slow_queries": slow_q,
        "pages_under_1_5s": not slow_p,
        "slow_pages": slow_p,
    }
    text = json.dumps(result, indent=2)
    args.out.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
