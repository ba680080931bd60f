"""Fit the confidence model on the real-news dev split and print reliability tables.

    python scripts/calibrate_confidence.py            # fit on dev, write confidence.yaml
    python scripts/calibrate_confidence.py --check test   # reliability on a split, no fitting

Codes the split's sentences and articles, records the confidence features of every coded event
(``dyads.events.confidence.features``), labels each event right when it matches a gold event
under the scoring rule, fits a logistic regression (scikit-learn, the ``train`` extra; fixed
seed) and writes its weights into ``src/dyads/events/data/confidence.yaml``. ``--check``
reports how often events in each confidence band were right on a split (the README shows it
for the test split, which is never used for fitting).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml

from dyads import goldsets
from dyads.evaluate import matches, score_document
from dyads.events import confidence as conf
from dyads.events import passes as passes_module
from dyads.nlp import parse_many
from dyads.pipeline import Coder

ROOT = Path(__file__).resolve().parents[1]
YAML = ROOT / "src" / "dyads" / "events" / "data" / "confidence.yaml"
EDGES = (0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
SEED = 20261207


def coded(split: str) -> list[tuple[dict[str, float], float, bool]]:
    """(features, confidence, right) for every event coded on a split of the real-news gold."""
    coder = Coder.default()
    seen: dict[tuple[int, str], dict[str, float]] = {}
    original = passes_module.confidence

    def recording(c: Any) -> float:
        seen[(c.trigger.idx, c.event)] = conf.features(c)
        return original(c)

    passes_module.confidence = recording  # type: ignore[assignment]
    out = []
    try:
        for kind in ("sentences", "articles"):
            docs = goldsets.load_docs(kind, split)
            arts = [goldsets.to_article(d) for d in docs]
            for d, art, doc in zip(
                docs, arts, parse_many(coder.nlp, (a.text for a in arts)), strict=True
            ):
                seen.clear()
                events = coder.code_doc(art, doc)
                s = score_document(d.id, d.text, art.body_start, d.gold, events, d.id)
                for ev in events:
                    feats = seen.get((ev.text_info.trigger_start or -1, ev.event), {"bias": 1.0})
                    out.append((feats, ev.confidence, any(matches(ev, g) for g in s.gold)))
    finally:
        passes_module.confidence = original  # type: ignore[assignment]
    return out


def reliability(rows: list[tuple[dict[str, float], float, bool]]) -> list[str]:
    """A table: confidence band, events, mean confidence, share right."""
    lines = ["| confidence | events | mean confidence | right |", "|---|---|---|---|"]
    for lo, hi in zip(EDGES, EDGES[1:], strict=False):
        band = [(c, r) for _, c, r in rows if lo <= c < hi]
        if band:
            mean = sum(c for c, _ in band) / len(band)
            right = sum(r for _, r in band) / len(band)
            lines.append(
                f"| {lo:.1f}-{min(hi, 1.0):.1f} | {len(band)} | {mean:.2f} | {right:.2f} |"
            )
    n = len(rows)
    brier = sum((c - r) ** 2 for _, c, r in rows) / n if n else 0.0
    lines.append(f"\n{n} events, {sum(r for *_, r in rows)} right; Brier score {brier:.3f}")
    return lines


def fit(rows: list[tuple[dict[str, float], float, bool]]) -> dict[str, float]:
    """Logistic regression weights (intercept as ``bias``)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    X = vec.fit_transform([{k: v for k, v in f.items() if k != "bias"} for f, _, _ in rows])
    y = [int(r) for *_, r in rows]
    clf = LogisticRegression(C=1.0, max_iter=2000, random_state=SEED).fit(X, y)
    weights = {"bias": round(float(clf.intercept_[0]), 4)}
    for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True):
        if abs(w) >= 1e-4:
            weights[str(name)] = round(float(w), 4)
    return weights


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", choices=("train", "dev", "test"), default=None)
    args = ap.parse_args()
    if args.check:
        print(f"reliability on the real-news {args.check} split")
        print("\n".join(reliability(coded(args.check))))
        return
    rows = coded("dev")
    weights = fit(rows)
    header = "".join(
        ln + "\n" for ln in YAML.read_text(encoding="utf-8").splitlines() if ln.startswith("#")
    )
    YAML.write_text(
        header + yaml.safe_dump({"weights": weights}, sort_keys=False), encoding="utf-8"
    )
    conf.load_model.cache_clear()
    print(f"wrote {len(weights)} weights to {YAML.relative_to(ROOT)}")
    print("reliability on the dev split (fitted on it)")
    print("\n".join(reliability(coded("dev"))))


if __name__ == "__main__":
    main()
