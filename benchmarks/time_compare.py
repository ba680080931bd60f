"""Score the dyads temporal tagger and a dateparser pipeline on the same gold sets.

dateparser pipeline: ``dateparser.search.search_dates`` (English, RELATIVE_BASE = publication
date) finds the expressions; ``DateDataParser.get_date_data`` on each found string gives its
period (year/month/week/day/time), which sets the precision of the TIMEX3 value. dateparser has
no durations, sets or fuzzy references, so those count as misses for it.

Run: ``.venv/bin/python benchmarks/time_compare.py`` (writes ``benchmarks/time_results.json``).
The lead's harness can call :func:`compare` directly.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import statistics
import sys
import time
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dyads.time import tag  # noqa: E402
from dyads.time.scoring import Prediction, dyads_predictor, load_gold, score  # noqa: E402

GOLD_SETS = {
    "dev": ROOT / "tests" / "data" / "time_dev.jsonl",
    "heldout": ROOT / "tests" / "data" / "time_heldout.jsonl",
}
EXAMPLE = ROOT / ".." / "shared" / "examples" / "putin-turkey-visit.txt"


def dateparser_predictor(text: str, pub: dt.date | None) -> list[Prediction]:
    """dateparser's search_dates + period detection, as (start, end, TIMEX3 value)."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    settings: dict[str, Any] = {"RETURN_AS_TIMEZONE_AWARE": False}
    if pub is not None:
        settings["RELATIVE_BASE"] = dt.datetime(pub.year, pub.month, pub.day)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=["en"], settings=settings) or []
        ddp = DateDataParser(languages=["en"], settings=settings)
        out: list[Prediction] = []
        pos = 0
        for sub, when in found:
            i = text.find(sub, pos)
            if i < 0:
                continue
            pos = i + len(sub)
            period = ddp.get_date_data(sub).period or "day"
            if period == "year":
                v = f"{when.year:04d}"
            elif period == "month":
                v = f"{when.year:04d}-{when.month:02d}"
            elif period == "week":
                y, w, _ = when.date().isocalendar()
                v = f"{y:04d}-W{w:02d}"
            elif period == "time" or (when.hour, when.minute) != (0, 0):
                v = f"{when.date().isoformat()}T{when.hour:02d}:{when.minute:02d}"
            else:
                v = when.date().isoformat()
            out.append((i, i + len(sub), v))
    return out


def _articles(rows: list[dict[str, Any]]) -> list[tuple[str, dt.date]]:
    """Group gold sentences by publication date into pseudo-articles (for ms/article)."""
    by_date: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        by_date[r["date"]].append(r["text"])
    return [(" ".join(v), dt.date.fromisoformat(k)) for k, v in by_date.items()]


def _speed(predict: Any, rows: list[dict[str, Any]], repeat: int) -> dict[str, float]:
    articles = _articles(rows)
    n_expr = sum(len(r["timexes"]) for r in rows)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for text, pub in articles:
            predict(text, pub)
        times.append(time.perf_counter() - t0)
    best = min(times)
    return {
        "articles": len(articles),
        "ms_per_article": round(best / len(articles) * 1000, 3),
        "gold_expressions_per_s": round(n_expr / best, 1),
        "chars_per_s": round(sum(len(t) for t, _ in articles) / best, 1),
    }


def _pipeline_share() -> dict[str, Any]:
    """Tagging time against a spaCy parse of the example article (the <=15% budget)."""
    if not EXAMPLE.exists():
        return {"skipped": f"{EXAMPLE} not found"}
    from dyads.nlp import load_nlp

    text = EXAMPLE.read_text(encoding="utf-8")
    pub = dt.date(2024, 1, 31)
    nlp = load_nlp()
    nlp(text)
    parse = statistics.median(_timed(lambda: nlp(text)) for _ in range(5))
    doc = nlp(text)
    tag(text, pub, doc)
    tag_ms = statistics.median(_timed(lambda: tag(text, pub, doc)) for _ in range(50))
    return {
        "chars": len(text),
        "spacy_parse_ms": round(parse, 2),
        "tag_ms_with_doc": round(tag_ms, 3),
        "tag_share_of_parse": round(tag_ms / parse, 4),
    }


def _timed(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def compare(repeat: int = 3) -> dict[str, Any]:
    """Score both taggers on every gold set; returns the results dict."""
    results: dict[str, Any] = {
        "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "sets": {},
    }
    for name, path in GOLD_SETS.items():
        rows = load_gold(path)
        entry: dict[str, Any] = {}
        for sys_name, pred, rep in (
            ("dyads", dyads_predictor, repeat),
            ("dateparser", dateparser_predictor, 1),
        ):
            sc = score(rows, pred)
            entry[sys_name] = {**sc.as_dict(), **_speed(pred, rows, rep)}
        results["sets"][name] = entry
    results["pipeline"] = _pipeline_share()
    return results


def main() -> None:
    """Run :func:`compare`, print a summary and write ``benchmarks/time_results.json``."""
    res = compare()
    out = ROOT / "benchmarks" / "time_results.json"
    out.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    for name, entry in res["sets"].items():
        for sys_name, r in entry.items():
            print(
                f"{name:8s} {sys_name:10s} value_acc={r['value_accuracy']:.3f} "
                f"value_f1={r['value_f1']:.3f} extent_f1={r['extent_f1']:.3f} "
                f"ms/article={r['ms_per_article']:.2f} expr/s={r['gold_expressions_per_s']:.0f}"
            )
    print("pipeline:", res["pipeline"])
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
