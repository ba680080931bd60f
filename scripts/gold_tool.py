"""Annotators' tool for the real-news gold (see docs/annotation/GUIDELINES.md).

    python scripts/gold_tool.py show CHUNK        # print the chunk's texts to annotate
    python scripts/gold_tool.py convert CHUNK     # check raw/CHUNK.jsonl, write gold/CHUNK.jsonl
    python scripts/gold_tool.py status            # which chunks are annotated
    python scripts/gold_tool.py compare CHUNK2    # both passes of a second-pass chunk
    python scripts/gold_tool.py convert CHUNK --only ID,ID   # re-convert adjudicated records

Annotators write quotes (``tests/data/realnews/raw/``, never committed: quotes are publisher
text); ``convert`` checks every field against the ontology, finds every quote in the corpus text
(whitespace- and apostrophe-insensitive, so hard-wrapped Reuters lines do not matter) and writes
the offsets-only gold file that is committed and scored (``tests/data/realnews/gold/``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any

import pycountry

from dyads.goldsets import MANIFEST, REALNEWS_DIR, corpus_texts, load_manifest
from dyads.ontology import Ontology

RAW_DIR = REALNEWS_DIR / "raw"
GOLD_DIR = REALNEWS_DIR / "gold"
MODALITIES = {"asserted", "future", "negated", "hypothetical", "alleged"}
SECTORS = set(
    [
        "COP",
        "GOV",
        "JUD",
        "LEG",
        "MIL",
        "PRM",
        "PTY",
        "REB",
        "SPY",
        "UAF",
        "UNK",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "EDU",
        "ELI",
        "JRN",
        "LAB",
        "MED",
        "REF",
        "OPP",
        "PRE",
        "REL",
        "SOC",
    ]
)
INTERNATIONAL = {"IGO", "NGO", "IMG", "MNC"}
# PLOVER/CAMEO codes that are not current ISO 3166 alpha-3 codes (historical states included,
# since the Reuters articles are from 1987).
SPECIAL_COUNTRIES = {"KOS", "PSE", "VAT", "SUN", "DDR", "YUG", "CSK", "SCG", "ZAR", "BUR"}
COUNTRIES = {c.alpha_3 for c in pycountry.countries} | SPECIAL_COUNTRIES
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
CODE = re.compile(r"^([A-Z]{3})+$")


class Problems(list[str]):
    """Problems found in one chunk, each naming the record and the fix."""


def _pattern(quote: str) -> re.Pattern[str]:
    parts = []
    for tok in quote.split():
        esc = re.escape(tok)
        esc = re.sub(r"\\?['’‘]", "['’‘]", esc)
        esc = re.sub(r'\\?["“”]', '["“”]', esc)
        parts.append(esc)
    return re.compile(r"\s+".join(parts))


def find(
    text: str, quote: str, lo: int = 0, hi: int | None = None, occurrence: int = 1
) -> list[tuple[int, int]]:
    """All spans of ``quote`` in ``text[lo:hi]`` (whitespace-insensitive), as absolute offsets."""
    hi = len(text) if hi is None else hi
    if not quote or not quote.strip():
        return []
    pat = _pattern(quote)
    # whole words first ("Iran" is not the start of "Iranian"), any substring as a fallback
    left = r"\b" if quote.strip()[0].isalnum() else ""
    right = r"\b" if quote.strip()[-1].isalnum() else ""
    for p in (re.compile(left + pat.pattern + right), pat):
        found = [(m.start() + lo, m.end() + lo) for m in p.finditer(text[lo:hi])]
        if found:
            return found
    return []


def _one(spans: list[tuple[int, int]], occurrence: int | None) -> tuple[int, int] | None:
    if not spans:
        return None
    if occurrence is None:
        return spans[0]
    return spans[occurrence - 1] if 0 < occurrence <= len(spans) else None


def _code_ok(code: str) -> str | None:
    if not CODE.match(code):
        return f"code {code!r} is not a run of three-letter upper-case codes"
    head = code[:3]
    if head in COUNTRIES or head in INTERNATIONAL or head in SECTORS:
        return None
    return f"code {code!r}: {head!r} is no country (ISO alpha-3), IGO/NGO/IMG/MNC or sector"


def acceptable(codes: list[str], alt: list[str]) -> list[str]:
    """The three-letter codes a coder's actor may carry to match (as the scorer's actor_keys)."""
    keys: list[str] = []
    for code in codes:
        pieces = [code[:3]]
        if code[:3] in INTERNATIONAL:
            pieces += [
                code[i : i + 3] for i in range(3, len(code), 3) if code[i : i + 3] not in SECTORS
            ]
        for p in pieces:
            if p not in keys:
                keys.append(p)
    for a in alt:
        if a not in keys:
            keys.append(a)
    return keys


def _spans(
    text: str, items: Any, region: tuple[int, int], where: str, problems: Problems
) -> list[dict[str, Any]]:
    out = []
    if not isinstance(items, list):
        problems.append(f"{where}: expected a list of {{quote, code}}")
        return out
    for it in items:
        if not isinstance(it, dict) or "code" not in it:
            problems.append(f"{where}: each entry needs 'quote' and 'code'")
            continue
        code = str(it["code"]).upper()
        if err := _code_ok(code):
            problems.append(f"{where}: {err}")
        quote = str(it.get("quote") or "")
        occ = it.get("occurrence")
        span = _one(find(text, quote, *region), occ)
        if span is None:
            # an antecedent outside the evidence: the nearest mention before it, else the first
            spans = find(text, quote)
            before = [s for s in spans if s[0] < region[0]]
            span = (
                _one(spans, occ)
                if occ
                else (before[-1] if before else (spans[0] if spans else None))
            )
        if span is None:
            problems.append(f"{where}: quote {quote!r} not found in the text; copy it exactly")
            continue
        out.append({"start": span[0], "end": span[1], "code": code})
    return out


def convert_event(
    ont: Ontology,
    text: str,
    ev: dict[str, Any],
    n: int,
    where: str,
    is_article: bool,
    problems: Problems,
) -> dict[str, Any] | None:
    """One raw event -> one gold event with offsets; problems appended."""
    w = f"{where} E{n}"
    types = ev.get("event")
    if isinstance(types, str):
        types = [types]
    if not types or any(t not in ont.types for t in types):
        problems.append(f"{w}: 'event' must list PLOVER types from {sorted(ont.types)}")
        return None
    mode = ev.get("mode") or None
    if mode is not None:
        modes = {m for t in types for m in ont.types[t].modes}
        # AGREE carries the mode of the future act it announces (a future visit: AGREE/visit)
        if mode not in modes:
            problems.append(
                f"{w}: mode {mode!r} belongs to none of {types}; use a listed mode or null"
            )
    cameo = [str(c) for c in (ev.get("cameo") or [])]
    for c in cameo:
        if c not in ont.cameo_entries:
            problems.append(
                f"{w}: CAMEO {c!r} is not in CAMEO2PLOVER (write it as text, leading zero kept)"
            )
    modality = ev.get("modality") or "asserted"
    if modality not in MODALITIES:
        problems.append(f"{w}: modality {modality!r} is not one of {sorted(MODALITIES)}")
    date = ev.get("date") or None
    if date is not None and not DATE.match(str(date)):
        problems.append(f"{w}: date {date!r} is not YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www")
    region = (0, len(text))
    evidence = ev.get("evidence")
    if evidence:
        spans = find(text, str(evidence))
        if not spans:
            problems.append(f"{w}: evidence {str(evidence)[:50]!r} not found; copy it exactly")
            return None
        if is_article and len(spans) > 1 and "evidence_occurrence" not in ev:
            problems.append(
                f"{w}: evidence {str(evidence)[:50]!r} occurs {len(spans)} times; quote more"
            )
        region = _one(spans, ev.get("evidence_occurrence")) or spans[0]
    elif is_article:
        problems.append(
            f"{w}: articles need 'evidence' (a phrase of the sentence, unique in the article)"
        )
        return None
    trig = _one(find(text, str(ev.get("trigger") or ""), *region), ev.get("trigger_occurrence"))
    if trig is None:
        problems.append(f"{w}: trigger {ev.get('trigger')!r} not found inside the evidence")
        return None
    also = []
    for q in ev.get("also_stated_in") or []:
        spans = find(text, str(q))
        if not spans:
            problems.append(f"{w}: also_stated_in {str(q)[:50]!r} not found")
        else:
            also.append({"start": spans[0][0], "end": spans[0][1]})
    actor_spans = _spans(text, ev.get("actor", []), region, f"{w} actor", problems)
    recipient_spans = _spans(text, ev.get("recipient", []), region, f"{w} recipient", problems)
    for alt in (ev.get("actor_alt") or []) + (ev.get("recipient_alt") or []):
        if err := _code_ok(str(alt)):
            problems.append(f"{w} alt: {err}")
    actor = acceptable(
        [s["code"] for s in actor_spans], [str(a).upper()[:3] for a in ev.get("actor_alt") or []]
    )
    recipient = acceptable(
        [s["code"] for s in recipient_spans],
        [str(a).upper()[:3] for a in ev.get("recipient_alt") or []],
    )
    return {
        "id": f"E{n}",
        "required": bool(ev.get("required", True)),
        "trigger": {"start": trig[0], "end": trig[1], "text": text[trig[0] : trig[1]]},
        "evidence": {"start": region[0], "end": region[1]},
        "also_stated_in": also,
        "event": list(types),
        "mode": mode,
        "cameo": cameo,
        "actor": actor,
        "actor_spans": actor_spans,
        "recipient": recipient,
        "recipient_spans": recipient_spans,
        "date": date,
        "modality": modality,
        "attributed_to": [str(a) for a in ev.get("attributed_to") or []],
        "context": [str(c) for c in ev.get("context") or []],
        "note": str(ev.get("note") or ""),
    }


def convert(chunk: str, only: set[str] | None = None) -> int:
    """Check ``raw/CHUNK.jsonl`` and write ``gold/CHUNK.jsonl``; return the number of problems.

    With ``only``, just those records are converted again (adjudication); the others keep
    their gold lines as they are."""
    manifest = load_manifest()
    spec = next((c for c in manifest["chunks"] if c["chunk"] == chunk), None)
    if spec is None:
        print(f"no chunk {chunk!r} in {MANIFEST}", file=sys.stderr)
        return 1
    raw_path = RAW_DIR / f"{chunk}.jsonl"
    texts = corpus_texts(spec["kind"])
    ont = Ontology.default()
    problems = Problems()
    out: dict[str, dict[str, Any]] = {}
    is_article = spec["kind"] == "articles"
    lines = raw_path.read_text(encoding="utf-8").splitlines() if raw_path.exists() else []
    for ln, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{raw_path}:{ln}: not valid JSON ({exc.msg})")
            continue
        rid = str(rec.get("id"))
        if rid not in spec["ids"]:
            problems.append(f"{raw_path}:{ln}: id {rid!r} is not in chunk {chunk}")
            continue
        text, doc_date = texts[rid]
        where = f"{raw_path}:{ln} {rid}"
        events = []
        for n, ev in enumerate(rec.get("events") or [], start=1):
            g = convert_event(ont, text, ev, n, where, is_article, problems)
            if g is not None:
                events.append(g)
        must_not = []
        for m in rec.get("must_not") or []:
            spans = find(text, str(m.get("quote") or ""))
            if not spans:
                problems.append(f"{where}: must_not quote {str(m.get('quote'))[:50]!r} not found")
                continue
            must_not.append(
                {"start": spans[0][0], "end": spans[0][1], "why": str(m.get("why") or "")}
            )
        out[rid] = {
            "id": rid,
            "chunk": chunk,
            "annotator": spec["annotator"],
            "pass": spec["pass"],
            "doc_date": doc_date,
            "events": events,
            "must_not": must_not,
            "note": str(rec.get("note") or ""),
        }
    gold_path = GOLD_DIR / f"{chunk}.jsonl"
    if only is not None:
        kept = [json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines() if x]
        out.update({r["id"]: r for r in kept if r["id"] not in only})
        problems[:] = [p for p in problems if any(i in p for i in only)]
    missing = [i for i in spec["ids"] if i not in out]
    if missing:
        problems.append(
            f"{raw_path}: {len(missing)} record(s) of the chunk not annotated yet: {missing[:5]}"
        )
    for p in problems:
        print(p)
    GOLD_DIR.mkdir(parents=True, exist_ok=True)
    with gold_path.open("w", encoding="utf-8") as fh:
        for rid in spec["ids"]:
            if rid in out:
                fh.write(json.dumps(out[rid], ensure_ascii=False) + "\n")
    n_ev = sum(len(r["events"]) for r in out.values())
    print(
        f"{gold_path}: {len(out)} of {len(spec['ids'])} records, {n_ev} events, {len(problems)} problem(s)"
    )
    return len(problems)


def show(chunk: str) -> None:
    """Print the chunk's texts, as the annotator reads them."""
    spec = next(c for c in load_manifest()["chunks"] if c["chunk"] == chunk)
    texts = corpus_texts(spec["kind"])
    for rid in spec["ids"]:
        text, date = texts[rid]
        if spec["kind"] == "sentences":
            print(f"{rid}\t{text.strip()}")
        else:
            print(f"===== {rid}  (publication date: {date or 'unknown'})\n{text}\n")


def compare(chunk: str) -> None:
    """For a second-pass chunk: each text with both annotators' raw records, for adjudication."""
    chunks = load_manifest()["chunks"]
    spec = next(c for c in chunks if c["chunk"] == chunk)
    texts = corpus_texts(spec["kind"])
    owner = {i: c["chunk"] for c in chunks if c["pass"] == 1 for i in c["ids"]}

    def raw(ch: str, rid: str) -> str:
        path = RAW_DIR / f"{ch}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
            if line.strip() and json.loads(line).get("id") == rid:
                return line
        return "(not annotated)"

    for rid in spec["ids"]:
        text, date = texts[rid]
        print(f"===== {rid}  (publication date: {date or 'unknown'}; pass 1 in {owner[rid]})")
        print(text.strip())
        print(f"--- pass 1 ({owner[rid]}):\n{raw(owner[rid], rid)}")
        print(f"--- pass 2 ({chunk}):\n{raw(chunk, rid)}\n")


def status() -> None:
    """One line per chunk: annotator, pass, raw and gold records."""
    for c in load_manifest()["chunks"]:
        raw = RAW_DIR / f"{c['chunk']}.jsonl"
        gold = GOLD_DIR / f"{c['chunk']}.jsonl"
        nr = sum(1 for x in raw.read_text().splitlines() if x.strip()) if raw.exists() else 0
        ng = sum(1 for x in gold.read_text().splitlines() if x.strip()) if gold.exists() else 0
        print(
            f"{c['chunk']:5} {c['annotator']} pass {c['pass']} {len(c['ids']):3} ids  raw {nr:3}  gold {ng:3}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["show", "convert", "status", "compare"])
    ap.add_argument("chunk", nargs="?")
    ap.add_argument("--only", help="convert: just these record ids (comma-separated)")
    args = ap.parse_args()
    if args.command == "status":
        status()
    elif args.command == "show":
        show(args.chunk)
    elif args.command == "compare":
        compare(args.chunk)
    else:
        only = set(args.only.split(",")) if args.only else None
        sys.exit(1 if convert(args.chunk, only) else 0)


if __name__ == "__main__":
    main()
