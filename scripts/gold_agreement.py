"""Inter-annotator agreement on the doubly annotated part of the real-news gold.

    python scripts/gold_agreement.py [--json tests/data/realnews/agreement.json] [--list]

Pass 1 (the annotator who owns the record) is the reference, pass 2 (an independent second
annotator) the comparison. Two events correspond when their triggers overlap (or, failing that,
their evidence spans overlap and their first types agree). Reported:
- event F1 under the scoring rule the coder is judged by (a pass-2 event matches a pass-1 event
  when its evidence overlaps, a type is shared, actor codes intersect and recipient codes
  intersect or are both empty), on all events and on events both mark required;
- detection F1 (trigger overlap only);
- per-field agreement over corresponding events: first type, any type shared, mode, actor and
  recipient (three-letter codes intersect; full codes equal), date, modality.
``--list`` prints every disagreement for adjudication.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from dyads.goldsets import REALNEWS_DIR, load_docs


def _overlap(a: dict[str, int], b: dict[str, int]) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _rule_match(e1: dict[str, Any], e2: dict[str, Any]) -> bool:
    """The coder's matching rule, applied to a second annotation of the same text."""
    if not _overlap(e1["evidence"], e2["evidence"]) and not _overlap(e1["trigger"], e2["trigger"]):
        return False
    if not set(e1["event"]) & set(e2["event"]):
        return False
    if not set(e1["actor"]) & set(e2["actor"]):
        return False
    if not e1["recipient"] and not e2["recipient"]:
        return True
    return bool(set(e1["recipient"]) & set(e2["recipient"]))


def _pairs(
    ev1: list[dict[str, Any]], ev2: list[dict[str, Any]], match: Any
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing in text order."""
    used: set[int] = set()
    out = []
    for i, a in enumerate(ev1):
        for j, b in enumerate(ev2):
            if j not in used and match(a, b):
                used.add(j)
                out.append((i, j))
                break
    return out


def _f1(n1: int, n2: int, m: int) -> dict[str, float]:
    p = m / n2 if n2 else 1.0
    r = m / n1 if n1 else 1.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "n1": n1,
        "n2": n2,
        "matched": m,
    }


def _corresponds(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return _overlap(a["trigger"], b["trigger"]) or (
        _overlap(a["evidence"], b["evidence"]) and a["event"][0] == b["event"][0]
    )


def _codes(e: dict[str, Any], role: str) -> set[str]:
    return {s["code"] for s in e.get(f"{role}_spans") or []}


def agreement(listing: bool = False) -> dict[str, Any]:
    """Agreement figures per kind (sentences, articles) and overall."""
    first = {(d.kind, d.id): d for d in load_docs(pass_=1)}
    second = load_docs(pass_=2)
    report: dict[str, Any] = {}
    for kind in ("sentences", "articles", "all"):
        docs = [d for d in second if kind in ("all", d.kind) and (d.kind, d.id) in first]
        if not docs:
            continue
        tot = Counter()
        fields: Counter[str] = Counter()
        for d2 in docs:
            d1 = first[(d2.kind, d2.id)]
            e1, e2 = d1.gold["events"], d2.gold["events"]
            tot["n1"] += len(e1)
            tot["n2"] += len(e2)
            tot["rule"] += len(_pairs(e1, e2, _rule_match))
            r1 = [e for e in e1 if e["required"]]
            r2 = [e for e in e2 if e["required"]]
            tot["r1"] += len(r1)
            tot["r2"] += len(r2)
            tot["rrule"] += len(_pairs(r1, r2, _rule_match))
            pairs = _pairs(e1, e2, _corresponds)
            tot["detect"] += len(pairs)
            for i, j in pairs:
                a, b = e1[i], e2[j]
                fields["pairs"] += 1
                fields["first_type"] += a["event"][0] == b["event"][0]
                fields["any_type"] += bool(set(a["event"]) & set(b["event"]))
                fields["mode"] += (a.get("mode") or None) == (b.get("mode") or None)
                fields["actor"] += bool(set(a["actor"]) & set(b["actor"]))
                fields["actor_full"] += _codes(a, "actor") == _codes(b, "actor")
                both_empty = not a["recipient"] and not b["recipient"]
                fields["recipient"] += both_empty or bool(set(a["recipient"]) & set(b["recipient"]))
                fields["recipient_full"] += _codes(a, "recipient") == _codes(b, "recipient")
                fields["date"] += (a.get("date") or None) == (b.get("date") or None)
                fields["modality"] += a["modality"] == b["modality"]
                fields["required"] += a["required"] == b["required"]
            if listing and kind != "all":
                _list(d1, d2, pairs)
        n = fields.pop("pairs", 0)
        report[kind] = {
            "documents": len(docs),
            "event_f1_rule": _f1(tot["n1"], tot["n2"], tot["rule"]),
            "event_f1_rule_required": _f1(tot["r1"], tot["r2"], tot["rrule"]),
            "detection_f1": _f1(tot["n1"], tot["n2"], tot["detect"]),
            "field_agreement": {k: round(v / n, 3) for k, v in sorted(fields.items())} if n else {},
            "corresponding_events": n,
        }
    return report


def _list(d1: Any, d2: Any, pairs: list[tuple[int, int]]) -> None:
    e1, e2 = d1.gold["events"], d2.gold["events"]
    paired1 = {i for i, _ in pairs}
    paired2 = {j for _, j in pairs}
    lines = []
    for i, j in pairs:
        a, b = e1[i], e2[j]
        if not _rule_match(a, b) or a["modality"] != b["modality"]:
            lines.append(f"  differ: {a['id']} {_short(a)}  |  {b['id']} {_short(b)}")
    lines += [
        f"  only pass 1: {e1[i]['id']} {_short(e1[i])}" for i in range(len(e1)) if i not in paired1
    ]
    lines += [
        f"  only pass 2: {e2[j]['id']} {_short(e2[j])}" for j in range(len(e2)) if j not in paired2
    ]
    if lines:
        print(f"{d1.id} ({d1.chunk}/{d1.annotator} vs {d2.chunk}/{d2.annotator})")
        print("\n".join(lines))


def _short(e: dict[str, Any]) -> str:
    return (
        f"[{e['trigger']['text']}] {'/'.join(e['event'])} {sorted(_codes(e, 'actor'))}->"
        f"{sorted(_codes(e, 'recipient'))} {e['modality']}{'' if e['required'] else ' (opt)'}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # the recorded figures (tests/data/realnews/agreement.json) were taken before adjudication
    ap.add_argument("--json", default=str(REALNEWS_DIR / "agreement_now.json"))
    ap.add_argument("--list", action="store_true", help="print every disagreement")
    args = ap.parse_args()
    rep = agreement(args.list)
    Path(args.json).write_text(json.dumps(rep, indent=1) + "\n", encoding="utf-8")
    for kind, r in rep.items():
        print(
            f"{kind}: {r['documents']} docs; event F1 (scoring rule) {r['event_f1_rule']['f1']}, "
            f"required {r['event_f1_rule_required']['f1']}, detection {r['detection_f1']['f1']}"
        )
        print("   fields:", r["field_agreement"])


if __name__ == "__main__":
    main()
