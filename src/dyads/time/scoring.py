"""Score a temporal tagger on a gold set of sentences (TempEval-3 style, relaxed extents).

A gold line is ``{"id", "date", "text", "timexes": [{"text", "type", "value"}]}``; the gold
expression's span is the first occurrence of its text in the sentence. A predicted expression
matches a gold one when their character spans overlap (relaxed match). Reported:

* ``value_accuracy``: gold expressions with an overlapping prediction of the same value / gold;
* ``value_precision``, ``value_recall``, ``value_f1``: TempEval-3's value F1 (correct values over
  predictions and over gold);
* ``extent_f1``: relaxed span F1, whatever the value;
* ``misses``: the gold expressions not given the right value (for reading).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# (start, end, value) predictions for one sentence.
Prediction = tuple[int, int, str]
Predictor = Callable[[str, dt.date | None], list[Prediction]]


@dataclass
class Score:
    """Counts and rates of one run over a gold set."""

    gold: int = 0
    predicted: int = 0
    extent_matched: int = 0
    value_correct: int = 0
    spurious: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Rates rounded to four places, plus the raw counts."""

        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        p = ratio(self.value_correct, self.predicted)
        r = ratio(self.value_correct, self.gold)
        ep = ratio(self.predicted - self.spurious, self.predicted)
        er = ratio(self.extent_matched, self.gold)
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "value_accuracy": r,
            "value_precision": p,
            "value_recall": r,
            "value_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "extent_f1": round(2 * ep * er / (ep + er), 4) if ep + er else 0.0,
            "spurious": self.spurious,
        }


def load_gold(path: Path | str) -> list[dict[str, Any]]:
    """Read a gold JSONL file (one sentence per line)."""
    rows = []
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def gold_spans(row: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """(start, end, type, value) of each gold expression: first occurrence after the previous
    one, so that a repeated word ("2014 ... 2014") maps to successive occurrences."""
    out = []
    pos = 0
    for g in row["timexes"]:
        i = row["text"].find(g["text"], pos)
        if i < 0:
            i = row["text"].find(g["text"])
        if i < 0:
            raise ValueError(f"{row.get('id')}: {g['text']!r} is not in the sentence")
        out.append((i, i + len(g["text"]), g["type"], g["value"]))
        pos = i + 1
    return out


def score(rows: Iterable[dict[str, Any]], predict: Predictor) -> Score:
    """Run ``predict(text, pub_date)`` over every gold sentence and count matches."""
    sc = Score()
    for row in rows:
        pub = dt.date.fromisoformat(row["date"]) if row.get("date") else None
        preds = predict(row["text"], pub)
        golds = gold_spans(row)
        sc.gold += len(golds)
        sc.predicted += len(preds)
        for ps, pe, _pv in preds:
            if not any(ps < ge and gs < pe for gs, ge, _t, _v in golds):
                sc.spurious += 1
        for gs, ge, gtype, gval in golds:
            over = [pv for ps, pe, pv in preds if ps < ge and gs < pe]
            if over:
                sc.extent_matched += 1
            if gval in over:
                sc.value_correct += 1
            else:
                sc.misses.append(
                    {"id": row.get("id"), "date": row.get("date"), "text": row["text"][gs:ge],
                     "gold": gval, "got": over, "type": gtype}
                )  # fmt: skip
    return sc


def dyads_predictor(text: str, pub_date: dt.date | None) -> list[Prediction]:
    """Our tagger, as a :data:`Predictor`."""
    from dyads.time.tagger import tag

    return [(t.start, t.end, t.value) for t in tag(text, pub_date)]
