"""Train the trigger model on the real-news gold (``make train``).

    python scripts/train_triggers.py [--C 0.5] [--min-count 2] [--out src/dyads/events/data/trigger_model]

Reads the real-news gold's train split (texts from ../shared/corpus), parses it with the
coder's own spaCy pipeline, labels each candidate word with the PLOVER type of the gold event
whose trigger it heads (``NONE`` otherwise; the other words of a multi-word trigger and
headline restatements are left out), fits a multinomial logistic regression (scikit-learn,
the ``train`` extra; fixed seed) and writes the weights and metadata that the package ships.
Scores on the dev split's words are printed and kept in the metadata. The test split is never
read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from dyads import __version__, goldsets
from dyads.events.learned import NONE, TriggerModel, features, is_candidate, save_model
from dyads.events.lexicon import load_lexicon
from dyads.nlp import load_nlp, parse_many

IGNORE = "IGNORE"
SEED = 20261207


def _heads(doc: Any, start: int, end: int) -> tuple[list[Any], Any]:
    toks = [t for t in doc if t.idx < end and start < t.idx + len(t.text)]
    inside = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in inside or t.head.i == t.i]
    content = [t for t in heads if is_candidate(t)] or [t for t in toks if is_candidate(t)]
    return toks, (content[0] if content else None)


def examples(docs: list[goldsets.GoldDoc]) -> tuple[list[list[str]], list[str]]:
    """Feature lists and labels for every candidate word of the documents."""
    nlp = load_nlp()
    lexicon = load_lexicon()
    X: list[list[str]] = []
    y: list[str] = []
    parsed = parse_many(nlp, (d.text for d in docs))
    for d, doc in zip(docs, parsed, strict=True):
        label: dict[int, str] = {}
        for ev in d.gold["events"]:
            toks, head = _heads(doc, ev["trigger"]["start"], ev["trigger"]["end"])
            if ev.get("from_evidence"):
                # an evidence phrase, not a trigger: its root stands for the trigger
                roots = [t for t in toks if t.head.i == t.i or t.head not in toks]
                content = [t for t in roots if is_candidate(t)]
                head = content[0] if content else head
            for t in toks:
                label.setdefault(t.i, IGNORE)
            if head is not None:
                label[head.i] = ev["event"][0]
            for sp in ev.get("also_stated_in") or []:
                for t in doc:
                    if sp["start"] <= t.idx < sp["end"]:
                        label.setdefault(t.i, IGNORE)
        for t in doc:
            if not is_candidate(t):
                continue
            lab = label.get(t.i, NONE)
            if lab == IGNORE:
                continue
            X.append(features(t, lexicon))
            y.append(lab)
    return X, y


OWN_SETS = (
    "events_dev.jsonl",
    "events_dev2.jsonl",
    "events_dev3.jsonl",
    "events_cameo_style.jsonl",
)


def own_docs() -> list[goldsets.GoldDoc]:
    """The project's own tuning sentence sets (modern news style, verbal events the wire
    sample has few of) as gold documents. They name an evidence phrase but no trigger: the
    phrase's syntactic head stands in for the trigger (found at training time), so each event
    gets ``trigger`` = its evidence span and the head is chosen by :func:`_heads`. The
    held-out sets (events_heldout*.jsonl) are never used."""
    out = []
    data = Path(__file__).resolve().parents[1] / "tests" / "data"
    for name in OWN_SETS:
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            text = d["text"]
            events = []
            for ev in d.get("events", []):
                i = text.find(ev["evidence"])
                if i < 0:
                    continue
                span = {"start": i, "end": i + len(ev["evidence"])}
                events.append({**ev, "trigger": span, "evidence": span, "from_evidence": True})
            must_not = []
            for m in d.get("must_not", []):
                j = text.find(m["evidence"])
                if j >= 0:
                    must_not.append({"start": j, "end": j + len(m["evidence"])})
            gold = {"id": d["id"], "events": events, "must_not": must_not}
            out.append(
                goldsets.GoldDoc(
                    d["id"], "sentences", "own", text, d.get("doc_date"), gold, "", name
                )
            )
    return out


def data_hash(docs: list[goldsets.GoldDoc]) -> str:
    h = hashlib.sha256()
    for d in sorted(docs, key=lambda d: d.id):
        h.update(json.dumps(d.gold, sort_keys=True).encode())
        h.update(hashlib.sha256(d.text.encode()).digest())
    return h.hexdigest()


def vocabulary(X: list[list[str]], min_count: int = 2) -> dict[str, int]:
    """Feature -> column, for features seen in at least ``min_count`` examples."""
    counts = Counter(f for fs in X for f in set(fs))
    return {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}


def sparse(X: list[list[str]], vocab: dict[str, int]) -> Any:
    """A binary CSR matrix of the examples' known features."""
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for i, fs in enumerate(X):
        for j in {vocab[f] for f in fs if f in vocab}:
            rows.append(i)
            cols.append(j)
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(X), len(vocab)))


def fit_lr(X: list[list[str]], y: list[str], vocab: dict[str, int], C: float) -> Any:
    """A multinomial logistic regression on the sparse examples (fixed seed)."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=3000, random_state=SEED).fit(sparse(X, vocab), y)


def _scores(model: TriggerModel, X: list[list[str]], y: list[str]) -> dict[str, Any]:
    p = model.proba(X)
    pred = [model.classes[i] for i in p.argmax(axis=1)]
    tp = sum(1 for a, b in zip(pred, y, strict=True) if a != NONE and b != NONE)
    typed = sum(1 for a, b in zip(pred, y, strict=True) if a != NONE and a == b)
    n_pred = sum(1 for a in pred if a != NONE)
    n_gold = sum(1 for b in y if b != NONE)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    return {
        "words": len(y),
        "gold_triggers": n_gold,
        "detection_precision": round(prec, 4),
        "detection_recall": round(rec, 4),
        "detection_f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
        "typed_f1": round(2 * typed / (n_pred + n_gold), 4) if n_pred + n_gold else 0.0,
    }


def train(C: float, min_count: int) -> tuple[TriggerModel, dict[str, Any]]:
    """Fit on the train split; report on the dev split."""
    # the gold train split, the training-only silver records and the project's own tuning sets
    train_docs = goldsets.load_docs(split="train") + goldsets.load_docs(split="silver") + own_docs()
    dev_docs = goldsets.load_docs(split="dev")
    Xtr, ytr = examples(train_docs)
    vocab = vocabulary(Xtr, min_count)
    clf = fit_lr(Xtr, ytr, vocab, C)
    classes = tuple(str(c) for c in clf.classes_)
    model = TriggerModel(
        classes=classes,
        vocab=vocab,
        weights=np.ascontiguousarray(clf.coef_.T),
        bias=clf.intercept_.astype(np.float64),
        meta={},
    )
    Xdv, ydv = examples(dev_docs)
    meta = {
        "version": f"dyads-{__version__}-triggers-lr",
        "trained": time.strftime("%Y-%m-%d"),
        "family": "multinomial logistic regression over sparse parse features",
        "C": C,
        "min_count": min_count,
        "seed": SEED,
        "data": "real-news gold train split + silver + the own tuning sets",
        "data_hash": data_hash(train_docs),
        "train_documents": len(train_docs),
        "train_labels": dict(Counter(ytr)),
        "train_scores": _scores(model, Xtr, ytr),
        "dev_scores": _scores(model, Xdv, ydv),
    }
    return TriggerModel(classes, vocab, model.weights, model.bias, meta), meta


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--out", default="src/dyads/events/data/trigger_model")
    ap.add_argument("--dry-run", action="store_true", help="score on dev, write nothing")
    args = ap.parse_args()
    if not goldsets.corpus_dir().exists():
        sys.exit(f"{goldsets.corpus_dir()}: corpus not found; put ../shared beside the repo")
    model, meta = train(args.C, args.min_count)
    print(json.dumps({k: meta[k] for k in ("train_scores", "dev_scores", "train_labels")}))
    if not args.dry_run:
        save_model(model, Path(args.out))
        print(f"wrote {args.out}.npz and {args.out}.json ({len(model.vocab)} features)")


if __name__ == "__main__":
    main()
