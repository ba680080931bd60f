"""Tune when the learned models overrule the rules, on the real-news dev split only.

    python scripts/tune_learned.py [--write]

Parses the dev split once, then codes it under a grid of thresholds for the trigger model
(drop, retype, add) and the role model (actor, recipient, keep), one model at a time, twice
round, and prints type+dyad F1 for sentences and articles; ``--write`` stores the best setting
(highest mean of the two F1s) in ``src/dyads/events/data/learned.yaml``. The test split is
never read.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
from pathlib import Path
from typing import Any

import yaml

from dyads import goldsets
from dyads.evaluate import score_document, summarize
from dyads.events.learned import load_thresholds
from dyads.events.roles import load_role_thresholds
from dyads.nlp import parse_many
from dyads.pipeline import Coder

OUT = Path("src/dyads/events/data/learned.yaml")
TRIGGER_GRID = {"drop": (0.8, 0.9, 0.95, 1.01), "retype": (0.6, 0.8, 1.01),
                "add": (0.5, 0.6, 0.7, 0.8, 1.01)}  # fmt: skip
ROLE_GRID = {"actor": (0.5, 0.6, 0.7, 0.8, 1.01), "recipient": (0.4, 0.5, 0.6, 0.7, 1.01),
             "keep": (0.2, 0.3, 0.5)}  # fmt: skip


def _score(coder: Coder, sets: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    f1 = {}
    for kind, (docs, arts, parsed) in sets.items():
        scores = [
            score_document(d.id, d.text, art.body_start, d.gold, coder.code_doc(art, doc), d.id)
            for d, art, doc in zip(docs, arts, parsed, strict=True)
        ]
        s = summarize(scores)
        f1[kind] = (s["f1"], s["precision"], s["recall_required"])
    return (f1["sentences"][0] + f1["articles"][0]) / 2, f1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    coder = Coder.default()
    sets = {}
    for kind in ("sentences", "articles"):
        docs = goldsets.load_docs(kind, "dev")
        arts = [goldsets.to_article(d) for d in docs]
        sets[kind] = (docs, arts, list(parse_many(coder.nlp, (a.text for a in arts))))
    ev = coder.events
    ev.thresholds, ev.role_thresholds = load_thresholds(), load_role_thresholds()
    best = _score(coder, sets)
    print("start:", best, flush=True)
    for _ in range(2):
        for attr, grid in (("thresholds", TRIGGER_GRID), ("role_thresholds", ROLE_GRID)):
            current = getattr(ev, attr)
            for values in itertools.product(*grid.values()):
                trial = dataclasses.replace(current, **dict(zip(grid, values, strict=True)))
                setattr(ev, attr, trial)
                got = _score(coder, sets)
                if got[0] > best[0]:
                    best, current = got, trial
                    print(attr, trial, got, flush=True)
            setattr(ev, attr, current)
    print("best:", ev.thresholds, ev.role_thresholds, best)
    if args.write:
        raw = yaml.safe_load(OUT.read_text(encoding="utf-8"))
        t, r = ev.thresholds, ev.role_thresholds
        raw.update({"drop": t.drop, "retype": t.retype, "add": t.add})
        raw["roles"] = {"actor": r.actor, "recipient": r.recipient, "keep": r.keep}
        header = "".join(
            ln + "\n" for ln in OUT.read_text(encoding="utf-8").splitlines() if ln.startswith("#")
        )
        OUT.write_text(header + yaml.safe_dump(raw, sort_keys=False, width=100), encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
