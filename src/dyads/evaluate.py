"""Score coded events against hand-coded gold events.

The matching rule is the one written in the gold file's ``format.matching``: an extracted
event matches a gold event when it comes from the evidence sentence, its actor set intersects
the gold actor set, its recipient set intersects the gold recipient set (or both are empty),
and its PLOVER type is one of those listed. Each gold event matches at most one extracted
event; an extracted event that repeats an already matched gold event is a duplicate report and
is neither a hit nor a false alarm (``strict_precision`` counts it as a false alarm).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyads.errors import InputError
from dyads.records import Actor, Article, Event

# A reciprocal event may be coded PLOVER-style (both in `actor`, no recipient) or CAMEO-style
# (A->B); the gold accepts either, so an event with several actors and no recipient is matched
# as if each actor were also a recipient.


def actor_keys(actors: Iterable[Actor]) -> set[str]:
    """The codes an actor list can match: country/IGO prefix, and an IGO's own code."""
    keys: set[str] = set()
    for a in actors:
        code = a.code.upper()
        keys.add(code[:3])
        if code[:3] in ("IGO", "NGO", "IMG", "MNC"):
            keys.update(code[i : i + 3] for i in range(3, len(code), 3))
    return keys


@dataclass
class GoldEvent:
    """One hand-coded event with its acceptable answers."""

    id: str
    required: bool
    spans: list[tuple[int, int]]
    actor: set[str]
    recipient: set[str]
    types: list[str]
    date: str | None
    modality: str | None
    raw: dict[str, Any]
    evidence: str = ""


@dataclass
class DocScore:
    """Matching result for one document."""

    doc_id: str
    n_extracted: int
    hits: int  # extracted events matching some gold event
    pairs: list[tuple[str, str]]  # (gold id, event id)
    gold: list[GoldEvent]
    events: list[Event]
    must_not_violations: list[str] = field(default_factory=list)


def _span(text: str, phrase: str, where: str) -> tuple[int, int]:
    i = text.find(phrase)
    if i < 0:
        raise InputError(
            where, f"evidence not found in the text: {phrase[:60]!r}", "fix the gold file"
        )
    return i, i + len(phrase)


def _locate(text: str, ref: Any, where: str) -> tuple[int, int]:
    """A gold span given as a phrase of the text, or as ``{start, end}`` offsets (the real-news
    gold, which may not hold the publisher's text)."""
    if isinstance(ref, dict):
        return int(ref["start"]), int(ref["end"])
    return _span(text, str(ref), where)


def _gold_events(doc: dict[str, Any], text: str, headline_end: int, where: str) -> list[GoldEvent]:
    out = []
    for g in doc.get("events", []):
        spans = [_locate(text, g["evidence"], where)]
        for extra in g.get("also_stated_in", []):
            spans.append((0, headline_end) if extra == "headline" else _locate(text, extra, where))
        out.append(
            GoldEvent(
                id=g["id"],
                required=bool(g.get("required", True)),
                spans=spans,
                actor={a.upper() for a in g.get("actor", [])},
                recipient={a.upper() for a in g.get("recipient", [])},
                types=list(g["event"]),
                date=g.get("date"),
                modality=g.get("modality"),
                raw=g,
                evidence=text[spans[0][0] : spans[0][1]],
            )
        )
    return out


def _overlaps(ev: Event, spans: Sequence[tuple[int, int]]) -> bool:
    for m in ev.mentions or (ev.text_info,):
        for s, e in spans:
            if m.start < e and s < m.end:
                return True
    return False


def _triggered_in(ev: Event, span: tuple[int, int]) -> bool:
    """Whether one of the event's mentions has its trigger word inside ``span`` (a must_not
    phrase may be a clause of a sentence that also states a real event)."""
    s, e = span
    for m in ev.mentions or (ev.text_info,):
        if m.trigger_start is None or m.trigger_end is None:
            if m.start < e and s < m.end:
                return True
        elif m.trigger_start < e and s < m.trigger_end:
            return True
    return False


def matches(ev: Event, g: GoldEvent) -> bool:
    """The gold file's matching rule for one extracted event and one gold event."""
    if ev.event not in g.types or not _overlaps(ev, g.spans):
        return False
    a = actor_keys(ev.actor)
    r = actor_keys(ev.recipient)
    if not (a & g.actor):
        return False
    if not r and not g.recipient:
        return True
    if not r and len(ev.actor) >= 2:
        r = a  # a joint event coded PLOVER-style: every participant acts on the others
    return bool(r & g.recipient)


def _max_matching(gold: list[GoldEvent], events: list[Event]) -> dict[int, int]:
    """Maximum bipartite matching gold -> event (required gold first), by augmenting paths."""
    adj = {gi: [ei for ei, ev in enumerate(events) if matches(ev, g)] for gi, g in enumerate(gold)}
    owner: dict[int, int] = {}

    def augment(gi: int, seen: set[int]) -> bool:
        for ei in adj[gi]:
            if ei in seen:
                continue
            seen.add(ei)
            if ei not in owner or augment(owner[ei], seen):
                owner[ei] = gi
                return True
        return False

    for gi in sorted(adj, key=lambda i: (not gold[i].required, i)):
        augment(gi, set())
    return {gi: ei for ei, gi in owner.items()}


def score_document(
    doc_id: str,
    text: str,
    headline_end: int,
    gold_doc: dict[str, Any],
    events: list[Event],
    where: str,
) -> DocScore:
    """Match one document's events against its gold events and must_not list."""
    gold = _gold_events(gold_doc, text, headline_end, where)
    pairs = _max_matching(gold, events)
    hits = sum(1 for ev in events if any(matches(ev, g) for g in gold))
    violations = []
    for m in gold_doc.get("must_not", []):
        span = _locate(text, m.get("evidence", m), where)
        if any(_triggered_in(ev, span) for ev in events):
            violations.append(text[span[0] : span[1]])
    return DocScore(
        doc_id=doc_id,
        n_extracted=len(events),
        hits=hits,
        pairs=[(gold[gi].id, events[ei].id) for gi, ei in sorted(pairs.items())],
        gold=gold,
        events=events,
        must_not_violations=violations,
    )


def summarize(scores: list[DocScore]) -> dict[str, Any]:
    """Aggregate precision, recall, F1, per-type table, date and modality accuracy."""
    n_ext = sum(s.n_extracted for s in scores)
    hits = sum(s.hits for s in scores)
    per_type: dict[str, Counter[str]] = {}
    required = found_required = matched = 0
    date_ok = date_n = mod_ok = mod_n = 0
    # full actor codes (sector included), where the gold gives them (the real-news gold does)
    codes_ok: Counter[str] = Counter()
    codes_n: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    for s in scores:
        by_gold = dict(s.pairs)
        events = {e.id: e for e in s.events}
        for g in s.gold:
            t = per_type.setdefault(g.types[0], Counter())
            ev = events.get(by_gold.get(g.id, ""))
            if g.required:
                required += 1
                t["required"] += 1
                if ev is not None:
                    found_required += 1
                    t["found"] += 1
                else:
                    misses.append({"doc": s.doc_id, "gold": g.id, "evidence": g.evidence})
            if ev is None:
                continue
            matched += 1
            if g.date:
                date_n += 1
                date_ok += int(ev.date == g.date)
            if g.modality:
                mod_n += 1
                mod_ok += int(ev.modality == g.modality)
            for role, got in (("actor", ev.actor), ("recipient", ev.recipient)):
                want = {sp["code"] for sp in g.raw.get(f"{role}_spans") or []}
                if want:
                    codes_n[role] += 1
                    codes_ok[role] += int(bool(want & {a.code for a in got}))
    precision = hits / n_ext if n_ext else 0.0
    strict = matched / n_ext if n_ext else 0.0
    recall = found_required / required if required else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "documents": len(scores),
        "extracted": n_ext,
        "required": required,
        "required_found": found_required,
        "recall_required": round(recall, 4),
        "precision": round(precision, 4),
        "strict_precision": round(strict, 4),
        "f1": round(f1, 4),
        "date_accuracy": round(date_ok / date_n, 4) if date_n else None,
        "dates_scored": date_n,
        "modality_accuracy": round(mod_ok / mod_n, 4) if mod_n else None,
        "modalities_scored": mod_n,
        "actor_code_accuracy": round(codes_ok["actor"] / codes_n["actor"], 4)
        if codes_n["actor"]
        else None,
        "recipient_code_accuracy": round(codes_ok["recipient"] / codes_n["recipient"], 4)
        if codes_n["recipient"]
        else None,
        "must_not_violations": [v for s in scores for v in s.must_not_violations],
        "per_type": {
            k: {"required": v["required"], "found": v["found"]} for k, v in sorted(per_type.items())
        },
        "missed_required": misses,
    }


def false_alarms(scores: list[DocScore]) -> list[dict[str, Any]]:
    """Extracted events that match no gold event, for error analysis."""
    out = []
    for s in scores:
        for ev in s.events:
            if not any(matches(ev, g) for g in s.gold):
                out.append(
                    {
                        "doc": s.doc_id,
                        "event": ev.event,
                        "actor": [a.code for a in ev.actor],
                        "recipient": [a.code for a in ev.recipient],
                        "trigger": ev.text_info.trigger,
                        "sentence": ev.text_info.sentence[:120],
                    }
                )
    return out


def _coder() -> Any:
    from dyads.pipeline import Coder

    return Coder.default()


def score_gold_file(path: Path | str, coder: Any = None) -> tuple[dict[str, Any], list[DocScore]]:
    """Score the coder on a gold article file (``X.gold.json`` beside ``X.txt``)."""
    from dyads.readers.base import text_article

    p = Path(path)
    try:
        gold = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(str(p), f"cannot read gold file: {exc}", "pass a .gold.json file") from exc
    article_path = p.with_name(p.name.replace(".gold.json", ".txt"))
    if not article_path.exists():
        raise InputError(
            str(p), f"article {article_path.name} not found beside the gold file", None
        )
    date = dt.date.fromisoformat(gold["doc_date"]) if gold.get("doc_date") else None
    text = article_path.read_text(encoding="utf-8")
    article = text_article(text, str(article_path), date)
    events = (coder or _coder()).code(article)
    s = score_document(article.id, text, article.body_start, gold, events, str(p))
    return summarize([s]), [s]


def score_sentences(path: Path | str, coder: Any = None) -> tuple[dict[str, Any], list[DocScore]]:
    """Score the coder on a JSONL dev set: one ``{id, doc_date, text, events, must_not}`` per line."""
    p = Path(path)
    c = coder or _coder()
    arts: list[tuple[Article, dict[str, Any]]] = []
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(str(p), f"not valid JSON ({exc.msg})", "fix the line", n) from exc
        date = dt.date.fromisoformat(d["doc_date"]) if d.get("doc_date") else None
        arts.append((Article(id=str(d.get("id", n)), text=d["text"], date=date), d))
    scores = []
    for (art, d), (_, events) in zip(arts, c.code_batch(a for a, _ in arts), strict=True):
        scores.append(score_document(art.id, art.text, 0, d, events, f"{p}:{art.id}"))
    return summarize(scores), scores


def score_path(path: Path | str, coder: Any = None) -> tuple[dict[str, Any], list[DocScore]]:
    """Dispatch on the file type: a ``.gold.json`` article or a ``.jsonl`` sentence set."""
    if str(path).endswith(".jsonl"):
        return score_sentences(path, coder)
    return score_gold_file(path, coder)
