"""Actor resolution on real news: 729 hand-coded mentions from ../shared/corpus.

``tests/data/actors_realtext.jsonl`` names a corpus record (``file``, ``id``), the character
span of the mention (``start``, ``end``, with the short ``mention`` text as a check), the date
the record is coded at (the article date; BBC 2004-05 stories at 2005-01-01; wire sentences
have none) and the hand-coded ``code``, ``country`` and ``sector``. The text itself is never
copied into the repository: it is read from the corpus at run time, and the test is skipped
where the corpus is absent. ``split: test`` (138 mentions, by record) is never tuned on.
The first 432 rows are the original set; the 297 dev rows after them were drawn at random from
records not yet in it (``scripts/actors_sample.py``, seeds 20261208 and 20261209) and coded by
hand before the resolver was run on them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from dyads.actors import ActorResolver
from dyads.nlp import parse_many

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "actors_realtext.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus"
_INTERNATIONAL = ("IGO", "NGO", "IMG")


def gold() -> list[dict[str, Any]]:
    """The hand-coded mentions."""
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]


def corpus_texts(files: set[str]) -> dict[str, str]:
    """Record id -> text for the corpus files named."""
    out: dict[str, str] = {}
    for name in files:
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            out[rec["id"]] = rec["text"]
    return out


def score(resolver: ActorResolver, nlp: Any, split: str) -> tuple[float, float, int, list[str]]:
    """(country accuracy, sector accuracy, n, misses) of ``resolver`` on one split."""
    recs = [r for r in gold() if r["split"] == split]
    texts = corpus_texts({r["file"] for r in recs})
    by_doc: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for r in recs:
        by_doc.setdefault((r["id"], r["date"]), []).append(r)
    country = sector = 0
    misses: list[str] = []
    keys = list(by_doc)
    # Parsed as the pipeline parses (dyads.nlp.parse_many: paragraphs, wire line wraps joined).
    docs = parse_many(nlp, (texts[k[0]] for k in keys))
    for key, doc in zip(keys, docs, strict=True):
        when = dt.date.fromisoformat(key[1]) if key[1] else None
        mentions = resolver.annotate(doc, when).mentions
        for r in by_doc[key]:
            span = doc.char_span(r["start"], r["end"], alignment_mode="expand")
            assert span is not None
            cands = [m for m in mentions if m.start < span.end and m.end > span.start]
            # the mention overlapping the span most; on a tie, the one at the span's head
            # ("its traders" is the traders, not "its")
            best = max(
                cands,
                key=lambda m: (
                    min(m.end, span.end) - max(m.start, span.start),
                    m.start <= span.root.i < m.end,
                ),
                default=None,
            )
            actor = best.actors[0] if best else None
            got_country = actor.country if actor else None
            got_sector = actor.sector if actor else None
            ok_c = got_country == r["country"]
            ok_s = got_sector == r["sector"]
            if r["code"].startswith(_INTERNATIONAL):
                ok_s = actor is not None and actor.code.startswith(r["code"])
            country += ok_c
            sector += ok_s
            if not (ok_c and ok_s):
                got = actor.code if actor else None
                misses.append(f"{r['id']} {r['mention']!r}: want {r['code']}, got {got}")
    n = len(recs)
    return country / n, sector / n, n, misses


def test_gold_spans_match_corpus() -> None:
    recs = gold()
    assert len(recs) >= 400
    assert {r["split"] for r in recs} == {"dev", "test"}
    if not CORPUS.exists():
        pytest.skip("../shared/corpus not available")
    texts = corpus_texts({r["file"] for r in recs})
    for r in recs:
        assert texts[r["id"]][r["start"] : r["end"]].strip().startswith(r["mention"][:20]), r


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus not available")
# Floors guard against regressions: dev (591 mentions) measured 0.844 / 0.800 when they were
# set. The former floors (0.89 / 0.83, on the first 294 dev mentions, 0.912 / 0.857) were
# inflated: the rules had been tuned on those mentions, and 297 fresh ones measured 0.734 /
# 0.640 before the fixes they prompted (0.778 / 0.741 after).
@pytest.mark.parametrize(("split", "country_floor", "sector_floor"), [("dev", 0.82, 0.78)])
def test_realtext_accuracy(nlp: Any, split: str, country_floor: float, sector_floor: float) -> None:
    c, s, n, misses = score(ActorResolver.default(), nlp, split)
    print(f"\nreal-text actors {split}: n={n} country {c:.3f} sector {s:.3f}")
    for miss in misses:
        print("  miss:", miss)
    assert c >= country_floor and s >= sector_floor, misses
