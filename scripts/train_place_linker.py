"""Train and measure the event-place linker (``src/dyads/geo/data/place_linker.json``).

Data: ``../shared/corpus/event_locations.jsonl`` (labelled trigger -> place spans on the wire
sentences of ``news_sentences.jsonl``; one annotator each, so noisy), split by sentence id as
``tests/data/geo_linker_split.json`` records (fixed once; the test split holds every sentence
of the real-news manifest's test split and is never trained or tuned on).

    python scripts/train_place_linker.py              # train on train, tune on dev, refit
    python scripts/train_place_linker.py --eval       # only measure the bundled model on dev
    python scripts/train_place_linker.py --eval --test  # ... and on test (once, at the end)

Steps: each sentence is parsed as the coder parses articles (training parses train and dev
only); the event coder's candidates give the labelled trigger its PLOVER type, mode and actors
when it finds the event (the rules need them); the mentions the runtime would weigh become the
event's choices, with "no place" beside them. A conditional logit (scipy, training only) is
fitted on the train split; its regularisation, decision threshold and rule fallback are chosen
on dev; the final model is refitted on train + dev and scored once on test.

Scoring: an event is right when the linked span overlaps a labelled span, or when nothing is
linked and the label says the sentence names no place. Locations without text (rule-3
defaults such as a visit placed in the host's country) count as "no place" here.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SPLIT = ROOT / "tests" / "data" / "geo_linker_split.json"
MODEL = ROOT / "src" / "dyads" / "geo" / "data" / "place_linker.json"

Span = tuple[int, int]


@dataclass
class Case:
    """One labelled event: its sentence's doc, trigger token, gold spans and coder context."""

    id: str
    split: str
    doc: Any
    trigger_i: int
    gold: list[Span]
    event: str
    mode: str | None
    actors: tuple[Any, ...]
    recipients: tuple[Any, ...]
    coded: bool  # the event coder found this trigger


def split_of() -> dict[str, str]:
    """Sentence id -> 'test' | 'dev' | 'train' from the recorded split file."""
    data = json.loads(SPLIT.read_text(encoding="utf-8"))
    out = {i: "test" for i in data["test"]}
    out.update({i: "dev" for i in data["dev"]})
    return out


def load_cases(limit: int | None = None, wanted: Iterable[str] | None = None) -> list[Case]:
    """Parse the labelled sentences and attach the coder's reading of each trigger (only
    those of the ``wanted`` splits when given, so that tuning never even parses the test split)."""
    from dyads.nlp import parse_many
    from dyads.pipeline import Coder

    splits = split_of()
    texts = {}
    with (CORPUS / "news_sentences.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            texts[rec["id"]] = rec["text"]
    labels: dict[str, list[dict[str, Any]]] = {}
    with (CORPUS / "event_locations.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            labels.setdefault(rec["id"], []).append(rec)
    ids = sorted(labels)[:limit]
    if wanted is not None:
        keep = set(wanted)
        ids = [i for i in ids if splits.get(i, "train") in keep]
    coder = Coder.default()
    cases: list[Case] = []
    docs = parse_many(coder.nlp, (texts[i] for i in ids), batch_size=64)
    for sid, doc in zip(ids, docs, strict=True):
        index = coder.actors.annotate(doc, None)
        cands = {c.trigger.i: c for c in coder.events.code_doc(doc, index, body_start=0)}
        for rec in labels[sid]:
            trig = doc.char_span(rec["trigger"]["start"], rec["trigger"]["end"], "expand")
            if trig is None or len(trig) == 0:
                continue
            c = cands.get(trig.root.i) or next((cands[t.i] for t in trig if t.i in cands), None)
            gold = [(loc["start"], loc["end"]) for loc in rec["locations"]]
            cases.append(
                Case(
                    id=sid,
                    split=splits.get(sid, "train"),
                    doc=doc,
                    trigger_i=c.trigger.i if c is not None else trig.root.i,
                    gold=gold,
                    event=c.event if c is not None else "",
                    mode=c.rule.mode if c is not None else None,
                    actors=tuple(c.actors) if c is not None else (),
                    recipients=tuple(c.recipients) if c is not None else (),
                    coded=c is not None,
                )
            )
    return cases


def overlaps(a: Span, b: Span) -> bool:
    """Two character spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def score(cases: Iterable[Any], predict: Callable[[Any], Span | None]) -> dict[str, Any]:
    """Accuracy of a predictor of (start, end) spans over labelled cases (see module doc)."""
    n = right = n_place = place_right = pred_none = pred_none_right = gold_none = 0
    exact = 0
    for item in cases:
        pred = predict(item)
        case = item.case if isinstance(item, Prepared) else item
        n += 1
        if case.gold:
            n_place += 1
            ok = pred is not None and any(overlaps(pred, g) for g in case.gold)
            place_right += ok
            exact += pred is not None and pred in case.gold
        else:
            gold_none += 1
            ok = pred is None
            exact += ok
        right += ok
        if pred is None:
            pred_none += 1
            pred_none_right += not case.gold
    return {
        "events": n,
        "accuracy": round(right / max(n, 1), 4),
        "accuracy_exact_span": round(exact / max(n, 1), 4),
        "place_events": n_place,
        "place_right": round(place_right / max(n_place, 1), 4),
        "no_place_events": gold_none,
        "no_place_recall": round(pred_none_right / max(gold_none, 1), 4),
        "no_place_precision": round(pred_none_right / max(pred_none, 1), 4),
    }


def features(case: Case, gaz: Any) -> tuple[list[Any], list[list[str]], list[str], Any]:
    """The case's candidate mentions (as :func:`dyads.geo.event_location` filters them), each
    pair's features, the "no place" features, and the rules' reading."""
    from dyads.geo.linker import none_features, pair_features
    from dyads.geo.locate import rule_location
    from dyads.geo.mentions import doc_places
    from dyads.geo.place import _placeable

    places = doc_places(case.doc, gaz)
    rules = rule_location(
        case.doc,
        case.trigger_i,
        case.event,
        case.mode,
        case.actors,
        case.recipients,
        gaz,
        places,
    )
    named = rules.named
    span = None
    if named is not None and named.start is not None and named.end is not None:
        span = (named.start, named.end)
    sentence = places.in_sentence(case.doc[case.trigger_i])
    mentions = [
        m
        for m in _placeable(case.doc, case.trigger_i, sentence, case.event, case.mode)
        if not m.start <= case.trigger_i < m.end
    ]
    feats = [pair_features(case.doc, case.trigger_i, m, mentions, span) for m in mentions]
    none = none_features(case.doc, case.trigger_i, mentions, span)
    return mentions, feats, none, rules


def model_predictor(linker: Any, gaz: Any) -> Callable[[Case], Span | None]:
    """Predict with the runtime entry point, :func:`dyads.geo.event_location`."""
    from dyads.geo.place import event_location

    def predict(case: Case) -> Span | None:
        loc = event_location(
            case.doc,
            case.trigger_i,
            case.event,
            case.mode,
            case.actors,
            case.recipients,
            gaz,
            linker,
        )
        if loc is None or loc.start is None or loc.end is None:
            return None
        return (loc.start, loc.end)

    return predict


@dataclass
class Prepared:
    """A case with its mentions, pair features and rule reading computed once."""

    case: Case
    mentions: list[Any]
    feats: list[list[str]]
    none: list[str]
    rules: Any


def prepare(cases: list[Case], gaz: Any) -> list[Prepared]:
    """Compute every case's features once (they do not depend on the model)."""
    return [Prepared(c, *features(c, gaz)) for c in cases]


def fast_predictor(linker: Any) -> Callable[[Prepared], Span | None]:
    """What :func:`dyads.geo.event_location` links, from prepared features (for tuning)."""

    def predict(p: Prepared) -> Span | None:
        best, best_z = None, -math.inf
        for m, f in zip(p.mentions, p.feats, strict=True):
            z = linker.score(f)
            if z > best_z:
                best, best_z = m, z
        if best is not None:
            margin = best_z - linker.score(p.none)
            if 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, margin)))) >= linker.threshold:
                return (best.start_char, best.end_char)
        named = p.rules.named
        if named is not None and named.start is not None and linker.rule_fallback:
            return (named.start, named.end)
        return None

    return predict


def train(prepared: list[Prepared], c_value: float) -> dict[str, float]:
    """Fit the conditional logit: for each event a softmax over its mentions and "no place",
    maximising the probability of the labelled choice (any mention overlapping a labelled
    span; "no place" when the label names none). Events whose labelled place is no mention
    teach nothing here and are left out. L2 penalty ``1 / c_value``; returns the weights."""
    import numpy as np
    from scipy import sparse
    from scipy.optimize import minimize

    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    group: list[int] = []
    gold: list[float] = []
    n_rows = 0
    n_groups = 0
    for p in prepared:
        labels = [
            float(any(overlaps((m.start_char, m.end_char), g) for g in p.case.gold))
            for m in p.mentions
        ]
        if p.case.gold and not any(labels):
            continue
        choices = [*p.feats, p.none]
        labels.append(0.0 if p.case.gold else 1.0)
        for feats, label in zip(choices, labels, strict=True):
            for f in set(feats):
                rows.append(n_rows)
                cols.append(vocab.setdefault(f, len(vocab)))
            group.append(n_groups)
            gold.append(label)
            n_rows += 1
        n_groups += 1
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_rows, len(vocab)))
    g = np.asarray(group)
    y = np.asarray(gold)
    lam = 1.0 / c_value

    def loss(w: Any) -> tuple[float, Any]:
        z = x @ w
        zmax = np.full(n_groups, -np.inf)
        np.maximum.at(zmax, g, z)
        e = np.exp(z - zmax[g])
        tot = np.bincount(g, e, n_groups)
        gold_tot = np.bincount(g, e * y, n_groups)
        nll = float(np.sum(np.log(tot) - np.log(gold_tot)))
        resid = e / tot[g] - e * y / gold_tot[g]
        return nll + 0.5 * lam * float(w @ w), x.T @ resid + lam * w

    res = minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B")
    names = sorted(vocab, key=vocab.__getitem__)
    return {
        name: round(float(w), 4) for name, w in zip(names, res.x, strict=True) if abs(w) >= 1e-4
    }


def main(argv: list[str] | None = None) -> int:
    """Train, tune, refit and report (or, with --eval, only report)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", action="store_true", help="only score the bundled model")
    parser.add_argument("--limit", type=int, default=None, help="first N sentences (smoke test)")
    parser.add_argument("--test", action="store_true", help="also score the test split")
    args = parser.parse_args(argv)

    from dyads.geo import Gazetteer
    from dyads.geo.linker import PlaceLinker

    gaz = Gazetteer.default()
    cases = load_cases(args.limit, None if args.test else ("train", "dev"))
    by_split = {s: [c for c in cases if c.split == s] for s in ("train", "dev", "test")}
    print({s: len(v) for s, v in by_split.items()}, file=sys.stderr)
    if args.eval:
        linker = PlaceLinker.default()
    else:
        train_prep = prepare(by_split["train"], gaz)
        dev_prep = prepare(by_split["dev"], gaz)
        # The best dev accuracy among the settings whose "no place" recall meets the issue's
        # 85% (any setting when none does): a place where the label says none costs a user
        # more than a missed one.
        best: tuple[bool, float, float, float, bool] | None = None
        for c_value in (1.0, 3.0, 10.0):
            weights = train(train_prep, c_value)
            for threshold in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
                for fallback in (False, True):
                    cand = PlaceLinker(weights, threshold, fallback)
                    dev_score = score(dev_prep, fast_predictor(cand))
                    key = (dev_score["no_place_recall"] >= 0.85, dev_score["accuracy"])
                    if best is None or key > best[:2]:
                        best = (*key, c_value, threshold, fallback)
                        print(f"dev (fit on train): C={c_value} {dev_score}", file=sys.stderr)
        assert best is not None
        _, acc, c_value, threshold, fallback = best
        print(
            f"dev: accuracy {acc} with C={c_value} threshold={threshold} rule_fallback={fallback}",
            file=sys.stderr,
        )
        weights = train(train_prep + dev_prep, c_value)
        linker = PlaceLinker(weights, threshold, fallback)
        MODEL.write_text(
            json.dumps(
                {
                    "about": "Event-place linker weights: scripts/train_place_linker.py "
                    "(conditional logit over the pair and none features of dyads.geo.linker; trained on "
                    "the train+dev splits of tests/data/geo_linker_split.json).",
                    "C": c_value,
                    "threshold": threshold,
                    "rule_fallback": fallback,
                    "weights": dict(sorted(weights.items())),
                },
                indent=0,
                ensure_ascii=False,
            )
            + "\n",
            encoding="utf-8",
        )
    report = {}
    for name in ("dev", "test") if args.test else ("dev",):
        report[name] = score(by_split[name], model_predictor(linker, gaz))
        report[name + "_coded"] = score(
            [c for c in by_split[name] if c.coded], model_predictor(linker, gaz)
        )
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
