"""Golden dev set: >= 300 actor phrases in our own sentences, resolved at >= 95 % exact code.

A line may carry ``codes``: every actor of the mention, in order, for phrases naming several
actors ("the two governments", "police from Spain and Portugal"); all must match.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from dyads.actors import ActorResolver

DEV = Path(__file__).resolve().parent / "data" / "actors_dev.jsonl"


def test_dev_set_code_accuracy(nlp: Any) -> None:
    recs = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
    assert len(recs) >= 300
    resolver = ActorResolver.default()
    hits = country_hits = sector_hits = 0
    misses: list[str] = []
    for rec, doc in zip(recs, nlp.pipe(r["sentence"] for r in recs), strict=True):
        when = dt.date.fromisoformat(rec["date"]) if rec.get("date") else None
        idx = resolver.annotate(doc, when)
        s = rec["sentence"].index(rec["phrase"])
        span = doc.char_span(s, s + len(rec["phrase"]), alignment_mode="expand")
        # The mention overlapping the marked phrase most is the one that resolves it.
        cands = [m for m in idx.mentions if m.start < span.end and m.end > span.start]
        best = max(
            cands, key=lambda m: min(m.end, span.end) - max(m.start, span.start), default=None
        )
        actor = best.actors[0] if best else None
        got = actor.code if actor else None
        if "codes" in rec and best is not None and [a.code for a in best.actors] != rec["codes"]:
            got = "|".join(a.code for a in best.actors)
        hits += got == rec["code"]
        country_hits += (actor.country if actor else None) == rec["country"]
        sector_hits += (actor.sector if actor else None) == rec["sector"] or (
            (rec["code"] or "").startswith(("IGO", "NGO", "IMG")) and got == rec["code"]
        )
        if got != rec["code"]:
            misses.append(f"{rec['phrase']!r} @{rec.get('date')}: want {rec['code']}, got {got}")
    n = len(recs)
    print(
        f"\nactors dev: code {hits}/{n} = {hits / n:.1%}, country {country_hits / n:.1%}, "
        f"sector {sector_hits / n:.1%}"
    )
    for miss in misses:
        print("  miss:", miss)
    assert hits / n >= 0.95, misses
